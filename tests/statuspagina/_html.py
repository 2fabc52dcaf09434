"""Reading the status page's HTML in tests: its text, and the parts the tests look at."""

from __future__ import annotations

import html
import re
from typing import Any


def tekst(inhoud: str | bytes) -> str:
    """The visible text of a page, whitespace collapsed (charts and their SVG text left out)."""
    if isinstance(inhoud, bytes):
        inhoud = inhoud.decode()
    inhoud = re.sub(r"<svg.*?</svg>", " ", inhoud, flags=re.S)
    inhoud = re.sub(r"<(script|style|title)\b.*?</\1>", " ", inhoud, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", inhoud)).split())


def sectie(inhoud: str | bytes, kop_id: str) -> str:
    """The text of the section labelled by the heading with this id."""
    if isinstance(inhoud, bytes):
        inhoud = inhoud.decode()
    gevonden = re.search(
        rf'<section[^>]*aria-labelledby="{kop_id}".*?</section>', inhoud, flags=re.S
    )
    assert gevonden, f"section {kop_id} missing"
    return tekst(gevonden.group(0))


def stadia(inhoud: str | bytes) -> list[dict[str, Any]]:
    """The steps of the progress indicator: name, text and whether it is aria-current."""
    if isinstance(inhoud, bytes):
        inhoud = inhoud.decode()
    lijst = re.search(r'<ol class="stadia".*?</ol>', inhoud, flags=re.S)
    assert lijst, "the stadium indicator is missing"
    return [
        {
            "huidig": 'aria-current="step"' in m.group(1),
            "naam": tekst(m.group(2)),
            "tekst": tekst(m.group(3)),
        }
        for m in re.finditer(
            r'<li([^>]*)>\s*<span class="stadia__naam">(.*?)</span>\s*'
            r'<span class="stadia__stand">(.*?)</span>',
            lijst.group(0),
            flags=re.S,
        )
    ]
