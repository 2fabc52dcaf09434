"""The admin writes only through services: every save leaves exactly its events."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from cases.models import Bestuursproces, Lidmaatschap

from ..factories import GebruikerFactory, consolideer_stap
from .admin_helpers import als_staf, formulierdata, gebeurtenistypen, laatste, prefix


@pytest.fixture
def browser(client: Client) -> Any:
    return lambda gebruiker: als_staf(client, gebruiker)


def _wijzig_url(bestuursproces: Bestuursproces) -> str:
    return reverse("admin:cases_bestuursproces_change", args=[bestuursproces.pk])


def test_openen_via_admin_maakt_regisseur_en_gebeurtenissen(browser: Any, db: None) -> None:
    # Opening a case is a right of the group Procesregisseurs.
    gebruiker = GebruikerFactory(username="nieuwe-regisseur", opent=True)
    client = browser(gebruiker)
    response = client.post(
        reverse("admin:cases_bestuursproces_add"),
        {
            "titel": "Gezondheidsakkoord Oostflank",
            "rol_gemeente": "participerend",
            "procesrol": "procesregisseur",
            "aanpak": "flipperkast",
            "status": "actief",
            "budget": "2500.50",
        },
    )
    assert response.status_code == 302, response.content[:2000]
    bestuursproces = Bestuursproces.objects.get(titel="Gezondheidsakkoord Oostflank")
    assert gebeurtenistypen(bestuursproces, 0) == [
        "bestuursproces.geopend",
        "lidmaatschap.toegevoegd",
    ]
    geopend = bestuursproces.gebeurtenissen.get(volgnummer=1)
    assert geopend.payload["bestuursproces"]["opdracht"]["budget"] == "2500.50"
    assert geopend.herkomst.startswith("web@")
    assert Lidmaatschap.objects.get(bestuursproces=bestuursproces).rol == "procesregisseur"


def test_wijzigen_idee_en_stadium_via_admin(browser: Any, leden: dict[str, Any]) -> None:
    regisseur = leden["procesregisseur"]
    bestuursproces = Bestuursproces.objects.get(lidmaatschappen__gebruiker=regisseur)
    consolideer_stap(bestuursproces, regisseur)  # the stadium gate lets the move pass
    client = browser(regisseur)
    pagina = client.get(_wijzig_url(bestuursproces))
    assert pagina.status_code == 200
    data = formulierdata(pagina)
    data["titel"] = "Havenkwartier: wonen en werken"
    idee = prefix(pagina, "ideeversie", nieuw=True)
    data[f"{idee}-0-wat"] = "Een havenkwartier waar wonen, werken en water samenkomen"
    data[f"{idee}-0-toelichting"] = "Na de werksessie met ondernemers"
    overgang = prefix(pagina, "stadiumovergang", nieuw=True)
    data[f"{overgang}-0-naar"] = "houdbaar"
    data[f"{overgang}-0-toelichting"] = "Het idee wordt breed gedragen"
    voor = laatste(bestuursproces)

    response = client.post(_wijzig_url(bestuursproces), data)

    assert response.status_code == 302, response.context and response.context["errors"]
    assert gebeurtenistypen(bestuursproces, voor) == [
        "bestuursproces.gewijzigd",
        "idee.herzien",
        "stadium.gewijzigd",
    ]
    bestuursproces.refresh_from_db()
    assert bestuursproces.stadium == "houdbaar"
    assert bestuursproces.titel == "Havenkwartier: wonen en werken"
    herzien = bestuursproces.gebeurtenissen.get(type="idee.herzien", volgnummer__gt=voor)
    assert herzien.payload["idee"]["versie"] == 2
    assert herzien.toelichting == "Na de werksessie met ondernemers"


def test_ongeldige_overgang_is_formulierfout_en_schrijft_niets(
    browser: Any, leden: dict[str, Any]
) -> None:
    regisseur = leden["procesregisseur"]
    bestuursproces = Bestuursproces.objects.get(lidmaatschappen__gebruiker=regisseur)
    client = browser(regisseur)
    pagina = client.get(_wijzig_url(bestuursproces))
    data = formulierdata(pagina)
    data["titel"] = "Andere titel"
    overgang = prefix(pagina, "stadiumovergang", nieuw=True)
    data[f"{overgang}-0-naar"] = "uitvoerbaar"
    data[f"{overgang}-0-toelichting"] = "Te snel"
    voor = laatste(bestuursproces)

    response = client.post(_wijzig_url(bestuursproces), data)

    assert response.status_code == 200
    assert "één stadium tegelijk" in response.content.decode()
    assert laatste(bestuursproces) == voor
    bestuursproces.refresh_from_db()
    assert bestuursproces.titel != "Andere titel"


def _stadium_via_admin(
    client: Client, bestuursproces: Bestuursproces, *, forceren: bool
) -> tuple[Any, int]:
    pagina = client.get(_wijzig_url(bestuursproces))
    data = formulierdata(pagina)
    data["titel"] = "Andere titel"
    overgang = prefix(pagina, "stadiumovergang", nieuw=True)
    data[f"{overgang}-0-naar"] = "houdbaar"
    data[f"{overgang}-0-toelichting"] = "Toch door"
    if forceren:
        data[f"{overgang}-0-forceren"] = "on"
    voor = laatste(bestuursproces)
    return client.post(_wijzig_url(bestuursproces), data), voor


def _melding(response: Any) -> str:
    return " ".join(str(m) for m in get_messages(response.wsgi_request))


def _overgangsformulier(response: Any) -> Any:
    """The bound form of the stadiumovergang that was posted."""
    overgang = prefix(response, "stadiumovergang", nieuw=True)
    [formset] = [
        i.formset for i in response.context["inline_admin_formsets"] if i.formset.prefix == overgang
    ]
    return formset.forms[0]


def test_poort_gesloten_staat_bij_het_veld_en_de_invoer_blijft(
    browser: Any, leden: dict[str, Any]
) -> None:
    regisseur = leden["procesregisseur"]
    bestuursproces = Bestuursproces.objects.get(lidmaatschappen__gebruiker=regisseur)

    response, voor = _stadium_via_admin(browser(regisseur), bestuursproces, forceren=False)

    # The service refuses after the forms validated: the save rolls back, and the page comes
    # back with the reason at the chosen stadium and every input as it was typed.
    assert response.status_code == 200
    overgang = _overgangsformulier(response)
    assert "geen wyber-stap geconsolideerd" in " ".join(overgang.errors["naar"])
    assert (overgang["naar"].value(), overgang["toelichting"].value()) == ("houdbaar", "Toch door")
    assert response.context["adminform"].form["titel"].value() == "Andere titel"
    assert "Er is niets opgeslagen, ook uw andere wijzigingen niet" in _melding(response)
    # Nothing half-written: not the stadium, and not the unrelated edit of the title.
    assert laatste(bestuursproces) == voor
    bestuursproces.refresh_from_db()
    assert (bestuursproces.stadium, bestuursproces.titel) == (
        "voorstelbaar",
        "Herinrichting Havenkwartier",
    )


def test_forceren_door_kernteam_via_admin_wordt_geweigerd(
    browser: Any, leden: dict[str, Any]
) -> None:
    regisseur = leden["procesregisseur"]
    bestuursproces = Bestuursproces.objects.get(lidmaatschappen__gebruiker=regisseur)

    response, voor = _stadium_via_admin(browser(leden["kernteam"]), bestuursproces, forceren=True)

    assert response.status_code == 200
    overgang = _overgangsformulier(response)
    assert "Alleen de procesregisseur" in " ".join(overgang.errors["forceren"])
    assert overgang["forceren"].value() is True
    assert laatste(bestuursproces) == voor
    bestuursproces.refresh_from_db()
    assert bestuursproces.stadium == "voorstelbaar"


def test_forceren_door_regisseur_via_admin_legt_de_bezwaren_vast(
    browser: Any, leden: dict[str, Any]
) -> None:
    regisseur = leden["procesregisseur"]
    bestuursproces = Bestuursproces.objects.get(lidmaatschappen__gebruiker=regisseur)

    response, voor = _stadium_via_admin(browser(regisseur), bestuursproces, forceren=True)

    assert response.status_code == 302, response.context and response.context["errors"]
    overgang = bestuursproces.gebeurtenissen.get(type="stadium.gewijzigd", volgnummer__gt=voor)
    assert overgang.payload["overgang"]["geforceerd"] is True
    assert overgang.payload["bezwaren"] == [
        "Er is sinds het bereiken van stadium voorstelbaar geen wyber-stap geconsolideerd."
    ]


def test_lidmaatschappen_via_admin(browser: Any, leden: dict[str, Any]) -> None:
    regisseur = leden["procesregisseur"]
    bestuursproces = Bestuursproces.objects.get(lidmaatschappen__gebruiker=regisseur)
    nieuw_lid: Any = GebruikerFactory(username="nieuw-lid")
    client = browser(regisseur)
    pagina = client.get(_wijzig_url(bestuursproces))
    data = formulierdata(pagina)
    lid_prefix = prefix(pagina, "lidmaatschap", nieuw=False)
    totaal = int(data[f"{lid_prefix}-TOTAL_FORMS"])
    # change the evaluator to kernteam, remove the opdrachtgever, add a new evaluator
    for index in range(totaal):
        gebruiker_id = int(data[f"{lid_prefix}-{index}-gebruiker"])
        if gebruiker_id == leden["evaluator"].pk:
            data[f"{lid_prefix}-{index}-rol"] = "kernteam"
        if gebruiker_id == leden["opdrachtgever"].pk:
            data[f"{lid_prefix}-{index}-DELETE"] = "on"
    data[f"{lid_prefix}-{totaal}-gebruiker"] = nieuw_lid.pk
    data[f"{lid_prefix}-{totaal}-rol"] = "evaluator"
    data[f"{lid_prefix}-TOTAL_FORMS"] = totaal + 1
    voor = laatste(bestuursproces)

    response = client.post(_wijzig_url(bestuursproces), data)

    assert response.status_code == 302
    assert sorted(gebeurtenistypen(bestuursproces, voor)) == [
        "lidmaatschap.beeindigd",
        "lidmaatschap.gewijzigd",
        "lidmaatschap.toegevoegd",
    ]
    rollen = dict(
        Lidmaatschap.objects.filter(bestuursproces=bestuursproces).values_list(
            "gebruiker__username", "rol"
        )
    )
    assert rollen[leden["evaluator"].username] == "kernteam"
    assert rollen["nieuw-lid"] == "evaluator"
    assert leden["opdrachtgever"].username not in rollen


@pytest.mark.parametrize("rol", ["opdrachtgever", "evaluator"])
def test_lezers_kunnen_niet_wijzigen(browser: Any, leden: dict[str, Any], rol: str) -> None:
    bestuursproces = Bestuursproces.objects.get(lidmaatschappen__gebruiker=leden[rol])
    client = browser(leden[rol])
    pagina = client.get(_wijzig_url(bestuursproces))
    assert pagina.status_code == 200
    assert pagina.context["has_change_permission"] is False
    voor = laatste(bestuursproces)
    response = client.post(_wijzig_url(bestuursproces), {"titel": "Gekaapt"})
    assert response.status_code == 403
    assert laatste(bestuursproces) == voor


def test_buitenstaander_ziet_het_bestuursproces_niet(browser: Any, leden: dict[str, Any]) -> None:
    bestuursproces = Bestuursproces.objects.get(lidmaatschappen__gebruiker=leden["kernteam"])
    client = browser(leden["buitenstaander"])
    lijst = client.get(reverse("admin:cases_bestuursproces_changelist"))
    assert bestuursproces.titel not in lijst.content.decode()
    detail = client.get(_wijzig_url(bestuursproces))
    assert detail.status_code == 302  # Django's admin redirects unknown objects to the index
    gebeurtenissen = client.get(reverse("admin:cases_gebeurtenis_changelist"))
    assert bestuursproces.titel not in gebeurtenissen.content.decode()


def test_geen_verwijderen_en_gebeurtenissen_alleen_lezen(
    browser: Any, leden: dict[str, Any]
) -> None:
    regisseur = leden["procesregisseur"]
    bestuursproces = Bestuursproces.objects.get(lidmaatschappen__gebruiker=regisseur)
    client = browser(regisseur)
    delete = client.post(
        reverse("admin:cases_bestuursproces_delete", args=[bestuursproces.pk]), {"post": "yes"}
    )
    assert delete.status_code == 403
    assert Bestuursproces.objects.filter(pk=bestuursproces.pk).exists()
    lijst = client.get(
        reverse("admin:cases_gebeurtenis_changelist") + f"?bestuursproces={bestuursproces.uuid}"
    )
    assert lijst.status_code == 200
    assert "bestuursproces.geopend" in lijst.content.decode()
    gebeurtenis = bestuursproces.gebeurtenissen.first()
    assert gebeurtenis is not None
    wijzig = client.post(
        reverse("admin:cases_gebeurtenis_change", args=[gebeurtenis.pk]), {"toelichting": "x"}
    )
    assert wijzig.status_code == 403


def test_uitkomst_zonder_afronden_is_een_formulierfout(browser: Any, leden: dict[str, Any]) -> None:
    regisseur = leden["procesregisseur"]
    bestuursproces = Bestuursproces.objects.get(lidmaatschappen__gebruiker=regisseur)
    client = browser(regisseur)
    pagina = client.get(_wijzig_url(bestuursproces))
    data = formulierdata(pagina)
    data["uitkomst"] = "Voorbarig"
    voor = laatste(bestuursproces)

    response = client.post(_wijzig_url(bestuursproces), data)

    assert response.status_code == 200
    assert "bij het afronden" in response.content.decode()
    assert laatste(bestuursproces) == voor


def test_idee_eigenaren_kiezen_uit_de_spelers(browser: Any, leden: dict[str, Any]) -> None:
    from cases import services
    from tests.factories import actor_voor

    regisseur = leden["procesregisseur"]
    bestuursproces = Bestuursproces.objects.get(lidmaatschappen__gebruiker=regisseur)
    coop, dorp = (
        services.registreer_speler(
            actor=actor_voor(regisseur),
            bestuursproces=bestuursproces,
            naam=naam,
            soort="groep",
            veld="verbindende",
            rol_in_proces="idee_eigenaar",
        )
        for naam in ("Coöperatie", "Dorpsraad")
    )
    client = browser(regisseur)
    pagina = client.get(_wijzig_url(bestuursproces))
    data = formulierdata(pagina)
    idee = prefix(pagina, "ideeversie", nieuw=True)
    data[f"{idee}-0-eigenaar_keuze"] = [coop.pk, dorp.pk]
    voor = laatste(bestuursproces)

    response = client.post(_wijzig_url(bestuursproces), data)

    assert response.status_code == 302, response.context["errors"]
    herzien = bestuursproces.gebeurtenissen.get(volgnummer=voor + 1)
    assert herzien.type == "idee.herzien"
    assert herzien.payload["idee"]["eigenaarSpelers"] == [str(coop.uuid), str(dorp.uuid)]
    # The next revision starts from these eigenaren.
    opnieuw = formulierdata(client.get(_wijzig_url(bestuursproces)))
    assert sorted(opnieuw[f"{idee}-0-eigenaar_keuze"]) == sorted([coop.pk, dorp.pk])
