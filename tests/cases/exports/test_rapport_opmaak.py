"""Nothing in the report's PDF runs off the A4 page: every character the PDF places is
measured (pdfminer.six) against the page and its side margins, for the demo and for a case
whose texts are very long (long Toelichting, words longer than a column)."""

from __future__ import annotations

import io
from collections.abc import Iterator
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from pdfminer.high_level import extract_pages
from pdfminer.layout import LTChar, LTComponent, LTContainer

from cases.models import Bestuursproces
from tests.cases._evaluatiecasus import LANGE_TEKST, bouw_evaluatiecasus

from .conftest import exporteer

# The report's @page margin left and right (16 mm) in points, and what rounding may add.
MARGE = 16 / 25.4 * 72
SPELING = 1.0


def tekens(element: LTComponent) -> Iterator[LTChar]:
    if isinstance(element, LTChar):
        yield element
    elif isinstance(element, LTContainer):
        for kind in element:
            yield from tekens(kind)


def buiten_de_pagina(pdf: bytes) -> tuple[int, list[str]]:
    """How many characters the PDF places, and a line for each that lies (partly) outside the
    page or in its side margins."""
    aantal, fouten = 0, []
    for nummer, pagina in enumerate(extract_pages(io.BytesIO(pdf)), start=1):
        links, rechts = MARGE - SPELING, pagina.width - MARGE + SPELING
        for teken in tekens(pagina):
            aantal += 1
            if (
                teken.x0 < links
                or teken.x1 > rechts
                or teken.y0 < -SPELING
                or teken.y1 > pagina.height + SPELING
            ):
                fouten.append(f"p. {nummer}: {teken.get_text()!r} at {teken.bbox}")
    return aantal, fouten


def test_de_meting_ziet_tekst_die_van_de_pagina_loopt() -> None:
    """The measure itself: a line that may not wrap is found outside the page."""
    from weasyprint import HTML

    html = f'<p style="white-space: nowrap">{LANGE_TEKST}</p>'
    pdf = HTML(string=f"<style>@page {{ size: A4; margin: 16mm }}</style>{html}").write_pdf()

    aantal, fouten = buiten_de_pagina(pdf)
    assert aantal > len(LANGE_TEKST) / 2
    assert fouten


@pytest.mark.parametrize("rol", ["procesregisseur", "evaluator"])
def test_lange_teksten_blijven_op_de_pagina(regisseur: Any, rol: str) -> None:
    casus = bouw_evaluatiecasus(regisseur, lang=True)

    aantal, fouten = buiten_de_pagina(exporteer(casus.proces, "pdf", rol))

    assert aantal > 5000
    assert fouten == []


def test_het_rapport_van_de_demo_blijft_op_de_pagina(catalogus: Any, settings: Any) -> None:
    settings.DEBUG = True  # the demo's users are made only on a development machine
    settings.DEMO_PASSWORD = "demo-wachtwoord-123"
    call_command("laad_demo", stdout=StringIO())

    aantal, fouten = buiten_de_pagina(exporteer(Bestuursproces.objects.get(), "pdf", None))

    assert aantal > 5000
    assert fouten == []
