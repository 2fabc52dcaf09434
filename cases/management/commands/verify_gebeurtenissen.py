"""Verify the event log: every chain, every signature, and the latest checkpoint; exit 1
naming the first event that does not hold."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from cases.events.checkpoint import (
    SLOT,
    Kop,
    OngeldigCheckpoint,
    lees_regels,
    lees_verzegeld,
    toets_aan_checkpoint,
    toets_ononderteken,
)
from cases.events.checkpointmap import checkpointmap, laatste_checkpoint, lees_checkpointbestand
from cases.events.handtekening import sleutel as geconfigureerde_sleutel
from cases.events.verify import Breuk, Ketenrapport, controleer_keten
from cases.models import Bestuursproces

from .checkpoint_gebeurtenissen import lees_sleutel


class Command(BaseCommand):
    help = (
        "Controleert de gebeurtenissen van één of alle bestuursprocessen: de hashketen, de "
        "handtekening van elke gebeurtenis en het laatste checkpoint buiten de database."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--bestuursproces", type=uuid.UUID, help="Alleen dit bestuursproces (uuid)."
        )
        parser.add_argument(
            "--checkpoint",
            help="Een bepaald checkpointbestand in plaats van het laatste uit "
            "GEBEURTENIS_CHECKPOINT_MAP: de ketens moeten de hashes daaruit nog bevatten.",
        )
        parser.add_argument(
            "--zonder-checkpoint",
            action="store_true",
            help="Alleen ketens en handtekeningen controleren, geen checkpoint.",
        )
        parser.add_argument(
            "--sleutelbestand",
            help="De sleutel waarmee het checkpoint is ondertekend, als die een andere is dan "
            "de ingestelde (GEBEURTENIS_SLEUTEL of GEBEURTENIS_SLEUTELBESTAND).",
        )

    def handle(self, *args: Any, **opties: Any) -> None:
        sleutel = geconfigureerde_sleutel()
        processen = Bestuursproces.objects.order_by("id")
        if opties["bestuursproces"]:
            processen = processen.filter(uuid=opties["bestuursproces"])
            if not processen.exists():
                raise CommandError(f"Bestuursproces {opties['bestuursproces']} bestaat niet.")
        rapporten: list[Ketenrapport] = []
        for bestuursproces in processen.iterator():
            rapport = controleer_keten(bestuursproces, sleutel)
            if rapport.breuk is not None:
                self._breuk("KETEN GEBROKEN", rapport.breuk)
            rapporten.append(rapport)
        ononderteken = sum(r.ononderteken for r in rapporten)
        ondertekend = sum(r.aantal for r in rapporten) - ononderteken
        self.stdout.write(
            self.style.SUCCESS(
                f"{len(rapporten)} keten(s) gecontroleerd: alle intact; {ondertekend} "
                f"gebeurtenis(sen) met een geldige handtekening, {ononderteken} zonder "
                "(van vóór de ondertekening)."
            )
        )
        if opties["zonder_checkpoint"]:
            self.stdout.write(self.style.WARNING("Geen checkpoint gecontroleerd (gevraagd)."))
            return
        checkpoint = self._checkpoint(opties, lees_sleutel(opties["sleutelbestand"]) or sleutel)
        if checkpoint is None:
            return
        if opties["bestuursproces"]:
            checkpoint = [k for k in checkpoint if k.bestuursproces == opties["bestuursproces"]]
        breuk = toets_aan_checkpoint(checkpoint) or toets_ononderteken(rapporten, checkpoint)
        if breuk is not None:
            self._breuk("AFWIJKING VAN HET CHECKPOINT", breuk)
        self.stdout.write(
            self.style.SUCCESS(f"{len(checkpoint)} keten(s) bevatten het checkpoint.")
        )

    def _checkpoint(self, opties: dict[str, Any], sleutel: bytes) -> list[Kop] | None:
        """The checkpoint to hold the chains against, or None (said loudly) when there is none."""
        try:
            if opties["checkpoint"]:
                pad = Path(opties["checkpoint"])
                tekst = pad.read_text(encoding="ascii")
                self.stdout.write(f"Checkpoint: {pad}")
                if SLOT in tekst:
                    return lees_verzegeld(tekst, sleutel)
                return lees_regels(tekst.splitlines(), sleutel)
            laatste = laatste_checkpoint()
            if laatste is None:
                self.stdout.write(
                    self.style.WARNING(
                        f"GEEN CHECKPOINT in {checkpointmap()}: een ingekorte keten of een "
                        "gewist bestuursproces valt zo niet op. Neem er een met "
                        "'manage.py checkpoint_gebeurtenissen --opslaan'."
                    )
                )
                return None
            self.stdout.write(f"Laatste checkpoint: {laatste}")
            return lees_checkpointbestand(laatste, sleutel)
        except (OSError, UnicodeDecodeError, OngeldigCheckpoint) as fout:
            self.stderr.write(self.style.ERROR(f"CHECKPOINT ONBRUIKBAAR: {fout}"))
            raise SystemExit(1) from fout

    def _breuk(self, wat: str, breuk: Breuk) -> None:
        self.stderr.write(self.style.ERROR(f"{wat}: {breuk}"))
        raise SystemExit(1)
