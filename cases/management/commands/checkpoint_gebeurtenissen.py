"""Print each case's chain head, to keep outside the database as a checkpoint."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.db.models import OuterRef, Subquery

from cases.models import Bestuursproces, Gebeurtenis


class Command(BaseCommand):
    help = (
        "Toont per bestuursproces de kop van de keten (uuid, volgnummer, hash). Bewaar de "
        "uitvoer buiten de database: zo valt ook het herschrijven van een hele keten op."
    )

    def handle(self, *args: Any, **opties: Any) -> None:
        laatste = Gebeurtenis.objects.filter(bestuursproces=OuterRef("pk")).order_by("-volgnummer")
        koppen = (
            Bestuursproces.objects.order_by("id")
            .annotate(
                kop_volgnummer=Subquery(laatste.values("volgnummer")[:1]),
                kop_hash=Subquery(laatste.values("hash")[:1]),
            )
            .values_list("uuid", "kop_volgnummer", "kop_hash")
        )
        for uuid, volgnummer, hash_ in koppen.iterator():
            self.stdout.write(f"{uuid} {volgnummer or 0} {hash_ or '-'}")
