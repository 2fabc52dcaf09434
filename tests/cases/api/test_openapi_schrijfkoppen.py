"""Every write is documented, and built, to be safe to retry and to race: Idempotency-Key on
each POST, If-Match on each PUT and PATCH, ETag on each JSON answer, 503 on each write."""

from __future__ import annotations

import re
from typing import Any

import pytest
import yaml
from django.urls import resolve

from cases.api.views.basis import VoorwaardelijkSchrijvenMixin
from idempotentie.api import IdempotentePostMixin

from .test_openapi import GECOMMIT

TOKENS = "/tokens"


@pytest.fixture(scope="module")
def operaties() -> list[tuple[str, str, dict[str, Any]]]:
    document = yaml.safe_load(GECOMMIT.read_text(encoding="utf-8"))
    return [
        (pad, methode, operatie)
        for pad, methoden in document["paths"].items()
        for methode, operatie in methoden.items()
        if methode in {"get", "post", "put", "patch", "delete"}
    ]


def _view(pad: str) -> Any:
    # The document's paths are relative to its server, /api/v1.
    pad = pad.replace("{volgnummer}", "1")
    voorbeeld = "/api/v1" + re.sub(r"\{[^}]+\}", "00000000-0000-0000-0000-000000000000", pad)
    return resolve(voorbeeld).func.view_class  # type: ignore[attr-defined]


def _parameters(operatie: dict[str, Any]) -> list[str]:
    return [p["name"] for p in operatie.get("parameters", []) if p["in"] == "header"]


def test_elke_post_neemt_een_idempotency_key(operaties: list[Any]) -> None:
    posts = [(pad, operatie) for pad, methode, operatie in operaties if methode == "post"]
    assert len(posts) > 20
    for pad, operatie in posts:
        if pad.startswith(TOKENS):
            assert "Idempotency-Key" not in _parameters(operatie)
            continue
        assert "Idempotency-Key" in _parameters(operatie), pad
        assert "422" in operatie["responses"], pad
        assert issubclass(_view(pad), IdempotentePostMixin), pad


def test_elke_put_patch_en_delete_neemt_if_match(operaties: list[Any]) -> None:
    schrijvend = [
        (pad, op)
        for pad, methode, op in operaties
        if methode in {"put", "patch", "delete"} and not pad.startswith(TOKENS)
    ]
    assert len(schrijvend) == 13
    for pad, operatie in schrijvend:
        assert "If-Match" in _parameters(operatie), pad
        assert "412" in operatie["responses"], pad
        view = _view(pad)
        # The current ETag is what a GET of the same URL gives.
        assert issubclass(view, VoorwaardelijkSchrijvenMixin), pad
        assert hasattr(view, "get"), pad
        for code in ("200", "201"):
            if code in operatie["responses"]:
                assert "ETag" in operatie["responses"][code]["headers"], (pad, code)


def test_elke_json_get_heeft_een_etag(operaties: list[Any]) -> None:
    for pad, methode, operatie in operaties:
        if methode != "get":
            continue
        antwoord = operatie["responses"]["200"]
        if "application/json" in antwoord.get("content", {}):
            assert "ETag" in antwoord["headers"], pad
        else:
            assert "ETag" not in antwoord["headers"], pad


def test_elke_schrijfactie_kan_503_zijn(operaties: list[Any]) -> None:
    for pad, methode, operatie in operaties:
        if methode == "get":
            continue
        antwoord = operatie["responses"]["503"]
        assert set(antwoord["headers"]) == {"Retry-After", "API-Version"}, (pad, methode)
        assert antwoord["content"]["application/problem+json"]["schema"] == {
            "$ref": "#/components/schemas/Fout"
        }
