"""Short forms of texts for labels: a list, a choice, a title line."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.formats import date_format

ELLIPS = "…"


def afgekort(tekst: str, lengte: int = 60) -> str:
    """At most ``lengte`` characters, cut after a whole word and marked with an ellipsis.

    Whitespace (line breaks too) becomes single spaces, so a label is one line. A single word
    longer than ``lengte`` is the only thing cut inside a word.
    """
    tekst = " ".join(tekst.split())
    if len(tekst) <= lengte:
        return tekst
    deel = tekst[: lengte - len(ELLIPS) + 1]
    if not deel.endswith(" ") and " " in deel:
        deel = deel[: deel.rindex(" ")]  # the last word was cut: leave it out
    else:
        deel = deel[: lengte - len(ELLIPS)]
    return deel.rstrip(" ,;:.-–—") + ELLIPS


def datum(moment: dt.datetime | dt.date) -> str:
    """A date in Dutch notation ("6 december 2026"); a moment by its Dutch day (stored in UTC,
    it may be the day before in UTC)."""
    if isinstance(moment, dt.datetime):
        moment = timezone.localdate(moment)
    return date_format(moment, "j F Y")
