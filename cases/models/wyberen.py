"""Wyber-stappen (book §2.4, fig. 8–9; seed 002): divergeren, convergeren, consolideren.

"Niets staat vast totdat alle partijen hebben ingestemd en hierover formeel, binnen hun eigen
organisatie, hebben besloten": a step is geconsolideerd only when every required party has
consented and formally decided. The required parties are the step's Instemming rows.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cases.tekst import afgekort

from .bestuursproces import Bestuursproces, Stadium
from .opdrachtgevers import Opdrachtgever
from .spelers import Speler


class Fase(models.TextChoices):
    DIVERGEREN = "divergeren", _("Divergeren")
    CONVERGEREN = "convergeren", _("Convergeren")
    CONSOLIDEREN = "consolideren", _("Consolideren")
    GECONSOLIDEERD = "geconsolideerd", _("Geconsolideerd")


class WyberStap(models.Model):
    bestuursproces = models.ForeignKey(
        Bestuursproces,
        on_delete=models.PROTECT,
        related_name="wyberstappen",
        db_index=False,  # wyberstap_volgnummer_uniek starts with it
    )
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    volgnummer = models.PositiveIntegerField(_("volgnummer"))
    doel = models.TextField(_("doel"), help_text=_("Wat deze stap moet vaststellen."))
    stadium = models.CharField(_("stadium"), max_length=20, choices=Stadium.choices)
    fase = models.CharField(_("fase"), max_length=20, choices=Fase.choices, default=Fase.DIVERGEREN)
    gestart_op = models.DateTimeField(_("gestart op"))
    convergeren_op = models.DateTimeField(_("convergeren sinds"), null=True, blank=True)
    consolideren_op = models.DateTimeField(_("consolideren sinds"), null=True, blank=True)
    geconsolideerd_op = models.DateTimeField(_("geconsolideerd op"), null=True, blank=True)
    heropent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="heropeningen",
        verbose_name=_("heropent"),
    )
    heropeningsreden = models.TextField(_("reden van heropening"), blank=True)

    class Meta:
        verbose_name = _("wyber-stap")
        verbose_name_plural = _("wyber-stappen")
        ordering = ["bestuursproces", "volgnummer"]
        constraints = [
            models.UniqueConstraint(
                fields=["bestuursproces", "volgnummer"], name="wyberstap_volgnummer_uniek"
            )
        ]

    def __str__(self) -> str:
        return gettext("Stap %(nummer)s: %(doel)s") % {
            "nummer": self.volgnummer,
            "doel": afgekort(self.doel),
        }


class Optie(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        GEKOZEN = "gekozen", _("Gekozen")
        VERWORPEN = "verworpen", _("Verworpen")
        SAMENGEVOEGD = "samengevoegd", _("Samengevoegd")

    bestuursproces = models.ForeignKey(Bestuursproces, on_delete=models.PROTECT, related_name="+")
    stap = models.ForeignKey(WyberStap, on_delete=models.PROTECT, related_name="opties")
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    titel = models.CharField(_("titel"), max_length=200)
    omschrijving = models.TextField(_("omschrijving"), blank=True)
    # Brought in by a speler, an opdrachtgever, or (neither) the regisseur.
    speler = models.ForeignKey(
        Speler, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    opdrachtgever = models.ForeignKey(
        Opdrachtgever, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OPEN
    )
    reden = models.TextField(_("reden"), blank=True)
    samengevoegd_in = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    ingebracht_op = models.DateTimeField(_("ingebracht op"))

    class Meta:
        verbose_name = _("optie")
        verbose_name_plural = _("opties")
        ordering = ["stap", "ingebracht_op", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(speler__isnull=False, opdrachtgever__isnull=False),
                name="optie_hoogstens_een_inbrenger",
            )
        ]

    def __str__(self) -> str:
        return self.titel


class Consolidatie(models.Model):
    class Uitkomst(models.TextChoices):
        CONSENSUS = "consensus", _("Consensus")
        COMMITMENT = "commitment", _("Commitment")
        TOLERANTIE = "tolerantie", _("Tolerantie")

    bestuursproces = models.ForeignKey(Bestuursproces, on_delete=models.PROTECT, related_name="+")
    stap = models.OneToOneField(WyberStap, on_delete=models.PROTECT, related_name="consolidatie")
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    uitkomst = models.CharField(_("uitkomst"), max_length=20, choices=Uitkomst.choices)
    tekst = models.TextField(_("wat is afgesproken"))
    document_titel = models.CharField(_("documenttitel"), max_length=200, blank=True)
    document_url = models.URLField(_("document-URL"), blank=True)
    tijdstip = models.DateTimeField(_("tijdstip"))
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("door")
    )

    class Meta:
        verbose_name = _("consolidatie")
        verbose_name_plural = _("consolidaties")

    def __str__(self) -> str:
        return f"{self.get_uitkomst_display()}: {afgekort(self.tekst)}"


class Instemming(models.Model):
    """One party whose consent the step needs, and how far it has come."""

    class Status(models.TextChoices):
        INGESTEMD = "ingestemd", _("Ingestemd")
        ONDER_VOORBEHOUD = "ingestemd_onder_voorbehoud", _("Ingestemd onder voorbehoud")
        NIET_INGESTEMD = "niet_ingestemd", _("Niet ingestemd")
        NOG_GEEN_REACTIE = "nog_geen_reactie", _("Nog geen reactie")

    bestuursproces = models.ForeignKey(Bestuursproces, on_delete=models.PROTECT, related_name="+")
    stap = models.ForeignKey(WyberStap, on_delete=models.PROTECT, related_name="instemmingen")
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    speler = models.ForeignKey(
        Speler, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    opdrachtgever = models.ForeignKey(
        Opdrachtgever, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=30, choices=Status.choices, default=Status.NOG_GEEN_REACTIE
    )
    voorbehoud = models.TextField(_("voorbehoud"), blank=True)
    formeel_besloten = models.BooleanField(
        _("formeel besloten in de eigen organisatie"), default=False
    )
    besloten_op = models.DateField(_("besloten op"), null=True, blank=True)
    besluitreferentie = models.CharField(_("besluitreferentie"), max_length=200, blank=True)
    # The party's formeel_besluit_nodig as it stood when it was asked or last answered: a
    # party without formal decision-making is rond on its consent alone.
    formeel_besluit_nodig = models.BooleanField(_("formeel besluit nodig"), default=True)
    # The besluit behind the formal decision, when it was recorded in the case (issue 14).
    besluit = models.ForeignKey(
        "cases.Besluit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="instemmingen",
        verbose_name=_("besluit"),
    )

    class Meta:
        verbose_name = _("instemming")
        verbose_name_plural = _("instemmingen")
        ordering = ["stap", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(speler__isnull=False, opdrachtgever__isnull=True)
                | models.Q(speler__isnull=True, opdrachtgever__isnull=False),
                name="instemming_een_partij",
            ),
            models.UniqueConstraint(
                fields=["stap", "speler"],
                condition=models.Q(speler__isnull=False),
                name="instemming_speler_uniek_per_stap",
            ),
            models.UniqueConstraint(
                fields=["stap", "opdrachtgever"],
                condition=models.Q(opdrachtgever__isnull=False),
                name="instemming_opdrachtgever_uniek_per_stap",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.speler or self.opdrachtgever}: {self.get_status_display()}"

    @property
    def rond(self) -> bool:
        """Consented and formally decided (or consented, for a party that decides nothing
        formally): what consolidation needs from this party."""
        return self.status == self.Status.INGESTEMD and (
            self.formeel_besloten or not self.formeel_besluit_nodig
        )
