"""The shared helper of the workspace's forms (werkruimte/formulieren.py): a refusal keeps the
input and lands at its field, nothing is half-written, the version check stops a stale form,
and an irreversible step asks for confirmation with a toelichting."""

from __future__ import annotations

from typing import Any

import pytest
from django import forms
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.db import SessionStore
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.test import RequestFactory
from django_htmx.middleware import HtmxDetails

from cases import services
from cases.exceptions import DomainError, Geschiedenisconflict, OngeldigeInvoer
from cases.models import Bestuursproces, Gebeurtenis
from tests.factories import actor_voor
from werkruimte.formulieren import Dienstformulier, verwerk, voer_uit
from werkruimte.templatetags.werkruimte import widgetsoort
from werkruimte.toegang import Zaak
from werkruimte.velden import TijdstipMixin
from werkruimte.versie import versie_van

pytestmark = pytest.mark.django_db


class Proefformulier(TijdstipMixin, Dienstformulier):
    veldnamen = {"stip_op_de_horizon": "stip"}

    naam = forms.CharField(label="Naam")
    budget = forms.IntegerField(label="Budget", required=False)
    stip = forms.CharField(label="Stip", required=False)


class Onomkeerbaar(Proefformulier):
    onomkeerbaar = True


def _formulier(
    zaak: Bestuursproces, data: dict[str, Any] | None = None, soort: type = Proefformulier
) -> Dienstformulier:
    gegevens = {"naam": "Kade", "versie": str(versie_van(zaak)), **(data or {})}
    formulier = soort(gegevens, zaak=Zaak(zaak, "procesregisseur"))
    assert formulier.is_valid(), formulier.errors
    return formulier


def _weiger(fout: Exception) -> Any:
    def aanroep() -> None:
        raise fout

    return aanroep


def test_ongeldige_invoer_komt_bij_de_velden(zaak: Bestuursproces) -> None:
    formulier = _formulier(zaak, {"budget": "12"})
    fout = OngeldigeInvoer(
        {
            "naam": [("required", "Geef een naam.")],
            "opdracht.budget": [("min_value", "Het budget is negatief.")],
            "stip_op_de_horizon": [("invalid", "Te lang.")],
            "gebruiker": [("required", "Iemand doet het.")],
        }
    )
    assert voer_uit(formulier, _weiger(fout)) is False
    assert formulier.errors["naam"] == ["Geef een naam."]
    assert formulier.errors["budget"] == ["Het budget is negatief."]
    assert formulier.errors["stip"] == ["Te lang."]
    # A field the form does not have: above the form, not lost.
    assert formulier.non_field_errors() == ["Iemand doet het."]
    # The input stays as typed.
    assert formulier["naam"].value() == "Kade"
    assert formulier["budget"].value() == "12"


def test_een_domeinfout_komt_bij_haar_veld_of_boven_het_formulier(zaak: Bestuursproces) -> None:
    formulier = _formulier(zaak)
    assert not voer_uit(formulier, _weiger(DomainError("Niet zo.", veld="naam")))
    assert formulier.errors["naam"] == ["Niet zo."]

    formulier = _formulier(zaak)
    assert not voer_uit(formulier, _weiger(DomainError("Het proces is afgerond.")))
    assert formulier.non_field_errors() == ["Het proces is afgerond."]


def test_een_geschiedenisconflict_komt_bij_het_tijdstip(zaak: Bestuursproces) -> None:
    formulier = _formulier(zaak, {"tijdstip": "2026-01-05"})
    conflict = Geschiedenisconflict("Toen bestond de speler nog niet.")
    assert not voer_uit(formulier, _weiger(conflict))
    assert formulier.errors["tijdstip"] == ["Toen bestond de speler nog niet."]
    assert formulier["tijdstip"].value() == "2026-01-05"


def test_django_validatiefouten_en_ontbrekende_rechten(zaak: Bestuursproces) -> None:
    formulier = _formulier(zaak)
    fout = ValidationError({"naam": ["Bestaat al."], "__all__": ["Geheel fout."]})
    assert not voer_uit(formulier, _weiger(fout))
    assert formulier.errors["naam"] == ["Bestaat al."]
    assert formulier.non_field_errors() == ["Geheel fout."]

    formulier = _formulier(zaak)
    assert not voer_uit(formulier, _weiger(ValidationError("Los bericht.")))
    assert formulier.non_field_errors() == ["Los bericht."]

    formulier = _formulier(zaak)
    assert not voer_uit(formulier, _weiger(PermissionDenied("Alleen de regisseur.")))
    assert formulier.non_field_errors() == ["Alleen de regisseur."]


def test_een_weigering_na_een_schrijfactie_laat_niets_achter(
    zaak: Bestuursproces, regisseur: Any
) -> None:
    aantal = Gebeurtenis.objects.filter(bestuursproces=zaak).count()

    def schrijf_en_weiger() -> None:
        services.maak_notitie(
            actor=actor_voor(regisseur),
            bestuursproces=zaak,
            tekst="Half geschreven",
            zichtbaarheid="kernteam",
        )
        raise DomainError("Toch niet.")

    formulier = _formulier(zaak)
    assert not voer_uit(formulier, schrijf_en_weiger)
    assert Gebeurtenis.objects.filter(bestuursproces=zaak).count() == aantal


def test_een_verouderd_formulier_wordt_geweigerd_en_noemt_wat_er_veranderde(
    zaak: Bestuursproces, regisseur: Any
) -> None:
    formulier = _formulier(zaak)
    oud = versie_van(zaak)
    services.maak_notitie(
        actor=actor_voor(regisseur),
        bestuursproces=zaak,
        tekst="Intussen vastgelegd",
        zichtbaarheid="kernteam",
    )
    uitgevoerd: list[bool] = []
    assert not voer_uit(formulier, lambda: uitgevoerd.append(True))
    assert uitgevoerd == []
    assert formulier.heeft_conflict
    assert formulier.aantal_wijzigingen == 1
    [wijziging] = formulier.wijzigingen
    assert wijziging.wie == "Rina Regisseur"
    assert "Iemand anders heeft dit bestuursproces gewijzigd" in formulier.non_field_errors()[0]
    # The form now carries the current version: sending it again goes through.
    assert formulier["versie"].value() == str(oud + 1)
    opnieuw = Proefformulier(formulier.data, zaak=formulier.zaak)
    assert opnieuw.is_valid()
    assert voer_uit(opnieuw, lambda: uitgevoerd.append(True))
    assert uitgevoerd == [True]


def _verzoek(data: dict[str, Any], gebruiker: Any, *, htmx: bool = False) -> HttpRequest:
    koppen = {"HX-Request": "true"} if htmx else {}
    request = RequestFactory().post("/proef/", data, headers=koppen)
    request.user = gebruiker
    request.session = SessionStore()
    request._messages = FallbackStorage(request)  # type: ignore[attr-defined]
    request.htmx = HtmxDetails(request)  # type: ignore[attr-defined]
    return request


def _verwerk(request: HttpRequest, zaak: Bestuursproces, aanroep: Any) -> Any:
    formulier = Onomkeerbaar(request.POST, zaak=Zaak(zaak, "procesregisseur"))
    return verwerk(
        request,
        formulier,
        aanroep,
        taak="stadium",
        sjabloon="werkruimte/taken/stadium.html",
        fragment="werkruimte/taken/_stadium_formulier.html",
        volgende="/klaar/",
        gelukt="Gelukt.",
        context={"actie": "/proef/"},
    )


def test_een_onomkeerbare_stap_vraagt_eerst_bevestiging_met_toelichting(
    zaak: Bestuursproces, regisseur: Any
) -> None:
    uitgevoerd: list[str] = []
    data = {"naam": "Kade", "versie": str(versie_van(zaak))}

    eerste = _verwerk(_verzoek(data, regisseur), zaak, lambda f: uitgevoerd.append("1"))
    assert eerste.status_code == 200
    html = eerste.content.decode()
    assert "Weet u het zeker? Deze stap is niet terug te draaien." in html
    assert '<input type="hidden" name="naam" value="Kade">' in html
    assert 'name="bevestigd" value="on"' in html
    assert uitgevoerd == []

    # Confirmed without a toelichting: refused, still nothing done.
    zonder = _verwerk(
        _verzoek({**data, "bevestigd": "on"}, regisseur), zaak, lambda f: uitgevoerd.append("2")
    )
    assert zonder.status_code == 400
    assert "geef een toelichting" in zonder.content.decode()
    assert uitgevoerd == []

    met = _verwerk(
        _verzoek({**data, "bevestigd": "on", "toelichting": "Afgesproken"}, regisseur),
        zaak,
        lambda f: uitgevoerd.append(f.toelichting_tekst),
    )
    assert met.status_code == 302
    assert met["Location"] == "/klaar/"
    assert uitgevoerd == ["Afgesproken"]


def test_htmx_krijgt_het_fragment_of_een_doorverwijzing(
    zaak: Bestuursproces, regisseur: Any
) -> None:
    data = {"naam": "", "versie": str(versie_van(zaak))}
    fout = _verwerk(_verzoek(data, regisseur, htmx=True), zaak, lambda f: None)
    assert fout.status_code == 400
    html = fout.content.decode()
    assert html.lstrip().startswith("<form")
    assert "<html" not in html

    data = {"naam": "Kade", "versie": str(versie_van(zaak)), "bevestigd": "on", "toelichting": "x"}
    goed = _verwerk(_verzoek(data, regisseur, htmx=True), zaak, lambda f: None)
    assert goed.status_code == 200
    assert goed["HX-Redirect"] == "/klaar/"


def test_een_datum_als_beginwaarde_staat_in_iso_in_het_invoerveld() -> None:
    """A date input rejects "6 december 2026": the initial value goes in as ISO text."""
    import datetime as dt

    from django import forms
    from django.template.loader import render_to_string
    from django.utils import translation

    class Formulier(forms.Form):
        datum = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))

    formulier = Formulier(initial={"datum": dt.date(2026, 12, 6)})
    with translation.override("nl"):
        html = render_to_string("werkruimte/_veld.html", {"veld": formulier["datum"]})
    assert 'value="2026-12-06"' in html


def test_een_keuze_uit_meer_is_een_rij_vinkjes_geen_radioknoppen() -> None:
    """Django's CheckboxSelectMultiple is a RadioSelect subclass: the field template must
    still render it as checkboxes (the interventie's velden, a bijeenkomst's deelnemers)."""

    class Keuzes(forms.Form):
        meer = forms.MultipleChoiceField(
            choices=[("a", "A"), ("b", "B")], widget=forms.CheckboxSelectMultiple
        )
        een = forms.ChoiceField(choices=[("a", "A"), ("b", "B")], widget=forms.RadioSelect)

    formulier = Keuzes()
    assert widgetsoort(formulier["meer"]) == "checkboxes"
    assert widgetsoort(formulier["een"]) == "radio"
