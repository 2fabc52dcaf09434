"""Load the catalogue of the 7-veldenmodel from fixtures/catalogus.json (idempotent)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from instruments.services import STANDAARD_PAD, CatalogusOngeldig, laad_catalogus


class Command(BaseCommand):
    help = (
        "Laadt de catalogus (velden, sub-vragen, thema's, competenties, instrumenten, "
        "krachten, strategieën) uit het catalogusbestand. Nogmaals draaien verandert niets; "
        "wat een beheerder toevoegde, blijft staan."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--bestand",
            type=Path,
            default=STANDAARD_PAD,
            help=f"Het catalogusbestand (standaard {STANDAARD_PAD}).",
        )

    def handle(self, *args: Any, **opties: Any) -> None:
        pad: Path = opties["bestand"]
        try:
            verslag = laad_catalogus(pad=pad)
        except CatalogusOngeldig as fout:
            raise CommandError(str(fout)) from fout
        status = "geladen" if verslag.gewijzigd else "was al up-to-date"
        self.stdout.write(f"Catalogus uit {pad} {status}:")
        for regel in verslag.regels():
            self.stdout.write(f"  {regel}")
