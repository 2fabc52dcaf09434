"""Replay: folding a case's events rebuilds the case, for any sequence of service calls."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cases import selectors, services
from cases.events import REDUCERS, herbouw, verifieer_keten
from cases.exceptions import (
    DomainError,
    LidmaatschapConflict,
    OngeldigeInvoer,
    OngeldigeOvergang,
    PoortGesloten,
    ProcesAfgerond,
)
from cases.models import Bestuursproces, GebeurtenisType, Lidmaatschap, Stadium
from cases.services import stadium as stadium_module
from cases.services.bestuursproces import BesluitmomentInvoer, Opdracht
from cases.services.idee import IdeeInhoud
from tests.cases.services._hulp import gebeurtenissen_na, laatste_volgnummer, schrijft_niets
from tests.factories import GebruikerFactory, actor_voor, open_proces

from ._rauw import _herbouwd, _toestand

VOLGORDE = [s.value for s in Stadium]
ANDERE_GEBRUIKERS = ["anna", "bram", "cor"]
ROLLEN = ["procesregisseur", "kernteam", "opdrachtgever", "evaluator"]
BEZWAAR = "Geen bestuurlijk mandaat voor uitvoering."


def test_elk_gebeurtenistype_heeft_een_reducer() -> None:
    assert set(REDUCERS) == set(GebeurtenisType)


def test_herbouw_zonder_gebeurtenissen_is_none() -> None:
    assert herbouw([]) is None


def test_herbouw_van_een_vers_proces(bestuursproces: Bestuursproces) -> None:
    herbouwd = _herbouwd(bestuursproces)
    assert herbouwd == _toestand(bestuursproces)
    assert herbouwd is not None
    assert herbouwd["volgnummer"] == 3
    assert herbouwd["idee"]["versie"] == 1
    assert [lid["gebruiker"] for lid in herbouwd["lidmaatschappen"]] == ["regisseur"]


# --- the property: any sequence of valid service calls replays to the same case ----------------

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
SOORTEN: dict[str, st.SearchStrategy[tuple[Any, ...]]] = {
    "idee": st.tuples(st.just("idee"), _soms_leeg(tekst_gevuld), tekst, toelichting),
    "vooruit": st.tuples(st.just("vooruit"), st.booleans(), toelichting),
    "terug": st.tuples(st.just("terug"), st.integers(min_value=0, max_value=4), toelichting),
    "velden": st.tuples(st.just("velden"), veldwijzigingen, toelichting),
    "opdracht": st.tuples(st.just("opdracht"), opdrachten, toelichting),
    "status": st.tuples(
        st.just("status"),
        st.sampled_from(["actief", "gepauzeerd", "afgerond"]),
        st.one_of(st.none(), tekst_gevuld, st.just("")),
        st.booleans(),
    ),
    "lid_erbij": st.tuples(
        st.just("lid_erbij"), st.sampled_from(ANDERE_GEBRUIKERS), st.sampled_from(ROLLEN)
    ),
    "lid_rol": st.tuples(
        st.just("lid_rol"), st.integers(min_value=0, max_value=9), st.sampled_from(ROLLEN)
    ),
    "lid_eraf": st.tuples(st.just("lid_eraf"), st.integers(min_value=0, max_value=9)),
}
# Moving forward, changing status and adding members come up more often than the rest, so
# that sequences reach the later stadia (and the gate), closed cases and several members.
GEWICHTEN = {"vooruit": 4, "status": 2, "lid_erbij": 2}
acties = st.sampled_from(
    [soort for soort in SOORTEN for _ in range(GEWICHTEN.get(soort, 1))]
).flatmap(SOORTEN.__getitem__)


@dataclass
class Model:
    """What the test expects of the case, to predict which calls the domain refuses."""

    stadium: str = "voorstelbaar"
    status: str = "actief"
    uitkomst: str = ""
    leden: dict[str, str] = field(default_factory=lambda: {"regisseur": "procesregisseur"})

    @property
    def afgerond(self) -> bool:
        return self.status == "afgerond"

    def laatste_regisseur(self, gebruiker: str) -> bool:
        regisseurs = [g for g, rol in self.leden.items() if rol == "procesregisseur"]
        return regisseurs == [gebruiker]


def _opdracht_geldig(opdracht: Opdracht) -> bool:
    return (
        (opdracht.budget is None or opdracht.budget >= 0)
        and (opdracht.uren is None or opdracht.uren >= 0)
        and all(b.gevraagd for b in opdracht.besluitmomenten)
    )


def _status_fout(model: Model, doel: str, uitkomst: str | None) -> type[DomainError] | None:
    nieuwe_uitkomst = model.uitkomst if uitkomst is None else uitkomst
    if doel == "afgerond" and not nieuwe_uitkomst.strip():
        return OngeldigeInvoer
    if doel == model.status == "afgerond" and nieuwe_uitkomst != model.uitkomst:
        return ProcesAfgerond
    return None


def _gebruiker(gebruikersnaam: str) -> Any:
    return GebruikerFactory(username=gebruikersnaam)


class Uitvoerder:
    """Runs one generated action against the services and keeps the model up to date."""

    def __init__(self, bestuursproces: Bestuursproces, regisseur: Any) -> None:
        self.bestuursproces = bestuursproces
        self.actor = actor_voor(regisseur)
        self.model = Model()

    def voer_uit(self, actie: tuple[Any, ...]) -> None:
        soort, *args = actie
        fout, doe = getattr(self, f"_{soort}")(*args)
        if fout is None:
            doe()
            return
        volgnummer = laatste_volgnummer(self.bestuursproces)
        with schrijft_niets(), pytest.raises(fout):
            doe()
        assert laatste_volgnummer(self.bestuursproces) == volgnummer

    # Each handler returns (the error it expects or None, a callable doing the call). The
    # model is updated only inside the callable's success path.

    def _idee(self, wat: str, context: str, reden: str) -> Any:
        fout = ProcesAfgerond if self.model.afgerond else (OngeldigeInvoer if not wat else None)

        def doe() -> None:
            services.herzie_idee(
                actor=self.actor,
                bestuursproces=self.bestuursproces,
                inhoud=IdeeInhoud(wat=wat, context=context),
                toelichting=reden,
            )

        return fout, doe

    def _stadium(self, naar: str, reden: str, forceren: bool) -> Any:
        huidig = VOLGORDE.index(self.model.stadium)
        doel = VOLGORDE.index(naar)
        fout: type[DomainError] | None = None
        if not reden.strip():
            fout = OngeldigeInvoer
        elif self.model.afgerond:
            fout = ProcesAfgerond
        elif doel == huidig:
            fout = OngeldigeOvergang
        elif naar == "uitvoerbaar" and doel > huidig and not forceren:
            fout = PoortGesloten

        def doe() -> None:
            services.wijzig_stadium(
                actor=self.actor,
                bestuursproces=self.bestuursproces,
                naar=naar,
                toelichting=reden,
                forceren=forceren,
            )
            self.model.stadium = naar

        return fout, doe

    def _vooruit(self, forceren: bool, reden: str) -> Any:
        huidig = VOLGORDE.index(self.model.stadium)
        return self._stadium(VOLGORDE[min(huidig + 1, 4)], reden, forceren)

    def _terug(self, n: int, reden: str) -> Any:
        huidig = VOLGORDE.index(self.model.stadium)
        return self._stadium(VOLGORDE[n % (huidig + 1)], reden, False)

    def _velden(self, wijzigingen: dict[str, Any], reden: str) -> Any:
        fout: type[DomainError] | None = None
        if self.model.afgerond:
            fout = ProcesAfgerond
        elif wijzigingen.get("titel") == "":
            fout = OngeldigeInvoer

        def doe() -> None:
            services.wijzig_bestuursproces(
                actor=self.actor,
                bestuursproces=self.bestuursproces,
                wijzigingen=wijzigingen,
                toelichting=reden,
            )

        return fout, doe

    def _opdracht(self, opdracht: Opdracht, reden: str) -> Any:
        fout: type[DomainError] | None = None
        if self.model.afgerond:
            fout = ProcesAfgerond
        elif not _opdracht_geldig(opdracht):
            fout = OngeldigeInvoer

        def doe() -> None:
            services.wijzig_bestuursproces(
                actor=self.actor,
                bestuursproces=self.bestuursproces,
                wijzigingen={},
                opdracht=opdracht,
                toelichting=reden,
            )

        return fout, doe

    def _status(self, doel: str, uitkomst: str | None, via_wijzig: bool) -> Any:
        fout = _status_fout(self.model, doel, uitkomst)
        if via_wijzig and doel == "afgerond" and self.model.afgerond:
            # The edits come before the close, and a closed case takes no edits.
            fout = ProcesAfgerond

        def doe() -> None:
            if via_wijzig:
                services.wijzig_bestuursproces(
                    actor=self.actor,
                    bestuursproces=self.bestuursproces,
                    wijzigingen={"omschrijving": f"Status naar {doel}"},
                    status=doel,
                    uitkomst=uitkomst,
                )
            else:
                services.wijzig_status(
                    actor=self.actor,
                    bestuursproces=self.bestuursproces,
                    status=doel,
                    uitkomst=uitkomst,
                )
            self.model.status = doel
            if uitkomst is not None:
                self.model.uitkomst = uitkomst

        return fout, doe

    def _lid_erbij(self, gebruikersnaam: str, rol: str) -> Any:
        fout = LidmaatschapConflict if gebruikersnaam in self.model.leden else None

        def doe() -> None:
            services.voeg_lid_toe(
                actor=self.actor,
                bestuursproces=self.bestuursproces,
                gebruiker=_gebruiker(gebruikersnaam),
                rol=rol,
            )
            self.model.leden[gebruikersnaam] = rol

        return fout, doe

    def _lid(self, n: int) -> tuple[str, Lidmaatschap]:
        gebruikersnaam = sorted(self.model.leden)[n % len(self.model.leden)]
        return gebruikersnaam, Lidmaatschap.objects.get(
            bestuursproces=self.bestuursproces, gebruiker__username=gebruikersnaam
        )

    def _lid_rol(self, n: int, rol: str) -> Any:
        gebruikersnaam, lid = self._lid(n)
        fout = None
        if rol != lid.rol and self.model.laatste_regisseur(gebruikersnaam):
            fout = LidmaatschapConflict

        def doe() -> None:
            services.wijzig_lidmaatschap(actor=self.actor, lidmaatschap=lid, rol=rol)
            self.model.leden[gebruikersnaam] = rol

        return fout, doe

    def _lid_eraf(self, n: int) -> Any:
        gebruikersnaam, lid = self._lid(n)
        fout = LidmaatschapConflict if self.model.laatste_regisseur(gebruikersnaam) else None

        def doe() -> None:
            services.beeindig_lidmaatschap(actor=self.actor, lidmaatschap=lid)
            del self.model.leden[gebruikersnaam]

        return fout, doe


@pytest.fixture
def poort_voor_uitvoerbaar(monkeypatch: pytest.MonkeyPatch) -> None:
    """A gate that objects to every forward move into uitvoerbaar."""
    monkeypatch.setattr(stadium_module, "_POORTEN", [])

    @services.registreer_poort
    def _poort(bestuursproces: Bestuursproces, van: Stadium, naar: Stadium) -> list[str]:
        return [BEZWAAR] if naar == Stadium.UITVOERBAAR else []


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(reeks=st.lists(acties, min_size=8, max_size=24))
def test_herbouw_uit_de_log_is_gelijk_aan_de_tabellen(
    regisseur: Any, poort_voor_uitvoerbaar: None, reeks: list[tuple[Any, ...]]
) -> None:
    bestuursproces = open_proces(regisseur)
    uitvoerder = Uitvoerder(bestuursproces, regisseur)

    for actie in reeks:
        uitvoerder.voer_uit(actie)

    toestand = _toestand(bestuursproces)
    assert _herbouwd(bestuursproces) == toestand
    assert selectors.momentopname(bestuursproces, timezone.now()) == toestand
    assert verifieer_keten(bestuursproces) is None
    # The model and the tables agree, so the expected refusals above were the right ones.
    model = uitvoerder.model
    assert toestand["bestuursproces"]["stadium"] == model.stadium
    assert toestand["bestuursproces"]["status"] == model.status
    assert {lid["gebruiker"]: lid["rol"] for lid in toestand["lidmaatschappen"]} == model.leden
    assert [e.volgnummer for e in gebeurtenissen_na(bestuursproces, 0)] == list(
        range(1, toestand["volgnummer"] + 1)
    )
