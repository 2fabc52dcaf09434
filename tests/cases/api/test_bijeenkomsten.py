"""/bestuursprocessen/{uuid}/bijeenkomsten and .../bijeenkomsten/aanwezigheid."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from cases import services
from cases.models import Bestuursproces, Bijeenkomst, Bijeenkomstsoort
from cases.services import DeelnemerInvoer
from tests.factories import actor_voor, open_proces, voeg_leden_toe

from .helpers import absoluut, assert_probleem, client_voor, fouten, proces_url
from .register import opdrachtgever, speler, url


def lijst_url(proces: Bestuursproces) -> str:
    return proces_url(proces, "/bijeenkomsten")


def bijeenkomst_url(bijeenkomst: Bijeenkomst) -> str:
    return absoluut(proces_url(bijeenkomst.bestuursproces, f"/bijeenkomsten/{bijeenkomst.uuid}"))


@pytest.fixture
def proces(regisseur: Any) -> Bestuursproces:
    return open_proces(regisseur, tijdstip=timezone.now() - dt.timedelta(days=30))


def test_werksessie_met_twaalf_uitgenodigd_en_vijf_aanwezig(proces, regisseur):
    spelers = [speler(proces, regisseur, naam=f"Speler {i}") for i in range(4)]
    wethouder = opdrachtgever(proces, regisseur)
    deelnemers = [
        *({"partij": url(s), "aanwezig": i < 2} for i, s in enumerate(spelers)),
        {"partij": url(wethouder), "aanwezig": True},
        *({"naam": f"Bewoner {i}", "aanwezig": i < 2} for i in range(7)),
    ]
    api = client_voor(regisseur)
    response = api.post(
        lijst_url(proces),
        {
            "titel": "Werksessie havenfront",
            "soort": "werksessie",
            "datum": timezone.localdate().isoformat(),
            "waar": "Wijkcentrum",
            "deelnemers": deelnemers,
            "zichtbaarheid": "proces",
        },
        format="json",
    )

    assert response.status_code == 201, response.content
    body = response.json()
    bijeenkomst = Bijeenkomst.objects.get()
    assert response["Location"] == bijeenkomst_url(bijeenkomst)
    assert (body["soort"], body["soortNaam"], body["uitgenodigd"], body["aanwezig"]) == (
        "werksessie",
        "Werksessie",
        12,
        5,
    )
    assert body["deelnemers"][0] == {
        "partij": url(spelers[0]),
        "naam": "Speler 0",
        "uitgenodigd": True,
        "aanwezig": True,
    }
    assert body["deelnemers"][5] == {
        "partij": None,
        "naam": "Bewoner 0",
        "uitgenodigd": True,
        "aanwezig": True,
    }
    assert api.get(bijeenkomst_url(bijeenkomst)).json() == body

    # The verslag afterwards; a besluit and an afspraak that came out of it.
    response = api.patch(bijeenkomst_url(bijeenkomst), {"verslag": "Goede sessie"}, format="json")
    assert response.json()["verslag"] == "Goede sessie"
    besluit = api.post(
        proces_url(proces, "/besluiten"),
        {
            "titel": "Richting gekozen",
            "orgaan": "college",
            "datum": timezone.localdate().isoformat(),
            "bijeenkomst": bijeenkomst_url(bijeenkomst),
            "zichtbaarheid": "proces",
        },
        format="json",
    ).json()
    assert besluit["bijeenkomst"] == bijeenkomst_url(bijeenkomst)
    assert api.get(bijeenkomst_url(bijeenkomst)).json()["besluiten"] == [besluit["url"]]


def test_aanwezigheid_per_partij(proces, regisseur):
    anna = speler(proces, regisseur, naam="Anna")
    actor = actor_voor(regisseur)
    soort = Bijeenkomstsoort.objects.get(code="werksessie")
    eerste, tweede = (
        services.leg_bijeenkomst_vast(
            actor=actor,
            bestuursproces=proces,
            titel=titel,
            soort=soort,
            datum=timezone.localdate(),
            deelnemers=[
                DeelnemerInvoer(speler=anna, aanwezig=aanwezig),
                DeelnemerInvoer(naam="Bert", aanwezig=True),
            ],
            zichtbaarheid="proces",
        )
        for titel, aanwezig in (("Eerste", True), ("Tweede", False))
    )
    response = client_voor(regisseur).get(proces_url(proces, "/bijeenkomsten/aanwezigheid"))
    assert response.status_code == 200, response.content
    assert response.json() == [
        {
            "partij": url(anna),
            "naam": "Anna",
            "uitgenodigd": 2,
            "aanwezig": 1,
            "bijeenkomsten": [
                {
                    "bijeenkomst": bijeenkomst_url(eerste),
                    "datum": timezone.localdate().isoformat(),
                    "uitgenodigd": True,
                    "aanwezig": True,
                },
                {
                    "bijeenkomst": bijeenkomst_url(tweede),
                    "datum": timezone.localdate().isoformat(),
                    "uitgenodigd": True,
                    "aanwezig": False,
                },
            ],
        },
        {
            "partij": None,
            "naam": "Bert",
            "uitgenodigd": 2,
            "aanwezig": 2,
            "bijeenkomsten": [
                {
                    "bijeenkomst": bijeenkomst_url(b),
                    "datum": timezone.localdate().isoformat(),
                    "uitgenodigd": True,
                    "aanwezig": True,
                }
                for b in (eerste, tweede)
            ],
        },
    ]


def test_ongeldige_invoer(proces, regisseur):
    api = client_voor(regisseur)
    assert fouten(api.post(lijst_url(proces), {}, format="json")) == {
        "titel": "required",
        "soort": "required",
        "datum": "required",
        "zichtbaarheid": "required",
    }
    body: dict[str, Any] = {
        "titel": "x",
        "soort": "borrel",
        "datum": timezone.localdate().isoformat(),
        "zichtbaarheid": "proces",
    }
    assert fouten(api.post(lijst_url(proces), body, format="json")) == {"soort": "does_not_exist"}
    body |= {"soort": "werksessie", "deelnemers": [{"uitgenodigd": False, "naam": "A"}]}
    assert fouten(api.post(lijst_url(proces), body, format="json")) == {
        "deelnemers.0": "uitgenodigd_of_aanwezig"
    }


def test_kernteambijeenkomst_bestaat_niet_voor_de_opdrachtgever(proces, regisseur):
    leden = voeg_leden_toe(proces, regisseur)
    geheim = services.leg_bijeenkomst_vast(
        actor=actor_voor(regisseur),
        bestuursproces=proces,
        titel="Kernteamoverleg",
        soort=Bijeenkomstsoort.objects.get(code="werksessie"),
        datum=timezone.localdate(),
        deelnemers=[DeelnemerInvoer(naam="Geheime gast", aanwezig=True)],
        zichtbaarheid="kernteam",
    )
    api = client_voor(leden["opdrachtgever"])
    assert api.get(lijst_url(proces)).json()["results"] == []
    assert api.get(proces_url(proces, "/bijeenkomsten/aanwezigheid")).json() == []
    assert_probleem(api.get(bijeenkomst_url(geheim)), 404)
