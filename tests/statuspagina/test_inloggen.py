"""The login form refuses further attempts after too many failures."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client

from statuspagina.inloggen import PER_GEBRUIKER
from tests.factories import GebruikerFactory


@pytest.fixture(autouse=True)
def _lege_cache() -> Any:
    cache.clear()
    yield
    cache.clear()


def _inloggen(client: Client, gebruiker: str, wachtwoord: str) -> Any:
    return client.post("/inloggen/", {"username": gebruiker, "password": wachtwoord})


def test_na_te_veel_mislukte_pogingen_even_niet(client: Client, regisseur: Any) -> None:
    for _ in range(PER_GEBRUIKER):
        assert _inloggen(client, "regisseur", "fout").status_code == 200

    response = _inloggen(client, "regisseur", "geheim-wachtwoord")

    assert response.status_code == 200
    assert "Te veel mislukte pogingen" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_een_andere_gebruiker_kan_nog_inloggen(client: Client, regisseur: Any) -> None:
    GebruikerFactory(username="kim")
    for _ in range(PER_GEBRUIKER):
        _inloggen(client, "regisseur", "fout")

    response = _inloggen(client, "kim", "geheim-wachtwoord")

    assert response.status_code == 302


def test_vreemde_gebruikersnamen_geven_geen_fout(client: Client, regisseur: Any) -> None:
    for naam in ("jan jansen", "x" * 300, "tab\tnaam", "ü"):
        assert _inloggen(client, naam, "fout").status_code == 200


def test_geslaagde_inlog_onder_de_grens(client: Client, regisseur: Any) -> None:
    for _ in range(PER_GEBRUIKER - 1):
        _inloggen(client, "regisseur", "fout")

    assert _inloggen(client, "regisseur", "geheim-wachtwoord").status_code == 302
