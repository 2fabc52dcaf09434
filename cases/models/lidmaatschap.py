"""Who may see and work on a case, and in which role."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .bestuursproces import Bestuursproces


class Rol(models.TextChoices):
    PROCESREGISSEUR = "procesregisseur", _("Procesregisseur")
    KERNTEAM = "kernteam", _("Kernteam")
    OPDRACHTGEVER = "opdrachtgever", _("Opdrachtgever")
    EVALUATOR = "evaluator", _("Evaluator")

    @classmethod
    def schrijvend(cls) -> frozenset[str]:
        """Roles that may change the case file."""
        return frozenset({cls.PROCESREGISSEUR, cls.KERNTEAM})

    @classmethod
    def exporterend(cls) -> frozenset[str]:
        """Roles that may export the case history (DESIGN §1: the evaluator's job)."""
        return frozenset({cls.PROCESREGISSEUR, cls.EVALUATOR})


class Lidmaatschap(models.Model):
    bestuursproces = models.ForeignKey(
        Bestuursproces,
        on_delete=models.PROTECT,
        related_name="lidmaatschappen",
        db_index=False,  # lidmaatschap_uniek_per_proces starts with it
    )
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="lidmaatschappen",
        verbose_name=_("gebruiker"),
    )
    rol = models.CharField(_("rol"), max_length=20, choices=Rol.choices)
    sinds = models.DateTimeField(_("lid sinds"))

    class Meta:
        verbose_name = _("lidmaatschap")
        verbose_name_plural = _("lidmaatschappen")
        ordering = ["bestuursproces", "sinds", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["bestuursproces", "gebruiker"], name="lidmaatschap_uniek_per_proces"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.gebruiker} ({self.get_rol_display()})"
