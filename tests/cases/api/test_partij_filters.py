"""Filtering spelers and opdrachtgevers on how they stand, as the viewer may see it."""

from __future__ import annotations

from typing import Any

import pytest
from rest_framework.test import APIClient

from cases import services
from cases.models import Bestuursproces
from tests.factories import actor_voor

from .helpers import fouten, proces_url


def client_voor(gebruiker: Any) -> APIClient:
    client = APIClient()
    client.force_authenticate(gebruiker)
    return client


@pytest.fixture
def partijen(bestuursproces: Bestuursproces, leden: dict[str, Any]) -> dict[str, Any]:
    """Two spelers and an opdrachtgever; the grondeigenaar's newest reading is regisseur-only."""
    actor = actor_voor(leden["procesregisseur"])

    def speler(naam: str) -> Any:
        return services.registreer_speler(
            actor=actor,
            bestuursproces=bestuursproces,
            naam=naam,
            soort="persoon",
            veld="verbindende",
            rol_in_proces="sleutelpersoon",
        )

    grondeigenaar, buurman = speler("Grondeigenaar"), speler("Buurman")
    for partij, standpunt, macht, niveau in [
        (grondeigenaar, "voorstander", "productiemacht", "proces"),
        (grondeigenaar, "tegenstander", "blokkademacht", "regisseur"),
        (buurman, "afwachtend", "diffuse_macht", "proces"),
    ]:
        services.beoordeel_speler(
            actor=actor,
            speler=partij,
            standpunt=standpunt,
            macht=macht,
            invloed=3,
            vertrouwen=3,
            zichtbaarheid=niveau,
        )
    wethouder = services.registreer_opdrachtgever(
        actor=actor,
        bestuursproces=bestuursproces,
        naam="Wethouder",
        rol="bestuurlijk_opdrachtgever",
    )
    services.beoordeel_opdrachtgever(
        actor=actor,
        opdrachtgever=wethouder,
        stevigheid=4,
        steun="voorstander",
        onderling_vertrouwen=4,
    )
    return {"grondeigenaar": grondeigenaar, "buurman": buurman, "wethouder": wethouder}


def namen(client: APIClient, bestuursproces: Bestuursproces, pad: str) -> set[str]:
    response = client.get(proces_url(bestuursproces, pad))
    assert response.status_code == 200, response.content
    return {partij["naam"] for partij in response.json()["results"]}


@pytest.mark.parametrize(
    ("rol", "query", "verwacht"),
    [
        ("procesregisseur", "standpunt=tegenstander", {"Grondeigenaar"}),
        ("procesregisseur", "standpunt=voorstander", set()),
        ("procesregisseur", "macht=blokkademacht", {"Grondeigenaar"}),
        ("opdrachtgever", "standpunt=tegenstander", set()),
        ("opdrachtgever", "standpunt=voorstander", {"Grondeigenaar"}),
        ("opdrachtgever", "macht=productiemacht", {"Grondeigenaar"}),
        ("kernteam", "macht=blokkademacht", set()),
        ("evaluator", "standpunt=afwachtend&macht=diffuse_macht", {"Buurman"}),
    ],
)
def test_spelers_op_standpunt_en_macht_zoals_de_kijker_ze_ziet(
    bestuursproces: Bestuursproces,
    leden: dict[str, Any],
    partijen: dict[str, Any],
    rol: str,
    query: str,
    verwacht: set[str],
) -> None:
    assert namen(client_voor(leden[rol]), bestuursproces, f"/spelers?{query}") == verwacht


@pytest.mark.parametrize(
    ("rol", "verwacht"), [("procesregisseur", {"Wethouder"}), ("opdrachtgever", set())]
)
def test_opdrachtgevers_op_steun(
    bestuursproces: Bestuursproces,
    leden: dict[str, Any],
    partijen: dict[str, Any],
    rol: str,
    verwacht: set[str],
) -> None:
    # Opdrachtgever assessments are regisseur-only by default: others cannot filter on them.
    client = client_voor(leden[rol])
    assert namen(client, bestuursproces, "/opdrachtgevers?standpunt=voorstander") == verwacht


def test_ongeldige_filterwaarde(bestuursproces: Bestuursproces, leden: dict[str, Any]) -> None:
    client = client_voor(leden["kernteam"])
    response = client.get(proces_url(bestuursproces, "/spelers?standpunt=boos&macht=veel"))
    assert fouten(response) == {"standpunt": "invalid_choice", "macht": "invalid_choice"}
