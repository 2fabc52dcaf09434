"""Bad input on every operation of the OpenAPI document: problem+json, never a 500, never HTML.

Each test sends one kind of bad input to every operation the committed document lists, so a
new endpoint is covered as soon as it is documented. The case behind the paths has an object
for every path parameter (_dossier), so the request reaches the view's own handling.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from rest_framework.test import APIClient

from cases.models import Gebeurtenis
from procesregie.api.parsers import MAX_DIEPTE

from ._dossier import Dossier, bouw_dossier
from ._openapi import Operatie, document, operaties
from .helpers import assert_probleem


@pytest.fixture
def dossier(regisseur: Any) -> Dossier:
    return bouw_dossier(regisseur)


@pytest.fixture
def client(regisseur: Any) -> APIClient:
    # The operations across cases answer 403 before they read any input for a user who is
    # no evaluator anywhere; the permission lets the regisseur reach their own handling.
    regisseur.user_permissions.add(
        Permission.objects.get(content_type__app_label="cases", codename="exporteer_alle_processen")
    )
    client = APIClient(raise_request_exception=False)
    client.force_authenticate(regisseur)
    return client


def stuur(client: Client, operatie: Operatie, pad: str, **kwargs: Any) -> Any:
    return client.generic(operatie.methode.upper(), pad, **kwargs)


def geneste_json(diepte: int) -> str:
    return "[" * (diepte - 1) + "{}" + "]" * (diepte - 1)


def keuzes(schema: dict[str, Any]) -> list[str]:
    """The enum of a parameter's schema, also behind allOf and $ref."""
    if "allOf" in schema:
        return keuzes(schema["allOf"][0])
    if "$ref" in schema:
        return keuzes(document()["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]])
    return list(schema["enum"])


def test_het_document_heeft_operaties_van_elke_soort() -> None:
    methoden = {o.methode for o in operaties()}
    assert methoden == {"get", "post", "put", "patch", "delete"}
    assert len(operaties()) > 50


def test_onbekende_queryparameter_is_400_met_zijn_naam(dossier: Dossier, client: APIClient):
    aantal = Gebeurtenis.objects.count()
    for operatie in operaties():
        pad = dossier.pad(operatie.pad)
        response = stuur(client, operatie, f"{pad}?onbekendeParameter=1&pageSize=1")
        body = assert_probleem(response, 400)
        namen = {p["name"]: p["code"] for p in body["invalidParams"]}
        assert namen.get("onbekendeParameter") == "unknown", (str(operatie), body)
        # A documented parameter is never named as unknown.
        gedocumenteerd = {
            p["name"] for p in operatie.gegevens.get("parameters", []) if p["in"] == "query"
        }
        assert namen.get("pageSize") != "unknown" or "pageSize" not in gedocumenteerd
    assert Gebeurtenis.objects.count() == aantal


def test_gedocumenteerde_queryparameters_worden_aangenomen(dossier: Dossier, client: APIClient):
    """The check takes its list from the same document: paging a list is never refused."""
    gepagineerd = 0
    for operatie in operaties("get"):
        query = [p for p in operatie.gegevens.get("parameters", []) if p["in"] == "query"]
        if "pageSize" not in {p["name"] for p in query}:
            continue
        gepagineerd += 1
        # A required parameter gets the first of its documented choices.
        verplicht = {p["name"]: keuzes(p["schema"])[0] for p in query if p.get("required")}
        response = client.get(dossier.pad(operatie.pad), {"page": 1, "pageSize": 5, **verplicht})
        assert response.status_code == 200, (str(operatie), response.content)
    assert gepagineerd > 20


@pytest.mark.parametrize("diepte", [MAX_DIEPTE + 1, 1000, 100_000])
def test_te_diep_geneste_json_is_400(dossier: Dossier, client: APIClient, diepte: int):
    aantal = Gebeurtenis.objects.count()
    for operatie in operaties("post", "put", "patch"):
        response = stuur(
            client,
            operatie,
            dossier.pad(operatie.pad),
            data=geneste_json(diepte),
            content_type="application/json",
        )
        if not operatie.neemt_json:  # an upload: JSON is not read at all
            assert_probleem(response, 415)
            continue
        body = assert_probleem(response, 400, "te_diep_genest")
        assert str(MAX_DIEPTE) in body["detail"], str(operatie)
    assert Gebeurtenis.objects.count() == aantal


def test_json_op_de_grens_wordt_gelezen(dossier: Dossier, client: APIClient):
    """As deep as allowed is parsed and then judged as any other body (not as too deep)."""
    pad = dossier.pad("/api/v1/bestuursprocessen/{uuid}/notities")
    response = client.post(pad, geneste_json(MAX_DIEPTE), content_type="application/json")
    assert assert_probleem(response, 400)["code"] != "te_diep_genest"


def test_anoniem_te_diep_op_tokens_is_400(db: None):
    response = Client().post("/api/v1/tokens", geneste_json(5000), content_type="application/json")
    assert_probleem(response, 400, "te_diep_genest")


def test_te_grote_body_is_413(dossier: Dossier, client: APIClient, settings: Any):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    aantal = Gebeurtenis.objects.count()
    body = json.dumps({"tekst": "x" * 2000})
    for operatie in operaties():
        response = stuur(
            client, operatie, dossier.pad(operatie.pad), data=body, content_type="application/json"
        )
        probleem = assert_probleem(response, 413, "te_groot")
        assert "1000 bytes" in probleem["detail"], str(operatie)
    assert Gebeurtenis.objects.count() == aantal


def test_de_gedocumenteerde_grens_is_die_van_django(db: None):
    """2.5 MiB by default; the README and the 413 in the OpenAPI document say so."""
    body = json.dumps({"gebruikersnaam": "x" * (2_621_440 + 1), "wachtwoord": "y"})
    assert_probleem(Client().post("/api/v1/tokens", body, content_type="application/json"), 413)


def test_het_document_noemt_400_en_413() -> None:
    for operatie in operaties():
        assert "400" in operatie.gegevens["responses"], str(operatie)
    for operatie in operaties("post", "put", "patch"):
        assert "413" in operatie.gegevens["responses"], str(operatie)


@pytest.mark.parametrize("methode", ["get", "post", "put", "patch", "delete"])
def test_onbekende_url_is_404_bij_elke_methode(dossier: Dossier, regisseur: Any, methode: str):
    # A logged-in browser session with CSRF checks on: no HTML CSRF page for an unknown URL.
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(regisseur)
    for operatie in operaties():
        # Two segments: one could still be the identifier of a detail URL (velden/{code}).
        pad = f"{dossier.pad(operatie.pad)}/bestaat/niet"
        assert_probleem(browser.generic(methode.upper(), pad), 404, "not_found")
    assert_probleem(browser.generic(methode.upper(), "/api/v2/iets"), 404, "not_found")


def test_csrf_fout_is_403(dossier: Dossier, regisseur: Any):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(regisseur)
    aantal = Gebeurtenis.objects.count()
    schrijvend = [o for o in operaties("post", "put", "patch", "delete") if o.met_sessie]
    assert schrijvend
    for operatie in schrijvend:
        response = stuur(
            browser, operatie, dossier.pad(operatie.pad), data="{}", content_type="application/json"
        )
        body = assert_probleem(response, 403, "csrf")
        assert "CSRF" in body["detail"], str(operatie)
    assert Gebeurtenis.objects.count() == aantal


@pytest.mark.parametrize("debug", [False, True])
def test_serverfout_is_500_problem_json(
    dossier: Dossier, client: APIClient, settings: Any, monkeypatch: Any, debug: bool
):
    """Whatever breaks inside a view, also with DEBUG on: no HTML debug page, no traceback."""

    def stuk(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("geheime details")

    settings.DEBUG = debug
    monkeypatch.setattr("rest_framework.views.APIView.initial", stuk)
    for operatie in operaties():
        response = stuur(
            client, operatie, dossier.pad(operatie.pad), data="{}", content_type="application/json"
        )
        body = assert_probleem(response, 500, "server_error")
        assert "geheime details" not in response.content.decode(), str(operatie)
        assert body["detail"]


def test_onbekende_host_is_400_problem_json(db: None, settings: Any):
    """Django's own refusal (DisallowedHost) happens before any view: still problem+json."""
    settings.DEBUG = True
    response = Client().get("/api/v1/velden", HTTP_HOST="kwaadwillend.example")
    assert_probleem(response, 400, "bad_request")
