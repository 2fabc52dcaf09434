"""CSV for spreadsheets: one event a row, the main fields flattened.

Semicolon-separated and UTF-8 with a byte order mark, because that is what a Dutch Excel
opens without an import wizard (it takes the list separator from the locale, which is ``;``
where the decimal separator is a comma). Times are Dutch local time twice: ISO 8601 with
their offset (exact, for programs), and ``dd-mm-jjjj uu:mm`` (``...Excel`` columns), which a
Dutch Excel reads as a date and time it can sort, filter and subtract.

``tijdstip`` is when the event happened, as XES and OCEL give it (world time: a date
correction the viewer may read moves it, and the opening stands where it was moved earlier
to); the recorded moment of a corrected event, which its hash covers, is in
``tijdstipVoorCorrectie`` (empty when not corrected). An item on a date of its own (an
interventie's datum, uitgevoerdOp or geevalueerdOp, a besluit's datum, a positionering's
sinds) has that date, as the tijdlijn places it, in ``eigenDatum`` (ISO, empty for other types
and for withheld rows); see :class:`~.wereldtijd.Wereldtijd`. The rows stay in the
chain's order (volgnummer).

Two shapes. Every event (the default): the envelope, and the payload as one JSON cell; its
columns are those of earlier versions, the Excel dates and the two above added at the end.
Per event type (``gebeurtenistype`` of the export: a registered code such as
``interventie.gelogd``, or a sub-domain such as ``interventie`` for all its types): the events
of those types only, with a column per payload key instead of the JSON cell. The columns come
from the types' registrations (their ``sleutels``); a key that holds an object
(``interventie`` of ``interventie.gelogd``) becomes a column per field (``interventie.titel``,
...), the fields found in a first pass over the events the viewer may read. Lists of values
are joined by commas; deeper structures stay JSON.

Every cell that a spreadsheet could take for a formula (starting with ``=``, ``+``, ``-``,
``@``, a tab or a carriage return) gets a leading apostrophe (OWASP, CSV injection): the text
of a toelichting or payload is the users', and must never run as a formula on an evaluator's
machine.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice
from typing import Any, cast

from cases.events import soorten
from cases.models import Gebeurtenis

from .gebeurtenissen import (
    CHUNK,
    JSON_REGEL,
    VELDEN,
    Exportopdracht,
    Inhoud,
    Rij,
    Weergave,
    gebundeld,
    inhoud_van_rij,
)
from .wereldtijd import Wereldtijd, wereldtijd

MEDIA_TYPE = "text/csv; charset=utf-8"
SCHEIDINGSTEKEN = ";"
BOM = "\ufeff"
KOLOMMEN = [
    "volgnummer",
    "type",
    "typeOmschrijving",
    "tijdstip",
    "geregistreerd",
    "actor",
    "actorNaam",
    "herkomst",
    "toelichting",
    "zichtbaarheid",
    "afgeschermd",
    "payload",
    "vorigeHash",
    "hash",
    "tijdstipExcel",
    "geregistreerdExcel",
    "tijdstipVoorCorrectie",
    "eigenDatum",
]
# What a Dutch Excel reads as a date and time: dd-mm-jjjj uu:mm, in Dutch local time.
EXCEL_TIJD = "%d-%m-%Y %H:%M"
# The columns of a per-type export around its payload columns.
ENVELOP = [
    "volgnummer",
    "type",
    "typeOmschrijving",
    "tijdstip",
    "tijdstipExcel",
    "tijdstipVoorCorrectie",
    "eigenDatum",
    "geregistreerd",
    "geregistreerdExcel",
    "actor",
    "actorNaam",
    "herkomst",
    "toelichting",
    "zichtbaarheid",
    "afgeschermd",
]
SLOT = ["vorigeHash", "hash"]
# Payload keys that the envelope carries already.
IN_ENVELOP = frozenset({"zichtbaarheid", "afgeschermd"})
GEVAARLIJK = ("=", "+", "-", "@", "\t", "\r")


def onschadelijk(waarde: Any) -> str:
    """The cell's text, with a leading apostrophe if a spreadsheet could read it as a formula."""
    tekst = "" if waarde is None else str(waarde)
    return "'" + tekst if tekst.startswith(GEVAARLIJK) else tekst


def iso_en_excel(lokaal: dt.datetime) -> tuple[str, str]:
    """A local time as ISO 8601 and as :data:`EXCEL_TIJD`, the latter cut from the former
    (``strftime`` costs more than the rest of a row's times together)."""
    iso = lokaal.isoformat()
    if lokaal.year < 1000:  # ISO pads the year to four digits, strftime does not
        return iso, lokaal.strftime(EXCEL_TIJD)
    return iso, f"{iso[8:10]}-{iso[5:7]}-{iso[:4]} {iso[11:16]}"


def _tijden(
    rij: Rij, inhoud: Inhoud, wereldtijd: Wereldtijd, weergave: Weergave
) -> tuple[dt.datetime, str, str]:
    """When the event happened (its world time), its recorded moment if a correction moved it
    (else empty), and the date its item stands on (empty for other types, and withheld with
    the content)."""
    voor_correctie = wereldtijd.voor_correctie(rij)
    eigen = None if inhoud.afgeschermd else wereldtijd.eigen_datum(rij)
    return (
        wereldtijd.moment(rij),
        "" if voor_correctie is None else weergave.lokaal(voor_correctie).isoformat(),
        "" if eigen is None else eigen.isoformat(),
    )


def _rij(
    rij: Rij, zichtbaar: frozenset[str], weergave: Weergave, wereldtijd: Wereldtijd
) -> list[Any]:
    """An event's cells. Only the users' text (who, where from, why) and the type's label can
    start like a formula; every other cell is a number, a code, a time, a hash or a JSON
    object, which cannot, and goes as it is (``csv`` writes None as an empty cell)."""
    volgnummer, type_, _tijdstip, geregistreerd, actor, actor_naam, herkomst = rij[:7]
    inhoud = inhoud_van_rij(rij, zichtbaar)
    moment, voor_correctie, eigen_datum = _tijden(rij, inhoud, wereldtijd, weergave)
    moment_iso, moment_excel = iso_en_excel(weergave.lokaal(moment))
    geregistreerd_iso, geregistreerd_excel = iso_en_excel(weergave.lokaal(geregistreerd))
    return [
        volgnummer,
        type_,
        onschadelijk(weergave.label(type_)),
        moment_iso,
        geregistreerd_iso,
        onschadelijk(actor),
        onschadelijk(actor_naam),
        onschadelijk(herkomst),
        onschadelijk(inhoud.toelichting),
        inhoud.zichtbaarheid,
        "ja" if inhoud.afgeschermd else "nee",
        JSON_REGEL.encode(inhoud.payload),
        rij[9],
        rij[10],
        moment_excel,
        geregistreerd_excel,
        voor_correctie,
        eigen_datum,
    ]


# --- per event type -----------------------------------------------------------------------


def typen_van(keuze: str) -> list[str]:
    """The registered codes a per-type export holds: the code itself, or every type of a
    sub-domain (``interventie`` → ``interventie.gelogd``, ``interventie.uitgevoerd``, ...)."""
    return [code for code in soorten.alle() if code == keuze or code.split(".", 1)[0] == keuze]


def typekeuzes() -> list[str]:
    """Every value ``gebeurtenistype`` may take: the sub-domains, then the codes."""
    codes = list(soorten.alle())
    return sorted({code.split(".", 1)[0] for code in codes}) + codes


@dataclass(frozen=True)
class Kolom:
    """A payload column: a key of the payload, or one field of the object under a key."""

    sleutel: str
    veld: str | None = None

    @property
    def naam(self) -> str:
        return self.sleutel if self.veld is None else f"{self.sleutel}.{self.veld}"

    def waarde(self, payload: dict[str, Any]) -> Any:
        waarde = payload.get(self.sleutel)
        if self.veld is None:
            return None if isinstance(waarde, dict) else waarde
        return waarde.get(self.veld) if isinstance(waarde, dict) else None


def cel(waarde: Any) -> str:
    """A payload value as a spreadsheet reads it."""
    if waarde is None:
        return ""
    if isinstance(waarde, bool):
        return "ja" if waarde else "nee"
    if isinstance(waarde, list) and all(not isinstance(w, dict | list) for w in waarde):
        return ", ".join("" if w is None else str(w) for w in waarde)
    if isinstance(waarde, dict | list):
        return JSON_REGEL.encode(waarde)
    return str(waarde)


def _rijen_van(opdracht: Exportopdracht, codes: list[str]) -> Iterator[Rij]:
    """The covered events of these types, in volgnummer order, in chunks."""
    rijen = (
        Gebeurtenis.objects.filter(
            bestuursproces=opdracht.bestuursproces,
            volgnummer__lte=opdracht.kop_volgnummer,
            type__in=codes,
        )
        .order_by("volgnummer")
        .values_list(*VELDEN)
        .iterator(chunk_size=CHUNK)
    )
    return cast("Iterator[Rij]", rijen)


def kolommen_van(codes: list[str], payloads: Iterable[dict[str, Any]]) -> list[Kolom]:
    """The payload columns: the registered keys of the types in registration order (then any
    other key met), each key that holds an object split into its fields as met in
    ``payloads`` (what the viewer may read)."""
    sleutels = dict.fromkeys(s for code in codes for s in soorten.soort(code).sleutels)
    velden: dict[str, dict[str, None]] = {s: {} for s in sleutels}
    enkelvoudig: set[str] = set()
    for payload in payloads:
        for sleutel, waarde in payload.items():
            if sleutel in IN_ENVELOP:
                continue
            if sleutel not in velden:
                sleutels[sleutel] = None
                velden[sleutel] = {}
            if isinstance(waarde, dict):
                velden[sleutel].update(dict.fromkeys(waarde))
            else:
                enkelvoudig.add(sleutel)
    kolommen = []
    for sleutel in sleutels:
        if sleutel in enkelvoudig or not velden[sleutel]:
            kolommen.append(Kolom(sleutel))
        kolommen.extend(Kolom(sleutel, veld) for veld in velden[sleutel])
    return kolommen


def _typerij(
    rij: Rij,
    zichtbaar: frozenset[str],
    weergave: Weergave,
    wereldtijd: Wereldtijd,
    kolommen: list[Kolom],
) -> list[str]:
    volgnummer, type_, _tijdstip, geregistreerd, actor, actor_naam, herkomst = rij[:7]
    inhoud = inhoud_van_rij(rij, zichtbaar)
    payload = {} if inhoud.afgeschermd else inhoud.payload
    moment, voor_correctie, eigen_datum = _tijden(rij, inhoud, wereldtijd, weergave)
    moment_iso, moment_excel = iso_en_excel(weergave.lokaal(moment))
    geregistreerd_iso, geregistreerd_excel = iso_en_excel(weergave.lokaal(geregistreerd))
    cellen = [
        volgnummer,
        type_,
        weergave.label(type_),
        moment_iso,
        moment_excel,
        voor_correctie,
        eigen_datum,
        geregistreerd_iso,
        geregistreerd_excel,
        actor,
        actor_naam,
        herkomst,
        inhoud.toelichting,
        inhoud.zichtbaarheid,
        "ja" if inhoud.afgeschermd else "nee",
        *(cel(kolom.waarde(payload)) for kolom in kolommen),
        rij[9],
        rij[10],
    ]
    return [onschadelijk(c) for c in cellen]


# --- writing ------------------------------------------------------------------------------


# Rows handed to the csv module at once: some tens of KiB of text, about one bundle.
RIJEN_PER_SCHRIJFBEURT = 100


class _Regels:
    """CSV lines as text, one ``csv.writer`` over a reused buffer."""

    def __init__(self) -> None:
        self.buffer = io.StringIO()
        self.schrijver = csv.writer(self.buffer, delimiter=SCHEIDINGSTEKEN, lineterminator="\r\n")

    def regel(self, cellen: Sequence[Any]) -> str:
        return self.regels([cellen])

    def regels(self, rijen: Iterable[Sequence[Any]]) -> str:
        self.schrijver.writerows(rijen)
        tekst = self.buffer.getvalue()
        self.buffer.seek(0)
        self.buffer.truncate()
        return tekst


def kopregel(voorkolommen: Sequence[str] = ()) -> str:
    """The file's first line (with the BOM): ``voorkolommen`` and then :data:`KOLOMMEN`."""
    return BOM + _Regels().regel([*voorkolommen, *KOLOMMEN])


def rijregels(opdracht: Exportopdracht, voorwaarden: Sequence[str] = ()) -> Iterator[str]:
    """One line per event of the export, each starting with the cells ``voorwaarden`` (the
    export across cases puts the case there), made as harmless as the others."""
    regels = _Regels()
    weergave = Weergave()
    tijden = wereldtijd(opdracht)
    voor = [onschadelijk(waarde) for waarde in voorwaarden]
    zichtbaar = opdracht.zichtbaar
    # Written a batch of rows at a time: one call into the csv module per batch, not per row.
    rijen = opdracht.rijen()
    while batch := list(islice(rijen, RIJEN_PER_SCHRIJFBEURT)):
        yield regels.regels([*voor, *_rij(rij, zichtbaar, weergave, tijden)] for rij in batch)


def _typeregels(opdracht: Exportopdracht) -> Iterator[str]:
    """The events of one type or sub-domain, a column per payload key."""
    codes = typen_van(opdracht.gebeurtenistype)
    zichtbaar = opdracht.zichtbaar
    kolommen = kolommen_van(
        codes,
        (
            inhoud.payload
            for inhoud in (inhoud_van_rij(rij, zichtbaar) for rij in _rijen_van(opdracht, codes))
            if not inhoud.afgeschermd
        ),
    )
    regels = _Regels()
    weergave = Weergave()
    tijden = wereldtijd(opdracht)
    yield BOM + regels.regel([*ENVELOP, *(k.naam for k in kolommen), *SLOT])
    for rij in _rijen_van(opdracht, codes):
        yield regels.regel(_typerij(rij, zichtbaar, weergave, tijden, kolommen))


def _regels(opdracht: Exportopdracht) -> Iterator[str]:
    if opdracht.gebeurtenistype:
        yield from _typeregels(opdracht)
        return
    yield kopregel()
    yield from rijregels(opdracht)


def schrijf(opdracht: Exportopdracht) -> Iterator[bytes]:
    return gebundeld(_regels(opdracht))


# The columns the export across cases puts before each event's: which case it is of.
VOORKOLOMMEN_OVER_PROCESSEN = ("bestuursproces", "bestuursprocesTitel")


def _regels_over_processen(opdrachten: Sequence[Exportopdracht]) -> Iterator[str]:
    yield kopregel(VOORKOLOMMEN_OVER_PROCESSEN)
    for opdracht in opdrachten:
        zaak = opdracht.bestuursproces
        yield from rijregels(opdracht, (str(zaak.uuid), zaak.titel))


def schrijf_over_processen(opdrachten: Sequence[Exportopdracht]) -> Iterator[bytes]:
    """One CSV of several cases, each case's rows redacted as its own export would be."""
    return gebundeld(_regels_over_processen(opdrachten))
