"""The JSON shape of positioneringen and procesontwerpversies, shared by event payloads, replay
and the table reads (camelCase, as in :mod:`.payloads`)."""

from __future__ import annotations

import copy
from typing import Any

from cases.models import Positionering, ProcesontwerpVersie

from .canonical import formatteer_tijdstip


def positionering_gegevens(positionering: Positionering, wyberstap_uuid: Any) -> dict[str, Any]:
    """``wyberstap_uuid``: the uuid of the step the position was chosen for, or None."""
    return {
        "uuid": str(positionering.uuid),
        "veld": positionering.veld,
        "positie": positionering.positie,
        "omschrijving": positionering.omschrijving,
        "sinds": positionering.sinds.isoformat(),
        "wyberstap": None if wyberstap_uuid is None else str(wyberstap_uuid),
        "toelichting": positionering.toelichting,
        "zichtbaarheid": positionering.zichtbaarheid,
        "auteur": positionering.auteur.get_username(),
        "vastgelegdOp": formatteer_tijdstip(positionering.vastgelegd_op),
    }


def positionering_volgorde(gegevens: dict[str, Any]) -> tuple[str, str, str, str]:
    """The order of positioneringen in the case document: per veld, oldest first.

    The ISO date and the canonical UTC timestamp sort as text in time order, so replay and
    the table read sort the same dicts the same way.
    """
    return (gegevens["veld"], gegevens["sinds"], gegevens["vastgelegdOp"], gegevens["uuid"])


def procesontwerp_gegevens(versie: ProcesontwerpVersie) -> dict[str, Any]:
    return {
        "uuid": str(versie.uuid),
        "versie": versie.versie,
        "processtrategie": versie.processtrategie,
        "aanpak": versie.aanpak,
        "spelregels": versie.spelregels,
        "exitregels": versie.exitregels,
        "communicatie": versie.communicatie,
        "geplandeStappen": copy.deepcopy(versie.geplande_stappen),
        "toelichting": versie.toelichting,
        "auteur": versie.auteur.get_username(),
        "aangemaaktOp": formatteer_tijdstip(versie.aangemaakt_op),
    }
