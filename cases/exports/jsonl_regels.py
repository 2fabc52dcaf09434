"""One event's line of the JSON Lines export, written straight into its sorted keys.

Every line is byte for byte ``JSON_REGEL.encode`` of the event as the reader may see it
(:func:`cases.exports.gebeurtenissen.gebeurtenis_rij` with ``"soort": "gebeurtenis"``), and
:func:`_regeltekst` is its one writer: the general line of a decoded row (:func:`regel`), the
line of a reader who sees the event at its own level (:func:`zichtbare_regel`, which
``append_event`` stores with the event through :func:`regel_van`), and the line of a withheld
event (:func:`afgeschermde_regel`). Streaming them is :mod:`cases.exports.jsonl`.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from typing import Any, cast

from cases.models import Gebeurtenis, Zichtbaarheid

from .gebeurtenissen import JSON_REGEL, Rij, inhoud_van_rij, utc_tekst

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
    afgeschermd = False
    zout = rij[12]
    vrijgegeven = None
    if niveau not in zichtbaar:
        inhoud = inhoud_van_rij(rij, zichtbaar)
        if inhoud.afgeschermd:
            payload, toelichting, zout = inhoud.payload, None, None
            afgeschermd = True
        elif inhoud.vrijgegeven is not None:
            vrijgegeven = inhoud.vrijgegeven
    return (
        _regeltekst(
            volgnummer,
            type_,
            utc_tekst(tijdstip),
            utc_tekst(geregistreerd),
            actor,
            actor_naam,
            herkomst,
            rij[9],
            rij[10],
            rij[11],
            str(niveau),
            JSON_REGEL.encode(payload),
            toelichting,
            zout,
            afgeschermd,
            vrijgegeven,
        )
        + "\n"
    )


def _regeltekst(
    volgnummer: int,
    type_: str,
    tijdstip: str,
    geregistreerd: str,
    actor: str,
    actor_naam: str,
    herkomst: str,
    vorige_hash: str,
    hash_: str,
    inhoud_hash: str | None,
    niveau: str,
    payload_json: str,
    toelichting: str | None,
    inhoud_zout: str | None,
    afgeschermd: bool,
    vrijgegeven: str | None,
) -> str:
    """The one writer of an event's line (without the newline), its keys in sorted order, as
    ``JSON_REGEL`` would write the dict: every value is encoded here except the payload, which
    comes as its canonical JSON text, and the two times, which come as :func:`utc_tekst`'s."""
    return (
        f'{{"actor":{_tekst(actor)},"actorNaam":{_tekst(actor_naam)},'
        f'"afgeschermd":{"true" if afgeschermd else "false"},"geregistreerd":"{geregistreerd}",'
        f'"hash":{_tekst(hash_)},"herkomst":{_tekst(herkomst)},'
        f'"inhoudHash":{_of_null(inhoud_hash)},"inhoudZout":{_of_null(inhoud_zout)},'
        f'"payload":{payload_json},"soort":"gebeurtenis",'
        f'"tijdstip":"{tijdstip}",'
        f'"toelichting":{_of_null(toelichting)},'
        f'"type":{_tekst(type_)},"volgnummer":{volgnummer:d},'
        f'"vorigeHash":{_tekst(vorige_hash)},"vrijgegeven":{_of_null(vrijgegeven)},'
        f'"zichtbaarheid":{_tekst(niveau)}}}'
    )


# The fields of an event above the reader's levels that its withheld line needs
# (:func:`afgeschermde_regel`), in this order; the times as their text (:func:`utc_tekst`'s).
AFGESCHERMD = (
    "type",
    "tijdstip",
    "geregistreerd",
    "actor_gebruikersnaam",
    "actor_naam",
    "herkomst",
    "vorige_hash",
    "hash",
    "inhoud_hash",
    "_niveau",
)


# An event row as the JSON Lines export reads it: the fields of :data:`Rij` with the payload as
# its stored canonical text, then its level (the payload's ``zichtbaarheid``, read by the
# database) and, only for a row without that text, the payload itself.
Tekstrij = tuple[Any, ...]


def tekstregel(rij: Tekstrij, zichtbaar: frozenset[str]) -> str:
    """:func:`regel` of a :func:`tekstrijen` row, byte for byte: a visible event's stored
    payload text goes into the line as it is (it is the canonical form the line needs); a
    withheld one, or a row without the text, goes through :func:`regel`."""
    payload_tekst, niveau = rij[8], rij[13] or Zichtbaarheid.PROCES
    if payload_tekst is None or niveau not in zichtbaar:
        # Withheld, or readable only through a later release: :func:`regel` decides.
        payload = json.loads(payload_tekst) if payload_tekst is not None else _json(rij[14])
        tijden = (_datetime(rij[2]), _datetime(rij[3]))
        return regel((*rij[:2], *tijden, *rij[4:8], payload, *rij[9:13]), zichtbaar)
    v, t, tijdstip, geregistreerd, actor, naam, herkomst, toelichting = rij[:8]
    vorige, eigen, inhoud_hash, zout = rij[9:13]
    return (
        zichtbare_regel(
            v,
            t,
            tijdstip,
            geregistreerd,
            actor,
            naam,
            herkomst,
            toelichting,
            payload_tekst,
            vorige,
            eigen,
            inhoud_hash,
            zout,
            niveau,
        )
        + "\n"
    )


def zichtbare_regel(
    volgnummer: int,
    type_: str,
    tijdstip: str,
    geregistreerd: str,
    actor: str,
    actor_naam: str,
    herkomst: str,
    toelichting: str,
    payload_tekst: str,
    vorige_hash: str,
    hash_: str,
    inhoud_hash: str | None,
    inhoud_zout: str | None,
    niveau: str,
) -> str:
    """The line of an event for a reader who may see it at its own level ``niveau`` (without
    the newline): :func:`regel` of it, byte for byte. The times are :func:`utc_tekst`'s text,
    the payload its canonical text. It depends on the event alone: ``append_event`` stores it
    with the event (``Gebeurtenis.regel_tekst``) and the export streams it as it is."""
    return _regeltekst(
        volgnummer,
        type_,
        tijdstip,
        geregistreerd,
        actor,
        actor_naam,
        herkomst,
        vorige_hash,
        hash_,
        inhoud_hash,
        niveau,
        payload_tekst,
        toelichting,
        inhoud_zout,
        False,
        None,
    )


def afgeschermde_regel(volgnummer: int, velden: Sequence[Any]) -> str:
    """The line of an event withheld from the reader (without the newline): :func:`regel` of
    it, byte for byte, for a type that withholds as :meth:`Soort.afgeschermd` does: the payload
    says only that something at its level was withheld, the toelichting and the salt are left
    out, and the content hash stays (it proves the event without revealing it). ``velden`` are
    the event's :data:`AFGESCHERMD`, as text: no payload is decoded for it."""
    type_, tijdstip, geregistreerd, actor, naam, herkomst, vorige, eigen, inhoud_hash, niveau = (
        velden
    )
    return _regeltekst(
        volgnummer,
        type_,
        tijdstip,
        geregistreerd,
        actor,
        naam,
        herkomst,
        vorige,
        eigen,
        inhoud_hash,
        niveau,
        f'{{"afgeschermd":true,"zichtbaarheid":{_tekst(niveau)}}}',
        None,
        None,
        True,
        None,
    )


def regel_van(gebeurtenis: Gebeurtenis) -> str:
    """:func:`zichtbare_regel` of an event about to be stored (every field the hash covers
    set, ``payload_tekst`` too), as ``append_event`` stores it."""
    if gebeurtenis.payload_tekst is None:
        raise ValueError("Een exportregel vraagt de canonieke tekst van de gegevens.")
    return zichtbare_regel(
        gebeurtenis.volgnummer,
        gebeurtenis.type,
        utc_tekst(gebeurtenis.tijdstip),
        utc_tekst(gebeurtenis.geregistreerd),
        gebeurtenis.actor_gebruikersnaam,
        gebeurtenis.actor_naam,
        gebeurtenis.herkomst,
        gebeurtenis.toelichting,
        gebeurtenis.payload_tekst,
        gebeurtenis.vorige_hash,
        gebeurtenis.hash,
        gebeurtenis.inhoud_hash,
        gebeurtenis.inhoud_zout,
        str(gebeurtenis.payload.get("zichtbaarheid", Zichtbaarheid.PROCES)),
    )


def _datetime(tekst: str) -> dt.datetime:
    return dt.datetime.fromisoformat(tekst)  # Python 3.11 reads the trailing Z


def _json(waarde: Any) -> dict[str, Any]:
    # Django has the drivers hand jsonb and JSON text over as text.
    return json.loads(waarde) if isinstance(waarde, str | bytes) else cast("dict[str, Any]", waarde)


def _of_null(tekst: str | None) -> str:
    return "null" if tekst is None else _tekst(tekst)
