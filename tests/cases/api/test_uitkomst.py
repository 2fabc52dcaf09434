"""PATCH .../bestuursprocessen/{uuid} closing with a structured outcome (issue 14, item 5)."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from rest_framework.test import APIClient

from cases import services
from cases.models import Bestuursproces, Gebeurtenis
from tests.cases.services._hulp import maak_speler, start_stap
from tests.factories import actor_voor

from .helpers import proces_url

ZAAK = "https://zaken.havenstad.example/projecten/havenkwartier"
AFRONDING = {
    "status": "afgerond",
    "uitkomst": "Verder als project Havenkwartier",
    "uitkomstSoort": "project",
    "vervolgUrl": ZAAK,
}


def test_afronden_met_soort_en_vervolg(
    bestuursproces: Bestuursproces, regisseur_api: APIClient
) -> None:
    antwoord = regisseur_api.patch(proces_url(bestuursproces), AFRONDING, format="json")
    assert antwoord.status_code == 200, antwoord.content
    body = antwoord.json()
    assert (body["status"], body["uitkomst"], body["uitkomstSoort"], body["vervolgUrl"]) == (
        "afgerond",
        "Verder als project Havenkwartier",
        "project",
        ZAAK,
    )
    momentopname = regisseur_api.get(proces_url(bestuursproces, "/momentopname")).json()
    assert momentopname["bestuursproces"]["uitkomstSoort"] == "project"
    assert momentopname["bestuursproces"]["vervolgUrl"] == ZAAK


def test_open_stappen_geven_409_tot_bevestigd(
    bestuursproces: Bestuursproces, regisseur_api: APIClient, regisseur: Any
) -> None:
    start_stap(actor_voor(regisseur), bestuursproces)
    aantal = Gebeurtenis.objects.count()

    antwoord = regisseur_api.patch(proces_url(bestuursproces), AFRONDING, format="json")
    assert antwoord.status_code == 409
    assert antwoord["Content-Type"] == "application/problem+json"
    body = antwoord.json()
    assert body["code"] == "open-stappen"
    assert "stap 1 (divergeren)" in body["detail"]
    assert body["invalidParams"][0]["name"] == "bevestigd"
    assert Gebeurtenis.objects.count() == aantal

    bevestigd = regisseur_api.patch(
        proces_url(bestuursproces), {**AFRONDING, "bevestigd": True}, format="json"
    )
    assert bevestigd.status_code == 200, bevestigd.content
    laatste = Gebeurtenis.objects.filter(bestuursproces=bestuursproces).last()
    assert laatste is not None
    assert [o["volgnummer"] for o in laatste.payload["openGelaten"]] == [1]


def test_onbekende_soort_of_geen_url_is_400(
    bestuursproces: Bestuursproces, regisseur_api: APIClient
) -> None:
    antwoord = regisseur_api.patch(
        proces_url(bestuursproces),
        {**AFRONDING, "uitkomstSoort": "verdampt", "vervolgUrl": "geen url"},
        format="json",
    )
    assert antwoord.status_code == 400
    assert sorted(p["name"] for p in antwoord.json()["invalidParams"]) == [
        "uitkomstSoort",
        "vervolgUrl",
    ]


def test_open_afspraken_geven_409_tot_bevestigd(
    bestuursproces: Bestuursproces, regisseur_api: APIClient, regisseur: Any
) -> None:
    actor = actor_voor(regisseur)
    afspraak = services.maak_afspraak(
        actor=actor,
        bestuursproces=bestuursproces,
        wat="Grondbod uitbrengen",
        door=maak_speler(actor, bestuursproces, naam="Ontwikkelaar"),
        uiterlijk=timezone.localdate(),
        zichtbaarheid="proces",
    )
    antwoord = regisseur_api.patch(proces_url(bestuursproces), AFRONDING, format="json")
    assert antwoord.status_code == 409
    assert antwoord["Content-Type"] == "application/problem+json"
    body = antwoord.json()
    assert body["code"] == "open-afspraken"
    assert "'Grondbod uitbrengen' (Ontwikkelaar)" in body["detail"]
    assert body["invalidParams"][0]["name"] == "bevestigd"

    bevestigd = regisseur_api.patch(
        proces_url(bestuursproces), {**AFRONDING, "bevestigd": True}, format="json"
    )
    assert bevestigd.status_code == 200, bevestigd.content
    laatste = Gebeurtenis.objects.filter(bestuursproces=bestuursproces).last()
    assert laatste is not None
    assert laatste.payload["openAfspraken"] == [str(afspraak.uuid)]
