"""The status page in a real headless Chromium (see _browser.py): log in through the form as
procesregisseur and as opdrachtgever, read the list and the case page, switch to a past day,
check the content and the absence of what the role may not see, run axe-core on every page,
and take screenshots at phone and laptop width ($SCREENSHOTS)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone
from django.utils.formats import date_format

from tests.cases._kanaries import GEZIEN_DOOR, KANARIE_PATROON, Kanaries, schrijf_kanaries
from tests.factories import voeg_leden_toe

from . import _proces as p
from ._browser import (
    TELEFOON,
    axe_overtredingen,
    chromium,  # noqa: F401  (fixture)
    foto,
    log_in,
    nieuwe_pagina,
    screenshots,  # noqa: F401  (fixture)
)
from ._proces import Statusproces, bouw_statusproces
from .test_kanaries import PAGINA_SOORTEN

WACHTWOORD = "geheim-wachtwoord"  # tests.factories.GebruikerFactory


@pytest.fixture
def browserproces(regisseur: Any, catalogus: Any) -> tuple[Statusproces, dict[str, Any], Kanaries]:
    """The status case with its members and, on top, the canaries of every kind and level."""
    proces = bouw_statusproces(regisseur)
    leden = voeg_leden_toe(proces.bestuursproces, regisseur)
    return proces, leden, schrijf_kanaries(proces.bestuursproces, leden)


def _geen_overtredingen(page: Any, waar: str) -> None:
    overtredingen = axe_overtredingen(page)
    assert overtredingen == [], f"axe op {waar}: {overtredingen}"


def _datum(waarde: Any) -> str:
    return date_format(timezone.localdate(waarde), "j F Y")


@pytest.mark.parametrize("rol", ["procesregisseur", "opdrachtgever"])
def test_statuspagina_in_de_browser(
    live_server: Any,
    chromium: Any,  # noqa: F811
    screenshots: Path,  # noqa: F811
    browserproces: tuple[Statusproces, dict[str, Any], Kanaries],
    rol: str,
) -> None:
    proces, leden, kanaries = browserproces
    bestuursproces = proces.bestuursproces
    page = nieuwe_pagina(chromium)
    # Nothing may be fetched from anywhere but the live server.
    vreemd: list[str] = []
    page.on(
        "request",
        lambda r: None if r.url.startswith((live_server.url, "data:")) else vreemd.append(r.url),
    )

    page.goto(live_server.url + "/inloggen/")
    _geen_overtredingen(page, "de inlogpagina")
    page.context.clear_cookies()
    log_in(page, live_server.url, leden[rol].username, WACHTWOORD, "/processen/")

    # The list.
    assert page.locator("h1").inner_text() == "Mijn processen"
    assert page.locator("html").get_attribute("lang") == "nl"
    _geen_overtredingen(page, "de lijst")
    foto(page, screenshots, f"{rol}-lijst")

    # The case page, reached by its link.
    page.get_by_role("link", name=bestuursproces.titel).click()
    page.wait_for_load_state()
    assert page.url == f"{live_server.url}/processen/{bestuursproces.uuid}/"
    assert page.locator("h1").inner_text() == bestuursproces.titel
    assert p.WAT in page.locator("#kop-idee + p").inner_text()
    assert p.STIP in page.content()
    huidig = page.locator('ol.stadia li[aria-current="step"]')
    assert huidig.count() == 1
    assert "Houdbaar" in huidig.inner_text()
    assert _datum(p.dagen_geleden(45)) in huidig.inner_text()
    eerste = page.locator("ol.stadia li").first.inner_text()
    assert _datum(bestuursproces.geopend_op) in eerste
    stap = page.locator('section[aria-labelledby="kop-stap"]').inner_text()
    assert p.DOEL_STAP_2 in stap
    assert "Consolideren" in stap
    assert p.WACHTENDE in stap
    besluiten = page.locator('section[aria-labelledby="kop-besluitmomenten"]').inner_text()
    assert p.GEVRAAGD_KOMEND in besluiten
    assert p.GEVRAAGD_VOORBIJ not in besluiten
    veld = page.locator('section[aria-labelledby="kop-krachtenveld"]')
    assert veld.locator('svg[role="img"] title').count() == 1
    assert p.WACHTENDE in veld.locator("table").inner_text()
    standpunt = "Tegenstander" if rol == "procesregisseur" else "Voorstander"
    assert re.search(rf"Grondeigenaar.*\s{standpunt}\s", veld.locator("table").inner_text())
    tijdlijn = page.locator('section[aria-labelledby="kop-tijdlijn"]').inner_text()
    assert "Stadium van voorstelbaar naar houdbaar" in tijdlijn
    assert p.INTERVENTIE in tijdlijn
    aandacht = page.locator('section[aria-labelledby="kop-aandacht"]')
    assert aandacht.locator('svg[role="img"]').count() == 1
    assert "Verbindende veld" in aandacht.locator("table").inner_text()

    # Exactly the canaries this role may see among what the page shows.
    gevonden = set(re.findall(KANARIE_PATROON, page.content()))
    assert gevonden == kanaries.verwacht(rol, PAGINA_SOORTEN)
    assert {niveau for _, niveau in gevonden} == GEZIEN_DOOR[rol]
    _geen_overtredingen(page, "de procespagina")
    foto(page, screenshots, f"{rol}-proces")

    # Keyboard: the skip link is the first stop and leads to the content.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Direct naar de inhoud"

    # The point-in-time switch, through the form.
    op = p.datum(-48)
    page.get_by_label("Toon de stand op").fill(op.isoformat())
    page.get_by_role("button", name="Toon").click()
    page.wait_for_load_state()
    assert page.url.endswith(f"?op={op.isoformat()}")
    assert "U bekijkt een moment in het verleden." in page.locator("#verleden").inner_text()
    assert "Voorstelbaar" in page.locator('ol.stadia li[aria-current="step"]').inner_text()
    assert p.DOEL_STAP_2 not in page.content()
    niveaus = {niveau for _, niveau in re.findall(KANARIE_PATROON, page.content())}
    assert niveaus <= GEZIEN_DOOR[rol]
    _geen_overtredingen(page, "de procespagina in het verleden")
    foto(page, screenshots, f"{rol}-verleden")

    # A date before the case existed: a form error, announced with the field.
    page.get_by_label("Toon de stand op").fill("2000-01-01")
    page.get_by_role("button", name="Toon").click()
    page.wait_for_load_state()
    veldje = page.get_by_label("Toon de stand op")
    assert veldje.get_attribute("aria-invalid") == "true"
    assert "bestond dit bestuursproces nog niet" in page.content()
    _geen_overtredingen(page, "de procespagina met een formulierfout")

    # Readable on a phone: nothing wider than the screen outside the scrollable regions.
    page.set_viewport_size(TELEFOON)
    breedte = page.evaluate("document.documentElement.scrollWidth")
    assert breedte <= TELEFOON["width"], breedte
    assert vreemd == []
