"""What a process leaves behind: besluiten, afspraken and bijeenkomsten (issue 14)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .bestuursproces import Bestuursproces
from .opdrachtgevers import Opdrachtgever
from .spelers import Organisatie
from .zichtbaarheid import Zichtbaarheid


class Orgaan(models.TextChoices):
    """A named body that decides, when it is not an opdrachtgever or organisatie of the case."""

    RAAD = "raad", _("Gemeenteraad")
    COLLEGE = "college", _("College van B&W")
    ANDERS = "anders", _("Ander orgaan")


# Exactly one of: an opdrachtgever, an organisatie, a named body.
_EEN_BESLUITNEMER = (
    models.Q(opdrachtgever__isnull=False, organisatie__isnull=True, orgaan="")
    | models.Q(opdrachtgever__isnull=True, organisatie__isnull=False, orgaan="")
    | (models.Q(opdrachtgever__isnull=True, organisatie__isnull=True) & ~models.Q(orgaan=""))
)


class Besluit(models.Model):
    """A decision taken in or about the case: who decided what, when, under which kenmerk.

    ``besluitmoment`` is the planned date of the opdracht's besluitmoment it fulfils: the
    opdracht's besluitmomenten are replaced whenever the opdracht changes, so the date they
    were planned on is what stays.
    """

    bestuursproces = models.ForeignKey(
        Bestuursproces, on_delete=models.PROTECT, related_name="besluiten"
    )
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    titel = models.CharField(_("titel"), max_length=200)
    inhoud = models.TextField(_("wat is besloten"), blank=True)
    opdrachtgever = models.ForeignKey(
        Opdrachtgever, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    organisatie = models.ForeignKey(
        Organisatie, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    orgaan = models.CharField(_("orgaan"), max_length=10, choices=Orgaan.choices, blank=True)
    orgaan_naam = models.CharField(_("naam van het orgaan"), max_length=200, blank=True)
    datum = models.DateField(_("datum van het besluit"))
    kenmerk = models.CharField(_("kenmerk"), max_length=100, blank=True)
    besluitmoment = models.DateField(_("vervult het besluitmoment van"), null=True, blank=True)
    zichtbaarheid = models.CharField(
        _("zichtbaarheid"), max_length=10, choices=Zichtbaarheid.choices
    )
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("vastgelegd door"),
    )

    class Meta:
        verbose_name = _("besluit")
        verbose_name_plural = _("besluiten")
        ordering = ["bestuursproces", "datum", "id"]
        constraints = [
            models.CheckConstraint(condition=_EEN_BESLUITNEMER, name="besluit_een_besluitnemer"),
            models.CheckConstraint(
                condition=~models.Q(orgaan=Orgaan.ANDERS, orgaan_naam=""),
                name="besluit_ander_orgaan_heeft_naam",
            ),
        ]

    def __str__(self) -> str:
        return self.titel
