"""POST /bestuursprocessen/{uuid}/stadiumovergangen: the stadium gate and forceren.

First with a stand-in gate, then the wyber-stap gate (issue #4) as registered at start-up.
"""

from __future__ import annotations

from typing import Any

import pytest

from cases import services
from cases.events import poorten as poorten_module
from cases.models import Bestuursproces, Gebeurtenis, Instemming, Stadiumovergang
from tests.factories import actor_voor, consolideer_stap

from ._stadiumovergangen import ga_naar, post
from .helpers import assert_probleem, gebeurtenissen_van, laatste_gebeurtenis


@pytest.fixture
def poort(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """A gate that objects to every forward move while its list of objections is not empty."""
    bezwaren = ["Er is geen geconsolideerde wyber-stap."]
    monkeypatch.setattr(poorten_module, "_POORTEN", [lambda staat, van, naar: list(bezwaren)])
    return bezwaren


def test_poort_gesloten_is_een_conflict(bestuursproces, regisseur_api, poort):
    response = post(regisseur_api, bestuursproces, {"naar": "houdbaar", "toelichting": "Door"})

    body = assert_probleem(response, 409, "poort-gesloten")
    assert body["invalidParams"][0]["name"] == "naar"
    assert "geconsolideerde wyber-stap" in body["detail"]
    assert "forceren" in body["detail"]
    assert not Stadiumovergang.objects.filter(bestuursproces=bestuursproces).exists()


def test_poort_forceren_legt_bezwaren_vast(bestuursproces, regisseur_api, poort):
    response = post(
        regisseur_api, bestuursproces, {"naar": "houdbaar", "toelichting": "Toch", "forceren": True}
    )

    assert response.status_code == 201, response.content
    assert response.json()["geforceerd"] is True
    assert laatste_gebeurtenis(bestuursproces).payload["bezwaren"] == poort


def test_poort_geldt_niet_voor_terug(bestuursproces, regisseur, regisseur_api, poort):
    services.wijzig_stadium(
        actor=actor_voor(regisseur),
        bestuursproces=bestuursproces,
        naar="houdbaar",
        toelichting="Doorgezet",
        forceren=True,
    )

    response = post(regisseur_api, bestuursproces, {"naar": "voorstelbaar", "toelichting": "Terug"})

    assert response.status_code == 201, response.content
    assert (response.json()["richting"], response.json()["geforceerd"]) == ("terug", False)
    assert laatste_gebeurtenis(bestuursproces).payload["bezwaren"] == []


# --- the wyber-stap gate (issue #4), as registered at start-up --------------------------------

GEEN_STAP = "Er is sinds het bereiken van stadium {} geen wyber-stap geconsolideerd."


def _niets_geschreven(bestuursproces: Bestuursproces, aantal: int, stadium: str) -> None:
    bestuursproces.refresh_from_db()
    assert bestuursproces.stadium == stadium
    assert Gebeurtenis.objects.filter(bestuursproces=bestuursproces).count() == aantal


def test_echte_poort_zonder_stap_is_een_conflict_dat_zegt_wat_ontbreekt(
    bestuursproces, regisseur_api
):
    aantal = len(gebeurtenissen_van(bestuursproces))

    response = post(regisseur_api, bestuursproces, {"naar": "houdbaar", "toelichting": "Door"})

    body = assert_probleem(response, 409, "poort-gesloten")
    assert body["title"] == "De overgang voldoet niet aan de voorwaarden van de poort."
    assert body["detail"] == (
        GEEN_STAP.format("voorstelbaar") + " Gebruik 'forceren' om toch door te gaan."
    )
    assert [(p["name"], p["code"]) for p in body["invalidParams"]] == [("naar", "poort-gesloten")]
    assert not Stadiumovergang.objects.filter(bestuursproces=bestuursproces).exists()
    _niets_geschreven(bestuursproces, aantal, "voorstelbaar")


def _stap_in_consolideren(bestuursproces: Bestuursproces, regisseur: Any) -> Any:
    """A step in consolideren that waits on two parties: one consented without a formal
    decision, one that has not reacted."""
    actor = actor_voor(regisseur)
    anouk = services.registreer_speler(
        actor=actor,
        bestuursproces=bestuursproces,
        naam="Anouk de Wit",
        soort="persoon",
        veld="verbindende",
        rol_in_proces="sleutelpersoon",
    )
    bakker = services.registreer_opdrachtgever(
        actor=actor,
        bestuursproces=bestuursproces,
        naam="Wethouder Bakker",
        rol="bestuurlijk_opdrachtgever",
    )
    stap = services.start_wyberstap(
        actor=actor, bestuursproces=bestuursproces, doel="Welke functies krijgt de haven"
    )
    optie = services.breng_optie_in(actor=actor, stap=stap, titel="Wonen en werken")
    services.wijzig_fase(actor=actor, stap=stap, naar="convergeren")
    services.besluit_over_optie(actor=actor, optie=optie, status="gekozen")
    services.wijzig_fase(actor=actor, stap=stap, naar="consolideren")
    services.consolideer(
        actor=actor,
        stap=stap,
        uitkomst="consensus",
        tekst="Wonen en werken",
        instemmers=[anouk, bakker],
    )
    services.leg_instemming_vast(
        actor=actor,
        instemming=Instemming.objects.get(stap=stap, speler=anouk),
        status="ingestemd",
    )
    return stap


def test_echte_poort_noemt_wie_nog_moet_instemmen_of_besluiten(
    bestuursproces, regisseur, regisseur_api
):
    stap = _stap_in_consolideren(bestuursproces, regisseur)
    aantal = len(gebeurtenissen_van(bestuursproces))

    response = post(regisseur_api, bestuursproces, {"naar": "houdbaar", "toelichting": "Door"})

    body = assert_probleem(response, 409, "poort-gesloten")
    assert body["detail"] == (
        f"Stap {stap.volgnummer} (Welke functies krijgt de haven) is nog niet geconsolideerd; "
        "wacht op: Anouk de Wit (nog niet formeel besloten), "
        "Wethouder Bakker (Bestuurlijk opdrachtgever) (nog geen reactie). "
        "Gebruik 'forceren' om toch door te gaan."
    )
    _niets_geschreven(bestuursproces, aantal, "voorstelbaar")


def test_echte_poort_laat_door_na_consolidatie(bestuursproces, regisseur, regisseur_api):
    consolideer_stap(bestuursproces, regisseur)

    response = post(regisseur_api, bestuursproces, {"naar": "houdbaar", "toelichting": "Door"})

    assert response.status_code == 201, response.content
    assert response.json()["geforceerd"] is False
    assert laatste_gebeurtenis(bestuursproces).payload["bezwaren"] == []


def test_echte_poort_kernteam_mag_door_een_open_poort(bestuursproces, regisseur, leden, als):
    consolideer_stap(bestuursproces, regisseur)

    response = post(
        als(leden["kernteam"]), bestuursproces, {"naar": "houdbaar", "toelichting": "Door"}
    )

    assert response.status_code == 201, response.content
    assert response.json()["door"] == leden["kernteam"].username


def test_echte_poort_stap_van_voor_het_opnieuw_bereiken_telt_niet(
    bestuursproces, regisseur, regisseur_api
):
    ga_naar(bestuursproces, regisseur, "houdbaar")
    consolideer_stap(bestuursproces, regisseur)  # in houdbaar
    ga_naar(bestuursproces, regisseur, "maakbaar", "houdbaar")  # forward on it, then back
    aantal = len(gebeurtenissen_van(bestuursproces))

    response = post(regisseur_api, bestuursproces, {"naar": "maakbaar", "toelichting": "Weer door"})

    body = assert_probleem(response, 409, "poort-gesloten")
    assert body["detail"].startswith(GEEN_STAP.format("houdbaar"))
    _niets_geschreven(bestuursproces, aantal, "houdbaar")
    # A step consolidated after coming back does count.
    consolideer_stap(bestuursproces, regisseur)
    response = post(regisseur_api, bestuursproces, {"naar": "maakbaar", "toelichting": "Weer door"})
    assert response.status_code == 201, response.content


def test_echte_poort_geldt_niet_voor_terug(bestuursproces, regisseur, regisseur_api):
    ga_naar(bestuursproces, regisseur, "houdbaar", "maakbaar")  # no step in maakbaar

    response = post(regisseur_api, bestuursproces, {"naar": "voorstelbaar", "toelichting": "Terug"})

    assert response.status_code == 201, response.content
    assert (response.json()["richting"], response.json()["geforceerd"]) == ("terug", False)
    assert laatste_gebeurtenis(bestuursproces).payload["bezwaren"] == []


def test_echte_poort_forceren_door_regisseur_legt_de_bezwaren_vast(
    bestuursproces, regisseur, regisseur_api
):
    stap = _stap_in_consolideren(bestuursproces, regisseur)

    response = post(
        regisseur_api,
        bestuursproces,
        {"naar": "houdbaar", "toelichting": "Bestuurlijk afgesproken", "forceren": True},
    )

    assert response.status_code == 201, response.content
    assert response.json()["geforceerd"] is True
    gebeurtenis = laatste_gebeurtenis(bestuursproces)
    assert gebeurtenis.type == "stadium.gewijzigd"
    assert gebeurtenis.payload["overgang"]["geforceerd"] is True
    assert gebeurtenis.payload["bezwaren"] == [
        f"Stap {stap.volgnummer} (Welke functies krijgt de haven) is nog niet geconsolideerd; "
        "wacht op: Anouk de Wit (nog niet formeel besloten), "
        "Wethouder Bakker (Bestuurlijk opdrachtgever) (nog geen reactie)."
    ]
    assert Stadiumovergang.objects.get(bestuursproces=bestuursproces).geforceerd is True


@pytest.mark.parametrize("geconsolideerd", [False, True])
def test_echte_poort_forceren_door_kernteam_is_verboden(
    bestuursproces, regisseur, leden, als, geconsolideerd
):
    if geconsolideerd:
        consolideer_stap(bestuursproces, regisseur)
    aantal = len(gebeurtenissen_van(bestuursproces))

    response = post(
        als(leden["kernteam"]),
        bestuursproces,
        {"naar": "houdbaar", "toelichting": "Toch", "forceren": True},
    )

    body = assert_probleem(response, 403, "forceren-niet-toegestaan")
    assert "Alleen de procesregisseur" in body["detail"]
    assert [(p["name"], p["code"]) for p in body["invalidParams"]] == [
        ("forceren", "forceren-niet-toegestaan")
    ]
    assert not Stadiumovergang.objects.filter(bestuursproces=bestuursproces).exists()
    _niets_geschreven(bestuursproces, aantal, "voorstelbaar")
