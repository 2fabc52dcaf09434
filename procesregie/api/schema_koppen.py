"""OpenAPI post-processing: the headers that make writes safe to retry and to race.

Idempotency-Key on every POST (and its 422), If-Match on every PUT, PATCH and DELETE (and
its 412), the ETag on every JSON answer of a GET, PUT or PATCH, and the 503 a busy database
may give a write. One place, so that a new operation is documented without anyone
remembering to.
"""

from __future__ import annotations

from typing import Any

from .schema import VERSIE_HEADER

FOUT = {"$ref": "#/components/schemas/Fout"}
# The token endpoints (asking for one, ending the current one) are no case resources: no
# retry key, no versions. Paths are relative to the document's server since the ADR changes.
TOKENS = "/tokens"

PARAMETERS = {
    "IdempotencyKey": {
        "name": "Idempotency-Key",
        "in": "header",
        "required": False,
        "description": (
            "Maakt het verzoek veilig om te herhalen (IETF-draft *The Idempotency-Key HTTP "
            "Header Field*): kies per nieuw verzoek een unieke sleutel, bijvoorbeeld een UUID, "
            "en stuur bij een herhaling dezelfde sleutel met dezelfde inhoud. Dan voert de "
            "server het verzoek één keer uit en geeft bij elke herhaling het eerste antwoord "
            "terug (status, inhoud en Location), zonder opnieuw te schrijven. Een herhaling "
            "die binnenkomt terwijl het eerste verzoek nog loopt, wacht daarop. Dezelfde "
            "sleutel met een andere methode, URL of inhoud is 422. Inhoud zijn de gegevens, "
            "niet hoe ze zijn opgeschreven: JSON met de velden in een andere volgorde of met "
            "andere witruimte is dezelfde inhoud, net als een upload (multipart) met dezelfde "
            "velden en bestanden en een andere grens. Sleutels gelden per "
            "gebruiker en worden 24 uur bewaard; alleen geslaagde antwoorden (2xx) worden "
            "bewaard, want een geweigerd verzoek schreef niets."
        ),
        "schema": {"type": "string", "minLength": 1, "maxLength": 255},
        "example": '"8e03978e-40d5-43e8-bc93-6894a57f9324"',
    },
    "IfMatch": {
        "name": "If-Match",
        "in": "header",
        "required": False,
        "description": (
            "Wijzig of verwijder alleen als de bron nog de versie is die je kent: de ETag uit "
            "een eerder antwoord (of `*` voor elke bestaande versie). Is de bron intussen "
            "gewijzigd, dan is het antwoord 412 en verandert er niets. Zonder deze header gaat "
            "het verzoek altijd door."
        ),
        "schema": {"type": "string"},
        "example": '"3f1a9c"',
    },
}

ETAG_HEADER = {
    "ETag": {
        "description": (
            "De versie van deze weergave van de bron (een sterke ETag). Stuur hem mee als "
            "If-Match bij een PUT of PATCH om een tussentijdse wijziging niet te overschrijven."
        ),
        "schema": {"type": "string"},
    }
}

ANTWOORDEN = {
    "412": (
        "Voorwaarde niet vervuld: If-Match noemt niet de huidige ETag van de bron; er is niets "
        "gewijzigd.",
        {},
    ),
    "422": (
        "Deze Idempotency-Key is al gebruikt voor een ander verzoek (andere methode, URL of "
        "inhoud).",
        {},
    ),
    "503": (
        "De database was te lang bezet door andere schrijvers; er is niets opgeslagen. "
        "Probeer het na Retry-After seconden opnieuw.",
        {
            "Retry-After": {
                "description": "Na hoeveel seconden je het verzoek opnieuw kunt sturen.",
                "schema": {"type": "integer"},
            }
        },
    ),
}


def _probleem(code: str) -> dict[str, Any]:
    beschrijving, koppen = ANTWOORDEN[code]
    return {
        "description": beschrijving,
        "headers": {**koppen, **VERSIE_HEADER},
        "content": {"application/problem+json": {"schema": FOUT}},
    }


def voeg_schrijfkoppen_toe(result: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    for pad, methoden in result.get("paths", {}).items():
        for methode, operatie in methoden.items():
            if not isinstance(operatie, dict) or "responses" not in operatie:
                continue
            is_token = pad.removeprefix("/api/v1").startswith(TOKENS)
            antwoorden = operatie["responses"]
            parameters = operatie.setdefault("parameters", [])
            if methode == "post" and not is_token:
                parameters.append(dict(PARAMETERS["IdempotencyKey"]))
                antwoorden.setdefault("422", _probleem("422"))
            if methode in {"put", "patch", "delete"} and not is_token:
                parameters.append(dict(PARAMETERS["IfMatch"]))
                antwoorden.setdefault("412", _probleem("412"))
            if methode in {"post", "put", "patch", "delete"}:
                antwoorden.setdefault("503", _probleem("503"))
            if methode in {"get", "put", "patch"}:
                for code in ("200", "201"):
                    antwoord = antwoorden.get(code)
                    if antwoord and "application/json" in antwoord.get("content", {}):
                        antwoord.setdefault("headers", {}).update(ETAG_HEADER)
    return result
