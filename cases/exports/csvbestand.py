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
from collections.abc import Iterator
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


def _regels(opdracht: Exportopdracht) -> Iterator[str]:
    buffer = io.StringIO()
    schrijver = csv.writer(buffer, delimiter=SCHEIDINGSTEKEN, lineterminator="\r\n")

    def leeg() -> str:
        tekst = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return tekst

    weergave = Weergave()
    schrijver.writerow(KOLOMMEN)
    yield BOM + leeg()
    for rij in opdracht.rijen():
        schrijver.writerow(_rij(rij, opdracht.zichtbaar, weergave))
        yield leeg()


def schrijf(opdracht: Exportopdracht) -> Iterator[bytes]:
    return gebundeld(_regels(opdracht))
