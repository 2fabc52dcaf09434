"""The opdrachtgevende veld (book ch. 10): who gives the opdracht, and how firmly."""

from __future__ import annotations

import uuid

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from cases.tekst import datum

from .bestuursproces import Bestuursproces
from .spelers import Beoordeling, Betrokkenheid, Organisatie, Standpunt

SCORE = [MinValueValidator(1), MaxValueValidator(5)]


class Opdrachtgever(models.Model):
    class Rol(models.TextChoices):
        BESTUURLIJK = "bestuurlijk_opdrachtgever", _("Bestuurlijk opdrachtgever")
        AMBTELIJK = "ambtelijk_opdrachtgever", _("Ambtelijk opdrachtgever")
        GEMEENTERAAD = "gemeenteraad", _("Gemeenteraad")
        LID_COLLECTIEF = "lid_opdrachtgeverscollectief", _("Lid opdrachtgeverscollectief")
        DIRECTIE_EXTERN = "directie_externe_partij", _("Directie van een externe partij")

    bestuursproces = models.ForeignKey(
        Bestuursproces, on_delete=models.PROTECT, related_name="opdrachtgevers"
    )
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    naam = models.CharField(_("naam"), max_length=200)
    rol = models.CharField(_("rol"), max_length=30, choices=Rol.choices)
    organisatie = models.ForeignKey(
        Organisatie,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="opdrachtgevers",
        verbose_name=_("organisatie"),
    )
    expliciete_opdracht = models.TextField(_("expliciete opdracht"), blank=True)
    formeel_besluit_nodig = models.BooleanField(
        _("formeel besluit nodig"),
        default=True,
        help_text=_(
            "Besluit deze partij formeel in een eigen organisatie? Zo niet (bewoners, een "
            "platform), dan volstaat haar instemming in een consolidatie."
        ),
    )
    betrokkenheid = models.CharField(
        _("betrokkenheid"),
        max_length=20,
        choices=Betrokkenheid.choices,
        default=Betrokkenheid.NOG_TE_BETREKKEN,
        editable=False,
    )

    class Meta:
        verbose_name = _("opdrachtgever")
        verbose_name_plural = _("opdrachtgevers")
        ordering = ["bestuursproces", "naam", "id"]

    def __str__(self) -> str:
        return f"{self.naam} ({self.get_rol_display()})"


class OpdrachtgeverBeoordeling(Beoordeling):
    """How the regisseur reads an opdrachtgever; sensitive, so regisseur-only by default.

    The implicit opdracht lives here, not on the opdrachtgever, because it is the regisseur's
    reading of the situation and changes as the process goes.
    """

    bestuursproces = models.ForeignKey(
        Bestuursproces, on_delete=models.PROTECT, related_name="opdrachtgeverbeoordelingen"
    )
    opdrachtgever = models.ForeignKey(
        Opdrachtgever, on_delete=models.PROTECT, related_name="beoordelingen"
    )
    mandaat = models.TextField(_("mandaat"), blank=True)
    stevigheid = models.PositiveSmallIntegerField(
        _("stevigheid (doorzettingsmacht, 1–5)"), validators=SCORE
    )
    steun = models.CharField(_("steun voor het proces"), max_length=20, choices=Standpunt.choices)
    onderling_vertrouwen = models.PositiveSmallIntegerField(
        _("onderling vertrouwen (1–5)"), validators=SCORE
    )
    open_rekeningen = models.TextField(
        _("open rekeningen"), blank=True, help_text=_("Uit de samenwerkingsgeschiedenis.")
    )
    impliciete_opdracht = models.TextField(
        _("impliciete opdracht"), blank=True, help_text=_("Zoals de regisseur die begrijpt.")
    )

    class Meta:
        verbose_name = _("beoordeling van een opdrachtgever")
        verbose_name_plural = _("beoordelingen van opdrachtgevers")
        ordering = ["opdrachtgever", "tijdstip", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(stevigheid__gte=1, stevigheid__lte=5)
                & models.Q(onderling_vertrouwen__gte=1, onderling_vertrouwen__lte=5),
                name="opdrachtgeverbeoordeling_scores_1_tot_5",
            )
        ]

    def __str__(self) -> str:
        return f"{self.opdrachtgever} ({datum(self.tijdstip)})"
