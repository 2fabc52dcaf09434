"""Single sign-on end to end against a real OpenID Provider (django-oauth-toolkit in its own
process on loopback, tests/toegang/op/): log in through the gemeente into the status page
and the admin, a refused login (wrong password, a forged state), never an account matched on
e-mail, memberships still deciding what one sees, and a logout that ends both sessions."""

from __future__ import annotations

import html
import re
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit, urlunsplit

import pytest
import requests
from django.contrib.auth import get_user_model
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from cases import services
from cases.models import Bestuursproces
from cases.models.lidmaatschap import Rol
from tests.factories import GebruikerFactory, actor_voor
from tests.toegang.op.fixture import IdentityProvider
from toegang.models import OidcKoppeling

pytestmark = pytest.mark.usefixtures("transactional_db")


@pytest.fixture(autouse=True)
def _geen_wachttijd_na_een_foute_code(settings: Any) -> None:
    settings.OTP_TOTP_THROTTLE_FACTOR = 0


def _veld(tekst: str, naam: str) -> str:
    gevonden = re.search(rf'name="{naam}" value="([^"]*)"', tekst)
    assert gevonden, f"{naam} ontbreekt"
    return html.unescape(gevonden.group(1))


def _sso_link(tekst: str) -> str:
    gevonden = re.search(r'id="sso"[^>]*href="([^"]+)"|href="([^"]+)"[^>]*id="sso"', tekst)
    assert gevonden, "geen knop 'Inloggen via de gemeente'"
    return html.unescape(gevonden.group(1) or gevonden.group(2))


def naar_de_idp(sessie: requests.Session, basis: str, pad: str = "/inloggen/") -> Any:
    """Open a login page of the app and follow "Inloggen via de gemeente"."""
    pagina = sessie.get(basis + pad, timeout=30)
    assert "Inloggen via de gemeente" in pagina.text
    return sessie.get(basis + _sso_link(pagina.text), timeout=30)


def log_in_bij_de_idp(
    sessie: requests.Session, formulier: Any, naam: str, wachtwoord: str, volgen: bool = True
) -> Any:
    return sessie.post(
        formulier.url,
        data={
            "csrfmiddlewaretoken": _veld(formulier.text, "csrfmiddlewaretoken"),
            "next": _veld(formulier.text, "next"),
            "username": naam,
            "password": wachtwoord,
        },
        timeout=30,
        allow_redirects=volgen,
    )


def _ingelogd(sessie: requests.Session, basis: str) -> bool:
    return sessie.get(basis + "/processen/", timeout=30).url == basis + "/processen/"


def test_inloggen_via_de_gemeente_lidmaatschap_en_uitloggen(
    live_server: Any, sso: IdentityProvider, bestuursproces: Bestuursproces, regisseur: Any
) -> None:
    s = requests.Session()
    formulier = naar_de_idp(s, live_server.url)
    assert formulier.url.startswith(f"{sso.basis}/accounts/login/")

    pagina = log_in_bij_de_idp(s, formulier, "ambtenaar", sso.wachtwoord)
    assert pagina.url == f"{live_server.url}/processen/"
    assert "Mijn processen" in pagina.text

    # A new account, linked on (issuer, sub), with no password of its own and no rights.
    koppeling = OidcKoppeling.objects.select_related("gebruiker").get(
        issuer=sso.issuer, sub=sso.sub["ambtenaar"]
    )
    gebruiker = koppeling.gebruiker
    assert gebruiker.username == "ambtenaar"
    assert not gebruiker.has_usable_password()
    assert not gebruiker.is_staff
    assert not gebruiker.is_superuser

    # Memberships decide what one sees, whichever way one logged in.
    assert bestuursproces.titel not in pagina.text
    services.voeg_lid_toe(
        actor=actor_voor(regisseur),
        bestuursproces=bestuursproces,
        gebruiker=gebruiker,
        rol=Rol.OPDRACHTGEVER,
    )
    assert bestuursproces.titel in s.get(f"{live_server.url}/processen/", timeout=30).text

    # Logging out ends the session here and at the provider, and comes back to the login.
    lijst = s.get(f"{live_server.url}/processen/", timeout=30)
    weg = s.post(
        f"{live_server.url}/uitloggen/",
        data={"csrfmiddlewaretoken": _veld(lijst.text, "csrfmiddlewaretoken")},
        timeout=30,
    )
    assert weg.url == f"{live_server.url}/inloggen/"
    assert any(stap.url.startswith(f"{sso.basis}/o/logout/") for stap in weg.history)
    assert not _ingelogd(s, live_server.url)
    # The provider asks for the password again: its session ended too.
    assert naar_de_idp(s, live_server.url).url.startswith(f"{sso.basis}/accounts/login/")


def test_verkeerd_wachtwoord_bij_de_idp_logt_niet_in(
    live_server: Any, sso: IdentityProvider
) -> None:
    s = requests.Session()
    antwoord = log_in_bij_de_idp(s, naar_de_idp(s, live_server.url), "ambtenaar", "fout")
    assert antwoord.url.startswith(f"{sso.basis}/accounts/login/")
    assert 'id="fout"' in antwoord.text
    assert not _ingelogd(s, live_server.url)
    assert not OidcKoppeling.objects.exists()


def test_vervalste_state_logt_niet_in(live_server: Any, sso: IdentityProvider) -> None:
    s = requests.Session()
    antwoord = log_in_bij_de_idp(
        s, naar_de_idp(s, live_server.url), "ambtenaar", sso.wachtwoord, volgen=False
    )
    # Follow the provider's redirects by hand up to the way back into the app.
    while not antwoord.headers["Location"].startswith(f"{live_server.url}/oidc/callback/"):
        antwoord = s.get(
            requests.compat.urljoin(antwoord.url, antwoord.headers["Location"]),
            allow_redirects=False,
            timeout=30,
        )
    terug = urlsplit(antwoord.headers["Location"])
    parameters = {k: v[0] for k, v in parse_qs(terug.query).items()}
    assert {"code", "state"} <= parameters.keys()
    vervalst = urlunsplit(terug._replace(query=urlencode({**parameters, "state": "vervalst"})))

    geweigerd = s.get(vervalst, allow_redirects=False, timeout=30)
    assert geweigerd.status_code == 400
    assert not _ingelogd(s, live_server.url)
    assert not OidcKoppeling.objects.exists()

    # A callback in a session that never started a login: sent back with a message.
    vreemd = requests.Session().get(
        f"{live_server.url}/oidc/callback/?{urlencode(parameters)}", timeout=30
    )
    assert vreemd.url == f"{live_server.url}/inloggen/?sso=mislukt"
    assert "Inloggen via de gemeente is niet gelukt" in vreemd.text


def test_nooit_gekoppeld_op_e_mail_of_gebruikersnaam(
    live_server: Any, sso: IdentityProvider
) -> None:
    """An account with the same username and e-mail is not the same person: it is left alone
    and the provider's person gets an account of their own."""
    bestaand: Any = GebruikerFactory(
        username="ambtenaar", email="ambtenaar@gemeente.test", is_staff=True
    )
    s = requests.Session()
    log_in_bij_de_idp(s, naar_de_idp(s, live_server.url), "ambtenaar", sso.wachtwoord)
    assert _ingelogd(s, live_server.url)
    koppeling = OidcKoppeling.objects.get(sub=sso.sub["ambtenaar"])
    assert koppeling.gebruiker != bestaand
    assert koppeling.gebruiker.username.startswith("oidc-")
    assert not OidcKoppeling.objects.filter(gebruiker=bestaand).exists()


def _beheerder_van(sso: IdentityProvider, naam: str) -> Any:
    """A functioneel beheerder in the app, linked by a beheerder to a person at the provider,
    with a TOTP device."""
    gebruiker: Any = GebruikerFactory(username=f"app-{naam}", is_staff=True, is_superuser=True)
    OidcKoppeling.objects.create(gebruiker=gebruiker, issuer=sso.issuer, sub=sso.sub[naam])
    TOTPDevice.objects.create(user=gebruiker, name="telefoon", confirmed=True)
    return gebruiker


def _via_de_gemeente_naar_het_beheer(
    s: requests.Session, basis: str, sso: IdentityProvider, naam: str
) -> Any:
    formulier = naar_de_idp(s, basis, "/admin/login/?next=/admin/")
    return log_in_bij_de_idp(s, formulier, naam, sso.wachtwoord)


@pytest.mark.parametrize("mfa_via_idp", [True, False])
def test_beheer_via_de_gemeente_met_mfa_bij_de_idp(
    live_server: Any, sso: IdentityProvider, settings: Any, mfa_via_idp: bool
) -> None:
    settings.MFA_VIA_IDP_TOEGESTAAN = mfa_via_idp
    gebruiker = _beheerder_van(sso, "mfa-beheerder")
    s = requests.Session()
    pagina = _via_de_gemeente_naar_het_beheer(s, live_server.url, sso, "mfa-beheerder")
    if mfa_via_idp:
        # The provider's amr says it did MFA: that is the second factor.
        assert pagina.url == f"{live_server.url}/admin/"
        assert 'id="site-name"' in pagina.text
        return
    # Configured not to trust it: the TOTP code is still asked.
    assert pagina.url.startswith(f"{live_server.url}/beheer/tweede-factor/")
    _geef_code(s, pagina, gebruiker, live_server.url)


def test_beheer_via_de_gemeente_zonder_mfa_vraagt_de_code(
    live_server: Any, sso: IdentityProvider
) -> None:
    gebruiker = _beheerder_van(sso, "beheerder")
    s = requests.Session()
    pagina = _via_de_gemeente_naar_het_beheer(s, live_server.url, sso, "beheerder")
    assert pagina.url.startswith(f"{live_server.url}/beheer/tweede-factor/")
    assert s.get(f"{live_server.url}/admin/", timeout=30).url.startswith(
        f"{live_server.url}/beheer/tweede-factor/"
    )
    _geef_code(s, pagina, gebruiker, live_server.url)


def _geef_code(s: requests.Session, pagina: Any, gebruiker: Any, basis: str) -> None:
    """A wrong code, then the right one. django-otp throttles a device after a failure
    (exponentially, from 1 s); the tests set the factor to 0 rather than wait."""
    apparaat = TOTPDevice.objects.get(user=gebruiker)
    fout = s.post(
        pagina.url,
        data={
            "csrfmiddlewaretoken": _veld(pagina.text, "csrfmiddlewaretoken"),
            "next": "/admin/",
            "code": "000000" if totp(apparaat.bin_key) != 0 else "111111",
        },
        timeout=30,
    )
    assert "Deze code klopt niet" in fout.text
    goed = s.post(
        pagina.url,
        data={
            "csrfmiddlewaretoken": _veld(fout.text, "csrfmiddlewaretoken"),
            "next": "/admin/",
            "code": f"{totp(apparaat.bin_key):06d}",
        },
        timeout=30,
    )
    assert goed.url == f"{basis}/admin/"
    assert 'id="site-name"' in goed.text
    assert get_user_model().objects.filter(pk=gebruiker.pk, is_superuser=True).exists()
