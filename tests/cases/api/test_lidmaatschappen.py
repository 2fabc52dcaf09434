"""/bestuursprocessen/{uuid}/lidmaatschappen: members read, only the procesregisseur changes."""

from __future__ import annotations

from typing import Any

import pytest
from rest_framework.test import APIClient

from cases.models import Bestuursproces, Lidmaatschap
from tests.factories import GebruikerFactory

from .helpers import assert_api_versie, assert_probleem, fouten, laatste_gebeurtenis, proces_url

LID_VELDEN = {"url", "uuid", "gebruiker", "naam", "rol", "sinds"}


def client_voor(gebruiker: Any) -> APIClient:
    client = APIClient()
    client.force_authenticate(gebruiker)
    return client


def lid_url(bestuursproces: Bestuursproces, gebruiker: Any) -> str:
    lid = Lidmaatschap.objects.get(bestuursproces=bestuursproces, gebruiker=gebruiker)
    return proces_url(bestuursproces, f"/lidmaatschappen/{lid.uuid}")


@pytest.mark.parametrize("rol", ["procesregisseur", "kernteam", "opdrachtgever", "evaluator"])
def test_elk_lid_ziet_de_leden(bestuursproces, leden, rol):
    response = client_voor(leden[rol]).get(proces_url(bestuursproces, "/lidmaatschappen"))

    assert response.status_code == 200
    assert_api_versie(response)
    body = response.json()
    assert body["count"] == 4
    assert {lid["gebruiker"]: lid["rol"] for lid in body["results"]} == {
        leden[r].username: r for r in ("procesregisseur", "kernteam", "opdrachtgever", "evaluator")
    }
    for lid in body["results"]:
        assert set(lid) == LID_VELDEN
        detail = client_voor(leden[rol]).get(lid["url"])
        assert detail.json() == lid


def test_regisseur_voegt_een_lid_toe(bestuursproces, leden):
    nieuw = GebruikerFactory(username="wethouder", first_name="Wim", last_name="Wethouder")
    response = client_voor(leden["procesregisseur"]).post(
        proces_url(bestuursproces, "/lidmaatschappen"),
        {
            "gebruiker": "wethouder",
            "rol": "opdrachtgever",
            "toelichting": "Bestuurlijk opdrachtgever",
        },
        format="json",
    )

    assert response.status_code == 201, response.content
    body = response.json()
    assert response["Location"] == body["url"]
    assert {k: body[k] for k in ("gebruiker", "naam", "rol")} == {
        "gebruiker": "wethouder",
        "naam": "Wim Wethouder",
        "rol": "opdrachtgever",
    }
    gebeurtenis = laatste_gebeurtenis(bestuursproces)
    assert gebeurtenis.type == "lidmaatschap.toegevoegd"
    assert gebeurtenis.toelichting == "Bestuurlijk opdrachtgever"
    assert gebeurtenis.payload == {
        "lidmaatschap": {"uuid": body["uuid"], "gebruiker": "wethouder", "rol": "opdrachtgever"}
    }
    assert client_voor(nieuw).get(proces_url(bestuursproces)).status_code == 200


def test_regisseur_wijzigt_een_rol_en_beeindigt_een_lidmaatschap(bestuursproces, leden):
    regisseur = client_voor(leden["procesregisseur"])
    url = lid_url(bestuursproces, leden["evaluator"])

    gewijzigd = regisseur.patch(
        url, {"rol": "kernteam"}, format="json", HTTP_X_AUDIT_TOELICHTING="Schrijft mee"
    )
    assert gewijzigd.status_code == 200
    assert gewijzigd.json()["rol"] == "kernteam"
    gebeurtenis = laatste_gebeurtenis(bestuursproces)
    assert gebeurtenis.type == "lidmaatschap.gewijzigd"
    assert gebeurtenis.toelichting == "Schrijft mee"
    assert gebeurtenis.payload["vorigeRol"] == "evaluator"

    beeindigd = regisseur.delete(url, HTTP_X_AUDIT_TOELICHTING="Evaluatie afgerond")
    assert beeindigd.status_code == 204
    assert_api_versie(beeindigd)
    gebeurtenis = laatste_gebeurtenis(bestuursproces)
    assert gebeurtenis.type == "lidmaatschap.beeindigd"
    assert gebeurtenis.toelichting == "Evaluatie afgerond"
    assert client_voor(leden["evaluator"]).get(proces_url(bestuursproces)).status_code == 404
    assert_probleem(regisseur.get(url), 404)


@pytest.mark.parametrize("rol", ["kernteam", "opdrachtgever", "evaluator"])
def test_alleen_de_regisseur_beheert_leden(bestuursproces, leden, rol):
    client = client_voor(leden[rol])
    aantal = bestuursproces.gebeurtenissen.count()
    url = lid_url(bestuursproces, leden["evaluator"])

    toevoegen = client.post(
        proces_url(bestuursproces, "/lidmaatschappen"),
        {"gebruiker": leden["buitenstaander"].username, "rol": "kernteam"},
        format="json",
    )
    wijzigen = client.patch(url, {"rol": "kernteam"}, format="json")
    beeindigen = client.delete(url)

    for response in (toevoegen, wijzigen, beeindigen):
        body = assert_probleem(response, 403, "permission_denied")
        assert "procesregisseur" in body["detail"]
    assert bestuursproces.gebeurtenissen.count() == aantal


@pytest.mark.parametrize("methode", ["get", "patch", "delete"])
def test_buitenstaander_krijgt_404(bestuursproces, leden, methode):
    url = lid_url(bestuursproces, leden["kernteam"])
    client = client_voor(leden["buitenstaander"])
    assert_probleem(getattr(client, methode)(url, {"rol": "evaluator"}, format="json"), 404)
    lijst = client.post(
        proces_url(bestuursproces, "/lidmaatschappen"),
        {"gebruiker": "buitenstaander", "rol": "procesregisseur"},
        format="json",
    )
    assert_probleem(lijst, 404)


def test_fouten_bij_toevoegen(bestuursproces, leden):
    regisseur = client_voor(leden["procesregisseur"])
    url = proces_url(bestuursproces, "/lidmaatschappen")
    inactief = GebruikerFactory(username="vertrokken", is_active=False)
    aantal = bestuursproces.gebeurtenissen.count()

    assert fouten(regisseur.post(url, {}, format="json")) == {
        "gebruiker": "required",
        "rol": "required",
    }
    assert fouten(
        regisseur.post(url, {"gebruiker": "niemand", "rol": "kernteam"}, format="json")
    ) == {"gebruiker": "invalid"}
    assert fouten(
        regisseur.post(url, {"gebruiker": inactief.username, "rol": "kernteam"}, format="json")
    ) == {"gebruiker": "invalid"}
    assert fouten(regisseur.post(url, {"gebruiker": "kernteam", "rol": "baas"}, format="json")) == {
        "rol": "invalid_choice"
    }
    dubbel = regisseur.post(
        url, {"gebruiker": leden["kernteam"].username, "rol": "evaluator"}, format="json"
    )
    assert_probleem(dubbel, 409, "lidmaatschap-conflict")
    assert bestuursproces.gebeurtenissen.count() == aantal


def test_laatste_regisseur_blijft(bestuursproces, leden):
    regisseur = client_voor(leden["procesregisseur"])
    url = lid_url(bestuursproces, leden["procesregisseur"])

    assert_probleem(regisseur.patch(url, {"rol": "kernteam"}, format="json"), 409)
    assert_probleem(regisseur.delete(url), 409)
    assert (
        Lidmaatschap.objects.get(
            bestuursproces=bestuursproces, gebruiker=leden["procesregisseur"]
        ).rol
        == "procesregisseur"
    )


def test_stadiumovergang_detail_onbekend_is_404(bestuursproces, leden):
    client = client_voor(leden["evaluator"])
    url = proces_url(bestuursproces, "/stadiumovergangen/00000000-0000-0000-0000-000000000000")
    assert_probleem(client.get(url), 404)
    assert_probleem(client.get(url + "/"), 404)
