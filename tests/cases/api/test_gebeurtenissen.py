"""GET /bestuursprocessen/{uuid}/gebeurtenissen and .../gebeurtenissen/{volgnummer}."""

from __future__ import annotations

import itertools
import uuid

import pytest

from cases.events import GENESIS_HASH
from tests.factories import open_proces

from .helpers import (
    T,
    absoluut,
    assert_api_versie,
    assert_probleem,
    fouten,
    gebeurtenissen_van,
    link_header,
    proces_url,
)

GEBEURTENIS_VELDEN = {
    "url",
    "volgnummer",
    "type",
    "actor",
    "actorNaam",
    "herkomst",
    "tijdstip",
    "geregistreerd",
    "toelichting",
    "payload",
    "vorigeHash",
    "hash",
}


def test_lijst(bestuursproces, regisseur_api):
    url = proces_url(bestuursproces, "/gebeurtenissen")

    response = regisseur_api.get(url)

    assert response.status_code == 200
    assert_api_versie(response)
    body = response.json()
    assert body["count"] == 3
    assert [g["type"] for g in body["results"]] == [
        "bestuursproces.geopend",
        "lidmaatschap.toegevoegd",
        "idee.herzien",
    ]
    for nummer, gebeurtenis in enumerate(body["results"], start=1):
        assert set(gebeurtenis) == GEBEURTENIS_VELDEN
        assert gebeurtenis["volgnummer"] == nummer
        assert gebeurtenis["url"] == absoluut(f"{url}/{nummer}")
        assert gebeurtenis["actor"] == "regisseur"
        assert gebeurtenis["actorNaam"] == "Rina Regisseur"
        assert gebeurtenis["herkomst"] == "test"
    opgeslagen = gebeurtenissen_van(bestuursproces)
    assert [g["hash"] for g in body["results"]] == [g.hash for g in opgeslagen]
    assert body["results"][0]["payload"]["bestuursproces"]["uuid"] == str(bestuursproces.uuid)
    assert body["results"][1]["payload"]["lidmaatschap"]["gebruiker"] == "regisseur"


def test_lijst_is_een_hashketen(tijdlijn, regisseur_api):
    resultaten = regisseur_api.get(proces_url(tijdlijn, "/gebeurtenissen")).json()["results"]

    assert resultaten[0]["vorigeHash"] == GENESIS_HASH
    for vorige, volgende in itertools.pairwise(resultaten):
        assert volgende["vorigeHash"] == vorige["hash"]
    assert len({g["hash"] for g in resultaten}) == len(resultaten) == 7


@pytest.mark.parametrize(
    ("query", "volgnummers"),
    [
        ({}, [1, 2, 3, 4, 5, 6, 7]),
        ({"type": "idee.herzien"}, [3, 4, 6]),
        ({"type": "stadium.gewijzigd"}, [5, 7]),
        ({"type": "status.gewijzigd"}, []),
        ({"vanafVolgnummer": 5}, [5, 6, 7]),
        ({"vanafVolgnummer": 99}, []),
        ({"vanafTijdstip": T[1].isoformat()}, [4, 5, 6, 7]),
        ({"vanafTijdstip": "2025-03-02T10:00:00+01:00"}, [4, 5, 6, 7]),
        ({"vanafTijdstip": "2025-03-02T09:00:00Z"}, [4, 5, 6, 7]),
        ({"totTijdstip": T[1].isoformat()}, [1, 2, 3, 4]),
        ({"vanafTijdstip": T[1].isoformat(), "totTijdstip": T[3].isoformat()}, [4, 5, 6]),
        ({"type": "idee.herzien", "vanafVolgnummer": 4}, [4, 6]),
        ({"totTijdstip": "2025-02-28T00:00:00Z"}, []),
    ],
)
def test_lijst_filters(tijdlijn, regisseur_api, query, volgnummers):
    response = regisseur_api.get(proces_url(tijdlijn, "/gebeurtenissen"), query)

    assert response.status_code == 200, response.content
    body = response.json()
    assert body["count"] == len(volgnummers)
    assert [g["volgnummer"] for g in body["results"]] == volgnummers


@pytest.mark.parametrize(
    ("query", "verwacht"),
    [
        ({"type": "idee.verwijderd"}, {"type": "invalid_choice"}),
        ({"vanafVolgnummer": "vijf"}, {"vanafVolgnummer": "invalid"}),
        ({"vanafTijdstip": "gisteren"}, {"vanafTijdstip": "invalid"}),
        ({"totTijdstip": "2025-13-01T00:00:00Z"}, {"totTijdstip": "invalid"}),
        (
            {"type": "x", "vanafVolgnummer": "y", "vanafTijdstip": "z"},
            {"type": "invalid_choice", "vanafVolgnummer": "invalid", "vanafTijdstip": "invalid"},
        ),
    ],
)
def test_lijst_ongeldig_filter(tijdlijn, regisseur_api, query, verwacht):
    assert fouten(regisseur_api.get(proces_url(tijdlijn, "/gebeurtenissen"), query)) == verwacht


def test_lijst_paginering_laatste_pagina(tijdlijn, regisseur_api):
    url = proces_url(tijdlijn, "/gebeurtenissen")

    response = regisseur_api.get(url, {"pageSize": 2, "page": 2, "type": "idee.herzien"})

    body = response.json()
    assert body["count"] == 3
    assert [g["volgnummer"] for g in body["results"]] == [6]
    assert body["next"] is None
    assert body["previous"] == absoluut(f"{url}?pageSize=2&type=idee.herzien")
    assert set(link_header(response)) == {"first", "prev", "last"}


def test_lijst_paginering_met_filter(tijdlijn, regisseur_api):
    url = proces_url(tijdlijn, "/gebeurtenissen")

    response = regisseur_api.get(url, {"pageSize": 2, "page": 2, "vanafVolgnummer": 2})

    body = response.json()
    assert body["count"] == 6
    assert [g["volgnummer"] for g in body["results"]] == [4, 5]
    links = link_header(response)
    assert set(links) == {"first", "prev", "next", "last"}
    # The filter travels along in every link.
    assert all("vanafVolgnummer=2" in link for link in links.values())
    assert links["last"] == absoluut(f"{url}?page=3&pageSize=2&vanafVolgnummer=2")
    assert body["next"] == links["next"]
    assert body["previous"] == links["prev"]


def test_audit_toelichting_komt_in_de_gebeurtenis(bestuursproces, regisseur_api):
    regisseur_api.patch(
        proces_url(bestuursproces),
        {"titel": "Havenkwartier 2.0"},
        format="json",
        headers={"X-Audit-Toelichting": "Nieuwe naam na participatieavond"},
    )

    laatste = regisseur_api.get(
        proces_url(bestuursproces, "/gebeurtenissen"), {"type": "bestuursproces.gewijzigd"}
    ).json()["results"]

    assert len(laatste) == 1
    assert laatste[0]["toelichting"] == "Nieuwe naam na participatieavond"
    assert laatste[0]["herkomst"] == "web@127.0.0.1"
    assert laatste[0]["payload"] == {
        "wijzigingen": {"titel": "Havenkwartier 2.0"},
        "vorigeWaarden": {"titel": "Herinrichting Havenkwartier"},
    }


def test_detail_per_volgnummer(tijdlijn, regisseur_api):
    lijst = regisseur_api.get(proces_url(tijdlijn, "/gebeurtenissen")).json()["results"]

    for item in lijst:
        response = regisseur_api.get(item["url"])
        assert response.status_code == 200
        assert_api_versie(response)
        assert response.json() == item


def test_detail_hoort_bij_het_eigen_proces(bestuursproces, regisseur, regisseur_api):
    ander = open_proces(regisseur, titel="Ander proces")

    for proces in (bestuursproces, ander):
        body = regisseur_api.get(proces_url(proces, "/gebeurtenissen/1")).json()
        assert body["payload"]["bestuursproces"]["uuid"] == str(proces.uuid)
        assert body["url"] == absoluut(proces_url(proces, "/gebeurtenissen/1"))


@pytest.mark.parametrize("volgnummer", [0, 4, 99, 2**40])
def test_detail_onbekend_volgnummer(bestuursproces, regisseur_api, volgnummer):
    response = regisseur_api.get(proces_url(bestuursproces, f"/gebeurtenissen/{volgnummer}"))

    body = assert_probleem(response, 404, "not_found")
    if volgnummer < 2**31:
        assert body["detail"] == f"Gebeurtenis {volgnummer} bestaat niet in dit bestuursproces."


@pytest.mark.parametrize("volgnummer", ["-1", "een", "1.0"])
def test_detail_geen_volgnummer(bestuursproces, regisseur_api, volgnummer):
    response = regisseur_api.get(proces_url(bestuursproces, f"/gebeurtenissen/{volgnummer}"))

    assert_probleem(response, 404, "not_found")


@pytest.mark.parametrize("suffix", ["/gebeurtenissen", "/gebeurtenissen/1"])
def test_onbekend_proces(bestuursproces, regisseur_api, suffix):
    assert_probleem(regisseur_api.get(proces_url(str(uuid.uuid4()), suffix)), 404, "not_found")


@pytest.mark.parametrize("methode", ["post", "put", "patch", "delete"])
@pytest.mark.parametrize("suffix", ["/gebeurtenissen", "/gebeurtenissen/1"])
def test_log_is_alleen_lezen(bestuursproces, regisseur_api, methode, suffix):
    voor = [g.hash for g in gebeurtenissen_van(bestuursproces)]

    response = getattr(regisseur_api, methode)(
        proces_url(bestuursproces, suffix), {"type": "idee.herzien"}, format="json"
    )

    assert_probleem(response, 405, "method_not_allowed")
    assert set(response["Allow"].split(", ")) == {"GET", "HEAD", "OPTIONS"}
    assert [g.hash for g in gebeurtenissen_van(bestuursproces)] == voor


@pytest.mark.parametrize("suffix", ["/gebeurtenissen/", "/gebeurtenissen/1/"])
def test_schuine_streep_aan_het_eind_is_404(bestuursproces, regisseur_api, suffix):
    assert_probleem(regisseur_api.get(proces_url(bestuursproces, suffix)), 404, "not_found")


@pytest.mark.parametrize("suffix", ["/gebeurtenissen", "/gebeurtenissen/1"])
def test_zonder_authenticatie_401(bestuursproces, api, suffix):
    assert_probleem(api.get(proces_url(bestuursproces, suffix)), 401, "not_authenticated")


def test_de_hele_log_telt_vanaf_de_ketenkop_zonder_count(tijdlijn, regisseur_api):
    # Unfiltered, the page's count is the chain head on the case row (volgnummers run from 1
    # without gaps): no COUNT over the log. With a filter the database counts.
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = proces_url(tijdlijn, "/gebeurtenissen")
    tijdlijn.refresh_from_db()
    with CaptureQueriesContext(connection) as vragen:
        body = regisseur_api.get(url, {"pageSize": 2, "page": 2}).json()
    assert body["count"] == len(gebeurtenissen_van(tijdlijn)) == tijdlijn.keten_volgnummer
    assert [g["volgnummer"] for g in body["results"]] == [3, 4]
    assert not any("COUNT(" in v["sql"].upper() for v in vragen.captured_queries)

    with CaptureQueriesContext(connection) as vragen:
        gefilterd = regisseur_api.get(url, {"type": "idee.herzien"}).json()
    assert gefilterd["count"] == 3
    assert any("COUNT(" in v["sql"].upper() for v in vragen.captured_queries)
