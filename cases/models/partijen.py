"""What spelers and opdrachtgevers share: betrokkenheid changes and free-text notes."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cases.tekst import afgekort

from .bestuursproces import Bestuursproces
from .opdrachtgevers import Opdrachtgever
from .spelers import Betrokkenheid, BetrokkenheidsActie, Speler
from .zichtbaarheid import Zichtbaarheid

_PRECIES_EEN_PARTIJ = models.Q(speler__isnull=False, opdrachtgever__isnull=True) | models.Q(
    speler__isnull=True, opdrachtgever__isnull=False
)


class Betrokkenheidswijziging(models.Model):
    """One explicit action that changed a party's betrokkenheid, with its reason."""

    bestuursproces = models.ForeignKey(
        Bestuursproces, on_delete=models.PROTECT, related_name="betrokkenheidswijzigingen"
    )
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    speler = models.ForeignKey(
        Speler, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    opdrachtgever = models.ForeignKey(
        Opdrachtgever, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    actie = models.CharField(_("actie"), max_length=20, choices=BetrokkenheidsActie.choices)
    van = models.CharField(_("van"), max_length=20, choices=Betrokkenheid.choices)
    naar = models.CharField(_("naar"), max_length=20, choices=Betrokkenheid.choices)
    reden = models.TextField(_("reden"))
    tijdstip = models.DateTimeField(_("tijdstip"))
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("door")
    )

    class Meta:
        verbose_name = _("wijziging van betrokkenheid")
        verbose_name_plural = _("wijzigingen van betrokkenheid")
        ordering = ["bestuursproces", "tijdstip", "id"]
        constraints = [
            models.CheckConstraint(
                condition=_PRECIES_EEN_PARTIJ, name="betrokkenheidswijziging_een_partij"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_actie_display()}: {self.get_van_display()} → {self.get_naar_display()}"


class Notitie(models.Model):
    """A free-text note about the case, a speler or an opdrachtgever, with its visibility."""

    bestuursproces = models.ForeignKey(
        Bestuursproces, on_delete=models.PROTECT, related_name="notities"
    )
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    speler = models.ForeignKey(
        Speler, on_delete=models.PROTECT, null=True, blank=True, related_name="notities"
    )
    opdrachtgever = models.ForeignKey(
        Opdrachtgever, on_delete=models.PROTECT, null=True, blank=True, related_name="notities"
    )
    tekst = models.TextField(_("tekst"))
    zichtbaarheid = models.CharField(
        _("zichtbaarheid"), max_length=10, choices=Zichtbaarheid.choices
    )
    auteur = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("auteur"),
    )
    tijdstip = models.DateTimeField(_("tijdstip"))

    class Meta:
        verbose_name = _("notitie")
        verbose_name_plural = _("notities")
        ordering = ["bestuursproces", "tijdstip", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(speler__isnull=False, opdrachtgever__isnull=False),
                name="notitie_hoogstens_een_partij",
            )
        ]

    def __str__(self) -> str:
        return afgekort(self.tekst)
