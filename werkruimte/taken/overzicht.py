"""Overzicht: the status page of the case (``statuspagina.views.proces``), the first task.

Its page stays at ``/processen/<uuid>/`` under the status page's URL name, so this module only
places it in the navigation.
"""

from __future__ import annotations

from django.urls import URLPattern
from django.utils.translation import gettext_lazy as _

from . import Taak

TAAK = Taak(code="overzicht", label=_("Overzicht"), url_naam="statuspagina:proces", volgorde=10)

urlpatterns: list[URLPattern] = []
