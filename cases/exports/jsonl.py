"""JSON Lines: a header, one event a line, and a closing line with the chain head.

Every line is canonical JSON (sorted keys, no whitespace), so the file is byte-for-byte the
same for the same export. An event line holds every field its hash covers, in the form the
hash was computed over (UTC times with microseconds and ``Z``); together with the case uuid in
the header that lets :mod:`cases.exports.verificatie` recompute each visible event's hash
without the database.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from cases.events import GENESIS_HASH, canonieke_json
from cases.events.canonical import formatteer_tijdstip
from cases.models import Zichtbaarheid

from .documenten import documentversies
from .gebeurtenissen import (
    FORMAATVERSIE,
    JSON_REGEL,
    Exportopdracht,
    Rij,
    gebundeld,
    inhoud_van_rij,
    utc_tekst,
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
        # What the viewer may not read, per section of the case: withheld, not absent.
        "afgeschermdPerOnderdeel": opdracht.afgeschermd_per_onderdeel,
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


# How the canonical encoder writes a string (ensure_ascii=False): the C function it uses.
_tekst = json.encoder.encode_basestring


def regel(rij: Rij, zichtbaar: frozenset[str]) -> str:
    """The line of one event: byte for byte ``JSON_REGEL.encode`` of :func:`gebeurtenis_rij`
    with ``"soort": "gebeurtenis"``, written straight into its sorted keys (the dict, the key
    sort and two ``strftime`` per line were most of an export's time)."""
    volgnummer, type_, tijdstip, geregistreerd, actor, actor_naam, herkomst = rij[:7]
    toelichting: str | None = rij[7]
    payload = rij[8]
    niveau = payload.get("zichtbaarheid", Zichtbaarheid.PROCES)
    afgeschermd = "false"
    zout = rij[12]
    vrijgegeven = "null"
    if niveau not in zichtbaar:
        inhoud = inhoud_van_rij(rij, zichtbaar)
        if inhoud.afgeschermd:
            payload, toelichting, zout = inhoud.payload, None, None
            afgeschermd = "true"
        elif inhoud.vrijgegeven is not None:
            vrijgegeven = _tekst(inhoud.vrijgegeven)
    return (
        f'{{"actor":{_tekst(actor)},"actorNaam":{_tekst(actor_naam)},'
        f'"afgeschermd":{afgeschermd},"geregistreerd":"{utc_tekst(geregistreerd)}",'
        f'"hash":{_tekst(rij[10])},"herkomst":{_tekst(herkomst)},'
        f'"inhoudHash":{_of_null(rij[11])},"inhoudZout":{_of_null(zout)},'
        f'"payload":{JSON_REGEL.encode(payload)},"soort":"gebeurtenis",'
        f'"tijdstip":"{utc_tekst(tijdstip)}",'
        f'"toelichting":{"null" if toelichting is None else _tekst(toelichting)},'
        f'"type":{_tekst(type_)},"volgnummer":{volgnummer:d},'
        f'"vorigeHash":{_tekst(rij[9])},"vrijgegeven":{vrijgegeven},'
        f'"zichtbaarheid":{_tekst(str(niveau))}}}\n'
    )


def _of_null(tekst: str | None) -> str:
    return "null" if tekst is None else _tekst(tekst)


def _regels(opdracht: Exportopdracht) -> Iterator[str]:
    yield canonieke_json(kop(opdracht)) + "\n"
    zichtbaar = opdracht.zichtbaar
    for rij in opdracht.rijen():
        yield regel(rij, zichtbaar)
    yield canonieke_json(slot(opdracht)) + "\n"


def schrijf(opdracht: Exportopdracht) -> Iterator[bytes]:
    return gebundeld(_regels(opdracht))
