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
    "/api/v1/bestuursprocessen": {"get", "post"},
    "/api/v1/bestuursprocessen/{uuid}": {"get", "patch"},
    "/api/v1/bestuursprocessen/{uuid}/idee": {"get", "put"},
    "/api/v1/bestuursprocessen/{uuid}/idee/versies": {"get"},
    "/api/v1/bestuursprocessen/{uuid}/stadiumovergangen": {"get", "post"},
    "/api/v1/bestuursprocessen/{uuid}/stadiumovergangen/{overgang}": {"get"},
    "/api/v1/bestuursprocessen/{uuid}/lidmaatschappen": {"get", "post"},
    "/api/v1/bestuursprocessen/{uuid}/lidmaatschappen/{lidmaatschap}": {"get", "patch", "delete"},
    "/api/v1/bestuursprocessen/{uuid}/gebeurtenissen": {"get"},
    "/api/v1/bestuursprocessen/{uuid}/gebeurtenissen/{volgnummer}": {"get"},
    "/api/v1/bestuursprocessen/{uuid}/momentopname": {"get"},
    "/api/v1/bestuursprocessen/{uuid}/organisaties": {"get", "post"},
    "/api/v1/bestuursprocessen/{uuid}/organisaties/{organisatie}": {"get", "patch"},
    "/api/v1/bestuursprocessen/{uuid}/spelers": {"get", "post"},
    "/api/v1/bestuursprocessen/{uuid}/spelers/{speler}": {"get", "patch"},
    "/api/v1/bestuursprocessen/{uuid}/spelers/{speler}/beoordelingen": {"get", "post"},
    "/api/v1/bestuursprocessen/{uuid}/spelers/{speler}/betrokkenheid": {"get", "post"},
    "/api/v1/bestuursprocessen/{uuid}/opdrachtgevers": {"get", "post"},
    "/api/v1/bestuursprocessen/{uuid}/opdrachtgevers/{opdrachtgever}": {"get", "patch"},
    "/api/v1/bestuursprocessen/{uuid}/opdrachtgevers/{opdrachtgever}/beoordelingen": {
        "get",
        "post",
    },
    "/api/v1/bestuursprocessen/{uuid}/opdrachtgevers/{opdrachtgever}/betrokkenheid": {
        "get",
        "post",
    },
    "/api/v1/bestuursprocessen/{uuid}/notities": {"get", "post"},
    "/api/v1/bestuursprocessen/{uuid}/krachtenveld": {"get"},
    "/api/v1/bestuursprocessen/{uuid}/krachtenveld/verschuivingen": {"get"},
    "/api/v1/bestuursprocessen/{uuid}/wyberstappen": {"get", "post"},
    "/api/v1/bestuursprocessen/{uuid}/wyberstappen/{stap}": {"get"},
    "/api/v1/bestuursprocessen/{uuid}/wyberstappen/{stap}/opties": {"get", "post"},
    "/api/v1/bestuursprocessen/{uuid}/wyberstappen/{stap}/opties/{optie}": {"get", "patch"},
    "/api/v1/bestuursprocessen/{uuid}/wyberstappen/{stap}/faseovergangen": {"post"},
    "/api/v1/bestuursprocessen/{uuid}/wyberstappen/{stap}/consolidatie": {"get", "post"},
    "/api/v1/bestuursprocessen/{uuid}/wyberstappen/{stap}/instemmingen": {"get", "post"},
    "/api/v1/bestuursprocessen/{uuid}/wyberstappen/{stap}/instemmingen/{instemming}": {
        "get",
        "patch",
    },
    "/api/v1/bestuursprocessen/{uuid}/wyberstappen/{stap}/heropeningen": {"post"},
    "/api/v1/bestuursprocessen/{uuid}/tijdlijn": {"get"},
    "/api/v1/tokens": {"post"},
    "/api/v1/bestuursprocessen/{uuid}/positioneringen": {"get", "post"},
    "/api/v1/bestuursprocessen/{uuid}/positioneringen/huidig": {"get"},
    "/api/v1/bestuursprocessen/{uuid}/positioneringen/{positionering}": {"get"},
    "/api/v1/bestuursprocessen/{uuid}/procesontwerp": {"get", "put"},
    "/api/v1/bestuursprocessen/{uuid}/procesontwerp/versies": {"get"},
    "/api/v1/bestuursprocessen/{uuid}/interventies": {"get", "post"},
    "/api/v1/bestuursprocessen/{uuid}/interventies/{interventie}": {"get", "patch"},
    "/api/v1/bestuursprocessen/{uuid}/interventies/{interventie}/reflecties": {"get", "post"},
    "/api/v1/bestuursprocessen/{uuid}/aandacht": {"get"},
    "/api/v1/bestuursprocessen/{uuid}/instrument-suggesties": {"get"},
    "/api/v1/bestuursprocessen/{uuid}/export": {"get"},
    "/api/v1/bestuursprocessen/{uuid}/exports": {"get", "post"},
    "/api/v1/bestuursprocessen/{uuid}/exports/{taak}": {"get"},
    "/api/v1/bestuursprocessen/{uuid}/exports/{taak}/bestand": {"get"},
    "/api/v1/velden": {"get"},
    "/api/v1/velden/{code}": {"get"},
    "/api/v1/instrumenten": {"get"},
    "/api/v1/instrumenten/{uuid}": {"get"},
    "/api/v1/strategieen": {"get"},
    "/api/v1/krachten": {"get"},
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
            if pad != "/api/v1/tokens":
                assert {"401", "404"} <= set(operatie["responses"]), (pad, methode)
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
    assert f"{API}/openapi.json" in html
    # Every script and stylesheet comes from this server's own static files, and is there.
    bronnen = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert bronnen
    for bron in bronnen:
        assert bron.startswith((settings.STATIC_URL, f"/{settings.STATIC_URL}"))
        bestand = api.get(bron)
        assert bestand.status_code == 200, bron
        bestand.close()


@pytest.mark.parametrize("pad", ["openapi.json/", "openapi.yaml/", "docs/", "openapi", "redoc"])
def test_onbekende_paden_zijn_404(db, api, pad):
    assert_probleem(api.get(f"{API}/{pad}"), 404, "not_found")


def test_api_root_is_404_probleem(db, api):
    assert_probleem(api.get(f"{API}/"), 404, "not_found")
