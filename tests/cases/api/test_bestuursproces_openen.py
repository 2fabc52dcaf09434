"""POST /bestuursprocessen: opening a case, and the input it refuses."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from cases.models import Bestuursproces

from .helpers import (
    LIJST,
    MINIMAAL,
    absoluut,
    assert_api_versie,
    assert_probleem,
    assert_proces_body,
    fouten,
    gebeurtenissen_van,
    proces_url,
)

VOLLEDIG: dict[str, Any] = {
    "titel": "Warmtenet Oost",
    "omschrijving": "Een wijk van het gas af",
    "rolGemeente": "participerend",
    "procesrol": "procesmanager",
    "aanpak": "flipperkast",
    "archiefnominatie": "blijvend_bewaren",
    "archiefactiedatum": "2040-01-01",
    "opdracht": {
        "kaders": "Binnen het klimaatakkoord",
        "budget": "12500.50",
        "uren": 800,
        "einddatum": "2099-06-30",
        "speelruimte": "Ruim",
        "besluitmomenten": [
            {"datum": "2026-09-01", "soort": "mandaat", "gevraagd": "Mandaat voor verkenning"},
            {"datum": "2027-03-01", "soort": "besluit", "gevraagd": "Raadsbesluit"},
        ],
    },
    "idee": {
        "wat": "Een collectief warmtenet",
        "context": "Aardgasvrije wijken",
        "stipOpDeHorizon": "Klimaatneutraal in 2040",
        "toelichting": "Eerste versie",
    },
}


# --- openen ---------------------------------------------------------------------------------


def test_openen_volledig(regisseur, regisseur_api):
    response = regisseur_api.post(
        LIJST, VOLLEDIG, format="json", headers={"X-Audit-Toelichting": "Op verzoek van B&W"}
    )

    assert response.status_code == 201, response.content
    assert_api_versie(response)
    body = response.json()
    assert response["Location"] == body["url"]
    assert_proces_body(body, body["uuid"], detail=True)
    assert body["titel"] == "Warmtenet Oost"
    assert body["omschrijving"] == "Een wijk van het gas af"
    assert body["rolGemeente"] == "participerend"
    assert body["procesrol"] == "procesmanager"
    assert body["aanpak"] == "flipperkast"
    assert body["stadium"] == "voorstelbaar"
    assert body["status"] == "actief"
    assert body["uitkomst"] == ""
    assert body["archiefnominatie"] == "blijvend_bewaren"
    assert body["archiefactiedatum"] == "2040-01-01"
    assert body["mijnRol"] == "procesregisseur"
    assert body["opdracht"] == {**VOLLEDIG["opdracht"], "budget": "12500.50"}
    idee = body["huidigIdee"]
    assert idee["versie"] == 1
    assert idee["wat"] == "Een collectief warmtenet"
    assert idee["context"] == "Aardgasvrije wijken"
    assert idee["stipOpDeHorizon"] == "Klimaatneutraal in 2040"
    assert idee["auteur"] == "regisseur"

    # The Location answers with the same representation.
    assert regisseur_api.get(response["Location"]).json() == body

    proces = Bestuursproces.objects.get(uuid=body["uuid"])
    gebeurtenissen = gebeurtenissen_van(proces)
    assert [g.type for g in gebeurtenissen] == [
        "bestuursproces.geopend",
        "lidmaatschap.toegevoegd",
        "idee.herzien",
    ]
    assert gebeurtenissen[0].toelichting == "Op verzoek van B&W"
    assert gebeurtenissen[0].actor_gebruikersnaam == "regisseur"
    assert gebeurtenissen[0].payload["bestuursproces"]["titel"] == "Warmtenet Oost"
    assert gebeurtenissen[1].payload["lidmaatschap"]["rol"] == "procesregisseur"


def test_openen_minimaal_vult_standaarden(regisseur, regisseur_api):
    response = regisseur_api.post(LIJST, MINIMAAL, format="json")

    assert response.status_code == 201, response.content
    body = response.json()
    assert response["Location"] == absoluut(proces_url(body["uuid"]))
    assert body["procesrol"] == "procesregisseur"
    assert body["huidigIdee"] is None
    assert body["archiefnominatie"] == ""
    assert body["archiefactiedatum"] is None
    assert body["opdracht"] == {
        "kaders": "",
        "budget": None,
        "uren": None,
        "einddatum": None,
        "speelruimte": "",
        "besluitmomenten": [],
    }
    assert regisseur_api.get(LIJST).json()["count"] == 1


def test_openen_zonder_verplichte_velden_noemt_ze_allemaal(regisseur_api, db):
    response = regisseur_api.post(LIJST, {}, format="json")

    assert fouten(response) == {
        "titel": "required",
        "rolGemeente": "required",
        "aanpak": "required",
    }
    assert not Bestuursproces.objects.exists()


def test_openen_noemt_elke_veldfout_ook_onbekende_en_geneste(regisseur_api, db):
    payload = {
        "titel": "",
        "rolGemeente": "dictatoriaal",
        "aanpak": "lineair",
        "kleur": "rood",
        "opdracht": {"uren": -1, "valuta": "EUR", "besluitmomenten": [{"soort": "gok"}]},
        "idee": {"wat": ""},
    }

    assert fouten(regisseur_api.post(LIJST, payload, format="json")) == {
        "titel": "blank",
        "rolGemeente": "invalid_choice",
        "kleur": "unknown",
        "opdracht.uren": "min_value",
        "opdracht.valuta": "unknown",
        "opdracht.besluitmomenten.0.datum": "required",
        "opdracht.besluitmomenten.0.soort": "invalid_choice",
        "opdracht.besluitmomenten.0.gevraagd": "required",
        "idee.wat": "blank",
    }
    assert not Bestuursproces.objects.exists()


@pytest.mark.parametrize(
    ("wijziging", "naam", "code"),
    [
        ({"rolGemeente": "dictatoriaal"}, "rolGemeente", "invalid_choice"),
        ({"aanpak": "chaos"}, "aanpak", "invalid_choice"),
        ({"procesrol": "dirigent"}, "procesrol", "invalid_choice"),
        ({"archiefnominatie": "verbranden"}, "archiefnominatie", "invalid_choice"),
        ({"archiefactiedatum": "morgen"}, "archiefactiedatum", "invalid"),
        ({"titel": "x" * 201}, "titel", "max_length"),
        ({"titel": None}, "titel", "null"),
        ({"opdracht": {"budget": "-1"}}, "opdracht.budget", "min_value"),
        ({"opdracht": {"budget": "veel"}}, "opdracht.budget", "invalid"),
        ({"opdracht": {"uren": "veel"}}, "opdracht.uren", "invalid"),
        ({"opdracht": {"einddatum": "31-12-2026"}}, "opdracht.einddatum", "invalid"),
        ({"opdracht": {"einddatum": "2016-12-06"}}, "opdracht.einddatum", "voor_opening"),
        ({"opdracht": "geen object"}, "opdracht.nonFieldErrors", "invalid"),
        (
            {
                "opdracht": {
                    "besluitmomenten": [{"datum": "2026-01-01", "soort": "x", "gevraagd": "y"}]
                }
            },
            "opdracht.besluitmomenten.0.soort",
            "invalid_choice",
        ),
        ({"idee": {"context": "Zonder wat"}}, "idee.wat", "required"),
        ({"idee": {"wat": "Idee", "kleur": "rood"}}, "idee.kleur", "unknown"),
        ({"kleur": "rood"}, "kleur", "unknown"),
        ({"stadium": "houdbaar"}, "stadium", "unknown"),
        ({"status": "afgerond"}, "status", "unknown"),
        ({"uuid": str(uuid.uuid4())}, "uuid", "unknown"),
    ],
)
def test_openen_ongeldige_invoer(regisseur_api, db, wijziging, naam, code):
    response = regisseur_api.post(LIJST, {**MINIMAAL, **wijziging}, format="json")

    assert fouten(response) == {naam: code}
    assert not Bestuursproces.objects.exists()


def test_openen_met_stadium_legt_uit_waarom_niet(regisseur_api, db):
    body = assert_probleem(
        regisseur_api.post(LIJST, {**MINIMAAL, "stadium": "maakbaar"}, format="json"), 400
    )

    assert body["invalidParams"] == [
        {
            "name": "stadium",
            "code": "unknown",
            "reason": "Een nieuw bestuursproces begint voorstelbaar.",
        }
    ]


@pytest.mark.parametrize(
    ("data", "content_type", "status", "code"),
    [
        ('{"titel": ', "application/json", 400, "parse_error"),
        ("titel=x", "application/x-www-form-urlencoded", 415, "unsupported_media_type"),
        ('["titel"]', "application/json", 400, "invalid"),
    ],
)
def test_openen_onleesbare_invoer(regisseur_api, db, data, content_type, status, code):
    response = regisseur_api.generic("POST", LIJST, data, content_type=content_type)

    assert_probleem(response, status, code)
    assert not Bestuursproces.objects.exists()
