"""A document uploaded with the URL of a besluit or a bijeenkomst of the case."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from cases.models import Bestuursproces
from tests.factories import open_proces

from .helpers import proces_url
from .test_documenten import upload

pytestmark = pytest.mark.usefixtures("documentopslag")


def _besluit(client: APIClient, proces: Bestuursproces, **velden: Any) -> dict[str, Any]:
    antwoord = client.post(
        proces_url(proces, "/besluiten"),
        {
            "titel": "Raadsbesluit",
            "orgaan": "raad",
            "datum": "2020-01-01",
            "zichtbaarheid": "proces",
            **velden,
        },
        format="json",
    )
    return dict(antwoord.json())


def test_verslag_bij_een_bijeenkomst_en_besluit_als_document(
    regisseur_api: APIClient, bestuursproces: Bestuursproces
) -> None:
    vandaag = timezone.localdate().isoformat()
    besluit = _besluit(regisseur_api, bestuursproces, datum=vandaag)
    bijeenkomst = regisseur_api.post(
        proces_url(bestuursproces, "/bijeenkomsten"),
        {
            "titel": "Werksessie",
            "soort": "werksessie",
            "datum": vandaag,
            "zichtbaarheid": "proces",
        },
        format="json",
    ).json()

    verslag = upload(
        regisseur_api, bestuursproces, zichtbaarheid="proces", bijeenkomst=bijeenkomst["url"]
    )
    assert verslag.status_code == 201, verslag.content
    assert (verslag.json()["bijeenkomst"], verslag.json()["besluit"]) == (bijeenkomst["url"], None)
    stuk = upload(regisseur_api, bestuursproces, zichtbaarheid="proces", besluit=besluit["url"])
    assert stuk.status_code == 201, stuk.content
    assert stuk.json()["besluit"] == besluit["url"]

    # The bijeenkomst and the besluit list their documents.
    assert regisseur_api.get(bijeenkomst["url"]).json()["documenten"] == [verslag.json()["url"]]
    assert regisseur_api.get(besluit["url"]).json()["documenten"] == [stuk.json()["url"]]


def test_twee_koppelingen_of_een_vreemde_url_is_een_400(
    regisseur_api: APIClient, bestuursproces: Bestuursproces, regisseur: Any
) -> None:
    ander_proces = open_proces(regisseur, titel="Vernieuwing Stationsgebied")

    vandaag = timezone.localdate().isoformat()
    besluit = _besluit(regisseur_api, bestuursproces, datum=vandaag)
    elders = _besluit(regisseur_api, ander_proces, datum=vandaag)
    bijeenkomst = regisseur_api.post(
        proces_url(bestuursproces, "/bijeenkomsten"),
        {"titel": "W", "soort": "werksessie", "datum": vandaag, "zichtbaarheid": "proces"},
        format="json",
    ).json()

    beide = upload(
        regisseur_api, bestuursproces, besluit=besluit["url"], bijeenkomst=bijeenkomst["url"]
    )
    assert beide.status_code == 400
    assert beide["Content-Type"] == "application/problem+json"
    assert [p["name"] for p in beide.json()["invalidParams"]] == ["bijeenkomst"]

    vreemd = upload(regisseur_api, bestuursproces, besluit=elders["url"])
    assert vreemd.status_code == 400
    assert [p["name"] for p in vreemd.json()["invalidParams"]] == ["besluit"]
