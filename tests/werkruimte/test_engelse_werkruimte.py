"""The workspace in English leaves nothing Dutch that the code says (found by a tester with an
English browser), and the small things a browser or a screen reader notices."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.utils import translation

from cases import services
from cases.models import Bestuursproces, WyberStap
from instruments.models import Instrument, VeldCode
from tests.cases._interventies import veld
from tests.factories import actor_voor
from werkruimte.interventie_formulieren import InstrumentKeuze
from werkruimte.taken.tijdlijn import RapportFormulier

from ._html import veldfout


def _pagina(web: Any, gebruiker: Any, zaak: Bestuursproces, taak: str, taal: str) -> str:
    antwoord = web(gebruiker).get(f"/processen/{zaak.uuid}/{taak}", HTTP_ACCEPT_LANGUAGE=taal)
    assert antwoord.status_code == 200
    return str(antwoord.content.decode())


def test_een_wyberstap_heet_in_de_taal_van_de_lezer(zaak: Bestuursproces, regisseur: Any) -> None:
    stap = services.start_wyberstap(
        actor=actor_voor(regisseur), bestuursproces=zaak, doel="Waar komt de brug?"
    )
    assert isinstance(stap, WyberStap)
    with translation.override("en"):
        assert str(stap) == "Step 1: Waar komt de brug?"
    with translation.override("nl"):
        assert str(stap) == "Stap 1: Waar komt de brug?"


def test_besluiten_is_een_zelfstandig_naamwoord_en_een_werkwoord(
    zaak: Bestuursproces, regisseur: Any, web: Any
) -> None:
    assert "<title>Decisions" in _pagina(web, regisseur, zaak, "besluiten/", "en")
    assert "<title>Besluiten" in _pagina(web, regisseur, zaak, "besluiten/", "nl")
    actor = actor_voor(regisseur)
    stap = services.start_wyberstap(actor=actor, bestuursproces=zaak, doel="Brug")
    services.breng_optie_in(actor=actor, stap=stap, titel="Noordkant")
    services.wijzig_fase(actor=actor, stap=stap, naar="convergeren")  # options are decided on
    wyberen = _pagina(web, regisseur, zaak, "wyberen/", "en")
    assert "<summary>Decide<" in wyberen


@pytest.mark.django_db
def test_een_instrument_noemt_zijn_veld_in_de_taal_van_de_lezer() -> None:
    """The catalogue's own name of a veld is Dutch data; the label of its code is translated."""
    instrument = Instrument.objects.create(
        naam="Keukentafelgesprek", veld=veld(VeldCode.IDEE), verdiepingsvraag="Wat wil ik?"
    )
    keuze = InstrumentKeuze(queryset=Instrument.objects.all())
    for taal in ("en", "nl"):
        with translation.override(taal):
            label = keuze.label_from_instance(instrument)
            assert label == f"Keukentafelgesprek ({VeldCode.IDEE.label})"
    with translation.override("en"):
        assert keuze.label_from_instance(instrument) == "Keukentafelgesprek (Idea/initiative)"


def test_de_rapportformaten_zeggen_wat_ze_zijn() -> None:
    with translation.override("en"):
        keuzes = RapportFormulier().fields["formaat"].choices  # type: ignore[attr-defined]
        labels = {code: str(label) for code, label in keuzes}
    assert labels["pdf"] == "Evaluation report as PDF"
    assert labels["xes"] == "Events for process mining (XES)"


def test_het_pictogram_van_de_site(client: Client, regisseur: Any) -> None:
    client.force_login(regisseur)
    pagina = client.get("/processen/").content.decode()
    assert 'rel="icon"' in pagina
    antwoord = client.get("/favicon.ico")
    assert antwoord.status_code == 301
    assert antwoord["Location"].endswith(".svg")
    assert client.get(antwoord["Location"]).status_code == 200


def test_een_fout_aan_een_vinkje_is_voor_een_schermlezer_ongeldig(
    zaak: Bestuursproces, regisseur: Any, web: Any
) -> None:
    """A checkbox with an error says aria-invalid, as every other input does."""
    from django import forms
    from django.template.loader import render_to_string

    class Formulier(forms.Form):
        akkoord = forms.BooleanField(label="Akkoord")

    formulier = Formulier(data={})
    assert not formulier.is_valid()
    html = render_to_string("werkruimte/_veld.html", {"veld": formulier["akkoord"]})
    assert 'aria-invalid="true"' in html
    assert veldfout(html, "akkoord")


def test_de_exportformaten_in_de_taal_van_de_lezer(
    zaak: Bestuursproces, regisseur: Any, web: Any
) -> None:
    engels = _pagina(web, regisseur, zaak, "tijdlijn/export/", "en")
    assert "JSON Lines: a header, one event per line" in engels
    assert "per event type with a column per field" in engels
    assert "JSON Lines: kop, één gebeurtenis per regel" in _pagina(
        web, regisseur, zaak, "tijdlijn/export/", "nl"
    )
