"""Accounts for people at the identity provider: found on (issuer, sub) only."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import SuspiciousOperation

from tests.factories import GebruikerFactory
from toegang.models import OidcKoppeling
from toegang.oidc import controleer_publiek
from toegang.services import gebruiker_voor_identiteit

ISSUER = "https://idp.gemeente.example/o"


def test_bestaande_koppeling_wint_en_wordt_bijgewerkt(db: None) -> None:
    rina: Any = GebruikerFactory(username="rina")
    OidcKoppeling.objects.create(gebruiker=rina, issuer=ISSUER, sub="42")
    gevonden = gebruiker_voor_identiteit(
        issuer=ISSUER, sub="42", claims={"preferred_username": "iemand-anders"}, aanmaken=True
    )
    assert gevonden == rina
    assert OidcKoppeling.objects.get(sub="42").laatst_gebruikt is not None


def test_zelfde_sub_bij_een_andere_issuer_is_een_ander(db: None) -> None:
    rina: Any = GebruikerFactory(username="rina")
    OidcKoppeling.objects.create(gebruiker=rina, issuer=ISSUER, sub="42")
    ander = gebruiker_voor_identiteit(
        issuer="https://andere-idp.example", sub="42", claims={}, aanmaken=True
    )
    assert ander is not None
    assert ander != rina


def test_zonder_aanmaken_geen_account(db: None) -> None:
    assert gebruiker_voor_identiteit(issuer=ISSUER, sub="7", claims={}, aanmaken=False) is None
    assert not OidcKoppeling.objects.exists()


def test_nieuw_account_zonder_rechten_en_zonder_wachtwoord(db: None) -> None:
    GebruikerFactory(username="kees", email="kees@gemeente.example")
    nieuw: Any = gebruiker_voor_identiteit(
        issuer=ISSUER,
        sub="7",
        claims={"preferred_username": "kees", "email": "kees@gemeente.example"},
        aanmaken=True,
    )
    assert nieuw.username.startswith("oidc-")  # "kees" is someone else's name
    assert not nieuw.has_usable_password()
    assert not nieuw.is_staff
    assert OidcKoppeling.objects.get(issuer=ISSUER, sub="7").gebruiker == nieuw


def test_zonder_identity_provider_geen_sso(client: Any, db: None) -> None:
    assert client.get("/oidc/authenticate/").status_code == 404
    assert client.get("/oidc/callback/?code=x&state=y").status_code == 404
    assert "Inloggen via de gemeente" not in client.get("/inloggen/").content.decode()
    assert "Inloggen via de gemeente" not in client.get("/admin/login/").content.decode()


@pytest.mark.parametrize(
    ("payload", "goed"),
    [
        ({"aud": "procesregie"}, True),
        ({"aud": ["procesregie"]}, True),
        ({"aud": ["procesregie", "ander"], "azp": "procesregie"}, True),
        ({"aud": ["procesregie", "ander"], "azp": "ander"}, False),
        ({"aud": "ander"}, False),
        ({}, False),
    ],
)
def test_id_token_moet_voor_deze_client_zijn(
    settings: Any, payload: dict[str, Any], goed: bool
) -> None:
    settings.OIDC_RP_CLIENT_ID = "procesregie"
    if goed:
        controleer_publiek(payload)
    else:
        with pytest.raises(SuspiciousOperation):
            controleer_publiek(payload)
