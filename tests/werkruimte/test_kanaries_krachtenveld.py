"""The canary test on the Krachtenveld and Positionering pages: per role exactly the canaries
of assessments and positions that role may see, and none above its level (the canary case of
tests/cases/_kanaries.py)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

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

pytestmark = pytest.mark.django_db

# What these pages show of the canary content: the toelichting of every visible assessment
# (in a party's dossier) and every visible position's omschrijving.
OORDELEN = {"speleroordeel", "opdrachtgeveroordeel"}
POSITIES = {"positieomschrijving"}


@pytest.fixture
def kanaries(regisseur: Any, catalogus: Any) -> tuple[Kanaries, dict[str, Any]]:  # noqa: F811
    bestuursproces = open_in_het_verleden(regisseur)
    leden = voeg_leden_toe(bestuursproces, regisseur)
    return schrijf_kanaries(bestuursproces, leden), leden


def _gevonden(html: str) -> set[tuple[str, str]]:
    return set(re.findall(KANARIE_PATROON, html))


@pytest.mark.parametrize("rol", ROLLEN)
def test_krachtenveld_en_positionering_per_rol(
    client: Client, kanaries: tuple[Kanaries, dict[str, Any]], rol: str
) -> None:
    k, leden = kanaries
    client.force_login(leden[rol])
    basis = f"/processen/{k.bestuursproces.uuid}/"

    pagina = client.get(basis + "krachtenveld/").content.decode()
    dossiers = sorted(set(re.findall(rf"{basis}krachtenveld/([0-9a-f-]{{36}})/", pagina)))
    assert len(dossiers) == 2  # the speler and the opdrachtgever
    html = pagina + "".join(
        client.get(f"{basis}krachtenveld/{uuid}/").content.decode() for uuid in dossiers
    )
    gevonden = _gevonden(html)
    assert {niveau for _, niveau in gevonden} <= GEZIEN_DOOR[rol]
    assert {c for c in gevonden if c[0] in OORDELEN} == k.verwacht(rol, OORDELEN)

    positionering = _gevonden(client.get(basis + "positionering/").content.decode())
    assert {niveau for _, niveau in positionering} <= GEZIEN_DOOR[rol]
    assert {c for c in positionering if c[0] in POSITIES} == k.verwacht(rol, POSITIES)
