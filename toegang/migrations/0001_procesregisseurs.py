"""The group "Procesregisseurs" with the right to open a case."""

from django.apps import apps as global_apps
from django.apps.registry import Apps
from django.contrib.auth.management import create_permissions
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

GROEP = "Procesregisseurs"
RECHT = "bestuursproces_openen"


def maak_groep(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    # Permissions are normally created after all migrations ran; this one is needed now.
    create_permissions(global_apps.get_app_config("cases"), apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    groep, _ = Group.objects.get_or_create(name=GROEP)
    groep.permissions.add(Permission.objects.get(content_type__app_label="cases", codename=RECHT))


def verwijder_groep(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    apps.get_model("auth", "Group").objects.filter(name=GROEP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("cases", "0008_bestuursproces_openen"),
    ]

    operations = [migrations.RunPython(maak_groep, verwijder_groep)]
