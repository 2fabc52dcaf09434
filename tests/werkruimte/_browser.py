"""What the workspace's browser tests share, on top of the machine's Chromium and axe-core
(tests/statuspagina/_browser.py): a fresh page that notes every request leaving the live
server, logging in as a member, axe-core with 0 violations, the phone width, screenshots, and
the events a step in the page wrote. Each test module keeps its own story; the ``browser``
fixture (tests/werkruimte/conftest.py) hands out a :class:`Browser`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from cases.models import Bestuursproces, Gebeurtenis
from tests.statuspagina._browser import (
    LAPTOP,
    TELEFOON,
    axe_overtredingen,
    foto,
    log_in,
    nieuwe_pagina,
)

WACHTWOORD = "geheim-wachtwoord"  # tests.factories.GebruikerFactory


def schoon(page: Any, waar: str) -> None:
    """axe-core finds no violation on the page as it stands (``waar`` names it)."""
    overtredingen = axe_overtredingen(page)
    assert overtredingen == [], f"axe op {waar}: {overtredingen}"


def past_op_telefoon(page: Any) -> None:
    """At phone width nothing is wider than the screen."""
    page.set_viewport_size(TELEFOON)
    breedte = page.evaluate("document.documentElement.scrollWidth")
    assert breedte <= TELEFOON["width"], breedte
    page.set_viewport_size(LAPTOP)


def laatste(zaak: Bestuursproces) -> int:
    """The case's latest volgnummer, taken before a step in the page."""
    g = Gebeurtenis.objects.filter(bestuursproces=zaak).order_by("-volgnummer").first()
    return g.volgnummer if g else 0


def typen_na(zaak: Bestuursproces, na: int) -> list[str]:
    """The types of the events written after volgnummer ``na``, in order."""
    return list(
        Gebeurtenis.objects.filter(bestuursproces=zaak, volgnummer__gt=na)
        .order_by("volgnummer")
        .values_list("type", flat=True)
    )


class Browser:
    """One test's Chromium against the live server, with where its screenshots go."""

    def __init__(self, chromium: Any, basis: str, screenshots: Path) -> None:
        self.chromium = chromium
        self.basis = basis
        self.screenshots = screenshots

    def pagina(self, *, javascript: bool = True) -> Any:
        """A fresh page (Dutch, Amsterdam time); ``page.vreemd`` lists every request that
        went anywhere but the live server."""
        if javascript:
            page = nieuwe_pagina(self.chromium)
        else:
            page = self.chromium.new_context(
                locale="nl-NL",
                timezone_id="Europe/Amsterdam",
                viewport=LAPTOP,
                java_script_enabled=False,
            ).new_page()
        vreemd: list[str] = []
        page.on(
            "request",
            lambda r: None if r.url.startswith((self.basis, "data:")) else vreemd.append(r.url),
        )
        page.vreemd = vreemd
        return page

    def open(self, gebruiker: Any, pad: str, *, javascript: bool = True) -> Any:
        """A fresh page logged in as ``gebruiker`` (a user or a username) at ``pad``."""
        page = self.pagina(javascript=javascript)
        self.log_in(page, gebruiker, pad)
        return page

    def log_in(self, page: Any, gebruiker: Any, pad: str) -> None:
        naam = gebruiker if isinstance(gebruiker, str) else gebruiker.username
        log_in(page, self.basis, naam, WACHTWOORD, pad)

    def foto(self, page: Any, naam: str) -> None:
        """Full-page screenshots at phone and laptop width."""
        foto(page, self.screenshots, naam)

    def bekijk(self, page: Any, naam: str, waar: str, *, axe: bool = True) -> None:
        """axe-core and the phone width on the page as it stands, then its screenshots.

        Both run in the page, so not where JavaScript is off (``axe=False``; the same HTML is
        checked in the run with JavaScript)."""
        if axe:
            schoon(page, waar)
            past_op_telefoon(page)
        self.foto(page, naam)
