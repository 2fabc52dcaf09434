"""Print each case's chain head, to keep outside the database as a checkpoint."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from cases.events.checkpoint import koppen, schrijf_regels


def lees_sleutel(pad: str | None) -> bytes | None:
    """The signing key from a file kept outside the database (whitespace stripped)."""
    return Path(pad).read_bytes().strip() if pad else None


class Command(BaseCommand):
    help = (
        "Toont per bestuursproces de kop van de keten (uuid, volgnummer, hash). Bewaar de "
        "uitvoer buiten de database: zo valt ook het herschrijven van een hele keten op "
        "(verify_gebeurtenissen --checkpoint)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--sleutelbestand",
            help="Bestand met een geheime sleutel (buiten de database); elke regel krijgt een "
            "HMAC-SHA256-handtekening.",
        )

    def handle(self, *args: Any, **opties: Any) -> None:
        sleutel = lees_sleutel(opties["sleutelbestand"])
        for regel in schrijf_regels(koppen(), sleutel):
            self.stdout.write(regel)
