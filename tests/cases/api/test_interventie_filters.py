"""Filtering the interventies: veld, status, periode, instrument, parties, strategie and more;
strict about unknown parameters and invalid values."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from cases import services
from cases.models import Bestuursproces
from tests.cases._interventies import instrument, log, open_een_maand_geleden, strategie
from tests.cases.services._hulp import maak_opdrachtgever, maak_speler
from tests.factories import actor_voor, open_proces

from .helpers import absoluut, client_voor, fouten, proces_url


def dag(terug: int) -> dt.date:
    return timezone.localdate() - dt.timedelta(days=terug)


@pytest.fixture
def bestuursproces(regisseur: Any) -> Bestuursproces:
    return open_een_maand_geleden(regisseur)


@pytest.fixture
def gelogd(bestuursproces: Bestuursproces, regisseur: Any) -> dict[str, Any]:
    """Three interventies: A (verbindende, planned, 20 days ago, with Anna and an instrument),
    B (idee + opdrachtgevende, evaluated 'nee', 10 days ago, with the wethouder), C (interne,
    carried out, today, strategie motiveren, on groep level)."""
    actor = actor_voor(regisseur)
    anna = maak_speler(actor, bestuursproces, naam="Anna")
    haven = maak_opdrachtgever(actor, bestuursproces)
    gereedschap = instrument()
    a = log(actor, bestuursproces, titel="A", datum=dag(20), spelers=[anna], instrument=gereedschap)
    b = log(
        actor,
        bestuursproces,
        titel="B",
        datum=dag(10),
        velden=["opdrachtgevende", "idee"],
        opdrachtgevers=[haven],
    )
    services.voer_interventie_uit(actor=actor, interventie=b, wat_gedaan="Gedaan")
    services.evalueer_interventie(
        actor=actor, interventie=b, waargenomen_effect="Niets", uitgepakt="nee"
    )
    c = log(
        actor,
        bestuursproces,
        titel="C",
        velden=["interne"],
        niveau="groep",
        strategie=strategie("motiveren"),
    )
    services.voer_interventie_uit(actor=actor, interventie=c, wat_gedaan="Gedaan")
    return {"a": a, "b": b, "c": c, "anna": anna, "haven": haven, "instrument": gereedschap}


def titels(bestuursproces: Bestuursproces, client: Any, query: str) -> list[str]:
    response = client.get(proces_url(bestuursproces, f"/interventies?{query}"))
    assert response.status_code == 200, response.content
    return [i["titel"] for i in response.json()["results"]]


def test_zonder_filter_op_datum(
    bestuursproces: Bestuursproces, regisseur: Any, gelogd: dict[str, Any]
) -> None:
    assert titels(bestuursproces, client_voor(regisseur), "") == ["A", "B", "C"]


@pytest.mark.parametrize(
    ("query", "verwacht"),
    [
        ("veld=verbindende", ["A"]),
        ("veld=idee", ["B"]),
        ("veld=uitvoerende", []),
        ("status=gepland", ["A"]),
        ("status=uitgevoerd", ["C"]),
        ("status=geevalueerd", ["B"]),
        ("uitgepakt=nee", ["B"]),
        ("niveau=groep", ["C"]),
        ("strategie=motiveren", ["C"]),
        ("zwaarte=licht&aangrijpingspunt=interactie", ["A", "B", "C"]),
        ("van={d15}", ["B", "C"]),
        ("tot={d15}", ["A"]),
        ("van={d15}&tot={d5}", ["B"]),
        ("veld=opdrachtgevende&status=geevalueerd&pageSize=5", ["B"]),
    ],
)
def test_filters(
    bestuursproces: Bestuursproces,
    regisseur: Any,
    gelogd: dict[str, Any],
    query: str,
    verwacht: list[str],
) -> None:
    query = query.format(d15=dag(15).isoformat(), d5=dag(5).isoformat())
    assert titels(bestuursproces, client_voor(regisseur), query) == verwacht


def test_filters_op_relaties_met_url_of_uuid(
    bestuursproces: Bestuursproces, regisseur: Any, gelogd: dict[str, Any]
) -> None:
    client = client_voor(regisseur)
    anna, haven, gereedschap = gelogd["anna"], gelogd["haven"], gelogd["instrument"]
    for waarde, verwacht in [
        (f"speler={anna.uuid}", ["A"]),
        (f"speler={absoluut(proces_url(bestuursproces, f'/spelers/{anna.uuid}'))}", ["A"]),
        (f"opdrachtgever={haven.uuid}", ["B"]),
        (
            "opdrachtgever="
            + absoluut(proces_url(bestuursproces, f"/opdrachtgevers/{haven.uuid}")),
            ["B"],
        ),
        (f"instrument={gereedschap.uuid}", ["A"]),
        (f"instrument={absoluut(f'/api/v1/instrumenten/{gereedschap.uuid}')}", ["A"]),
    ]:
        assert titels(bestuursproces, client, waarde) == verwacht, waarde


def test_onbekende_parameters_en_ongeldige_waarden(
    bestuursproces: Bestuursproces, regisseur: Any, gelogd: dict[str, Any]
) -> None:
    elders = open_proces(regisseur, titel="Elders")
    vreemde = maak_speler(actor_voor(regisseur), elders)
    vreemde_url = absoluut(proces_url(elders, f"/spelers/{vreemde.uuid}"))
    response = client_voor(regisseur).get(
        proces_url(
            bestuursproces,
            "/interventies?veld=algemeen&status=klaar&van=gisteren&instrument=hamer"
            f"&speler={vreemde_url}&strategie=toveren&uitgepakt=misschien&kleur=rood",
        )
    )
    assert fouten(response) == {
        "veld": "invalid_choice",
        "status": "invalid_choice",
        "van": "invalid",
        "instrument": "invalid",
        "speler": "does_not_exist",
        "strategie": "invalid_choice",
        "uitgepakt": "invalid_choice",
        "kleur": "unknown",
    }
