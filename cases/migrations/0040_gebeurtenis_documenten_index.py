"""A partial index on the events that vouch for a document version: every export lists those
versions in its header before the first line, and without it that list read every event of
the case (70 ms at 100,000 events on PostgreSQL, growing with the log). Only those events are
in it, so other appends do not touch it."""

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0039_exporttaak_casus_en_type"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddIndex(
            model_name="gebeurtenis",
            index=models.Index(
                condition=models.Q(
                    ("type__in", ("document.toegevoegd", "document.versie_toegevoegd"))
                ),
                fields=["bestuursproces", "volgnummer"],
                name="gebeurtenis_documenten",
            ),
        ),
    ]
