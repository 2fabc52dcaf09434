"""POST /api/v1/tokens and authenticating with ``Authorization: Token <key>``."""

from __future__ import annotations

from typing import Any

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tests.factories import GebruikerFactory

from .helpers import (
    API,
    LIJST,
    assert_api_versie,
    assert_probleem,
    fouten,
    laatste_gebeurtenis,
    proces_url,
)

TOKENS = f"{API}/tokens"
WACHTWOORD = "geheim-wachtwoord"  # what GebruikerFactory sets


def vraag_token(client: APIClient, gebruikersnaam: str, wachtwoord: str = WACHTWOORD) -> Any:
    return client.post(
        TOKENS, {"gebruikersnaam": gebruikersnaam, "wachtwoord": wachtwoord}, format="json"
    )


def test_token_aanvragen(regisseur, api):
    response = vraag_token(api, "regisseur")

    assert response.status_code == 200, response.content
    assert_api_versie(response)
    body = response.json()
    assert set(body) == {"token"}
    assert body["token"] == Token.objects.get(user=regisseur).key
    assert len(body["token"]) == 40


def test_token_is_elke_keer_hetzelfde(regisseur, api):
    assert vraag_token(api, "regisseur").json() == vraag_token(api, "regisseur").json()


def test_token_authenticeert_een_volgend_verzoek(bestuursproces, api):
    token = vraag_token(api, "regisseur").json()["token"]
    client = APIClient()

    lijst = client.get(LIJST, headers={"Authorization": f"Token {token}"})
    wijziging = client.patch(
        proces_url(bestuursproces),
        {"omschrijving": "Via de API"},
        format="json",
        headers={"Authorization": f"Token {token}", "X-Audit-Toelichting": "Koppeling"},
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
    response = client.post(
        LIJST,
        {"titel": "Via token", "rolGemeente": "initierend", "aanpak": "lineair"},
        format="json",
        headers={"Authorization": f"Token {token}"},
    )

    assert response.status_code == 201, response.content
    assert response.json()["mijnRol"] == "procesregisseur"


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
    assert not Token.objects.exists()


def test_inactieve_gebruiker_krijgt_geen_token(db, api):
    GebruikerFactory(username="vertrokken", is_active=False)

    assert fouten(vraag_token(api, "vertrokken")) == {"wachtwoord": "ongeldige_inloggegevens"}
    assert not Token.objects.exists()


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


def test_te_veel_pogingen(regisseur, api):
    for _ in range(20):
        assert vraag_token(api, "regisseur", "fout").status_code == 400

    response = vraag_token(api, "regisseur")

    assert_probleem(response, 429, "throttled")
    assert int(response["Retry-After"]) > 0


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
    assert not Token.objects.exists()
