"""The chain head of each case on its row: the last volgnummer and hash of its event log.

Filled for existing cases from their logs in one statement (a correlated subquery per column);
new events keep it up to date in ``append_event``.
"""

from django.db import migrations, models
from django.db.models import OuterRef, Subquery

GENESIS_HASH = "0" * 64


def vul(apps, schema_editor):  # type: ignore[no-untyped-def]
    Bestuursproces = apps.get_model("cases", "Bestuursproces")
    Gebeurtenis = apps.get_model("cases", "Gebeurtenis")
    laatste = Gebeurtenis.objects.filter(bestuursproces=OuterRef("pk")).order_by("-volgnummer")
    Bestuursproces.objects.filter(pk__in=Gebeurtenis.objects.values("bestuursproces")).update(
        keten_volgnummer=Subquery(laatste.values("volgnummer")[:1]),
        keten_hash=Subquery(laatste.values("hash")[:1]),
    )


class Migration(migrations.Migration):
    dependencies = [("cases", "0021_bijeenkomstsoorten")]

    operations = [
        migrations.AddField(
            model_name="bestuursproces",
            name="keten_hash",
            field=models.CharField(
                default=GENESIS_HASH, editable=False, max_length=64, verbose_name="laatste hash"
            ),
        ),
        migrations.AddField(
            model_name="bestuursproces",
            name="keten_volgnummer",
            field=models.PositiveIntegerField(
                default=0, editable=False, verbose_name="laatste volgnummer"
            ),
        ),
        migrations.RunPython(vul, migrations.RunPython.noop),
    ]
