"""The procesregisseur's own position per veld (book ch. 6 and §9.3), kept as a history."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .bestuursproces import Bestuursproces
from .zichtbaarheid import Zichtbaarheid


class PositioneringsVeld(models.TextChoices):
    """The velden in which the book describes the positions a regisseur can take."""

    OPDRACHTGEVENDE = "opdrachtgevende", _("Opdrachtgevende veld")
    VERBINDENDE = "verbindende", _("Verbindende veld")
    UITVOERENDE = "uitvoerende", _("Uitvoerende veld")
    INTERNE = "interne", _("Interne veld")


class Positie(models.TextChoices):
    # Opdrachtgevende veld (§6.1)
    SECRETARISROL = "secretarisrol", _("Secretarisrol")
    ADVISERENDE_ROL = "adviserende_rol", _("Adviserende rol")
    BESLISSENDE_ROL = "beslissende_rol", _("Beslissende rol")
    # The sturings-as (§6.2): verbindende veld, and the interne veld with a free text
    AANSTUREN = "aansturen", _("Aansturen")
    STUREN = "sturen", _("Sturen")
    FACILITEREN = "faciliteren", _("Faciliteren")
    OBSERVEREN = "observeren", _("Observeren")
    # Uitvoerende veld (§6.4)
    UITVOEREND = "uitvoerend", _("Uitvoerend")
    MEEWERKEND = "meewerkend", _("Meewerkend")
    COORDINEREND = "coordinerend", _("Coördinerend")
    OVERZICHT_CREEREND = "overzicht_creerend", _("Overzicht creërend")
    STAND_BY = "stand_by", _("Stand-by")


STURINGSAS: tuple[str, ...] = (
    Positie.AANSTUREN,
    Positie.STUREN,
    Positie.FACILITEREN,
    Positie.OBSERVEREN,
)

# The positions the book offers in each veld.
POSITIES_PER_VELD: dict[str, tuple[str, ...]] = {
    PositioneringsVeld.OPDRACHTGEVENDE: (
        Positie.SECRETARISROL,
        Positie.ADVISERENDE_ROL,
        Positie.BESLISSENDE_ROL,
    ),
    PositioneringsVeld.VERBINDENDE: STURINGSAS,
    PositioneringsVeld.UITVOERENDE: (
        Positie.UITVOEREND,
        Positie.MEEWERKEND,
        Positie.COORDINEREND,
        Positie.OVERZICHT_CREEREND,
        Positie.STAND_BY,
    ),
    PositioneringsVeld.INTERNE: STURINGSAS,
}


class Positionering(models.Model):
    """One chosen position in one veld from a date on; the latest per veld is the current one."""

    bestuursproces = models.ForeignKey(
        Bestuursproces,
        on_delete=models.PROTECT,
        related_name="positioneringen",
        db_index=False,  # an index in Meta starts with it
    )
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    veld = models.CharField(_("veld"), max_length=20, choices=PositioneringsVeld.choices)
    positie = models.CharField(_("positie"), max_length=20, choices=Positie.choices)
    omschrijving = models.TextField(
        _("omschrijving"),
        blank=True,
        help_text=_("Hoe je de positie invult; verplicht in het interne veld."),
    )
    sinds = models.DateField(_("sinds"))
    wyberstap = models.ForeignKey(
        "cases.WyberStap",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="positioneringen",
        verbose_name=_("wyber-stap"),
    )
    toelichting = models.TextField(_("toelichting"), blank=True)
    zichtbaarheid = models.CharField(
        _("zichtbaarheid"),
        max_length=20,
        choices=Zichtbaarheid.choices,
        default=Zichtbaarheid.KERNTEAM,
    )
    auteur = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("auteur"),
    )
    vastgelegd_op = models.DateTimeField(_("vastgelegd op"))

    class Meta:
        verbose_name = _("positionering")
        verbose_name_plural = _("positioneringen")
        ordering = ["bestuursproces", "veld", "sinds", "vastgelegd_op", "id"]
        indexes = [models.Index(fields=["bestuursproces", "veld", "sinds"])]

    def __str__(self) -> str:
        return f"{self.get_veld_display()}: {self.get_positie_display()}"
