"""A partial index on the events logged above the open level (their payload names a
``zichtbaarheid``): an export for a viewer below the closed level counts those it withholds
before it streams, and without it that count read every event of the case (a second scan of
a million events before the first line). Only those events are in it, so an append at the
open level does not touch it."""

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0034_gebeurtenis_regel_tekst"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddIndex(
            model_name="gebeurtenis",
            index=models.Index(
                condition=models.Q(("payload__has_key", "zichtbaarheid")),
                fields=["bestuursproces", "volgnummer"],
                name="gebeurtenis_afgeschermd",
            ),
        ),
    ]
