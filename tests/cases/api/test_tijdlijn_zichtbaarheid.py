"""The tijdlijn per viewer: what a role may not see is left out entirely."""

from __future__ import annotations

from typing import Any

import pytest

from cases import services
from cases.events import soorten
from cases.models import Bestuursproces
from tests.factories import actor_voor

from .helpers import absoluut, assert_probleem, client_voor, proces_url
from .register import (
    ROLLEN,
    beoordeel_opdrachtgever,
    beoordeel_speler,
    opdrachtgever,
    optie,
    speler,
    stap,
)


# One day per event, so that van/tot can cut between them.
def tijdlijn_url(proces: Bestuursproces) -> str:
    return absoluut(proces_url(proces, "/tijdlijn"))


def alles(client: Any, proces: Bestuursproces, **query: str) -> list[dict[str, Any]]:
    """Every item of the tijdlijn, page after page."""
    items: list[dict[str, Any]] = []
    volgende: str | None = tijdlijn_url(proces)
    eerste = True
    while volgende:
        body = client.get(volgende, query if eerste else None).json()
        eerste = False
        items += body["results"]
        volgende = body["next"]
    return items


# --- visibility --------------------------------------------------------------------------


@pytest.fixture
def vertrouwelijk(bestuursproces: Bestuursproces, regisseur: Any) -> dict[str, Any]:
    """A note and an assessment at every level, and an opdrachtgever assessed by the regisseur
    (regisseur-level by default)."""
    actor = actor_voor(regisseur)
    partij = speler(bestuursproces, regisseur, "Jan van Houten")
    wethouder = opdrachtgever(bestuursproces, regisseur, "Wethouder Ruimte")
    for niveau in ("proces", "kernteam", "regisseur"):
        services.maak_notitie(
            actor=actor,
            bestuursproces=bestuursproces,
            tekst=f"Notitie op niveau {niveau}",
            zichtbaarheid=niveau,
            speler=partij,
        )
        beoordeel_speler(partij, regisseur, zichtbaarheid=niveau, standpunt="tegenstander")
    beoordeel_opdrachtgever(wethouder, regisseur)
    wyberstap = stap(bestuursproces, regisseur)
    optie(wyberstap, regisseur)
    return {"speler": partij, "stap": wyberstap}


ZICHTBAAR = {
    "procesregisseur": {"proces", "kernteam", "regisseur"},
    "kernteam": {"proces", "kernteam"},
    "opdrachtgever": {"proces"},
    "evaluator": {"proces"},
}


@pytest.mark.parametrize("rol", ROLLEN)
def test_wat_je_niet_mag_zien_ontbreekt(bestuursproces, leden, vertrouwelijk, rol):
    items = alles(client_voor(leden[rol]), bestuursproces)
    omschrijvingen = [i["omschrijving"] for i in items]

    notities = [o for o in omschrijvingen if o.startswith("Notitie")]
    assert notities == [
        f"Notitie over Jan van Houten: Notitie op niveau {niveau}"
        for niveau in ("proces", "kernteam", "regisseur")
        if niveau in ZICHTBAAR[rol]
    ]
    beoordelingen = [o for o in omschrijvingen if "beoordeeld" in o]
    verwacht = ["Jan van Houten beoordeeld: tegenstander"] * len(ZICHTBAAR[rol])
    if rol == "procesregisseur":
        verwacht.append("Wethouder Ruimte beoordeeld: voorstander")
    assert beoordelingen == verwacht
    # The steps are for everyone.
    assert "Stap 1 gestart: Waar komt de brug?" in omschrijvingen
    if rol in {"opdrachtgever", "evaluator"}:
        assert not any("regisseur" in o or "kernteam" in o for o in omschrijvingen)
        assert {i["volgnummer"] for i in items}.isdisjoint(
            verborgen_volgnummers(bestuursproces, {"kernteam", "regisseur"})
        )


def verborgen_volgnummers(proces: Bestuursproces, niveaus: set[str]) -> set[int]:
    return {
        g.volgnummer
        for g in proces.gebeurtenissen.all()
        if g.payload.get("zichtbaarheid") in niveaus
    }


def test_buitenstaander_krijgt_404(bestuursproces, leden):
    body = assert_probleem(
        client_voor(leden["buitenstaander"]).get(tijdlijn_url(bestuursproces)), 404
    )

    assert body["detail"] == "Bestuursproces niet gevonden."


def test_elke_soort_op_de_tijdlijn_heeft_een_beschrijver():
    # Later issues add their event types here; these are the ones issue 4 tells.
    op_tijdlijn = {code for code, soort in soorten.alle().items() if soort.op_tijdlijn}
    assert op_tijdlijn >= {
        "stadium.gewijzigd",
        "wyberstap.gestart",
        "wyberstap.fase_gewijzigd",
        "optie.ingebracht",
        "optie.besloten",
        "consolidatie.vastgelegd",
        "instemming.vastgelegd",
        "instemmers.gewijzigd",
        "speler.betrokkenheid_gewijzigd",
        "opdrachtgever.betrokkenheid_gewijzigd",
        # Werkelijke tijd (issue 10): the opening, idee versions and status changes.
        "bestuursproces.geopend",
        "idee.herzien",
        "status.gewijzigd",
    }


def test_een_vers_proces_vertelt_alleen_zijn_opening(bestuursproces, regisseur_api):
    body = regisseur_api.get(tijdlijn_url(bestuursproces)).json()

    assert (body["count"], body["next"], body["previous"]) == (2, None, None)
    assert [(i["volgnummer"], i["soort"], i["omschrijving"]) for i in body["results"]] == [
        (1, "bestuursproces.geopend", "Bestuursproces geopend: Herinrichting Havenkwartier"),
        (3, "idee.herzien", "Idee versie 1: Een levendig havenkwartier met woningen en werk"),
    ]
    assert [i["laterVastgelegd"] for i in body["results"]] == [False, False]
