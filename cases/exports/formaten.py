"""The export formats: code, file extension, media type and the writer of each."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.utils import timezone
from django.utils.functional import Promise
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from . import csvbestand, jsonl, ocel, rapport, xes
from .gebeurtenissen import Exportopdracht

Schrijver = Callable[[Exportopdracht], Iterator[bytes]]


@dataclass(frozen=True)
class Formaat:
    code: str
    extensie: str
    media_type: str
    omschrijving: str | Promise  # in the reader's language
    schrijver: Schrijver


FORMATEN: dict[str, Formaat] = {
    f.code: f
    for f in (
        Formaat(
            "jsonl",
            "jsonl",
            jsonl.MEDIA_TYPE,
            _(
                "JSON Lines: kop, één gebeurtenis per regel met hashes, slot met de kop van de "
                "keten; controleerbaar met verifieer_export."
            ),
            jsonl.schrijf,
        ),
        Formaat(
            "csv",
            "csv",
            csvbestand.MEDIA_TYPE,
            _(
                "CSV (UTF-8 met BOM, puntkomma) voor spreadsheets, beveiligd tegen formules; "
                "tijden ook als dd-mm-jjjj uu:mm voor Excel; per gebeurtenistype met een kolom "
                "per gegeven."
            ),
            csvbestand.schrijf,
        ),
        Formaat(
            "xes",
            "xes",
            xes.MEDIA_TYPE,
            _(
                "XES (IEEE 1849-2016) voor process mining: het bestuursproces als één trace, of "
                "een trace per object (casus)."
            ),
            xes.schrijf,
        ),
        Formaat(
            "ocel",
            "ocel.json",
            ocel.MEDIA_TYPE,
            _(
                "OCEL 2.0 (JSON) voor object-centrische process mining: elke gebeurtenis met de "
                "objecten waar zij over gaat (partijen, wyber-stappen, opties, interventies, "
                "stadia), in werkelijke tijd."
            ),
            ocel.schrijf,
        ),
        Formaat(
            "html",
            "html",
            rapport.HTML_MEDIA_TYPE,
            _("Evaluatierapport als losse HTML-pagina."),
            rapport.schrijf_html,
        ),
        Formaat(
            "pdf",
            "pdf",
            rapport.PDF_MEDIA_TYPE,
            _("Evaluatierapport als PDF."),
            rapport.schrijf_pdf,
        ),
    )
}


def afgeschermde_onderdelen(opdracht: Exportopdracht) -> str:
    """The X-Export-Afgeschermd-Onderdelen of a download: ``interventies=6 reflecties=2``,
    per section what the viewer may not read; empty when nothing is withheld."""
    return " ".join(
        f"{naam}={aantal}" for naam, aantal in opdracht.afgeschermd_per_onderdeel.items()
    )


def bestandsnaam(opdracht: Exportopdracht, formaat: Formaat, op: dt.datetime | None = None) -> str:
    """``<slug of the title>-<date>.<ext>``: nothing personal beyond the case's title. A CSV
    of one event type says the type (``-interventie-gelogd``), an XES with another case
    notion says it (``-per-interventie``): saved in one folder, they would otherwise
    overwrite the export of the whole case."""
    datum = timezone.localdate(op or opdracht.geexporteerd_op)
    naam = slugify(opdracht.bestuursproces.titel)[:80].strip("-") or "bestuursproces"
    if opdracht.gebeurtenistype:
        naam += "-" + opdracht.gebeurtenistype.replace(".", "-")
    if opdracht.casus != "bestuursproces":
        naam += "-per-" + opdracht.casus
    return f"{naam}-{datum.isoformat()}.{formaat.extensie}"
