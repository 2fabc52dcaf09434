"""Recorded moves between stadia."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .bestuursproces import Bestuursproces, Stadium


class Richting(models.TextChoices):
    VOORUIT = "vooruit", _("Vooruit")
    TERUG = "terug", _("Terug")


class Stadiumovergang(models.Model):
    bestuursproces = models.ForeignKey(
        Bestuursproces, on_delete=models.PROTECT, related_name="stadiumovergangen"
    )
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    van = models.CharField(_("van"), max_length=20, choices=Stadium.choices)
    naar = models.CharField(_("naar"), max_length=20, choices=Stadium.choices)
    richting = models.CharField(_("richting"), max_length=10, choices=Richting.choices)
    toelichting = models.TextField(_("toelichting"))
    geforceerd = models.BooleanField(
        _("geforceerd"),
        default=False,
        help_text=_("De overgang is doorgezet ondanks een bezwaar van de poort."),
    )
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("door")
    )
    tijdstip = models.DateTimeField(_("tijdstip"))

    class Meta:
        verbose_name = _("stadiumovergang")
        verbose_name_plural = _("stadiumovergangen")
        ordering = ["bestuursproces", "tijdstip", "id"]

    def __str__(self) -> str:
        return f"{self.get_van_display()} → {self.get_naar_display()}"
