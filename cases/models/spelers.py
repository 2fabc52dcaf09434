"""The parties in the process (book ch. 11–12; seed 001 on spelersanalyse)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from cases.tekst import datum

from .bestuursproces import Bestuursproces, Stadium
from .zichtbaarheid import Zichtbaarheid

SCORE = [MinValueValidator(1), MaxValueValidator(5)]


class Organisatie(models.Model):
    class Soort(models.TextChoices):
        GEMEENTELIJK_ONDERDEEL = "gemeentelijk_onderdeel", _("Gemeentelijk onderdeel")
        # Other governments a process meets (book §4.4: a gemeente is often one of several).
        GEMEENTE = "gemeente", _("Andere gemeente")
        PROVINCIE = "provincie", _("Provincie")
        WATERSCHAP = "waterschap", _("Waterschap")
        RIJK = "rijk", _("Rijk")
        ANDERE_OVERHEID = "andere_overheid", _("Andere overheid")
        BEDRIJF = "bedrijf", _("Bedrijf")
        INSTELLING = "instelling", _("Instelling")
        BEWONERSGROEP = "bewonersgroep", _("Bewonersgroep")
        OVERIG = "overig", _("Overig")

    bestuursproces = models.ForeignKey(
        Bestuursproces,
        on_delete=models.PROTECT,
        related_name="organisaties",
        db_index=False,  # organisatie_naam_uniek_per_proces starts with it
    )
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    naam = models.CharField(_("naam"), max_length=200)
    soort = models.CharField(_("soort"), max_length=30, choices=Soort.choices)
    eigen_gemeente = models.BooleanField(
        _("eigen gemeente"), default=False, help_text=_("Hoort bij de gemeente van de regisseur.")
    )

    class Meta:
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")
        ordering = ["bestuursproces", "naam", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["bestuursproces", "naam"], name="organisatie_naam_uniek_per_proces"
            )
        ]

    def __str__(self) -> str:
        return self.naam


class Veld(models.TextChoices):
    """The velden a speler can sit in (book ch. 2)."""

    VERBINDENDE = "verbindende", _("Verbindende veld")
    INTERNE = "interne", _("Interne veld")
    UITVOERENDE = "uitvoerende", _("Uitvoerende veld")


class Betrokkenheid(models.TextChoices):
    AANGEHAAKT = "aangehaakt", _("Aangehaakt")
    AFWACHTEND = "afwachtend", _("Afwachtend")
    AFGEHAAKT = "afgehaakt", _("Afgehaakt")
    NOG_TE_BETREKKEN = "nog_te_betrekken", _("Nog te betrekken")


class BetrokkenheidsActie(models.TextChoices):
    """The explicit actions that change betrokkenheid (book bijlage 1, verbindende veld)."""

    AANSLUITEN = "aansluiten", _("Aansluiten")
    AANHAKEN = "aanhaken", _("Aanhaken")
    AFHAKEN = "afhaken", _("Afhaken")
    AFWACHTEN = "afwachten", _("Afwachten")


class Standpunt(models.TextChoices):
    VOORSTANDER = "voorstander", _("Voorstander")
    TEGENSTANDER = "tegenstander", _("Tegenstander")
    AFWACHTEND = "afwachtend", _("Afwachtend")
    ONBEKEND = "onbekend", _("Onbekend")


class Macht(models.TextChoices):
    PRODUCTIEMACHT = "productiemacht", _("Productiemacht")
    BLOKKADEMACHT = "blokkademacht", _("Blokkademacht")
    DIFFUSE_MACHT = "diffuse_macht", _("Diffuse macht")
    GEEN = "geen", _("Geen")


class Speler(models.Model):
    class Soort(models.TextChoices):
        PERSOON = "persoon", _("Persoon")
        GROEP = "groep", _("Groep")

    class RolInProces(models.TextChoices):
        IDEE_EIGENAAR = "idee_eigenaar", _("Idee-eigenaar")
        INITIATIEFNEMER = "initiatiefnemer", _("Initiatiefnemer")
        KERNTEAMLID = "kernteamlid", _("Kernteamlid")
        SLEUTELPERSOON = "sleutelpersoon", _("Sleutelpersoon")
        BETROKKENE = "betrokkene", _("Betrokkene")

    bestuursproces = models.ForeignKey(
        Bestuursproces, on_delete=models.PROTECT, related_name="spelers"
    )
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    naam = models.CharField(_("naam"), max_length=200)
    soort = models.CharField(_("soort"), max_length=10, choices=Soort.choices)
    organisatie = models.ForeignKey(
        Organisatie,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="spelers",
        verbose_name=_("organisatie"),
    )
    veld = models.CharField(_("veld"), max_length=20, choices=Veld.choices)
    rol_in_proces = models.CharField(
        _("rol in het proces"), max_length=20, choices=RolInProces.choices
    )
    belang = models.TextField(_("belang"), blank=True)
    belemmeringen = models.TextField(_("belemmeringen"), blank=True)
    waarden = models.TextField(_("waarden"), blank=True, help_text=_("Kernwaarden."))
    commitment = models.BooleanField(
        _("commitment"),
        null=True,
        blank=True,
        help_text=_("Kan afspraken maken namens de eigen organisatie."),
    )
    symmetrie = models.BooleanField(
        _("symmetrie"),
        null=True,
        blank=True,
        help_text=_("Heeft hetzelfde mandaat als de anderen aan tafel."),
    )
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
        verbose_name = _("speler")
        verbose_name_plural = _("spelers")
        ordering = ["bestuursproces", "naam", "id"]

    def __str__(self) -> str:
        return self.naam


class Beoordeling(models.Model):
    """What every dated assessment records: when, by whom, in which stadium, why, for whom."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    tijdstip = models.DateTimeField(_("tijdstip"))
    auteur = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("auteur"),
    )
    stadium = models.CharField(_("stadium op dat moment"), max_length=20, choices=Stadium.choices)
    toelichting = models.TextField(_("onderbouwing"), blank=True)
    zichtbaarheid = models.CharField(
        _("zichtbaarheid"), max_length=10, choices=Zichtbaarheid.choices
    )

    class Meta:
        abstract = True


class SpelerBeoordeling(Beoordeling):
    bestuursproces = models.ForeignKey(
        Bestuursproces, on_delete=models.PROTECT, related_name="spelerbeoordelingen"
    )
    speler = models.ForeignKey(Speler, on_delete=models.PROTECT, related_name="beoordelingen")
    standpunt = models.CharField(_("standpunt"), max_length=20, choices=Standpunt.choices)
    macht = models.CharField(_("macht"), max_length=20, choices=Macht.choices)
    unieke_macht = models.BooleanField(
        _("unieke macht"), default=False, help_text=_("Niet te vervangen door een andere partij.")
    )
    invloed = models.PositiveSmallIntegerField(_("invloed (1–5)"), validators=SCORE)
    vertrouwen = models.PositiveSmallIntegerField(
        _("vertrouwen in de regisseur (1–5)"), validators=SCORE
    )

    class Meta:
        verbose_name = _("beoordeling van een speler")
        verbose_name_plural = _("beoordelingen van spelers")
        ordering = ["speler", "tijdstip", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(invloed__gte=1, invloed__lte=5)
                & models.Q(vertrouwen__gte=1, vertrouwen__lte=5),
                name="spelerbeoordeling_scores_1_tot_5",
            )
        ]

    def __str__(self) -> str:
        return f"{self.speler}: {self.get_standpunt_display()} ({datum(self.tijdstip)})"
