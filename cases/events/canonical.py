"""Canonical serialisation of events, so that a hash computed today is computed again tomorrow.

Rules: JSON with sorted keys and no insignificant whitespace, UTF-8 text kept as is,
datetimes in UTC as ``YYYY-MM-DDTHH:MM:SS.ffffffZ``, dates as ``YYYY-MM-DD``, decimals as
plain strings, UUIDs as strings. Floats are refused: their text form is not stable enough.
"""

from __future__ import annotations

import datetime as dt
import decimal
import hashlib
import json
import uuid
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cases.models import Gebeurtenis

GENESIS_HASH = "0" * 64


def formatteer_tijdstip(waarde: dt.datetime) -> str:
    if waarde.tzinfo is None:
        raise ValueError("Tijdstippen in gebeurtenissen moeten een tijdzone hebben.")
    return waarde.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


class CanonicalEncoder(json.JSONEncoder):
    def default(self, o: Any) -> Any:
        if isinstance(o, dt.datetime):
            return formatteer_tijdstip(o)
        if isinstance(o, dt.date):
            return o.isoformat()
        if isinstance(o, decimal.Decimal):
            return format(o, "f")
        if isinstance(o, uuid.UUID):
            return str(o)
        if isinstance(o, set | frozenset):
            return sorted(o)
        return super().default(o)

    def iterencode(self, o: Any, _one_shot: bool = False) -> Any:
        _weiger_floats(o)
        return super().iterencode(o, _one_shot)


def _weiger_floats(waarde: Any) -> None:
    if isinstance(waarde, float):
        raise TypeError("Gebruik Decimal in plaats van float in een gebeurtenis.")
    if isinstance(waarde, dict):
        for item in waarde.values():
            _weiger_floats(item)
    elif isinstance(waarde, list | tuple):
        for item in waarde:
            _weiger_floats(item)


def canonieke_json(waarde: Any) -> str:
    return json.dumps(
        waarde, cls=CanonicalEncoder, sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )


def normaliseer(payload: dict[str, Any]) -> dict[str, Any]:
    """The payload as it will read back from the database: plain JSON types only."""
    result: dict[str, Any] = json.loads(canonieke_json(payload))
    return result


def hash_document(gebeurtenis: Gebeurtenis, bestuursproces_uuid: uuid.UUID | str) -> dict[str, Any]:
    """Every field of the event except its own hash and the database keys."""
    return {
        "bestuursproces": str(bestuursproces_uuid),
        "volgnummer": gebeurtenis.volgnummer,
        "type": gebeurtenis.type,
        "actor": gebeurtenis.actor_gebruikersnaam,
        "actorNaam": gebeurtenis.actor_naam,
        "herkomst": gebeurtenis.herkomst,
        "tijdstip": formatteer_tijdstip(gebeurtenis.tijdstip),
        "geregistreerd": formatteer_tijdstip(gebeurtenis.geregistreerd),
        "toelichting": gebeurtenis.toelichting,
        "payload": gebeurtenis.payload,
        "vorigeHash": gebeurtenis.vorige_hash,
    }


def hash_van_document(document: dict[str, Any]) -> str:
    """The hash of a document shaped like :func:`hash_document`'s; needs no model, so that an
    export can be verified without the database."""
    return hashlib.sha256(canonieke_json(document).encode("utf-8")).hexdigest()


def bereken_hash(gebeurtenis: Gebeurtenis, bestuursproces_uuid: uuid.UUID | str) -> str:
    return hash_van_document(hash_document(gebeurtenis, bestuursproces_uuid))
