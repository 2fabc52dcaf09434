"""The database roles in tests (cases/rollen.py, scripts/met_postgres.py).

On the PostgreSQL run the test database is created and migrated by the owner, and every
connection then acts as the app role (``SET ROLE``, Django's ``assume_role``): the code under
test has exactly the rights it has in production. A test that plays the attacker with full
database access becomes the owner inside its own transaction with :func:`word_eigenaar`;
the test's rollback makes it the app role again.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.conf import settings
from django.db import connection, connections


def rollen_gesplitst() -> bool:
    return connection.vendor == "postgresql" and bool(settings.DATABASE_URL_EIGENAAR)


def word_eigenaar(cursor: Any | None = None) -> None:
    """Act as the owner (the session's login role) from here on in this transaction."""
    if not rollen_gesplitst():
        return
    if cursor is None:
        with connection.cursor() as eigen:
            eigen.execute("RESET ROLE")
    else:
        cursor.execute("RESET ROLE")


@contextmanager
def als_eigenaar_buiten_transactie() -> Iterator[None]:
    """For committed work outside a test transaction: owner inside, app role after."""
    word_eigenaar()
    try:
        yield
    finally:
        if rollen_gesplitst() and not connection.needs_rollback:
            with connection.cursor() as cursor:
                # Composed on the client, as Django's assume_role does: a utility statement
                # takes no server-bound parameter.
                ops: Any = connection.ops  # PostgreSQL's
                cursor.execute(ops.compose_sql("SET ROLE %s", [settings.DATABASE_APP_ROL]))


def til_onveranderlijkheid_op() -> None:
    """As the database owner, lift the event table's protection for the rest of the test's
    transaction: what someone with full database access could do (the triggers come back with
    the rollback on PostgreSQL; on SQLite the test database is rebuilt)."""
    with connection.cursor() as cursor:
        word_eigenaar(cursor)
        if connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
            cursor.execute("ALTER TABLE cases_gebeurtenis DISABLE TRIGGER USER")
        else:
            cursor.execute("DROP TRIGGER cases_gebeurtenis_geen_update")
            cursor.execute("DROP TRIGGER cases_gebeurtenis_geen_delete")


def zet_app_rol(aan: bool) -> None:
    """Have every new connection act as the app role (after the owner made the database)."""
    if not rollen_gesplitst():
        return
    for verbinding in connections.all():
        opties = verbinding.settings_dict.setdefault("OPTIONS", {})
        if aan:
            opties["assume_role"] = settings.DATABASE_APP_ROL
        else:
            opties.pop("assume_role", None)
        verbinding.close()


def log_in_als_eigenaar() -> None:
    """Make the owner the login role of every connection (the test session's user), so that
    it can create the test database and, inside a test, turn from app role into owner."""
    if not rollen_gesplitst():
        return
    import environ

    eigenaar = environ.Env.db_url_config(settings.DATABASE_URL_EIGENAAR)
    for verbinding in connections.all():
        for sleutel in ("USER", "PASSWORD", "HOST", "PORT"):
            verbinding.settings_dict[sleutel] = eigenaar.get(sleutel, "")
        verbinding.close()
