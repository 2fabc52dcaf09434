"""Werkelijke tijd as properties, with hypothesis.

1. A history entered in any order tells the same story as the same history entered in the
   order it happened: of a random valid history entered in a random order, every fact that is
   accepted leaves the case exactly as entering those same facts in world-time order does; a
   refused fact writes nothing.
2. ``bekend_op`` gives exactly what was answered then: after every write the momentopname is
   noted with the recording moment, and folding with ``bekend_op`` at that moment later gives
   the same answer again.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any
from zoneinfo import ZoneInfo

from django.core.management import call_command
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from cases import selectors, services
from cases.events import verifieer_keten
from cases.exceptions import DomainError
from cases.models import Bestuursproces, Gebeurtenis, HuidigeSpelerBeoordeling, Speler
from cases.services.partijen import ACTIES
from tests._hypothesis import voorbeelden
from tests.cases._leesmodel import controleer_leesmodel
from tests.cases.services._hulp import alle_rijen
from tests.factories import actor_voor

from ._standen import terugkijken_klopt

AMS = ZoneInfo("Europe/Amsterdam")
BEGIN = dt.datetime(2016, 1, 4, 9, tzinfo=AMS)
NAMEN = ("Boerenvereniging", "Energiecoöperatie", "Waterschap")
STANDPUNTEN = ("voorstander", "tegenstander", "afwachtend")

# A fact: (day after the opening, kind, party index, value). Days are distinct, so that the
# world-time order of a history is one order.
feit = st.tuples(
    st.integers(30, 1800),
    st.sampled_from(("beoordeling", "notitie", "betrokkenheid")),
    st.integers(0, len(NAMEN) - 1),
    st.integers(0, 3),
)


def _geldig_in_wereldvolgorde(feiten: list[tuple[int, Any, int, int]]) -> list[tuple[Any, ...]]:
    """Keep the betrokkenheid actions that are possible in world-time order, as (day, kind,
    party, value) with the action's name as value."""
    stand = dict.fromkeys(range(len(NAMEN)), "nog_te_betrekken")
    result: list[tuple[Any, ...]] = []
    for dag, soort, partij, waarde in sorted(feiten):
        if soort == "betrokkenheid":
            actie = list(ACTIES)[waarde % len(ACTIES)]
            naar, vanaf = ACTIES[actie]
            if stand[partij] not in vanaf:
                continue
            stand[partij] = naar
            result.append((dag, soort, partij, actie))
        else:
            result.append((dag, soort, partij, waarde))
    return result


def _open(regisseur: Any) -> tuple[Bestuursproces, list[Speler]]:
    actor = actor_voor(regisseur)
    proces = services.open_bestuursproces(
        actor=actor, titel="Windpark", rol_gemeente="initierend", aanpak="cyclisch", tijdstip=BEGIN
    )
    spelers = [
        services.registreer_speler(
            actor=actor,
            bestuursproces=proces,
            naam=naam,
            soort="groep",
            veld="verbindende",
            rol_in_proces="sleutelpersoon",
            tijdstip=BEGIN + dt.timedelta(hours=1),
        )
        for naam in NAMEN
    ]
    return proces, spelers


def _leg_vast(
    regisseur: Any, spelers: list[Speler], f: tuple[Any, ...], ingetypt: int | None = None
) -> None:
    """Record fact ``f``; with ``ingetypt``, on that (wrong) day instead of its own."""
    dag, soort, partij, waarde = f
    actor = actor_voor(regisseur)
    moment = BEGIN + dt.timedelta(days=dag if ingetypt is None else ingetypt)
    speler = Speler.objects.get(pk=spelers[partij].pk)
    if soort == "beoordeling":
        services.beoordeel_speler(
            actor=actor,
            speler=speler,
            standpunt=STANDPUNTEN[waarde % len(STANDPUNTEN)],
            macht="blokkademacht",
            invloed=3,
            vertrouwen=3,
            tijdstip=moment,
        )
    elif soort == "notitie":
        services.maak_notitie(
            actor=actor,
            bestuursproces=speler.bestuursproces,
            tekst=f"Dag {dag}",
            zichtbaarheid="proces",
            speler=speler,
            tijdstip=moment,
        )
    else:
        services.wijzig_betrokkenheid(
            actor=actor, partij=speler, actie=waarde, reden=f"Dag {dag}", tijdstip=moment
        )


def _verhaal(proces: Bestuursproces, **opties: Any) -> Any:
    """The momentopname now, without what differs between two cases (uuids, volgnummers)."""
    staat = selectors.momentopname(proces, dt.datetime.now(tz=AMS), **opties)
    assert staat is not None
    return {
        "spelers": [
            (
                s["naam"],
                s["betrokkenheid"],
                (s["huidigeBeoordeling"] or {}).get("standpunt"),
                (s["huidigeBeoordeling"] or {}).get("tijdstip"),
            )
            for s in staat["spelers"]
        ],
        "notities": [(n["tekst"], n["tijdstip"]) for n in staat["notities"]],
    }


def _leesmodellen_kloppen(proces: Bestuursproces) -> None:
    """The read models the services kept equal those rebuilt from the log, and looking back
    from stored stands equals folding the whole history (at a few moments of it)."""
    rijen = _huidige_beoordelingen(proces)
    call_command("herbouw_leesmodellen", bestuursproces=proces.uuid, stdout=io.StringIO())
    assert _huidige_beoordelingen(proces) == rijen
    terugkijken_klopt(proces, [BEGIN + dt.timedelta(days=dag) for dag in (40, 700, 2500)])


def _huidige_beoordelingen(proces: Bestuursproces) -> set[tuple[Any, ...]]:
    return set(
        HuidigeSpelerBeoordeling.objects.filter(bestuursproces=proces).values_list(
            "speler_id", "niveau", "beoordeling_id"
        )
    )


@settings(
    max_examples=voorbeelden(25),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    feiten=st.lists(feit, min_size=1, max_size=8, unique_by=lambda f: f[0]),
    data=st.data(),
)
def test_elke_volgorde_vertelt_hetzelfde_verhaal(
    regisseur: Any, feiten: list[tuple[Any, ...]], data: Any, settings: Any
) -> None:
    settings.FOLDSTAND_INTERVAL = 2  # stands everywhere, for late facts to invalidate
    geschiedenis = _geldig_in_wereldvolgorde(feiten)
    volgorde = data.draw(st.permutations(geschiedenis))

    proces, spelers = _open(regisseur)
    aanvaard: list[tuple[Any, ...]] = []
    antwoorden = []
    for f in volgorde:
        rijen = alle_rijen()
        try:
            _leg_vast(regisseur, spelers, f)
        except DomainError:
            assert alle_rijen() == rijen  # a refused fact writes nothing
            event("een feit geweigerd")
            continue
        if aanvaard and f < max(aanvaard):
            event("een feit later ingevoerd dan een later gebeurd feit")
        aanvaard.append(f)
        _leesmodellen_kloppen(proces)
        laatste = Gebeurtenis.objects.filter(bestuursproces=proces).latest("volgnummer")
        antwoorden.append((laatste.geregistreerd, _verhaal(proces)))

    controle, controlespelers = _open(regisseur)
    for f in sorted(aanvaard):
        _leg_vast(regisseur, controlespelers, f)

    assert _verhaal(proces) == _verhaal(controle)
    assert verifieer_keten(proces) is None
    # Facts entered late rebuilt the tijdlijn's read model; it is the one built from the log.
    controleer_leesmodel(proces)
    for geregistreerd, antwoord in antwoorden:
        assert _verhaal(proces, bekend_op=geregistreerd) == antwoord


@settings(
    max_examples=voorbeelden(20),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    feiten=st.lists(feit, min_size=1, max_size=6, unique_by=lambda f: f[0]),
    verkeerd=st.lists(st.integers(2000, 2400), min_size=6, max_size=6, unique=True),
    data=st.data(),
)
def test_een_gecorrigeerde_datum_vertelt_hetzelfde_verhaal(
    regisseur: Any, feiten: list[tuple[Any, ...]], verkeerd: list[int], data: Any, settings: Any
) -> None:
    """Assessments and notes first entered on a wrong day and then corrected tell the same
    story as the same facts entered on the right days: in the tables, in the fold, and as
    known before the corrections (the wrong days)."""
    settings.FOLDSTAND_INTERVAL = 2
    geschiedenis = _geldig_in_wereldvolgorde(feiten)
    fout = data.draw(
        st.lists(st.booleans(), min_size=len(geschiedenis), max_size=len(geschiedenis))
    )

    proces, spelers = _open(regisseur)
    te_corrigeren: list[tuple[int, int]] = []
    for f, mis, dag in zip(geschiedenis, fout, verkeerd, strict=False):
        if mis and f[1] != "betrokkenheid":
            _leg_vast(regisseur, spelers, f, ingetypt=dag)
            gebeurtenis = Gebeurtenis.objects.filter(bestuursproces=proces).latest("volgnummer")
            te_corrigeren.append((gebeurtenis.volgnummer, f[0]))
        else:
            _leg_vast(regisseur, spelers, f)
    voor_correctie = Gebeurtenis.objects.filter(bestuursproces=proces).latest("volgnummer")
    verhaal_met_fouten = _verhaal(proces)
    for volgnummer, dag in te_corrigeren:
        services.corrigeer_datum(
            actor=actor_voor(regisseur),
            bestuursproces=proces,
            volgnummer=volgnummer,
            tijdstip=BEGIN + dt.timedelta(days=dag),
            toelichting="Verkeerde dag ingetypt",
        )
        _leesmodellen_kloppen(proces)
    if te_corrigeren:
        event("een datum gecorrigeerd")

    controle, controlespelers = _open(regisseur)
    for f in geschiedenis:
        _leg_vast(regisseur, controlespelers, f)

    assert _verhaal(proces) == _verhaal(controle)  # the tables
    nu = dt.datetime.now(tz=AMS)
    assert _verhaal(proces, bekend_op=nu) == _verhaal(controle, bekend_op=nu)  # the fold
    assert _verhaal(proces, bekend_op=voor_correctie.geregistreerd) == verhaal_met_fouten
    assert verifieer_keten(proces) is None
    controleer_leesmodel(proces)
