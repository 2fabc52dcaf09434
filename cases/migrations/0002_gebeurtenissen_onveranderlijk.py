"""Make the event log append-only in the database itself (DESIGN §4).

PostgreSQL refuses UPDATE, DELETE and TRUNCATE through triggers enabled ALWAYS, so that
``session_replication_role = replica`` does not skip them. SQLite refuses UPDATE and DELETE.
"""

from django.db import migrations

POSTGRESQL_AAN = """
CREATE OR REPLACE FUNCTION cases_gebeurtenis_weiger_wijziging() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'cases_gebeurtenis is alleen-toevoegen: % geweigerd', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER cases_gebeurtenis_geen_wijziging
    BEFORE UPDATE OR DELETE ON cases_gebeurtenis
    FOR EACH ROW EXECUTE FUNCTION cases_gebeurtenis_weiger_wijziging();
CREATE TRIGGER cases_gebeurtenis_geen_truncate
    BEFORE TRUNCATE ON cases_gebeurtenis
    FOR EACH STATEMENT EXECUTE FUNCTION cases_gebeurtenis_weiger_wijziging();
ALTER TABLE cases_gebeurtenis ENABLE ALWAYS TRIGGER cases_gebeurtenis_geen_wijziging;
ALTER TABLE cases_gebeurtenis ENABLE ALWAYS TRIGGER cases_gebeurtenis_geen_truncate;
"""

POSTGRESQL_UIT = """
DROP TRIGGER IF EXISTS cases_gebeurtenis_geen_truncate ON cases_gebeurtenis;
DROP TRIGGER IF EXISTS cases_gebeurtenis_geen_wijziging ON cases_gebeurtenis;
DROP FUNCTION IF EXISTS cases_gebeurtenis_weiger_wijziging();
"""

SQLITE_AAN = [
    """
    CREATE TRIGGER cases_gebeurtenis_geen_update BEFORE UPDATE ON cases_gebeurtenis
    BEGIN SELECT RAISE(ABORT, 'cases_gebeurtenis is alleen-toevoegen: UPDATE geweigerd'); END;
    """,
    """
    CREATE TRIGGER cases_gebeurtenis_geen_delete BEFORE DELETE ON cases_gebeurtenis
    BEGIN SELECT RAISE(ABORT, 'cases_gebeurtenis is alleen-toevoegen: DELETE geweigerd'); END;
    """,
]

SQLITE_UIT = [
    "DROP TRIGGER IF EXISTS cases_gebeurtenis_geen_update;",
    "DROP TRIGGER IF EXISTS cases_gebeurtenis_geen_delete;",
]


def _voer_uit(schema_editor, per_vendor):
    statements = per_vendor.get(schema_editor.connection.vendor)
    if statements is None:
        raise NotImplementedError(
            f"Geen onveranderlijkheidstriggers voor {schema_editor.connection.vendor}."
        )
    for statement in statements if isinstance(statements, list) else [statements]:
        schema_editor.execute(statement, params=None)


def aan(apps, schema_editor):
    _voer_uit(schema_editor, {"postgresql": POSTGRESQL_AAN, "sqlite": SQLITE_AAN})


def uit(apps, schema_editor):
    _voer_uit(schema_editor, {"postgresql": POSTGRESQL_UIT, "sqlite": SQLITE_UIT})


class Migration(migrations.Migration):
    dependencies = [("cases", "0001_initial")]

    operations = [migrations.RunPython(aan, uit)]
