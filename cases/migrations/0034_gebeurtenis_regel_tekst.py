"""Each event's JSON Lines line for a reader at its own level, stored with the event, so that
the export streams it instead of building it (cases/exports/jsonl_regels.py ``zichtbare_regel``).

Nullable, so SQLite adds it with ALTER TABLE (no rebuild that would drop the append-only
triggers of 0002). Existing rows with a canonical payload text (0023) are filled in batches
with the triggers lifted for this migration only, exactly as 0023 did; rows without that text
keep NULL and the export builds their line as before.
"""

import importlib
from typing import Any

from django.db import migrations, models

from cases.exports.gebeurtenissen import utc_tekst
from cases.exports.jsonl_regels import zichtbare_regel

BATCH = 2000
onveranderlijk = importlib.import_module("cases.migrations.0002_gebeurtenissen_onveranderlijk")
VELDEN = (
    "pk",
    "volgnummer",
    "type",
    "tijdstip",
    "geregistreerd",
    "actor_gebruikersnaam",
    "actor_naam",
    "herkomst",
    "toelichting",
    "payload_tekst",
    "vorige_hash",
    "hash",
    "inhoud_hash",
    "inhoud_zout",
    "payload",
)


def _regel(rij: tuple[Any, ...]) -> str:
    (_pk, volgnummer, type_, tijdstip, geregistreerd, actor, naam, herkomst, toelichting) = rij[:9]
    payload_tekst, vorige, eigen, inhoud_hash, zout, payload = rij[9:]
    return zichtbare_regel(
        volgnummer,
        type_,
        utc_tekst(tijdstip),
        utc_tekst(geregistreerd),
        actor,
        naam,
        herkomst,
        toelichting,
        payload_tekst,
        vorige,
        eigen,
        inhoud_hash,
        zout,
        str(payload.get("zichtbaarheid", "proces")),
    )


def vul(apps: Any, schema_editor: Any) -> None:
    Gebeurtenis = apps.get_model("cases", "Gebeurtenis")
    te_vullen = Gebeurtenis.objects.filter(regel_tekst__isnull=True, payload_tekst__isnull=False)
    if not te_vullen.exists():
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
            rijen = list(te_vullen.filter(pk__gt=vorige).order_by("pk").values_list(*VELDEN)[:BATCH])
            if not rijen:
                break
            cursor.executemany(
                f"UPDATE {tabel} SET regel_tekst = %s WHERE id = %s",
                [(_regel(rij), rij[0]) for rij in rijen],
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
    dependencies = [("cases", "0033_tijdlijn_aantallen")]

    operations = [
        migrations.AddField(
            model_name="gebeurtenis",
            name="regel_tekst",
            field=models.TextField(editable=False, null=True, verbose_name="exportregel"),
        ),
        migrations.RunPython(vul, migrations.RunPython.noop),
    ]
