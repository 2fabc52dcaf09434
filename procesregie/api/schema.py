"""OpenAPI post-processing: the problem+json schema on every error response."""

from __future__ import annotations

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
            for status, antwoord in antwoorden.items():
                antwoord.setdefault("headers", {}).update(VERSIE_HEADER)
                # An error a view documents by its description alone is problem+json too.
                if str(status).startswith("4") and "content" not in antwoord:
                    antwoord["content"] = {"application/problem+json": {"schema": ref}}
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
