"""The canary test on the pages of tasks 4-6: per role exactly the canaries of the
interventies and reflecties that role may see, and on no page anything above its level.

The case is the canary case of the confidentiality issue (tests/cases/_kanaries.py).
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from instruments.models import INTERVENTIEVELDEN
from tests.cases._kanaries import (
    GEZIEN_DOOR,
    KANARIE_PATROON,
    NIVEAUS,
    ROLLEN,
    Kanaries,
    open_in_het_verleden,
    schrijf_kanaries,
)
from tests.factories import voeg_leden_toe
from tests.instruments.fixtures import catalogus  # noqa: F401  (the canaries use instruments)

pytestmark = pytest.mark.django_db

# What the Interventies page shows of an interventie: its current waarom, not the old one
# (which lives on only in the events).
INTERVENTIE_SOORTEN = {
    "titel",
    "beoogd",
    "waaromnieuw",
    "gedaan",
    "waargenomen",
    "vervolg",
    *(f"reflectieonder{niveau}" for niveau in NIVEAUS),
}


@pytest.fixture
def kanaries(regisseur: Any, catalogus: Any) -> tuple[Kanaries, dict[str, Any]]:  # noqa: F811
    bestuursproces = open_in_het_verleden(regisseur)
    leden = voeg_leden_toe(bestuursproces, regisseur)
    return schrijf_kanaries(bestuursproces, leden), leden


def _gevonden(html: str) -> set[tuple[str, str]]:
    return set(re.findall(KANARIE_PATROON, html))


@pytest.mark.parametrize("rol", ROLLEN)
def test_de_interventies_tonen_precies_wat_de_rol_mag_zien(
    client: Any, kanaries: tuple[Kanaries, dict[str, Any]], rol: str
) -> None:
    k, leden = kanaries
    client.force_login(leden[rol])
    basis = f"/processen/{k.bestuursproces.uuid}/"
    # Every role may see some interventies (those for all members): the test has content.
    assert k.verwacht(rol, INTERVENTIE_SOORTEN)
    for veld in ("", *INTERVENTIEVELDEN):
        antwoord = client.get(basis + "interventies/", {"veld": veld} if veld else {})
        assert antwoord.status_code == 200
        assert _gevonden(antwoord.content.decode()) == k.verwacht(rol, INTERVENTIE_SOORTEN)
    for taak in ("idee/", "wyberen/"):
        antwoord = client.get(basis + taak)
        assert antwoord.status_code == 200
        assert {niveau for _, niveau in _gevonden(antwoord.content.decode())} <= GEZIEN_DOOR[rol]
