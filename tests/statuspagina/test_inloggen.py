"""The status page's login: limited by django-axes like every door (see tests/toegang)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.test import Client

from tests.factories import GebruikerFactory


def _inloggen(client: Client, gebruiker: str, wachtwoord: str) -> Any:
    return client.post("/inloggen/", {"username": gebruiker, "password": wachtwoord})


def test_na_te_veel_mislukte_pogingen_een_nederlandse_melding(
    client: Client, regisseur: Any
) -> None:
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _inloggen(client, "regisseur", "fout").status_code == 200

    response = _inloggen(client, "regisseur", "geheim-wachtwoord")

    assert response.status_code == 302  # the right password within the limit still works
    client.logout()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = _inloggen(client, "regisseur", "fout")
    pagina = response.content.decode()
    assert response.status_code == 429
    assert '<html lang="nl"' in pagina
    assert "Te veel mislukte pogingen om in te loggen" in pagina


def test_een_andere_gebruiker_kan_nog_inloggen(client: Client, regisseur: Any) -> None:
    GebruikerFactory(username="kim")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _inloggen(client, "regisseur", "fout")

    response = _inloggen(client, "kim", "geheim-wachtwoord")

    assert response.status_code == 302


def test_vreemde_gebruikersnamen_geven_geen_fout(client: Client, regisseur: Any) -> None:
    for naam in ("jan jansen", "x" * 300, "tab\tnaam", "ü", "nul\x00byte"):
        assert _inloggen(client, naam, "fout").status_code == 200
