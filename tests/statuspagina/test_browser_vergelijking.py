"""Processen vergelijken in a real headless Chromium (see _browser.py): an evaluator reaches
it from Mijn processen, reads both tables, the scroll regions take the keyboard, axe-core finds
no violations at laptop and phone width, and screenshots go to $SCREENSHOTS."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from cases import services
from tests.cases._evaluatiecasus import bouw_evaluatiecasus
from tests.factories import GebruikerFactory, actor_voor, open_proces

from ._browser import (
    TELEFOON,
    axe_overtredingen,
    chromium,  # noqa: F401  (fixture)
    foto,
    log_in,
    nieuwe_pagina,
    screenshots,  # noqa: F401  (fixture)
)

WACHTWOORD = "geheim-wachtwoord"  # tests.factories.GebruikerFactory
VREEMD = "Proces waar de evaluator geen lid van is"


def test_vergelijking_in_de_browser(
    live_server: Any,
    chromium: Any,  # noqa: F811
    screenshots: Path,  # noqa: F811
    regisseur: Any,
) -> None:
    casus = bouw_evaluatiecasus(regisseur)
    tweede = open_proces(regisseur, titel="Brede school Noord")
    open_proces(regisseur, titel=VREEMD)
    evaluator: Any = GebruikerFactory(username="eva")
    for proces in (casus.proces, tweede):
        services.voeg_lid_toe(
            actor=actor_voor(regisseur), bestuursproces=proces, gebruiker=evaluator, rol="evaluator"
        )
    page = nieuwe_pagina(chromium)
    log_in(page, live_server.url, evaluator.username, WACHTWOORD, "/processen/")

    page.get_by_role("link", name="Processen vergelijken").click()
    page.wait_for_load_state()
    assert page.url == f"{live_server.url}/processen/vergelijking/"
    assert page.locator("h1").inner_text() == "Processen vergelijken"
    duur = page.get_by_role("region", name="Dagen per stadium", exact=False)
    assert casus.proces.titel in duur.inner_text()
    assert "Brede school Noord" in duur.inner_text()
    interventies = page.get_by_role("region", name="Interventies per veld: aantal en uitkomst")
    assert "ja 1, deels 0, nee 0" in interventies.inner_text()
    assert VREEMD not in page.content()

    # Both wide tables scroll by keyboard: each region is a tab stop.
    for regio in (duur, interventies):
        regio.focus()
        assert page.evaluate("document.activeElement.getAttribute('role')") == "region"

    overtredingen = axe_overtredingen(page)
    assert overtredingen == [], overtredingen
    page.set_viewport_size(TELEFOON)
    overtredingen = axe_overtredingen(page)
    assert overtredingen == [], overtredingen
    foto(page, screenshots, "evaluator-vergelijking")
