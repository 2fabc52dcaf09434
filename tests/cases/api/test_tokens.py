"""API tokens (django-rest-knox): POST /api/v1/tokens, ``Authorization: Token <token>``,
expiry, DELETE /api/v1/tokens/huidig, and the end of every token on a new password or a
deactivated account."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.utils import timezone
from knox.models import AuthToken
from rest_framework.test import APIClient

from tests.factories import GebruikerFactory

from .helpers import (
    API,
    LIJST,
    MINIMAAL,
    assert_api_versie,
    assert_probleem,
    fouten,
    laatste_gebeurtenis,
    proces_url,
)

TOKENS = f"{API}/tokens"
HUIDIG = f"{TOKENS}/huidig"
WACHTWOORD = "geheim-wachtwoord"  # what GebruikerFactory sets


def vraag_token(client: APIClient, gebruikersnaam: str, wachtwoord: str = WACHTWOORD) -> Any:
    return client.post(
        TOKENS, {"gebruikersnaam": gebruikersnaam, "wachtwoord": wachtwoord}, format="json"
    )


def token_van(gebruikersnaam: str) -> str:
    response = vraag_token(APIClient(), gebruikersnaam)
    assert response.status_code == 200, response.content
    return str(response.json()["token"])


def met_token(token: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return client


def test_token_aanvragen(regisseur, api):
    voor = timezone.now()

    response = vraag_token(api, "regisseur")

    assert response.status_code == 200, response.content
    assert_api_versie(response)
    body = response.json()
    assert set(body) == {"token", "verlooptOp"}
    assert len(body["token"]) == 64
    verloopt = dt.datetime.fromisoformat(body["verlooptOp"])
    assert voor + dt.timedelta(hours=10) <= verloopt <= timezone.now() + dt.timedelta(hours=10)


def test_alleen_een_hash_wordt_bewaard(regisseur, api):
    token = vraag_token(api, "regisseur").json()["token"]

    opgeslagen = AuthToken.objects.get(user=regisseur)
    assert token not in opgeslagen.digest
    assert len(opgeslagen.digest) == 128  # SHA-512, hex
    with connection.cursor() as cursor:
        cursor.execute("SELECT digest, token_key FROM knox_authtoken")
        assert all(token not in "".join(rij) for rij in cursor.fetchall())


def test_elke_aanvraag_geeft_een_nieuw_token_en_beide_werken(bestuursproces, regisseur):
    eerste, tweede = token_van("regisseur"), token_van("regisseur")

    assert eerste != tweede
    assert AuthToken.objects.filter(user=regisseur).count() == 2
    for token in (eerste, tweede):
        assert met_token(token).get(LIJST).status_code == 200


def test_token_authenticeert_een_volgend_verzoek(bestuursproces, api):
    client = met_token(vraag_token(api, "regisseur").json()["token"])

    lijst = client.get(LIJST)
    wijziging = client.patch(
        proces_url(bestuursproces),
        {"omschrijving": "Via de API"},
        format="json",
        headers={"X-Audit-Toelichting": "Koppeling"},
    )

    assert lijst.status_code == 200
    assert [item["uuid"] for item in lijst.json()["results"]] == [str(bestuursproces.uuid)]
    assert wijziging.status_code == 200, wijziging.content
    gebeurtenis = laatste_gebeurtenis(bestuursproces)
    assert gebeurtenis.actor_gebruikersnaam == "regisseur"
    assert gebeurtenis.herkomst == "api-token@127.0.0.1"
    assert gebeurtenis.toelichting == "Koppeling"


def test_token_werkt_zonder_sessie_of_csrf(regisseur, db):
    client = APIClient(enforce_csrf_checks=True)
    token = vraag_token(client, "regisseur").json()["token"]
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")

    response = client.post(LIJST, MINIMAAL, format="json")

    assert response.status_code == 201, response.content
    assert response.json()["mijnRol"] == "procesregisseur"


def test_verlopen_token_is_401_en_wordt_opgeruimd(bestuursproces, regisseur):
    token = token_van("regisseur")
    AuthToken.objects.filter(user=regisseur).update(expiry=timezone.now() - dt.timedelta(seconds=1))

    response = met_token(token).get(LIJST)

    body = assert_probleem(response, 401, "authentication_failed")
    assert "POST /api/v1/tokens" in body["detail"]
    assert response["WWW-Authenticate"] == "Token"
    assert not AuthToken.objects.exists()


def test_uitloggen_beeindigt_alleen_het_gebruikte_token(bestuursproces, regisseur):
    weg, blijft = token_van("regisseur"), token_van("regisseur")

    response = met_token(weg).delete(HUIDIG)

    assert response.status_code == 204
    assert_api_versie(response)
    assert_probleem(met_token(weg).get(LIJST), 401, "authentication_failed")
    assert met_token(blijft).get(LIJST).status_code == 200
    assert AuthToken.objects.filter(user=regisseur).count() == 1


def test_uitloggen_zonder_token_is_401(regisseur):
    # A session (or no credentials at all) has no token to end.
    met_sessie = APIClient()
    met_sessie.force_login(regisseur)

    assert_probleem(APIClient().delete(HUIDIG), 401, "not_authenticated")
    assert_probleem(met_sessie.delete(HUIDIG), 401, "not_authenticated")


def test_nieuw_wachtwoord_beeindigt_alle_tokens(bestuursproces, regisseur):
    tokens = [token_van("regisseur"), token_van("regisseur")]

    regisseur.set_password("een-heel-ander-wachtwoord")
    regisseur.save()

    assert not AuthToken.objects.filter(user=regisseur).exists()
    for token in tokens:
        assert_probleem(met_token(token).get(LIJST), 401, "authentication_failed")


def test_gedeactiveerd_account_beeindigt_alle_tokens(bestuursproces, regisseur):
    token = token_van("regisseur")

    regisseur.is_active = False
    regisseur.save(update_fields=["is_active"])

    assert not AuthToken.objects.filter(user=regisseur).exists()
    assert_probleem(met_token(token).get(LIJST), 401, "authentication_failed")


def test_andere_wijzigingen_laten_tokens_staan(bestuursproces, regisseur):
    token = token_van("regisseur")

    regisseur.first_name = "Rianne"
    regisseur.save()
    regisseur.is_active = True
    regisseur.save(update_fields=["is_active"])

    assert met_token(token).get(LIJST).status_code == 200


def test_een_oud_token_van_40_tekens_werkt_niet_meer(bestuursproces, regisseur):
    # DRF's old plain tokens were 40 hex characters; clients ask for a new token.
    assert_probleem(met_token("a" * 40).get(LIJST), 401, "authentication_failed")


@pytest.mark.parametrize(
    ("gebruikersnaam", "wachtwoord"),
    [
        ("regisseur", "fout-wachtwoord"),
        ("regisseur", WACHTWOORD.upper()),
        ("regisseur", f" {WACHTWOORD}"),
        ("niemand", WACHTWOORD),
        ("REGISSEUR", WACHTWOORD),
    ],
)
def test_verkeerde_inloggegevens(regisseur, api, gebruikersnaam, wachtwoord):
    response = vraag_token(api, gebruikersnaam, wachtwoord)

    body = assert_probleem(response, 400, "invalid")
    assert body["invalidParams"] == [
        {
            "name": "wachtwoord",
            "code": "ongeldige_inloggegevens",
            "reason": "Gebruikersnaam of wachtwoord klopt niet.",
        }
    ]
    assert not AuthToken.objects.exists()


def test_inactieve_gebruiker_krijgt_geen_token(db, api):
    GebruikerFactory(username="vertrokken", is_active=False)

    assert fouten(vraag_token(api, "vertrokken")) == {"wachtwoord": "ongeldige_inloggegevens"}
    assert not AuthToken.objects.exists()


@pytest.mark.parametrize(
    ("payload", "verwacht"),
    [
        ({}, {"gebruikersnaam": "required", "wachtwoord": "required"}),
        ({"gebruikersnaam": "regisseur"}, {"wachtwoord": "required"}),
        (
            {"gebruikersnaam": "", "wachtwoord": ""},
            {"gebruikersnaam": "blank", "wachtwoord": "blank"},
        ),
        ({"gebruikersnaam": "x" * 151, "wachtwoord": "y"}, {"gebruikersnaam": "max_length"}),
    ],
)
def test_ontbrekende_inloggegevens(regisseur, api, payload, verwacht):
    assert fouten(api.post(TOKENS, payload, format="json")) == verwacht


@pytest.mark.parametrize(
    ("header", "code"),
    [
        ("Token ongeldig", "authentication_failed"),
        ("Token ", "authentication_failed"),
        ("Token a b", "authentication_failed"),
        ("Bearer abc", "not_authenticated"),
    ],
)
def test_ongeldig_token_is_401(bestuursproces, api, header, code):
    response = api.get(LIJST, headers={"Authorization": header})

    assert_probleem(response, 401, code)
    assert response["WWW-Authenticate"] == "Token"


@pytest.mark.parametrize("methode", ["get", "put", "patch", "delete"])
def test_methode_niet_toegestaan(db, api, methode):
    response = getattr(api, methode)(TOKENS)

    assert_probleem(response, 405, "method_not_allowed")
    assert set(response["Allow"].split(", ")) == {"POST", "OPTIONS"}


def test_schuine_streep_aan_het_eind_is_404(regisseur, api):
    response = api.post(
        f"{TOKENS}/", {"gebruikersnaam": "regisseur", "wachtwoord": WACHTWOORD}, format="json"
    )

    assert_probleem(response, 404, "not_found")
    assert not AuthToken.objects.exists()
