"""Two database roles: the owner, who migrates, and the app, which owns nothing.

Whoever owns a table can ``DISABLE`` or ``DROP`` its triggers and then rewrite the event log.
So the application connects as a role that owns nothing (``DATABASE_URL``), and only
``manage.py migrate`` and ``createcachetable`` connect as the owner
(``DATABASE_URL_EIGENAAR``). After each migration the owner grants the app role exactly what
it needs: reading and writing the app's tables, and on the event table reading and inserting
only. Creating tables, ALTER, DROP, TRUNCATE and TRIGGER stay with the owner.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

import environ
from django.conf import settings
from django.db import connections

EVENTTABEL = "cases_gebeurtenis"
# The connection settings that say who connects; the database itself (NAME) stays the same.
_INLOG = ("USER", "PASSWORD", "HOST", "PORT")


@contextlib.contextmanager
def als_eigenaar(alias: str) -> Iterator[None]:
    """Run the block on ``alias`` connected as the owner (``DATABASE_URL_EIGENAAR``), when
    one is configured; otherwise as the connection already is."""
    if not settings.DATABASE_URL_EIGENAAR:
        yield
        return
    eigenaar = environ.Env.db_url_config(settings.DATABASE_URL_EIGENAAR)
    verbinding = connections[alias]
    oud = {sleutel: verbinding.settings_dict.get(sleutel) for sleutel in _INLOG}
    oude_opties = dict(verbinding.settings_dict.get("OPTIONS", {}))
    verbinding.close()
    verbinding.settings_dict.update({sleutel: eigenaar.get(sleutel, "") for sleutel in _INLOG})
    verbinding.settings_dict["OPTIONS"] = {
        k: v for k, v in oude_opties.items() if k != "assume_role"
    }
    try:
        yield
    finally:
        verbinding.close()
        verbinding.settings_dict.update(oud)
        verbinding.settings_dict["OPTIONS"] = oude_opties


def geef_app_rechten(using: str = "default", **_: Any) -> None:
    """Grant the app role its rights on every table and sequence (post_migrate, run as the
    owner). Nothing to do on SQLite, or when no app role is configured."""
    rol = settings.DATABASE_APP_ROL
    verbinding = connections[using]
    if verbinding.vendor != "postgresql" or not rol:
        return
    q = verbinding.ops.quote_name
    with verbinding.cursor() as cursor:
        cursor.execute("SELECT current_user, current_schema()")
        huidig, schema = cursor.fetchone()
        if huidig == rol:
            # Migrated as the app role itself: it owns the tables, and granting changes
            # nothing. Say so rather than pretend.
            raise RuntimeError(
                f"De migraties draaiden als de app-rol {rol}: die bezit nu de tabellen. Migreer "
                "als de eigenaar (DATABASE_URL_EIGENAAR)."
            )
        for statement in (
            f"GRANT USAGE ON SCHEMA {q(schema)} TO {q(rol)}",
            f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {q(schema)} TO {q(rol)}",
            f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {q(schema)} TO {q(rol)}",
            f"REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON {q(EVENTTABEL)} "
            f"FROM {q(rol)}, PUBLIC",
        ):
            cursor.execute(statement)
