"""The register of parties in the admin: writes through services, each with exactly its events,
and assessments and notes shown only to the roles that may read their level."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from cases import services
from cases.models import (
    Bestuursproces,
    Gebeurtenis,
    Opdrachtgever,
    Organisatie,
    Speler,
    Zichtbaarheid,
)

from ..factories import GebruikerFactory, actor_voor, open_proces
from .admin_helpers import als_staf, formulierdata, gebeurtenistypen, laatste, prefix

NIVEAUS = [niveau.value for niveau in Zichtbaarheid]


@pytest.fixture
def browser(client: Client) -> Any:
    return lambda gebruiker: als_staf(client, gebruiker)


@pytest.fixture
def organisatie(bestuursproces: Bestuursproces, regisseur: Any) -> Organisatie:
    return services.registreer_organisatie(
        actor=actor_voor(regisseur),
        bestuursproces=bestuursproces,
        naam="Woningcorporatie Havenstad",
        soort="instelling",
    )


@pytest.fixture
def speler(bestuursproces: Bestuursproces, regisseur: Any, organisatie: Organisatie) -> Speler:
    return services.registreer_speler(
        actor=actor_voor(regisseur),
        bestuursproces=bestuursproces,
        naam="Anouk de Wit",
        soort="persoon",
        organisatie=organisatie,
        veld="verbindende",
        rol_in_proces="sleutelpersoon",
    )


@pytest.fixture
def opdrachtgever(bestuursproces: Bestuursproces, regisseur: Any) -> Opdrachtgever:
    return services.registreer_opdrachtgever(
        actor=actor_voor(regisseur),
        bestuursproces=bestuursproces,
        naam="Wethouder Bakker",
        rol="bestuurlijk_opdrachtgever",
    )


def _url(model: str, actie: str, *args: Any) -> str:
    return reverse(f"admin:cases_{model}_{actie}", args=args)


def _kanaries(regisseur: Any, speler: Speler, opdrachtgever: Opdrachtgever) -> None:
    """A unique string at each level, in assessments and notes of both kinds of party."""
    actor = actor_voor(regisseur)
    for niveau in NIVEAUS:
        services.beoordeel_speler(
            actor=actor,
            speler=speler,
            standpunt="voorstander",
            macht="productiemacht",
            invloed=3,
            vertrouwen=4,
            toelichting=f"KANARIE-{niveau}-spelerbeoordeling",
            zichtbaarheid=niveau,
        )
        services.beoordeel_opdrachtgever(
            actor=actor,
            opdrachtgever=opdrachtgever,
            stevigheid=2,
            steun="afwachtend",
            onderling_vertrouwen=3,
            impliciete_opdracht=f"KANARIE-{niveau}-opdrachtgeverbeoordeling",
            zichtbaarheid=niveau,
        )
        for partij in ({"speler": speler}, {"opdrachtgever": opdrachtgever}):
            services.maak_notitie(
                actor=actor,
                bestuursproces=speler.bestuursproces,
                tekst=f"KANARIE-{niveau}-notitie-{next(iter(partij))}",
                zichtbaarheid=niveau,
                **partij,
            )


def _nieuw_formset(response: Any, model_naam: str) -> Any:
    """The formset of the add-only inline for a model."""
    gezocht = prefix(response, model_naam, nieuw=True)
    inlines = response.context["inline_admin_formsets"]
    [formset] = [inline.formset for inline in inlines if inline.formset.prefix == gezocht]
    return formset


def _fouten(response: Any, model_naam: str) -> Any:
    return _nieuw_formset(response, model_naam).errors[0]


SOORTEN = {
    "speler": ["spelerbeoordeling", "notitie-speler"],
    "opdrachtgever": ["opdrachtgeverbeoordeling", "notitie-opdrachtgever"],
    "gebeurtenis": ["spelerbeoordeling"],  # the list shows the toelichting, not the payload
}


def _kanaries_in(html: str) -> set[str]:
    return set(re.findall(r"KANARIE-[a-z]+-[a-z-]+", html))


def _verwacht(pagina: str, niveaus: list[str]) -> set[str]:
    """The canaries a page should show to a viewer who may read ``niveaus``."""
    return {f"KANARIE-{niveau}-{soort}" for niveau in niveaus for soort in SOORTEN[pagina]}


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


def test_weigering_van_de_service_is_melding_en_schrijft_niets(
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

    response = client.post(_url("speler", "change", speler.pk), data, follow=True)

    assert "Niet opgeslagen: Het bestuursproces is afgerond" in response.content.decode()
    assert laatste(speler.bestuursproces) == voor
    speler.refresh_from_db()
    assert speler.naam == "Anouk de Wit"
    assert not speler.notities.exists()


# --- confidentiality: each role reads only its levels -----------------------------------------


def test_kernteam_ziet_en_kiest_geen_regisseursniveau(
    browser: Any, leden: dict[str, Any], speler: Speler, opdrachtgever: Opdrachtgever
) -> None:
    _kanaries(leden["procesregisseur"], speler, opdrachtgever)
    client = browser(leden["kernteam"])

    for model, partij in (("speler", speler), ("opdrachtgever", opdrachtgever)):
        pagina = client.get(_url(model, "change", partij.pk))
        html = pagina.content.decode()
        assert _kanaries_in(html) == _verwacht(model, ["proces", "kernteam"])
        assert 'value="regisseur"' not in html
        for inline in pagina.context["inline_admin_formsets"]:
            if "zichtbaarheid" in inline.formset.form.base_fields:
                keuzes = inline.formset.form.base_fields["zichtbaarheid"].choices
                assert [waarde for waarde, _ in keuzes] == ["proces", "kernteam"]

    pagina = client.get(_url("speler", "change", speler.pk))
    data = formulierdata(pagina)
    notitie = prefix(pagina, "notitie", nieuw=True)
    data[f"{notitie}-0-tekst"] = "Alleen voor de regisseur?"
    data[f"{notitie}-0-zichtbaarheid"] = "regisseur"
    voor = laatste(speler.bestuursproces)
    response = client.post(_url("speler", "change", speler.pk), data)
    assert response.status_code == 200
    assert "zichtbaarheid" in _fouten(response, "notitie")
    assert laatste(speler.bestuursproces) == voor


@pytest.mark.parametrize("rol", ["opdrachtgever", "evaluator"])
def test_lezers_zien_alleen_procesniveau_en_wijzigen_niets(
    browser: Any,
    leden: dict[str, Any],
    speler: Speler,
    opdrachtgever: Opdrachtgever,
    organisatie: Organisatie,
    rol: str,
) -> None:
    _kanaries(leden["procesregisseur"], speler, opdrachtgever)
    client = browser(leden[rol])
    voor = laatste(speler.bestuursproces)

    for model, partij in (
        ("speler", speler),
        ("opdrachtgever", opdrachtgever),
        ("organisatie", organisatie),
    ):
        pagina = client.get(_url(model, "change", partij.pk))
        assert pagina.status_code == 200
        assert pagina.context["has_change_permission"] is False
        if model != "organisatie":
            assert _kanaries_in(pagina.content.decode()) == _verwacht(model, ["proces"])
            assert all(  # no add-only forms for readers
                not inline.opts.__class__.__name__.startswith("Nieuw")
                for inline in pagina.context["inline_admin_formsets"]
            )
        response = client.post(_url(model, "change", partij.pk), {"naam": "Gekaapt"})
        assert response.status_code == 403, model

    assert client.get(_url("speler", "add")).status_code == 403
    assert laatste(speler.bestuursproces) == voor


def test_gebeurtenissen_schermen_af_wat_de_rol_niet_mag_lezen(
    browser: Any, leden: dict[str, Any], speler: Speler, opdrachtgever: Opdrachtgever
) -> None:
    _kanaries(leden["procesregisseur"], speler, opdrachtgever)
    bestuursproces = speler.bestuursproces
    geheim = bestuursproces.gebeurtenissen.get(
        type="speler.beoordeeld", payload__zichtbaarheid="regisseur"
    )
    lijst = _url("gebeurtenis", "changelist") + f"?bestuursproces={bestuursproces.uuid}"

    kernteam = browser(leden["kernteam"])
    html = kernteam.get(lijst).content.decode()
    assert _kanaries_in(html) == _verwacht("gebeurtenis", ["proces", "kernteam"])
    detail = kernteam.get(_url("gebeurtenis", "change", geheim.pk)).content.decode()
    assert "KANARIE" not in detail
    assert "afgeschermd" in detail
    assert geheim.hash in detail
    gezocht = kernteam.get(lijst + "&q=KANARIE-regisseur")
    assert gezocht.context["cl"].result_count == 0
    gezocht = kernteam.get(lijst + "&q=KANARIE-kernteam-spelerbeoordeling")
    assert gezocht.context["cl"].result_count == 1

    regisseur = browser(leden["procesregisseur"])
    assert _kanaries_in(regisseur.get(lijst).content.decode()) == _verwacht("gebeurtenis", NIVEAUS)
    gezocht = regisseur.get(lijst + "&q=KANARIE-regisseur-spelerbeoordeling")
    assert [g.pk for g in gezocht.context["cl"].result_list] == [geheim.pk]


# --- scoping: only own cases, nothing deleted -------------------------------------------------


def test_lijsten_tonen_alleen_eigen_processen(
    browser: Any,
    leden: dict[str, Any],
    speler: Speler,
    opdrachtgever: Opdrachtgever,
    organisatie: Organisatie,
) -> None:
    vreemde_regisseur = GebruikerFactory(username="vreemde-regisseur")
    elders = open_proces(vreemde_regisseur, titel="Geheim project elders")
    actor = actor_voor(vreemde_regisseur)
    services.registreer_organisatie(
        actor=actor, bestuursproces=elders, naam="Vreemde organisatie", soort="bedrijf"
    )
    services.registreer_speler(
        actor=actor,
        bestuursproces=elders,
        naam="Vreemde speler",
        soort="persoon",
        veld="interne",
        rol_in_proces="betrokkene",
    )
    services.registreer_opdrachtgever(
        actor=actor, bestuursproces=elders, naam="Vreemde opdrachtgever", rol="gemeenteraad"
    )
    client = browser(leden["kernteam"])

    for model, eigen in (
        ("speler", speler),
        ("opdrachtgever", opdrachtgever),
        ("organisatie", organisatie),
    ):
        response = client.get(_url(model, "changelist"))
        html = response.content.decode()
        assert response.context["cl"].result_count == 1, model  # once, though 4 members
        assert eigen.naam in html
        assert "Vreemde" not in html
        assert "Geheim project elders" not in html
        assert speler.bestuursproces.titel in html  # the case filter offers own cases


def test_buitenstaander_ziet_geen_partijen(
    browser: Any, leden: dict[str, Any], speler: Speler, opdrachtgever: Opdrachtgever
) -> None:
    client = browser(leden["buitenstaander"])
    for model, partij in (("speler", speler), ("opdrachtgever", opdrachtgever)):
        lijst = client.get(_url(model, "changelist"))
        assert partij.naam not in lijst.content.decode()
        assert client.get(_url(model, "change", partij.pk)).status_code == 302
        assert client.get(_url(model, "add")).status_code == 403
    voor = laatste(speler.bestuursproces)
    response = client.post(_url("speler", "change", speler.pk), {"naam": "Gekaapt"})
    assert response.status_code == 302
    assert laatste(speler.bestuursproces) == voor


def test_partijen_worden_niet_verwijderd(
    browser: Any, leden: dict[str, Any], speler: Speler, organisatie: Organisatie
) -> None:
    client = browser(leden["procesregisseur"])
    for model, partij in (("speler", speler), ("organisatie", organisatie)):
        response = client.post(_url(model, "delete", partij.pk), {"post": "yes"})
        assert response.status_code == 403
    assert Speler.objects.filter(pk=speler.pk).exists()
    assert Gebeurtenis.objects.filter(bestuursproces=speler.bestuursproces).exists()
