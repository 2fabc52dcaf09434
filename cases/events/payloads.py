"""The JSON shape of the case's parts, shared by event payloads, replay and current state.

Keys are camelCase because payloads are part of the API and of the exports.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from cases.models import Besluitmoment, Bestuursproces, IdeeVersie, Lidmaatschap, Stadiumovergang

from .canonical import formatteer_tijdstip

BESTUURSPROCES_VELDEN = {
    # payload key: model attribute
    "titel": "titel",
    "omschrijving": "omschrijving",
    "rolGemeente": "rol_gemeente",
    "procesrol": "procesrol",
    "aanpak": "aanpak",
    "archiefnominatie": "archiefnominatie",
    "archiefactiedatum": "archiefactiedatum",
}
OPDRACHT_VELDEN = {
    "kaders": "kaders",
    "budget": "budget",
    "uren": "uren",
    "einddatum": "einddatum",
    "speelruimte": "speelruimte",
}
IDEE_VELDEN = {
    "wat": "wat",
    "context": "context",
    "sterkte": "sterkte",
    "eigenaren": "eigenaren",
    "verrijking": "verrijking",
    "concretisering": "concretisering",
    "framing": "framing",
    "stipOpDeHorizon": "stip_op_de_horizon",
}


def _waarde(waarde: Any) -> Any:
    if isinstance(waarde, Decimal):
        return format(waarde.quantize(Decimal("0.01")), "f")
    if hasattr(waarde, "isoformat"):
        return waarde.isoformat()
    return waarde


def besluitmoment_gegevens(besluitmoment: Besluitmoment) -> dict[str, Any]:
    return {
        "datum": besluitmoment.datum.isoformat(),
        "soort": besluitmoment.soort,
        "gevraagd": besluitmoment.gevraagd,
    }


def opdracht_gegevens(
    bestuursproces: Bestuursproces, besluitmomenten: list[Besluitmoment]
) -> dict[str, Any]:
    gegevens = {
        sleutel: _waarde(getattr(bestuursproces, attr)) for sleutel, attr in OPDRACHT_VELDEN.items()
    }
    gegevens["besluitmomenten"] = [besluitmoment_gegevens(b) for b in besluitmomenten]
    return gegevens


def bestuursproces_gegevens(
    bestuursproces: Bestuursproces, besluitmomenten: list[Besluitmoment]
) -> dict[str, Any]:
    gegevens: dict[str, Any] = {"uuid": str(bestuursproces.uuid)}
    gegevens.update(
        {
            sleutel: _waarde(getattr(bestuursproces, attr))
            for sleutel, attr in BESTUURSPROCES_VELDEN.items()
        }
    )
    gegevens.update(
        {
            "stadium": bestuursproces.stadium,
            "status": bestuursproces.status,
            "uitkomst": bestuursproces.uitkomst,
            "opdracht": opdracht_gegevens(bestuursproces, besluitmomenten),
            "geopendOp": formatteer_tijdstip(bestuursproces.geopend_op),
        }
    )
    return gegevens


def idee_gegevens(idee: IdeeVersie) -> dict[str, Any]:
    gegevens: dict[str, Any] = {"uuid": str(idee.uuid), "versie": idee.versie}
    gegevens.update({sleutel: getattr(idee, attr) for sleutel, attr in IDEE_VELDEN.items()})
    return gegevens


def lidmaatschap_gegevens(lidmaatschap: Lidmaatschap) -> dict[str, Any]:
    return {
        "uuid": str(lidmaatschap.uuid),
        "gebruiker": lidmaatschap.gebruiker.get_username(),
        "rol": lidmaatschap.rol,
    }


def stadiumovergang_gegevens(overgang: Stadiumovergang) -> dict[str, Any]:
    return {
        "uuid": str(overgang.uuid),
        "van": overgang.van,
        "naar": overgang.naar,
        "richting": overgang.richting,
        "geforceerd": overgang.geforceerd,
        "toelichting": overgang.toelichting,
    }
