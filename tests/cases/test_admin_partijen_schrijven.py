"""Writing the register of parties in the admin: each write goes through the services with
exactly its events, and what a form or service refuses is shown and writes nothing."""

from __future__ import annotations

from typing import Any

from cases import services
from cases.models import Bestuursproces, Opdrachtgever, Organisatie, Speler

from ..factories import GebruikerFactory, actor_voor, open_proces
from .admin_helpers import (
    _fouten,
    _nieuw_formset,
    _url,
    formulierdata,
    gebeurtenistypen,
    laatste,
    prefix,
)

# --- writes through services, with exactly their events ---------------------------------------


def test_speler_registreren_via_admin(
    browser: Any, leden: dict[str, Any], bestuursproces: Bestuursproces, organisatie: Organisatie
) -> None:
    regisseur = leden["procesregisseur"]
    eigen_tweede = open_proces(regisseur, titel="Tweede proces van de regisseur")
    alleen_lezen = open_proces(GebruikerFactory(username="ander"), titel="Meelezen elders")
    services.voeg_lid_toe(
        actor=actor_voor(alleen_lezen.lidmaatschappen.get().gebruiker),
        bestuursproces=alleen_lezen,
        gebruiker=regisseur,
        rol="opdrachtgever",
    )
    client = browser(regisseur)

    pagina = client.get(_url("speler", "add"))

    assert pagina.status_code == 200
    keuzes = set(pagina.context["adminform"].form.fields["bestuursproces"].queryset)
    assert keuzes == {bestuursproces, eigen_tweede}  # not where the regisseur only reads
    voor = laatste(bestuursproces)
    response = client.post(
        _url("speler", "add"),
        {
            "bestuursproces": bestuursproces.pk,
            "naam": "Bewonersvereniging De Kade",
            "soort": "groep",
            "organisatie": organisatie.pk,
            "veld": "verbindende",
            "rol_in_proces": "initiatiefnemer",
            "belang": "Betaalbare woningen aan het water",
            "commitment": "true",
        },
    )

    assert response.status_code == 302, response.context and response.context["errors"]
    assert gebeurtenistypen(bestuursproces, voor) == ["speler.geregistreerd"]
    speler = Speler.objects.get(naam="Bewonersvereniging De Kade")
    assert speler.organisatie == organisatie
    assert speler.commitment is True
    assert speler.betrokkenheid == "nog_te_betrekken"
    assert response["Location"] == _url("speler", "changelist")


def test_speler_wijzigen_beoordelen_betrokkenheid_en_notitie_via_admin(
    browser: Any, leden: dict[str, Any], speler: Speler
) -> None:
    bestuursproces = speler.bestuursproces
    client = browser(leden["kernteam"])
    pagina = client.get(_url("speler", "change", speler.pk))
    assert pagina.status_code == 200
    data = formulierdata(pagina)
    data["belang"] = "Wil vooral snelheid"
    beoordeling = prefix(pagina, "spelerbeoordeling", nieuw=True)
    data.update(
        {
            f"{beoordeling}-0-standpunt": "tegenstander",
            f"{beoordeling}-0-macht": "blokkademacht",
            f"{beoordeling}-0-unieke_macht": "on",
            f"{beoordeling}-0-invloed": "4",
            f"{beoordeling}-0-vertrouwen": "2",
            f"{beoordeling}-0-toelichting": "Na het bewonersoverleg",
            f"{beoordeling}-0-zichtbaarheid": "kernteam",
        }
    )
    betrokkenheid = prefix(pagina, "betrokkenheidswijziging", nieuw=True)
    data[f"{betrokkenheid}-0-actie"] = "afwachten"
    data[f"{betrokkenheid}-0-reden"] = "Wacht de raadsvergadering af"
    notitie = prefix(pagina, "notitie", nieuw=True)
    data[f"{notitie}-0-tekst"] = "Bellen na de zomer"
    data[f"{notitie}-0-zichtbaarheid"] = "proces"
    voor = laatste(bestuursproces)

    response = client.post(_url("speler", "change", speler.pk), data)

    assert response.status_code == 302, response.context and response.context["errors"]
    assert gebeurtenistypen(bestuursproces, voor) == [
        "speler.gewijzigd",
        "speler.beoordeeld",
        "speler.betrokkenheid_gewijzigd",
        "notitie.gemaakt",
    ]
    gebeurtenissen = bestuursproces.gebeurtenissen.filter(volgnummer__gt=voor)
    gewijzigd = gebeurtenissen.get(type="speler.gewijzigd")
    assert gewijzigd.payload["wijzigingen"] == {"belang": "Wil vooral snelheid"}
    beoordeeld = gebeurtenissen.get(type="speler.beoordeeld")
    assert beoordeeld.payload["zichtbaarheid"] == "kernteam"
    assert beoordeeld.payload["beoordeling"]["standpunt"] == "tegenstander"
    assert beoordeeld.payload["beoordeling"]["uniekeMacht"] is True
    assert gebeurtenissen.get(type="speler.betrokkenheid_gewijzigd").toelichting == (
        "Wacht de raadsvergadering af"
    )
    speler.refresh_from_db()
    assert speler.betrokkenheid == "afwachtend"
    assert speler.notities.get().tekst == "Bellen na de zomer"


def test_onaangeroerde_pagina_opslaan_schrijft_niets(
    browser: Any, leden: dict[str, Any], speler: Speler
) -> None:
    client = browser(leden["procesregisseur"])
    pagina = client.get(_url("speler", "change", speler.pk))
    voor = laatste(speler.bestuursproces)

    response = client.post(_url("speler", "change", speler.pk), formulierdata(pagina))

    assert response.status_code == 302, response.context and response.context["errors"]
    assert laatste(speler.bestuursproces) == voor


def test_opdrachtgever_en_organisatie_via_admin(
    browser: Any, leden: dict[str, Any], bestuursproces: Bestuursproces
) -> None:
    client = browser(leden["procesregisseur"])
    voor = laatste(bestuursproces)
    response = client.post(
        _url("organisatie", "add"),
        {"bestuursproces": bestuursproces.pk, "naam": "Provincie", "soort": "andere_overheid"},
    )
    assert response.status_code == 302, response.context and response.context["errors"]
    organisatie = Organisatie.objects.get(naam="Provincie")
    pagina = client.get(_url("organisatie", "change", organisatie.pk))
    data = formulierdata(pagina)
    data["eigen_gemeente"] = "on"
    assert client.post(_url("organisatie", "change", organisatie.pk), data).status_code == 302
    response = client.post(
        _url("opdrachtgever", "add"),
        {
            "bestuursproces": bestuursproces.pk,
            "naam": "Gedeputeerde Smit",
            "rol": "directie_externe_partij",
            "organisatie": organisatie.pk,
            "expliciete_opdracht": "Een plan voor de kade",
        },
    )
    assert response.status_code == 302, response.context and response.context["errors"]
    opdrachtgever = Opdrachtgever.objects.get(naam="Gedeputeerde Smit")

    pagina = client.get(_url("opdrachtgever", "change", opdrachtgever.pk))
    beoordeling = prefix(pagina, "opdrachtgeverbeoordeling", nieuw=True)
    veld = _nieuw_formset(pagina, "opdrachtgeverbeoordeling").form.base_fields["zichtbaarheid"]
    assert veld.initial == "regisseur"  # the reading of an opdrachtgever is the regisseur's
    data = formulierdata(pagina)
    data.update(
        {
            f"{beoordeling}-0-steun": "voorstander",
            f"{beoordeling}-0-stevigheid": "4",
            f"{beoordeling}-0-onderling_vertrouwen": "3",
            f"{beoordeling}-0-impliciete_opdracht": "Vooral geen gedoe voor de verkiezingen",
        }
    )
    betrokkenheid = prefix(pagina, "betrokkenheidswijziging", nieuw=True)
    data[f"{betrokkenheid}-0-actie"] = "aansluiten"
    data[f"{betrokkenheid}-0-reden"] = "Eerste gesprek was positief"
    response = client.post(_url("opdrachtgever", "change", opdrachtgever.pk), data)

    assert response.status_code == 302, response.context and response.context["errors"]
    assert gebeurtenistypen(bestuursproces, voor) == [
        "organisatie.geregistreerd",
        "organisatie.gewijzigd",
        "opdrachtgever.geregistreerd",
        "opdrachtgever.beoordeeld",
        "opdrachtgever.betrokkenheid_gewijzigd",
    ]
    beoordeeld = bestuursproces.gebeurtenissen.get(type="opdrachtgever.beoordeeld")
    assert beoordeeld.payload["zichtbaarheid"] == "regisseur"
    organisatie.refresh_from_db()
    assert organisatie.eigen_gemeente is True
    opdrachtgever.refresh_from_db()
    assert opdrachtgever.betrokkenheid == "aangehaakt"


# --- what a form refuses is a form error, and nothing is written ------------------------------


def test_ongeldige_betrokkenheidsactie_is_formulierfout(
    browser: Any, leden: dict[str, Any], speler: Speler
) -> None:
    client = browser(leden["procesregisseur"])
    pagina = client.get(_url("speler", "change", speler.pk))
    data = formulierdata(pagina)
    data["naam"] = "Andere naam"
    betrokkenheid = prefix(pagina, "betrokkenheidswijziging", nieuw=True)
    data[f"{betrokkenheid}-0-actie"] = "aanhaken"  # only from afwachtend or afgehaakt
    data[f"{betrokkenheid}-0-reden"] = "Te vroeg"
    voor = laatste(speler.bestuursproces)

    response = client.post(_url("speler", "change", speler.pk), data)

    assert response.status_code == 200
    assert "Aanhaken kan alleen vanuit" in _fouten(response, "betrokkenheidswijziging")["actie"][0]
    assert laatste(speler.bestuursproces) == voor
    speler.refresh_from_db()
    assert (speler.naam, speler.betrokkenheid) == ("Anouk de Wit", "nog_te_betrekken")


def test_organisatie_van_ander_proces_is_formulierfout(
    browser: Any, leden: dict[str, Any], speler: Speler, regisseur: Any
) -> None:
    bestuursproces = speler.bestuursproces
    ander = open_proces(regisseur, titel="Ander proces")
    vreemd = services.registreer_organisatie(
        actor=actor_voor(regisseur), bestuursproces=ander, naam="Elders", soort="bedrijf"
    )
    client = browser(regisseur)
    voor = (laatste(bestuursproces), laatste(ander))

    toevoegen = client.post(
        _url("speler", "add"),
        {
            "bestuursproces": bestuursproces.pk,
            "naam": "Verdwaalde speler",
            "soort": "persoon",
            "organisatie": vreemd.pk,
            "veld": "interne",
            "rol_in_proces": "betrokkene",
        },
    )
    pagina = client.get(_url("speler", "change", speler.pk))
    assert set(pagina.context["adminform"].form.fields["organisatie"].queryset) == {
        speler.organisatie
    }
    data = formulierdata(pagina)
    data["organisatie"] = vreemd.pk
    wijzigen = client.post(_url("speler", "change", speler.pk), data)

    assert toevoegen.status_code == 200
    assert toevoegen.context["adminform"].form.errors["organisatie"] == [
        "Deze organisatie hoort niet bij dit proces."
    ]
    assert wijzigen.status_code == 200
    assert "organisatie" in wijzigen.context["adminform"].form.errors
    assert (laatste(bestuursproces), laatste(ander)) == voor
    assert not Speler.objects.filter(naam="Verdwaalde speler").exists()
    speler.refresh_from_db()
    assert speler.organisatie is not None
    assert speler.organisatie.naam != "Elders"


def test_weigering_van_de_service_houdt_de_invoer_en_schrijft_niets(
    browser: Any, leden: dict[str, Any], speler: Speler
) -> None:
    regisseur = leden["procesregisseur"]
    client = browser(regisseur)
    pagina = client.get(_url("speler", "change", speler.pk))
    data = formulierdata(pagina)
    data["naam"] = "Na de afronding"
    notitie = prefix(pagina, "notitie", nieuw=True)
    data[f"{notitie}-0-tekst"] = "Te laat"
    services.wijzig_status(
        actor=actor_voor(regisseur),
        bestuursproces=speler.bestuursproces,
        status="afgerond",
        uitkomst="Plan vastgesteld",
    )
    voor = laatste(speler.bestuursproces)

    response = client.post(_url("speler", "change", speler.pk), data)

    assert response.status_code == 200
    assert "Het bestuursproces is afgerond" in " ".join(
        response.context["adminform"].form.non_field_errors()
    )
    assert response.context["adminform"].form["naam"].value() == "Na de afronding"
    assert f'name="{notitie}-0-tekst"' in response.content.decode()
    assert "Te laat" in response.content.decode()
    assert laatste(speler.bestuursproces) == voor
    speler.refresh_from_db()
    assert speler.naam == "Anouk de Wit"
    assert not speler.notities.exists()
