"""The catalogue in the admin: pages render, the cross-veld rule shows as a Dutch form error,
a new instrument is in the API at once, and what a case uses is not deleted."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from cases import services
from instruments.models import Instrument, Kracht, Strategie, Thema, Veld
from tests._mfa import log_in_met_tweede_factor
from tests.cases.api.helpers import API
from tests.factories import actor_voor, open_proces


@pytest.fixture
def admin_client(client: Client, beheerder: Any) -> Client:
    return log_in_met_tweede_factor(client, beheerder)


def url(model: type, actie: str, *args: Any) -> str:
    return reverse(f"admin:instruments_{model.__name__.lower()}_{actie}", args=args)


def instrument_data(veld: Veld, **velden: Any) -> dict[str, Any]:
    """The add form as a browser posts it."""
    data = {
        "naam": "Omgevingsscan",
        "veld": veld.pk,
        "subvraag": "",
        "thema": "",
        "verdiepingsvraag": "Wie speelt er allemaal mee?",
        "omschrijving": "",
        "doel": "begrijpen",
        "voorkeursinstrument": "unknown",
        "bron": "Eigen praktijk",
        "volgorde": "0",
    }
    data.update(velden)
    return data


def formfouten(response: Any) -> dict[str, list[str]]:
    assert response.status_code == 200
    return {
        veld: list(meldingen)
        for veld, meldingen in response.context["adminform"].form.errors.items()
    }


@pytest.mark.parametrize("model", [Veld, Instrument, Strategie, Kracht])
def test_paginas_tonen(catalogus, admin_client, model):
    assert admin_client.get(url(model, "changelist")).status_code == 200
    assert admin_client.get(url(model, "change", model.objects.first().pk)).status_code == 200
    assert admin_client.get(url(model, "add")).status_code == 200


@pytest.mark.parametrize(
    "params",
    [
        {"q": "tijdlijn"},
        {"doel__exact": "begrijpen"},
        {"voorkeursinstrument__isnull": "True"},
        {"thema": "abc"},
    ],
)
def test_zoeken_en_filteren_in_de_lijst(catalogus, admin_client, params):
    assert admin_client.get(url(Instrument, "changelist"), params).status_code == 200


def test_themafilter_toont_het_veld_en_volgt_de_veldkeuze(catalogus, admin_client):
    interventie = Veld.objects.get(code="interventie")
    response = admin_client.get(url(Instrument, "changelist"), {"veld__id__exact": interventie.pk})
    inhoud = response.content.decode()
    assert "Interventieveld: Analyse" in inhoud
    assert "Ontwerpende veld: Analyse" not in inhoud
    thema = Thema.objects.get(veld=interventie, naam="Conflicten en dilemma's")
    response = admin_client.get(url(Instrument, "changelist"), {"thema": thema.pk})
    assert [i.naam for i in response.context["cl"].result_list] == ["Omgaan met dilemma's"]


def test_nieuw_instrument_staat_meteen_in_de_api(catalogus, admin_client, gebruiker):
    verbindende = Veld.objects.get(code="verbindende")
    thema = Thema.objects.get(veld=verbindende, naam="Betrekken en benaderen")
    response = admin_client.post(
        url(Instrument, "add"),
        instrument_data(verbindende, thema=thema.pk, subvraag=thema.subvraag_id),
    )
    assert response.status_code == 302
    api = APIClient()
    api.force_authenticate(gebruiker)
    body = api.get(f"{API}/instrumenten", {"zoek": "omgevingsscan"}).json()
    assert body["count"] == 1
    gevonden = body["results"][0]
    assert (gevonden["veld"], gevonden["thema"], gevonden["doel"], gevonden["subvraag"]) == (
        "verbindende",
        "Betrekken en benaderen",
        "begrijpen",
        "Wie heb ik waarom en wanneer nodig?",
    )
    assert gevonden["voorkeursinstrument"] is None


def test_thema_van_ander_veld_is_een_formulierfout(catalogus, admin_client):
    verbindende = Veld.objects.get(code="verbindende")
    analyse = Thema.objects.get(veld__code="interventie", naam="Analyse")
    response = admin_client.post(
        url(Instrument, "add"), instrument_data(verbindende, thema=analyse.pk)
    )
    assert formfouten(response) == {
        "thema": ["Dit thema hoort bij een ander veld dan het instrument."]
    }
    assert not Instrument.objects.filter(naam="Omgevingsscan").exists()


def test_subvraag_van_ander_veld_is_een_formulierfout(catalogus, admin_client):
    verbindende = Veld.objects.get(code="verbindende")
    subvraag = Veld.objects.get(code="idee").subvragen.get(nummer=1)
    response = admin_client.post(
        url(Instrument, "add"), instrument_data(verbindende, subvraag=subvraag.pk)
    )
    assert formfouten(response) == {
        "subvraag": ["Deze sub-vraag hoort bij een ander veld dan het instrument."]
    }


def test_thema_van_andere_subvraag_is_een_formulierfout(catalogus, admin_client):
    verbindende = Veld.objects.get(code="verbindende")
    thema = Thema.objects.get(veld=verbindende, naam="Betrekken en benaderen")  # sub-vraag 2
    response = admin_client.post(
        url(Instrument, "add"),
        instrument_data(
            verbindende, thema=thema.pk, subvraag=verbindende.subvragen.get(nummer=4).pk
        ),
    )
    assert formfouten(response) == {
        "thema": ["Dit thema hoort bij een andere sub-vraag dan die van het instrument."]
    }


def test_veld_wijzigen_met_thema_van_het_oude_veld_wordt_geweigerd(catalogus, admin_client):
    instrument = Instrument.objects.get(naam="Dienend leiderschap")
    data = instrument_data(
        Veld.objects.get(code="interne"),
        naam=instrument.naam,
        verdiepingsvraag=instrument.verdiepingsvraag,
        thema=instrument.thema_id,
    )
    response = admin_client.post(url(Instrument, "change", instrument.pk), data)
    assert formfouten(response) == {
        "thema": ["Dit thema hoort bij een ander veld dan het instrument."]
    }
    instrument.refresh_from_db()
    assert instrument.veld.code == "positionerende"


def test_bij_wijzigen_alleen_keuzes_uit_het_eigen_veld(catalogus, admin_client):
    instrument = Instrument.objects.get(naam="Tijdlijnmethode")
    form = admin_client.get(url(Instrument, "change", instrument.pk)).context["adminform"].form
    assert {t.veld_id for t in form.fields["thema"].queryset} == {instrument.veld_id}
    assert {s.veld_id for s in form.fields["subvraag"].queryset} == {instrument.veld_id}
    assert "Interventieveld: Analyse" in [label for _, label in form.fields["thema"].choices]


def test_veld_toont_alleen_eigen_subvragen_bij_themas(catalogus, admin_client):
    veld = Veld.objects.get(code="opdrachtgevende")
    response = admin_client.get(url(Veld, "change", veld.pk))
    themas = next(
        inline for inline in response.context["inline_admin_formsets"] if inline.opts.model is Thema
    )
    keuzes = themas.formset.forms[0].fields["subvraag"].queryset
    assert sorted(s.nummer for s in keuzes) == [1, 2, 3, 4, 5]
    assert {s.veld_id for s in keuzes} == {veld.pk}


def test_velden_worden_nooit_verwijderd(catalogus, admin_client):
    veld = Veld.objects.get(code="idee")
    assert admin_client.get(url(Veld, "delete", veld.pk)).status_code == 403
    assert admin_client.post(url(Veld, "delete", veld.pk), {"post": "yes"}).status_code == 403
    assert Veld.objects.count() == 9


def test_ongebruikt_instrument_kan_weg(catalogus, admin_client):
    instrument = Instrument.objects.get(naam="Waardenanalyse")
    response = admin_client.post(url(Instrument, "delete", instrument.pk), {"post": "yes"})
    assert response.status_code == 302
    assert not Instrument.objects.filter(pk=instrument.pk).exists()


@pytest.fixture
def in_gebruik(catalogus: Any, regisseur: Any) -> tuple[Instrument, Strategie]:
    """An intervention of a case that uses Waardenanalyse and the strategie motiveren."""
    instrument = Instrument.objects.get(naam="Waardenanalyse")
    strategie = Strategie.objects.get(code="motiveren")
    services.log_interventie(
        actor=actor_voor(regisseur),
        bestuursproces=open_proces(regisseur),
        titel="Waardensessie met de bewoners",
        datum=timezone.localdate(),
        velden=["verbindende"],
        niveau="groep",
        aangrijpingspunt="gevoel",
        zwaarte="middel",
        beoogd_effect="Begrip voor elkaars waarden.",
        instrument=instrument,
        strategie=strategie,
    )
    return instrument, strategie


def test_gebruikt_instrument_of_strategie_blijft_met_uitleg(in_gebruik, admin_client):
    for obj in in_gebruik:
        model = type(obj)
        response = admin_client.get(url(model, "delete", obj.pk))
        inhoud = response.content.decode()
        assert response.status_code == 200
        assert "In gebruik bij 1 interventie van een bestuursproces" in inhoud
        # The case's intervention is not shown to the beheerder.
        assert "Waardensessie" not in inhoud
        response = admin_client.post(url(model, "delete", obj.pk), {"post": "yes"})
        assert response.status_code == 200
        assert model.objects.filter(pk=obj.pk).exists()


def test_gebruikt_instrument_blijft_ook_bij_verwijderen_in_bulk(in_gebruik, admin_client):
    instrument, _ = in_gebruik
    ongebruikt = Instrument.objects.get(naam="RSPW")
    response = admin_client.post(
        url(Instrument, "changelist"),
        {
            "action": "delete_selected",
            "_selected_action": [instrument.pk, ongebruikt.pk],
            "post": "yes",
        },
    )
    assert response.status_code == 200
    assert "In gebruik bij 1 interventie van een bestuursproces" in response.content.decode()
    assert Instrument.objects.filter(pk__in=[instrument.pk, ongebruikt.pk]).count() == 2
