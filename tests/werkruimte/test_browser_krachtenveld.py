"""Krachtenveld, its import and Positionering in a real headless Chromium (see
tests/statuspagina/_browser.py): as a procesregisseur every task done through the page (in
place with htmx), a refusal that keeps the input, the events written; as an opdrachtgever
read-only; axe-core with 0 violations on every state; screenshots at 390 and 1366 px
($SCREENSHOTS or a temporary directory).

live_server needs a transactional database with the event table's triggers lifted for the
flush only (tests/_transactioneel.py), as the status page's browser tests do."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from cases import services
from cases.models import Bestuursproces, Gebeurtenis, Speler
from tests._transactioneel import _onveranderlijk_na_afloop, transactional_db  # noqa: F401
from tests.factories import actor_voor
from tests.statuspagina._browser import (
    TELEFOON,
    axe_overtredingen,
    chromium,  # noqa: F401  (fixture)
    foto,
    log_in,
    nieuwe_pagina,
    screenshots,  # noqa: F401  (fixture)
)
from tests.statuspagina.conftest import _geen_sessies_van_de_live_server_over  # noqa: F401

from .conftest import dagen_geleden

WACHTWOORD = "geheim-wachtwoord"  # tests.factories.GebruikerFactory


def _schoon(page: Any, waar: str) -> None:
    overtredingen = axe_overtredingen(page)
    assert overtredingen == [], f"axe op {waar}: {overtredingen}"


def _typen_na(zaak: Bestuursproces, na: int) -> list[str]:
    return list(
        Gebeurtenis.objects.filter(bestuursproces=zaak, volgnummer__gt=na)
        .order_by("volgnummer")
        .values_list("type", flat=True)
    )


def _laatste(zaak: Bestuursproces) -> int:
    g = Gebeurtenis.objects.filter(bestuursproces=zaak).order_by("-volgnummer").first()
    return g.volgnummer if g else 0


def _past_op_telefoon(page: Any) -> None:
    page.set_viewport_size(TELEFOON)
    breedte = page.evaluate("document.documentElement.scrollWidth")
    assert breedte <= TELEFOON["width"], breedte
    page.set_viewport_size({"width": 1366, "height": 768})


@pytest.fixture
def bestaande_speler(zaak: Bestuursproces, regisseur: Any) -> Speler:
    speler = services.registreer_speler(
        actor=actor_voor(regisseur),
        bestuursproces=zaak,
        naam="Ondernemersvereniging Haven",
        soort="groep",
        veld="verbindende",
        rol_in_proces="betrokkene",
        tijdstip=dagen_geleden(20),
    )
    services.beoordeel_speler(
        actor=actor_voor(regisseur),
        speler=speler,
        standpunt="tegenstander",
        macht="blokkademacht",
        invloed=4,
        vertrouwen=2,
        tijdstip=dagen_geleden(20),
    )
    return speler


def test_krachtenveld_als_regisseur(
    live_server: Any,
    chromium: Any,  # noqa: F811
    screenshots: Path,  # noqa: F811
    zaak: Bestuursproces,
    zaakleden: dict[str, Any],
    bestaande_speler: Speler,
) -> None:
    page = nieuwe_pagina(chromium)
    pad = f"/processen/{zaak.uuid}/krachtenveld/"
    log_in(page, live_server.url, zaakleden["procesregisseur"].username, WACHTWOORD, pad)
    assert page.locator("h2").first.inner_text() == "Krachtenveld"
    assert page.locator('nav.taken [aria-current="page"]').inner_text() == "Krachtenveld"
    assert page.locator(".krachtenveld svg[role=img]").count() == 1
    _schoon(page, "het krachtenveld")
    foto(page, screenshots, "krachtenveld-regisseur")

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
    voor = _laatste(zaak)
    nieuw.get_by_role("button", name="Partij toevoegen").click()
    page.wait_for_selector("#id_naam-fout")
    nieuw = page.locator("#nieuwepartij")
    assert nieuw.get_by_label("Naam", exact=True).get_attribute("aria-invalid") == "true"
    assert nieuw.get_by_label("Afwachtend").is_checked()
    assert nieuw.get_by_label("Onderbouwing van de beoordeling").input_value() == (
        "Wacht op de grondprijs"
    )
    assert _typen_na(zaak, voor) == []
    _schoon(page, "het krachtenveld met een formulierfout")
    foto(page, screenshots, "krachtenveld-fout")

    # Done: the party with its first assessment, on the day it happened.
    nieuw.get_by_label("Naam", exact=True).fill("Woningcorporatie Havenstad")
    nieuw.get_by_role("button", name="Partij toevoegen").click()
    page.wait_for_selector("text=De partij is toegevoegd met haar eerste beoordeling.")
    assert _typen_na(zaak, voor) == ["speler.geregistreerd", "speler.beoordeeld"]
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
    _schoon(page, "het krachtenveld met een partij open")
    foto(page, screenshots, "krachtenveld-partij")
    beoordeel = page.locator("#beoordeelformulier")
    beoordeel.get_by_label("Voorstander").check()
    beoordeel.get_by_label("Onderbouwing").fill("Na het gesprek over parkeren")
    voor = _laatste(zaak)
    beoordeel.get_by_role("button", name="Beoordeling vastleggen").click()
    page.wait_for_selector("text=De nieuwe beoordeling van Ondernemersvereniging Haven")
    assert _typen_na(zaak, voor) == ["speler.beoordeeld"]

    # Afhaken with a reason.
    page.locator("#partijen").get_by_role("link", name="Ondernemersvereniging Haven").click()
    betrokkenheid = page.locator("#betrokkenheidformulier")
    betrokkenheid.wait_for()
    betrokkenheid.get_by_label("Afhaken").check()
    betrokkenheid.get_by_label("Reden").fill("Ziet geen ruimte voor parkeren")
    voor = _laatste(zaak)
    betrokkenheid.get_by_role("button", name="Betrokkenheid wijzigen").click()
    page.wait_for_selector("text=De betrokkenheid van Ondernemersvereniging Haven is gewijzigd.")
    assert _typen_na(zaak, voor) == ["speler.betrokkenheid_gewijzigd"]

    # An organisation, from the folded-away form below its table.
    page.get_by_text("Organisatie toevoegen", exact=True).first.click()
    organisatie = page.locator("#organisatieformulier")
    organisatie.get_by_label("Naam van de organisatie").fill("Havenbedrijf")
    organisatie.get_by_label("Soort organisatie").select_option("bedrijf")
    _schoon(page, "het krachtenveld met het organisatieformulier open")
    voor = _laatste(zaak)
    organisatie.get_by_role("button", name="Organisatie toevoegen").click()
    page.wait_for_selector("text=De organisatie is toegevoegd.")
    assert _typen_na(zaak, voor) == ["organisatie.geregistreerd"]
    _past_op_telefoon(page)


def test_importeren_als_regisseur(
    live_server: Any,
    chromium: Any,  # noqa: F811
    screenshots: Path,  # noqa: F811
    zaak: Bestuursproces,
    zaakleden: dict[str, Any],
    bestaande_speler: Speler,
) -> None:
    page = nieuwe_pagina(chromium)
    pad = f"/processen/{zaak.uuid}/krachtenveld/"
    log_in(page, live_server.url, zaakleden["procesregisseur"].username, WACHTWOORD, pad)
    page.get_by_role("link", name="Partijen importeren uit Excel of csv").click()
    page.wait_for_load_state()
    _schoon(page, "de importpagina")
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
    _schoon(page, "het voorbeeld van de import")
    foto(page, screenshots, "import-voorbeeld")
    voor = _laatste(zaak)
    page.get_by_role("button", name="Alles importeren").click()
    page.wait_for_selector("text=1 partij is geïmporteerd.")
    assert _typen_na(zaak, voor) == ["speler.geregistreerd", "speler.beoordeeld"]
    assert "Buurtvereniging Oost" in page.locator("#partijen").inner_text()
    _past_op_telefoon(page)


def test_positionering_als_regisseur(
    live_server: Any,
    chromium: Any,  # noqa: F811
    screenshots: Path,  # noqa: F811
    zaak: Bestuursproces,
    zaakleden: dict[str, Any],
) -> None:
    page = nieuwe_pagina(chromium)
    pad = f"/processen/{zaak.uuid}/positionering/"
    log_in(page, live_server.url, zaakleden["procesregisseur"].username, WACHTWOORD, pad)
    _schoon(page, "de positionering")
    foto(page, screenshots, "positionering-regisseur")
    interne = page.locator("#interne-formulier")
    interne.get_by_label("Sturen", exact=True).check()
    voor = _laatste(zaak)
    interne.get_by_role("button", name="Positie vastleggen").click()
    page.wait_for_selector("#id_interne-omschrijving-fout")
    assert page.locator("#interne-formulier").get_by_label("Sturen", exact=True).is_checked()
    assert _typen_na(zaak, voor) == []
    _schoon(page, "de positionering met een formulierfout")
    verbindende = page.locator("#verbindende-formulier")
    assert verbindende.get_by_role("radio").count() == 4
    verbindende.get_by_label("Faciliteren").check()
    verbindende.get_by_label("Sinds").fill(timezone.localdate(dagen_geleden(7)).isoformat())
    verbindende.get_by_role("button", name="Positie vastleggen").click()
    page.wait_for_selector("text=De positionering in het verbindende veld is vastgelegd.")
    assert _typen_na(zaak, voor) == ["positionering.gekozen"]
    assert "Faciliteren" in page.locator("#huidig-verbindende").inner_text()
    _past_op_telefoon(page)


def test_lezen_als_opdrachtgever(
    live_server: Any,
    chromium: Any,  # noqa: F811
    screenshots: Path,  # noqa: F811
    zaak: Bestuursproces,
    zaakleden: dict[str, Any],
    bestaande_speler: Speler,
) -> None:
    page = nieuwe_pagina(chromium)
    pad = f"/processen/{zaak.uuid}/krachtenveld/"
    log_in(page, live_server.url, zaakleden["opdrachtgever"].username, WACHTWOORD, pad)
    formulieren = page.locator('main form[method="post"]')
    assert formulieren.count() == 0
    assert "Ondernemersvereniging Haven" in page.locator("#partijen").inner_text()
    _schoon(page, "het krachtenveld voor een opdrachtgever")
    foto(page, screenshots, "krachtenveld-opdrachtgever")
    page.locator("#partijen").get_by_role("link", name="Ondernemersvereniging Haven").click()
    page.wait_for_selector("#partij-kop")
    assert page.locator('main form[method="post"]').count() == 0
    _schoon(page, "een partij voor een opdrachtgever")
    page.get_by_role("link", name="Positionering").click()
    page.wait_for_load_state()
    assert page.locator('main form[method="post"]').count() == 0
    _schoon(page, "de positionering voor een opdrachtgever")
    foto(page, screenshots, "positionering-opdrachtgever")
    _past_op_telefoon(page)
