"""GET .../positioneringen/huidig/per-regisseur: with two procesregisseurs, each one's current
position per veld, neither hiding the other's (issue 14, item 6)."""

from __future__ import annotations

from typing import Any

import pytest
from rest_framework.test import APIClient

from cases import services
from cases.models import Bestuursproces
from tests.factories import GebruikerFactory, actor_voor, open_proces

from ._query_counts import GROOTTES
from .helpers import proces_url


def kies(proces: Bestuursproces, wie: Any, veld: str, positie: str, tekst: str) -> None:
    services.kies_positionering(
        actor=actor_voor(wie),
        bestuursproces=proces,
        veld=veld,
        positie=positie,
        omschrijving=tekst,
    )


@pytest.fixture
def tweede_regisseur(bestuursproces: Bestuursproces, regisseur: Any) -> Any:
    pim: Any = GebruikerFactory(username="pim", first_name="Pim", last_name="Provincie")
    services.voeg_lid_toe(
        actor=actor_voor(regisseur),
        bestuursproces=bestuursproces,
        gebruiker=pim,
        rol="procesregisseur",
    )
    return pim


def test_elke_regisseur_houdt_zijn_eigen_positie(
    bestuursproces: Bestuursproces, regisseur: Any, regisseur_api: APIClient, tweede_regisseur: Any
) -> None:
    kies(bestuursproces, regisseur, "verbindende", "sturen", "Rina stuurt")
    kies(bestuursproces, tweede_regisseur, "verbindende", "faciliteren", "Pim faciliteert")
    url = proces_url(bestuursproces, "/positioneringen/huidig")

    # The case-wide view shows the latest choice only ...
    gewoon = {r["veld"]: r["positionering"] for r in regisseur_api.get(url).json()}
    assert gewoon["verbindende"]["omschrijving"] == "Pim faciliteert"
    # ... per regisseur both stay, each with its author.
    body = regisseur_api.get(url + "/per-regisseur").json()
    assert [(r["regisseur"], r["regisseurNaam"]) for r in body] == [
        ("pim", "Pim Provincie"),
        ("regisseur", "Rina Regisseur"),
    ]
    per = {r["regisseur"]: {p["veld"]: p["positionering"] for p in r["posities"]} for r in body}
    assert per["regisseur"]["verbindende"]["omschrijving"] == "Rina stuurt"
    assert per["regisseur"]["verbindende"]["auteur"] == "regisseur"
    assert per["pim"]["verbindende"]["omschrijving"] == "Pim faciliteert"
    assert per["pim"]["opdrachtgevende"] is None


@pytest.mark.parametrize("n", GROOTTES)
def test_vast_aantal_queries(regisseur: Any, django_assert_num_queries: Any, n: int) -> None:
    proces = open_proces(regisseur, met_idee=False)
    for nummer in range(n):
        kies(proces, regisseur, "verbindende", "sturen", f"Positie {nummer}")
    client = APIClient()
    client.force_authenticate(regisseur)

    # Queries: case with my role; the procesregisseurs; the latest visible position per veld
    # and author, with author and wyber-stap.
    with django_assert_num_queries(3):
        body = client.get(proces_url(proces, "/positioneringen/huidig/per-regisseur")).json()

    [rij] = body
    verbindende = {p["veld"]: p["positionering"] for p in rij["posities"]}["verbindende"]
    assert verbindende["omschrijving"] == f"Positie {n - 1}"
