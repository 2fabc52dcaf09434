"""A note with its history kept by django-simple-history: one row and one history row per
write, the same work as a notitie and its event (without the chain and the fold)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from cases.models import Bestuursproces


class HistorischeNotitie(models.Model):
    bestuursproces = models.ForeignKey(Bestuursproces, on_delete=models.CASCADE, related_name="+")
    tekst = models.TextField()
    zichtbaarheid = models.CharField(max_length=20)
    auteur = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    tijdstip = models.DateTimeField(default=timezone.now)
    geschiedenis = HistoricalRecords()

    def __str__(self) -> str:
        return self.tekst
