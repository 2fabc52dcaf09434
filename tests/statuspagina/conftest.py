from __future__ import annotations

import importlib
from collections.abc import Iterator
from typing import Any

import pytest
from django.db import connection
from django.test import Client

from tests._rollen import word_eigenaar
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


# --- a transactional database with an append-only event table --------------------------------
#
# The browser tests need pytest-django's live_server, hence ``transactional_db``, whose
# teardown empties every table (DELETE on SQLite, TRUNCATE on PostgreSQL). The event table's
# triggers refuse that. So for these tests only, the triggers are removed just before the
# flush and installed again right after it, with the migration's own functions: the order of
# teardown is this override, then pytest-django's flush, then ``_onveranderlijk_na_afloop``.


def _triggers(richting: str) -> None:
    migratie = importlib.import_module("cases.migrations.0002_gebeurtenissen_onveranderlijk")
    # The owner's work (and so is the flush that follows): for the rest of this connection,
    # which pytest-django closes after the flush.
    word_eigenaar()
    with connection.schema_editor() as schema_editor:
        getattr(migratie, richting)(None, schema_editor)


@pytest.fixture
def _onveranderlijk_na_afloop(django_db_setup: None, django_db_blocker: Any) -> Iterator[None]:
    yield
    with django_db_blocker.unblock():
        _triggers("aan")
        # pytest-django closed its connections after the flush; leave none open either.
        connection.close()


@pytest.fixture
def transactional_db(_onveranderlijk_na_afloop: None, transactional_db: None) -> Iterator[None]:
    yield
    _triggers("uit")


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
