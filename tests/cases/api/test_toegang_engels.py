"""The refusals around the services speak the client's language too: an unknown field, a case
or party that is not there (or not the member's), a member without the right to write, a
wrong login and a period the wrong way round. Each in English on request, Dutch by default."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

import pytest
from rest_framework.test import APIClient

from cases.models import Bestuursproces
from tests.factories import open_proces, voeg_leden_toe

from .helpers import LIJST, assert_probleem, proces_url

# Builds the request from the case and its members: (client's user, method, URL, body).
Verzoek = Callable[[Bestuursproces, dict[str, Any]], tuple[Any, str, str, dict[str, Any]]]


def _onbekend_veld(proces: Bestuursproces, leden: dict[str, Any]) -> Any:
    body = {"tekst": "Notitie", "zichtbaarheid": "proces", "kleur": "rood"}
    return leden["procesregisseur"], "post", proces_url(proces, "/notities"), body


def _onbekend_proces(proces: Bestuursproces, leden: dict[str, Any]) -> Any:
    return leden["procesregisseur"], "get", proces_url(str(uuid.uuid4())), {}


def _onbekende_speler(proces: Bestuursproces, leden: dict[str, Any]) -> Any:
    return leden["procesregisseur"], "get", proces_url(proces, f"/spelers/{uuid.uuid4()}"), {}


def _zonder_schrijfrecht(proces: Bestuursproces, leden: dict[str, Any]) -> Any:
    body = {"tekst": "Notitie", "zichtbaarheid": "proces"}
    return leden["opdrachtgever"], "post", proces_url(proces, "/notities"), body


def _leden_beheren(proces: Bestuursproces, leden: dict[str, Any]) -> Any:
    body = {"gebruiker": "iemand", "rol": "kernteam"}
    return leden["kernteam"], "post", proces_url(proces, "/lidmaatschappen"), body


def _onbekend_lid(proces: Bestuursproces, leden: dict[str, Any]) -> Any:
    body = {"gebruiker": "niemand-hier", "rol": "kernteam"}
    return leden["procesregisseur"], "post", proces_url(proces, "/lidmaatschappen"), body


def _van_na_tot(proces: Bestuursproces, leden: dict[str, Any]) -> Any:
    pad = proces_url(proces, "/tijdlijn?van=2025-02-01T00:00:00Z&tot=2025-01-01T00:00:00Z")
    return leden["procesregisseur"], "get", pad, {}


# name: (request, status, where the sentence is, English, Dutch)
GEVALLEN: dict[str, tuple[Verzoek, int, str, str, str]] = {
    "onbekend veld": (_onbekend_veld, 400, "kleur", "Unknown field.", "Onbekend veld."),
    "onbekend proces": (
        _onbekend_proces,
        404,
        "detail",
        "Governance process not found.",
        "Bestuursproces niet gevonden.",
    ),
    "onbekende speler": (
        _onbekende_speler,
        404,
        "detail",
        "This stakeholder does not exist in this governance process.",
        "Deze speler bestaat niet in dit bestuursproces.",
    ),
    "zonder schrijfrecht": (
        _zonder_schrijfrecht,
        403,
        "detail",
        "Only the process director and the core team can change this case file.",
        "Alleen de procesregisseur en het kernteam kunnen dit dossier wijzigen.",
    ),
    "leden beheren": (
        _leden_beheren,
        403,
        "detail",
        "Only the process director manages the members of this governance process.",
        "Alleen de procesregisseur beheert de leden van dit bestuursproces.",
    ),
    "onbekend lid": (
        _onbekend_lid,
        400,
        "gebruiker",
        "There is no active user with this name.",
        "Er is geen actieve gebruiker met deze naam.",
    ),
    "van na tot": (_van_na_tot, 400, "van", "van lies after tot.", "van ligt na tot."),
}


def _zin(body: dict[str, Any], plek: str) -> str:
    if plek == "detail":
        return str(body["detail"])
    (reden,) = [p["reason"] for p in body.get("invalidParams", []) if p["name"] == plek]
    return str(reden)


@pytest.mark.parametrize("geval", sorted(GEVALLEN))
@pytest.mark.parametrize("taal", ["en", "nl"])
def test_weigering_in_de_taal_van_de_client(geval: str, taal: str, regisseur: Any) -> None:
    verzoek, status, plek, engels, nederlands = GEVALLEN[geval]
    proces = open_proces(regisseur)
    gebruiker, methode, pad, body = verzoek(proces, voeg_leden_toe(proces, regisseur))
    client = APIClient()
    client.force_authenticate(gebruiker)
    if methode == "get":
        antwoord = client.get(pad, HTTP_ACCEPT_LANGUAGE=taal)
    else:
        antwoord = getattr(client, methode)(pad, body, format="json", HTTP_ACCEPT_LANGUAGE=taal)
    body_ = assert_probleem(antwoord, status)
    assert _zin(body_, plek) == (engels if taal == "en" else nederlands)


@pytest.mark.parametrize(
    ("taal", "zin"),
    [
        ("en", "Username or password is incorrect."),
        ("nl", "Gebruikersnaam of wachtwoord klopt niet."),
    ],
)
def test_verkeerde_inlog_in_de_taal_van_de_client(taal: str, zin: str, regisseur: Any) -> None:
    antwoord = APIClient().post(
        f"{LIJST.removesuffix('/bestuursprocessen')}/tokens",
        {"gebruikersnaam": regisseur.username, "wachtwoord": "fout"},
        format="json",
        HTTP_ACCEPT_LANGUAGE=taal,
    )
    body = assert_probleem(antwoord, 400)
    assert _zin(body, "wachtwoord") == zin
