"""JSON Lines: a header, one event a line, and a closing line with the chain head.

Every line is canonical JSON (sorted keys, no whitespace), so the file is byte-for-byte the
same for the same export. An event line holds every field its hash covers, in the form the
hash was computed over (UTC times with microseconds and ``Z``); together with the case uuid in
the header that lets :mod:`cases.exports.verificatie` recompute each visible event's hash
without the database.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from cases.events import GENESIS_HASH, canonieke_json
from cases.events.canonical import formatteer_tijdstip

from .documenten import documentversies
from .gebeurtenissen import (
    FORMAATVERSIE,
    JSON_REGEL,
    Exportopdracht,
    gebeurtenis_rij,
    gebundeld,
)

MEDIA_TYPE = "application/jsonl"
FORMAAT = "procesregie-gebeurtenissen"


def kop(opdracht: Exportopdracht) -> dict[str, Any]:
    bestuursproces = opdracht.bestuursproces
    return {
        "soort": "kop",
        "formaat": FORMAAT,
        "versie": FORMAATVERSIE,
        "bestuursproces": {"uuid": str(bestuursproces.uuid), "titel": bestuursproces.titel},
        "geexporteerdOp": formatteer_tijdstip(opdracht.geexporteerd_op),
        "exporteur": opdracht.exporteur,
        "rol": opdracht.rol,
        "kanaal": opdracht.kanaal,
        "zichtbaarheid": opdracht.niveaus,
        "aantalGebeurtenissen": opdracht.aantal,
        "afgeschermd": opdracht.afgeschermd,
        "genesisHash": GENESIS_HASH,
        # Every visible document version with its SHA-256, each vouched for by the event
        # at its volgnummer (the verifier checks both, and downloaded files against them).
        "documenten": documentversies(opdracht),
    }


def slot(opdracht: Exportopdracht) -> dict[str, Any]:
    return {
        "soort": "slot",
        "aantalGebeurtenissen": opdracht.aantal,
        "keten": {"volgnummer": opdracht.kop_volgnummer, "hash": opdracht.kop_hash},
    }


def _regels(opdracht: Exportopdracht) -> Iterator[str]:
    yield canonieke_json(kop(opdracht)) + "\n"
    regel = JSON_REGEL.encode
    for gebeurtenis in opdracht.gebeurtenissen():
        rij = gebeurtenis_rij(gebeurtenis, opdracht.zichtbaar)
        rij["soort"] = "gebeurtenis"
        yield regel(rij) + "\n"
    yield canonieke_json(slot(opdracht)) + "\n"


def schrijf(opdracht: Exportopdracht) -> Iterator[bytes]:
    return gebundeld(_regels(opdracht))
