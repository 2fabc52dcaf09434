"""The tasks of a case's workspace, one module each (see ``werkruimte/urls.py``).

A task module defines ``TAAK`` (its place in the case navigation) and ``urlpatterns`` (its
pages below ``/processen/<uuid>/``, named in the ``werkruimte`` namespace).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise


@dataclass(frozen=True)
class Taak:
    code: str
    label: str | Promise
    # The URL name of the task's page; it takes the case uuid as its only argument.
    url_naam: str
    # Place in the navigation: the order of issue 13 (Overzicht 10, Krachtenveld 20, Idee en
    # procesontwerp 30, Wyberen 40, Interventies 50, Positionering 60, Stadium 70, Tijdlijn 80),
    # with what a process leaves behind after the interventies (Bijeenkomsten 52, Besluiten 54,
    # Afspraken 56, Documenten 58).
    volgorde: int
