"""The OpenAPI document: committed and current, served without login, docs without a CDN."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from django.conf import settings
from django.core.management import call_command
from django.utils import translation

from .helpers import API, API_VERSIE, assert_api_versie, assert_probleem

GECOMMIT = Path(settings.BASE_DIR) / "openapi.yaml"
PADEN = {
    "/bestuursprocessen": {"get", "post"},
    "/bestuursprocessen/{uuid}": {"get", "patch"},
    "/bestuursprocessen/{uuid}/idee": {"get", "put"},
    "/bestuursprocessen/{uuid}/idee/versies": {"get"},
    "/bestuursprocessen/{uuid}/stadiumovergangen": {"get", "post"},
    "/bestuursprocessen/{uuid}/stadiumovergangen/{overgang}": {"get"},
    "/bestuursprocessen/{uuid}/lidmaatschappen": {"get", "post"},
    "/bestuursprocessen/{uuid}/lidmaatschappen/{lidmaatschap}": {"get", "patch", "delete"},
    "/bestuursprocessen/{uuid}/gebeurtenissen": {"get"},
    "/bestuursprocessen/{uuid}/gebeurtenissen/{volgnummer}": {"get"},
    "/bestuursprocessen/{uuid}/gebeurtenissen/{volgnummer}/datumcorrecties": {"post"},
    "/bestuursprocessen/{uuid}/momentopname": {"get"},
    "/bestuursprocessen/{uuid}/organisaties": {"get", "post"},
    "/bestuursprocessen/{uuid}/organisaties/{organisatie}": {"get", "patch"},
    "/bestuursprocessen/{uuid}/spelers": {"get", "post"},
    "/bestuursprocessen/{uuid}/spelers/{speler}": {"get", "patch"},
    "/bestuursprocessen/{uuid}/spelers/{speler}/beoordelingen": {"get", "post"},
    "/bestuursprocessen/{uuid}/spelers/{speler}/betrokkenheid": {"get", "post"},
    "/bestuursprocessen/{uuid}/opdrachtgevers": {"get", "post"},
    "/bestuursprocessen/{uuid}/opdrachtgevers/{opdrachtgever}": {"get", "patch"},
    "/bestuursprocessen/{uuid}/opdrachtgevers/{opdrachtgever}/beoordelingen": {
        "get",
        "post",
    },
    "/bestuursprocessen/{uuid}/opdrachtgevers/{opdrachtgever}/betrokkenheid": {
        "get",
        "post",
    },
    "/bestuursprocessen/{uuid}/notities": {"get", "post"},
    "/bestuursprocessen/{uuid}/vrijgaven": {"post"},
    "/bestuursprocessen/{uuid}/afscherming": {"get"},
    "/bestuursprocessen/{uuid}/krachtenveld": {"get"},
    "/bestuursprocessen/{uuid}/krachtenveld/verschuivingen": {"get"},
    "/bestuursprocessen/{uuid}/wyberstappen": {"get", "post"},
    "/bestuursprocessen/{uuid}/wyberstappen/{stap}": {"get"},
    "/bestuursprocessen/{uuid}/wyberstappen/{stap}/opties": {"get", "post"},
    "/bestuursprocessen/{uuid}/wyberstappen/{stap}/opties/{optie}": {"get", "patch"},
    "/bestuursprocessen/{uuid}/wyberstappen/{stap}/faseovergangen": {"post"},
    "/bestuursprocessen/{uuid}/wyberstappen/{stap}/consolidatie": {"get", "post"},
    "/bestuursprocessen/{uuid}/wyberstappen/{stap}/instemmingen": {"get", "post"},
    "/bestuursprocessen/{uuid}/wyberstappen/{stap}/instemmingen/{instemming}": {
        "get",
        "patch",
    },
    "/bestuursprocessen/{uuid}/wyberstappen/{stap}/heropeningen": {"post"},
    "/bestuursprocessen/{uuid}/tijdlijn": {"get"},
    "/tokens": {"post"},
    "/tokens/huidig": {"delete"},
    "/bestuursprocessen/{uuid}/positioneringen": {"get", "post"},
    "/bestuursprocessen/{uuid}/positioneringen/huidig": {"get"},
    "/bestuursprocessen/{uuid}/positioneringen/huidig/per-regisseur": {"get"},
    "/bestuursprocessen/{uuid}/positioneringen/{positionering}": {"get"},
    "/bestuursprocessen/{uuid}/procesontwerp": {"get", "put"},
    "/bestuursprocessen/{uuid}/procesontwerp/versies": {"get"},
    "/bestuursprocessen/{uuid}/interventies": {"get", "post"},
    "/bestuursprocessen/{uuid}/interventies/{interventie}": {"get", "patch"},
    "/bestuursprocessen/{uuid}/interventies/{interventie}/reflecties": {"get", "post"},
    "/bestuursprocessen/{uuid}/aandacht": {"get"},
    "/bestuursprocessen/{uuid}/instrument-suggesties": {"get"},
    "/bestuursprocessen/{uuid}/afspraken": {"get", "post"},
    "/bestuursprocessen/{uuid}/afspraken/{afspraak}": {"get", "patch"},
    "/bestuursprocessen/{uuid}/bijeenkomsten": {"get", "post"},
    "/bestuursprocessen/{uuid}/bijeenkomsten/aanwezigheid": {"get"},
    "/bestuursprocessen/{uuid}/bijeenkomsten/{bijeenkomst}": {"get", "patch"},
    "/bestuursprocessen/{uuid}/bijeenkomsten/{bijeenkomst}/afloop": {"post"},
    "/bestuursprocessen/{uuid}/besluiten": {"get", "post"},
    "/bestuursprocessen/{uuid}/besluiten/{besluit}": {"get"},
    "/bestuursprocessen/{uuid}/besluitmomenten": {"get"},
    "/bestuursprocessen/{uuid}/export": {"get"},
    "/velden": {"get"},
    "/velden/{code}": {"get"},
    "/instrumenten": {"get"},
    "/instrumenten/{uuid}": {"get"},
    "/strategieen": {"get"},
    "/krachten": {"get"},
    "/bestuursprocessen/{uuid}/exports": {"get", "post"},
    "/bestuursprocessen/{uuid}/exports/{taak}": {"get"},
    "/bestuursprocessen/{uuid}/exports/{taak}/bestand": {"get"},
    "/export": {"get"},
    "/exports": {"get", "post"},
    "/exports/{taak}": {"get"},
    "/exports/{taak}/bestand": {"get"},
    "/bestuursprocessen/{uuid}/documenten": {"get", "post"},
    "/bestuursprocessen/{uuid}/documenten/{document}": {"get"},
    "/bestuursprocessen/{uuid}/documenten/{document}/versies": {"post"},
    "/bestuursprocessen/{uuid}/documenten/{document}/versies/{nummer}": {"get"},
    "/bestuursprocessen/{uuid}/documenten/{document}/versies/{nummer}/inhoud": {"get"},
}
CDN = ["cdn.jsdelivr", "unpkg", "cdnjs", "googleapis", "//cdn."]


@pytest.fixture(scope="module")
def gecommit() -> dict[str, Any]:
    assert GECOMMIT.exists(), "openapi.yaml ontbreekt: draai 'make openapi' en commit het."
    document: dict[str, Any] = yaml.safe_load(GECOMMIT.read_text(encoding="utf-8"))
    return document


@pytest.fixture(scope="module")
def gegenereerd(tmp_path_factory: pytest.TempPathFactory) -> str:
    """What ``make openapi`` writes, generated now (failing on any warning, as make does)."""
    bestand = tmp_path_factory.mktemp("openapi") / "openapi.yaml"
    # make openapi runs in a fresh process, in LANGUAGE_CODE; an earlier test's request may
    # have left another language active in this thread (LocaleMiddleware does not reset it).
    with translation.override(settings.LANGUAGE_CODE):
        call_command("spectacular", "--file", str(bestand), "--validate", "--fail-on-warn")
    return bestand.read_text(encoding="utf-8")


def test_gecommitte_document_is_actueel(gecommit, gegenereerd):
    assert yaml.safe_load(gegenereerd) == gecommit, (
        "openapi.yaml is verouderd: draai 'make openapi' en commit het."
    )
    # make openapi-check compares bytes; so does this test.
    assert gegenereerd == GECOMMIT.read_text(encoding="utf-8")


def test_document_beschrijft_alle_eindpunten(gecommit):
    assert gecommit["openapi"].startswith("3.")
    # ADR /core/uri-version: the major version is in the server URL, paths are relative to it.
    assert gecommit["servers"] == [{"url": API, "description": "Deze server, API-versie 1"}]
    assert set(gecommit["info"]["contact"]) == {"name", "url", "email"}
    assert gecommit["info"]["version"] == API_VERSIE
    methoden = {
        pad: {m for m in operaties if m in {"get", "post", "put", "patch", "delete"}}
        for pad, operaties in gecommit["paths"].items()
    }
    assert methoden == PADEN
    assert not [pad for pad in gecommit["paths"] if pad.endswith("/")]


def test_elke_operatie_heeft_dutch_summary_en_foutschema(gecommit):
    for pad, operaties in gecommit["paths"].items():
        for methode, operatie in operaties.items():
            assert operatie.get("summary") or operatie.get("description"), (pad, methode)
            for code, antwoord in operatie["responses"].items():
                assert "API-Version" in antwoord.get("headers", {}), (pad, methode, code)
                if code.startswith("4"):
                    schema = antwoord["content"]["application/problem+json"]["schema"]
                    assert schema == {"$ref": "#/components/schemas/Fout"}, (pad, methode, code)
            if pad != "/tokens":
                assert "401" in operatie["responses"], (pad, methode)
            if "{" in pad:
                assert "404" in operatie["responses"], (pad, methode)
            if methode in {"post", "put", "patch"}:
                assert "400" in operatie["responses"], (pad, methode)
    fout = gecommit["components"]["schemas"]["Fout"]
    assert set(fout["required"]) == {"type", "code", "title", "status", "detail", "instance"}


def test_eigenschappen_zijn_camelcase(gecommit):
    snake = re.compile(r"[a-z]+_[a-z_]+")
    for naam, schema in gecommit["components"]["schemas"].items():
        for eigenschap in schema.get("properties", {}):
            assert not snake.fullmatch(eigenschap), (naam, eigenschap)
    for operaties in gecommit["paths"].values():
        for operatie in operaties.values():
            for parameter in operatie.get("parameters", []):
                assert not snake.fullmatch(parameter["name"]), parameter["name"]


def test_json_wordt_anoniem_geserveerd(db, api, gecommit):
    response = api.get(f"{API}/openapi.json")

    assert response.status_code == 200
    assert_api_versie(response)
    assert response["Content-Type"].startswith("application/vnd.oai.openapi+json")
    assert json.loads(response.content) == gecommit


def test_yaml_wordt_anoniem_geserveerd(db, api, gecommit):
    response = api.get(f"{API}/openapi.yaml")

    assert response.status_code == 200
    assert_api_versie(response)
    assert response["Content-Type"].startswith("application/vnd.oai.openapi")
    assert yaml.safe_load(response.content) == gecommit


def test_docs_zonder_cdn(db, api):
    response = api.get(f"{API}/docs")

    assert response.status_code == 200
    assert_api_versie(response)
    assert response["Content-Type"].startswith("text/html")
    html = response.content.decode()
    for cdn in CDN:
        assert cdn not in html
    assert f"{API}/openapi.json" in api.get(f"{API}/docs?script=").content.decode()
    # Every script and stylesheet comes from this server's own static files, and is there;
    # the start-up script from the docs URL itself (no inline script under the CSP).
    bronnen = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert bronnen
    for bron in bronnen:
        assert bron.startswith((settings.STATIC_URL, f"/{settings.STATIC_URL}", f"{API}/docs?"))
        bestand = api.get(bron)
        assert bestand.status_code == 200, bron
        bestand.close()


@pytest.mark.parametrize("pad", ["openapi.json/", "openapi.yaml/", "docs/", "openapi", "redoc"])
def test_onbekende_paden_zijn_404(db, api, pad):
    assert_probleem(api.get(f"{API}/{pad}"), 404, "not_found")


def test_api_root_is_404_probleem(db, api):
    assert_probleem(api.get(f"{API}/"), 404, "not_found")
