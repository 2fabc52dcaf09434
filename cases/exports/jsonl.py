"""JSON Lines: a header, one event a line, and a closing line with the chain head.

Every line is canonical JSON (sorted keys, no whitespace), so the file is byte-for-byte the
same for the same export. An event line holds every field its hash covers, in the form the
hash was computed over (UTC times with microseconds and ``Z``); together with the case uuid in
the header that lets :mod:`cases.exports.verificatie` recompute each visible event's hash
without the database.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator
from typing import Any, cast

from django.db import connection
from django.db.models import Case, F, Func, JSONField, Q, QuerySet, TextField, Value, When
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Cast, Coalesce, JSONArray

from cases.events import GENESIS_HASH, canonieke_json
from cases.events.canonical import formatteer_tijdstip
from cases.events.soorten import Soort, soort
from cases.events.vrijgave import als_zicht
from cases.models import Gebeurtenis, Zichtbaarheid

from . import gebeurtenissen
from .documenten import documentversies
from .gebeurtenissen import (
    ALLE_NIVEAUS,
    FORMAATVERSIE,
    JSON_REGEL,
    VELDEN,
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


# An event row as the JSON Lines export reads it: the fields of :data:`Rij` with the payload as
# its stored canonical text, then its level (the payload's ``zichtbaarheid``, read by the
# database) and, only for a row without that text, the payload itself.
Tekstrij = tuple[Any, ...]


def tekstblokken(opdracht: Exportopdracht) -> Iterator[list[tuple[str | None, int]]]:
    """The covered events in volgnummer order, in blocks of :data:`gebeurtenissen.CHUNK` rows
    like :meth:`Exportopdracht.rijen`: per event a text and its volgnummer. The text is its
    stored line (without the newline) when the viewer reads it at its own level; for an event
    above the viewer's levels, the fields of its withheld line as a JSON array
    (:data:`AFGESCHERMD`; a line starts with ``{``, an array with ``[``); else ``None``. The
    few rows without a text (released, written without a stored line) come from
    :func:`tekstrijen`, per block."""
    # A release only ever opens an event the viewer could not read at its own level, so an
    # event at one of the viewer's levels is read with its stored line whatever was released.
    gedekt = _gedekt(opdracht)
    if opdracht.zichtbaar >= ALLE_NIVEAUS:
        tekst: Any = F("regel_tekst")
    else:
        # The payload's level (absent means "proces"), extracted once for an event the viewer
        # reads at its level (the CASE stops at its first condition), twice for one above.
        gedekt = gedekt.annotate(
            _niveau=Coalesce(
                KeyTextTransform("zichtbaarheid", "payload"),
                Value(Zichtbaarheid.PROCES.value),
                output_field=TextField(),
            )
        )
        velden = (
            UtcTekst(veld) if veld in ("tijdstip", "geregistreerd") else F(veld)
            for veld in AFGESCHERMD
        )
        tekst = Case(
            When(Q(_niveau__in=sorted(opdracht.zichtbaar)), then=F("regel_tekst")),
            When(Q(payload_tekst__isnull=False), then=Cast(JSONArray(*velden), TextField())),
            default=None,
            output_field=TextField(),
        )
    sql, params = (
        gedekt.order_by("volgnummer")
        .annotate(_regel=tekst)
        .values_list("_regel", "volgnummer")
        .query.sql_with_params()
    )
    with connection.chunked_cursor() as cursor:
        cursor.execute(sql, params)
        while blok := cursor.fetchmany(gebeurtenissen.CHUNK):
            yield blok


# The fields of an event above the reader's levels that its withheld line needs, in the order
# of :func:`afgeschermde_regel`'s arguments after the volgnummer; the times as its text.
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


def _gedekt(opdracht: Exportopdracht) -> QuerySet[Gebeurtenis]:
    return Gebeurtenis.objects.filter(
        bestuursproces=opdracht.bestuursproces, volgnummer__lte=opdracht.kop_volgnummer
    )


def tekstrijen(opdracht: Exportopdracht, volgnummers: list[int]) -> list[Tekstrij]:
    """The events ``volgnummers`` in volgnummer order as :func:`tekstregel` reads them, with
    the payload's canonical text instead of the payload: a visible line needs no decoding or
    encoding of its payload at all."""
    # Bounded to the block as well: with the list alone, a planner may walk the case's whole
    # index range for each block.
    return list(
        Gebeurtenis.objects.filter(
            bestuursproces=opdracht.bestuursproces,
            volgnummer__gte=min(volgnummers),
            volgnummer__lte=max(volgnummers),
            volgnummer__in=volgnummers,
        )
        .order_by("volgnummer")
        .annotate(
            _tijdstip=UtcTekst("tijdstip"),
            _geregistreerd=UtcTekst("geregistreerd"),
            _niveau=KeyTextTransform("zichtbaarheid", "payload"),
            # Rows written outside append_event (none in normal use) have no text: their
            # payload comes along and is encoded here.
            _zonder_tekst=Case(
                When(payload_tekst__isnull=True, then=F("payload")),
                default=None,
                output_field=JSONField(),
            ),
        )
        .values_list(*TEKSTVELDEN)
    )


# The two times come as the text the line needs (see UtcTekst), not as datetimes.
TEKSTVELDEN = (
    *VELDEN[:2],
    "_tijdstip",
    "_geregistreerd",
    *VELDEN[4:8],
    "payload_tekst",
    *VELDEN[9:],
    "_niveau",
    "_zonder_tekst",
)


class UtcTekst(Func):
    """A stored moment as the canonical text of :func:`utc_tekst` (``YYYY-MM-DDTHH:MM:SS.
    ffffffZ``), made by the database: a 100,000-line export otherwise builds and formats
    200,000 datetimes. PostgreSQL formats the timestamptz in UTC; SQLite stores UTC text as
    ``YYYY-MM-DD HH:MM:SS[.ffffff]`` (without the fraction when it is zero), rearranged here."""

    output_field = TextField()

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return self.as_sql(
            compiler,
            connection,
            template="to_char(%(expressions)s AT TIME ZONE 'UTC', "
            '\'YYYY-MM-DD"T"HH24:MI:SS.US"Z"\')',
            **extra,
        )

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return self.as_sql(
            compiler,
            connection,
            template="(substr(%(expressions)s, 1, 10) || 'T' || substr(%(expressions)s, 12, 8) "
            "|| '.' || CASE WHEN length(%(expressions)s) > 19 "
            "THEN substr(%(expressions)s, 21, 6) ELSE '000000' END || 'Z')",
            **extra,
        )


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


def afgeschermde_regel(
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
) -> str:
    """The line of an event withheld from the reader (without the newline): :func:`regel` of
    it, byte for byte, for a type that withholds as :meth:`Soort.afgeschermd` does: the payload
    says only that something at ``niveau`` was withheld, the toelichting and the salt are left
    out, and the content hash stays (it proves the event without revealing it). Built from text
    columns alone, so an export for a reader below some events decodes no payload."""
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


def _regels(opdracht: Exportopdracht) -> Iterator[str]:
    yield canonieke_json(kop(opdracht)) + "\n"
    zichtbaar = opdracht.zichtbaar
    afgeschermd = _afgeschermde_regels(opdracht)
    for blok in tekstblokken(opdracht):
        # One piece per block of rows: a stored line goes out as it is, a withheld one is
        # written from its fields; the others are built from their rows.
        klaar = [afgeschermd(r) if r[0] is not None and r[0][0] == "[" else r[0] for r in blok]
        gebouwd = [r[1] for r, tekst in zip(blok, klaar, strict=True) if tekst is None]
        if gebouwd:
            regels = {
                rij[0]: tekstregel(rij, zichtbaar)[:-1] for rij in tekstrijen(opdracht, gebouwd)
            }
            klaar = [
                tekst if tekst is not None else regels[r[1]]
                for r, tekst in zip(blok, klaar, strict=True)
            ]
        yield "\n".join(cast("list[str]", klaar)) + "\n"
    yield canonieke_json(slot(opdracht)) + "\n"


def _afgeschermde_regels(opdracht: Exportopdracht) -> Callable[[tuple[Any, ...]], str | None]:
    """For one export: the withheld line of a :func:`tekstblokken` row that brought the
    fields of one (a JSON array), or ``None`` when its line is built from its row: an event
    released afterwards (its release decides what this reader gets), or one whose type
    withholds otherwise than :meth:`Soort.afgeschermd`. The releases and the types are looked
    up once per export."""
    zicht = als_zicht(opdracht.zichtbaar)
    standaard: dict[str, bool] = {}

    def afgeschermd(rij: tuple[Any, ...]) -> str | None:
        # The releases are read on the first withheld event (once per export), not before.
        if rij[1] in zicht.vrijgegeven(opdracht.bestuursproces.pk):
            return None
        velden = json.loads(rij[0])
        gewoon = standaard.get(velden[0])
        if gewoon is None:
            gewoon = standaard[velden[0]] = type(soort(velden[0])).afgeschermd is Soort.afgeschermd
        return afgeschermde_regel(rij[1], *velden) if gewoon else None

    return afgeschermd


def schrijf(opdracht: Exportopdracht) -> Iterator[bytes]:
    return gebundeld(_regels(opdracht))
