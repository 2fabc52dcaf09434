"""The admin's forms hold no rules of their own: the services decide, and their refusal shows at
the field it names, with every input kept and nothing of the save written."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from cases import services
from cases.exceptions import LidmaatschapConflict, OngeldigeInvoer
from cases.models import Bestuursproces, Lidmaatschap

from ..factories import GebruikerFactory
from .admin_helpers import formulierdata, gebeurtenistypen, laatste, prefix


def _wijzig_url(bestuursproces: Bestuursproces) -> str:
    return reverse("admin:cases_bestuursproces_change", args=[bestuursproces.pk])


def _leden(pagina: Any) -> Any:
    gezocht = prefix(pagina, "lidmaatschap", nieuw=False)
    [formset] = [
        i.formset for i in pagina.context["inline_admin_formsets"] if i.formset.prefix == gezocht
    ]
    return formset


def _rij_van(data: dict[str, Any], lid_prefix: str, gebruiker: Any) -> str:
    totaal = int(data[f"{lid_prefix}-TOTAL_FORMS"])
    [index] = [i for i in range(totaal) if data[f"{lid_prefix}-{i}-gebruiker"] == gebruiker.pk]
    return f"{lid_prefix}-{index}"


@pytest.fixture
def regisseurspagina(browser: Any, leden: dict[str, Any]) -> tuple[Client, Bestuursproces, Any]:
    regisseur = leden["procesregisseur"]
    bestuursproces = Bestuursproces.objects.get(lidmaatschappen__gebruiker=regisseur)
    client = browser(regisseur)
    return client, bestuursproces, client.get(_wijzig_url(bestuursproces))


def test_een_uitkomst_zonder_afronden_weigert_de_service_bij_het_veld(
    regisseurspagina: tuple[Client, Bestuursproces, Any],
) -> None:
    client, bestuursproces, pagina = regisseurspagina
    data = formulierdata(pagina)
    data["uitkomst"] = "Omgezet in een project"
    data["kaders"] = "Binnen het bestemmingsplan"
    voor = laatste(bestuursproces)

    response = client.post(_wijzig_url(bestuursproces), data)

    assert response.status_code == 200
    form = response.context["adminform"].form
    assert form.errors["uitkomst"] == ["De uitkomst leg je vast bij het afronden van het proces."]
    assert (form["uitkomst"].value(), form["kaders"].value()) == (
        "Omgezet in een project",
        "Binnen het bestemmingsplan",
    )
    assert laatste(bestuursproces) == voor
    bestuursproces.refresh_from_db()
    assert (bestuursproces.uitkomst, bestuursproces.kaders) == ("", "Binnen de bestaande begroting")


def test_de_laatste_procesregisseur_weghalen_weigert_de_service_bij_de_rij(
    regisseurspagina: tuple[Client, Bestuursproces, Any], leden: dict[str, Any]
) -> None:
    client, bestuursproces, pagina = regisseurspagina
    data = formulierdata(pagina)
    lid_prefix = prefix(pagina, "lidmaatschap", nieuw=False)
    rij = _rij_van(data, lid_prefix, leden["procesregisseur"])
    data[f"{rij}-rol"] = "kernteam"
    data["titel"] = "Een titel die niet mag blijven"
    voor = laatste(bestuursproces)

    response = client.post(_wijzig_url(bestuursproces), data)

    assert response.status_code == 200
    [geweigerd] = [f for f in _leden(response).forms if f.prefix == rij]
    assert geweigerd.errors["rol"] == [
        "Een bestuursproces houdt altijd minstens één procesregisseur."
    ]
    assert geweigerd["rol"].value() == "kernteam"
    assert laatste(bestuursproces) == voor
    assert Lidmaatschap.objects.get(gebruiker=leden["procesregisseur"]).rol == "procesregisseur"


def test_de_regisseursrol_overdragen_in_een_keer(
    regisseurspagina: tuple[Client, Bestuursproces, Any], leden: dict[str, Any]
) -> None:
    """What the services accept as a whole passes row by row: the new procesregisseur comes in
    before the old one steps down, whatever the order on the page."""
    client, bestuursproces, pagina = regisseurspagina
    opvolger: Any = GebruikerFactory(username="opvolger")
    data = formulierdata(pagina)
    lid_prefix = prefix(pagina, "lidmaatschap", nieuw=False)
    data[f"{_rij_van(data, lid_prefix, leden['procesregisseur'])}-rol"] = "kernteam"
    totaal = int(data[f"{lid_prefix}-TOTAL_FORMS"])
    data[f"{lid_prefix}-{totaal}-gebruiker"] = opvolger.pk
    data[f"{lid_prefix}-{totaal}-rol"] = "procesregisseur"
    data[f"{lid_prefix}-TOTAL_FORMS"] = totaal + 1
    voor = laatste(bestuursproces)

    response = client.post(_wijzig_url(bestuursproces), data)

    assert response.status_code == 302, response.context and response.context["errors"]
    assert gebeurtenistypen(bestuursproces, voor) == [
        "lidmaatschap.toegevoegd",
        "lidmaatschap.gewijzigd",
    ]
    rollen = dict(
        Lidmaatschap.objects.filter(bestuursproces=bestuursproces).values_list(
            "gebruiker__username", "rol"
        )
    )
    assert rollen["opvolger"] == "procesregisseur"
    assert rollen[leden["procesregisseur"].username] == "kernteam"


def test_een_regel_die_de_service_verandert_verandert_ook_de_admin(
    regisseurspagina: tuple[Client, Bestuursproces, Any],
    leden: dict[str, Any],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """No copy of a rule in the admin: a stricter rule in the service alone is enough."""
    client, bestuursproces, pagina = regisseurspagina

    def strenger(*args: Any, **kwargs: Any) -> None:
        raise LidmaatschapConflict("Evaluatoren blijven evaluator.", veld="rol")

    monkeypatch.setattr("cases.services.lidmaatschap._eis_andere_regisseur", strenger)
    data = formulierdata(pagina)
    lid_prefix = prefix(pagina, "lidmaatschap", nieuw=False)
    rij = _rij_van(data, lid_prefix, leden["evaluator"])
    data[f"{rij}-rol"] = "kernteam"

    response = client.post(_wijzig_url(bestuursproces), data)

    assert response.status_code == 200
    [geweigerd] = [f for f in _leden(response).forms if f.prefix == rij]
    assert geweigerd.errors["rol"] == ["Evaluatoren blijven evaluator."]


def test_een_fout_zonder_veld_van_het_formulier_staat_boven_het_formulier(
    regisseurspagina: tuple[Client, Bestuursproces, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    client, bestuursproces, pagina = regisseurspagina
    echte = services.wijzig_bestuursproces

    def weiger(**kwargs: Any) -> Any:
        echte(**kwargs)  # written first, then refused: the savepoint must undo it
        raise OngeldigeInvoer({"tijdstip": [("toekomst", "Dit tijdstip ligt in de toekomst.")]})

    monkeypatch.setattr(services, "wijzig_bestuursproces", weiger)
    data = formulierdata(pagina)
    data["titel"] = "Half geschreven"
    voor = laatste(bestuursproces)

    response = client.post(_wijzig_url(bestuursproces), data)

    assert response.status_code == 200
    form = response.context["adminform"].form
    assert form.non_field_errors() == ["Dit tijdstip ligt in de toekomst."]
    assert form["titel"].value() == "Half geschreven"
    assert laatste(bestuursproces) == voor
    bestuursproces.refresh_from_db()
    assert bestuursproces.titel != "Half geschreven"


def test_een_tweede_weigering_is_een_melding_en_schrijft_niets(
    regisseurspagina: tuple[Client, Bestuursproces, Any],
    leden: dict[str, Any],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Should the page built again still save (its forms not carrying the reason), the second
    refusal is a message: never an error page, never half-written."""
    client, bestuursproces, pagina = regisseurspagina
    monkeypatch.setattr("cases.admin._basis.met_weigering", lambda klasse, _weigering: klasse)
    data = formulierdata(pagina)
    lid_prefix = prefix(pagina, "lidmaatschap", nieuw=False)
    data[f"{_rij_van(data, lid_prefix, leden['procesregisseur'])}-rol"] = "kernteam"
    data["titel"] = "Een titel die niet mag blijven"
    voor = laatste(bestuursproces)

    response = client.post(_wijzig_url(bestuursproces), data)

    assert response.status_code == 302
    assert laatste(bestuursproces) == voor
    bestuursproces.refresh_from_db()
    assert bestuursproces.titel != "Een titel die niet mag blijven"
