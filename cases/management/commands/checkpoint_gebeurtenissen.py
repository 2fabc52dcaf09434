"""Take a checkpoint of each case's chain head, to keep outside the database."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from cases.events.checkpoint import koppen, schrijf_regels
from cases.events.checkpointmap import neem_checkpoint
from cases.events.handtekening import sleutel as geconfigureerde_sleutel


def lees_sleutel(pad: str | None) -> bytes | None:
    """A signing key from a file kept outside the database (whitespace stripped)."""
    return Path(pad).read_bytes().strip() if pad else None


class Command(BaseCommand):
    help = (
        "Neemt een checkpoint: per bestuursproces de kop van de keten (uuid, volgnummer, hash), "
        "ondertekend met de sleutel buiten de database. Met --opslaan als nieuw, verzegeld "
        "bestand in GEBEURTENIS_CHECKPOINT_MAP (dagelijks in te plannen); anders op de "
        "uitvoer. Zo valt ook het herschrijven of inkorten van een hele keten op "
        "(verify_gebeurtenissen)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--opslaan",
            action="store_true",
            help="Schrijf het checkpoint als nieuw bestand in GEBEURTENIS_CHECKPOINT_MAP.",
        )
        parser.add_argument(
            "--sleutelbestand",
            help="Onderteken het checkpoint met een andere sleutel dan de ingestelde "
            "(GEBEURTENIS_SLEUTEL of GEBEURTENIS_SLEUTELBESTAND).",
        )

    def handle(self, *args: Any, **opties: Any) -> None:
        sleutel = lees_sleutel(opties["sleutelbestand"]) or geconfigureerde_sleutel()
        if opties["opslaan"]:
            pad = neem_checkpoint(sleutel=sleutel)
            self.stdout.write(self.style.SUCCESS(f"Checkpoint opgeslagen: {pad}"))
            return
        for regel in schrijf_regels(koppen(), sleutel):
            self.stdout.write(regel)
