"""A transactional database with an append-only event table, for live-server tests.

pytest-django's ``live_server`` needs ``transactional_db``, whose teardown empties every
table (DELETE on SQLite, TRUNCATE on PostgreSQL). The event table's triggers refuse that. So
for these tests only, the triggers are removed just before the flush and installed again right
after it, with the migration's own functions: the order of teardown is the ``transactional_db``
override, then pytest-django's flush, then ``_onveranderlijk_na_afloop``.

A conftest that needs this imports both fixtures from here.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from typing import Any

import pytest
from django.db import connection

from tests._rollen import word_eigenaar


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
