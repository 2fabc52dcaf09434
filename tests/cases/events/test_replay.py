"""Replay: folding a case's events rebuilds the case, for any sequence of service calls."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from django.core.management import call_command
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cases import selectors
from cases.events import herbouw, soorten, verifieer_keten
from cases.events import poorten as poorten_module
from cases.events.soorten import Soort
from cases.models import (
    Bestuursproces,
    Gebeurtenis,
    HuidigeOpdrachtgeverBeoordeling,
    HuidigeSpelerBeoordeling,
    Rol,
    Zichtbaarheid,
)
from cases.services.poorten import geconsolideerde_stap_vereist
from tests._hypothesis import voorbeelden
from tests.cases._leesmodel import controleer_leesmodel
from tests.cases.services._hulp import gebeurtenissen_na
from tests.factories import open_proces

from ._rauw import _herbouwd, _toestand
from ._replay_strategieen_regie import acties
from ._replay_uitvoerder import Uitvoerder
from ._standen import terugkijken_klopt


def test_elk_gebeurtenistype_heeft_een_reducer() -> None:
    zonder = [
        code for code, soort in soorten.alle().items() if type(soort).pas_toe is Soort.pas_toe
    ]
    assert soorten.alle()
    assert zonder == []


def test_herbouw_zonder_gebeurtenissen_is_none() -> None:
    assert herbouw([]) is None


def test_herbouw_van_een_vers_proces(bestuursproces: Bestuursproces) -> None:
    herbouwd = _herbouwd(bestuursproces)
    assert herbouwd == _toestand(bestuursproces)
    assert herbouwd is not None
    assert herbouwd["volgnummer"] == 3
    assert herbouwd["idee"]["versie"] == 1
    assert [lid["gebruiker"] for lid in herbouwd["lidmaatschappen"]] == ["regisseur"]


def _huidige_beoordelingen(bestuursproces: Bestuursproces) -> set[tuple[Any, ...]]:
    return {
        *HuidigeSpelerBeoordeling.objects.filter(bestuursproces=bestuursproces).values_list(
            "speler_id", "niveau", "beoordeling_id"
        ),
        *(
            ("opdrachtgever", *rij)
            for rij in HuidigeOpdrachtgeverBeoordeling.objects.filter(
                bestuursproces=bestuursproces
            ).values_list("opdrachtgever_id", "niveau", "beoordeling_id")
        ),
    }


# --- the property: any sequence of valid service calls replays to the same case ----------------


def test_de_wyberstap_poort_is_geregistreerd() -> None:
    """The property below runs against the real gate: a forward move needs a consolidated
    step (the model predicts PoortGesloten otherwise), or the regisseur forces it."""
    assert [geconsolideerde_stap_vereist] == poorten_module._POORTEN


# 100 sequences of 15 to 45 calls: long enough for interventies to run through their cycle
# (log, carry out, evaluate, reflect) beside the krachtenveld and the stadia. About 25 s on
# SQLite; the PostgreSQL run repeats it with fewer (tests/_hypothesis.py). Raise the count
# locally when hunting for a bug.
@settings(
    max_examples=voorbeelden(100),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(reeks=st.lists(acties, min_size=15, max_size=45))
def test_herbouw_uit_de_log_is_gelijk_aan_de_tabellen(
    regisseur: Any, catalogus: Any, reeks: list[tuple[Any, ...]], settings: Any
) -> None:
    settings.FOLDSTAND_INTERVAL = 3  # stands of the fold of every kind of event
    # Opened ten days ago, so that interventies and positioneringen can lie in the past (and
    # before the opening, refused).
    bestuursproces = open_proces(regisseur, tijdstip=timezone.now() - dt.timedelta(days=10))
    uitvoerder = Uitvoerder(bestuursproces, regisseur)

    for actie in reeks:
        uitvoerder.voer_uit(actie)

    toestand = _toestand(bestuursproces)
    assert _herbouwd(bestuursproces) == toestand
    assert selectors.momentopname(bestuursproces, timezone.now()) == toestand
    # Per viewer: folding only the events a role may see gives what the tables show it.
    for rol in Rol:
        zichtbaar = Zichtbaarheid.voor_rol(rol)
        gezien = _toestand(bestuursproces, zichtbaar)
        assert _herbouwd(bestuursproces, zichtbaar) == gezien, rol
        for partij in (*gezien["spelers"], *gezien["opdrachtgevers"]):
            beoordeling = partij["huidigeBeoordeling"]
            assert beoordeling is None or beoordeling["zichtbaarheid"] in zichtbaar
        assert {n["zichtbaarheid"] for n in gezien["notities"]} <= zichtbaar
        assert {p["zichtbaarheid"] for p in gezien["positioneringen"]} <= zichtbaar
        for interventie in gezien["interventies"]:
            assert interventie["zichtbaarheid"] in zichtbaar
            assert {r["zichtbaarheid"] for r in interventie["reflecties"]} <= zichtbaar
    assert verifieer_keten(bestuursproces) is None
    # The tijdlijn's read model kept in step is the one rebuilt from the log, and tells what
    # the fold tells.
    controleer_leesmodel(bestuursproces)
    # Read models: what the services kept is what the log rebuilds; looking back from the
    # stands of the fold is folding the whole history, at moments spread over it.
    bijgehouden = _huidige_beoordelingen(bestuursproces)
    call_command("herbouw_leesmodellen", bestuursproces=bestuursproces.uuid, stdout=io.StringIO())
    assert _huidige_beoordelingen(bestuursproces) == bijgehouden
    momenten = sorted(
        Gebeurtenis.objects.filter(bestuursproces=bestuursproces).values_list("tijdstip", flat=True)
    )
    terugkijken_klopt(bestuursproces, momenten[len(momenten) // 3 :: max(len(momenten) // 3, 1)])
    # The model and the tables agree, so the expected refusals above were the right ones.
    model = uitvoerder.model
    assert toestand["bestuursproces"]["stadium"] == model.stadium
    assert toestand["bestuursproces"]["status"] == model.status
    assert {lid["gebruiker"]: lid["rol"] for lid in toestand["lidmaatschappen"]} == model.leden
    assert sorted(o["naam"] for o in toestand["organisaties"]) == sorted(model.organisaties)
    betrokkenheid = {p["uuid"]: p["betrokkenheid"] for p in toestand["spelers"]}
    assert betrokkenheid == {
        str(speler.uuid): stand
        for speler, stand in zip(uitvoerder.spelers, model.spelers, strict=True)
    }
    betrokkenheid = {p["uuid"]: p["betrokkenheid"] for p in toestand["opdrachtgevers"]}
    assert betrokkenheid == {
        str(og.uuid): stand
        for og, stand in zip(uitvoerder.opdrachtgevers, model.opdrachtgevers, strict=True)
    }
    assert toestand["bestuursproces"]["aanpak"] == model.aanpak
    ontwerp = toestand["procesontwerp"]
    assert (ontwerp["versie"] if ontwerp else 0) == model.ontwerpversie
    assert sorted(p["zichtbaarheid"] for p in toestand["positioneringen"]) == sorted(
        model.positioneringen
    )
    assert {
        i["uuid"]: (
            i["status"],
            i["zichtbaarheid"],
            sorted(r["zichtbaarheid"] for r in i["reflecties"]),
        )
        for i in toestand["interventies"]
    } == {
        str(interventie.uuid): (stand.status, stand.zichtbaarheid, sorted(stand.reflecties))
        for interventie, stand in zip(uitvoerder.interventies, model.interventies, strict=True)
    }
    assert [e.volgnummer for e in gebeurtenissen_na(bestuursproces, 0)] == list(
        range(1, toestand["volgnummer"] + 1)
    )
