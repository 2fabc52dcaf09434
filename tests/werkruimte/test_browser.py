"""The workspace in a real headless Chromium (tests/werkruimte/_browser.py): each task done
as a procesregisseur, read as an opdrachtgever, a refused form that keeps its input, axe-core
on every page and state, screenshots at phone and laptop width ($SCREENSHOTS or a temporary
directory, never committed). With JavaScript (htmx swaps the form in place) and without."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from cases.models import Bestuursproces, Exporttaak, Gebeurtenis, Stadiumovergang
from tests.factories import voeg_leden_toe
from tests.statuspagina import _proces as p
from tests.statuspagina._proces import bouw_statusproces

from ._browser import Browser


@pytest.fixture
def browserzaak(regisseur: Any) -> tuple[Bestuursproces, dict[str, Any]]:
    """The status case (step 2 in houdbaar waiting for the corporatie) with every role."""
    bestuursproces = bouw_statusproces(regisseur).bestuursproces
    return bestuursproces, voeg_leden_toe(bestuursproces, regisseur)


@pytest.mark.parametrize("javascript", [True, False], ids=["htmx", "zonder-js"])
def test_stadium_als_regisseur(
    browser: Browser,
    browserzaak: tuple[Bestuursproces, dict[str, Any]],
    javascript: bool,
) -> None:
    bestuursproces, _leden = browserzaak
    page = browser.open("regisseur", "/processen/", javascript=javascript)
    naam = "htmx" if javascript else "zonder-js"
    browser.bekijk(page, f"regisseur-mijn-processen-{naam}", "Mijn processen", axe=javascript)

    page.get_by_role("link", name=bestuursproces.titel).click()
    page.wait_for_load_state()
    nav = page.get_by_role("navigation", name="Taken in dit proces")
    nav.get_by_role("link", name="Stadium").click()
    page.wait_for_load_state()
    assert page.url.endswith(f"/processen/{bestuursproces.uuid}/stadium/")
    # Before submitting: the gate names the step and who has not consented.
    bezwaren = page.locator("#poortbezwaren").inner_text()
    assert "Stap 2" in bezwaren
    assert p.WACHTENDE in bezwaren
    browser.bekijk(page, f"regisseur-stadium-{naam}", "de stadiumpagina", axe=javascript)

    # A refused move: the gate holds; the choice and the toelichting stay.
    aantal = Gebeurtenis.objects.filter(bestuursproces=bestuursproces).count()
    page.get_by_role("radio", name="Maakbaar").check()
    page.get_by_label("Toelichting").fill("De kade is bijna rond")
    page.get_by_role("button", name="Stadium wijzigen").click()
    page.wait_for_load_state()
    fout = page.locator("#id_naar-fout")
    fout.wait_for()
    assert p.WACHTENDE in fout.inner_text()
    assert page.get_by_role("radio", name="Maakbaar").is_checked()
    assert page.get_by_label("Toelichting").input_value() == "De kade is bijna rond"
    assert Gebeurtenis.objects.filter(bestuursproces=bestuursproces).count() == aantal
    browser.bekijk(
        page,
        f"regisseur-stadium-geweigerd-{naam}",
        "de geweigerde overgang",
        axe=javascript,
    )

    # Forced, with the reason: the move is made and the page says so.
    page.get_by_label("Forceren: toch vooruit, ook al houdt de poort het tegen").check()
    page.get_by_role("button", name="Stadium wijzigen").click()
    page.get_by_text("Het stadium is gewijzigd.").wait_for()
    overgang = Stadiumovergang.objects.filter(bestuursproces=bestuursproces).latest("tijdstip")
    assert (overgang.naar, overgang.geforceerd) == ("maakbaar", True)
    assert overgang.toelichting == "De kade is bijna rond"
    laatste = Gebeurtenis.objects.filter(bestuursproces=bestuursproces).latest("volgnummer")
    assert laatste.type == "stadium.gewijzigd"
    assert "Maakbaar" in page.locator(".zaakkop").inner_text()
    geschiedenis = page.locator('section[aria-labelledby="overgangen-kop"]').inner_text()
    assert "geforceerd" in geschiedenis
    assert p.WACHTENDE in geschiedenis
    browser.bekijk(page, f"regisseur-stadium-gelukt-{naam}", "na de overgang", axe=javascript)

    # The Overzicht no longer shows step 2 as the current step of maakbaar.
    nav.get_by_role("link", name="Overzicht").click()
    page.wait_for_load_state()
    assert "In stadium maakbaar is nog geen wyber-stap gestart" in page.content()
    browser.bekijk(page, f"regisseur-overzicht-{naam}", "het overzicht", axe=javascript)
    assert page.vreemd == []


def test_opdrachtgever_leest_alleen(
    browser: Browser,
    browserzaak: tuple[Bestuursproces, dict[str, Any]],
) -> None:
    bestuursproces, leden = browserzaak
    page = browser.open(leden["opdrachtgever"], f"/processen/{bestuursproces.uuid}/")
    assert "U kunt dit dossier lezen" in page.content()
    assert page.get_by_role("navigation", name="Wat u hier kunt doen").count() == 0
    opdracht = page.locator('section[aria-labelledby="kop-opdracht"]').inner_text()
    assert "Binnen de bestaande begroting" in opdracht
    browser.bekijk(page, "opdrachtgever-overzicht", "het overzicht (opdrachtgever)")

    nav = page.get_by_role("navigation", name="Taken in dit proces")
    for taak, waar in (("Stadium", "stadium"), ("Tijdlijn", "tijdlijn")):
        nav.get_by_role("link", name=taak).click()
        page.wait_for_load_state()
        assert page.locator("form[method=post][id]").count() == 0
        browser.bekijk(page, f"opdrachtgever-{waar}", f"{waar} (opdrachtgever)")
    assert page.get_by_role("link", name="Export").count() == 0
    page.get_by_role("link", name="Gebeurtenissen").click()
    page.wait_for_load_state()
    browser.bekijk(page, "opdrachtgever-gebeurtenissen", "gebeurtenissen (opdrachtgever)")
    page.goto(browser.basis + "/processen/")
    assert "Nieuw bestuursproces" not in page.content()
    browser.bekijk(page, "opdrachtgever-mijn-processen", "Mijn processen (opdrachtgever)")
    assert page.vreemd == []


def test_een_nieuw_proces_openen(
    browser: Browser,
    regisseur: Any,
) -> None:
    page = browser.open("regisseur", "/processen/")
    page.get_by_role("link", name="Nieuw bestuursproces").click()
    page.wait_for_load_state()
    browser.bekijk(page, "regisseur-nieuw", "het nieuwe proces")

    begin = timezone.localdate() - dt.timedelta(days=30)
    page.get_by_label("Initiërend").check()
    page.get_by_label("Cyclisch").check()
    page.get_by_label("Kaders van de opdracht").fill("Binnen de begroting")
    page.get_by_label("Geopend op").fill(begin.isoformat())
    # Without a title: refused, the rest kept.
    page.get_by_role("button", name="Bestuursproces openen").click()
    page.locator("#id_titel-fout").wait_for()
    assert page.get_by_label("Kaders van de opdracht").input_value() == "Binnen de begroting"
    assert page.get_by_label("Cyclisch").is_checked()
    browser.bekijk(page, "regisseur-nieuw-geweigerd", "het geweigerde nieuwe proces")

    page.get_by_label("Titel").fill("Stadshart")
    page.get_by_role("button", name="Bestuursproces openen").click()
    page.get_by_text("Het bestuursproces is geopend.").wait_for()
    bestuursproces = Bestuursproces.objects.get(titel="Stadshart")
    assert timezone.localdate(bestuursproces.geopend_op) == begin
    assert page.url == f"{browser.basis}/processen/{bestuursproces.uuid}/"
    assert page.vreemd == []


def test_tijdlijn_en_export_als_regisseur(
    browser: Browser,
    browserzaak: tuple[Bestuursproces, dict[str, Any]],
) -> None:
    bestuursproces, _leden = browserzaak
    page = browser.open("regisseur", f"/processen/{bestuursproces.uuid}/tijdlijn/")
    page.get_by_label("Soort").select_option(label="Stadium gewijzigd")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_load_state()
    lijst = page.locator("ol.tijdlijn").inner_text()
    assert "Stadium van voorstelbaar naar houdbaar" in lijst
    assert p.INTERVENTIE not in lijst
    browser.bekijk(page, "regisseur-tijdlijn", "de tijdlijn")

    page.get_by_role("link", name="Gebeurtenissen").click()
    page.wait_for_load_state()
    browser.bekijk(page, "regisseur-gebeurtenissen", "de gebeurtenissen")

    page.get_by_role("link", name="Export").click()
    page.wait_for_load_state()
    browser.bekijk(page, "regisseur-export", "de export")
    with page.expect_download() as download:
        page.get_by_role("link", name="CSV").click()
    assert download.value.suggested_filename.endswith(".csv")

    page.get_by_label("html").check()
    page.get_by_role("button", name="Rapport aanvragen").click()
    page.get_by_text("Het rapport wordt gemaakt.").wait_for()
    page.get_by_role("link", name="downloaden").wait_for()
    assert Exporttaak.objects.get().status == "klaar"
    browser.bekijk(page, "regisseur-export-klaar", "de export met een rapport")
    assert page.vreemd == []
