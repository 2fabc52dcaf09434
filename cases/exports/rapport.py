"""The evaluation report, as a self-contained HTML page and as a PDF of the same template.

The HTML carries its CSS and SVG inline and refers to nothing outside itself, so it reads the
same when opened from disk years later. The PDF is that HTML laid out by WeasyPrint, with a
fetcher that refuses every URL so that rendering never reaches the network.

Unlike the event exports, the report is rendered as a whole before it is sent: it summarises
the case (stadia, steps, interventions, shifts, the tijdlijn), so its size follows what
happened in the case, not the raw number of events, and a PDF cannot be laid out in pieces.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, NoReturn

from django.template.loader import render_to_string

from .gebeurtenissen import BUNDEL, Exportopdracht
from .rapport_gegevens import rapport_context

HTML_MEDIA_TYPE = "text/html; charset=utf-8"
PDF_MEDIA_TYPE = "application/pdf"
TEMPLATE = "exports/evaluatierapport.html"


def html(opdracht: Exportopdracht) -> str:
    return render_to_string(TEMPLATE, rapport_context(opdracht))


def _in_stukken(inhoud: bytes) -> Iterator[bytes]:
    for begin in range(0, len(inhoud), BUNDEL):
        yield inhoud[begin : begin + BUNDEL]


def schrijf_html(opdracht: Exportopdracht) -> Iterator[bytes]:
    yield from _in_stukken(html(opdracht).encode("utf-8"))


def _geen_netwerk(url: str, *args: Any, **kwargs: Any) -> NoReturn:
    raise ValueError(f"Het evaluatierapport haalt niets van buiten op ({url}).")


def pdf(opdracht: Exportopdracht) -> bytes:
    # Imported here: WeasyPrint loads Pango at import, which only the PDF needs.
    from weasyprint import HTML

    document: bytes = HTML(string=html(opdracht), url_fetcher=_geen_netwerk).write_pdf()
    return document


def schrijf_pdf(opdracht: Exportopdracht) -> Iterator[bytes]:
    yield from _in_stukken(pdf(opdracht))
