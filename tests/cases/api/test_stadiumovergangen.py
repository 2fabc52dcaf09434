"""GET/POST /bestuursprocessen/{uuid}/stadiumovergangen: transitions and their errors.

The wyber-stap gate is in force: forward moves here rest on a step consolidated through the
services (``consolideer_stap``); the gate itself and forceren are in
test_stadiumovergangen_poort.
"""

from __future__ import annotations

import uuid

import pytest

from cases import services
from cases.models import Stadiumovergang
from tests.factories import actor_voor, consolideer_stap

from ._stadiumovergangen import STADIA, ga_naar, post
from .helpers import (
    absoluut,
    assert_api_versie,
    assert_probleem,
    fouten,
    gebeurtenissen_van,
    laatste_gebeurtenis,
    link_header,
    proces_url,
)

OVERGANG_VELDEN = {
    "url",
    "uuid",
    "van",
    "naar",
    "richting",
    "toelichting",
    "geforceerd",
    "door",
    "tijdstip",
}


def test_lege_lijst(bestuursproces, regisseur_api):
    url = proces_url(bestuursproces, "/stadiumovergangen")

    response = regisseur_api.get(url)

    assert response.status_code == 200
    assert_api_versie(response)
    assert response.json() == {"count": 0, "next": None, "previous": None, "results": []}
    assert link_header(response) == {"first": absoluut(url), "last": absoluut(f"{url}?page=1")}


def test_vooruit(bestuursproces, regisseur, regisseur_api):
    consolideer_stap(bestuursproces, regisseur)

    response = post(regisseur_api, bestuursproces, {"naar": "houdbaar", "toelichting": "Draagvlak"})

    assert response.status_code == 201, response.content
    assert_api_versie(response)
    body = response.json()
    assert set(body) == OVERGANG_VELDEN
    assert {
        k: body[k] for k in ("van", "naar", "richting", "toelichting", "geforceerd", "door")
    } == {
        "van": "voorstelbaar",
        "naar": "houdbaar",
        "richting": "vooruit",
        "toelichting": "Draagvlak",
        "geforceerd": False,
        "door": "regisseur",
    }
    assert body["uuid"] == str(Stadiumovergang.objects.get(bestuursproces=bestuursproces).uuid)
    assert response["Location"] == body["url"]
    assert body["url"].endswith(f"/stadiumovergangen/{body['uuid']}")
    assert regisseur_api.get(body["url"]).json() == body
    assert regisseur_api.get(proces_url(bestuursproces)).json()["stadium"] == "houdbaar"
    lijst = regisseur_api.get(proces_url(bestuursproces, "/stadiumovergangen")).json()
    assert lijst["results"] == [body]
    gebeurtenis = laatste_gebeurtenis(bestuursproces)
    assert gebeurtenis.type == "stadium.gewijzigd"
    assert gebeurtenis.toelichting == "Draagvlak"
    assert gebeurtenis.payload["overgang"]["uuid"] == body["uuid"]
    assert gebeurtenis.payload["bezwaren"] == []


@pytest.mark.parametrize(
    ("route", "naar", "richting"),
    [
        ([], "houdbaar", "vooruit"),
        (["houdbaar"], "maakbaar", "vooruit"),
        (["houdbaar", "maakbaar"], "uitvoerbaar", "vooruit"),
        (["houdbaar", "maakbaar", "uitvoerbaar"], "bruikbaar", "vooruit"),
        (["houdbaar"], "voorstelbaar", "terug"),
        (["houdbaar", "maakbaar", "uitvoerbaar", "bruikbaar"], "voorstelbaar", "terug"),
        (["houdbaar", "maakbaar", "uitvoerbaar"], "houdbaar", "terug"),
    ],
)
def test_toegestane_overgangen(bestuursproces, regisseur, regisseur_api, route, naar, richting):
    ga_naar(bestuursproces, regisseur, *route)
    van = route[-1] if route else "voorstelbaar"
    if richting == "vooruit":
        consolideer_stap(bestuursproces, regisseur)

    response = post(regisseur_api, bestuursproces, {"naar": naar, "toelichting": "Verder"})

    assert response.status_code == 201, response.content
    assert (response.json()["van"], response.json()["naar"], response.json()["richting"]) == (
        van,
        naar,
        richting,
    )
    assert regisseur_api.get(proces_url(bestuursproces)).json()["stadium"] == naar


@pytest.mark.parametrize(
    ("route", "naar"),
    [
        ([], "maakbaar"),
        ([], "uitvoerbaar"),
        ([], "bruikbaar"),
        (["houdbaar"], "uitvoerbaar"),
        (["houdbaar", "maakbaar"], "bruikbaar"),
    ],
)
def test_stadium_overslaan_mag_niet(bestuursproces, regisseur, regisseur_api, route, naar):
    ga_naar(bestuursproces, regisseur, *route)
    van = route[-1] if route else "voorstelbaar"
    aantal = len(gebeurtenissen_van(bestuursproces))

    response = post(regisseur_api, bestuursproces, {"naar": naar, "toelichting": "Snel door"})

    body = assert_probleem(response, 409, "stadium-overgeslagen")
    assert body["title"] == "Deze overgang is in de huidige toestand niet toegestaan."
    volgende = STADIA[STADIA.index(van) + 1]
    assert body["invalidParams"] == [
        {
            "name": "naar",
            "code": "stadium-overgeslagen",
            "reason": f"Vooruit gaat één stadium tegelijk: van {van} alleen naar {volgende}.",
        }
    ]
    assert regisseur_api.get(proces_url(bestuursproces)).json()["stadium"] == van
    assert Stadiumovergang.objects.filter(bestuursproces=bestuursproces).count() == len(route)
    assert len(gebeurtenissen_van(bestuursproces)) == aantal


@pytest.mark.parametrize("route", [[], ["houdbaar"], ["houdbaar", "maakbaar"]])
def test_zelfde_stadium_mag_niet(bestuursproces, regisseur, regisseur_api, route):
    ga_naar(bestuursproces, regisseur, *route)
    huidig = route[-1] if route else "voorstelbaar"

    response = post(regisseur_api, bestuursproces, {"naar": huidig, "toelichting": "Nog eens"})

    body = assert_probleem(response, 409, "zelfde-stadium")
    assert [(p["name"], p["code"]) for p in body["invalidParams"]] == [("naar", "zelfde-stadium")]
    assert Stadiumovergang.objects.filter(bestuursproces=bestuursproces).count() == len(route)


@pytest.mark.parametrize(
    ("payload", "verwacht"),
    [
        ({"naar": "houdbaar"}, {"toelichting": "required"}),
        ({"naar": "houdbaar", "toelichting": ""}, {"toelichting": "blank"}),
        ({"naar": "houdbaar", "toelichting": "   "}, {"toelichting": "blank"}),
        ({"naar": "houdbaar", "toelichting": None}, {"toelichting": "null"}),
        ({"toelichting": "Waarom"}, {"naar": "required"}),
        ({}, {"naar": "required", "toelichting": "required"}),
        ({"naar": "hemel", "toelichting": "Waarom"}, {"naar": "invalid_choice"}),
        ({"naar": "Houdbaar", "toelichting": "Waarom"}, {"naar": "invalid_choice"}),
        (
            {"naar": "houdbaar", "toelichting": "W", "forceren": "misschien"},
            {"forceren": "invalid"},
        ),
        ({"naar": "houdbaar", "toelichting": "W", "van": "voorstelbaar"}, {"van": "unknown"}),
        ({"naar": "houdbaar", "toelichting": "W", "stadium": "houdbaar"}, {"stadium": "unknown"}),
        (
            {"naar": "hemel", "reden": "W"},
            {"naar": "invalid_choice", "toelichting": "required", "reden": "unknown"},
        ),
    ],
)
def test_ongeldige_invoer(bestuursproces, regisseur_api, payload, verwacht):
    aantal = len(gebeurtenissen_van(bestuursproces))

    assert fouten(post(regisseur_api, bestuursproces, payload)) == verwacht
    assert not Stadiumovergang.objects.filter(bestuursproces=bestuursproces).exists()
    assert len(gebeurtenissen_van(bestuursproces)) == aantal


def test_lijst_oudste_eerst_heen_en_weer(bestuursproces, regisseur, leden, regisseur_api):
    ga_naar(bestuursproces, regisseur, "houdbaar", "maakbaar")
    ga_naar(bestuursproces, leden["kernteam"], "voorstelbaar", "houdbaar")

    body = regisseur_api.get(proces_url(bestuursproces, "/stadiumovergangen")).json()

    assert body["count"] == 4
    assert [(o["van"], o["naar"], o["richting"], o["door"]) for o in body["results"]] == [
        ("voorstelbaar", "houdbaar", "vooruit", "regisseur"),
        ("houdbaar", "maakbaar", "vooruit", "regisseur"),
        ("maakbaar", "voorstelbaar", "terug", leden["kernteam"].username),
        ("voorstelbaar", "houdbaar", "vooruit", leden["kernteam"].username),
    ]
    assert [o["toelichting"] for o in body["results"]] == [
        "Naar houdbaar",
        "Naar maakbaar",
        "Naar voorstelbaar",
        "Naar houdbaar",
    ]


def test_lijst_paginering(bestuursproces, regisseur, regisseur_api):
    ga_naar(bestuursproces, regisseur, *["houdbaar", "voorstelbaar"] * 3)
    url = proces_url(bestuursproces, "/stadiumovergangen")

    response = regisseur_api.get(url, {"pageSize": 4, "page": 2})

    body = response.json()
    assert body["count"] == 6
    assert [o["naar"] for o in body["results"]] == ["houdbaar", "voorstelbaar"]
    assert body["next"] is None
    assert set(link_header(response)) == {"first", "prev", "last"}
    assert link_header(response)["last"] == absoluut(f"{url}?page=2&pageSize=4")


def test_afgerond_proces_is_een_conflict(bestuursproces, regisseur, regisseur_api):
    services.wijzig_status(
        actor=actor_voor(regisseur),
        bestuursproces=bestuursproces,
        status="afgerond",
        uitkomst="Klaar",
    )

    response = post(regisseur_api, bestuursproces, {"naar": "houdbaar", "toelichting": "Door"})

    assert_probleem(response, 409, "proces-afgerond")
    assert not Stadiumovergang.objects.filter(bestuursproces=bestuursproces).exists()


@pytest.mark.parametrize("methode", ["get", "post"])
def test_onbekend_proces(bestuursproces, regisseur_api, methode):
    response = getattr(regisseur_api, methode)(
        proces_url(str(uuid.uuid4()), "/stadiumovergangen"),
        {"naar": "houdbaar", "toelichting": "x"},
        format="json",
    )

    assert_probleem(response, 404, "not_found")


@pytest.mark.parametrize("methode", ["put", "patch", "delete"])
def test_methode_niet_toegestaan(bestuursproces, regisseur_api, methode):
    response = getattr(regisseur_api, methode)(
        proces_url(bestuursproces, "/stadiumovergangen"),
        {"naar": "houdbaar", "toelichting": "x"},
        format="json",
    )

    assert_probleem(response, 405, "method_not_allowed")
    assert set(response["Allow"].split(", ")) == {"GET", "POST", "HEAD", "OPTIONS"}


@pytest.mark.parametrize("methode", ["get", "post"])
def test_schuine_streep_aan_het_eind_is_404(bestuursproces, regisseur_api, methode):
    response = getattr(regisseur_api, methode)(
        proces_url(bestuursproces, "/stadiumovergangen/"),
        {"naar": "houdbaar", "toelichting": "x"},
        format="json",
    )

    assert_probleem(response, 404, "not_found")
    assert not Stadiumovergang.objects.filter(bestuursproces=bestuursproces).exists()


@pytest.mark.parametrize("methode", ["get", "post"])
def test_zonder_authenticatie_401(bestuursproces, api, methode):
    response = getattr(api, methode)(
        proces_url(bestuursproces, "/stadiumovergangen"),
        {"naar": "houdbaar", "toelichting": "x"},
        format="json",
    )

    assert_probleem(response, 401, "not_authenticated")
    assert not Stadiumovergang.objects.filter(bestuursproces=bestuursproces).exists()
