"""Under the Content-Security-Policy every HTML page still works in a real Chromium: the
status page, the Swagger UI (drf-spectacular-sidecar), the admin and the lockout page; the
browser reports no violation."""

from __future__ import annotations

from typing import Any

from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import GebruikerFactory

from ._browser import (
    chromium,  # noqa: F401  (fixture)
    log_in,
    nieuwe_pagina,
)
from ._proces import bouw_statusproces

WACHTWOORD = "geheim-wachtwoord"  # tests.factories.GebruikerFactory


def _let_op_overtredingen(page: Any) -> list[str]:
    overtredingen: list[str] = []
    page.on(
        "console",
        lambda bericht: (
            overtredingen.append(bericht.text)
            if "Content Security Policy" in bericht.text
            else None
        ),
    )
    return overtredingen


def test_statuspagina_en_beheer_onder_de_csp(
    live_server: Any,
    chromium: Any,  # noqa: F811
    regisseur: Any,
    catalogus: Any,
) -> None:
    proces = bouw_statusproces(regisseur)
    page = nieuwe_pagina(chromium)
    overtredingen = _let_op_overtredingen(page)

    log_in(page, live_server.url, "regisseur", WACHTWOORD, "/processen/")
    page.goto(f"{live_server.url}/processen/{proces.bestuursproces.uuid}/")
    # The server-side SVG charts are on the page and laid out (their size is a style attribute).
    grafiek = page.locator(".grafiek svg").first
    assert grafiek.bounding_box()["width"] > 100
    # The stylesheets applied: the NL Design System button is not the browser's default.
    knop = page.get_by_role("button", name="Uitloggen")
    assert knop.evaluate("k => getComputedStyle(k).borderRadius") != ""

    beheerder = GebruikerFactory(username="bea", beheerder=True)
    apparaat = TOTPDevice.objects.create(user=beheerder, name="telefoon", confirmed=True)
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", beheerder.username)
    page.fill("#id_password", WACHTWOORD)
    page.click("input[type=submit]")
    page.wait_for_load_state()
    # The admin asks for the second factor (issue 12 §4): that page is under the CSP too.
    assert page.url.startswith(f"{live_server.url}/beheer/tweede-factor/"), page.url
    page.fill("input[name=code]", f"{totp(apparaat.bin_key):06d}")
    page.click("input[type=submit]")
    page.wait_for_load_state()
    assert page.url == f"{live_server.url}/admin/", page.url
    page.goto(f"{live_server.url}/admin/cases/bestuursproces/{proces.bestuursproces.pk}/change/")
    page.wait_for_load_state("networkidle")

    assert overtredingen == []


def test_swagger_ui_onder_de_csp(live_server: Any, chromium: Any) -> None:  # noqa: F811
    page = nieuwe_pagina(chromium)
    overtredingen = _let_op_overtredingen(page)

    page.goto(f"{live_server.url}/api/v1/docs")
    page.locator(".opblock").first.wait_for(timeout=30_000)

    assert page.locator(".opblock").count() > 50
    assert "Procesregie API" in page.locator(".info .title").inner_text()
    assert overtredingen == []


def test_vergrendelpagina_onder_de_csp(
    live_server: Any,
    chromium: Any,  # noqa: F811
    regisseur: Any,
) -> None:
    from django.conf import settings

    page = nieuwe_pagina(chromium)
    overtredingen = _let_op_overtredingen(page)
    page.goto(f"{live_server.url}/inloggen/")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        page.get_by_label("Gebruikersnaam").fill("regisseur")
        page.get_by_label("Wachtwoord").fill("fout")
        page.get_by_role("button", name="Inloggen").click()
        page.wait_for_load_state()
        if "Te veel" in page.content():
            break

    assert page.locator("h1").inner_text() == "Even niet inloggen"
    assert "Te veel mislukte pogingen" in page.locator("#inlog-fout").inner_text()
    assert overtredingen == []
