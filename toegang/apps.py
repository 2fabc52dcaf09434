from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class ToegangConfig(AppConfig):
    """Who may come in, and how: login limits, API tokens, the right to open a case, single
    sign-on and the second factor for beheer."""

    default = True
    name = "toegang"
    verbose_name = _("Toegang")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import signalen  # noqa: F401  (connects the receivers)


class BeheerConfig(admin_apps.AdminConfig):
    """django.contrib.admin with the site that asks for a second factor."""

    default = False  # toegang's own config is ToegangConfig
    default_site = "toegang.beheer.BeheerSite"
