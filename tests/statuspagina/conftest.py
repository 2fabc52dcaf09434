from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.db import connection
from django.test import Client

# The browser tests need live_server, hence a transactional database with the event table's
# triggers lifted for the flush only (see tests/_transactioneel.py).
from tests._rollen import word_eigenaar
from tests._transactioneel import _onveranderlijk_na_afloop, transactional_db  # noqa: F401
from tests.factories import GebruikerFactory, voeg_leden_toe
from tests.instruments.fixtures import catalogus  # noqa: F401  (the canaries use instruments)
from tests.toegang.op.fixture import sso, test_op  # noqa: F401  (the SSO tests' provider)

from ._proces import Statusproces, bouw_statusproces


@pytest.fixture
def statusproces(regisseur: Any) -> Statusproces:
    return bouw_statusproces(regisseur)


@pytest.fixture
def statusleden(statusproces: Statusproces, regisseur: Any) -> dict[str, Any]:
    """role → user for every role of the status case, plus a buitenstaander."""
    result = voeg_leden_toe(statusproces.bestuursproces, regisseur)
    result["buitenstaander"] = GebruikerFactory(username="buitenstaander")
    return result


@pytest.fixture
def als(client: Client) -> Any:
    """``als(user)`` returns the test client logged in as that user (a session)."""

    def _als(gebruiker: Any) -> Client:
        client.force_login(gebruiker)
        return client

    return _als


@pytest.fixture(scope="session", autouse=True)
def _geen_sessies_van_de_live_server_over(
    django_db_setup: None, django_db_blocker: Any
) -> Iterator[None]:
    """End the database sessions the live server's request threads may leave behind.

    Chromium keeps its connections to the live server open (keep-alive), so a request thread
    can outlive the tests with its database session; PostgreSQL then refuses to drop the test
    database at the end of the run. This runs before that teardown.
    """
    yield
    if connection.vendor != "postgresql":
        return
    with django_db_blocker.unblock():
        word_eigenaar()  # ending other sessions is the owner's right, not the app role's
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
        connection.close()
