"""Tasks 4-6 of the workspace in a real headless Chromium (tests/werkruimte/_browser.py):
as a procesregisseur each task done through the page, with its events; read-only as an
opdrachtgever; axe-core on every page state with 0 violations; screenshots at 390 and 1366 px.

Interventies, the issue's measure: planning an interventie with an instrument suggested for the
chosen veld takes at most six interactions after opening the case, and the whole task is done
with the keyboard alone.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from cases import services
from cases.models import Bestuursproces, Gebeurtenis, Instemming, Interventie, WyberStap
from instruments.models import Instrument
from tests.factories import actor_voor, open_proces, voeg_leden_toe
from tests.instruments.fixtures import catalogus  # noqa: F401  (fixture)

from ._browser import Browser, past_op_telefoon, schoon
from .conftest import dagen_geleden

VELD = "verbindende"
VELDNAAM = "Verbindende veld"


@pytest.fixture
def browserzaak(regisseur: Any, catalogus: Any) -> tuple[Bestuursproces, dict[str, Any]]:  # noqa: F811
    """A case opened 30 days ago with its members, two parties and a step in consolideren
    whose consolidation waits for both."""
    zaak = open_proces(regisseur, tijdstip=dagen_geleden(30))
    leden = voeg_leden_toe(zaak, regisseur)
    actor = actor_voor(regisseur)
    partijen = [
        services.registreer_speler(
            actor=actor,
            bestuursproces=zaak,
            naam=naam,
            soort="groep",
            veld="verbindende",
            rol_in_proces="betrokkene",
            tijdstip=dagen_geleden(20),
        )
        for naam in ("Woningcorporatie", "Ondernemersvereniging")
    ]
    moment = dagen_geleden(10)
    stap = services.start_wyberstap(
        actor=actor, bestuursproces=zaak, doel="Een locatie voor de kade", tijdstip=moment
    )
    optie = services.breng_optie_in(actor=actor, stap=stap, titel="Noordkade", tijdstip=moment)
    services.wijzig_fase(actor=actor, stap=stap, naar="convergeren", tijdstip=moment)
    services.besluit_over_optie(actor=actor, optie=optie, status="gekozen", tijdstip=moment)
    services.wijzig_fase(actor=actor, stap=stap, naar="consolideren", tijdstip=moment)
    services.consolideer(
        actor=actor,
        stap=stap,
        uitkomst="consensus",
        tekst="De Noordkade wordt het.",
        instemmers=partijen,
        tijdstip=moment,
    )
    return zaak, leden


class Handelingen:
    """Counts what the user does on the page: every click, fill, key press or selection."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.aantal = 0

    def klik(self, locator: Any) -> None:
        self.aantal += 1
        locator.click()

    def vul_in(self, locator: Any, tekst: str) -> None:
        self.aantal += 1
        locator.fill(tekst)


def test_interventie_plannen_in_hoogstens_zes_handelingen(
    browser: Browser,
    browserzaak: tuple[Bestuursproces, dict[str, Any]],
) -> None:
    zaak, leden = browserzaak
    # Opening the case: its page.
    page = browser.open(leden["procesregisseur"], f"/processen/{zaak.uuid}/")
    doe = Handelingen(page)
    doe.klik(
        page.get_by_role("navigation", name="Taken in dit proces").get_by_role(
            "link", name="Interventies"
        )
    )
    page.wait_for_load_state()
    doe.klik(
        page.get_by_role("navigation", name="Kies een veld").get_by_role("link", name=VELDNAAM)
    )
    page.wait_for_load_state()
    eerste = page.locator("ol.instrumenten > li").first
    naam = eerste.locator(".instrument__naam strong").inner_text()
    assert "nog niet ingezet" in eerste.inner_text()
    assert "Verdiepingsvraag:" in eerste.inner_text()
    schoon(page, "de instrumenten van een veld")
    browser.foto(page, "interventies-veld")
    doe.klik(eerste.get_by_role("link", name=f"Plannen met {naam}"))
    page.wait_for_load_state()
    doe.vul_in(page.get_by_label("Beoogd effect"), "De partijen zien elkaars belang")
    doe.klik(page.get_by_role("button", name="Interventie plannen"))
    page.wait_for_load_state()
    page.get_by_text("De interventie is gepland.").wait_for()
    assert doe.aantal <= 6, doe.aantal

    instrument = Instrument.objects.get(naam=naam)
    assert instrument.veld.code == VELD
    interventie = Interventie.objects.get(bestuursproces=zaak)
    assert (interventie.titel, interventie.instrument_id, interventie.status) == (
        naam,
        instrument.pk,
        "gepland",
    )
    assert list(interventie.velden.values_list("veld", flat=True)) == [VELD]
    gebeurtenis = Gebeurtenis.objects.filter(bestuursproces=zaak).latest("volgnummer")
    assert gebeurtenis.type == "interventie.gelogd"
    # Planned for today: it is back at once, to be carried out.
    assert naam in page.locator('section[aria-labelledby="te-doen-kop"]').inner_text()
    schoon(page, "de interventies na het plannen")
    browser.foto(page, "interventies-gepland")

    # A refusal keeps the input: carrying out without saying what was done.
    item = page.locator(f"#interventie-{interventie.uuid}")
    item.locator("summary", has_text="Uitvoering vastleggen").click()
    item.get_by_label("Toelichting").fill("Na het overleg")
    item.get_by_role("button", name="Uitgevoerd").click()
    fout = item.locator(".utrecht-form-field-error-message")
    fout.first.wait_for()
    assert item.get_by_label("Toelichting").input_value() == "Na het overleg"
    schoon(page, "een geweigerde uitvoering")
    item.get_by_label("Wat is er gedaan?").fill("Een uur aan de keukentafel")
    item.get_by_role("button", name="Uitgevoerd").click()
    page.get_by_text("De uitvoering is vastgelegd.").wait_for()
    assert Interventie.objects.get(pk=interventie.pk).status == "uitgevoerd"
    past_op_telefoon(page)
    assert page.vreemd == []


def _tab_naar(page: Any, voorwaarde: str, maximaal: int = 250) -> None:
    """Press Tab until the focused element satisfies ``voorwaarde`` (a JS expression on
    ``el``); the keyboard is the only input."""
    for _ in range(maximaal):
        page.keyboard.press("Tab")
        if page.evaluate(
            f"(() => {{ const el = document.activeElement; return !!({voorwaarde}); }})()"
        ):
            return
    raise AssertionError(f"niet bereikt met Tab: {voorwaarde}")


def test_interventie_plannen_uitvoeren_en_evalueren_met_alleen_het_toetsenbord(
    browser: Browser,
    browserzaak: tuple[Bestuursproces, dict[str, Any]],
) -> None:
    zaak, leden = browserzaak
    page = browser.open(leden["kernteam"], f"/processen/{zaak.uuid}/")
    toets = page.keyboard
    _tab_naar(page, "el.matches('a.taken__link') && el.textContent.trim() === 'Interventies'")
    with page.expect_navigation():
        toets.press("Enter")
    _tab_naar(page, f"el.matches('a.veldkeuze__link') && el.textContent.trim() === '{VELDNAAM}'")
    with page.expect_navigation():
        toets.press("Enter")
    _tab_naar(page, "el.matches('a.instrument__plan')")
    naam = page.evaluate("document.activeElement.closest('li').querySelector('strong').textContent")
    with page.expect_navigation():
        toets.press("Enter")
    _tab_naar(page, "el.name === 'plan-beoogd_effect'")
    toets.type("Vertrouwen tussen corporatie en ondernemers")
    _tab_naar(
        page, "el.matches('button[type=submit]') && el.textContent.trim() === 'Interventie plannen'"
    )
    toets.press("Enter")
    page.get_by_text("De interventie is gepland.").wait_for()
    interventie = Interventie.objects.get(bestuursproces=zaak)
    assert interventie.titel == naam
    assert interventie.auteur == leden["kernteam"]

    # Doen: open the item's form, say what was done, send.
    _tab_naar(
        page,
        f"el.matches('#interventie-{interventie.uuid} summary')"
        " && el.textContent.includes('Uitvoering')",
    )
    toets.press("Enter")
    _tab_naar(page, f"el.name === 'uit-{interventie.uuid}-wat_gedaan'")
    toets.type("Beide aan tafel gehad")
    _tab_naar(page, f"el.closest('#uitvoeren-{interventie.uuid}') && el.type === 'submit'")
    toets.press("Enter")
    page.get_by_text("De uitvoering is vastgelegd.").wait_for()
    # Leren en beter: the observed effect and whether it worked out (a radio: Space).
    _tab_naar(
        page,
        f"el.matches('#interventie-{interventie.uuid} summary')"
        " && el.textContent.includes('Evalueren')",
    )
    toets.press("Enter")
    _tab_naar(page, f"el.name === 'eval-{interventie.uuid}-waargenomen_effect'")
    toets.type("Ze praten weer met elkaar")
    _tab_naar(page, f"el.name === 'eval-{interventie.uuid}-uitgepakt'")
    toets.press("Space")
    _tab_naar(page, f"el.closest('#evalueren-{interventie.uuid}') && el.type === 'submit'")
    toets.press("Enter")
    page.get_by_text("De evaluatie is vastgelegd.").wait_for()
    interventie.refresh_from_db()
    assert (interventie.status, interventie.uitgepakt) == ("geevalueerd", "ja")
    typen = list(
        Gebeurtenis.objects.filter(bestuursproces=zaak)
        .order_by("-volgnummer")
        .values_list("type", flat=True)[:3]
    )
    assert typen == ["interventie.geevalueerd", "interventie.uitgevoerd", "interventie.gelogd"]
    schoon(page, "de interventies na de evaluatie")
    browser.foto(page, "interventies-geevalueerd")


def test_wyberen_de_matrix_in_place_en_de_fase_met_bevestiging(
    browser: Browser,
    browserzaak: tuple[Bestuursproces, dict[str, Any]],
) -> None:
    zaak, leden = browserzaak
    stap = WyberStap.objects.get(bestuursproces=zaak)
    page = browser.open(leden["procesregisseur"], f"/processen/{zaak.uuid}/wyberen/")
    schoon(page, "wyberen")
    browser.foto(page, "wyberen")
    # In place: the page is not reloaded (a marker on window survives).
    page.evaluate("window.nietHerladen = true")
    eerste, tweede = (
        Instemming.objects.filter(stap=stap).select_related("speler").order_by("speler__naam")
    )
    assert eerste.speler is not None
    assert tweede.speler is not None
    rij = page.locator(f"#instemming-{eerste.uuid}")
    rij.get_by_role("combobox", name=f"Instemming {eerste.speler.naam}").select_option("ingestemd")
    rij.get_by_role("checkbox", name=f"Formeel besloten {eerste.speler.naam}").check()
    # A date in the future: refused in the row, the reference kept.
    morgen = timezone.localdate() + dt.timedelta(days=1)
    rij.get_by_role("textbox", name=f"Besloten op {eerste.speler.naam}").fill(morgen.isoformat())
    rij.get_by_role("textbox", name=f"Referentie {eerste.speler.naam}").fill("B&W 2026-41")
    rij.get_by_role("button", name="Opslaan").click()
    page.locator(f"#instemming-{eerste.uuid} .utrecht-form-field-error-message").first.wait_for()
    rij = page.locator(f"#instemming-{eerste.uuid}")
    assert (
        rij.get_by_role("textbox", name=f"Referentie {eerste.speler.naam}").input_value()
        == "B&W 2026-41"
    )
    schoon(page, "een geweigerde matrixrij")
    gisteren = timezone.localdate() - dt.timedelta(days=1)
    rij.get_by_role("textbox", name=f"Besloten op {eerste.speler.naam}").fill(gisteren.isoformat())
    rij.get_by_role("button", name="Opslaan").click()
    page.locator(f"#instemming-{eerste.uuid} [role=status]").wait_for()
    assert page.evaluate("window.nietHerladen === true")
    eerste.refresh_from_db()
    assert (eerste.status, eerste.formeel_besloten, eerste.besloten_op) == (
        "ingestemd",
        True,
        gisteren,
    )
    schoon(page, "een opgeslagen matrixrij")
    browser.foto(page, "wyberen-matrix")
    past_op_telefoon(page)
    # The other rows and forms carry the new version: the last consent settles the step.
    rij = page.locator(f"#instemming-{tweede.uuid}")
    rij.get_by_role("combobox", name=f"Instemming {tweede.speler.naam}").select_option("ingestemd")
    rij.get_by_role("checkbox", name=f"Formeel besloten {tweede.speler.naam}").check()
    rij.get_by_role("textbox", name=f"Besloten op {tweede.speler.naam}").fill(
        timezone.localdate().isoformat()
    )
    rij.get_by_role("button", name="Opslaan").click()
    page.get_by_text("de stap is geconsolideerd").wait_for()
    assert WyberStap.objects.get(pk=stap.pk).fase == "geconsolideerd"

    # A new step: start, bring in an option, move on to convergeren with a confirmation.
    page.locator("summary", has_text="Een nieuwe stap starten").click()
    page.get_by_label("Doel van de stap").fill("Het ontwerp van de kade")
    page.get_by_role("button", name="Stap starten").click()
    page.get_by_text("De stap is gestart.").wait_for()
    nieuw = WyberStap.objects.filter(bestuursproces=zaak).latest("volgnummer")
    sectie = page.locator(f"#stap-{nieuw.volgnummer}")
    sectie.locator("summary", has_text="Een optie inbrengen").click()
    sectie.get_by_label("Optie", exact=True).fill("Een groene kade")
    sectie.get_by_label("Ingebracht door").select_option(label="Woningcorporatie")
    sectie.get_by_role("button", name="Optie inbrengen").click()
    page.get_by_text("De optie is ingebracht.").wait_for()
    sectie = page.locator(f"#stap-{nieuw.volgnummer}")
    sectie.locator("summary", has_text="Naar convergeren").click()
    formulier = sectie.locator(f"#fase-{nieuw.uuid}")
    formulier.get_by_label("Toelichting").fill("Alle opties zijn binnen")
    formulier.get_by_role("button", name="Naar convergeren").click()
    bevestiging = page.locator(f"#fase-{nieuw.uuid} .bevestiging")
    bevestiging.wait_for()
    assert "niet terug te draaien" in bevestiging.inner_text()
    assert WyberStap.objects.get(pk=nieuw.pk).fase == "divergeren"
    schoon(page, "de bevestiging van een fase")
    page.locator(f"#fase-{nieuw.uuid}").get_by_role("button", name="Ja, bevestig").click()
    page.get_by_text("De stap is naar de volgende fase.").wait_for()
    assert WyberStap.objects.get(pk=nieuw.pk).fase == "convergeren"
    laatste = Gebeurtenis.objects.filter(bestuursproces=zaak).latest("volgnummer")
    assert (laatste.type, laatste.toelichting) == (
        "wyberstap.fase_gewijzigd",
        "Alle opties zijn binnen",
    )
    schoon(page, "wyberen na de fase")
    past_op_telefoon(page)
    assert page.vreemd == []


def test_idee_herzien_met_het_verschil(
    browser: Browser,
    browserzaak: tuple[Bestuursproces, dict[str, Any]],
) -> None:
    zaak, leden = browserzaak
    page = browser.open(leden["procesregisseur"], f"/processen/{zaak.uuid}/idee/")
    schoon(page, "idee en procesontwerp")
    page.locator("summary", has_text="Idee herzien").click()
    wat = page.get_by_label("Wat is het idee?")
    # Refused: an empty idee; the other input stays.
    wat.fill("")
    page.get_by_label("Stip op de horizon").fill("Wonen aan het water")
    page.get_by_role("button", name="Idee herzien").click()
    page.locator("#ideeformulier .utrecht-form-field-error-message").first.wait_for()
    assert page.get_by_label("Stip op de horizon").input_value() == "Wonen aan het water"
    schoon(page, "een geweigerd idee")
    page.get_by_label("Wat is het idee?").fill("Een groen en levendig havenkwartier")
    page.locator("#ideeformulier").get_by_label("Toelichting").fill("Na de werksessie")
    page.get_by_role("button", name="Idee herzien").click()
    page.get_by_text("Het idee is herzien.").wait_for()
    assert (
        Gebeurtenis.objects.filter(bestuursproces=zaak).latest("volgnummer").type == "idee.herzien"
    )
    verschil = page.locator('section[aria-labelledby="idee-kop"] .verschil').first
    assert "groen en" in verschil.locator("ins").first.inner_text()
    assert "[nieuw:" in verschil.inner_text()
    schoon(page, "het verschil tussen twee ideeversies")
    browser.foto(page, "idee-verschil")

    page.locator("summary", has_text="Procesontwerp herzien").click()
    page.get_by_label("Processtrategie").fill("Eerst de partijen, dan de plannen.")
    page.get_by_label("Stap 1: titel").fill("Werksessie met de corporatie")
    page.get_by_role("button", name="Procesontwerp herzien").click()
    page.get_by_text("Het procesontwerp is herzien.").wait_for()
    gebeurtenis = Gebeurtenis.objects.filter(bestuursproces=zaak).latest("volgnummer")
    assert gebeurtenis.type == "procesontwerp.herzien"
    schoon(page, "idee en procesontwerp na herzien")
    past_op_telefoon(page)
    assert page.vreemd == []


@pytest.mark.parametrize("taak", ["idee", "wyberen", "interventies"])
def test_een_opdrachtgever_leest_zonder_formulieren(
    browser: Browser,
    browserzaak: tuple[Bestuursproces, dict[str, Any]],
    taak: str,
) -> None:
    zaak, leden = browserzaak
    services.log_interventie(
        actor=actor_voor(leden["procesregisseur"]),
        bestuursproces=zaak,
        titel="Open gesprek met de buurt",
        datum=timezone.localdate(),
        velden=[VELD],
        niveau="groep",
        aangrijpingspunt="interactie",
        zwaarte="licht",
        beoogd_effect="Draagvlak",
        zichtbaarheid="proces",
    )
    pad = f"/processen/{zaak.uuid}/{taak}/" + (f"?veld={VELD}" if taak == "interventies" else "")
    page = browser.open(leden["opdrachtgever"], pad)
    assert page.locator("form.dienstformulier, form.instemming__formulier").count() == 0
    assert "U kunt dit dossier lezen." in page.content()
    inhoud = page.locator("main").inner_text()
    verwacht = {
        "idee": "Een levendig havenkwartier met woningen en werk",
        "wyberen": "Woningcorporatie",
        "interventies": "Open gesprek met de buurt",
    }[taak]
    assert verwacht in inhoud
    schoon(page, f"{taak} voor een opdrachtgever")
    browser.foto(page, f"opdrachtgever-{taak}")
    past_op_telefoon(page)
    assert page.vreemd == []
