"""API tokens in the admin: who has one and until when, never the token itself."""

from __future__ import annotations

from typing import Any

from django.test import Client
from knox.models import AuthToken

from tests._mfa import log_in_met_tweede_factor
from tests.factories import GebruikerFactory
from toegang.tokens import geef_token

LIJST = "/admin/knox/authtoken/"


def _beheerder() -> Any:
    return GebruikerFactory(beheerder=True)


def test_het_beheer_toont_geen_tokens_of_hashes(db: None, client: Client) -> None:
    houder = GebruikerFactory(username="koppeling")
    token, _ = geef_token(houder)
    opgeslagen = AuthToken.objects.get(user=houder)
    log_in_met_tweede_factor(client, _beheerder())

    lijst = client.get(LIJST).content.decode()
    detail = client.get(f"{LIJST}{opgeslagen.pk}/change/").content.decode()

    assert "koppeling" in lijst
    for pagina in (lijst, detail):
        assert token not in pagina
        assert token[:15] not in pagina
    # The SHA-512 digest is the row's key in the admin's URLs: it cannot be used to log in.
    assert f">{opgeslagen.digest}<" not in lijst


def test_geen_tokens_aanmaken_in_het_beheer(db: None, client: Client) -> None:
    log_in_met_tweede_factor(client, _beheerder())

    assert client.get(f"{LIJST}add/").status_code == 403


def test_de_beheerder_beeindigt_een_token(db: None, client: Client) -> None:
    houder: Any = GebruikerFactory()
    geef_token(houder)
    opgeslagen = AuthToken.objects.get(user=houder)
    log_in_met_tweede_factor(client, _beheerder())

    response = client.post(f"{LIJST}{opgeslagen.pk}/delete/", {"post": "yes"})

    assert response.status_code == 302
    assert not AuthToken.objects.filter(user=houder).exists()
