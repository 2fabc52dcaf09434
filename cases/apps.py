from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "cases"
    verbose_name = _("Bestuursprocessen")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # The stadium gate of issue #4: a forward move needs a consolidated wyber-stap.
        # registreer_poort ignores a second registration, so a repeated ready() is harmless.
        from cases.events.log import na_late_invoeging
        from cases.services import registreer_poort
        from cases.services._wereldtijd import synchroniseer
        from cases.services.poorten import geconsolideerde_stap_vereist

        registreer_poort(geconsolideerde_stap_vereist)
        na_late_invoeging(synchroniseer)

        # Issue 12 §7: after every migration the owner grants the app role its rights.
        from django.db.models.signals import post_migrate

        from cases.rollen import geef_app_rechten

        post_migrate.connect(geef_app_rechten, sender=self, dispatch_uid="cases.app_rechten")

        # Issue 16: the tijdlijn's read model of cases from before it is built after migrate.
        from cases.events.tijdlijnregels import herbouw_na_migratie

        post_migrate.connect(
            herbouw_na_migratie, sender=self, dispatch_uid="cases.tijdlijn_herbouwen"
        )
