"""Interventies: what the regisseur deliberately does, and how it worked out (book ch. 7).

An intervention follows the cycle kiezen – doen – leren – beter: it is logged as planned
(beoogd effect and why), later completed (what was done) and evaluated (the observed effect,
whether it worked out as intended, and what comes next).
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cases.tekst import afgekort
from instruments.models import INTERVENTIEVELDEN, VeldCode

from .bestuursproces import Bestuursproces
from .zichtbaarheid import Zichtbaarheid


class InterventieStatus(models.TextChoices):
    GEPLAND = "gepland", _("Gepland")
    UITGEVOERD = "uitgevoerd", _("Uitgevoerd")
    GEEVALUEERD = "geevalueerd", _("Geëvalueerd")


class Niveau(models.TextChoices):
    SYSTEEM = "systeem", _("Systeem/bestuursproces")
    GROEP = "groep", _("Groep")
    INDIVIDU = "individu", _("Individu")


class Aangrijpingspunt(models.TextChoices):
    INHOUD = "inhoud", _("Inhoud")
    PROCEDURE = "procedure", _("Procedure")
    INTERACTIE = "interactie", _("Interactie")
    GEVOEL = "gevoel", _("Gevoel")


class Zwaarte(models.TextChoices):
    LICHT = "licht", _("Licht")
    MIDDEL = "middel", _("Middel")
    ZWAAR = "zwaar", _("Zwaar")


class Uitgepakt(models.TextChoices):
    """Whether the intervention worked out as intended."""

    JA = "ja", _("Ja")
    DEELS = "deels", _("Deels")
    NEE = "nee", _("Nee")


INTERVENTIEVELD_KEUZES = [
    (code, label) for code, label in VeldCode.choices if code in INTERVENTIEVELDEN
]


class Interventie(models.Model):
    bestuursproces = models.ForeignKey(
        Bestuursproces,
        on_delete=models.PROTECT,
        related_name="interventies",
        db_index=False,  # an index in Meta starts with it
    )
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    titel = models.CharField(_("titel"), max_length=200)
    datum = models.DateField(_("datum"), help_text=_("Wanneer de interventie plaatsvindt of vond."))
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=InterventieStatus.choices,
        default=InterventieStatus.GEPLAND,
    )
    niveau = models.CharField(_("niveau"), max_length=20, choices=Niveau.choices)
    aangrijpingspunt = models.CharField(
        _("aangrijpingspunt"), max_length=20, choices=Aangrijpingspunt.choices
    )
    zwaarte = models.CharField(_("zwaarte"), max_length=20, choices=Zwaarte.choices)
    strategie = models.ForeignKey(
        "instruments.Strategie",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("strategie"),
    )
    instrument = models.ForeignKey(
        "instruments.Instrument",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="interventies",
        verbose_name=_("instrument"),
    )
    wyberstap = models.ForeignKey(
        "cases.WyberStap",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="interventies",
        verbose_name=_("wyber-stap"),
    )
    # kiezen
    beoogd_effect = models.TextField(_("beoogd effect"))
    waarom = models.TextField(_("waarom"), blank=True)
    # doen
    wat_gedaan = models.TextField(_("wat is gedaan"), blank=True)
    uitgevoerd_op = models.DateField(_("uitgevoerd op"), null=True, blank=True)
    # leren
    waargenomen_effect = models.TextField(_("waargenomen effect"), blank=True)
    uitgepakt = models.CharField(
        _("uitgepakt zoals bedoeld"), max_length=10, choices=Uitgepakt.choices, blank=True
    )
    # beter
    vervolg = models.TextField(_("vervolg"), blank=True)
    geevalueerd_op = models.DateField(_("geëvalueerd op"), null=True, blank=True)

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

    spelers = models.ManyToManyField(
        "cases.Speler", through="cases.InterventieSpeler", related_name="+", blank=True
    )
    opdrachtgevers = models.ManyToManyField(
        "cases.Opdrachtgever",
        through="cases.InterventieOpdrachtgever",
        related_name="+",
        blank=True,
    )

    class Meta:
        verbose_name = _("interventie")
        verbose_name_plural = _("interventies")
        ordering = ["bestuursproces", "-datum", "-vastgelegd_op", "-id"]
        indexes = [models.Index(fields=["bestuursproces", "datum"])]

    def __str__(self) -> str:
        return self.titel


class InterventieVeld(models.Model):
    """A veld an intervention aims at (one row per veld)."""

    bestuursproces = models.ForeignKey(
        Bestuursproces,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,  # an index in Meta starts with it
    )
    interventie = models.ForeignKey(
        Interventie,
        on_delete=models.PROTECT,
        related_name="velden",
        db_index=False,  # interventieveld_uniek starts with it
    )
    veld = models.CharField(_("veld"), max_length=20, choices=INTERVENTIEVELD_KEUZES)

    class Meta:
        verbose_name = _("veld van interventie")
        verbose_name_plural = _("velden van interventie")
        ordering = ["interventie", "veld"]
        constraints = [
            models.UniqueConstraint(fields=["interventie", "veld"], name="interventieveld_uniek"),
        ]
        indexes = [models.Index(fields=["bestuursproces", "veld"])]

    def __str__(self) -> str:
        return self.get_veld_display()


class InterventieSpeler(models.Model):
    bestuursproces = models.ForeignKey(Bestuursproces, on_delete=models.PROTECT, related_name="+")
    interventie = models.ForeignKey(
        Interventie,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,  # interventiespeler_uniek starts with it
    )
    speler = models.ForeignKey("cases.Speler", on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["interventie", "speler"], name="interventiespeler_uniek"
            ),
        ]

    def __str__(self) -> str:
        return str(self.speler)


class InterventieOpdrachtgever(models.Model):
    bestuursproces = models.ForeignKey(Bestuursproces, on_delete=models.PROTECT, related_name="+")
    interventie = models.ForeignKey(
        Interventie,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,  # interventieopdrachtgever_uniek starts with it
    )
    opdrachtgever = models.ForeignKey(
        "cases.Opdrachtgever", on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["interventie", "opdrachtgever"], name="interventieopdrachtgever_uniek"
            ),
        ]

    def __str__(self) -> str:
        return str(self.opdrachtgever)


class Reflectie(models.Model):
    """The regisseur's personal reflection on an intervention; by default only for themselves."""

    bestuursproces = models.ForeignKey(Bestuursproces, on_delete=models.PROTECT, related_name="+")
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    interventie = models.ForeignKey(
        Interventie, on_delete=models.PROTECT, related_name="reflecties"
    )
    tekst = models.TextField(_("tekst"))
    zichtbaarheid = models.CharField(
        _("zichtbaarheid"),
        max_length=20,
        choices=Zichtbaarheid.choices,
        default=Zichtbaarheid.REGISSEUR,
    )
    auteur = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("auteur"),
    )
    vastgelegd_op = models.DateTimeField(_("vastgelegd op"))

    class Meta:
        verbose_name = _("reflectie")
        verbose_name_plural = _("reflecties")
        ordering = ["interventie", "vastgelegd_op", "id"]

    def __str__(self) -> str:
        return afgekort(self.tekst)
