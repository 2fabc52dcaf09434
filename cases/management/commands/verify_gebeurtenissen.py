"""Verify the hash chains of the event log; exit 1 naming the first broken link."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from cases.events import verifieer_alle
from cases.events.checkpoint import OngeldigCheckpoint, lees_regels, toets_aan_checkpoint
from cases.models import Bestuursproces

from .checkpoint_gebeurtenissen import lees_sleutel


class Command(BaseCommand):
    help = "Controleert de hashketen van de gebeurtenissen van één of alle bestuursprocessen."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--bestuursproces", type=uuid.UUID, help="Alleen dit bestuursproces (uuid)."
        )
        parser.add_argument(
            "--checkpoint",
            help="Een eerder genomen checkpoint (checkpoint_gebeurtenissen): de ketens moeten "
            "de hashes daaruit nog bevatten.",
        )
        parser.add_argument(
            "--sleutelbestand", help="De sleutel waarmee het checkpoint is ondertekend."
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
        if opties["checkpoint"]:
            self._toets_checkpoint(opties)

    def _toets_checkpoint(self, opties: dict[str, Any]) -> None:
        try:
            regels = Path(opties["checkpoint"]).read_text(encoding="ascii").splitlines()
            checkpoint = lees_regels(regels, lees_sleutel(opties["sleutelbestand"]))
        except (OSError, UnicodeDecodeError, OngeldigCheckpoint) as fout:
            self.stderr.write(self.style.ERROR(f"CHECKPOINT ONBRUIKBAAR: {fout}"))
            raise SystemExit(1) from fout
        if opties["bestuursproces"]:
            checkpoint = [k for k in checkpoint if k.bestuursproces == opties["bestuursproces"]]
        breuk = toets_aan_checkpoint(checkpoint)
        if breuk is not None:
            self.stderr.write(self.style.ERROR(f"AFWIJKING VAN HET CHECKPOINT: {breuk}"))
            raise SystemExit(1)
        self.stdout.write(
            self.style.SUCCESS(f"{len(checkpoint)} keten(s) bevatten het checkpoint.")
        )
