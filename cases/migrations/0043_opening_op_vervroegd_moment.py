"""The opening now stands in the case's history at the moment it was last moved earlier to
(``bestuursproces.opening_vervroegd``), as it already did in the exports: the tijdlijn of a
case whose opening was moved showed "Bestuursproces geopend" on the date the file was opened
with, after facts that happened before it.

Only those cases change. Their tijdlijn is marked as built by no version, so that it is
rebuilt right after ``migrate`` (``cases.events.tijdlijnregels.herbouw_na_migratie``), and
the stands of their fold are dropped (a look back folds from the opening and stores them
anew)."""

from django.db import migrations

OPENING_VERVROEGD = "bestuursproces.opening_vervroegd"


def markeer_voor_herbouw(apps, schema_editor):
    alias = schema_editor.connection.alias
    vervroegd = (
        apps.get_model("cases", "Gebeurtenis")
        .objects.using(alias)
        .filter(type=OPENING_VERVROEGD)
        .values("bestuursproces")
    )
    apps.get_model("cases", "Tijdlijnstand").objects.using(alias).filter(
        bestuursproces__in=vervroegd
    ).update(versie=0)
    apps.get_model("cases", "Foldstand").objects.using(alias).filter(
        bestuursproces__in=vervroegd
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0042_gebeurtenis_vervroegingen_index"),
    ]

    operations = [
        migrations.RunPython(markeer_voor_herbouw, migrations.RunPython.noop, elidable=True),
    ]
