"""OpenAPI post-processing: every status an operation can give, as problem+json, with the
headers every answer carries (ADR 2.1; checked by Spectral with adr.spectral.yml).

The statuses are derived from what an operation *is*, not listed per view: its method, its
parameters (path, query, conditional headers), its request body, and its view's
authentication, permission and throttle classes. A view that declares an error status itself
keeps its description; the problem schema and the headers are filled in for it too. Other
headers an operation declares (Idempotency-Key, ETag, ...) are left alone.
"""

from __future__ import annotations

import copy
import re
from typing import Any

from django.conf import settings
from rest_framework.permissions import AllowAny

PROBLEM_SCHEMA = {
    "type": "object",
    "description": "Foutmelding volgens RFC 9457 (application/problem+json).",
    "properties": {
        "type": {"type": "string", "format": "uri"},
        "code": {"type": "string"},
        "title": {"type": "string", "description": "In de taal van het verzoek."},
        "status": {"type": "integer"},
        "detail": {"type": "string", "description": "In de taal van het verzoek."},
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
    "400": "Ongeldige invoer: een parameter, header of de inhoud van het verzoek klopt niet; "
    "elke fout staat in invalidParams.",
    "401": "Niet geauthenticeerd: geen, een ongeldig of een verlopen token.",
    "403": "Geen toestemming voor deze handeling.",
    "404": "Niet gevonden, of geen lid van dit bestuursproces.",
    "409": "Conflict met de huidige toestand van het bestuursproces.",
    "412": "De voorwaarde in een conditionele header (If-Match) klopt niet meer.",
    "413": "Het verzoek is te groot.",
    "429": "Te veel verzoeken of mislukte inlogpogingen; probeer het na Retry-After seconden "
    "opnieuw.",
}

VERSIE_HEADER = {
    "API-Version": {
        "description": "De volledige versie van de API die antwoordde.",
        "schema": {"type": "string", "example": settings.API_VERSION},
    }
}
RETRY_AFTER = {
    "Retry-After": {
        "description": "Na hoeveel seconden een nieuwe poging zin heeft.",
        "schema": {"type": "integer", "minimum": 0},
    }
}
LINK_HEADER = {
    "Link": {
        "description": "Links naar de eerste, vorige, volgende en laatste pagina (RFC 8288).",
        "schema": {"type": "string"},
    }
}
CONDITIONELE_HEADERS = {"if-match", "if-none-match", "if-unmodified-since"}
SCHRIJVEND = {"post", "put", "patch", "delete"}


def _views(generator: Any) -> dict[tuple[str, str], type]:
    """(path as in the document, method) → view class."""
    prefix = "^" + str(settings.SPECTACULAR_SETTINGS.get("SCHEMA_PATH_PREFIX", ""))
    views: dict[tuple[str, str], type] = {}
    for pad, _regex, methode, callback in getattr(generator, "endpoints", None) or []:
        kort = re.sub(prefix, "", pad, flags=re.IGNORECASE) or "/"
        views[("/" + kort.lstrip("/"), methode.lower())] = getattr(callback, "cls", object)
    return views


def _beveiligd(view: type) -> bool:
    toestemming = getattr(view, "permission_classes", [])
    return bool(getattr(view, "authentication_classes", [])) and not all(
        issubclass(klasse, AllowAny) for klasse in toestemming
    )


def mogelijke_fouten(pad: str, methode: str, operatie: dict[str, Any], view: type) -> set[str]:
    """The error statuses this operation can answer."""
    parameters = operatie.get("parameters", [])
    soorten = {p.get("in") for p in parameters}
    namen = {str(p.get("name", "")).lower() for p in parameters}
    codes: set[str] = set()
    # ADR /core/error-handling/invalid-input: every operation with input. (Path parameters
    # that are no valid uuid or number do not match the route and answer 404.)
    if parameters or "requestBody" in operatie or methode in {"post", "put", "patch"}:
        codes.add("400")
    if _beveiligd(view):
        codes.add("401")
        if methode in SCHRIJVEND:
            codes |= {"403", "409"}
    if "path" in soorten or "page" in namen:
        codes.add("404")  # the object, or a page past the end
    if namen & CONDITIONELE_HEADERS:
        codes.add("412")
    if getattr(view, "throttle_classes", None) or getattr(view, "inlogdeur", False):
        codes.add("429")
    # A view that cannot give one of these says so (e.g. ending a token touches no case).
    return codes - set(getattr(view, "onmogelijke_fouten", ()))


def _probleem(beschrijving: str, extra_headers: dict[str, Any] | None = None) -> dict[str, Any]:
    return {
        "description": beschrijving,
        "headers": {**VERSIE_HEADER, **(extra_headers or {})},
        "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Fout"}}},
    }


def _leeg_of_url(schema: dict[str, Any]) -> None:
    """drf-spectacular writes an optional blank URL as ``oneOf: [uri with default '', '']``.
    An empty default is no URI: it belongs to the property, which allows ''. And a validator
    that does not assert formats (most do not) finds '' valid for both alternatives, so that
    ``oneOf`` refuses it (and the whole document, for its default): ``anyOf`` says what is
    meant, a URI or nothing."""
    for eigenschap in schema.get("properties", {}).values():
        keuzes = eigenschap.get("oneOf", [])
        if any(keuze.get("default") == "" for keuze in keuzes):
            for keuze in keuzes:
                keuze.pop("default", None)
            eigenschap["default"] = ""
        if any(keuze.get("maxLength") == 0 for keuze in keuzes):
            eigenschap["anyOf"] = eigenschap.pop("oneOf")


def voeg_problemen_en_versie_toe(
    result: dict[str, Any], generator: Any = None, **kwargs: Any
) -> dict[str, Any]:
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas["Fout"] = PROBLEM_SCHEMA
    for naam, schema in schemas.items():
        _leeg_of_url(schema)
        # Input is strict: unknown properties are refused (StriktMixin), so say so.
        if naam.endswith("Request") and schema.get("type") == "object":
            schema["additionalProperties"] = False
    views = _views(generator)
    for pad, methoden in result.get("paths", {}).items():
        for methode, operatie in methoden.items():
            if not isinstance(operatie, dict) or "responses" not in operatie:
                continue
            antwoorden = operatie["responses"]
            view = views.get((pad, methode), object)
            for code in mogelijke_fouten(pad, methode, operatie, view):
                extra = RETRY_AFTER if code == "429" else None
                antwoorden.setdefault(code, _probleem(FOUTEN[code], extra))
            # In order of status, whoever added them: a stable document.
            operatie["responses"] = antwoorden = dict(sorted(antwoorden.items()))
            lijst = any(p.get("name") == "page" for p in operatie.get("parameters", []))
            for code, antwoord in antwoorden.items():
                headers = antwoord.setdefault("headers", {})
                headers.update(VERSIE_HEADER)
                if code.startswith(("4", "5")):
                    # Declared by the view itself: still the one problem schema.
                    antwoord["content"] = _probleem("")["content"]
                    antwoord["description"] = antwoord.get("description") or FOUTEN.get(
                        code, "Fout."
                    )
                elif lijst and code == "200":
                    headers.update(LINK_HEADER)
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
    "description": (
        "De body is groter dan de grens van de API (standaard 2,5 MiB; voor de upload van een "
        "document DOCUMENT_MAX_BYTES, standaard 25 MB)."
    ),
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
