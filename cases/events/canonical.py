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


# Hash schemes. 1: one hash over every field (events recorded before the content hash).
# 2: the content (payload, toelichting and a random salt) is hashed apart, and the event's
# hash covers the envelope with that content hash, so a redacted line keeps its type, actor,
# times and level verifiable. An event's scheme is read from its row (a content hash or
# none), so old events keep their hash and the chain is never rewritten.
SCHEMA_INHOUD = 2


def hash_document(gebeurtenis: Gebeurtenis, bestuursproces_uuid: uuid.UUID | str) -> dict[str, Any]:
    """Scheme 1: every field of the event except its own hash and the database keys."""
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


def inhoud_document(payload: dict[str, Any], toelichting: str, zout: str) -> dict[str, Any]:
    """Scheme 2's content. The salt is random per event and withheld with the content, so
    that a content hash in a redacted line cannot be matched against guessed content (an
    assessment without toelichting has few possible payloads)."""
    return {"payload": payload, "toelichting": toelichting, "zout": zout}


def envelop_document(
    *,
    bestuursproces: str,
    volgnummer: int,
    type: str,
    actor: str,
    actor_naam: str,
    herkomst: str,
    tijdstip: str,
    geregistreerd: str,
    zichtbaarheid: str,
    inhoud_hash: str,
    vorige_hash: str,
) -> dict[str, Any]:
    """Scheme 2's envelope: what an export shows of an event even when its content is
    withheld; its hash is the event's hash."""
    return {
        "schema": SCHEMA_INHOUD,
        "bestuursproces": bestuursproces,
        "volgnummer": volgnummer,
        "type": type,
        "actor": actor,
        "actorNaam": actor_naam,
        "herkomst": herkomst,
        "tijdstip": tijdstip,
        "geregistreerd": geregistreerd,
        "zichtbaarheid": zichtbaarheid,
        "inhoudHash": inhoud_hash,
        "vorigeHash": vorige_hash,
    }


def hash_van_document(document: dict[str, Any]) -> str:
    """The hash of a document shaped like :func:`hash_document`'s (or the content and
    envelope of scheme 2); needs no model, so that an export can be verified without the
    database."""
    return hashlib.sha256(canonieke_json(document).encode("utf-8")).hexdigest()


def bereken_inhoud_hash(gebeurtenis: Gebeurtenis) -> str:
    if gebeurtenis.inhoud_zout is None:
        raise ValueError("Een gebeurtenis van schema 1 heeft geen inhoudshash.")
    return hash_van_document(
        inhoud_document(gebeurtenis.payload, gebeurtenis.toelichting, gebeurtenis.inhoud_zout)
    )


def inhoud_hash_van_tekst(payload_tekst: str, toelichting: str, zout: str) -> str:
    """:func:`bereken_inhoud_hash` of an event whose payload's canonical text is at hand (as
    when it is appended): the content document written around that text, byte for byte
    ``canonieke_json(inhoud_document(...))`` (its keys in sorted order), without encoding the
    payload again."""
    tekst = (
        f'{{"payload":{payload_tekst},"toelichting":{_tekst(toelichting)},"zout":{_tekst(zout)}}}'
    )
    return hashlib.sha256(tekst.encode("utf-8")).hexdigest()


# How the canonical encoder writes a string (ensure_ascii=False): the C function it uses.
_tekst = json.encoder.encode_basestring


def bereken_hash(gebeurtenis: Gebeurtenis, bestuursproces_uuid: uuid.UUID | str) -> str:
    """The event's hash in its own scheme, recomputed from its content (scheme 2: the content
    hash is recomputed too, not read from the row)."""
    if gebeurtenis.inhoud_zout is None:
        return hash_van_document(hash_document(gebeurtenis, bestuursproces_uuid))
    return envelop_hash(gebeurtenis, bestuursproces_uuid, bereken_inhoud_hash(gebeurtenis))


def envelop_hash(
    gebeurtenis: Gebeurtenis, bestuursproces_uuid: uuid.UUID | str, inhoud_hash: str
) -> str:
    """Scheme 2: the hash of the event's envelope with ``inhoud_hash``, its content hash."""
    return hash_van_document(
        envelop_document(
            bestuursproces=str(bestuursproces_uuid),
            volgnummer=gebeurtenis.volgnummer,
            type=gebeurtenis.type,
            actor=gebeurtenis.actor_gebruikersnaam,
            actor_naam=gebeurtenis.actor_naam,
            herkomst=gebeurtenis.herkomst,
            tijdstip=formatteer_tijdstip(gebeurtenis.tijdstip),
            geregistreerd=formatteer_tijdstip(gebeurtenis.geregistreerd),
            zichtbaarheid=str(gebeurtenis.payload.get("zichtbaarheid", "proces")),
            inhoud_hash=inhoud_hash,
            vorige_hash=gebeurtenis.vorige_hash,
        )
    )
