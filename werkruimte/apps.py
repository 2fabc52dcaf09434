from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WerkruimteConfig(AppConfig):
    name = "werkruimte"
    verbose_name = _("Werkruimte")
