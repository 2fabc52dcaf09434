"""GET/PATCH /bestuursprocessen/{uuid}: the detail, changing a case and its status."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from cases import services
from cases.models import Bestuursproces
from cases.services.idee import IdeeInhoud
from tests.factories import actor_voor

from .helpers import (
    LIJST,
    assert_api_versie,
    assert_probleem,
    assert_proces_body,
    fouten,
    gebeurtenissen_van,
    laatste_gebeurtenis,
    proces_url,
)

# --- detail ---------------------------------------------------------------------------------


def test_detail(bestuursproces, regisseur_api):
    response = regisseur_api.get(proces_url(bestuursproces))

    assert response.status_code == 200
    assert_api_versie(response)
    body = response.json()
    assert_proces_body(body, str(bestuursproces.uuid), detail=True)
    assert body["titel"] == "Herinrichting Havenkwartier"
    assert body["opdracht"]["kaders"] == "Binnen de bestaande begroting"
    assert body["opdracht"]["uren"] == 400
    assert body["huidigIdee"]["wat"] == "Een levendig havenkwartier met woningen en werk"
    assert body["huidigIdee"]["versie"] == 1


def test_detail_toont_het_laatste_idee(bestuursproces, regisseur, regisseur_api):
    services.herzie_idee(
        actor=actor_voor(regisseur), bestuursproces=bestuursproces, inhoud=IdeeInhoud(wat="Tweede")
    )

    idee = regisseur_api.get(proces_url(bestuursproces)).json()["huidigIdee"]

    assert (idee["versie"], idee["wat"]) == (2, "Tweede")


@pytest.mark.parametrize("methode", ["get", "patch"])
def test_detail_onbekend_uuid(bestuursproces, regisseur_api, methode):
    response = getattr(regisseur_api, methode)(proces_url(str(uuid.uuid4())), {}, format="json")

    assert_probleem(response, 404, "not_found")


def test_detail_geen_uuid_in_pad(bestuursproces, regisseur_api):
    assert_probleem(regisseur_api.get(f"{LIJST}/123"), 404, "not_found")


# --- wijzigen -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("wijziging", "verwacht", "payload_wijzigingen"),
    [
        ({"titel": "Nieuwe titel"}, {"titel": "Nieuwe titel"}, {"titel": "Nieuwe titel"}),
        ({"omschrijving": "Meer"}, {"omschrijving": "Meer"}, {"omschrijving": "Meer"}),
        (
            {"rolGemeente": "faciliterend"},
            {"rolGemeente": "faciliterend"},
            {"rolGemeente": "faciliterend"},
        ),
        (
            {"procesrol": "procesbegeleider"},
            {"procesrol": "procesbegeleider"},
            {"procesrol": "procesbegeleider"},
        ),
        ({"aanpak": "lineair"}, {"aanpak": "lineair"}, {"aanpak": "lineair"}),
        (
            {"archiefnominatie": "vernietigen", "archiefactiedatum": "2035-01-01"},
            {"archiefnominatie": "vernietigen", "archiefactiedatum": "2035-01-01"},
            {"archiefnominatie": "vernietigen", "archiefactiedatum": "2035-01-01"},
        ),
    ],
)
def test_wijzigen(bestuursproces, regisseur_api, wijziging, verwacht, payload_wijzigingen):
    url = proces_url(bestuursproces)
    voor = regisseur_api.get(url).json()

    response = regisseur_api.patch(
        url, wijziging, format="json", headers={"X-Audit-Toelichting": "Na overleg"}
    )

    assert response.status_code == 200, response.content
    assert_api_versie(response)
    body = response.json()
    assert_proces_body(body, str(bestuursproces.uuid), detail=True)
    assert body == {**voor, **verwacht}
    assert regisseur_api.get(url).json() == body
    gebeurtenis = laatste_gebeurtenis(bestuursproces)
    assert gebeurtenis.type == "bestuursproces.gewijzigd"
    assert gebeurtenis.toelichting == "Na overleg"
    assert gebeurtenis.payload["wijzigingen"] == payload_wijzigingen
    assert set(gebeurtenis.payload["vorigeWaarden"]) == set(payload_wijzigingen)


def test_wijzigen_vervangt_de_hele_opdracht(bestuursproces, regisseur_api):
    opdracht = {
        "budget": "100",
        "besluitmomenten": [{"datum": "2026-12-01", "soort": "besluit", "gevraagd": "Akkoord"}],
    }

    response = regisseur_api.patch(
        proces_url(bestuursproces), {"opdracht": opdracht}, format="json"
    )

    assert response.status_code == 200, response.content
    assert response.json()["opdracht"] == {
        "kaders": "",
        "budget": "100.00",
        "uren": None,
        "einddatum": None,
        "speelruimte": "",
        "besluitmomenten": [{"datum": "2026-12-01", "soort": "besluit", "gevraagd": "Akkoord"}],
    }
    payload = laatste_gebeurtenis(bestuursproces).payload
    assert payload["vorigeWaarden"]["opdracht"]["kaders"] == "Binnen de bestaande begroting"
    assert payload["wijzigingen"]["opdracht"]["budget"] == "100.00"


def test_wijzigen_zet_de_opening_eerder(bestuursproces, regisseur_api):
    """The process began before the file was opened: the opening moves earlier, by an event."""
    aantal = len(gebeurtenissen_van(bestuursproces))

    response = regisseur_api.patch(
        proces_url(bestuursproces), {"geopendOp": "2020-01-01T00:00:00Z"}, format="json"
    )

    assert response.status_code == 200, response.content
    assert response.json()["geopendOp"] == "2020-01-01T01:00:00+01:00"
    assert len(gebeurtenissen_van(bestuursproces)) == aantal + 1
    assert laatste_gebeurtenis(bestuursproces).type == "bestuursproces.opening_vervroegd"


def test_wijzigen_zonder_wijziging_schrijft_geen_gebeurtenis(bestuursproces, regisseur_api):
    aantal = len(gebeurtenissen_van(bestuursproces))

    for payload in ({}, {"titel": bestuursproces.titel}):
        response = regisseur_api.patch(proces_url(bestuursproces), payload, format="json")
        assert response.status_code == 200

    assert len(gebeurtenissen_van(bestuursproces)) == aantal


@pytest.mark.parametrize(
    ("wijziging", "verwacht"),
    [
        ({"titel": ""}, {"titel": "blank"}),
        ({"rolGemeente": "dictatoriaal"}, {"rolGemeente": "invalid_choice"}),
        ({"status": "gesloten"}, {"status": "invalid_choice"}),
        ({"kleur": "rood"}, {"kleur": "unknown"}),
        ({"stadium": "houdbaar"}, {"stadium": "unknown"}),
        # The opening can only be moved earlier (issue 10), never into the future.
        ({"geopendOp": "2999-01-01"}, {"geopendOp": "toekomst"}),
        ({"geopendOp": "2999-01-01T00:00:00Z"}, {"geopendOp": "niet_eerder"}),
        (
            {"opdracht": {"besluitmomenten": [{}]}},
            {
                "opdracht.besluitmomenten.0.datum": "required",
                "opdracht.besluitmomenten.0.soort": "required",
                "opdracht.besluitmomenten.0.gevraagd": "required",
            },
        ),
        (
            {"titel": "", "aanpak": "chaos", "kleur": "rood"},
            {
                "titel": "blank",
                "aanpak": "invalid_choice",
                "kleur": "unknown",
            },
        ),
    ],
)
def test_wijzigen_ongeldig_wijzigt_niets(bestuursproces, regisseur_api, wijziging, verwacht):
    url = proces_url(bestuursproces)
    voor = regisseur_api.get(url).json()
    aantal = len(gebeurtenissen_van(bestuursproces))

    assert fouten(regisseur_api.patch(url, wijziging, format="json")) == verwacht
    assert regisseur_api.get(url).json() == voor
    assert len(gebeurtenissen_van(bestuursproces)) == aantal


def test_wijzigen_stadium_verwijst_naar_stadiumovergangen(bestuursproces, regisseur_api):
    body = assert_probleem(
        regisseur_api.patch(proces_url(bestuursproces), {"stadium": "houdbaar"}, format="json"),
        400,
    )

    assert body["invalidParams"][0]["name"] == "stadium"
    assert "stadiumovergangen" in body["invalidParams"][0]["reason"]


# --- status ---------------------------------------------------------------------------------


@pytest.mark.parametrize("status", ["gepauzeerd", "actief"])
def test_status_pauzeren_en_hervatten(bestuursproces, regisseur_api, status):
    url = proces_url(bestuursproces)
    regisseur_api.patch(url, {"status": "gepauzeerd"}, format="json")

    response = regisseur_api.patch(url, {"status": status}, format="json")

    assert response.status_code == 200
    assert response.json()["status"] == status


def test_afronden_zonder_uitkomst(bestuursproces, regisseur_api):
    url = proces_url(bestuursproces)
    aantal = len(gebeurtenissen_van(bestuursproces))

    body = assert_probleem(regisseur_api.patch(url, {"status": "afgerond"}, format="json"), 400)

    assert body["invalidParams"] == [
        {
            "name": "uitkomst",
            "code": "required",
            "reason": "Vul de uitkomst in om het proces af te ronden.",
        }
    ]
    assert regisseur_api.get(url).json()["status"] == "actief"
    assert len(gebeurtenissen_van(bestuursproces)) == aantal


@pytest.mark.parametrize("uitkomst", ["", "   "])
def test_afronden_met_lege_uitkomst(bestuursproces, regisseur_api, uitkomst):
    response = regisseur_api.patch(
        proces_url(bestuursproces), {"status": "afgerond", "uitkomst": uitkomst}, format="json"
    )

    assert fouten(response) == {"uitkomst": "required"}


def test_afronden_met_uitkomst_en_titel(bestuursproces, regisseur_api):
    response = regisseur_api.patch(
        proces_url(bestuursproces),
        {"status": "afgerond", "uitkomst": "Raad stemde in", "titel": "Havenkwartier (klaar)"},
        format="json",
        headers={"X-Audit-Toelichting": "Besluit genomen"},
    )

    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["status"], body["uitkomst"], body["titel"]) == (
        "afgerond",
        "Raad stemde in",
        "Havenkwartier (klaar)",
    )
    laatste = gebeurtenissen_van(bestuursproces)[-2:]
    assert [g.type for g in laatste] == [
        "bestuursproces.gewijzigd",
        "status.gewijzigd",
    ]
    assert laatste[1].payload == {
        "van": "actief",
        "naar": "afgerond",
        "uitkomst": "Raad stemde in",
        "uitkomstSoort": "anders",
        "vervolgUrl": "",
        "openGelaten": [],
        "openAfspraken": [],
    }
    assert {g.toelichting for g in laatste} == {"Besluit genomen"}


@pytest.fixture
def afgerond(bestuursproces: Bestuursproces, regisseur: Any) -> Bestuursproces:
    services.wijzig_status(
        actor=actor_voor(regisseur),
        bestuursproces=bestuursproces,
        status="afgerond",
        uitkomst="Klaar",
    )
    return bestuursproces


@pytest.mark.parametrize(
    ("methode", "suffix", "payload"),
    [
        ("patch", "", {"titel": "Nog even"}),
        ("patch", "", {"opdracht": {"kaders": "Nieuw"}}),
        ("patch", "", {"status": "afgerond", "uitkomst": "Andere uitkomst"}),
        ("put", "/idee", {"wat": "Nieuw idee"}),
        ("post", "/stadiumovergangen", {"naar": "houdbaar", "toelichting": "Toch door"}),
    ],
)
def test_schrijven_op_afgerond_proces_is_een_conflict(
    afgerond, regisseur_api, methode, suffix, payload
):
    aantal = len(gebeurtenissen_van(afgerond))

    response = getattr(regisseur_api, methode)(proces_url(afgerond, suffix), payload, format="json")

    body = assert_probleem(response, 409, "proces-afgerond")
    assert body["title"] == "Het bestuursproces is afgerond."
    assert len(gebeurtenissen_van(afgerond)) == aantal


def test_heropenen_maakt_schrijven_weer_mogelijk(afgerond, regisseur_api):
    url = proces_url(afgerond)

    heropend = regisseur_api.patch(url, {"status": "actief", "titel": "Doorstart"}, format="json")

    assert heropend.status_code == 200, heropend.content
    assert (heropend.json()["status"], heropend.json()["titel"]) == ("actief", "Doorstart")
    assert [g.type for g in gebeurtenissen_van(afgerond)[-2:]] == [
        "status.gewijzigd",
        "bestuursproces.gewijzigd",
    ]
