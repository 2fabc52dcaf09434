"""A real headless browser for the status page tests: the machine's Chromium driven by
Playwright, offline, with axe-core injected from node_modules.

Playwright never downloads a browser here: it launches ``/usr/bin/chromium`` (Debian package
``chromium``, installed by make test) with the flags that keep it off the network. Without
Chromium, Playwright, axe-core or the NL Design System CSS (``make assets``) the browser tests
fail loudly when ``CI`` is true and are skipped with the reason otherwise, as
scripts/met_postgres.py treats a missing PostgreSQL.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
VENDOR = Path(settings.BASE_DIR) / "statuspagina" / "static" / "statuspagina" / "vendor"
TELEFOON = {"width": 390, "height": 844}
LAPTOP = {"width": 1366, "height": 768}
# What axe checks: WCAG 2.1 A and AA, and its best practices (landmarks, headings, regions).
AXE_REGELS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]


def _wat_ontbreekt() -> str | None:
    if not CHROMIUM.exists():
        return f"Chromium ontbreekt ({CHROMIUM}; apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright ontbreekt (pip install -r requirements/dev.txt)"
    if not AXE.exists():
        return f"axe-core ontbreekt ({AXE}; make assets)"
    if not (VENDOR / "utrecht-component-library.css").exists():
        return f"de NL Design System-CSS ontbreekt ({VENDOR}; make assets)"
    return None


def vereis_browser() -> None:
    reden = _wat_ontbreekt()
    if reden is None:
        return
    if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
        balk = "!" * 78
        pytest.fail(
            f"\n{balk}\n!! {reden}: de browsertests zijn VERPLICHT in CI en MISLUKT.\n{balk}",
            pytrace=False,
        )
    pytest.skip(f"browsertests overgeslagen: {reden}")


@pytest.fixture(scope="session")
def screenshots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where screenshots go: $SCREENSHOTS, or pytest's temporary directory of this run (it
    keeps the last few runs and removes older ones; a directory of our own stayed behind
    after every run)."""
    gekozen = os.environ.get("SCREENSHOTS")
    if not gekozen:
        return tmp_path_factory.mktemp("screenshots")
    map_ = Path(gekozen)
    map_.mkdir(parents=True, exist_ok=True)
    return map_


@pytest.fixture
def chromium(monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """A headless Chromium for one test."""
    vereis_browser()
    # Playwright's sync API keeps an event loop in this thread; the test's own database work
    # (fixtures, assertions) is synchronous and safe, so Django's async guard is lifted.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    monkeypatch.setenv("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        try:
            yield browser
        finally:
            browser.close()


def nieuwe_pagina(browser: Any, viewport: dict[str, int] = LAPTOP) -> Any:
    """A page in a fresh context: Dutch, Amsterdam time, no network beyond the live server."""
    context = browser.new_context(locale="nl-NL", timezone_id="Europe/Amsterdam", viewport=viewport)
    return context.new_page()


def log_in(page: Any, basis: str, gebruikersnaam: str, wachtwoord: str, pad: str) -> None:
    """Open ``pad``, which sends an anonymous visitor to the login form; log in there."""
    page.goto(basis + pad)
    assert "/inloggen/" in page.url, page.url
    page.get_by_label("Gebruikersnaam").fill(gebruikersnaam)
    page.get_by_label("Wachtwoord").fill(wachtwoord)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_load_state()
    assert page.url == basis + pad, page.url


def axe_overtredingen(page: Any) -> list[dict[str, Any]]:
    """Run axe-core on the page; its violations, each with rule id, impact and the nodes."""
    # Evaluated through the DevTools protocol rather than as a <script> tag: the pages'
    # Content-Security-Policy refuses inline scripts, and the test must not lift it.
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE.read_text(encoding="utf-8") + "\n;undefined")
    resultaat = page.evaluate(
        "async (regels) => await axe.run(document, "
        "{runOnly: {type: 'tag', values: regels}, resultTypes: ['violations']})",
        AXE_REGELS,
    )
    return [
        {
            "id": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "nodes": [n["target"] for n in v["nodes"]][:5],
        }
        for v in resultaat["violations"]
    ]


def foto(page: Any, map_: Path, naam: str) -> None:
    """Full-page screenshots at phone and laptop width."""
    for soort, maat in (("telefoon", TELEFOON), ("laptop", LAPTOP)):
        page.set_viewport_size(maat)
        page.screenshot(path=str(map_ / f"{naam}-{soort}.png"), full_page=True)
    page.set_viewport_size(LAPTOP)
