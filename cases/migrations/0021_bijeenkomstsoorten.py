"""The four common kinds of meeting; beheer may add more in the admin."""

from django.db import migrations

SOORTEN = [
    ("werksessie", "Werksessie"),
    ("bestuurlijk_overleg", "Bestuurlijk overleg"),
    ("informatiebijeenkomst", "Informatiebijeenkomst"),
    ("bilateraal_gesprek", "Bilateraal gesprek"),
]


def zaai(apps, schema_editor):  # type: ignore[no-untyped-def]
    Bijeenkomstsoort = apps.get_model("cases", "Bijeenkomstsoort")
    for volgorde, (code, naam) in enumerate(SOORTEN):
        Bijeenkomstsoort.objects.get_or_create(
            code=code, defaults={"naam": naam, "volgorde": volgorde}
        )


def verwijder(apps, schema_editor):  # type: ignore[no-untyped-def]
    apps.get_model("cases", "Bijeenkomstsoort").objects.filter(
        code__in=[code for code, _ in SOORTEN]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("cases", "0020_bijeenkomsten")]

    operations = [migrations.RunPython(zaai, verwijder)]
