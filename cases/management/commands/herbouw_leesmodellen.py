"""Rebuild the read models of one or every case from its event log (the log is the truth)."""

from __future__ import annotations

import uuid
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from cases.models import Bestuursproces
from cases.services._common import vergrendel
from cases.services._leesmodellen import herbouw_leesmodellen


class Command(BaseCommand):
    help = (
        "Herbouwt de leesmodellen (de huidige beoordeling per partij en zichtbaarheid, de "
        "standen van de herbouw) van één of alle bestuursprocessen uit de gebeurtenissenlog."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--bestuursproces", type=uuid.UUID, help="Alleen dit bestuursproces (uuid)."
        )

    def handle(self, *args: Any, **opties: Any) -> None:
        processen = Bestuursproces.objects.order_by("pk")
        if opties["bestuursproces"] is not None:
            processen = processen.filter(uuid=opties["bestuursproces"])
            if not processen.exists():
                raise CommandError(f"Bestuursproces {opties['bestuursproces']} bestaat niet.")
        for pk in processen.values_list("pk", flat=True).iterator():
            # One case at a time, locked as a writer locks it: no event lands halfway.
            with transaction.atomic():
                bestuursproces = vergrendel(pk)
                rijen = herbouw_leesmodellen(bestuursproces)
            self.stdout.write(
                f"{bestuursproces.uuid}: {rijen['speler']} huidige beoordelingen van spelers, "
                f"{rijen['opdrachtgever']} van opdrachtgevers"
            )
