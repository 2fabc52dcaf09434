"""Create the demo users and load the demo case (development only; idempotent)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from cases.demo import DemoNietToegestaan, laad_demo_bestuursproces, maak_demo_gebruikers


class Command(BaseCommand):
    help = "Maakt de demogebruikers en laadt de democasus (alleen met DEBUG aan)."

    def handle(self, *args: Any, **opties: Any) -> None:
        wachtwoord = settings.DEMO_PASSWORD
        try:
            gebruikers = maak_demo_gebruikers(wachtwoord)
            bestuursproces, nieuw = laad_demo_bestuursproces()
        except DemoNietToegestaan as fout:
            raise CommandError(str(fout)) from fout
        status = "geladen" if nieuw else "was al geladen"
        self.stdout.write(f"Democasus '{bestuursproces.titel}' {status} ({bestuursproces.uuid}).")
        self.stdout.write("")
        self.stdout.write("Demogebruikers (wachtwoord uit DEMO_PASSWORD):")
        for gebruiker in gebruikers:
            self.stdout.write(
                f"  {gebruiker.gebruikersnaam:<14} {wachtwoord:<20} {gebruiker.omschrijving}"
            )
        self.stdout.write("")
        self.stdout.write(
            "Statuspagina: http://<HOST>:<PORT>/processen/   Beheer: /admin/   "
            "API: /api/v1/   Docs: /api/v1/docs"
        )
