"""The app's database role owns nothing: it cannot lift or drop the event table's triggers,
nor change or remove events. Logged in as that role, exactly as the application is in
production (scripts/met_postgres.py makes the roles; cases/rollen.py grants the rights)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import environ
import pytest
from django.conf import settings
from django.db import connection

pytestmark = pytest.mark.postgresql


@pytest.fixture
def als_app(db: None) -> Iterator[Any]:
    """A connection of its own to the test database, logged in as the app role."""
    if not settings.DATABASE_URL_EIGENAAR:
        pytest.fail("De PostgreSQL-run hoort met twee rollen te draaien (scripts/met_postgres.py).")
    import psycopg

    app = environ.Env.db_url_config(environ.Env().str("DATABASE_URL"))
    verbinding = psycopg.connect(
        host=connection.settings_dict["HOST"],
        port=connection.settings_dict["PORT"],
        user=app["USER"],
        password=app.get("PASSWORD") or None,
        dbname=connection.settings_dict["NAME"],
        autocommit=True,
    )
    # Never wait on the test's own locks: a refusal must come at once.
    verbinding.execute("SET lock_timeout = '5s'")
    try:
        yield verbinding
    finally:
        verbinding.close()


@pytest.mark.parametrize(
    ("sql", "melding"),
    [
        (
            "ALTER TABLE cases_gebeurtenis DISABLE TRIGGER cases_gebeurtenis_geen_wijziging",
            "must be owner",
        ),
        ("ALTER TABLE cases_gebeurtenis DISABLE TRIGGER ALL", "must be owner"),
        ("DROP TRIGGER cases_gebeurtenis_geen_wijziging ON cases_gebeurtenis", "must be owner"),
        ("DROP FUNCTION cases_gebeurtenis_weiger_wijziging()", "must be owner"),
        ("DROP TABLE cases_gebeurtenis", "must be owner"),
        ("ALTER TABLE cases_gebeurtenis RENAME TO oud", "must be owner"),
        ("UPDATE cases_gebeurtenis SET toelichting = 'vervalst'", "permission denied"),
        ("DELETE FROM cases_gebeurtenis", "permission denied"),
        ("TRUNCATE cases_gebeurtenis", "permission denied"),
        (
            "CREATE TRIGGER t BEFORE INSERT ON cases_bestuursproces "
            "FOR EACH ROW EXECUTE FUNCTION cases_gebeurtenis_weiger_wijziging()",
            "must be owner|permission denied",
        ),
        ("CREATE TABLE nagemaakt (i integer)", "permission denied"),
        ("SET session_replication_role = replica", "permission denied"),
    ],
    ids=[
        "trigger-uit",
        "alle-triggers-uit",
        "trigger-weg",
        "functie-weg",
        "tabel-weg",
        "tabel-hernoemd",
        "update",
        "delete",
        "truncate",
        "nieuwe-trigger",
        "nieuwe-tabel",
        "replicatierol",
    ],
)
def test_app_rol_mag_het_log_niet_aantasten(als_app: Any, sql: str, melding: str) -> None:
    import psycopg

    with pytest.raises(psycopg.Error, match=melding):
        als_app.execute(sql)


def test_app_rol_leest_en_schrijft_wat_de_app_nodig_heeft(als_app: Any) -> None:
    assert als_app.execute("SELECT count(*) FROM cases_gebeurtenis").fetchone() == (0,)
    als_app.execute("UPDATE cases_bestuursproces SET titel = titel WHERE false")
    als_app.execute("DELETE FROM django_session WHERE false")
    rechten = als_app.execute(
        "SELECT privilege_type FROM information_schema.role_table_grants "
        "WHERE table_name = 'cases_gebeurtenis' AND grantee = current_user "
        "ORDER BY privilege_type"
    ).fetchall()
    assert [r[0] for r in rechten] == ["INSERT", "SELECT"]


def test_app_rol_bezit_niets_en_de_tests_draaien_als_app_rol(als_app: Any) -> None:
    bezit = als_app.execute(
        "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE c.relowner = (SELECT oid FROM pg_roles WHERE rolname = current_user) "
        "AND n.nspname = 'public'"
    ).fetchone()
    assert bezit == (0,)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT current_user, (SELECT tableowner FROM pg_tables "
            "WHERE tablename = 'cases_gebeurtenis')"
        )
        huidig, eigenaar = cursor.fetchone()
    # The code under test has the app role's rights; the owner is another role.
    assert huidig == settings.DATABASE_APP_ROL
    assert eigenaar == environ.Env.db_url_config(settings.DATABASE_URL_EIGENAAR)["USER"]
    assert eigenaar != huidig
