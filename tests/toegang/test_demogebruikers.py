"""The demo users as a new user meets them: a token for each, used and ended; only the demo
regisseur may open a case; and a guessed password locks out only that guess's address."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings as django_settings
from rest_framework.test import APIClient

from cases.demo import DEMO_GEBRUIKERS, maak_demo_gebruikers

WACHTWOORD = "demo-wachtwoord-toegang"
NIEUW = {"titel": "Nieuw idee", "rolGemeente": "initierend", "aanpak": "lineair"}


@pytest.fixture
def demo(db: None, settings: Any) -> None:
    settings.DEBUG = True
    maak_demo_gebruikers(WACHTWOORD)


def _token(gebruikersnaam: str, wachtwoord: str = WACHTWOORD, **extra: Any) -> Any:
    return APIClient().post(
        "/api/v1/tokens",
        {"gebruikersnaam": gebruikersnaam, "wachtwoord": wachtwoord},
        format="json",
        **extra,
    )


def _met(token: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return client


@pytest.mark.parametrize("gebruiker", [d.gebruikersnaam for d in DEMO_GEBRUIKERS])
def test_elke_demogebruiker_krijgt_gebruikt_en_beeindigt_een_token(
    demo: None, gebruiker: str
) -> None:
    antwoord = _token(gebruiker)
    assert antwoord.status_code == 200, antwoord.content
    client = _met(antwoord.json()["token"])

    assert client.get("/api/v1/bestuursprocessen").status_code == 200
    assert client.delete("/api/v1/tokens/huidig").status_code == 204
    assert client.get("/api/v1/bestuursprocessen").status_code == 401


@pytest.mark.parametrize(
    ("gebruiker", "verwacht"),
    [("regisseur", 201), ("kernteam", 403), ("opdrachtgever", 403), ("evaluator", 403)],
)
def test_alleen_de_demoregisseur_opent_een_bestuursproces(
    demo: None, gebruiker: str, verwacht: int
) -> None:
    client = _met(_token(gebruiker).json()["token"])

    assert client.post("/api/v1/bestuursprocessen", NIEUW, format="json").status_code == verwacht


def test_raden_naar_het_demowachtwoord_sluit_alleen_de_rader_uit(demo: None) -> None:
    rader = {"REMOTE_ADDR": "203.0.113.66"}
    for _ in range(django_settings.AXES_FAILURE_LIMIT):
        _token("regisseur", "procesregie-demo", **rader)

    assert _token("regisseur", **rader).status_code == 429
    assert _token("regisseur").status_code == 200
