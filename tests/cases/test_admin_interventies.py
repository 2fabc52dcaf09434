"""Interventies in the admin: logged and changed through the services, with their reflecties;
what the domain refuses is a form error in Dutch and writes nothing; each role sees only the
levels it may read."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from cases import services
from cases.models import Bestuursproces, Interventie
from tests.cases._interventies import als_staf, log, open_een_maand_geleden
from tests.cases.services._hulp import maak_speler

from ..factories import actor_voor, open_proces
from .admin_helpers import _url, formulierdata, gebeurtenistypen, laatste, prefix


@pytest.fixture
def bestuursproces(regisseur: Any) -> Bestuursproces:
    return open_een_maand_geleden(regisseur)


@pytest.fixture
def staf(client: Client) -> Any:
    return lambda gebruiker: als_staf(client, gebruiker)


def dag(terug: int = 0) -> str:
    return (timezone.localdate() - dt.timedelta(days=terug)).isoformat()


def nieuw(bestuursproces: Bestuursproces, **anders: Any) -> dict[str, Any]:
    return {
        "bestuursproces": bestuursproces.pk,
        "zichtbaarheid": "kernteam",
        "titel": "Keukentafelgesprek",
        "datum": dag(3),
        "gekozen_velden": ["verbindende", "idee"],
        "niveau": "individu",
        "aangrijpingspunt": "interactie",
        "zwaarte": "licht",
        "beoogd_effect": "Hij doet mee",
        "status": "gepland",
        **anders,
    }


def formfouten(response: Any) -> dict[str, list[str]]:
    assert response.status_code == 200, response
    return {
        veld: list(fouten) for veld, fouten in response.context["adminform"].form.errors.items()
    }


def test_loggen_via_admin(staf: Any, leden: dict[str, Any], bestuursproces: Bestuursproces) -> None:
    regisseur = leden["procesregisseur"]
    anna = maak_speler(actor_voor(regisseur), bestuursproces, naam="Anna")
    client = staf(regisseur)
    assert client.get(_url("interventie", "add")).status_code == 200
    voor = laatste(bestuursproces)

    response = client.post(
        _url("interventie", "add"), nieuw(bestuursproces, betrokken_spelers=[anna.pk])
    )

    assert response.status_code == 302, response.context and response.context["errors"]
    assert gebeurtenistypen(bestuursproces, voor) == ["interventie.gelogd"]
    interventie = Interventie.objects.get(titel="Keukentafelgesprek")
    assert list(interventie.spelers.all()) == [anna]
    assert sorted(v.veld for v in interventie.velden.all()) == ["idee", "verbindende"]
    assert interventie.auteur == regisseur


@pytest.mark.parametrize(
    ("anders", "veld", "tekst"),
    [
        ({"gekozen_velden": []}, "gekozen_velden", "Kies minstens één veld"),
        ({"datum": "2000-01-01"}, "datum", "vóór de opening"),
        ({"wat_gedaan": "Al gedaan"}, "wat_gedaan", "door de interventie uit te voeren"),
        ({"status": "uitgevoerd"}, "wat_gedaan", "Beschrijf wat er is gedaan"),
        (
            {"status": "uitgevoerd", "wat_gedaan": "X", "uitgevoerd_op": "2100-01-01"},
            "uitgevoerd_op",
            "toekomst",
        ),
    ],
)
def test_geweigerde_invoer_is_een_formfout(
    staf: Any,
    leden: dict[str, Any],
    bestuursproces: Bestuursproces,
    anders: dict[str, Any],
    veld: str,
    tekst: str,
) -> None:
    client = staf(leden["kernteam"])
    voor = laatste(bestuursproces)
    response = client.post(_url("interventie", "add"), nieuw(bestuursproces, **anders))
    fouten = formfouten(response)
    assert any(tekst in fout for fout in fouten[veld]), fouten
    assert laatste(bestuursproces) == voor


def test_speler_van_een_ander_proces_en_te_hoog_niveau(
    staf: Any, leden: dict[str, Any], bestuursproces: Bestuursproces
) -> None:
    kernteam = leden["kernteam"]
    elders = open_proces(kernteam, titel="Eigen proces van het kernteamlid")
    vreemde = maak_speler(actor_voor(kernteam), elders)
    client = staf(kernteam)
    # The service decides, and the form shows its reason at the field (one refusal at a time:
    # the service checks the level before anything else).
    response = client.post(
        _url("interventie", "add"),
        nieuw(bestuursproces, betrokken_spelers=[vreemde.pk], zichtbaarheid="kernteam"),
    )
    assert "Hoort niet bij dit bestuursproces." in formfouten(response)["betrokken_spelers"]
    response = client.post(
        _url("interventie", "add"), nieuw(bestuursproces, zichtbaarheid="regisseur")
    )
    assert "niets vastleggen dat u zelf niet mag zien" in formfouten(response)["zichtbaarheid"][0]
    assert response.context["adminform"].form["titel"].value() == nieuw(bestuursproces)["titel"]
    assert not Interventie.objects.exists()


def test_wijzigen_en_reflecteren_via_admin(
    staf: Any, leden: dict[str, Any], bestuursproces: Bestuursproces
) -> None:
    regisseur = leden["procesregisseur"]
    interventie = log(actor_voor(regisseur), bestuursproces, datum=timezone.localdate())
    client = staf(regisseur)
    pagina = client.get(_url("interventie", "change", interventie.pk))
    assert pagina.status_code == 200
    data = formulierdata(pagina)
    data["titel"] = "Wandeling"
    data["gekozen_velden"] = ["interne"]
    reflectie = prefix(pagina, "reflectie", nieuw=True)
    keuzes = pagina.context["inline_admin_formsets"]
    [nieuwe] = [i.formset for i in keuzes if i.formset.prefix == reflectie]
    # Never more visible than the kernteam interventie; the most closed level first.
    assert [w for w, _l in nieuwe.forms[0].fields["zichtbaarheid"].choices] == [
        "kernteam",
        "regisseur",
    ]
    data[f"{reflectie}-0-tekst"] = "Ik was te gehaast"
    voor = laatste(bestuursproces)

    response = client.post(_url("interventie", "change", interventie.pk), data)

    assert response.status_code == 302, response.context and response.context["errors"]
    assert gebeurtenistypen(bestuursproces, voor) == [
        "interventie.gewijzigd",
        "reflectie.vastgelegd",
    ]
    gewijzigd = bestuursproces.gebeurtenissen.get(volgnummer=voor + 1)
    assert gewijzigd.payload["wijzigingen"] == {"titel": "Wandeling", "velden": ["interne"]}
    assert interventie.reflecties.get().zichtbaarheid == "regisseur"


def test_elke_rol_ziet_alleen_haar_niveaus(
    staf: Any, leden: dict[str, Any], bestuursproces: Bestuursproces
) -> None:
    actor = actor_voor(leden["procesregisseur"])
    per_niveau = {
        niveau: log(actor, bestuursproces, titel=f"Interventie {niveau}", zichtbaarheid=niveau)
        for niveau in ("proces", "kernteam", "regisseur")
    }
    services.leg_reflectie_vast(
        actor=actor, interventie=per_niveau["proces"], tekst="Alleen voor mij"
    )
    for rol, gezien in [
        ("procesregisseur", {"proces", "kernteam", "regisseur"}),
        ("kernteam", {"proces", "kernteam"}),
        ("opdrachtgever", {"proces"}),
    ]:
        client = staf(leden[rol])
        lijst = client.get(_url("interventie", "changelist"))
        assert {i.titel for i in lijst.context["cl"].result_list} == {
            f"Interventie {n}" for n in gezien
        }, rol
        pagina = client.get(_url("interventie", "change", per_niveau["proces"].pk))
        assert pagina.status_code == 200
        assert ("Alleen voor mij" in pagina.content.decode()) == (rol == "procesregisseur")
        verborgen = client.get(_url("interventie", "change", per_niveau["regisseur"].pk))
        assert verborgen.status_code == (200 if rol == "procesregisseur" else 302)
    # The opdrachtgever only reads.
    lezer = staf(leden["opdrachtgever"])
    pagina = lezer.get(_url("interventie", "change", per_niveau["proces"].pk))
    assert not pagina.context["has_change_permission"]


def test_filters_en_zoeken(
    staf: Any, leden: dict[str, Any], bestuursproces: Bestuursproces
) -> None:
    actor = actor_voor(leden["procesregisseur"])
    log(actor, bestuursproces, titel="Informatieavond", velden=["verbindende"])
    log(actor, bestuursproces, titel="Stuurgroep", velden=["opdrachtgevende"], niveau="groep")
    client = staf(leden["kernteam"])
    for query, verwacht in [
        ("veld=opdrachtgevende", {"Stuurgroep"}),
        ("niveau__exact=individu", {"Informatieavond"}),
        ("status__exact=gepland&zichtbaarheid__exact=kernteam", {"Informatieavond", "Stuurgroep"}),
        ("q=avond", {"Informatieavond"}),
    ]:
        lijst = client.get(_url("interventie", "changelist") + "?" + query)
        assert {i.titel for i in lijst.context["cl"].result_list} == verwacht, query
