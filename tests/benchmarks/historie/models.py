"""A note with its history kept by django-simple-history: one row and one history row per
write, the same work as a notitie and its event (without the chain and the fold).

The model mirrors :class:`cases.models.Notitie` column for column (its uuid, its parties,
its one constraint and its ordering), so that both sides write the same row."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from cases.models import Bestuursproces, Opdrachtgever, Speler


class HistorischeNotitie(models.Model):
    bestuursproces = models.ForeignKey(Bestuursproces, on_delete=models.PROTECT, related_name="+")
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    speler = models.ForeignKey(
        Speler, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    opdrachtgever = models.ForeignKey(
        Opdrachtgever, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    tekst = models.TextField()
    zichtbaarheid = models.CharField(max_length=10)
    auteur = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    tijdstip = models.DateTimeField()
    geschiedenis = HistoricalRecords()

    class Meta:
        ordering = ["bestuursproces", "tijdstip", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(speler__isnull=False, opdrachtgever__isnull=False),
                name="historische_notitie_hoogstens_een_partij",
            )
        ]

    def __str__(self) -> str:
        return self.tekst
