"""Verify the hash chains of the event log; exit 1 naming the first broken link."""

from __future__ import annotations

import uuid
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from cases.events import verifieer_alle
from cases.models import Bestuursproces


class Command(BaseCommand):
    help = "Controleert de hashketen van de gebeurtenissen van één of alle bestuursprocessen."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--bestuursproces", type=uuid.UUID, help="Alleen dit bestuursproces (uuid)."
        )

    def handle(self, *args: Any, **opties: Any) -> None:
        processen = Bestuursproces.objects.order_by("id")
        if opties["bestuursproces"]:
            processen = processen.filter(uuid=opties["bestuursproces"])
            if not processen.exists():
                raise CommandError(f"Bestuursproces {opties['bestuursproces']} bestaat niet.")
        aantal = 0
        for _bestuursproces, breuk in verifieer_alle(processen.iterator()):
            if breuk is not None:
                self.stderr.write(self.style.ERROR(f"KETEN GEBROKEN: {breuk}"))
                raise SystemExit(1)
            aantal += 1
        self.stdout.write(self.style.SUCCESS(f"{aantal} keten(s) gecontroleerd: alle intact."))
