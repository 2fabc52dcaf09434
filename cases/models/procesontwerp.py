"""The procesontwerp of the ontwerpende veld (book ch. 8), kept as numbered revisions."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .bestuursproces import Aanpak, Bestuursproces


class ProcesontwerpVersie(models.Model):
    bestuursproces = models.ForeignKey(
        Bestuursproces,
        on_delete=models.PROTECT,
        related_name="procesontwerpversies",
        db_index=False,  # procesontwerpversie_uniek_per_proces starts with it
    )
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    versie = models.PositiveIntegerField(_("versie"))
    processtrategie = models.TextField(
        _("processtrategie"), help_text=_("De rode draad, in een paar eenvoudige zinnen.")
    )
    aanpak = models.CharField(_("aanpak"), max_length=20, choices=Aanpak.choices)
    spelregels = models.TextField(_("spelregels"), blank=True)
    exitregels = models.TextField(_("exitregels"), blank=True)
    communicatie = models.TextField(_("communicatie"), blank=True)
    # A list of {"titel", "gepland" (ISO date or null), "omschrijving"}, in the planned order.
    geplande_stappen = models.JSONField(_("geplande stappen"), default=list, blank=True)
    toelichting = models.TextField(_("toelichting op de herziening"), blank=True)
    auteur = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("auteur"),
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"))

    class Meta:
        verbose_name = _("procesontwerpversie")
        verbose_name_plural = _("procesontwerpversies")
        ordering = ["bestuursproces", "-versie"]
        constraints = [
            models.UniqueConstraint(
                fields=["bestuursproces", "versie"], name="procesontwerpversie_uniek_per_proces"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.bestuursproces} — procesontwerp v{self.versie}"
