"""The hypothesis strategies of the replay property test for the regisseur's own work (issue
5): positioneringen, procesontwerp versions, interventies through their cycle and reflecties;
and ``acties``, every action the test draws, these and those of :mod:`._replay_strategieen`."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from cases.models import (
    POSITIES_PER_VELD,
    Aangrijpingspunt,
    Niveau,
    Positie,
    PositioneringsVeld,
    Uitgepakt,
    Zwaarte,
)
from instruments.models import INTERVENTIEVELDEN

from ._replay_model import GEPLAND, GEPLAND_FOUT
from ._replay_strategieen import (
    AUTEURS,
    GEWICHTEN,
    NIVEAUS,
    SOORTEN,
    index,
    soms_index,
    tekst,
    tekst_gevuld,
    toelichting,
)


def _meestal(goed: st.SearchStrategy[Any], soms: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """Mostly ``goed``, about one time in six ``soms`` (input the service refuses, mostly).

    Hypothesis favours the first of a sampled list, so ``goed`` comes first: examples (and
    shrunk failures) mostly run through the cycle rather than stop at a refusal.
    """
    return st.sampled_from(range(6)).flatmap(lambda i: goed if i < 5 else soms)


def _soms_blank(strategie: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return _meestal(strategie, st.sampled_from(["", " \t"]))


# Dates as days from today; the case was opened ten days ago (test_replay.py), so: before the
# opening, around it, the last days, today, and the future.
dag = st.sampled_from([0, -1, -4, -9, -10, 3, -12, 0])
soms_dag = st.one_of(st.none(), dag)
niveau_of_standaard = st.one_of(st.none(), st.sampled_from(NIVEAUS))  # None: the default
# A wyber-stap: none, an index into the case's steps, or a step of another case (refused).
stapkeuze = st.sampled_from([None, None, None, 0, 1, 2, "vreemd"])
# Spelers or opdrachtgevers: indices into the case's (the handler drops repeats), and now and
# then the first one named twice on purpose (refused).
partijkeuze = st.tuples(st.lists(index, max_size=2), st.sampled_from([False] * 7 + [True]))
# In the veld's own positions mostly, now and then one of another veld; and now and then a
# veld the book gives no positions in (refused).
veld_en_positie = st.sampled_from([*PositioneringsVeld.values * 4, "ontwerpende"]).flatmap(
    lambda veld: st.tuples(
        st.just(veld),
        st.sampled_from([*POSITIES_PER_VELD.get(veld, ()) * 3, *Positie.values]),
    )
)
geplande_stappen = st.lists(
    st.fixed_dictionaries(
        {"titel": _soms_blank(tekst_gevuld)},
        optional={
            "gepland": _meestal(st.sampled_from(list(GEPLAND)), st.sampled_from(GEPLAND_FOUT)),
            "omschrijving": tekst,
        },
    ),
    max_size=3,
)
geldige_velden = st.lists(st.sampled_from(INTERVENTIEVELDEN), min_size=1, max_size=2, unique=True)
interventievelden = _meestal(
    geldige_velden,
    # none, ``algemeen`` (no veld of the model) or one twice: refused
    st.lists(st.sampled_from(["idee", "interne", "algemeen"]), max_size=2),
)
zwaartes = _meestal(st.sampled_from(Zwaarte.values), st.just("extreem"))
# The mistakes a new interventie is given now and then, one at a time (each refused), so that
# most interventies are logged and go on through their cycle.
INTERVENTIEFOUTEN: list[tuple[str, Any]] = [
    ("titel", ""),
    ("beoogd_effect", ""),
    ("zwaarte", "extreem"),
    ("velden", []),
    ("velden", ["algemeen"]),
    ("velden", ["idee", "idee"]),
    ("datum", -12),  # before the opening
    ("status", "geevalueerd"),  # evaluating comes after logging
    ("wat_gedaan", "Al gedaan"),  # a planned one has done nothing yet; a done one, blank
    ("uitgevoerd_op", 3),  # a planned one was not carried out; a done one, not in the future
    ("spelers", ([0], True)),
    ("wyberstap", "vreemd"),
]


def _met_fout(invoer: dict[str, Any], fout: tuple[str, Any] | None) -> dict[str, Any]:
    if fout is None:
        return invoer
    sleutel, waarde = fout
    if sleutel == "wat_gedaan" and invoer["status"] == "uitgevoerd":
        waarde = " "
    return {**invoer, sleutel: waarde}


def _interventie(status: str) -> st.SearchStrategy[dict[str, Any]]:
    """log_interventie's arguments: valid mostly, one time in four with one mistake."""
    gepland = status == "gepland"
    goed = st.fixed_dictionaries(
        {
            "titel": tekst_gevuld,
            # the future only for a planned one (a done one defaults to being done that day)
            "datum": st.sampled_from([0, -1, -4, -9, -10, *([3] if gepland else [])]),
            "velden": geldige_velden,
            "niveau": st.sampled_from(Niveau.values),
            "aangrijpingspunt": st.sampled_from(Aangrijpingspunt.values),
            "zwaarte": st.sampled_from(Zwaarte.values),
            "beoogd_effect": tekst_gevuld,
            "waarom": tekst,
            "strategie": soms_index,  # indices into a few rows of the catalogue
            "instrument": soms_index,
            "spelers": st.tuples(st.lists(index, max_size=2), st.just(False)),
            "opdrachtgevers": st.tuples(st.lists(index, max_size=2), st.just(False)),
            "wyberstap": st.sampled_from([None, None, 0, 1, 2]),
            "status": st.just(status),
            "wat_gedaan": st.just("") if gepland else tekst_gevuld,
            # when done: that day, or a day that may or may not lie between datum and today
            "uitgevoerd_op": st.none() if gepland else _meestal(st.none(), dag),
            "zichtbaarheid": niveau_of_standaard,
        }
    )
    fout = st.sampled_from(range(4)).flatmap(
        lambda i: st.none() if i < 3 else st.sampled_from(INTERVENTIEFOUTEN)
    )
    return st.tuples(goed, fout).map(lambda paar: _met_fout(*paar))


# What wijzig_interventie may change, each with the values it draws; an edit changes one or
# two, those of the cycle (refused unless the status allows them) less often than the rest.
VRIJ: dict[str, st.SearchStrategy[Any]] = {
    "titel": _soms_blank(tekst_gevuld),
    "datum": dag,
    "niveau": st.sampled_from(Niveau.values),
    "aangrijpingspunt": st.sampled_from(Aangrijpingspunt.values),
    "zwaarte": zwaartes,
    "beoogd_effect": _soms_blank(tekst_gevuld),
    "waarom": tekst,
    "strategie": soms_index,
    "instrument": soms_index,
    "wyberstap": stapkeuze,
    "velden": interventievelden,
    "spelers": partijkeuze,
    "opdrachtgevers": partijkeuze,
}
CYCLUS: dict[str, st.SearchStrategy[Any]] = {
    "wat_gedaan": _soms_blank(tekst_gevuld),
    "uitgevoerd_op": soms_dag,
    "waargenomen_effect": _soms_blank(tekst_gevuld),
    "uitgepakt": st.sampled_from([*Uitgepakt.values, ""]),
    "vervolg": tekst,
    "geevalueerd_op": soms_dag,
}
INTERVENTIEWIJZIGINGEN = {**VRIJ, **CYCLUS}
interventiewijzigingen = st.lists(
    st.sampled_from([*sorted(VRIJ) * 2, *sorted(CYCLUS)]), max_size=2, unique=True
).flatmap(lambda sleutels: st.fixed_dictionaries({s: INTERVENTIEWIJZIGINGEN[s] for s in sleutels}))
# Carrying out or evaluating: mostly an interventie whose status allows it (when the case has
# one), now and then any (refused with a 409 unless it happens to fit).
passend = st.sampled_from([True, True, True, False])
REGIE: dict[str, st.SearchStrategy[tuple[Any, ...]]] = {
    "positionering": st.tuples(
        st.just("positionering"),
        veld_en_positie,
        _soms_blank(tekst_gevuld),  # omschrijving: required in the interne veld
        soms_dag,  # sinds (None: today)
        stapkeuze,
        niveau_of_standaard,
        st.sampled_from(AUTEURS),
        toelichting,
    ),
    "procesontwerp": st.tuples(
        st.just("procesontwerp"),
        _meestal(tekst_gevuld, st.sampled_from(["", " \t", "x" * 1001])),
        _meestal(st.sampled_from(["lineair", "flipperkast", "cyclisch"]), st.just("spiraal")),
        tekst,  # spelregels
        geplande_stappen,
        st.booleans(),  # repeat the current version's content instead (when there is one)
        st.sampled_from(AUTEURS),
        toelichting,
    ),
    "interventie": st.tuples(
        st.just("interventie"),
        st.sampled_from(["gepland"] * 3 + ["uitgevoerd"] * 2 + ["geevalueerd"]).flatmap(
            _interventie
        ),
        st.sampled_from(AUTEURS),
        toelichting,
    ),
    "interventie_wijzig": st.tuples(
        st.just("interventie_wijzig"),
        index,
        interventiewijzigingen,
        st.sampled_from([None] * 6 + ["zichtbaarheid", "status"]),  # not changed here: refused
        toelichting,
    ),
    "interventie_uitvoer": st.tuples(
        st.just("interventie_uitvoer"),
        index,
        passend,
        _soms_blank(tekst_gevuld),
        _meestal(st.none(), dag),  # None: today
        toelichting,
    ),
    "interventie_evalueer": st.tuples(
        st.just("interventie_evalueer"),
        index,
        passend,
        _soms_blank(tekst_gevuld),
        _meestal(st.sampled_from(Uitgepakt.values), st.sampled_from(["", "misschien"])),
        tekst,
        _meestal(st.none(), dag),  # None: today
        toelichting,
    ),
    "reflectie": st.tuples(
        st.just("reflectie"),
        index,
        _soms_blank(tekst_gevuld),
        niveau_of_standaard,
        st.sampled_from(AUTEURS),
    ),
}
# Logging interventies and carrying them out come up more often than the rest, so that
# interventies reach every status and collect changes and reflecties.
REGIE_GEWICHTEN = {
    "positionering": 2,
    "procesontwerp": 3,
    "interventie": 5,
    "interventie_wijzig": 3,
    "interventie_uitvoer": 3,
    "interventie_evalueer": 3,
    "reflectie": 3,
}
ALLE_SOORTEN = {**SOORTEN, **REGIE}
ALLE_GEWICHTEN = {**GEWICHTEN, **REGIE_GEWICHTEN}
acties = st.sampled_from(
    [soort for soort in ALLE_SOORTEN for _ in range(ALLE_GEWICHTEN.get(soort, 1))]
).flatmap(ALLE_SOORTEN.__getitem__)
