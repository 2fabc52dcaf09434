"""Bijeenkomsten, Besluiten, Afspraken and Documenten in a real headless Chromium (see
tests/werkruimte/_browser.py), as the issue's new regisseur would: a werksessie with twelve
invited and five present and its verslag uploaded, the raadsbesluit that fulfils the overdue
besluitmoment and formalises the wethouder's consent, two afspraken tracked to nagekomen and
niet nagekomen, a document and its new version; each refusal in place keeping the input, the
events written. As an opdrachtgever every page read-only. axe-core with 0 violations on every
state; screenshots at 390 and 1366 px ($SCREENSHOTS or a temporary directory)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from cases import services
from cases.models import Afspraak, Besluit, Bijeenkomst, Instemming
from tests._bestanden import DOCX, PDF, TEKST
from tests.factories import voeg_leden_toe

from ._browser import Browser, laatste, schoon, typen_na
from ._dossier import Dossier, bouw_dossier, dag, werksessie

pytestmark = pytest.mark.usefixtures("documentopslag")


@pytest.fixture
def dossier(regisseur: Any) -> Dossier:
    werksessie()
    return bouw_dossier(regisseur)


@pytest.fixture
def leden(dossier: Dossier, regisseur: Any) -> dict[str, Any]:
    return voeg_leden_toe(dossier.zaak, regisseur)


def _taak(page: Any, naam: str) -> None:
    page.get_by_role("navigation", name="Taken in dit proces").get_by_role(
        "link", name=naam
    ).click()
    page.wait_for_load_state()


def _consolidatie_met_de_wethouder(dossier: Dossier) -> Instemming:
    actor = dossier.actor
    stap = services.start_wyberstap(actor=actor, bestuursproces=dossier.zaak, doel="Kadebesluit")
    optie = services.breng_optie_in(actor=actor, stap=stap, titel="Kade verhogen")
    services.wijzig_fase(actor=actor, stap=stap, naar="convergeren")
    services.besluit_over_optie(actor=actor, optie=optie, status="gekozen")
    services.wijzig_fase(actor=actor, stap=stap, naar="consolideren")
    services.consolideer(
        actor=actor,
        stap=stap,
        uitkomst="consensus",
        tekst="De kade wordt verhoogd.",
        instemmers=[dossier.opdrachtgever],
    )
    return Instemming.objects.get(stap=stap)


def test_bijeenkomst_en_verslag_als_regisseur(
    browser: Browser,
    dossier: Dossier,
    leden: dict[str, Any],
) -> None:
    pad = f"/processen/{dossier.zaak.uuid}/"
    page = browser.open(leden["procesregisseur"].username, pad)
    _taak(page, "Bijeenkomsten")
    browser.bekijk(page, "bijeenkomsten-leeg", "de lege lijst van bijeenkomsten")
    page.get_by_role("link", name="Bijeenkomst vastleggen").click()
    page.wait_for_load_state()
    browser.bekijk(page, "bijeenkomst-nieuw", "het formulier voor een bijeenkomst")

    formulier = page.locator("#bijeenkomstformulier")
    formulier.get_by_label("Titel").fill("Werksessie kadeprofiel")
    formulier.get_by_label("Wanneer?").fill(dag(-1).isoformat())  # tomorrow: refused
    formulier.get_by_label("Waar?").fill("Havengebouw")
    uitgenodigd = formulier.locator("#id_bijeenkomst-uitgenodigd")
    aanwezig = formulier.locator("#id_bijeenkomst-aanwezig")
    uitgenodigd.get_by_label("Bewonersvereniging Kade (speler)").check()
    uitgenodigd.get_by_label("Wethouder Ruimte (opdrachtgever)").check()
    aanwezig.get_by_label("Bewonersvereniging Kade (speler)").check()
    anderen = [f"Bewoner {i}" for i in range(1, 11)]
    formulier.get_by_label("Anderen uitgenodigd").fill("\n".join(anderen))
    formulier.get_by_label("Anderen aanwezig").fill("\n".join(anderen[:4]))
    formulier.get_by_label("Agenda").fill("1. Opening\n2. Kadeprofiel")
    voor = laatste(dossier.zaak)
    formulier.get_by_role("button", name="Bijeenkomst vastleggen").click()
    page.wait_for_selector("#id_bijeenkomst-datum-fout")
    formulier = page.locator("#bijeenkomstformulier")
    assert "toekomst" in page.locator("#id_bijeenkomst-datum-fout").inner_text()
    assert formulier.get_by_label("Titel").input_value() == "Werksessie kadeprofiel"
    assert (
        formulier.locator("#id_bijeenkomst-aanwezig")
        .get_by_label("Bewonersvereniging Kade (speler)")
        .is_checked()
    )
    assert formulier.get_by_label("Anderen aanwezig").input_value() == "\n".join(anderen[:4])
    assert typen_na(dossier.zaak, voor) == []
    schoon(page, "het geweigerde formulier voor een bijeenkomst")

    formulier.get_by_label("Wanneer?").fill(dag(2).isoformat())
    formulier.get_by_role("button", name="Bijeenkomst vastleggen").click()
    page.wait_for_selector("text=De bijeenkomst is vastgelegd.")
    assert typen_na(dossier.zaak, voor) == ["bijeenkomst.vastgelegd"]
    bijeenkomst = Bijeenkomst.objects.get()
    assert page.url.endswith(f"/bijeenkomsten/{bijeenkomst.uuid}/")
    kop = page.locator("#aanwezigheid-kop").inner_text()
    assert "5 aanwezig van 12 uitgenodigden" in kop

    # The verslag as a file, from the bijeenkomst's page.
    page.get_by_text("Verslag als bestand toevoegen").click()
    page.get_by_label("Verslag (bestand)").set_input_files(
        {"name": "verslag.txt", "mimeType": "text/plain", "buffer": TEKST}
    )
    voor = laatste(dossier.zaak)
    page.get_by_role("button", name="Verslag toevoegen").click()
    page.wait_for_selector("text=Het verslag is toegevoegd.")
    assert typen_na(dossier.zaak, voor) == ["document.toegevoegd"]
    verslag = page.locator("section[aria-labelledby=verslag-kop]").inner_text()
    assert "versie 1: verslag.txt" in verslag
    browser.bekijk(page, "bijeenkomst", "de pagina van een bijeenkomst")

    page.get_by_role("link", name="Aanwezigheid per partij").click()
    page.wait_for_load_state()
    assert "Bewoner 1" in page.content()
    browser.bekijk(page, "bijeenkomsten-aanwezigheid", "de aanwezigheid per partij")
    page.get_by_role("link", name="Alle bijeenkomsten").click()
    page.wait_for_load_state()
    assert "5 / 12" in page.content()
    browser.bekijk(page, "bijeenkomsten", "de lijst van bijeenkomsten")


def test_besluit_en_afspraken_als_regisseur(
    browser: Browser,
    dossier: Dossier,
    leden: dict[str, Any],
) -> None:
    instemming = _consolidatie_met_de_wethouder(dossier)
    pad = f"/processen/{dossier.zaak.uuid}/besluiten/"
    page = browser.open(leden["procesregisseur"].username, pad)
    assert "1 besluitmoment is voorbij zonder besluit." in page.content()
    browser.bekijk(page, "besluiten", "de besluiten")

    formulier = page.locator("#besluitformulier")
    formulier.get_by_label("Titel").fill("Raad stemt in met de kade")
    formulier.get_by_label("Wie besloot?").select_option("orgaan:raad")
    formulier.get_by_label("Kenmerk").fill("RB 2026/14")
    formulier.get_by_label("Vervult het besluitmoment").select_option(dag(10).isoformat())
    formulier.get_by_label("Formeel besluit achter de instemming van").select_option(
        str(instemming.uuid)
    )
    formulier.get_by_label("Alleen de procesregisseur").check()  # a consent needs 'proces'
    voor = laatste(dossier.zaak)
    formulier.get_by_role("button", name="Besluit vastleggen").click()
    page.wait_for_selector("#id_besluit-instemming-fout")
    formulier = page.locator("#besluitformulier")
    assert formulier.get_by_label("Titel").input_value() == "Raad stemt in met de kade"
    assert formulier.get_by_label("Alleen de procesregisseur").is_checked()
    assert typen_na(dossier.zaak, voor) == []
    schoon(page, "het geweigerde besluit")

    formulier.get_by_label("Alle leden van het proces").check()
    formulier.get_by_role("button", name="Besluit vastleggen").click()
    page.wait_for_selector("text=Het besluit is vastgelegd.")
    assert typen_na(dossier.zaak, voor)[:2] == ["besluit.vastgelegd", "instemming.vastgelegd"]
    besluit = Besluit.objects.get()
    instemming.refresh_from_db()
    assert (instemming.besluit, instemming.formeel_besloten) == (besluit, True)
    assert "voorbij zonder besluit" not in page.content()

    # Two afspraken: one kept, one not (first refused without a reason).
    _taak(page, "Afspraken")
    for wat, door in (
        ("Grondprijs doorrekenen", "Woningcorporatie Haven (organisatie)"),
        ("Parkeeronderzoek delen", "Bewonersvereniging Kade (speler)"),
    ):
        nieuw = page.locator("#afspraakformulier")
        nieuw.get_by_label("Wat is afgesproken?").fill(wat)
        nieuw.get_by_label("Wie levert?").select_option(label=door)
        nieuw.get_by_label("Uiterlijk").fill(dag(-7).isoformat())
        nieuw.get_by_label("Voortgekomen uit het besluit").select_option(str(besluit.uuid))
        nieuw.get_by_role("button", name="Afspraak vastleggen").click()
        # The page reloads at the new afspraak (the message stays from the first one).
        page.locator("li.dossieritem", has_text=wat).wait_for()
        page.wait_for_load_state()
    browser.bekijk(page, "afspraken", "de afspraken")
    eerste = Afspraak.objects.get(wat="Grondprijs doorrekenen")
    tweede = Afspraak.objects.get(wat="Parkeeronderzoek delen")

    rij = page.locator(f"#afspraak-{eerste.uuid}")
    rij.get_by_text("Afhandelen").click()
    rij.get_by_label("Nagekomen", exact=True).check()
    voor = laatste(dossier.zaak)
    rij.get_by_role("button", name="Vastleggen").click()
    # Handled: the page reloads at the row, which offers no handling any more.
    page.locator(f"#afspraak-{eerste.uuid} details").wait_for(state="detached")
    assert "De afhandeling is vastgelegd." in page.content()
    assert typen_na(dossier.zaak, voor) == ["afspraak.nagekomen"]

    rij = page.locator(f"#afspraak-{tweede.uuid}")
    rij.get_by_text("Afhandelen").click()
    rij.get_by_label("Niet nagekomen").check()
    rij.get_by_role("button", name="Vastleggen").click()
    page.wait_for_selector(f"#id_afh-{tweede.uuid}-reden-fout")
    rij = page.locator(f"#afspraak-{tweede.uuid}")
    assert rij.get_by_label("Niet nagekomen").is_checked()
    assert typen_na(dossier.zaak, voor + 1) == []
    schoon(page, "de geweigerde afhandeling")
    rij.get_by_label("Reden").fill("Het onderzoek is niet gestart")
    rij.get_by_role("button", name="Vastleggen").click()
    page.locator(f"#afspraak-{tweede.uuid} details").wait_for(state="detached")
    assert typen_na(dossier.zaak, voor + 1) == ["afspraak.niet_nagekomen"]
    assert "Het onderzoek is niet gestart" in page.locator(f"#afspraak-{tweede.uuid}").inner_text()
    browser.bekijk(page, "afspraken-afgehandeld", "de afgehandelde afspraken")


def test_documenten_als_regisseur(
    browser: Browser,
    dossier: Dossier,
    leden: dict[str, Any],
) -> None:
    pad = f"/processen/{dossier.zaak.uuid}/documenten/"
    page = browser.open(leden["procesregisseur"].username, pad)
    browser.bekijk(page, "documenten-leeg", "de lege documentenlijst")
    formulier = page.locator("#documentformulier")
    formulier.get_by_label("Titel").fill("Intentieovereenkomst")
    formulier.get_by_label("Bestand").set_input_files(
        {"name": "intentie.pdf", "mimeType": "application/pdf", "buffer": b"<html>nep</html>"}
    )
    voor = laatste(dossier.zaak)
    formulier.get_by_role("button", name="Document toevoegen").click()
    page.wait_for_selector("#id_document-bestand-fout")
    assert "geen PDF" in page.locator("#id_document-bestand-fout").inner_text()
    assert page.locator("#documentformulier").get_by_label("Titel").input_value() == (
        "Intentieovereenkomst"
    )
    assert typen_na(dossier.zaak, voor) == []
    schoon(page, "het geweigerde document")

    formulier = page.locator("#documentformulier")
    formulier.get_by_label("Bestand").set_input_files(
        {"name": "intentie.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    formulier.get_by_role("button", name="Document toevoegen").click()
    page.wait_for_selector("text=Het document is toegevoegd.")
    assert typen_na(dossier.zaak, voor) == ["document.toegevoegd"]

    page.get_by_text("Nieuwe versie", exact=False).first.click()
    page.get_by_label("Nieuwe versie", exact=True).set_input_files(
        {"name": "intentie-v2.docx", "mimeType": "application/octet-stream", "buffer": DOCX}
    )
    page.get_by_role("button", name="Versie toevoegen").click()
    page.wait_for_selector("text=De nieuwe versie is toegevoegd.")
    assert typen_na(dossier.zaak, voor) == ["document.toegevoegd", "document.versie_toegevoegd"]
    # The download goes through the access-checked API view.
    with page.expect_download() as download:
        page.get_by_role("link", name="Versie 1: intentie.pdf").click()
    assert Path(download.value.path()).read_bytes() == PDF
    browser.bekijk(page, "documenten", "de documenten")


def test_lezen_als_opdrachtgever(
    browser: Browser,
    dossier: Dossier,
    leden: dict[str, Any],
) -> None:
    bijeenkomst = dossier.bijeenkomst()
    besluit = dossier.besluit(bijeenkomst=bijeenkomst)
    dossier.afspraak(besluit=besluit, datum=dag(2), uiterlijk=dag(1))
    dossier.document()
    pad = f"/processen/{dossier.zaak.uuid}/"
    page = browser.open(leden["opdrachtgever"].username, pad)
    assert "1 afspraak is verlopen" in page.content()
    for taak, naam in (
        ("Bijeenkomsten", "lezen-bijeenkomsten"),
        ("Besluiten", "lezen-besluiten"),
        ("Afspraken", "lezen-afspraken"),
        ("Documenten", "lezen-documenten"),
    ):
        _taak(page, taak)
        assert page.locator("form[method=post].dienstformulier").count() == 0, taak
        assert "U kunt dit dossier lezen." in page.content()
        browser.bekijk(page, naam, f"{taak} als opdrachtgever")
    _taak(page, "Bijeenkomsten")
    page.get_by_role("link", name="Werksessie kade").click()
    page.wait_for_load_state()
    assert page.locator("form[method=post].dienstformulier").count() == 0
    browser.bekijk(page, "lezen-bijeenkomst", "een bijeenkomst als opdrachtgever")
