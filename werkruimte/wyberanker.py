"""After an htmx form, land on the part of the page the change was made in.

``verwerk`` answers a successful htmx POST with ``HX-Redirect``; htmx then sets
``location.href``. When the target differs from the current page only by its fragment
(``.../wyberen/#stap-3`` from ``.../wyberen/``), the browser merely scrolls: the page keeps the
old form and never shows the new state. ``HX-Refresh: true`` beside it makes htmx reload after
setting the address, so the page is fetched anew and opens at the fragment. Used by the tasks
Idee en procesontwerp, Wyberen and Interventies; it belongs in ``formulieren.verwerk``.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.http import HttpRequest, HttpResponse


def _zonder_fragment(adres: str) -> tuple[str, str]:
    delen = urlsplit(adres)
    return delen.path, delen.query


def ververs_bij_anker(request: HttpRequest, antwoord: HttpResponse) -> HttpResponse:
    """Add ``HX-Refresh: true`` to an htmx redirect that only changes the fragment."""
    doel = antwoord.headers.get("HX-Redirect")
    huidig = request.headers.get("HX-Current-URL")
    if doel and huidig and "#" in doel and _zonder_fragment(doel) == _zonder_fragment(huidig):
        antwoord.headers["HX-Refresh"] = "true"
    return antwoord
