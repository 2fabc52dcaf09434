"""The catalogue of the 7-veldenmodel: velden, their questions, competenties and instruments.

The book (ch. 2–13, bijlage 1, 2 and 4) fixes the velden and their questions; the instruments
are data that a beheerder extends (the book names 56 and says about 300 exist). Cases refer to
velden by their code and to instruments and strategieën by row, so the catalogue can grow
without touching a case.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class VeldCode(models.TextChoices):
    """The algemene blok, the idee and the seven velden around it, in the book's order."""

    ALGEMEEN = "algemeen", _("Algemeen")
    IDEE = "idee", _("Idee/initiatief")
    POSITIONERENDE = "positionerende", _("Positionerende veld")
    INTERVENTIE = "interventie", _("Interventieveld")
    ONTWERPENDE = "ontwerpende", _("Ontwerpende veld")
    UITVOERENDE = "uitvoerende", _("Uitvoerende veld")
    OPDRACHTGEVENDE = "opdrachtgevende", _("Opdrachtgevende veld")
    VERBINDENDE = "verbindende", _("Verbindende veld")
    INTERNE = "interne", _("Interne veld")


class Lemniscaatkant(models.TextChoices):
    """The four sides of the creatielemniscaat (§2.3)."""

    IK = "ik", _("IK")
    WIJ = "wij", _("WIJ")
    HET = "het", _("HET")
    ZIJ = "zij", _("ZIJ")


# Which side of the creatielemniscaat each veld belongs to; ``algemeen`` is no veld of the
# model and so sits on no side.
LEMNISCAATKANT: dict[str, str] = {
    VeldCode.POSITIONERENDE: Lemniscaatkant.IK,
    VeldCode.INTERVENTIE: Lemniscaatkant.IK,
    VeldCode.VERBINDENDE: Lemniscaatkant.WIJ,
    VeldCode.INTERNE: Lemniscaatkant.WIJ,
    VeldCode.IDEE: Lemniscaatkant.HET,
    VeldCode.ONTWERPENDE: Lemniscaatkant.HET,
    VeldCode.UITVOERENDE: Lemniscaatkant.HET,
    VeldCode.OPDRACHTGEVENDE: Lemniscaatkant.ZIJ,
}

# The velden an intervention can aim at: the idee and the seven velden (not ``algemeen``).
INTERVENTIEVELDEN: tuple[str, ...] = tuple(str(code) for code in LEMNISCAATKANT)


class Doel(models.TextChoices):
    """What an instrument is for (§2.5): understanding, ability or doing."""

    BEGRIJPEN = "begrijpen", _("Begrijpen")
    BEKWAMEN = "bekwamen", _("Bekwamen")
    TOEPASSEN = "toepassen", _("Toepassen")


class Veld(models.Model):
    code = models.CharField(_("code"), max_length=20, choices=VeldCode.choices, unique=True)
    naam = models.CharField(_("naam"), max_length=100)
    kernvraag = models.TextField(_("kernvraag"))
    uitleg = models.TextField(
        _("uitleg"), blank=True, help_text=_("De essentie van het veld (bijlage 4).")
    )
    volgorde = models.PositiveSmallIntegerField(_("volgorde"), unique=True)

    class Meta:
        verbose_name = _("veld")
        verbose_name_plural = _("velden")
        ordering = ["volgorde"]

    def __str__(self) -> str:
        return self.naam

    @property
    def lemniscaatkant(self) -> str | None:
        return LEMNISCAATKANT.get(self.code)


class SubVraag(models.Model):
    veld = models.ForeignKey(
        Veld,
        on_delete=models.CASCADE,
        related_name="subvragen",
        verbose_name=_("veld"),
        db_index=False,  # subvraag_uniek_per_veld starts with it
    )
    nummer = models.PositiveSmallIntegerField(_("nummer"))
    tekst = models.TextField(_("tekst"))

    class Meta:
        verbose_name = _("sub-vraag")
        verbose_name_plural = _("sub-vragen")
        ordering = ["veld__volgorde", "nummer"]
        constraints = [
            models.UniqueConstraint(fields=["veld", "nummer"], name="subvraag_uniek_per_veld"),
        ]

    def __str__(self) -> str:
        return f"{self.veld.naam} {self.nummer}. {self.tekst}"


class Thema(models.Model):
    veld = models.ForeignKey(
        Veld,
        on_delete=models.CASCADE,
        related_name="themas",
        verbose_name=_("veld"),
        db_index=False,  # thema_uniek_per_veld starts with it
    )
    subvraag = models.ForeignKey(
        SubVraag,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="themas",
        verbose_name=_("sub-vraag"),
    )
    naam = models.CharField(_("naam"), max_length=100)
    volgorde = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        verbose_name = _("thema")
        verbose_name_plural = _("thema's")
        ordering = ["veld__volgorde", "volgorde", "naam"]
        constraints = [
            models.UniqueConstraint(fields=["veld", "naam"], name="thema_uniek_per_veld"),
        ]

    def __str__(self) -> str:
        return self.naam

    def clean(self) -> None:
        subvraag = self.subvraag
        if subvraag is not None and self.veld_id is not None and subvraag.veld_id != self.veld_id:
            raise ValidationError(
                {"subvraag": _("Deze sub-vraag hoort bij een ander veld dan het thema.")}
            )


class Competentie(models.Model):
    """A competentie of bijlage 2; the general ones sit under ``algemeen``."""

    veld = models.ForeignKey(
        Veld,
        on_delete=models.CASCADE,
        related_name="competenties",
        verbose_name=_("veld"),
        db_index=False,  # competentie_uniek_per_veld starts with it
    )
    naam = models.CharField(_("naam"), max_length=100)
    omschrijving = models.TextField(_("omschrijving"))
    gedrag_en_houding = models.TextField(
        _("gedrag en houding"),
        blank=True,
        help_text=_("Voorbeelden van gedrag en houding per niveau, waar het boek die geeft."),
    )
    volgorde = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        verbose_name = _("competentie")
        verbose_name_plural = _("competenties")
        ordering = ["veld__volgorde", "volgorde", "naam"]
        constraints = [
            models.UniqueConstraint(fields=["veld", "naam"], name="competentie_uniek_per_veld"),
        ]

    def __str__(self) -> str:
        return self.naam


class Kracht(models.Model):
    """One of the five krachten a procesregisseur draws on (§3.2)."""

    naam = models.CharField(_("naam"), max_length=100, unique=True)
    omschrijving = models.TextField(_("omschrijving"))
    volgorde = models.PositiveSmallIntegerField(_("volgorde"), unique=True)

    class Meta:
        verbose_name = _("kracht")
        verbose_name_plural = _("krachten")
        ordering = ["volgorde"]

    def __str__(self) -> str:
        return self.naam


class Instrument(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    naam = models.CharField(_("naam"), max_length=200, unique=True)
    veld = models.ForeignKey(
        Veld, on_delete=models.PROTECT, related_name="instrumenten", verbose_name=_("veld")
    )
    subvraag = models.ForeignKey(
        SubVraag,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="instrumenten",
        verbose_name=_("sub-vraag"),
    )
    thema = models.ForeignKey(
        Thema,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="instrumenten",
        verbose_name=_("thema"),
    )
    verdiepingsvraag = models.TextField(
        _("verdiepingsvraag"), help_text=_("De ik-vraag van de procesregisseur.")
    )
    doel = models.CharField(_("doel"), max_length=20, choices=Doel.choices, blank=True)
    # None means the book does not say; the catalogue never guesses.
    voorkeursinstrument = models.BooleanField(_("voorkeursinstrument"), null=True, blank=True)
    bron = models.CharField(_("bron"), max_length=200, blank=True)
    omschrijving = models.TextField(_("omschrijving"), blank=True)
    volgorde = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        verbose_name = _("instrument")
        verbose_name_plural = _("instrumenten")
        ordering = ["veld__volgorde", "volgorde", "naam"]

    def __str__(self) -> str:
        return self.naam

    def clean(self) -> None:
        # The catalogue is edited in the admin, so the cross-row rule lives here, where every
        # ModelForm asks for it, rather than in a service.
        if self.veld_id is None:
            return
        fouten: dict[str, Any] = {}
        subvraag, thema = self.subvraag, self.thema
        if subvraag is not None and subvraag.veld_id != self.veld_id:
            fouten["subvraag"] = _("Deze sub-vraag hoort bij een ander veld dan het instrument.")
        if thema is not None and thema.veld_id != self.veld_id:
            fouten["thema"] = _("Dit thema hoort bij een ander veld dan het instrument.")
        elif (
            thema is not None
            and subvraag is not None
            and "subvraag" not in fouten
            and thema.subvraag_id not in (None, subvraag.pk)
        ):
            fouten["thema"] = _(
                "Dit thema hoort bij een andere sub-vraag dan die van het instrument."
            )
        if fouten:
            raise ValidationError(fouten)


class Strategie(models.Model):
    """A strategy an intervention follows (ch. 7); the list is extended in the admin."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    naam = models.CharField(_("naam"), max_length=100, unique=True)
    omschrijving = models.TextField(_("omschrijving"), blank=True)
    volgorde = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        verbose_name = _("strategie")
        verbose_name_plural = _("strategieën")
        ordering = ["volgorde", "naam"]

    def __str__(self) -> str:
        return self.naam
