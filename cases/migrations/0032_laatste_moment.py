"""The latest world time of each case's history on its row, beside the chain head.

Filled for existing cases from their logs: the greatest ``tijdstip`` of the events that are no
date correction (one aggregate per case in one statement), raised to the latest moment a
correction moved a fact to (the few corrections read apart). That is exactly what the query it
replaces answered (``cases.events.wereldtijd.is_laat``); new events keep it in ``append_event``.
"""

import datetime as dt

from django.db import migrations, models
from django.db.models import Max, OuterRef, Subquery

DATUMCORRECTIE = "gebeurtenis.datum_gecorrigeerd"


def vul(apps, schema_editor):  # type: ignore[no-untyped-def]
    Bestuursproces = apps.get_model("cases", "Bestuursproces")
    Gebeurtenis = apps.get_model("cases", "Gebeurtenis")
    feiten = (
        Gebeurtenis.objects.filter(bestuursproces=OuterRef("pk"))
        .exclude(type=DATUMCORRECTIE)
        .order_by()
        .values("bestuursproces")
        .annotate(m=Max("tijdstip"))
        .values("m")
    )
    Bestuursproces.objects.filter(pk__in=Gebeurtenis.objects.values("bestuursproces")).update(
        laatste_moment=Subquery(feiten[:1])
    )
    verplaatst: dict[int, dt.datetime] = {}
    for proces, payload in (
        Gebeurtenis.objects.filter(type=DATUMCORRECTIE)
        .values_list("bestuursproces", "payload")
        .iterator()
    ):
        naar = dt.datetime.fromisoformat(payload["naar"])
        if proces not in verplaatst or naar > verplaatst[proces]:
            verplaatst[proces] = naar
    for proces, naar in verplaatst.items():
        huidig = Bestuursproces.objects.values_list("laatste_moment", flat=True).get(pk=proces)
        if huidig is None or naar > huidig:
            Bestuursproces.objects.filter(pk=proces).update(laatste_moment=naar)


class Migration(migrations.Migration):
    dependencies = [("cases", "0031_overzicht")]

    operations = [
        migrations.AddField(
            model_name="bestuursproces",
            name="laatste_moment",
            field=models.DateTimeField(
                editable=False, null=True, verbose_name="laatste moment in de geschiedenis"
            ),
        ),
        migrations.RunPython(vul, migrations.RunPython.noop),
    ]
