"""``createcachetable`` as the database owner, then the app role's grants (see migrate)."""

from __future__ import annotations

from typing import Any

from django.core.management.commands import createcachetable

from cases.rollen import als_eigenaar, geef_app_rechten


class Command(createcachetable.Command):
    def handle(self, *tablenames: Any, **options: Any) -> None:
        with als_eigenaar(options["database"]):
            super().handle(*tablenames, **options)
            geef_app_rechten(using=options["database"])
