"""Rebuild the tijdlijn's read model (items, shifts, memory) from the event log."""

from __future__ import annotations

import uuid
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from cases.events.tijdlijnregels import herbouw_vergrendeld, te_herbouwen
from cases.models import Bestuursproces


class Command(BaseCommand):
    help = (
        "Bouwt de tijdlijn (items, verschuivingen en wat de tijdlijn onthoudt) opnieuw op uit "
        "de gebeurtenissen, voor één of alle bestuursprocessen. De log blijft de waarheid; "
        "dit verandert geen gebeurtenis."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--bestuursproces", type=uuid.UUID, help="Alleen dit bestuursproces (uuid)."
        )
        parser.add_argument(
            "--alleen-ontbrekend",
            action="store_true",
            help="Alleen bestuursprocessen zonder (actuele) tijdlijn, zoals na een upgrade.",
        )

    def handle(self, *args: Any, **opties: Any) -> None:
        processen = te_herbouwen() if opties["alleen_ontbrekend"] else Bestuursproces.objects
        if opties["bestuursproces"]:
            processen = processen.filter(uuid=opties["bestuursproces"])
            if not processen.exists() and not opties["alleen_ontbrekend"]:
                raise CommandError("Dat bestuursproces bestaat niet.")
        aantal = 0
        for pk, proces_uuid in processen.order_by("id").values_list("pk", "uuid"):
            items = herbouw_vergrendeld(pk)
            aantal += 1
            self.stdout.write(f"{proces_uuid}: {items} tijdlijnitems")
        self.stdout.write(f"{aantal} bestuursproces(sen) herbouwd.")
