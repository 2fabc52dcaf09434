"""Shared assertions for the API tests: problem+json bodies, case bodies, URLs, invalidParams."""

from __future__ import annotations

import datetime as dt
from typing import Any

from rest_framework.test import APIClient

from cases.models import Bestuursproces, Gebeurtenis

API = "/api/v1"
LIJST = f"{API}/bestuursprocessen"
HOST = "http://testserver"
API_VERSIE = "1.8.1"
PROBLEEM = "application/problem+json"
PROBLEEM_SLEUTELS = {"type", "code", "title", "status", "detail", "instance"}

# Every URL below one case, as (name, suffix); the suffix is appended to the case's URL.
PROCES_SUFFIXEN = [
    "",
    "/idee",
    "/idee/versies",
    "/stadiumovergangen",
    "/gebeurtenissen",
    "/gebeurtenissen/1",
    "/momentopname",
    "/organisaties",
    "/spelers",
    "/opdrachtgevers",
    "/notities",
    "/krachtenveld",
    "/krachtenveld/verschuivingen",
    "/wyberstappen",
    "/tijdlijn",
    "/positioneringen",
    "/positioneringen/huidig",
    "/procesontwerp/versies",
    "/interventies",
    "/aandacht",
    "/besluiten",
    "/besluitmomenten",
    "/afspraken",
    "/bijeenkomsten",
    "/bijeenkomsten/aanwezigheid",
]

# The fields of a case in the list and in the detail, and the links below it.
LIJST_VELDEN = {
    "url",
    "uuid",
    "titel",
    "omschrijving",
    "rolGemeente",
    "procesrol",
    "aanpak",
    "stadium",
    "status",
    "uitkomst",
    "uitkomstSoort",
    "vervolgUrl",
    "opdracht",
    "archiefnominatie",
    "archiefactiedatum",
    "geopendOp",
    "mijnRol",
    "links",
}
DETAIL_VELDEN = LIJST_VELDEN | {"huidigIdee"}
OPDRACHT_VELDEN = {"kaders", "budget", "uren", "einddatum", "speelruimte", "besluitmomenten"}
LINKS = {
    "idee": "/idee",
    "ideeVersies": "/idee/versies",
    "stadiumovergangen": "/stadiumovergangen",
    "gebeurtenissen": "/gebeurtenissen",
    "momentopname": "/momentopname",
    "organisaties": "/organisaties",
    "spelers": "/spelers",
    "opdrachtgevers": "/opdrachtgevers",
    "notities": "/notities",
    "krachtenveld": "/krachtenveld",
    "wyberstappen": "/wyberstappen",
    "tijdlijn": "/tijdlijn",
    "positioneringen": "/positioneringen",
    "huidigePositionering": "/positioneringen/huidig",
    "procesontwerp": "/procesontwerp",
    "procesontwerpVersies": "/procesontwerp/versies",
    "interventies": "/interventies",
    "documenten": "/documenten",
    "aandacht": "/aandacht",
}

# The fewest fields that open a case.
MINIMAAL = {"titel": "Verkenning", "rolGemeente": "faciliterend", "aanpak": "lineair"}

# The timeline of the ``tijdlijn`` fixture. Its events:
# 1 bestuursproces.geopend, 2 lidmaatschap.toegevoegd, 3 idee.herzien (v1), all at T[0];
# 4 idee.herzien (v2) at T[1]; 5 stadium.gewijzigd → houdbaar at T[2];
# 6 idee.herzien (v3) at T[3]; 7 stadium.gewijzigd → voorstelbaar (terug) at T[4].
T = [dt.datetime(2025, 3, dag, 9, 0, tzinfo=dt.UTC) for dag in range(1, 6)]


def proces_url(bestuursproces: Bestuursproces | str, suffix: str = "") -> str:
    uuid = bestuursproces if isinstance(bestuursproces, str) else bestuursproces.uuid
    return f"{LIJST}/{uuid}{suffix}"


def absoluut(pad: str) -> str:
    return f"{HOST}{pad}"


def assert_api_versie(response: Any) -> None:
    assert response["API-Version"] == API_VERSIE


def assert_probleem(response: Any, status: int, code: str | None = None) -> dict[str, Any]:
    """The response is an RFC 9457 problem with the given status (and code); returns the body."""
    assert response.status_code == status, response.content
    assert response["Content-Type"] == PROBLEEM
    assert_api_versie(response)
    body: dict[str, Any] = response.json()
    assert set(body) >= PROBLEEM_SLEUTELS
    assert set(body) <= PROBLEEM_SLEUTELS | {"invalidParams"}
    assert body["status"] == status
    assert body["type"] == f"urn:procesregie:fout:{body['code']}"
    assert body["title"]
    assert body["detail"]
    assert body["instance"] == response.wsgi_request.path
    if code is not None:
        assert body["code"] == code
    for param in body.get("invalidParams", []):
        assert set(param) == {"name", "code", "reason"}
        assert param["reason"]
    return body


def fouten(response: Any) -> dict[str, str]:
    """A 400 problem's invalidParams as name → code (asserting each name occurs once)."""
    body = assert_probleem(response, 400)
    params = body["invalidParams"]
    namen = [param["name"] for param in params]
    assert len(namen) == len(set(namen)), params
    return {param["name"]: param["code"] for param in params}


def gebeurtenissen_van(bestuursproces: Bestuursproces) -> list[Gebeurtenis]:
    return list(Gebeurtenis.objects.filter(bestuursproces=bestuursproces).order_by("volgnummer"))


def laatste_gebeurtenis(bestuursproces: Bestuursproces) -> Gebeurtenis:
    return gebeurtenissen_van(bestuursproces)[-1]


def link_header(response: Any) -> dict[str, str]:
    """The Link header as rel → URL."""
    links = {}
    for deel in response["Link"].split(", "):
        url, rel = deel.split("; ")
        assert url.startswith("<")
        assert url.endswith(">")
        assert rel.startswith('rel="')
        links[rel[5:-1]] = url[1:-1]
    return links


def assert_proces_body(body: dict[str, Any], bestuursproces_uuid: str, *, detail: bool) -> None:
    assert set(body) == (DETAIL_VELDEN if detail else LIJST_VELDEN)
    assert body["uuid"] == bestuursproces_uuid
    assert body["url"] == absoluut(proces_url(bestuursproces_uuid))
    assert set(body["opdracht"]) == OPDRACHT_VELDEN
    assert body["links"] == {
        naam: absoluut(proces_url(bestuursproces_uuid, suffix)) for naam, suffix in LINKS.items()
    }


def client_voor(gebruiker: Any) -> APIClient:
    """An API client authenticated as ``gebruiker`` (its own client, so several can coexist)."""
    client = APIClient()
    client.force_authenticate(gebruiker)
    return client


def verzoek(
    client: APIClient, methode: str, url: str, payload: dict[str, Any] | None = None
) -> Any:
    """``client.<methode>(url)``, with ``payload`` as JSON when there is one."""
    if payload is None:
        return getattr(client, methode)(url)
    return getattr(client, methode)(url, payload, format="json")


def post(client: APIClient, pad: str, gegevens: dict[str, Any], status: int = 201) -> Any:
    """POST JSON, assert the status, return the body."""
    antwoord = client.post(pad, gegevens, format="json")
    assert antwoord.status_code == status, antwoord.content
    return antwoord.json()
