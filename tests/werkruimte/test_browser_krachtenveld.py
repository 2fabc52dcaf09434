"""Krachtenveld, its import and Positionering in a real headless Chromium (see
tests/werkruimte/_browser.py): as a procesregisseur every task done through the page (in
place with htmx), a refusal that keeps the input, the events written; as an opdrachtgever
read-only; axe-core with 0 violations on every state; screenshots at 390 and 1366 px
($SCREENSHOTS or a temporary directory).

live_server needs a transactional database with the event table's triggers lifted for the
flush only (tests/_transactioneel.py, brought in by tests/werkruimte/conftest.py), as the
status page's browser tests do."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from cases.models import Bestuursproces, Speler

from ._browser import Browser, laatste, past_op_telefoon, schoon, typen_na
from ._krachtenveld import beoordeelde_speler
from .conftest import dagen_geleden


@pytest.fixture
def bestaande_speler(zaak: Bestuursproces, regisseur: Any) -> Speler:
    return beoordeelde_speler(zaak, regisseur, naam="Ondernemersvereniging Haven")


def test_krachtenveld_als_regisseur(
    browser: Browser,
    zaak: Bestuursproces,
    zaakleden: dict[str, Any],
    bestaande_speler: Speler,
) -> None:
    pad = f"/processen/{zaak.uuid}/krachtenveld/"
    page = browser.open(zaakleden["procesregisseur"].username, pad)
    assert page.locator("h2").first.inner_text() == "Krachtenveld"
    assert page.locator('nav.taken [aria-current="page"]').inner_text() == "Krachtenveld"
    assert page.locator(".krachtenveld svg[role=img]").count() == 1
    schoon(page, "het krachtenveld")
    browser.foto(page, "krachtenveld-regisseur")

    # A refusal in place: the name is missing; the rest stays as chosen.
    nieuw = page.locator("#nieuwepartij")
    nieuw.get_by_label("Groep").check()
    nieuw.get_by_label("Veld", exact=True).select_option("uitvoerende")
    nieuw.get_by_label("Rol in het proces").select_option("sleutelpersoon")
    nieuw.get_by_label("Afwachtend").check()
    nieuw.get_by_label("Productiemacht").check()
    nieuw.get_by_label("Invloed (1–5)").select_option("4")
    nieuw.get_by_label("Onderbouwing van de beoordeling").fill("Wacht op de grondprijs")
    nieuw.get_by_label("Wanneer gebeurde het?").fill(
        timezone.localdate(dagen_geleden(10)).isoformat()
    )
    voor = laatste(zaak)
    nieuw.get_by_role("button", name="Partij toevoegen").click()
    page.wait_for_selector("#id_naam-fout")
    nieuw = page.locator("#nieuwepartij")
    assert nieuw.get_by_label("Naam", exact=True).get_attribute("aria-invalid") == "true"
    assert nieuw.get_by_label("Afwachtend").is_checked()
    assert nieuw.get_by_label("Onderbouwing van de beoordeling").input_value() == (
        "Wacht op de grondprijs"
    )
    assert typen_na(zaak, voor) == []
    schoon(page, "het krachtenveld met een formulierfout")
    browser.foto(page, "krachtenveld-fout")

    # Done: the party with its first assessment, on the day it happened.
    nieuw.get_by_label("Naam", exact=True).fill("Woningcorporatie Havenstad")
    nieuw.get_by_role("button", name="Partij toevoegen").click()
    page.wait_for_selector("text=De partij is toegevoegd met haar eerste beoordeling.")
    assert typen_na(zaak, voor) == ["speler.geregistreerd", "speler.beoordeeld"]
    assert "Woningcorporatie Havenstad" in page.locator("#partijen").inner_text()
    assert "Woningcorporatie Havenstad: afwachtend, productiemacht" in page.content()

    # Reassess in place: the party's forms come into the page.
    page.locator("#partijen").get_by_role("link", name="Ondernemersvereniging Haven").click()
    page.wait_for_selector("#beoordeelformulier")
    assert page.url.endswith(pad)
    # The keyboard continues at the opened party.
    # (Polled through evaluate: wait_for_function compiles a string, which the CSP refuses.)
    for _ in range(50):
        if page.evaluate("document.activeElement && document.activeElement.id") == "partij-kop":
            break
        page.wait_for_timeout(100)
    assert page.evaluate("document.activeElement.id") == "partij-kop"
    schoon(page, "het krachtenveld met een partij open")
    browser.foto(page, "krachtenveld-partij")
    beoordeel = page.locator("#beoordeelformulier")
    beoordeel.get_by_label("Voorstander").check()
    beoordeel.get_by_label("Onderbouwing").fill("Na het gesprek over parkeren")
    voor = laatste(zaak)
    beoordeel.get_by_role("button", name="Beoordeling vastleggen").click()
    page.wait_for_selector("text=De nieuwe beoordeling van Ondernemersvereniging Haven")
    assert typen_na(zaak, voor) == ["speler.beoordeeld"]

    # Afhaken with a reason.
    page.locator("#partijen").get_by_role("link", name="Ondernemersvereniging Haven").click()
    betrokkenheid = page.locator("#betrokkenheidformulier")
    betrokkenheid.wait_for()
    betrokkenheid.get_by_label("Afhaken").check()
    betrokkenheid.get_by_label("Reden").fill("Ziet geen ruimte voor parkeren")
    voor = laatste(zaak)
    betrokkenheid.get_by_role("button", name="Betrokkenheid wijzigen").click()
    page.wait_for_selector("text=De betrokkenheid van Ondernemersvereniging Haven is gewijzigd.")
    assert typen_na(zaak, voor) == ["speler.betrokkenheid_gewijzigd"]

    # An organisation, from the folded-away form below its table.
    page.get_by_text("Organisatie toevoegen", exact=True).first.click()
    organisatie = page.locator("#organisatieformulier")
    organisatie.get_by_label("Naam van de organisatie").fill("Havenbedrijf")
    organisatie.get_by_label("Soort organisatie").select_option("bedrijf")
    schoon(page, "het krachtenveld met het organisatieformulier open")
    voor = laatste(zaak)
    organisatie.get_by_role("button", name="Organisatie toevoegen").click()
    page.wait_for_selector("text=De organisatie is toegevoegd.")
    assert typen_na(zaak, voor) == ["organisatie.geregistreerd"]
    past_op_telefoon(page)


def test_importeren_als_regisseur(
    browser: Browser,
    zaak: Bestuursproces,
    zaakleden: dict[str, Any],
    bestaande_speler: Speler,
) -> None:
    pad = f"/processen/{zaak.uuid}/krachtenveld/"
    page = browser.open(zaakleden["procesregisseur"].username, pad)
    page.get_by_role("link", name="Partijen importeren uit Excel of csv").click()
    page.wait_for_load_state()
    schoon(page, "de importpagina")
    dag = timezone.localdate(dagen_geleden(15)).strftime("%d-%m-%Y")
    lijst = (
        "\ufeffNaam;Soort;Veld;Rol;Standpunt;Macht;Datum\r\n"
        "Buurtvereniging Oost;groep;verbindende veld;betrokkene;voorstander;diffuse macht;"
        f"{dag}\r\n"
        "ondernemersvereniging haven;groep;verbindende;betrokkene;;;\r\n"
    ).encode()
    page.get_by_label("Lijst van partijen").set_input_files(
        {"name": "partijen.csv", "mimeType": "text/csv", "buffer": lijst}
    )
    page.get_by_role("button", name="Bestand controleren").click()
    page.wait_for_selector("#voorbeeld")
    assert "Alle 2 rijen zijn in orde." in page.locator("#voorbeeld-oordeel").inner_text()
    assert "Waarschijnlijk dubbel: Ondernemersvereniging Haven is er al" in page.content()
    schoon(page, "het voorbeeld van de import")
    browser.foto(page, "import-voorbeeld")
    voor = laatste(zaak)
    page.get_by_role("button", name="Alles importeren").click()
    page.wait_for_selector("text=1 partij is geïmporteerd.")
    assert typen_na(zaak, voor) == ["speler.geregistreerd", "speler.beoordeeld"]
    assert "Buurtvereniging Oost" in page.locator("#partijen").inner_text()
    past_op_telefoon(page)


def test_positionering_als_regisseur(
    browser: Browser,
    zaak: Bestuursproces,
    zaakleden: dict[str, Any],
) -> None:
    pad = f"/processen/{zaak.uuid}/positionering/"
    page = browser.open(zaakleden["procesregisseur"].username, pad)
    schoon(page, "de positionering")
    browser.foto(page, "positionering-regisseur")
    interne = page.locator("#interne-formulier")
    interne.get_by_label("Sturen", exact=True).check()
    voor = laatste(zaak)
    interne.get_by_role("button", name="Positie vastleggen").click()
    page.wait_for_selector("#id_interne-omschrijving-fout")
    assert page.locator("#interne-formulier").get_by_label("Sturen", exact=True).is_checked()
    assert typen_na(zaak, voor) == []
    schoon(page, "de positionering met een formulierfout")
    verbindende = page.locator("#verbindende-formulier")
    assert verbindende.get_by_role("radio").count() == 4
    verbindende.get_by_label("Faciliteren").check()
    verbindende.get_by_label("Sinds").fill(timezone.localdate(dagen_geleden(7)).isoformat())
    verbindende.get_by_role("button", name="Positie vastleggen").click()
    page.wait_for_selector("text=De positionering in het verbindende veld is vastgelegd.")
    assert typen_na(zaak, voor) == ["positionering.gekozen"]
    assert "Faciliteren" in page.locator("#huidig-verbindende").inner_text()
    past_op_telefoon(page)


def test_lezen_als_opdrachtgever(
    browser: Browser,
    zaak: Bestuursproces,
    zaakleden: dict[str, Any],
    bestaande_speler: Speler,
) -> None:
    pad = f"/processen/{zaak.uuid}/krachtenveld/"
    page = browser.open(zaakleden["opdrachtgever"].username, pad)
    formulieren = page.locator('main form[method="post"]')
    assert formulieren.count() == 0
    assert "Ondernemersvereniging Haven" in page.locator("#partijen").inner_text()
    schoon(page, "het krachtenveld voor een opdrachtgever")
    browser.foto(page, "krachtenveld-opdrachtgever")
    page.locator("#partijen").get_by_role("link", name="Ondernemersvereniging Haven").click()
    page.wait_for_selector("#partij-kop")
    assert page.locator('main form[method="post"]').count() == 0
    schoon(page, "een partij voor een opdrachtgever")
    page.get_by_role("link", name="Positionering").click()
    page.wait_for_load_state()
    assert page.locator('main form[method="post"]').count() == 0
    schoon(page, "de positionering voor een opdrachtgever")
    browser.foto(page, "positionering-opdrachtgever")
    past_op_telefoon(page)
