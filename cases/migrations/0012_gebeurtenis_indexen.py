"""Drop the event table's indexes that another index covers (issue 16, fixed costs).

- The foreign key's own index on ``bestuursproces_id``: both ``gebeurtenis_volgnummer_uniek``
  (bestuursproces, volgnummer) and ``gebeurtenis_wereldtijd`` (bestuursproces, tijdstip,
  volgnummer) start with that column, so every lookup by case uses one of them.
- On PostgreSQL, the ``varchar_pattern_ops`` index that ``unique=True`` on a CharField adds for
  LIKE queries on ``hash``: nothing searches a hash by prefix. The uniqueness stays, as the
  constraint ``gebeurtenis_hash_uniek``.

Done in SQL by name as the database reports them, not with AlterField: on SQLite an
AlterField rebuilds the table, which would drop the triggers of migration 0002 that keep the
log append-only.
"""

from typing import Any

from django.db import migrations, models

TABEL = "cases_gebeurtenis"
HASH_UNIEK = "gebeurtenis_hash_uniek"


def _beperkingen(schema_editor: Any) -> dict[str, dict[str, Any]]:
    with schema_editor.connection.cursor() as cursor:
        return schema_editor.connection.introspection.get_constraints(cursor, TABEL)


def verwijder(apps: Any, schema_editor: Any) -> None:
    qn = schema_editor.quote_name
    for naam, info in _beperkingen(schema_editor).items():
        losse_index = info["index"] and not info["unique"] and not info["primary_key"]
        if losse_index and info["columns"] == ["bestuursproces_id"]:
            schema_editor.execute(f"DROP INDEX {qn(naam)}")
        if schema_editor.connection.vendor != "postgresql" or info["columns"] != ["hash"]:
            continue
        if losse_index and naam.endswith("_like"):
            schema_editor.execute(f"DROP INDEX {qn(naam)}")
        elif info["unique"] and naam != HASH_UNIEK:
            schema_editor.execute(
                f"ALTER TABLE {qn(TABEL)} RENAME CONSTRAINT {qn(naam)} TO {qn(HASH_UNIEK)}"
            )


def herstel(apps: Any, schema_editor: Any) -> None:
    qn = schema_editor.quote_name
    index = schema_editor._create_index_name(TABEL, ["bestuursproces_id"])
    schema_editor.execute(f"CREATE INDEX {qn(index)} ON {qn(TABEL)} ({qn('bestuursproces_id')})")
    if schema_editor.connection.vendor == "postgresql":
        sleutel = schema_editor._create_index_name(TABEL, ["hash"], suffix="_uniq")
        schema_editor.execute(
            f"ALTER TABLE {qn(TABEL)} RENAME CONSTRAINT {qn(HASH_UNIEK)} TO {qn(sleutel)}"
        )
        like = schema_editor._create_index_name(TABEL, ["hash"], suffix="_like")
        schema_editor.execute(
            f"CREATE INDEX {qn(like)} ON {qn(TABEL)} ({qn('hash')} varchar_pattern_ops)"
        )


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0011_gebeurtenis_datumcorrecties"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.RunPython(verwijder, herstel)],
            state_operations=[
                migrations.AlterField(
                    model_name="gebeurtenis",
                    name="bestuursproces",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=models.deletion.PROTECT,
                        related_name="gebeurtenissen",
                        to="cases.bestuursproces",
                        verbose_name="bestuursproces",
                    ),
                ),
                migrations.AlterField(
                    model_name="gebeurtenis",
                    name="hash",
                    field=models.CharField(max_length=64, verbose_name="hash"),
                ),
                migrations.AddConstraint(
                    model_name="gebeurtenis",
                    constraint=models.UniqueConstraint(fields=("hash",), name=HASH_UNIEK),
                ),
            ],
        ),
    ]
