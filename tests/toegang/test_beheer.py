"""The admin asks every beheerder for a second factor (issue 12 §4): TOTP after the password,
set up on first use, or the identity provider's MFA when allowed. Other pages do not."""

from __future__ import annotations

import base64
from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import GebruikerFactory
from toegang.mfa import SESSIE_MFA_DOOR_IDP, idp_bevestigt_mfa

WACHTWOORD = "geheim-wachtwoord"  # tests.factories.GebruikerFactory


@pytest.fixture
def beheerder(db: None) -> Any:
    return GebruikerFactory(username="beheerder", is_staff=True, is_superuser=True)


@pytest.fixture(autouse=True)
def _geen_wachttijd_na_een_foute_code(settings: Any) -> None:
    # django-otp throttles a device after a failed code (from 1 s); tests do not wait.
    settings.OTP_TOTP_THROTTLE_FACTOR = 0


def _log_in(client: Client, naam: str) -> Any:
    return client.post(
        "/admin/login/?next=/admin/",
        {"username": naam, "password": WACHTWOORD, "next": "/admin/"},
        follow=True,
    )


def test_wachtwoord_alleen_is_niet_genoeg_voor_het_beheer(client: Client, beheerder: Any) -> None:
    apparaat = TOTPDevice.objects.create(user=beheerder, name="telefoon", confirmed=True)
    antwoord = _log_in(client, "beheerder")
    assert antwoord.request["PATH_INFO"] == "/beheer/tweede-factor/"
    assert client.get("/admin/").status_code == 302
    assert client.get("/admin/cases/bestuursproces/").status_code == 302

    fout = client.post("/beheer/tweede-factor/?next=/admin/", {"code": "12345"})
    assert "Deze code klopt niet" in fout.content.decode()
    assert client.get("/admin/").status_code == 302

    goed = client.post(
        "/beheer/tweede-factor/", {"code": f"{totp(apparaat.bin_key):06d}", "next": "/admin/"}
    )
    assert goed.status_code == 302
    assert goed["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_zonder_apparaat_eerst_instellen(client: Client, beheerder: Any) -> None:
    antwoord = _log_in(client, "beheerder")
    assert antwoord.request["PATH_INFO"] == "/beheer/tweede-factor/instellen/"
    assert antwoord.status_code == 200
    assert client.get("/admin/").status_code == 302


def test_geen_omleiding_naar_buiten(client: Client, beheerder: Any) -> None:
    apparaat = TOTPDevice.objects.create(user=beheerder, name="telefoon", confirmed=True)
    client.force_login(beheerder)
    goed = client.post(
        "/beheer/tweede-factor/",
        {"code": f"{totp(apparaat.bin_key):06d}", "next": "https://elders.example/"},
    )
    assert goed["Location"] == "/admin/"


def test_statuspagina_vraagt_geen_tweede_factor(client: Client, beheerder: Any) -> None:
    antwoord = client.post(
        "/inloggen/", {"username": "beheerder", "password": WACHTWOORD}, follow=True
    )
    assert antwoord.request["PATH_INFO"] == "/processen/"
    assert antwoord.status_code == 200


@pytest.mark.parametrize("toegestaan", [True, False])
def test_mfa_van_de_idp_telt_als_tweede_factor_als_dat_mag(
    client: Client, beheerder: Any, settings: Any, toegestaan: bool
) -> None:
    settings.MFA_VIA_IDP_TOEGESTAAN = toegestaan
    client.force_login(beheerder)
    sessie = client.session
    sessie[SESSIE_MFA_DOOR_IDP] = True
    sessie.save()
    assert client.get("/admin/").status_code == (200 if toegestaan else 302)


@pytest.mark.parametrize(
    ("claims", "acr", "verwacht"),
    [
        ({"amr": ["pwd", "mfa"]}, [], True),
        ({"amr": ["otp"]}, [], True),
        ({"amr": "mfa"}, [], True),
        ({"amr": ["pwd"]}, [], False),
        ({}, [], False),
        ({"acr": "urn:gemeente:loa:hoog"}, ["urn:gemeente:loa:hoog"], True),
        ({"acr": "urn:gemeente:loa:laag"}, ["urn:gemeente:loa:hoog"], False),
    ],
)
def test_wanneer_de_idp_mfa_bevestigt(
    settings: Any, claims: dict[str, Any], acr: list[str], verwacht: bool
) -> None:
    settings.OIDC_MFA_ACR = acr
    assert idp_bevestigt_mfa(claims) is verwacht


def test_demo_apparaten_met_geheim(db: None, settings: Any) -> None:
    GebruikerFactory(username="beheerder", is_staff=True, is_superuser=True)
    GebruikerFactory(username="lezer")
    settings.DEBUG = True
    uit = StringIO()
    call_command("demo_tweede_factor", stdout=uit)
    apparaat = TOTPDevice.objects.get(user__username="beheerder")
    geheim = base64.b32encode(apparaat.bin_key).decode("ascii")
    assert f"geheim {geheim}" in uit.getvalue()
    assert not TOTPDevice.objects.filter(user__username="lezer").exists()
    code = StringIO()
    call_command("demo_tweede_factor", "--code", "beheerder", stdout=code)
    assert code.getvalue().strip() == f"{totp(apparaat.bin_key):06d}"

    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("demo_tweede_factor")
