"""voer_interventie_uit and evalueer_interventie: doen, leren and beter, forward only."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from cases import services
from cases.events import Actor
from cases.exceptions import OngeldigeInvoer, OngeldigeOvergang, ProcesAfgerond
from cases.models import Bestuursproces, Interventie
from tests.cases._interventies import gisteren, log, open_een_maand_geleden, schrijft_niets

from ._hulp import REGISSEUR_NAAM, gebeurtenissen_na, samenvatting, sluit_af, verwacht

# Depends on today's date: also run at awkward moments (tests/lastige_momenten.py).
pytestmark = pytest.mark.datumgevoelig


@pytest.fixture
def bestuursproces(regisseur: Any) -> Bestuursproces:
    return open_een_maand_geleden(regisseur)


@pytest.fixture
def gepland(bestuursproces: Bestuursproces, actor: Actor) -> Interventie:
    """Planned for a week ago (event 4)."""
    return log(actor, bestuursproces, datum=gisteren(7))


def uitvoeren(actor: Actor, interventie: Interventie, **velden: Any) -> Interventie:
    return services.voer_interventie_uit(
        actor=actor, interventie=interventie, wat_gedaan="Gesprek gevoerd", **velden
    )


def evalueren(actor: Actor, interventie: Interventie, **velden: Any) -> Interventie:
    gegevens: dict[str, Any] = {"waargenomen_effect": "Hij doet mee", "uitgepakt": "deels"}
    gegevens.update(velden)
    return services.evalueer_interventie(actor=actor, interventie=interventie, **gegevens)


def test_uitvoeren_legt_vast_wat_is_gedaan(
    bestuursproces: Bestuursproces, regisseur: Any, actor: Actor, gepland: Interventie
) -> None:
    uitvoeren(actor, gepland, toelichting="Eindelijk")

    opgeslagen = Interventie.objects.get(pk=gepland.pk)
    vandaag = timezone.localdate()
    assert (opgeslagen.status, opgeslagen.wat_gedaan, opgeslagen.uitgevoerd_op) == (
        "uitgevoerd",
        "Gesprek gevoerd",
        vandaag,  # defaults to today
    )
    [gebeurtenis] = gebeurtenissen_na(bestuursproces, 4)
    assert samenvatting(gebeurtenis) == verwacht(
        5,
        "interventie.uitgevoerd",
        {
            "interventie": str(gepland.uuid),
            "watGedaan": "Gesprek gevoerd",
            "uitgevoerdOp": vandaag.isoformat(),
            "zichtbaarheid": "kernteam",
        },
        door=regisseur,
        naam=REGISSEUR_NAAM,
        toelichting="Eindelijk",
    )


def test_evalueren_legt_effect_uitkomst_en_vervolg_vast(
    bestuursproces: Bestuursproces, regisseur: Any, actor: Actor, gepland: Interventie
) -> None:
    uitvoeren(actor, gepland, uitgevoerd_op=gisteren(6))
    evalueren(actor, gepland, vervolg="Nog een gesprek", geevalueerd_op=gisteren(1))

    opgeslagen = Interventie.objects.get(pk=gepland.pk)
    assert (opgeslagen.status, opgeslagen.uitgepakt, opgeslagen.geevalueerd_op) == (
        "geevalueerd",
        "deels",
        gisteren(1),
    )
    [gebeurtenis] = gebeurtenissen_na(bestuursproces, 5)
    assert samenvatting(gebeurtenis) == verwacht(
        6,
        "interventie.geevalueerd",
        {
            "interventie": str(gepland.uuid),
            "waargenomenEffect": "Hij doet mee",
            "uitgepakt": "deels",
            "vervolg": "Nog een gesprek",
            "geevalueerdOp": gisteren(1).isoformat(),
            "zichtbaarheid": "kernteam",
        },
        door=regisseur,
        naam=REGISSEUR_NAAM,
    )


def test_uitvoeren_kan_maar_een_keer(actor: Actor, gepland: Interventie) -> None:
    uitvoeren(actor, gepland)
    with schrijft_niets(), pytest.raises(OngeldigeOvergang) as fout:
        uitvoeren(actor, gepland)
    assert fout.value.status == 409
    assert "al uitgevoerd" in fout.value.detail


def test_evalueren_kan_pas_na_uitvoeren(actor: Actor, gepland: Interventie) -> None:
    with schrijft_niets(), pytest.raises(OngeldigeOvergang) as fout:
        evalueren(actor, gepland)
    assert "Voer de interventie eerst uit" in fout.value.detail


def test_geevalueerd_wordt_niet_nog_eens_geevalueerd_maar_wel_gecorrigeerd(
    bestuursproces: Bestuursproces, actor: Actor, gepland: Interventie
) -> None:
    uitvoeren(actor, gepland)
    evalueren(actor, gepland)
    for stap in (uitvoeren, evalueren):
        with schrijft_niets(), pytest.raises(OngeldigeOvergang) as fout:
            stap(actor, gepland)
        assert "al geëvalueerd" in fout.value.detail

    services.wijzig_interventie(
        actor=actor, interventie=gepland, wijzigingen={"uitgepakt": "ja"}, toelichting="Toch"
    )
    [gebeurtenis] = gebeurtenissen_na(bestuursproces, 6)
    assert gebeurtenis.payload["wijzigingen"] == {"uitgepakt": "ja"}
    assert gebeurtenis.payload["vorigeWaarden"] == {"uitgepakt": "deels"}


@pytest.mark.parametrize(
    ("velden", "fouten"),
    [
        ({"wat_gedaan": "  "}, {"wat_gedaan": "required"}),
        ({"uitgevoerd_op": dt.date(2100, 1, 1)}, {"uitgevoerd_op": "invalid"}),
        ({"uitgevoerd_op": dt.date(2000, 1, 1)}, {"uitgevoerd_op": "invalid"}),  # before datum
    ],
)
def test_ongeldige_uitvoering_schrijft_niets(
    actor: Actor, gepland: Interventie, velden: dict[str, Any], fouten: dict[str, str]
) -> None:
    with schrijft_niets(), pytest.raises(OngeldigeInvoer) as fout:
        services.voer_interventie_uit(
            actor=actor, interventie=gepland, **{"wat_gedaan": "Gedaan", **velden}
        )
    assert {veld: items[0][0] for veld, items in fout.value.fouten.items()} == fouten


@pytest.mark.parametrize(
    ("velden", "fouten"),
    [
        ({"waargenomen_effect": ""}, {"waargenomen_effect": "required"}),
        ({"uitgepakt": ""}, {"uitgepakt": "required"}),
        ({"uitgepakt": "misschien"}, {"uitgepakt": "invalid_choice"}),
        ({"geevalueerd_op": gisteren(5)}, {"geevalueerd_op": "invalid"}),  # before uitgevoerd
        ({"geevalueerd_op": dt.date(2100, 1, 1)}, {"geevalueerd_op": "invalid"}),
    ],
)
def test_ongeldige_evaluatie_schrijft_niets(
    actor: Actor, gepland: Interventie, velden: dict[str, Any], fouten: dict[str, str]
) -> None:
    uitvoeren(actor, gepland, uitgevoerd_op=gisteren(4))
    with schrijft_niets(), pytest.raises(OngeldigeInvoer) as fout:
        evalueren(actor, gepland, **velden)
    assert {veld: items[0][0] for veld, items in fout.value.fouten.items()} == fouten


def test_uitvoeren_op_afgerond_proces(
    bestuursproces: Bestuursproces, actor: Actor, gepland: Interventie
) -> None:
    sluit_af(actor, bestuursproces)
    with schrijft_niets(), pytest.raises(ProcesAfgerond):
        uitvoeren(actor, gepland)


def test_regisseursinterventie_schrijft_haar_gebeurtenissen_op_haar_niveau(
    bestuursproces: Bestuursproces, actor: Actor
) -> None:
    interventie = log(actor, bestuursproces, zichtbaarheid="regisseur")
    uitvoeren(actor, interventie)
    evalueren(actor, interventie)
    services.wijzig_interventie(actor=actor, interventie=interventie, wijzigingen={"vervolg": "X"})
    assert {g.payload["zichtbaarheid"] for g in gebeurtenissen_na(bestuursproces, 3)} == {
        "regisseur"
    }
