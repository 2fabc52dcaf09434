"""The status page for "now" reads only what it shows (statuspagina/nu.py): byte for byte the
same page as the one built from the whole case document (cases.selectors.huidige_toestand,
with the attention balance from its interventies and every other section from the general
selectors), for every role, on a case with every section filled and on the canary case with
something at every visibility level."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from cases.models import Bestuursproces, Zichtbaarheid
from cases.selectors import huidige_toestand
from statuspagina import selectors
from statuspagina.pagina import Statuspagina
from tests.cases._kanaries import ROLLEN, open_in_het_verleden, schrijf_kanaries
from tests.factories import voeg_leden_toe

from ._proces import bouw_statusproces


def _uit_document(bestuursproces: Bestuursproces, rol: str, moment: Any) -> Statuspagina:
    """The page the general way: the whole current document, read for the role."""
    staat = huidige_toestand(bestuursproces, Zichtbaarheid.voor_rol(rol))
    return selectors.pagina_uit_document(bestuursproces, rol, staat, moment, op=None)


def _vergelijkbaar(html: str) -> str:
    # What differs between any two renderings: the chart ids (a counter, unique on a page)
    # and the masked CSRF token.
    html = re.sub(r"grafiek-\d+", "grafiek-N", html)
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "csrf", html)


def _beide(
    client: Client, gebruiker: Any, bestuursproces: Bestuursproces, monkeypatch: Any
) -> tuple[str, str]:
    # One moment for both pages, so that "now" is the same instant.
    nu = timezone.now()
    monkeypatch.setattr(timezone, "now", lambda: nu)
    client.force_login(gebruiker)
    url = f"/processen/{bestuursproces.uuid}/"
    snel = client.get(url)
    with monkeypatch.context() as m:
        m.setattr(selectors, "pagina_nu", _uit_document)
        algemeen = client.get(url)
    assert snel.status_code == algemeen.status_code == 200
    return _vergelijkbaar(snel.content.decode()), _vergelijkbaar(algemeen.content.decode())


@pytest.fixture
def kanariezaak(regisseur: Any, catalogus: Any) -> tuple[Bestuursproces, dict[str, Any]]:
    bestuursproces = open_in_het_verleden(regisseur)
    leden = voeg_leden_toe(bestuursproces, regisseur)
    schrijf_kanaries(bestuursproces, leden)
    return bestuursproces, leden


@pytest.mark.parametrize("rol", ROLLEN)
def test_gelijk_op_de_kanariezaak(
    client: Client,
    kanariezaak: tuple[Bestuursproces, dict[str, Any]],
    rol: str,
    monkeypatch: Any,
) -> None:
    bestuursproces, leden = kanariezaak
    snel, algemeen = _beide(client, leden[rol], bestuursproces, monkeypatch)
    assert "KANARIE-" in snel
    assert snel == algemeen


@pytest.mark.parametrize("rol", ROLLEN)
def test_gelijk_op_de_zaak_met_elk_onderdeel(
    client: Client, regisseur: Any, rol: str, monkeypatch: Any
) -> None:
    # Stadia reached and fallen back, an idee revised, besluitmomenten passed and ahead, a
    # step waiting for a consent: the parts the page reads as subqueries of one row.
    zaak = bouw_statusproces(regisseur)
    leden = voeg_leden_toe(zaak.bestuursproces, regisseur)
    snel, algemeen = _beide(client, leden[rol], zaak.bestuursproces, monkeypatch)
    assert "Woningcorporatie Havenstad" in snel
    assert snel == algemeen
