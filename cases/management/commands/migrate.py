"""``migrate`` as the database owner (``DATABASE_URL_EIGENAAR``), then the app role's grants.

The app connects as a role that owns nothing (cases/rollen.py); creating and altering tables
is the owner's. This override of Django's command connects as the owner when one is
configured, so deploying stays one ``manage.py migrate``.
"""

from __future__ import annotations

from typing import Any

from django.core.management.commands import migrate

from cases.rollen import als_eigenaar


class Command(migrate.Command):
    def handle(self, *args: Any, **options: Any) -> None:
        # post_migrate (cases.apps) grants the app role its rights on this same connection.
        with als_eigenaar(options["database"]):
            super().handle(*args, **options)
