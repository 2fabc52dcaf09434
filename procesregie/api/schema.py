"""OpenAPI post-processing: the problem+json schema on every error response."""

from __future__ import annotations

import copy
from typing import Any

PROBLEM_SCHEMA = {
    "type": "object",
    "description": "Foutmelding volgens RFC 9457 (application/problem+json).",
    "properties": {
        "type": {"type": "string", "format": "uri"},
        "code": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "instance": {"type": "string"},
        "invalidParams": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "name": {"type": "string"},
                    "code": {"type": "string"},
                    "reason": {"type": "string"},
                },
                "required": ["name", "code", "reason"],
            },
        },
    },
    "required": ["type", "code", "title", "status", "detail", "instance"],
}

FOUTEN = {
    "400": "Ongeldige invoer; elk veldfout staat in invalidParams.",
    "401": "Niet geauthenticeerd.",
    "403": "Geen toestemming voor deze handeling.",
    "404": "Niet gevonden, of geen lid van dit bestuursproces.",
    "409": "Conflict met de huidige toestand van het bestuursproces.",
}

VERSIE_HEADER = {
    "API-Version": {
        "description": "De volledige versie van de API die antwoordde.",
        "schema": {"type": "string", "example": "1.2.0"},
    }
}


def voeg_problemen_en_versie_toe(result: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas["Fout"] = PROBLEM_SCHEMA
    for naam, schema in schemas.items():
        # Input is strict: unknown properties are refused (StriktMixin), so say so.
        if naam.endswith("Request") and schema.get("type") == "object":
            schema["additionalProperties"] = False
    ref = {"$ref": "#/components/schemas/Fout"}
    for pad, methoden in result.get("paths", {}).items():
        for methode, operatie in methoden.items():
            if not isinstance(operatie, dict) or "responses" not in operatie:
                continue
            antwoorden = operatie["responses"]
            for antwoord in antwoorden.values():
                antwoord.setdefault("headers", {}).update(VERSIE_HEADER)
            codes = ["401", "404"] if pad != "/api/v1/tokens" else []
            if any(p.get("in") == "query" for p in operatie.get("parameters", [])):
                codes.append("400")
            if methode in {"post", "put", "patch"}:
                codes += ["400", "403", "409"] if pad != "/api/v1/tokens" else ["400"]
            elif methode == "delete":
                codes += ["403", "409"]
            for code in codes:
                antwoorden.setdefault(
                    code,
                    {
                        "description": FOUTEN[code],
                        "headers": dict(VERSIE_HEADER),
                        "content": {"application/problem+json": {"schema": ref}},
                    },
                )
    return result


def patch_zonder_standaardwaarden(result: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    """A PATCH changes only what is sent, so its request schema promises no defaults.

    drf-spectacular documents a serializer field's ``default`` also in the Patched*Request
    schema; a generated client then fills every absent property with it and sends it, and a
    PATCH of one field wipes the others (the server itself skips defaults on a partial
    update). Nested objects (an opdracht) are replaced whole and keep theirs.
    """
    schemas = result.get("components", {}).get("schemas", {})
    for operatie in _operaties(result, {"patch"}):
        for inhoud in operatie.get("requestBody", {}).get("content", {}).values():
            ref = inhoud.get("schema", {}).get("$ref", "")
            schema = schemas.get(ref.rsplit("/", 1)[-1]) if ref else inhoud.get("schema")
            for eigenschap in (schema or {}).get("properties", {}).values():
                eigenschap.pop("default", None)
    return result


TE_GROOT = {
    "description": "De body is groter dan de grens van de API (standaard 2,5 MiB).",
    "headers": dict(VERSIE_HEADER),
    "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Fout"}}},
}


ONBEKENDE_PARAMETER = {
    "description": "Ongeldige invoer, of een queryparameter die deze operatie niet kent.",
    "headers": dict(VERSIE_HEADER),
    "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Fout"}}},
}


def grenzen_van_invoer(result: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    """What procesregie.api.vangnet answers: 400 for an undocumented query parameter on every
    operation, 413 on every operation with a body."""
    for operatie in _operaties(result, {"get", "post", "put", "patch", "delete"}):
        operatie["responses"].setdefault("400", copy.deepcopy(ONBEKENDE_PARAMETER))
    for operatie in _operaties(result, {"post", "put", "patch"}):
        operatie["responses"].setdefault("413", copy.deepcopy(TE_GROOT))
    return result


def _operaties(result: dict[str, Any], methoden: set[str]) -> list[dict[str, Any]]:
    return [
        operatie
        for methoden_van_pad in result.get("paths", {}).values()
        for methode, operatie in methoden_van_pad.items()
        if methode in methoden and isinstance(operatie, dict) and "responses" in operatie
    ]
