"""The UI is Dutch by default and English on request (Accept-Language)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from tests._mfa import log_in_met_tweede_factor
from tests.factories import GebruikerFactory


@pytest.fixture
def beheerder(db: None) -> Any:
    return GebruikerFactory(username="beheer", beheerder=True)


@pytest.mark.parametrize(
    ("taal", "verwacht", "niet"),
    [
        ("nl", "Bestuursprocessen", "Governance processes"),
        ("en", "Governance processes", "Bestuursprocessen"),
    ],
)
def test_beheer_in_de_gevraagde_taal(
    client: Client, beheerder: Any, taal: str, verwacht: str, niet: str
) -> None:
    log_in_met_tweede_factor(client, beheerder)
    response = client.get("/admin/", HTTP_ACCEPT_LANGUAGE=taal)
    tekst = response.content.decode()
    assert response.status_code == 200
    assert verwacht in tekst
    assert niet not in tekst


def test_modelnamen_hebben_een_engelse_vertaling(beheerder: Any, client: Client) -> None:
    log_in_met_tweede_factor(client, beheerder)
    response = client.get("/admin/cases/speler/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert "stakeholder" in response.content.decode().lower()
