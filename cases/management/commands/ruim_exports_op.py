"""Delete report jobs and their files past the retention period; fail jobs whose worker died."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from cases.exports.taken import ruim_op


class Command(BaseCommand):
    help = (
        "Verwijdert exporttaken en hun bestanden na de bewaartermijn "
        "(EXPORT_BEWAARTERMIJN_UREN) en zet taken waarvan de worker verdwenen is op mislukt. "
        "De worker doet dit ook na elke taak; draai dit commando daarnaast periodiek "
        "(bijvoorbeeld elk uur vanuit cron)."
    )

    def handle(self, *args: Any, **opties: Any) -> None:
        opgeruimd = ruim_op()
        self.stdout.write(
            f"{opgeruimd.verwijderd} exporttaken ouder dan {settings.EXPORT_BEWAARTERMIJN_UREN} "
            f"uur verwijderd, {opgeruimd.onderbroken} onderbroken taken op mislukt gezet."
        )
