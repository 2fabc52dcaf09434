"""CSV for spreadsheets: one event a row, the main fields flattened.

Semicolon-separated and UTF-8 with a byte order mark, because that is what a Dutch Excel
opens without an import wizard (it takes the list separator from the locale, which is ``;``
where the decimal separator is a comma). Times are Dutch local time with their offset.

Every cell that a spreadsheet could take for a formula (starting with ``=``, ``+``, ``-``,
``@``, a tab or a carriage return) gets a leading apostrophe (OWASP, CSV injection): the text
of a toelichting or payload is the users', and must never run as a formula on an evaluator's
machine.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Sequence
from typing import Any

from .gebeurtenissen import JSON_REGEL, Exportopdracht, Rij, Weergave, gebundeld, inhoud_van_rij

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
]
GEVAARLIJK = ("=", "+", "-", "@", "\t", "\r")


def onschadelijk(waarde: Any) -> str:
    """The cell's text, with a leading apostrophe if a spreadsheet could read it as a formula."""
    tekst = "" if waarde is None else str(waarde)
    return "'" + tekst if tekst.startswith(GEVAARLIJK) else tekst


def _rij(rij: Rij, zichtbaar: frozenset[str], weergave: Weergave) -> list[str]:
    volgnummer, type_, tijdstip, geregistreerd, actor, actor_naam, herkomst = rij[:7]
    inhoud = inhoud_van_rij(rij, zichtbaar)
    cellen = [
        volgnummer,
        type_,
        weergave.label(type_),
        weergave.lokaal(tijdstip).isoformat(),
        weergave.lokaal(geregistreerd).isoformat(),
        actor,
        actor_naam,
        herkomst,
        inhoud.toelichting,
        inhoud.zichtbaarheid,
        "ja" if inhoud.afgeschermd else "nee",
        JSON_REGEL.encode(inhoud.payload),
        rij[9],
        rij[10],
    ]
    return [onschadelijk(cel) for cel in cellen]


class _Regels:
    """CSV lines as text, one ``csv.writer`` over a reused buffer."""

    def __init__(self) -> None:
        self.buffer = io.StringIO()
        self.schrijver = csv.writer(self.buffer, delimiter=SCHEIDINGSTEKEN, lineterminator="\r\n")

    def regel(self, cellen: Sequence[Any]) -> str:
        self.schrijver.writerow(cellen)
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
    voor = [onschadelijk(waarde) for waarde in voorwaarden]
    for rij in opdracht.rijen():
        yield regels.regel([*voor, *_rij(rij, opdracht.zichtbaar, weergave)])


def _regels(opdracht: Exportopdracht) -> Iterator[str]:
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
