from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection

from tests._rollen import word_eigenaar
from tests.factories import GebruikerFactory

# The replay test's helper modules (the Uitvoerder asserts that a refused call writes nothing):
# have pytest rewrite their asserts as it does the test modules', so a failure shows the values
# compared. This must run before they are imported, which test_replay.py does when it is
# collected, after this conftest.
pytest.register_assert_rewrite(
    "tests.cases.events._replay_model",
    "tests.cases.events._replay_partijen",
    "tests.cases.events._replay_strategieen",
    "tests.cases.events._replay_uitvoerder",
    "tests.cases.events._replay_regie",
    "tests.cases.events._replay_regiebasis",
    "tests.cases.events._replay_interventies",
    "tests.cases.events._replay_strategieen_regie",
)


@pytest.fixture
def zet_onveranderlijkheid_uit(db: None) -> Callable[[], None]:
    """Switch the event table's triggers off for the rest of this test's transaction only.

    DDL is transactional on SQLite and PostgreSQL, so the rollback at the end of the test
    brings the triggers back exactly as the migration made them.
    """

    def uit() -> None:
        with connection.cursor() as cursor:
            # Only the owner may touch triggers; the app role the tests run as may not.
            word_eigenaar(cursor)
            if connection.vendor == "postgresql":
                # The rows this test inserted still have deferred foreign-key checks queued,
                # and PostgreSQL will not ALTER a table with pending trigger events: run the
                # checks now, then defer again as Django's constraints normally are.
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
                cursor.execute("SET CONSTRAINTS ALL DEFERRED")
                cursor.execute(
                    "ALTER TABLE cases_gebeurtenis DISABLE TRIGGER cases_gebeurtenis_geen_wijziging"
                )
            else:
                cursor.execute("DROP TRIGGER cases_gebeurtenis_geen_update")
                cursor.execute("DROP TRIGGER cases_gebeurtenis_geen_delete")

    return uit


@pytest.fixture
def kees(db: None) -> Any:
    """A second user, not yet a member of anything."""
    return GebruikerFactory(username="kees", first_name="Kees", last_name="Kernteam")
