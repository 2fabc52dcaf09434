"""Security headers on every page, and the published OpenAPI document readable from any
origin (ADR /core/publish-openapi)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client, override_settings

HTML_PAGINAS = ["/inloggen/", "/admin/login/", "/api/v1/docs"]


def _csp(response: Any) -> dict[str, str]:
    return {
        deel.split(" ", 1)[0]: deel.split(" ", 1)[1] if " " in deel else ""
        for deel in (d.strip() for d in response["Content-Security-Policy"].split(";"))
        if deel
    }


@pytest.mark.parametrize("pad", HTML_PAGINAS)
def test_html_paginas_hebben_een_strikte_csp(db: None, client: Client, pad: str) -> None:
    response = client.get(pad)

    assert response.status_code == 200
    csp = _csp(response)
    assert csp["default-src"] == "'self'"
    assert csp["script-src"] == "'self'"  # no inline script anywhere, Swagger UI included
    assert csp["object-src"] == "'none'"
    assert csp["frame-ancestors"] == "'none'"
    assert csp["base-uri"] == "'none'"


def test_alleen_de_swagger_ui_mag_een_inline_stylesheet(db: None, client: Client) -> None:
    assert "'unsafe-inline'" in _csp(client.get("/api/v1/docs"))["style-src"]
    assert _csp(client.get("/inloggen/"))["style-src"] == "'self'"


def test_het_script_van_de_swagger_ui_komt_van_eigen_adres(db: None, client: Client) -> None:
    pagina = client.get("/api/v1/docs").content.decode()
    script = client.get("/api/v1/docs?script=")

    assert "<script>" not in pagina
    assert script.status_code == 200
    assert "SwaggerUIBundle" in script.content.decode()


@pytest.mark.parametrize("pad", ["/inloggen/", "/api/v1/bestuursprocessen"])
def test_permissions_policy(db: None, client: Client, pad: str) -> None:
    beleid = client.get(pad)["Permissions-Policy"]

    for functie in ("camera=()", "geolocation=()", "microphone=()"):
        assert functie in beleid


def test_hsts_op_https(db: None, client: Client) -> None:
    response = client.get("/inloggen/", secure=True)

    assert response["Strict-Transport-Security"] == ("max-age=31536000; includeSubDomains; preload")


@override_settings(SECURE_SSL_REDIRECT=True)
def test_http_gaat_naar_https(db: None, client: Client) -> None:
    response = client.get("/inloggen/")

    assert response.status_code == 301
    assert response["Location"] == "https://testserver/inloggen/"


@pytest.mark.parametrize("bestand", ["openapi.json", "openapi.yaml"])
def test_openapi_voor_iedere_oorsprong(db: None, client: Client, bestand: str) -> None:
    response = client.get(f"/api/v1/{bestand}", HTTP_ORIGIN="https://developer.overheid.nl")

    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"


@pytest.mark.parametrize("bestand", ["openapi.json", "openapi.yaml"])
def test_openapi_preflight(db: None, client: Client, bestand: str) -> None:
    response = client.options(
        f"/api/v1/{bestand}",
        HTTP_ORIGIN="https://developer.overheid.nl",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="accept",
    )

    assert response.status_code == 204
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"
    assert response["Access-Control-Allow-Headers"] == "accept"


def test_de_rest_van_de_api_geeft_geen_cors(db: None, client: Client) -> None:
    response = client.get("/api/v1/bestuursprocessen", HTTP_ORIGIN="https://elders.example")

    assert "Access-Control-Allow-Origin" not in response
