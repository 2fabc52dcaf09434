"""The admin in a real headless Chromium (see tests/statuspagina/_browser.py): a procesregisseur
with the second factor opens the case's change page, with its membership inline, and the
confirmation page of a phase move; axe-core finds no WCAG 2.1 A/AA violation on them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth.models import Group, User
from django.test import Client
from django.urls import reverse

from cases import services
from cases.models import Bestuursproces, Lidmaatschap
from tests.cases.admin_helpers import als_staf
from tests.factories import actor_voor, voeg_leden_toe
from tests.statuspagina._browser import (
    axe_overtredingen,
    chromium,  # noqa: F401  (fixture)
    foto,
    nieuwe_pagina,
    screenshots,  # noqa: F401  (fixture)
)


def _ingelogd(browser: Any, live_server: Any, gebruiker: Any) -> Any:
    """A page whose browser carries the session of a beheerder past the second factor: made
    by the test client (as the admin tests do), handed to Chromium as its cookie."""
    client = als_staf(Client(), gebruiker)
    page = nieuwe_pagina(browser)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    return page


def _geen_overtredingen(page: Any, waar: str) -> None:
    overtredingen = axe_overtredingen(page)
    assert overtredingen == [], f"axe op {waar}: {overtredingen}"


# The contrast of a text colour with its background, as WCAG 2.1 defines it.
CONTRAST_JS = """
(element) => {
  const kanaal = (c) => {
    c /= 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const licht = (rgb) => {
    const [r, g, b] = rgb.match(/\\d+/g).map(Number);
    return 0.2126 * kanaal(r) + 0.7152 * kanaal(g) + 0.0722 * kanaal(b);
  };
  const balk = element.closest("div.breadcrumbs");
  const a = licht(getComputedStyle(element).color);
  const b = licht(getComputedStyle(balk).backgroundColor);
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}
"""


def _kruimelpad_leesbaar(page: Any) -> None:
    """Every part of the breadcrumbs (the current page, the separators, each link, also with
    focus) at 4.5:1 at least against the breadcrumbs' background."""
    # The project's stylesheet (cases/static/cases/beheer.css) sets them, not Django's theme.
    assert page.locator("div.breadcrumbs").evaluate("e => getComputedStyle(e).color") == (
        "rgb(255, 255, 255)"
    )
    assert page.locator("div.breadcrumbs").evaluate(CONTRAST_JS) >= 4.5
    links = page.locator("div.breadcrumbs a")
    for index in range(links.count()):
        link = links.nth(index)
        assert link.evaluate(CONTRAST_JS) >= 4.5
        link.focus()
        assert link.evaluate(CONTRAST_JS) >= 4.5


def test_wijzigpagina_en_lidmaatschappen_zonder_overtredingen(
    transactional_db: None,
    live_server: Any,
    chromium: Any,  # noqa: F811
    screenshots: Path,  # noqa: F811
    bestuursproces: Bestuursproces,
    regisseur: Any,
) -> None:
    voeg_leden_toe(bestuursproces, regisseur)
    page = _ingelogd(chromium, live_server, regisseur)

    page.goto(
        live_server.url + reverse("admin:cases_bestuursproces_change", args=[bestuursproces.pk])
    )

    assert page.locator("h1").first.inner_text().lower() == "bestuursproces wijzigen"
    # Every membership row's controls carry a name a screen reader reads out.
    lid = Lidmaatschap.objects.get(bestuursproces=bestuursproces, rol="evaluator")
    assert page.get_by_label(f"rol van {lid}").input_value() == "evaluator"
    assert page.get_by_label(f"{lid} verwijderen").is_visible()
    for schema in ("light", "dark"):
        page.emulate_media(color_scheme=schema)
        page.reload()  # the scheme from the start, not in the middle of a colour transition
        _geen_overtredingen(page, f"de wijzigpagina van het bestuursproces ({schema})")
        _kruimelpad_leesbaar(page)
    page.emulate_media(color_scheme="light")
    foto(page, screenshots, "beheer-bestuursproces")

    page.goto(live_server.url + reverse("admin:cases_bestuursproces_changelist"))
    _geen_overtredingen(page, "de lijst van bestuursprocessen")


def test_bevestiging_van_de_faseovergang_zonder_overtredingen(
    transactional_db: None,
    live_server: Any,
    chromium: Any,  # noqa: F811
    bestuursproces: Bestuursproces,
    regisseur: Any,
) -> None:
    actor = actor_voor(regisseur)
    stap = services.start_wyberstap(actor=actor, bestuursproces=bestuursproces, doel="De kade")
    services.breng_optie_in(actor=actor, stap=stap, titel="Noordkade")
    page = _ingelogd(chromium, live_server, regisseur)

    page.goto(live_server.url + reverse("admin:cases_wyberstap_change", args=[stap.pk]))
    _geen_overtredingen(page, "de wijzigpagina van de stap")
    page.get_by_role("button", name="Naar de volgende fase…").click()
    page.wait_for_load_state()
    assert "Dit kan niet worden teruggedraaid" in page.content()
    _geen_overtredingen(page, "de bevestiging van de faseovergang")
    _kruimelpad_leesbaar(page)
    page.get_by_role("button", name="Ja, naar de volgende fase").click()
    page.wait_for_load_state()
    # Without a toelichting nothing moves, and the error is announced with the field named.
    assert page.get_by_role("alert").is_visible()
    _geen_overtredingen(page, "de bevestiging met een fout")
    page.get_by_label("Toelichting").fill("Genoeg opties")
    page.get_by_role("button", name="Ja, naar de volgende fase").click()
    page.wait_for_load_state()
    stap.refresh_from_db()
    assert stap.fase == "convergeren"


def test_gebruikers_en_groepen_zonder_overtredingen(
    transactional_db: None,
    live_server: Any,
    chromium: Any,  # noqa: F811
    regisseur: Any,
) -> None:
    """What the admin stays for: the functioneel beheerder's users and groups."""
    beheerder = User.objects.create_superuser("beheerder", "beheer@example.org", "geheim-1234")
    groep = Group.objects.create(name="Procesregisseurs (test)")
    page = _ingelogd(chromium, live_server, beheerder)

    for naam, url in (
        ("de gebruikers", reverse("admin:auth_user_changelist")),
        ("een gebruiker", reverse("admin:auth_user_change", args=[regisseur.pk])),
        ("een groep", reverse("admin:auth_group_change", args=[groep.pk])),
    ):
        page.goto(live_server.url + url)
        _geen_overtredingen(page, naam)
        _kruimelpad_leesbaar(page)
