"""A process that began in 2016, moved into the case file afterwards through the API.

The regisseur opens the case with the date it began and enters its history in the order the
old notes turn up: later things first, a forgotten meeting of 2017 last. The tijdlijn tells the
story in order, the momentopname and krachtenveld of 2017 show 2017, the report counts days per
stadium, a move the history at its date does not allow is refused with the reason, and the
chain verifies throughout.
"""

from __future__ import annotations

from typing import Any

import pytest
from rest_framework.test import APIClient

from cases.events import verifieer_keten
from cases.models import Bestuursproces, Gebeurtenis

from .helpers import post

pytestmark = pytest.mark.django_db

BASIS = "/api/v1/bestuursprocessen"


@pytest.fixture
def client(regisseur: Any) -> APIClient:
    client = APIClient()
    client.force_authenticate(regisseur)
    return client


@pytest.fixture
def proces(client: APIClient) -> dict[str, Any]:
    return post(
        client,
        BASIS,
        {
            "titel": "Windpark Noordpolder",
            "rolGemeente": "initierend",
            "aanpak": "cyclisch",
            "geopendOp": "2016-03-01T09:00:00+01:00",
        },
    )


def _pad(proces: dict[str, Any], rest: str) -> str:
    return f"{BASIS}/{proces['uuid']}/{rest}"


def _speler(client: APIClient, proces: dict[str, Any], naam: str, tijdstip: str) -> Any:
    return post(
        client,
        _pad(proces, "spelers"),
        {
            "naam": naam,
            "soort": "groep",
            "veld": "verbindende",
            "rolInProces": "sleutelpersoon",
            "commitment": True,
            "tijdstip": tijdstip,
        },
    )


def test_opening_in_het_verleden(client: APIClient, proces: dict[str, Any]) -> None:
    assert proces["geopendOp"] == "2016-03-01T09:00:00+01:00"
    eerste = Gebeurtenis.objects.get(bestuursproces__uuid=proces["uuid"], volgnummer=1)
    assert eerste.tijdstip.year == 2016
    voor = client.get(_pad(proces, "momentopname"), {"tijdstip": "2016-02-01T00:00:00+01:00"})
    assert voor.status_code == 404
    na = client.get(_pad(proces, "momentopname"), {"tijdstip": "2016-04-01T00:00:00+02:00"})
    assert na.status_code == 200
    assert na.json()["bestuursproces"]["titel"] == "Windpark Noordpolder"


def test_een_kale_datum_is_die_dag_en_de_toekomst_is_een_fout(
    client: APIClient, proces: dict[str, Any]
) -> None:
    speler = _speler(client, proces, "Energiecoöperatie", "2016-04-12")
    gebeurtenis = Gebeurtenis.objects.filter(bestuursproces__uuid=proces["uuid"]).latest(
        "volgnummer"
    )
    assert gebeurtenis.payload["speler"]["uuid"] == speler["uuid"]
    assert gebeurtenis.tijdstip.isoformat() == "2016-04-11T22:00:00+00:00"
    fout = client.post(
        _pad(proces, "notities"),
        {"tekst": "Later", "zichtbaarheid": "proces", "tijdstip": "2999-01-01"},
        format="json",
    )
    assert fout.status_code == 400
    assert fout["Content-Type"].startswith("application/problem+json")
    assert [p["name"] for p in fout.json()["invalidParams"]] == ["tijdstip"]
    voor_opening = client.post(
        _pad(proces, "notities"),
        {"tekst": "Te vroeg", "zichtbaarheid": "proces", "tijdstip": "2015-12-01"},
        format="json",
    )
    assert voor_opening.status_code == 400
    assert voor_opening.json()["invalidParams"][0]["code"] == "voor_opening"


def test_de_geschiedenis_in_de_volgorde_van_de_notities(
    client: APIClient, proces: dict[str, Any]
) -> None:
    coop = _speler(client, proces, "Energiecoöperatie", "2016-03-15")
    boeren = _speler(client, proces, "Boerenvereniging", "2016-03-15")
    # Later things first: the assessments of 2018, then those of 2016.
    for speler, standpunt, wanneer in (
        (coop, "voorstander", "2018-02-01"),
        (boeren, "voorstander", "2018-02-01"),
        (coop, "afwachtend", "2016-05-01"),
        (boeren, "tegenstander", "2016-05-01"),
    ):
        post(
            client,
            f"{speler['url']}/beoordelingen",
            {
                "standpunt": standpunt,
                "macht": "blokkademacht",
                "invloed": 4,
                "vertrouwen": 3,
                "tijdstip": wanneer,
            },
        )
    # The first step of 2016, then the stadium move of 2017 it allows.
    stap = post(
        client,
        _pad(proces, "wyberstappen"),
        {"doel": "Waar komen de molens", "tijdstip": "2016-06-01"},
    )
    optie = post(
        client, f"{stap['url']}/opties", {"titel": "Langs de dijk", "tijdstip": "2016-06-01"}
    )
    post(client, f"{stap['url']}/faseovergangen", {"naar": "convergeren", "tijdstip": "2016-07-01"})
    beslist = client.patch(
        optie["url"], {"status": "gekozen", "tijdstip": "2016-07-01"}, format="json"
    )
    assert beslist.status_code == 200, beslist.content
    post(
        client, f"{stap['url']}/faseovergangen", {"naar": "consolideren", "tijdstip": "2016-09-01"}
    )
    for speler in (coop, boeren):
        post(
            client,
            f"{speler['url']}/betrokkenheid",
            {"actie": "aansluiten", "reden": "Aan tafel", "tijdstip": "2016-04-01"},
        )
    post(
        client,
        f"{stap['url']}/consolidatie",
        {
            "uitkomst": "commitment",
            "tekst": "Langs de dijk",
            "tijdstip": "2016-09-01",
        },
    )
    instemmingen = client.get(f"{stap['url']}/instemmingen").json()["results"]
    assert len(instemmingen) == 2
    # A move to houdbaar in the summer of 2016, before anyone consented: refused with the reason.
    geweigerd = client.post(
        _pad(proces, "stadiumovergangen"),
        {"naar": "houdbaar", "toelichting": "Draagvlak", "tijdstip": "2016-08-01"},
        format="json",
    )
    assert geweigerd.status_code == 409
    assert geweigerd.json()["code"] == "poort-gesloten"
    assert "Langs de dijk" not in geweigerd.json()["detail"]
    for instemming in instemmingen:
        antwoord = client.patch(
            instemming["url"],
            {
                "status": "ingestemd",
                "formeelBesloten": True,
                "beslotenOp": "2016-12-14",
                "besluitreferentie": "Ledenvergadering",
            },
            format="json",
        )
        assert antwoord.status_code == 200, antwoord.content
    post(
        client,
        _pad(proces, "stadiumovergangen"),
        {"naar": "houdbaar", "toelichting": "Iedereen rond", "tijdstip": "2017-01-10"},
    )
    # A stadium move in 2016 now would make the move of January 2017 impossible.
    conflict = client.post(
        _pad(proces, "stadiumovergangen"),
        {
            "naar": "houdbaar",
            "toelichting": "Eerder",
            "forceren": True,
            "tijdstip": "2016-10-01",
        },
        format="json",
    )
    assert conflict.status_code == 409
    assert conflict.json()["code"] == "geschiedenisconflict"
    assert "10 januari 2017" in conflict.json()["detail"]
    # The forgotten meeting of 2017, entered last.
    post(
        client,
        _pad(proces, "notities"),
        {
            "tekst": "Vergeten bijeenkomst met de boeren in het dorpshuis",
            "zichtbaarheid": "proces",
            "tijdstip": "2017-03-08T19:30:00+01:00",
        },
    )

    tijdlijn = client.get(_pad(proces, "tijdlijn"), {"pageSize": 100}).json()["results"]
    tijden = [item["tijdstip"] for item in tijdlijn]
    assert tijden == sorted(tijden, reverse=False) or tijden == sorted(tijden, reverse=True)
    omschrijvingen = [item["omschrijving"] for item in tijdlijn]
    assert omschrijvingen[0].startswith("Bestuursproces geopend")
    vergeten = next(item for item in tijdlijn if "Vergeten bijeenkomst" in item["omschrijving"])
    assert vergeten["laterVastgelegd"] is True
    assert vergeten["tijdstip"].startswith("2017-03-08")

    in_2017 = client.get(_pad(proces, "krachtenveld"), {"tijdstip": "2017-06-01T12:00:00+02:00"})
    groepen = {
        g["standpunt"]: [p["naam"] for p in g["partijen"]] for g in in_2017.json()["groepen"]
    }
    assert groepen == {"tegenstander": ["Boerenvereniging"], "afwachtend": ["Energiecoöperatie"]}
    nu = client.get(_pad(proces, "krachtenveld")).json()
    assert [g["standpunt"] for g in nu["groepen"]] == ["voorstander"]

    bestuursproces = Bestuursproces.objects.get(uuid=proces["uuid"])
    assert bestuursproces.stadium == "houdbaar"
    assert verifieer_keten(bestuursproces) is None


def test_de_opening_eerder_zetten(client: APIClient, proces: dict[str, Any]) -> None:
    """The process turned out to have begun in the autumn of 2015."""
    tussen = {"tijdstip": "2015-12-01T12:00:00+01:00"}
    assert client.get(_pad(proces, "momentopname"), tussen).status_code == 404
    later = client.patch(proces["url"], {"geopendOp": "2016-06-01"}, format="json")
    assert later.status_code == 400
    assert later.json()["invalidParams"][0]["code"] == "niet_eerder"

    antwoord = client.patch(
        proces["url"],
        {"geopendOp": "2015-10-01T09:00:00+02:00"},
        format="json",
        HTTP_X_AUDIT_TOELICHTING="Eerste gesprek met de coöperatie gevonden",
    )
    assert antwoord.status_code == 200, antwoord.content
    assert antwoord.json()["geopendOp"] == "2015-10-01T09:00:00+02:00"
    staat = client.get(_pad(proces, "momentopname"), tussen)
    assert staat.status_code == 200
    assert staat.json()["bestuursproces"]["geopendOp"] == "2015-10-01T07:00:00.000000Z"
    _speler(client, proces, "Energiecoöperatie", "2015-10-15")
    tijdlijn = client.get(_pad(proces, "tijdlijn")).json()["results"]
    # The case began at the new opening: it stands there first, with the move beside it.
    assert [i["tijdstip"] for i in tijdlijn[:2]] == ["2015-10-01T09:00:00+02:00"] * 2
    assert tijdlijn[0]["omschrijving"].startswith("Bestuursproces geopend")
    assert "opening vervroegd" in tijdlijn[1]["omschrijving"]
    assert "Eerste gesprek met de coöperatie gevonden" in tijdlijn[1]["omschrijving"]
    assert verifieer_keten(Bestuursproces.objects.get(uuid=proces["uuid"])) is None
