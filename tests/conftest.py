from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.db import connection
from rest_framework.test import APIClient

from cases.models import Bestuursproces

from . import _hypothesis  # noqa: F401 (registers and loads the hypothesis profiles)
from ._rollen import log_in_als_eigenaar, zet_app_rol
from .factories import GebruikerFactory, open_proces, voeg_leden_toe
from .lastige_momenten import (  # noqa: F401 (pytest hooks and the autouse fixture)
    lastig_moment,
    pytest_addoption,
    pytest_configure,
    pytest_generate_tests,
)

# Browser tests are the ones that drive Chromium (the fixture of tests/statuspagina/_browser.py).
# They check pages (layout, accessibility, scripts), not the database, so make test runs them
# on SQLite only and deselects them with -m 'not browser' on PostgreSQL (marker in
# pyproject.toml).
BROWSER_FIXTURE = "chromium"


def pytest_itemcollected(item: pytest.Item) -> None:
    # At collection, so that -m sees the marker when it deselects.
    if BROWSER_FIXTURE in getattr(item, "fixturenames", ()):
        item.add_marker(pytest.mark.browser)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    from django.conf import settings

    vendor = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    if vendor != "postgresql":
        overslaan = pytest.mark.skip(reason="alleen op PostgreSQL (make test draait die run ook)")
        for item in items:
            if "postgresql" in item.keywords:
                item.add_marker(overslaan)


def pytest_sessionfinish(session: pytest.Session) -> None:
    """Remove the SQLite test database's write-ahead log and its index once the database
    itself is gone. Django deletes only the database file; a connection of another thread
    (the live server's, a task's) that is still open when it does keeps SQLite from removing
    the two files beside it, which were left in the temporary directory (up to 20 MB each)."""
    from django.conf import settings

    if not settings.configured:
        return
    for database in settings.DATABASES.values():
        naam = str(database.get("TEST", {}).get("NAME") or "")
        if not database["ENGINE"].endswith("sqlite3") or not naam or Path(naam).exists():
            continue  # not SQLite, in memory, or kept (--reuse-db)
        for bijbestand in (f"{naam}-wal", f"{naam}-shm"):
            Path(bijbestand).unlink(missing_ok=True)


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix: None) -> None:
    """On PostgreSQL with two roles the owner creates and migrates the test database."""
    log_in_als_eigenaar()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: None, django_db_blocker: Any) -> Any:
    """Then every connection acts as the app role, as the application does in production;
    the owner drops the database at the end (tests/_rollen.py)."""
    with django_db_blocker.unblock():
        zet_app_rol(True)
    yield
    with django_db_blocker.unblock():
        zet_app_rol(False)


@pytest.fixture(autouse=True)
def _taal_terug() -> Any:
    """LocaleMiddleware activates a request's language in the thread and never resets it;
    every test starts and ends in the default language, whatever the one before asked for."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def regisseur(db: None) -> Any:
    # A procesregisseur by trade: may open cases (group Procesregisseurs).
    return GebruikerFactory(
        username="regisseur", first_name="Rina", last_name="Regisseur", opent=True
    )


@pytest.fixture
def bestuursproces(regisseur: Any) -> Bestuursproces:
    return open_proces(regisseur)


@pytest.fixture
def leden(bestuursproces: Bestuursproces, regisseur: Any) -> dict[str, Any]:
    """role → user for every role, plus 'buitenstaander': a user who is member of nothing."""
    result = voeg_leden_toe(bestuursproces, regisseur)
    result["buitenstaander"] = GebruikerFactory(username="buitenstaander")
    return result


@pytest.fixture
def api() -> APIClient:
    return APIClient()


@pytest.fixture
def als(api: APIClient) -> Any:
    """``als(user)`` returns an API client authenticated as that user."""

    def _als(gebruiker: Any) -> APIClient:
        api.force_authenticate(gebruiker)
        return api

    return _als


@pytest.fixture
def is_postgresql() -> bool:
    return connection.vendor == "postgresql"


@pytest.fixture
def documentopslag(settings: Any) -> None:
    """A fresh, empty in-memory documenten storage for this test."""
    # Assigning STORAGES makes Django drop its storage instances (setting_changed).
    settings.STORAGES = {
        **settings.STORAGES,
        "documenten": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }
