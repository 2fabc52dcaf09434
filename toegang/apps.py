from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ToegangConfig(AppConfig):
    """Who may come in, and how: login limits, API tokens, the right to open a case."""

    name = "toegang"
    verbose_name = _("Toegang")

    def ready(self) -> None:
        from . import signalen  # noqa: F401  (connects the receivers)
