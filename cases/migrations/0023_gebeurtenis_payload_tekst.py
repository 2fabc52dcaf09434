"""The payload's canonical text on each event row, so that an export need not re-encode it.

The column is nullable, so SQLite adds it with ALTER TABLE (no rebuild that would drop the
append-only triggers of 0002). Existing rows are filled in batches; the triggers refuse any
UPDATE, so they are lifted for this migration only (it runs as the table's owner) and put back
exactly as 0002 made them, in the same transaction on PostgreSQL.
"""

import importlib

from django.db import migrations, models

from cases.events.canonical import canonieke_json

BATCH = 2000
onveranderlijk = importlib.import_module("cases.migrations.0002_gebeurtenissen_onveranderlijk")


def vul(apps, schema_editor):  # type: ignore[no-untyped-def]
    Gebeurtenis = apps.get_model("cases", "Gebeurtenis")
    if not Gebeurtenis.objects.filter(payload_tekst__isnull=True).exists():
        return
    verbinding = schema_editor.connection
    tabel = verbinding.ops.quote_name(Gebeurtenis._meta.db_table)
    with verbinding.cursor() as cursor:
        if verbinding.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute(f"ALTER TABLE {tabel} DISABLE TRIGGER cases_gebeurtenis_geen_wijziging")
        else:
            for statement in onveranderlijk.SQLITE_UIT:
                cursor.execute(statement)
        vorige = 0
        while True:
            rijen = list(
                Gebeurtenis.objects.filter(pk__gt=vorige, payload_tekst__isnull=True)
                .order_by("pk")
                .values_list("pk", "payload")[:BATCH]
            )
            if not rijen:
                break
            cursor.executemany(
                f"UPDATE {tabel} SET payload_tekst = %s WHERE id = %s",
                [(canonieke_json(payload), pk) for pk, payload in rijen],
            )
            vorige = rijen[-1][0]
        if verbinding.vendor == "postgresql":
            cursor.execute(
                f"ALTER TABLE {tabel} ENABLE ALWAYS TRIGGER cases_gebeurtenis_geen_wijziging"
            )
        else:
            for statement in onveranderlijk.SQLITE_AAN:
                cursor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("cases", "0022_ketenkop")]

    operations = [
        migrations.AddField(
            model_name="gebeurtenis",
            name="payload_tekst",
            field=models.TextField(
                editable=False, null=True, verbose_name="gegevens (canonieke tekst)"
            ),
        ),
        migrations.RunPython(vul, migrations.RunPython.noop),
    ]
