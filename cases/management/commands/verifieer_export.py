"""Verify a JSON Lines export on its own; uses no database at all."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from cases.exports.verificatie import controleer_documenten, verifieer_bestand


class Command(BaseCommand):
    help = (
        "Controleert een JSON Lines-export (exporteer_bestuursproces --formaat jsonl) zonder "
        "database: kop en slot, doorlopende volgnummers, de koppeling van elke hash aan de "
        "vorige en de hash van elke zichtbare gebeurtenis. Stopt met code 1 bij de eerste "
        "afwijking en noemt het regelnummer. Met --documenten MAP ook gedownloade documenten "
        "tegen de SHA-256 in de gebeurtenissen."
    )
    # The evaluator's machine may have no database: no checks that would reach for one.
    requires_system_checks: list[str] = []
    requires_migrations_checks = False

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("bestand", help="Het exportbestand (.jsonl).")
        parser.add_argument(
            "--documenten",
            metavar="MAP",
            help=(
                "Een map met gedownloade documenten: elk bestand moet de SHA-256 hebben van een "
                "documentversie waarvoor een gecontroleerde gebeurtenis in de export instaat."
            ),
        )

    def handle(self, *args: Any, **opties: Any) -> None:
        uitgebreid = opties["verbosity"] >= 2

        def meld(regel: int, tekst: str) -> None:
            if uitgebreid:
                self.stdout.write(f"regel {regel}: {tekst}")

        try:
            uitslag = verifieer_bestand(opties["bestand"], meld)
        except OSError as fout:
            self.stderr.write(self.style.ERROR(f"Bestand niet te lezen: {fout}"))
            raise SystemExit(1) from fout
        if not uitslag.intact:
            self.stderr.write(self.style.ERROR(uitslag.samenvatting()))
            raise SystemExit(1)
        self.stdout.write(self.style.SUCCESS(uitslag.samenvatting()))
        if opties["documenten"]:
            controle = controleer_documenten(uitslag, opties["documenten"])
            if uitgebreid:
                for naam, wat in controle.gevonden:
                    self.stdout.write(f"{naam}: {wat}")
            if not controle.intact:
                self.stderr.write(self.style.ERROR(controle.samenvatting()))
                raise SystemExit(1)
            self.stdout.write(self.style.SUCCESS(controle.samenvatting()))
