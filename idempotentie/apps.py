from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IdempotentieConfig(AppConfig):
    name = "idempotentie"
    verbose_name = _("Idempotente verzoeken")
    default_auto_field = "django.db.models.BigAutoField"
