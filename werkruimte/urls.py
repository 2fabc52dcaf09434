"""The workspace of a case: one module per task, below ``/processen/<uuid>/``.

To add a task: write ``werkruimte/taken/<taak>.py`` with ``TAAK = Taak(...)`` (code, label,
URL name, place in the navigation) and ``urlpatterns`` (its views wrapped in
``toegang.taakpagina``, which checks membership and the role for writes), then add the module
to ``TAKEN`` below: one line. The case navigation lists ``TAKEN`` in ``volgorde``.
"""

from __future__ import annotations

from types import ModuleType

from django.urls import include, path

from .taken import (
    Taak,
    afspraken,
    besluiten,
    bijeenkomsten,
    documenten,
    idee,
    interventies,
    krachtenveld,
    overzicht,
    positionering,
    stadium,
    tijdlijn,
    wyberen,
)

app_name = "werkruimte"

TAKEN: list[ModuleType] = [
    overzicht,
    krachtenveld,
    positionering,
    stadium,
    idee,
    wyberen,
    interventies,
    bijeenkomsten,
    besluiten,
    afspraken,
    documenten,
    tijdlijn,
]

urlpatterns = [path("", include(module.urlpatterns)) for module in TAKEN]


def taken() -> list[Taak]:
    """The tasks in navigation order."""
    return sorted((module.TAAK for module in TAKEN), key=lambda taak: taak.volgorde)
