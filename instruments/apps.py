from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InstrumentsConfig(AppConfig):
    """The velden and instruments catalogue (book bijlage 1); filled in a later issue."""

    name = "instruments"
    verbose_name = _("Instrumenten")
    default_auto_field = "django.db.models.BigAutoField"
