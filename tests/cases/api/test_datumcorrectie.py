"""Correcting when a fact happened: a new event; the original stays, the history moves it.

A regisseur moving an old process into the case file typed a wrong date: the note of a
meeting on 10 April 2016 entered as 1 May, a party joining on the wrong day. The correction is
checked as a fact entered late, the tijdlijn tells both the fact at its right moment and the
correction, the tables follow, and the chain still verifies.
"""

from __future__ import annotations

from typing import Any

import pytest
from rest_framework.test import APIClient

from cases.events import verifieer_keten
from cases.models import Bestuursproces, Gebeurtenis, Notitie
from tests.cases.exports.conftest import exporteer
from tests.factories import GebruikerFactory

from .helpers import assert_probleem

pytestmark = pytest.mark.django_db

BASIS = "/api/v1/bestuursprocessen"


def post(
    client: APIClient, pad: str, gegevens: dict[str, Any], status: int = 201, **extra: Any
) -> Any:
    antwoord = client.post(pad, gegevens, format="json", **extra)
    assert antwoord.status_code == status, antwoord.content
    return antwoord.json()


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


def _correctie(proces: dict[str, Any], volgnummer: int) -> str:
    return _pad(proces, f"gebeurtenissen/{volgnummer}/datumcorrecties")


def _notitie(
    client: APIClient, proces: dict[str, Any], tekst: str, tijdstip: str, **extra: Any
) -> Gebeurtenis:
    post(
        client,
        _pad(proces, "notities"),
        {"tekst": tekst, "zichtbaarheid": "proces", "tijdstip": tijdstip, **extra},
    )
    return Gebeurtenis.objects.filter(bestuursproces__uuid=proces["uuid"]).latest("volgnummer")


def test_een_verkeerde_datum_wordt_gecorrigeerd_met_een_nieuw_feit(
    client: APIClient, proces: dict[str, Any]
) -> None:
    eerder = _notitie(client, proces, "Startbijeenkomst met de coöperatie", "2016-05-01")
    _notitie(client, proces, "Verkenning bij de boeren", "2016-04-20")

    correctie = post(
        client,
        _correctie(proces, eerder.volgnummer),
        {
            "tijdstip": "2016-04-10",
            "toelichting": "De bijeenkomst was op 10 april, zegt de agenda.",
        },
    )

    assert correctie["type"] == "gebeurtenis.datum_gecorrigeerd"
    assert correctie["payload"]["gebeurtenis"] == eerder.volgnummer
    assert correctie["payload"]["hash"] == eerder.hash
    assert correctie["payload"]["naar"].startswith("2016-04-09T22:00:00")
    # The original is untouched; the chain verifies; the table follows the correction.
    eerder.refresh_from_db()
    assert eerder.tijdstip.date().isoformat() == "2016-04-30"
    bestuursproces = Bestuursproces.objects.get(uuid=proces["uuid"])
    assert verifieer_keten(bestuursproces) is None
    notitie = Notitie.objects.get(uuid=eerder.payload["notitie"]["uuid"])
    assert notitie.tijdstip.isoformat() == "2016-04-09T22:00:00+00:00"

    tijdlijn = client.get(_pad(proces, "tijdlijn"), {"pageSize": 100}).json()["results"]
    omschrijvingen = [item["omschrijving"] for item in tijdlijn]
    start = omschrijvingen.index("Notitie: Startbijeenkomst met de coöperatie")
    assert start < omschrijvingen.index("Notitie: Verkenning bij de boeren")
    assert tijdlijn[start]["tijdstip"].startswith("2016-04-10")
    assert omschrijvingen[-1] == (
        f"Datum van 'Notitie gemaakt' (gebeurtenis {eerder.volgnummer}) gecorrigeerd: "
        "1 mei 2016 werd 10 april 2016: De bijeenkomst was op 10 april, zegt de agenda."
    )

    # Looking back: on 15 April the note existed by what is recorded now, not by what was
    # known before the correction.
    moment = {"tijdstip": "2016-04-15T12:00:00+02:00"}
    nu = client.get(_pad(proces, "momentopname"), moment).json()
    assert [n["tekst"] for n in nu["notities"]] == ["Startbijeenkomst met de coöperatie"]
    assert nu["notities"][0]["tijdstip"] == "2016-04-09T22:00:00.000000Z"
    toen = client.get(
        _pad(proces, "momentopname"), {**moment, "bekendOp": correctie["geregistreerd"][:19] + "Z"}
    )
    assert toen.status_code == 200


def test_een_correctie_die_de_geschiedenis_breekt_wordt_geweigerd(
    client: APIClient, proces: dict[str, Any]
) -> None:
    speler = post(
        client,
        _pad(proces, "spelers"),
        {
            "naam": "Coöperatie",
            "soort": "groep",
            "veld": "verbindende",
            "rolInProces": "sleutelpersoon",
            "tijdstip": "2016-04-01",
        },
    )
    post(
        client,
        f"{speler['url']}/betrokkenheid",
        {"actie": "aansluiten", "reden": "Aan tafel", "tijdstip": "2016-05-01"},
    )
    aansluiten = Gebeurtenis.objects.filter(bestuursproces__uuid=proces["uuid"]).latest(
        "volgnummer"
    )
    aantal = Gebeurtenis.objects.count()

    antwoord = client.post(
        _correctie(proces, aansluiten.volgnummer),
        {"tijdstip": "2016-03-15"},
        format="json",
        HTTP_X_AUDIT_TOELICHTING="Verkeerde maand",
    )

    assert antwoord.status_code == 409, antwoord.content
    body = antwoord.json()
    assert body["code"] == "geschiedenisconflict"
    assert "15 maart 2016" in body["detail"]
    assert "bestond" in body["detail"]
    assert Gebeurtenis.objects.count() == aantal

    # Later in time it fits; the reason may come in X-Audit-Toelichting.
    correctie = post(
        client,
        _correctie(proces, aansluiten.volgnummer),
        {"tijdstip": "2016-04-15"},
        HTTP_X_AUDIT_TOELICHTING="Verkeerde maand",
    )
    assert correctie["toelichting"] == "Verkeerde maand"
    verschuivingen = client.get(_pad(proces, "krachtenveld/verschuivingen")).json()["results"]
    assert verschuivingen[-1]["tijdstip"].startswith("2016-04-15")


@pytest.mark.parametrize(
    ("gegevens", "veld", "code"),
    [
        ({"tijdstip": "2016-04-10"}, "toelichting", "required"),
        ({"tijdstip": "2999-01-01", "toelichting": "x"}, "tijdstip", "toekomst"),
        ({"tijdstip": "2016-01-01", "toelichting": "x"}, "tijdstip", "voor_opening"),
        ({"tijdstip": "2016-05-01", "toelichting": "x"}, "tijdstip", "ongewijzigd"),
        ({"tijdstip": "2016-04-10", "toelichting": "x", "extra": 1}, "extra", "unknown"),
    ],
)
def test_onjuiste_correcties_krijgen_een_duidelijke_fout(
    client: APIClient, proces: dict[str, Any], gegevens: dict[str, Any], veld: str, code: str
) -> None:
    notitie = _notitie(client, proces, "Overleg", "2016-05-01")
    aantal = Gebeurtenis.objects.count()

    body = post(client, _correctie(proces, notitie.volgnummer), gegevens, status=400)

    assert [(p["name"], p["code"]) for p in body["invalidParams"]] == [(veld, code)]
    assert Gebeurtenis.objects.count() == aantal


def test_feiten_met_een_eigen_datum_en_de_opening_corrigeer_je_anders(
    client: APIClient, proces: dict[str, Any]
) -> None:
    for volgnummer in (1, 2):  # the opening, the regisseur's membership
        body = post(
            client,
            _correctie(proces, volgnummer),
            {"tijdstip": "2016-04-10", "toelichting": "x"},
            status=400,
        )
        assert body["invalidParams"][0]["code"] == "niet_corrigeerbaar"


@pytest.mark.parametrize("gegevens", [{"tijdstip": "2016-04-10", "toelichting": "x"}, {}])
def test_een_gebeurtenis_die_niet_bestaat_is_404_zoals_bij_lezen(
    client: APIClient, proces: dict[str, Any], gegevens: dict[str, Any]
) -> None:
    laatste = Gebeurtenis.objects.filter(bestuursproces__uuid=proces["uuid"]).latest("volgnummer")
    volgnummer = laatste.volgnummer + 1
    aantal = Gebeurtenis.objects.count()

    antwoord = client.post(_correctie(proces, volgnummer), gegevens, format="json")

    body = assert_probleem(antwoord, 404, "not_found")
    assert body["detail"] == f"Gebeurtenis {volgnummer} bestaat niet in dit bestuursproces."
    assert Gebeurtenis.objects.count() == aantal
    gelezen = client.get(_pad(proces, f"gebeurtenissen/{volgnummer}"))
    assert assert_probleem(gelezen, 404, "not_found")["detail"] == body["detail"]


def test_een_correctie_is_zo_zichtbaar_als_het_feit(
    client: APIClient, proces: dict[str, Any]
) -> None:
    opdrachtgever_gebruiker: Any = GebruikerFactory(username="wethouder")
    notitie = _notitie(client, proces, "Vertrouwelijk", "2016-05-01", zichtbaarheid="kernteam")
    post(
        client, _pad(proces, "lidmaatschappen"), {"gebruiker": "wethouder", "rol": "opdrachtgever"}
    )
    correctie = post(
        client,
        _correctie(proces, notitie.volgnummer),
        {"tijdstip": "2016-04-10", "toelichting": "x"},
    )
    assert correctie["payload"]["zichtbaarheid"] == "kernteam"

    lezer = APIClient()
    lezer.force_authenticate(opdrachtgever_gebruiker)
    gezien = lezer.get(_pad(proces, f"gebeurtenissen/{correctie['volgnummer']}")).json()
    assert gezien["payload"] == {"afgeschermd": True, "zichtbaarheid": "kernteam"}
    tijdlijn = lezer.get(_pad(proces, "tijdlijn"), {"pageSize": 100}).json()["results"]
    assert not [item for item in tijdlijn if "gecorrigeerd" in item["omschrijving"]]


def test_de_xes_export_en_een_engelse_lezer_volgen_de_correctie(
    client: APIClient, proces: dict[str, Any]
) -> None:
    notitie = _notitie(client, proces, "Startbijeenkomst", "2016-05-01")
    post(
        client,
        _correctie(proces, notitie.volgnummer),
        {"tijdstip": "2016-04-10", "toelichting": "Agenda nagekeken"},
    )
    bestuursproces = Bestuursproces.objects.get(uuid=proces["uuid"])

    xes = exporteer(bestuursproces, "xes", "procesregisseur").decode()

    blok = xes[xes.index(f'"procesregie:volgnummer" value="{notitie.volgnummer}"') - 400 :]
    blok = blok[: blok.index("</event>")]
    assert 'key="time:timestamp" value="2016-04-10T00:00:00.000+02:00"' in blok
    assert 'key="procesregie:tijdstipVoorCorrectie" value="2016-05-01T00:00:00.000+02:00"' in blok
    engels = client.get(_pad(proces, "tijdlijn"), HTTP_ACCEPT_LANGUAGE="en").json()["results"]
    assert "Note: Startbijeenkomst" in [item["omschrijving"] for item in engels]
    assert engels[-1]["omschrijving"].startswith(
        f"Date of 'Note added' (event {notitie.volgnummer}) corrected: "
    )
