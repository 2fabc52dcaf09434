"""The canary test of the confidentiality issue, extended to the status page: a unique string
at every visibility level in every kind of content (tests/cases/_kanaries.py), and per role
exactly the canaries that role may see among those the page shows.

Runs through Django's test client, so it is fast and runs on SQLite and PostgreSQL; the
browser test checks the same in Chromium.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

import pytest
from django.test import Client

from instruments.models import INTERVENTIEVELDEN, VeldCode
from tests.cases._kanaries import (
    GEZIEN_DOOR,
    INTERVENTIES,
    KANARIE_PATROON,
    ROLLEN,
    Kanaries,
    dagen_geleden,
    open_in_het_verleden,
    schrijf_kanaries,
)
from tests.factories import voeg_leden_toe

from ._html import sectie

# What the page shows of the canary content, all through the tijdlijn: the texts of notes,
# interventions (titel, beoogd effect, what was done, what was observed), positioneringen,
# the procesontwerp and the titles of documents. The page shows no assessment, reflectie,
# waarom, toelichting of an edit or file content: those soorten must not appear for any role.
PAGINA_SOORTEN = {
    "notitie",
    "procesnotitie",
    "titel",
    "beoogd",
    "gedaan",
    "waargenomen",
    "positieomschrijving",
    "positietoelichting",
    "procesontwerp",
    "documenttitel",
    # The besluiten section (and the tijdlijn): titel, who decided and kenmerk, not the text.
    "besluittitel",
    "besluitorgaan",
    "kenmerk",
    # The afspraken section and the tijdlijn: what was agreed and why it was not kept.
    "afspraak",
    "afspraakreden",
    # The tijdlijn and the bijeenkomsten section tell of a bijeenkomst by its titel, and of a
    # cancelled one why.
    "bijeenkomst",
    "annuleringsreden",
}


@pytest.fixture
def kanaries(regisseur: Any, catalogus: Any) -> tuple[Kanaries, dict[str, Any]]:
    bestuursproces = open_in_het_verleden(regisseur)
    leden = voeg_leden_toe(bestuursproces, regisseur)
    return schrijf_kanaries(bestuursproces, leden), leden


def _pagina(client: Client, gebruiker: Any, k: Kanaries, op: str = "") -> str:
    client.force_login(gebruiker)
    url = f"/processen/{k.bestuursproces.uuid}/" + (f"?op={op}" if op else "")
    response = client.get(url)
    assert response.status_code == 200, url
    return str(response.content.decode())


def _gevonden(html: str) -> set[tuple[str, str]]:
    return set(re.findall(KANARIE_PATROON, html))


@pytest.mark.parametrize("rol", ROLLEN)
def test_elke_rol_ziet_precies_zijn_kanaries(
    client: Client, kanaries: tuple[Kanaries, dict[str, Any]], rol: str
) -> None:
    k, leden = kanaries
    html = _pagina(client, leden[rol], k)
    assert _gevonden(html) == k.verwacht(rol, PAGINA_SOORTEN)


@pytest.mark.parametrize("rol", ROLLEN)
def test_ook_op_een_moment_in_het_verleden(
    client: Client, kanaries: tuple[Kanaries, dict[str, Any]], rol: str
) -> None:
    k, leden = kanaries
    # The date switch is world time by what is recorded now: yesterday shows the items dated
    # before it (interventions, positioneringen), though they were recorded today, and still
    # only at the levels this role may see.
    gisteren = _gevonden(_pagina(client, leden[rol], k, op=dagen_geleden(1).isoformat()))
    vandaag = _gevonden(_pagina(client, leden[rol], k))
    assert gisteren
    assert gisteren <= vandaag
    assert {niveau for _, niveau in gisteren} <= GEZIEN_DOOR[rol]
    assert {niveau for _, niveau in vandaag} <= GEZIEN_DOOR[rol]


def test_het_krachtenveld_volgt_de_zichtbare_beoordeling(
    client: Client, kanaries: tuple[Kanaries, dict[str, Any]]
) -> None:
    """The speler's latest assessment (regisseur level) calls it a tegenstander; the one the
    opdrachtgever may see, a voorstander."""
    k, leden = kanaries
    regisseur = sectie(_pagina(client, leden["procesregisseur"], k), "kop-krachtenveld")
    opdrachtgever = sectie(_pagina(client, leden["opdrachtgever"], k), "kop-krachtenveld")
    assert "Grondeigenaar (speler) Tegenstander Blokkademacht" in regisseur
    assert "Grondeigenaar (speler) Voorstander Blokkademacht" in opdrachtgever
    assert "Tegenstander Blokkademacht" not in opdrachtgever


@pytest.mark.parametrize("rol", ROLLEN)
def test_de_aandacht_telt_alleen_zichtbare_interventies(
    client: Client, kanaries: tuple[Kanaries, dict[str, Any]], rol: str
) -> None:
    """Per veld the done and planned interventions of the plan this role may see."""
    k, leden = kanaries
    gedaan: Counter[str] = Counter()
    gepland: Counter[str] = Counter()
    for plan in INTERVENTIES:
        if plan.niveau in GEZIEN_DOOR[rol]:
            (gepland if plan.status == "gepland" else gedaan).update(plan.velden)
    aandacht = sectie(_pagina(client, leden[rol], k), "kop-aandacht")
    for code in INTERVENTIEVELDEN:
        assert f"{VeldCode(code).label} {gedaan[code]} {gepland[code]} " in aandacht, (rol, code)
