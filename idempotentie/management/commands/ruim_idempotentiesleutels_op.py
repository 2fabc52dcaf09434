"""Forget the Idempotency-Keys of every user that are past their term (24 hours)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from idempotentie.models import IdempotentVerzoek


class Command(BaseCommand):
    help = (
        "Verwijdert de bewaarde antwoorden op verzoeken met een Idempotency-Key die ouder zijn "
        "dan 24 uur. Een sleutel van een gebruiker wordt ook bij diens volgende verzoek met een "
        "sleutel opgeruimd; dit commando ruimt ook die van gebruikers die niets meer sturen."
    )

    def handle(self, *args: Any, **opties: Any) -> None:
        aantal, _ = IdempotentVerzoek.objects.filter(
            aangemaakt__lt=IdempotentVerzoek.verlopen_voor()
        ).delete()
        self.stdout.write(f"{aantal} verlopen sleutel(s) verwijderd.")
