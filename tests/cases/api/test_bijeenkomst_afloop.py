"""A bijeenkomst planned through the API (gepland: true) and its afloop: gehouden or
geannuleerd, with problem+json for what is not allowed."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from cases.models import Bestuursproces, Gebeurtenis
from tests.factories import open_proces

from .helpers import assert_probleem, fouten, proces_url


def _dag(dagen: int) -> str:
    return (timezone.localdate() + dt.timedelta(days=dagen)).isoformat()


@pytest.fixture
def proces(regisseur: Any) -> Bestuursproces:
    return open_proces(regisseur, tijdstip=timezone.now() - dt.timedelta(days=30))


def _plan(client: APIClient, proces: Bestuursproces, **velden: Any) -> Any:
    return client.post(
        proces_url(proces, "/bijeenkomsten"),
        {
            "titel": "Werksessie",
            "soort": "werksessie",
            "datum": _dag(0),
            "gepland": True,
            "deelnemers": [{"naam": "Ans"}, {"naam": "Bas"}],
            "zichtbaarheid": "proces",
            **velden,
        },
        format="json",
    )


def test_plannen_en_houden(regisseur_api: APIClient, proces: Bestuursproces) -> None:
    gepland = _plan(regisseur_api, proces)
    assert gepland.status_code == 201, gepland.content
    body = gepland.json()
    assert (body["status"], body["aanwezig"], body["uitgenodigd"]) == ("gepland", 0, 2)

    gehouden = regisseur_api.post(
        body["url"] + "/afloop",
        {
            "status": "gehouden",
            "deelnemers": [{"naam": "Ans", "aanwezig": True}, {"naam": "Bas"}],
            "verslag": "Goed gesprek",
        },
        format="json",
        HTTP_X_AUDIT_TOELICHTING="Na afloop",
    )
    assert gehouden.status_code == 201, gehouden.content
    assert gehouden["Location"] == body["url"]
    na = gehouden.json()
    assert (na["status"], na["aanwezig"], na["verslag"]) == ("gehouden", 1, "Goed gesprek")
    laatste = Gebeurtenis.objects.filter(bestuursproces=proces).last()
    assert laatste is not None
    assert (laatste.type, laatste.toelichting) == ("bijeenkomst.gehouden", "Na afloop")

    nogmaals = regisseur_api.post(body["url"] + "/afloop", {"status": "gehouden"}, format="json")
    assert assert_probleem(nogmaals, 409)["code"] == "bijeenkomst-gehouden"


def test_plannen_in_de_toekomst_en_annuleren(
    regisseur_api: APIClient, proces: Bestuursproces
) -> None:
    body = _plan(regisseur_api, proces, datum=_dag(14)).json()
    te_vroeg = regisseur_api.post(body["url"] + "/afloop", {"status": "gehouden"}, format="json")
    assert fouten(te_vroeg) == {"datum": "toekomst"}
    zonder_reden = regisseur_api.post(
        body["url"] + "/afloop", {"status": "geannuleerd"}, format="json"
    )
    assert fouten(zonder_reden) == {"reden": "required"}

    geannuleerd = regisseur_api.post(
        body["url"] + "/afloop",
        {"status": "geannuleerd", "reden": "Zaal bezet"},
        format="json",
    )
    assert geannuleerd.status_code == 201, geannuleerd.content
    na = geannuleerd.json()
    assert (na["status"], na["geannuleerdOp"], na["redenAnnulering"]) == (
        "geannuleerd",
        _dag(0),
        "Zaal bezet",
    )
    aanpassen = regisseur_api.patch(body["url"], {"titel": "Nieuw"}, format="json")
    assert assert_probleem(aanpassen, 409)["code"] == "bijeenkomst-geannuleerd"


def test_plannen_in_het_verleden_en_een_onbekende_afloop(
    regisseur_api: APIClient, proces: Bestuursproces
) -> None:
    verleden = _plan(regisseur_api, proces, datum=_dag(-1))
    assert fouten(verleden) == {"datum": "verleden"}
    met_aanwezige = _plan(regisseur_api, proces, deelnemers=[{"naam": "Ans", "aanwezig": True}])
    assert fouten(met_aanwezige) == {"deelnemers.0": "nog_niet_gehouden"}
    body = _plan(regisseur_api, proces).json()
    onbekend = regisseur_api.post(body["url"] + "/afloop", {"status": "gepland"}, format="json")
    assert set(fouten(onbekend)) == {"status"}
