from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from cases.models import Bestuursproces

# The browser tests need live_server, hence a transactional database with the event table's
# triggers lifted for the flush only (see tests/_transactioneel.py), and on PostgreSQL the
# live server's sessions ended before the test database is dropped (as the status page's).
from tests._transactioneel import _onveranderlijk_na_afloop, transactional_db  # noqa: F401
from tests.factories import GebruikerFactory, open_proces, voeg_leden_toe
from tests.statuspagina._browser import chromium, screenshots  # noqa: F401  (fixtures)
from tests.statuspagina.conftest import _geen_sessies_van_de_live_server_over  # noqa: F401

from ._browser import Browser


def dagen_geleden(dagen: int) -> dt.datetime:
    return timezone.now() - dt.timedelta(days=dagen)


@pytest.fixture
def zaak(regisseur: Any) -> Bestuursproces:
    """A case opened 30 days ago in voorstelbaar, without a consolidated step."""
    return open_proces(regisseur, tijdstip=dagen_geleden(30))


@pytest.fixture
def zaakleden(zaak: Bestuursproces, regisseur: Any) -> dict[str, Any]:
    """role → user for every role, plus 'buitenstaander': a user who is member of nothing."""
    result = voeg_leden_toe(zaak, regisseur)
    result["buitenstaander"] = GebruikerFactory(username="buitenstaander")
    return result


@pytest.fixture
def web(client: Client) -> Any:
    """``web(user)``: the test client logged in as that user (a session)."""

    def _web(gebruiker: Any) -> Client:
        client.force_login(gebruiker)
        return client

    return _web


@pytest.fixture
def browser(live_server: Any, chromium: Any, screenshots: Path) -> Browser:  # noqa: F811
    """This test's headless Chromium against the live server (tests/werkruimte/_browser.py)."""
    return Browser(chromium, live_server.url, screenshots)
