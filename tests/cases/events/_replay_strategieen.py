"""The hypothesis strategies of the replay property test: the service calls it generates on the
case and its parties, with the constants they draw from, weighted so that sequences reach the
later stadia, closed cases and a krachtenveld with history. :mod:`._replay_strategieen_regie`
adds the regisseur's own work and draws the actions from both."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from hypothesis import strategies as st

from cases.models import Stadium, Zichtbaarheid
from cases.services.bestuursproces import BesluitmomentInvoer, Opdracht

VOLGORDE = [s.value for s in Stadium]
ANDERE_GEBRUIKERS = ["anna", "bram", "cor"]
ROLLEN = ["procesregisseur", "kernteam", "opdrachtgever", "evaluator"]
# A kernteam member from the start, so that assessments and notes have two kinds of author.
KERNTEAMLID = "kim"
AUTEURS = ["regisseur", KERNTEAMLID]
NIVEAUS = [niveau.value for niveau in Zichtbaarheid]
# Betrokkenheid actions as docs/architecture.md describes them: (from where, to what).
BETROKKENHEID = {
    "aansluiten": ({"nog_te_betrekken"}, "aangehaakt"),
    "aanhaken": ({"afwachtend", "afgehaakt"}, "aangehaakt"),
    "afwachten": ({"nog_te_betrekken", "aangehaakt"}, "afwachtend"),
    "afhaken": ({"nog_te_betrekken", "aangehaakt", "afwachtend"}, "afgehaakt"),
}
# Names that collide when case is ignored, and an empty one (refused).
ORGANISATIENAMEN = ["Gemeente", "gemeente", "GEMEENTE", "Provincie", "Waterschap", ""]
ORGANISATIESOORTEN = ["gemeentelijk_onderdeel", "bedrijf", "bewonersgroep", "vereniging"]
SPELERSOORTEN = ["persoon", "groep"]
VELDEN = ["verbindende", "interne", "uitvoerende", "opdrachtgevende"]  # the last is refused
SPELERROLLEN = ["idee_eigenaar", "initiatiefnemer", "kernteamlid", "sleutelpersoon"]
OPDRACHTGEVERROLLEN = ["bestuurlijk_opdrachtgever", "gemeenteraad", "burgemeester"]  # ditto
STANDPUNTEN = ["voorstander", "tegenstander", "afwachtend", "onbekend"]
MACHTEN = ["productiemacht", "blokkademacht", "diffuse_macht", "geen"]

# Any text PostgreSQL can store: no NUL, no lone surrogates.
tekens = st.characters(exclude_categories=["Cs"], exclude_characters="\x00")
tekst = st.text(alphabet=tekens, max_size=12)
tekst_gevuld = st.text(alphabet=tekens, min_size=1, max_size=12)


def _soms_leeg(strategie: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """Mostly ``strategie``, about one time in six an empty or blank string."""
    return st.sampled_from(range(6)).flatmap(
        lambda i: st.sampled_from(["", " \t"]) if i == 0 else strategie
    )


# Mostly real reasons, now and then an empty or blank one (refused where a reason is required).
toelichting = _soms_leeg(tekst_gevuld.map(lambda t: f"Reden {t}"))
datums = st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2040, 12, 31))
bedragen = st.one_of(
    st.none(),
    # Whole euros without decimals: stored and replayed as "n.00".
    st.integers(min_value=0, max_value=10**9).map(Decimal),
    st.decimals(
        min_value=Decimal("-50"),
        max_value=Decimal("9999999999.99"),
        places=2,
        allow_nan=False,
        allow_infinity=False,
    ),
)
besluitmomenten = st.lists(
    st.builds(
        BesluitmomentInvoer,
        datum=datums,
        soort=st.sampled_from(["mandaat", "besluit"]),
        gevraagd=tekst,
    ),
    max_size=3,
).map(tuple)
opdrachten = st.builds(
    Opdracht,
    kaders=tekst,
    budget=bedragen,
    uren=st.one_of(st.none(), st.integers(min_value=-2, max_value=100_000)),
    einddatum=st.one_of(st.none(), datums),
    speelruimte=tekst,
    besluitmomenten=besluitmomenten,
)
veldwijzigingen = st.fixed_dictionaries(
    {},
    optional={
        "titel": _soms_leeg(tekst_gevuld),
        "omschrijving": tekst,
        "rol_gemeente": st.sampled_from(["initierend", "participerend", "faciliterend"]),
        "procesrol": st.sampled_from(["procesregisseur", "procesbegeleider", "procesmanager"]),
        "aanpak": st.sampled_from(["lineair", "flipperkast", "cyclisch"]),
        "archiefnominatie": st.sampled_from(["", "blijvend_bewaren", "vernietigen"]),
        "archiefactiedatum": st.one_of(st.none(), datums),
    },
)
# A speler's veld: mostly valid, now and then the opdrachtgevende (refused).
spelervelden = st.sampled_from(VELDEN[:3] * 3 + VELDEN[3:])
# Scores 1–5 are valid; 0 and 6 now and then.
scores = st.sampled_from([0, 1, 2, 3, 3, 4, 5, 5, 6])
index = st.integers(min_value=0, max_value=9)
soms_index = st.one_of(st.none(), index)
# Now and then an edit names a field that cannot be edited (refused).
onbekend_veld = st.sampled_from([None] * 5 + ["betrokkenheid"])
namen = _soms_leeg(st.sampled_from(["Anna", "Bram", "Cor", "Dirk"]) | tekst_gevuld)
organisatiewijzigingen = st.fixed_dictionaries(
    {},
    optional={
        "naam": st.sampled_from(ORGANISATIENAMEN),
        "soort": st.sampled_from(ORGANISATIESOORTEN),
        "eigen_gemeente": st.booleans(),
    },
)
spelerwijzigingen = st.fixed_dictionaries(
    {},
    optional={
        "naam": namen,
        "veld": spelervelden,
        "belang": tekst,
        "organisatie": soms_index,  # an index into the case's organisaties
        "commitment": st.one_of(st.none(), st.booleans()),
    },
)
opdrachtgeverwijzigingen = st.fixed_dictionaries(
    {},
    optional={
        "naam": namen,
        "rol": st.sampled_from(OPDRACHTGEVERROLLEN),
        "expliciete_opdracht": tekst,
        "organisatie": soms_index,
    },
)
SOORTEN: dict[str, st.SearchStrategy[tuple[Any, ...]]] = {
    "idee": st.tuples(
        st.just("idee"),
        _soms_leeg(tekst_gevuld),
        tekst,
        # idee-eigenaren: indices into the case's spelers (a repeat is refused)
        st.lists(index, max_size=3),
        toelichting,
        # ... and into its opdrachtgevers and organisaties (book §5.4)
        st.lists(index, max_size=2),
        st.lists(index, max_size=2),
    ),
    # forceren, toelichting, and whether the kernteam member (not the regisseur) moves
    "vooruit": st.tuples(st.just("vooruit"), st.booleans(), toelichting, st.booleans()),
    # run a wyber-stap in the current stadium through to geconsolideerd
    "stap": st.tuples(st.just("stap")),
    "terug": st.tuples(st.just("terug"), st.integers(min_value=0, max_value=4), toelichting),
    "velden": st.tuples(st.just("velden"), veldwijzigingen, toelichting),
    "opdracht": st.tuples(st.just("opdracht"), opdrachten, toelichting),
    "status": st.tuples(
        st.just("status"),
        st.sampled_from(["actief", "gepauzeerd", "afgerond"]),
        st.one_of(st.none(), tekst_gevuld, st.just("")),
        st.booleans(),
        # bevestigd: closing with afspraken still open asks for it
        st.booleans(),
    ),
    "lid_erbij": st.tuples(
        st.just("lid_erbij"), st.sampled_from(ANDERE_GEBRUIKERS), st.sampled_from(ROLLEN)
    ),
    "lid_rol": st.tuples(
        st.just("lid_rol"), st.integers(min_value=0, max_value=9), st.sampled_from(ROLLEN)
    ),
    "lid_eraf": st.tuples(st.just("lid_eraf"), st.integers(min_value=0, max_value=9)),
    "organisatie": st.tuples(
        st.just("organisatie"),
        st.sampled_from(ORGANISATIENAMEN),
        st.sampled_from(ORGANISATIESOORTEN),
        st.booleans(),
        toelichting,
    ),
    "organisatie_wijzig": st.tuples(
        st.just("organisatie_wijzig"), index, organisatiewijzigingen, onbekend_veld, toelichting
    ),
    "speler": st.tuples(
        st.just("speler"),
        namen,
        st.sampled_from(SPELERSOORTEN),
        spelervelden,
        st.sampled_from(SPELERROLLEN),
        soms_index,
        st.one_of(st.none(), st.booleans()),
        toelichting,
    ),
    "speler_wijzig": st.tuples(
        st.just("speler_wijzig"), index, spelerwijzigingen, onbekend_veld, toelichting
    ),
    "opdrachtgever": st.tuples(
        st.just("opdrachtgever"),
        namen,
        st.sampled_from(OPDRACHTGEVERROLLEN),
        soms_index,
        tekst,
        toelichting,
    ),
    "opdrachtgever_wijzig": st.tuples(
        st.just("opdrachtgever_wijzig"),
        index,
        opdrachtgeverwijzigingen,
        onbekend_veld,
        toelichting,
    ),
    "speler_beoordeling": st.tuples(
        st.just("speler_beoordeling"),
        index,
        st.sampled_from(STANDPUNTEN),
        st.sampled_from(MACHTEN),
        scores,
        scores,
        st.booleans(),
        st.sampled_from(NIVEAUS),
        st.sampled_from(AUTEURS),
        toelichting,
    ),
    "opdrachtgever_beoordeling": st.tuples(
        st.just("opdrachtgever_beoordeling"),
        index,
        st.sampled_from(STANDPUNTEN),
        scores,
        scores,
        st.one_of(st.none(), st.sampled_from(NIVEAUS)),  # None: the default (regisseur)
        st.sampled_from(AUTEURS),
        tekst,
        toelichting,
    ),
    "betrokkenheid": st.tuples(
        st.just("betrokkenheid"),
        st.sampled_from(["speler", "opdrachtgever"]),
        index,
        st.sampled_from(sorted(BETROKKENHEID)),
        toelichting,
    ),
    "notitie": st.tuples(
        st.just("notitie"),
        _soms_leeg(tekst_gevuld),
        st.sampled_from(NIVEAUS),
        st.sampled_from(AUTEURS),
        st.sampled_from(["proces", "speler", "opdrachtgever"]),
        index,
    ),
    "besluit": st.tuples(
        st.just("besluit"),
        _soms_leeg(tekst_gevuld),
        st.sampled_from(NIVEAUS),
        st.sampled_from(AUTEURS),
        st.sampled_from(["raad", "opdrachtgever"]),
        index,
    ),
    "afspraak": st.tuples(
        st.just("afspraak"),
        _soms_leeg(tekst_gevuld),
        st.sampled_from(NIVEAUS),
        st.sampled_from(AUTEURS),
        index,
    ),
    "afhandeling": st.tuples(
        st.just("afhandeling"),
        index,
        st.sampled_from(["nagekomen", "niet_nagekomen", "vervallen"]),
        toelichting,
    ),
}
# Moving forward (and consolidating the steps the gate asks for), changing status and adding
# members come up more often than the rest, so that sequences reach the later stadia (through
# the gate and past it by force), closed cases and several members;
# registering and assessing parties and moving their betrokkenheid likewise, so that
# sequences build a krachtenveld with history.
GEWICHTEN = {
    "vooruit": 4,
    "stap": 3,
    "status": 2,
    "lid_erbij": 2,
    "speler": 3,
    "opdrachtgever": 2,
    "speler_beoordeling": 4,
    "opdrachtgever_beoordeling": 2,
    "betrokkenheid": 4,
    "notitie": 2,
    "besluit": 1,
    "afspraak": 1,
    "afhandeling": 1,
}
