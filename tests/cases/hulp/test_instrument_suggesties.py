"""Instrument suggestions: a veld's instruments, those not yet used in the case first."""

from __future__ import annotations

from typing import Any

import pytest

from instruments.models import Instrument
from tests.cases.api.helpers import API, PROBLEEM

from .conftest import Casus


def _url(casus: Casus) -> str:
    return f"{API}/bestuursprocessen/{casus.proces.uuid}/instrument-suggesties"


def test_ongebruikte_instrumenten_eerst_met_verdiepingsvraag(casus: Casus, als: Any) -> None:
    response = als(casus.leden["procesregisseur"]).get(_url(casus), {"veld": "verbindende"})

    assert response.status_code == 200, response.content
    rijen = response.json()["results"]
    assert [(r["naam"], r["gebruikt"]) for r in rijen] == [
        ("Actorenanalyse", 0),
        ("Waardenanalyse", 2),
        ("Gezonde relaties", 1),
    ]
    eerste = rijen[0]
    assert eerste["verdiepingsvraag"] == "Ik-vraag bij Actorenanalyse?"
    assert eerste["veld"] == "verbindende"
    assert eerste["laatstGebruikt"] is None
    assert eerste["url"].endswith(f"/api/v1/instrumenten/{eerste['uuid']}")
    assert rijen[1]["laatstGebruikt"] == "2026-03-02"


def test_gebruik_telt_alleen_zichtbare_interventies(casus: Casus, als: Any) -> None:
    rijen = (
        als(casus.leden["opdrachtgever"])
        .get(_url(casus), {"veld": "verbindende"})
        .json()["results"]
    )

    # The opdrachtgever sees only C: Gezonde relaties (used in D, regisseur-only) is unused.
    assert [(r["naam"], r["gebruikt"]) for r in rijen] == [
        ("Actorenanalyse", 0),
        ("Gezonde relaties", 0),
        ("Waardenanalyse", 1),
    ]


def test_veld_zonder_instrumenten_geeft_een_lege_lijst(casus: Casus, als: Any) -> None:
    response = als(casus.leden["kernteam"]).get(_url(casus), {"veld": "interne"})

    assert response.status_code == 200
    assert response.json()["results"] == []


@pytest.mark.parametrize("vraag", [{}, {"veld": "onbekend"}, {"veld": "interne", "x": "1"}])
def test_weigert_zonder_geldig_veld(casus: Casus, als: Any, vraag: dict[str, str]) -> None:
    response = als(casus.leden["kernteam"]).get(_url(casus), vraag)

    assert response.status_code == 400
    assert response["Content-Type"] == PROBLEEM


@pytest.mark.parametrize("aantal", [1, 10, 50])
def test_vast_aantal_queries(
    casus: Casus, als: Any, aantal: int, django_assert_num_queries: Any
) -> None:
    veld = casus.instrumenten["Actorenanalyse"].veld
    for i in range(aantal):
        Instrument.objects.create(naam=f"Extra {i}", veld=veld, verdiepingsvraag="?", volgorde=50)
    client = als(casus.leden["kernteam"])

    # Queries: case with my role; count; the page of instruments with veld, thema and
    # sub-vraag, annotated with their use.
    with django_assert_num_queries(3):
        response = client.get(_url(casus), {"veld": "verbindende", "pageSize": 100})
    assert response.status_code == 200
