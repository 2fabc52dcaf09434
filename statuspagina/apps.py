from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StatuspaginaConfig(AppConfig):
    """The opdrachtgever's read-only status page of a bestuursproces (issue 6)."""

    name = "statuspagina"
    verbose_name = _("Statuspagina")
    default_auto_field = "django.db.models.BigAutoField"
