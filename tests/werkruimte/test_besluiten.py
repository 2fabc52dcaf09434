"""The Besluiten task through the browser's door: the besluiten and the opdracht's
besluitmomenten (genomen, verlopen, gepland; the overdue ones marked), recording a besluit that
fulfils a besluitmoment and is the formal decision behind a consent (both events or neither);
a refusal keeps the input; readers get no form and 403; non-members 404."""

from __future__ import annotations

from typing import Any

import pytest

from cases import services
from cases.models import Besluit, Bestuursproces, Gebeurtenis, Instemming
from tests.factories import GebruikerFactory, voeg_leden_toe
from werkruimte.versie import versie_van

from ._dossier import Dossier, bouw_dossier, dag
from ._html import LEZEND, WERKEND, formulieren, veldfout

pytestmark = pytest.mark.django_db


@pytest.fixture
def dossier(regisseur: Any) -> Dossier:
    return bouw_dossier(regisseur)


@pytest.fixture
def leden(dossier: Dossier, regisseur: Any) -> dict[str, Any]:
    return voeg_leden_toe(dossier.zaak, regisseur)


def _url(zaak: Bestuursproces) -> str:
    return f"/processen/{zaak.uuid}/besluiten/"


def _typen(zaak: Bestuursproces, na: int) -> list[str]:
    return list(
        Gebeurtenis.objects.filter(bestuursproces=zaak, volgnummer__gt=na)
        .order_by("volgnummer")
        .values_list("type", flat=True)
    )


def _consolideer_met(dossier: Dossier) -> Instemming:
    """A step in consolideren waiting for the opdrachtgever's consent."""
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


def _invoer(dossier: Dossier, laatste: int, **meer: str) -> dict[str, Any]:
    gegevens = {
        "besluit-titel": "Raad stemt in met de kade",
        "besluit-inhoud": "Met amendement over groen",
        "besluit-besluitnemer": "orgaan:raad",
        "besluit-datum": dag(2).isoformat(),
        "besluit-kenmerk": "RB 2026/14",
        "besluit-zichtbaarheid": "proces",
        "besluit-toelichting": "Uit de raadsvergadering",
        "besluit-versie": str(laatste),
    }
    gegevens.update({f"besluit-{k}": v for k, v in meer.items()})
    return gegevens


def test_besluitmomenten_genomen_verlopen_en_gepland(
    dossier: Dossier, leden: dict[str, Any], web: Any
) -> None:
    html = web(leden["opdrachtgever"]).get(_url(dossier.zaak)).content.decode()
    assert "1 besluitmoment is voorbij zonder besluit." in html
    momenten = html.split('id="momenten-kop"', 1)[1].split("</section>", 1)[0]
    assert momenten.count("dossieritem--verlopen") == 1
    assert "Gepland" in momenten

    dossier.besluit(besluitmoment=dag(10))
    html = web(leden["opdrachtgever"]).get(_url(dossier.zaak)).content.decode()
    assert "voorbij zonder besluit" not in html
    momenten = html.split('id="momenten-kop"', 1)[1].split("</section>", 1)[0]
    assert "Genomen" in momenten
    assert "Raad stemt in met de gebiedsvisie" in momenten


@pytest.mark.parametrize("rol", WERKEND)
def test_een_besluit_dat_een_besluitmoment_vervult_en_een_instemming_formeel_maakt(
    dossier: Dossier, leden: dict[str, Any], web: Any, rol: str
) -> None:
    instemming = _consolideer_met(dossier)
    bijeenkomst = dossier.bijeenkomst()
    laatste = versie_van(dossier.zaak)
    antwoord = web(leden[rol]).post(
        _url(dossier.zaak),
        _invoer(
            dossier,
            laatste,
            # Today: the consent it formalises stands on its date, after the consolidation.
            datum=dag(0).isoformat(),
            besluitmoment=dag(10).isoformat(),
            bijeenkomst=str(bijeenkomst.uuid),
            instemming=str(instemming.uuid),
        ),
    )
    assert antwoord.status_code == 302
    assert _typen(dossier.zaak, laatste)[:2] == ["besluit.vastgelegd", "instemming.vastgelegd"]
    besluit = Besluit.objects.get(titel="Raad stemt in met de kade")
    assert (besluit.orgaan, besluit.besluitmoment, besluit.bijeenkomst) == (
        "raad",
        dag(10),
        bijeenkomst,
    )
    instemming.refresh_from_db()
    assert (instemming.status, instemming.formeel_besloten, instemming.besluit) == (
        "ingestemd",
        True,
        besluit,
    )
    assert antwoord["Location"].endswith(f"#besluit-{besluit.uuid}")


def test_een_besluit_van_een_opdrachtgever(
    dossier: Dossier, leden: dict[str, Any], web: Any
) -> None:
    laatste = versie_van(dossier.zaak)
    antwoord = web(leden["procesregisseur"]).post(
        _url(dossier.zaak),
        _invoer(dossier, laatste, besluitnemer=f"opdrachtgever:{dossier.opdrachtgever.uuid}"),
    )
    assert antwoord.status_code == 302
    assert Besluit.objects.get().opdrachtgever == dossier.opdrachtgever


def test_een_geweigerd_besluit_houdt_de_invoer_en_schrijft_niets(
    dossier: Dossier, leden: dict[str, Any], web: Any
) -> None:
    instemming = _consolideer_met(dossier)
    laatste = versie_van(dossier.zaak)
    # A besluit behind a consent must be visible to every member: both facts are refused.
    antwoord = web(leden["procesregisseur"]).post(
        _url(dossier.zaak),
        _invoer(dossier, laatste, zichtbaarheid="kernteam", instemming=str(instemming.uuid)),
        HTTP_HX_REQUEST="true",
    )
    assert antwoord.status_code == 400
    html = antwoord.content.decode()
    assert "zichtbaarheid proces" in veldfout(html, "besluit-instemming")
    assert 'value="Raad stemt in met de kade"' in html
    assert 'value="orgaan:raad" selected' in html
    assert 'value="kernteam" checked' in html
    assert _typen(dossier.zaak, laatste) == []
    assert not Besluit.objects.exists()

    # A besluit in the future: the reason at the date.
    antwoord = web(leden["procesregisseur"]).post(
        _url(dossier.zaak), _invoer(dossier, laatste, datum=dag(-3).isoformat())
    )
    assert antwoord.status_code == 400
    assert "toekomst" in veldfout(antwoord.content.decode(), "besluit-datum")
    # An 'ander orgaan' without its name.
    antwoord = web(leden["procesregisseur"]).post(
        _url(dossier.zaak), _invoer(dossier, laatste, besluitnemer="orgaan:anders")
    )
    assert antwoord.status_code == 400
    assert veldfout(antwoord.content.decode(), "besluit-orgaan_naam")
    assert _typen(dossier.zaak, laatste) == []


@pytest.mark.parametrize("rol", LEZEND)
def test_een_lezer_ziet_de_besluiten_zonder_formulier_en_krijgt_403(
    dossier: Dossier, leden: dict[str, Any], web: Any, rol: str
) -> None:
    dossier.besluit()
    dossier.besluit("Vertrouwelijk collegebesluit", orgaan="college", zichtbaarheid="kernteam")
    client = web(leden[rol])
    html = client.get(_url(dossier.zaak)).content.decode()
    assert "Raad stemt in met de gebiedsvisie" in html
    assert "Vertrouwelijk collegebesluit" not in html
    assert formulieren(html) == []
    laatste = versie_van(dossier.zaak)
    assert client.post(_url(dossier.zaak), _invoer(dossier, laatste)).status_code == 403
    assert _typen(dossier.zaak, laatste) == []


def test_niet_leden_krijgen_404(dossier: Dossier, web: Any) -> None:
    client = web(GebruikerFactory(username="buitenstaander"))
    assert client.get(_url(dossier.zaak)).status_code == 404
    assert client.post(_url(dossier.zaak), {}).status_code == 404
