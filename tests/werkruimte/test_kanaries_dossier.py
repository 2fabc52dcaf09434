"""The canary test on the Bijeenkomsten, Besluiten, Afspraken and Documenten pages: per role
exactly the canaries that role may see among what each page shows, and none above its level,
on every page of every list and every bijeenkomst the role can open (the canary case of
tests/cases/_kanaries.py: a bijeenkomst, a besluit, an afspraak and a document at every
level)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

from cases.models import Bijeenkomst
from tests.cases._kanaries import (
    GEZIEN_DOOR,
    KANARIE_PATROON,
    ROLLEN,
    Kanaries,
    open_in_het_verleden,
    schrijf_kanaries,
)
from tests.factories import voeg_leden_toe
from tests.instruments.fixtures import catalogus  # noqa: F401  (the canaries use instruments)

from .test_kanaries import _alle_paginas

pytestmark = pytest.mark.django_db

# What each page shows of the canary content.
LIJST = {"bijeenkomst", "waar"}
# (The fixture's afspraak comes out of the besluit, not out of the bijeenkomst itself.)
BIJEENKOMST = {"bijeenkomst", "waar", "agenda", "verslag", "gast", "besluittitel"}
AANWEZIGHEID = {"bijeenkomst", "gast"}
BESLUITEN = {"besluittitel", "besluitinhoud", "besluitorgaan", "kenmerk", "bijeenkomst"}
AFSPRAKEN = {"afspraak", "afspraakaan", "afspraakreden", "besluittitel"}
DOCUMENTEN = {"documenttitel"}


@pytest.fixture
def kanaries(regisseur: Any, catalogus: Any) -> tuple[Kanaries, dict[str, Any]]:  # noqa: F811
    bestuursproces = open_in_het_verleden(regisseur)
    leden = voeg_leden_toe(bestuursproces, regisseur)
    return schrijf_kanaries(bestuursproces, leden), leden


def _gevonden(html: str) -> set[tuple[str, str]]:
    return set(re.findall(KANARIE_PATROON, html))


def _toont(k: Kanaries, rol: str, html: str, soorten: set[str]) -> None:
    """Nothing above the role's level; exactly the role's canaries of these soorten."""
    gevonden = _gevonden(html)
    assert {niveau for _, niveau in gevonden} <= GEZIEN_DOOR[rol]
    assert {c for c in gevonden if c[0] in soorten} == k.verwacht(rol, soorten)


@pytest.mark.parametrize("rol", ROLLEN)
def test_wat_een_proces_achterlaat_per_rol(
    client: Client, kanaries: tuple[Kanaries, dict[str, Any]], rol: str
) -> None:
    k, leden = kanaries
    client.force_login(leden[rol])
    basis = f"/processen/{k.bestuursproces.uuid}/"

    lijst = _alle_paginas(client, basis + "bijeenkomsten/")
    _toont(k, rol, lijst, LIJST)
    bijeenkomsten = sorted(set(re.findall(rf"{basis}bijeenkomsten/([0-9a-f-]{{36}})/", lijst)))
    assert len(bijeenkomsten) == (
        Bijeenkomst.objects.filter(
            bestuursproces=k.bestuursproces, zichtbaarheid__in=GEZIEN_DOOR[rol]
        ).count()
    )
    paginas = []
    for uuid in bijeenkomsten:
        antwoord = client.get(f"{basis}bijeenkomsten/{uuid}/")
        assert antwoord.status_code == 200
        paginas.append(antwoord.content.decode())
    _toont(k, rol, "".join(paginas), BIJEENKOMST)

    _toont(k, rol, client.get(basis + "bijeenkomsten/aanwezigheid/").content.decode(), AANWEZIGHEID)
    _toont(k, rol, client.get(basis + "besluiten/").content.decode(), BESLUITEN)
    _toont(k, rol, _alle_paginas(client, basis + "afspraken/"), AFSPRAKEN)
    for status in ("verlopen", "niet_nagekomen"):
        gefilterd = client.get(basis + "afspraken/", {"status": status}).content.decode()
        assert {n for _, n in _gevonden(gefilterd)} <= GEZIEN_DOOR[rol]
    _toont(k, rol, client.get(basis + "documenten/").content.decode(), DOCUMENTEN)
