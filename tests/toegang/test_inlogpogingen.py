"""Every login door is limited per username *and* address (django-axes): the admin, the
status page's /inloggen/ and the API's token endpoint alike."""

from __future__ import annotations

from typing import Any

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.test import Client, override_settings

from tests.factories import GebruikerFactory

GRENS = settings.AXES_FAILURE_LIMIT
WACHTWOORD = "geheim-wachtwoord"  # what GebruikerFactory sets


def _admin(client: Client, gebruiker: str, wachtwoord: str, **extra: Any) -> Any:
    return client.post(
        "/admin/login/?next=/admin/", {"username": gebruiker, "password": wachtwoord}, **extra
    )


def _statuspagina(client: Client, gebruiker: str, wachtwoord: str, **extra: Any) -> Any:
    return client.post("/inloggen/", {"username": gebruiker, "password": wachtwoord}, **extra)


def _api(client: Client, gebruiker: str, wachtwoord: str, **extra: Any) -> Any:
    return client.post(
        "/api/v1/tokens",
        {"gebruikersnaam": gebruiker, "wachtwoord": wachtwoord},
        content_type="application/json",
        **extra,
    )


DEUREN = {"admin": _admin, "statuspagina": _statuspagina, "api": _api}


def _gelukt(deur: str, response: Any) -> bool:
    return response.status_code == (200 if deur == "api" else 302)


def _vergrendeld(deur: str, response: Any) -> None:
    assert response.status_code == 429, response.content
    assert int(response["Retry-After"]) == settings.AXES_COOLOFF_TIME.total_seconds()
    if deur == "api":
        assert response["Content-Type"] == "application/problem+json"
        body = response.json()
        assert body["code"] == "te_veel_inlogpogingen"
        assert body["status"] == 429
        assert "Te veel mislukte pogingen" in body["detail"]
    else:
        pagina = response.content.decode()
        assert "Te veel mislukte pogingen om in te loggen" in pagina
        assert "Probeer het over 15 minuten opnieuw" in pagina


@pytest.fixture
def kim(db: None) -> Any:
    return GebruikerFactory(username="kim", is_staff=True)


@pytest.mark.parametrize("deur", DEUREN)
def test_na_de_grens_ook_het_goede_wachtwoord_niet(kim: Any, client: Client, deur: str) -> None:
    inloggen = DEUREN[deur]
    for _ in range(GRENS - 1):
        assert not _gelukt(deur, inloggen(client, "kim", "fout"))

    _vergrendeld(deur, inloggen(client, "kim", "fout"))
    _vergrendeld(deur, inloggen(client, "kim", WACHTWOORD))
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("deur", DEUREN)
def test_vanaf_een_ander_adres_kan_de_gebruiker_nog_in(kim: Any, client: Client, deur: str) -> None:
    inloggen = DEUREN[deur]
    for _ in range(GRENS):
        inloggen(client, "kim", "fout", REMOTE_ADDR="203.0.113.9")

    assert _gelukt(deur, inloggen(Client(), "kim", WACHTWOORD, REMOTE_ADDR="198.51.100.4"))


@pytest.mark.parametrize("deur", DEUREN)
def test_een_andere_gebruiker_vanaf_hetzelfde_adres_kan_nog_in(
    kim: Any, client: Client, deur: str
) -> None:
    GebruikerFactory(username="noor", is_staff=True)
    inloggen = DEUREN[deur]
    for _ in range(GRENS):
        inloggen(client, "kim", "fout")

    assert _gelukt(deur, inloggen(Client(), "noor", WACHTWOORD))


def test_de_deuren_tellen_samen(kim: Any, client: Client) -> None:
    # One guesser, three doors: the count is per username and address, not per door.
    for deur in ("admin", "statuspagina", "api", "admin"):
        DEUREN[deur](client, "kim", "fout")

    _vergrendeld("api", _api(client, "kim", "fout"))


def test_een_geslaagde_inlog_zet_de_teller_terug(kim: Any, client: Client) -> None:
    for _ in range(GRENS - 1):
        _api(client, "kim", "fout")
    assert _gelukt("api", _api(client, "kim", WACHTWOORD))

    for _ in range(GRENS - 1):
        assert _api(client, "kim", "fout").status_code == 400
    assert _gelukt("api", _api(client, "kim", WACHTWOORD))


@pytest.mark.parametrize("deur", DEUREN)
def test_x_forwarded_for_telt_niet_zonder_vertrouwde_proxy(
    kim: Any, client: Client, deur: str
) -> None:
    """The attack from the issue: a new header value on every guess. Without a configured
    proxy the header is the client's own say-so and is ignored."""
    inloggen = DEUREN[deur]
    for poging in range(GRENS):
        inloggen(client, "kim", "fout", HTTP_X_FORWARDED_FOR=f"10.0.0.{poging}")

    _vergrendeld(deur, inloggen(client, "kim", WACHTWOORD, HTTP_X_FORWARDED_FOR="10.9.9.9"))
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"127.0.0.1"}


@override_settings(VERTROUWDE_PROXIES=1)
def test_achter_een_proxy_telt_het_adres_dat_de_proxy_zag(kim: Any, client: Client) -> None:
    # The proxy appends the address it saw; what the client wrote to its left is ignored.
    for poging in range(GRENS):
        _api(client, "kim", "fout", HTTP_X_FORWARDED_FOR=f"10.0.0.{poging}, 203.0.113.9")

    _vergrendeld("api", _api(client, "kim", WACHTWOORD, HTTP_X_FORWARDED_FOR="203.0.113.9"))
    assert _gelukt("api", _api(client, "kim", WACHTWOORD, HTTP_X_FORWARDED_FOR="198.51.100.4"))
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.9"}


def test_de_blokkade_in_de_taal_van_het_verzoek(kim: Any, client: Client) -> None:
    for _ in range(GRENS - 1):
        _api(client, "kim", "fout")

    response = _api(client, "kim", "fout", HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 429
    body = response.json()
    assert body["title"] == "Too many requests."
    assert body["detail"].startswith("Too many failed login attempts")


def test_veel_gebruikersnamen_vanaf_een_adres_worden_afgeremd(db: None, client: Client) -> None:
    # Guessing across usernames is not a lockout per username; the address is throttled.
    antwoorden = [_api(client, f"gebruiker{n}", "fout").status_code for n in range(31)]

    assert antwoorden[:30] == [400] * 30
    assert antwoorden[30] == 429
