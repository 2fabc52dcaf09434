"""A partial index on the moves of the opening earlier: an export that gives world time (CSV,
XES, OCEL) reads them with the date corrections before its first line, and without it that
read took every event of the case for these few. Only those events are in it."""

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0041_gebeurtenis_partijwijzigingen_index"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddIndex(
            model_name="gebeurtenis",
            index=models.Index(
                condition=models.Q(("type", "bestuursproces.opening_vervroegd")),
                fields=["bestuursproces", "volgnummer"],
                name="gebeurtenis_vervroegingen",
            ),
        ),
    ]
