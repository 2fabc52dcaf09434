"""The canary test extended to every page of the workspace: per role exactly the canaries that
role may see among those a page shows, and none above its level, on every page of every list.

The case is the canary case of the confidentiality issue (tests/cases/_kanaries.py).
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

from cases.models import Rol
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
from tests.statuspagina.test_kanaries import PAGINA_SOORTEN

pytestmark = pytest.mark.django_db

# The event log shows each event's toelichting: these canaries are toelichtingen.
TOELICHTINGEN = {
    "positietoelichting",
    "speleroordeel",
    "opdrachtgeveroordeel",
    "logtoelichting",
    "wijzigtoelichting",
    "documenttoelichting",
}


@pytest.fixture
def kanaries(regisseur: Any, catalogus: Any) -> tuple[Kanaries, dict[str, Any]]:  # noqa: F811
    bestuursproces = open_in_het_verleden(regisseur)
    leden = voeg_leden_toe(bestuursproces, regisseur)
    return schrijf_kanaries(bestuursproces, leden), leden


def _gevonden(html: str) -> set[tuple[str, str]]:
    return set(re.findall(KANARIE_PATROON, html))


def _alle_paginas(client: Client, url: str) -> str:
    """The HTML of every page of a paged list, joined."""
    delen = []
    nummer = 1
    while True:
        antwoord = client.get(url, {"pagina": nummer})
        assert antwoord.status_code == 200, url
        html = antwoord.content.decode()
        delen.append(html)
        if 'rel="next"' not in html:
            return "\n".join(delen)
        nummer += 1


@pytest.mark.parametrize("rol", ROLLEN)
def test_elke_pagina_van_de_werkruimte(
    client: Client, kanaries: tuple[Kanaries, dict[str, Any]], rol: str
) -> None:
    k, leden = kanaries
    client.force_login(leden[rol])
    basis = f"/processen/{k.bestuursproces.uuid}/"

    # The tijdlijn of the whole case: the same kinds of content as the status page shows.
    tijdlijn = _gevonden(_alle_paginas(client, basis + "tijdlijn/"))
    assert tijdlijn == k.verwacht(rol, PAGINA_SOORTEN)

    # The event log: the toelichtingen the role may see, the others withheld.
    log = _gevonden(_alle_paginas(client, basis + "tijdlijn/gebeurtenissen/"))
    assert log == k.verwacht(rol, TOELICHTINGEN)

    # Pages that show no canary content at all, for every role.
    for pagina in ("/processen/", basis + "stadium/"):
        antwoord = client.get(pagina)
        assert antwoord.status_code == 200
        assert _gevonden(antwoord.content.decode()) == set(), pagina

    export = client.get(basis + "tijdlijn/export/")
    if rol in Rol.exporterend():
        assert export.status_code == 200
        assert _gevonden(export.content.decode()) == set()
        # The direct download carries what the role may see and nothing above it.
        download: Any = client.get(basis + "tijdlijn/export/csv/")
        csv = b"".join(download.streaming_content).decode()
        assert {niveau for _, niveau in _gevonden(csv)} <= GEZIEN_DOOR[rol]
        assert _gevonden(csv)
    else:
        assert export.status_code == 403
