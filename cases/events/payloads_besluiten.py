"""The JSON shape of besluiten, afspraken and bijeenkomsten, shared by their events, replay and
the tables (:func:`cases.selectors.huidige_toestand`)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from cases.models import Besluit


def _uuid(obj: Any) -> str | None:
    return str(obj.uuid) if obj is not None else None


def besluit_gegevens(besluit: Besluit) -> dict[str, Any]:
    return {
        "uuid": str(besluit.uuid),
        "titel": besluit.titel,
        "inhoud": besluit.inhoud,
        "opdrachtgever": _uuid(besluit.opdrachtgever),
        "organisatie": _uuid(besluit.organisatie),
        "orgaan": besluit.orgaan,
        "orgaanNaam": besluit.orgaan_naam,
        "datum": besluit.datum.isoformat(),
        "kenmerk": besluit.kenmerk,
        "besluitmoment": besluit.besluitmoment.isoformat() if besluit.besluitmoment else None,
        "zichtbaarheid": besluit.zichtbaarheid,
        "vastgelegdDoor": besluit.vastgelegd_door.get_username(),
    }


def besluiten_op_volgorde(besluiten: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Besluiten in the order of their dates (then uuid), in replay and tables alike."""
    return sorted(besluiten, key=lambda b: (b["datum"], b["uuid"]))
