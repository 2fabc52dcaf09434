"""JSON Lines: a header, one event a line, and a closing line with the chain head; how the
lines are read from the database and streamed (each line is written by
:mod:`cases.exports.jsonl_regels`).

Every line is canonical JSON (sorted keys, no whitespace), so the file is byte-for-byte the
same for the same export. An event line holds every field its hash covers, in the form the
hash was computed over (UTC times with microseconds and ``Z``); together with the case uuid in
the header that lets :mod:`cases.exports.verificatie` recompute each visible event's hash
without the database.
"""

from __future__ import annotations

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
from cases.models import ALLE_NIVEAUS, Gebeurtenis, Zichtbaarheid

from . import gebeurtenissen
from .documenten import documentversies
from .gebeurtenissen import FORMAATVERSIE, VELDEN, Exportopdracht, gebundeld
from .jsonl_regels import AFGESCHERMD, Tekstrij, afgeschermde_regel, tekstregel

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
        return afgeschermde_regel(rij[1], velden) if gewoon else None

    return afgeschermd


def schrijf(opdracht: Exportopdracht) -> Iterator[bytes]:
    return gebundeld(_regels(opdracht))
