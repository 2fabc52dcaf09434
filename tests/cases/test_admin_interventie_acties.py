"""Carrying out and evaluating an interventie in the admin: an intermediate page asks what
happened, the service records it; refusals are form errors or messages and write nothing."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.utils import timezone

from cases.models import Bestuursproces, Interventie
from tests.cases._interventies import als_staf, log, open_een_maand_geleden

from ..factories import actor_voor
from .admin_helpers import _url, gebeurtenistypen, laatste

BEVESTIGD = {"bevestigd": "ja"}


@pytest.fixture
def bestuursproces(regisseur: Any) -> Bestuursproces:
    return open_een_maand_geleden(regisseur)


@pytest.fixture
def staf(client: Client) -> Any:
    return lambda gebruiker: als_staf(client, gebruiker)


@pytest.fixture
def gepland(bestuursproces: Bestuursproces, regisseur: Any) -> Interventie:
    datum = timezone.localdate() - dt.timedelta(days=7)
    return log(actor_voor(regisseur), bestuursproces, datum=datum)


def actie(client: Client, naam: str, interventies: list[Interventie], **extra: Any) -> Any:
    data = {"action": naam, "_selected_action": [i.pk for i in interventies], "index": "0"}
    return client.post(_url("interventie", "changelist"), {**data, **extra})


def meldingen(response: Any) -> list[str]:
    return [str(melding) for melding in get_messages(response.wsgi_request)]


def test_uitvoeren_en_evalueren_via_acties(
    staf: Any, leden: dict[str, Any], bestuursproces: Bestuursproces, gepland: Interventie
) -> None:
    client = staf(leden["kernteam"])
    pagina = actie(client, "uitvoeren", [gepland])
    assert pagina.status_code == 200
    assert pagina.templates[0].name == "admin/cases/interventie_stap.html"
    assert gepland.titel in pagina.content.decode()
    voor = laatste(bestuursproces)

    response = actie(client, "uitvoeren", [gepland], wat_gedaan="Koffie gedronken", **BEVESTIGD)

    assert response.status_code == 302
    assert gebeurtenistypen(bestuursproces, voor) == ["interventie.uitgevoerd"]
    gepland.refresh_from_db()
    assert (gepland.status, gepland.uitgevoerd_op) == ("uitgevoerd", timezone.localdate())

    response = actie(
        client,
        "evalueren",
        [gepland],
        waargenomen_effect="Hij doet mee",
        uitgepakt="ja",
        vervolg="Samen naar de raad",
        toelichting="Na afloop",
        **BEVESTIGD,
    )
    assert response.status_code == 302
    assert gebeurtenistypen(bestuursproces, voor) == [
        "interventie.uitgevoerd",
        "interventie.geevalueerd",
    ]
    assert bestuursproces.gebeurtenissen.get(volgnummer=voor + 2).toelichting == "Na afloop"
    gepland.refresh_from_db()
    assert (gepland.status, gepland.uitgepakt) == ("geevalueerd", "ja")


def test_knop_op_de_pagina_brengt_je_terug(
    staf: Any, leden: dict[str, Any], gepland: Interventie
) -> None:
    client = staf(leden["procesregisseur"])
    pagina = client.get(_url("interventie", "change", gepland.pk))
    assert 'value="uitvoeren"' in pagina.content.decode()
    response = actie(
        client, "uitvoeren", [gepland], wat_gedaan="Gedaan", _vanaf_interventie="ja", **BEVESTIGD
    )
    assert response["Location"] == _url("interventie", "change", gepland.pk)
    pagina = client.get(_url("interventie", "change", gepland.pk))
    assert 'value="evalueren"' in pagina.content.decode()


@pytest.mark.parametrize(
    ("velden", "veld", "tekst"),
    [
        ({}, "wat_gedaan", "Beschrijf wat er is gedaan."),
        ({"wat_gedaan": "X", "uitgevoerd_op": "2100-01-01"}, "uitgevoerd_op", "toekomst"),
        ({"wat_gedaan": "X", "uitgevoerd_op": "2000-01-01"}, "uitgevoerd_op", "vóór de datum"),
    ],
)
def test_geweigerde_uitvoering_is_een_formfout(
    staf: Any,
    leden: dict[str, Any],
    bestuursproces: Bestuursproces,
    gepland: Interventie,
    velden: dict[str, Any],
    veld: str,
    tekst: str,
) -> None:
    voor = laatste(bestuursproces)
    response = actie(staf(leden["kernteam"]), "uitvoeren", [gepland], **velden, **BEVESTIGD)
    assert response.status_code == 200
    fouten = response.context["form"].errors
    assert any(tekst in fout for fout in fouten[veld]), fouten
    assert laatste(bestuursproces) == voor


def test_verkeerde_status_of_meerdere_is_een_melding(
    staf: Any, leden: dict[str, Any], bestuursproces: Bestuursproces, gepland: Interventie
) -> None:
    tweede = log(actor_voor(leden["procesregisseur"]), bestuursproces, titel="Tweede")
    client = staf(leden["procesregisseur"])
    voor = laatste(bestuursproces)
    response = actie(client, "evalueren", [gepland])
    assert response.status_code == 302
    assert "Voer de interventie eerst uit" in meldingen(response)[-1]
    response = actie(client, "uitvoeren", [gepland, tweede])
    assert "kies één interventie" in meldingen(response)[-1]
    assert laatste(bestuursproces) == voor


@pytest.mark.parametrize("rol", ["opdrachtgever", "evaluator"])
def test_lezers_hebben_geen_acties(
    staf: Any, leden: dict[str, Any], bestuursproces: Bestuursproces, rol: str
) -> None:
    interventie = log(actor_voor(leden["procesregisseur"]), bestuursproces, zichtbaarheid="proces")
    client = staf(leden[rol])
    voor = laatste(bestuursproces)
    response = actie(client, "uitvoeren", [interventie], wat_gedaan="Ik", **BEVESTIGD)
    assert response.status_code == 200, response  # the list again: no such action for them
    assert laatste(bestuursproces) == voor
    pagina = client.get(_url("interventie", "change", interventie.pk))
    assert 'value="uitvoeren"' not in pagina.content.decode()


def test_andermans_verborgen_interventie_kan_niet_gekozen_worden(
    staf: Any, leden: dict[str, Any], bestuursproces: Bestuursproces
) -> None:
    geheim = log(actor_voor(leden["procesregisseur"]), bestuursproces, zichtbaarheid="regisseur")
    voor = laatste(bestuursproces)
    response = actie(staf(leden["kernteam"]), "uitvoeren", [geheim], wat_gedaan="X", **BEVESTIGD)
    assert response.status_code == 302
    assert laatste(bestuursproces) == voor
    geheim.refresh_from_db()
    assert geheim.status == "gepland"
