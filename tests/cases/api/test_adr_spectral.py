"""The ADR 2.1 ruleset (adr.spectral.yml) passes the committed document and catches each
rule's breach; and the OpenAPI hook derives each status from what an operation is.

Spectral runs once over the committed document and one broken copy per rule. Without Node
and `make assets` the Spectral part is skipped locally and fails under CI=true, as the
browser tests do.
"""

from __future__ import annotations

import copy
import json
import os
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from django.conf import settings
from rest_framework.permissions import IsAuthenticated

from procesregie.api.schema import mogelijke_fouten
from procesregie.api.tokens import HuidigTokenView, TokenView

BASIS = Path(settings.BASE_DIR)
SPECTRAL = BASIS / "node_modules" / ".bin" / "spectral"
REGELS = BASIS / "adr.spectral.yml"
LIJST = "/bestuursprocessen"
# Files and Node only, no database: make test runs this module in the SQLite run alone.
pytestmark = pytest.mark.databaseonafhankelijk
DETAIL = "/bestuursprocessen/{uuid}"


def _zonder(pad: list[str]) -> Callable[[dict[str, Any]], None]:
    def breuk(document: dict[str, Any]) -> None:
        plek = document
        for stap in pad[:-1]:
            plek = plek[stap]
        del plek[pad[-1]]

    return breuk


def _zet(pad: list[str], waarde: Any) -> Callable[[dict[str, Any]], None]:
    def breuk(document: dict[str, Any]) -> None:
        plek = document
        for stap in pad[:-1]:
            plek = plek[stap]
        plek[pad[-1]] = waarde

    return breuk


def _hernoem_pad(oud: str, nieuw: str) -> Callable[[dict[str, Any]], None]:
    def breuk(document: dict[str, Any]) -> None:
        document["paths"][nieuw] = document["paths"].pop(oud)

    return breuk


def _query_parameter(naam: str) -> Callable[[dict[str, Any]], None]:
    def breuk(document: dict[str, Any]) -> None:
        parameter = {"name": naam, "in": "query", "schema": {"type": "string"}}
        document["paths"][LIJST]["get"]["parameters"].append(parameter)

    return breuk


def _eigenschap(naam: str, schema: dict[str, Any]) -> Callable[[dict[str, Any]], None]:
    def breuk(document: dict[str, Any]) -> None:
        document["components"]["schemas"]["Bestuursproces"]["properties"][naam] = schema

    return breuk


# rule → how to break it
BREUKEN: dict[str, Callable[[dict[str, Any]], None]] = {
    "oas3-api-servers": _zet(["servers"], []),
    "adr-uri-version": _zet(["servers"], [{"url": "/api"}]),
    "adr-uri-version-not-in-paths": _hernoem_pad(LIJST, "/v1/bestuursprocessen"),
    "adr-doc-openapi-contact": _zonder(["info", "contact", "email"]),
    "adr-doc-openapi": _zet(["openapi"], "2.0"),
    "adr-semver": _zet(["info", "version"], "1.4"),
    "adr-version-header": _zonder(
        ["paths", LIJST, "get", "responses", "200", "headers", "API-Version"]
    ),
    "adr-no-trailing-slash": _hernoem_pad(LIJST, LIJST + "/"),
    "adr-path-segments-kebab-case": _hernoem_pad(LIJST, "/bestuurs_processen"),
    "adr-query-keys-camel-case": _query_parameter("page_size"),
    "adr-http-methods": _zet(
        ["paths", LIJST, "head"], {"responses": {"200": {"description": "x"}}}
    ),
    "adr-problem-details-media-type": _zet(
        ["paths", DETAIL, "get", "responses", "404", "content"],
        {"application/json": {"schema": {"type": "object"}}},
    ),
    "adr-problem-details-members": _zonder(
        ["components", "schemas", "Fout", "properties", "detail"]
    ),
    "adr-invalid-input-with-body": _zonder(["paths", LIJST, "post", "responses", "400"]),
    "adr-invalid-input-with-parameters": _zonder(["paths", DETAIL, "get", "responses", "400"]),
    "adr-date-time-timezone": _eigenschap(
        "gestart", {"type": "string", "format": "date-time-local"}
    ),
    "adr-date-omit-time-portion": _eigenschap("besluitDatum", {"type": "string"}),
    "procesregie-link-header-on-lists": _zonder(
        ["paths", LIJST, "get", "responses", "200", "headers", "Link"]
    ),
    "procesregie-401-when-secured": _zonder(["paths", DETAIL, "get", "responses", "401"]),
}


@pytest.fixture(scope="module")
def document() -> dict[str, Any]:
    geladen: dict[str, Any] = yaml.safe_load((BASIS / "openapi.yaml").read_text(encoding="utf-8"))
    return geladen


@pytest.fixture(scope="module")
def bevindingen(
    document: dict[str, Any], tmp_path_factory: pytest.TempPathFactory
) -> dict[str, set[str]]:
    """file name → the rules Spectral reports on it (all files in one Spectral run)."""
    if not SPECTRAL.exists():
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail(f"Spectral ontbreekt ({SPECTRAL}; make assets)", pytrace=False)
        pytest.skip(f"Spectral ontbreekt ({SPECTRAL}; make assets)")
    map_ = tmp_path_factory.mktemp("adr")
    bestanden = [map_ / "heel.json"]
    bestanden[0].write_text(json.dumps(document), encoding="utf-8")
    for regel, breek in BREUKEN.items():
        kapot = copy.deepcopy(document)
        breek(kapot)
        bestand = map_ / f"{regel}.json"
        bestand.write_text(json.dumps(kapot), encoding="utf-8")
        bestanden.append(bestand)
    uitkomst = subprocess.run(
        [str(SPECTRAL), "lint", "--ruleset", str(REGELS), "--format", "json", "--quiet"]
        + [str(b) for b in bestanden],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    resultaten = json.loads(uitkomst.stdout or "[]")
    gevonden: dict[str, set[str]] = {b.name: set() for b in bestanden}
    for resultaat in resultaten:
        gevonden.setdefault(Path(resultaat["source"]).name, set()).add(resultaat["code"])
    return gevonden


def test_het_gecommitte_document_is_adr_schoon(bevindingen: dict[str, set[str]]) -> None:
    assert bevindingen["heel.json"] == set()


@pytest.mark.parametrize("regel", BREUKEN)
def test_elke_regel_vangt_zijn_breuk(bevindingen: dict[str, set[str]], regel: str) -> None:
    assert regel in bevindingen[f"{regel}.json"], bevindingen[f"{regel}.json"]


def test_de_hook_leidt_statussen_af_van_de_operatie() -> None:
    class Beveiligd:
        authentication_classes = [object]
        permission_classes = [IsAuthenticated]
        throttle_classes: list[type] = []

    lezen = {"parameters": [{"name": "uuid", "in": "path"}]}
    voorwaardelijk = {
        "parameters": [{"name": "uuid", "in": "path"}, {"name": "If-Match", "in": "header"}],
        "requestBody": {},
    }

    assert mogelijke_fouten("/x/{uuid}", "get", lezen, Beveiligd) == {"400", "401", "404"}
    assert mogelijke_fouten("/x/{uuid}", "patch", voorwaardelijk, Beveiligd) == {
        "400",
        "401",
        "403",
        "404",
        "409",
        "412",
    }
    assert mogelijke_fouten("/x", "get", {}, Beveiligd) == {"401"}
    # The login door: anonymous, and limited.
    assert mogelijke_fouten("/tokens", "post", {"requestBody": {}}, TokenView) == {"400", "429"}
    assert mogelijke_fouten("/tokens/huidig", "delete", {}, HuidigTokenView) == {"401"}


def test_lijsten_documenteren_link_en_de_inlogdeur_429(document: dict[str, Any]) -> None:
    assert "Link" in document["paths"][LIJST]["get"]["responses"]["200"]["headers"]
    blokkade = document["paths"]["/tokens"]["post"]["responses"]["429"]
    assert "Retry-After" in blokkade["headers"]
    assert "401" not in document["paths"]["/tokens"]["post"]["responses"]
