"""The case itself (Bestuursproces) with its opdracht and besluitmomenten."""

from __future__ import annotations

import uuid

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from cases.querysets import BestuursprocesQuerySet
from cases.tekst import afgekort, datum


class Stadium(models.TextChoices):
    """The ordered stadia of draagvlak en haalbaarheid (book §2.4)."""

    VOORSTELBAAR = "voorstelbaar", _("Voorstelbaar")
    HOUDBAAR = "houdbaar", _("Houdbaar")
    MAAKBAAR = "maakbaar", _("Maakbaar")
    UITVOERBAAR = "uitvoerbaar", _("Uitvoerbaar")
    BRUIKBAAR = "bruikbaar", _("Bruikbaar")

    @property
    def rang(self) -> int:
        return list(Stadium).index(self)


class RolGemeente(models.TextChoices):
    """The gemeente's role in the process (book §4.4)."""

    INITIEREND = "initierend", _("Initiërend")
    PARTICIPEREND = "participerend", _("Participerend")
    FACILITEREND = "faciliterend", _("Faciliterend")


class Procesrol(models.TextChoices):
    """The kind of process role the gemeente's person takes (book §1.5)."""

    PROCESREGISSEUR = "procesregisseur", _("Procesregisseur")
    PROCESBEGELEIDER = "procesbegeleider", _("Procesbegeleider")
    PROCESMANAGER = "procesmanager", _("Procesmanager")


class Aanpak(models.TextChoices):
    """The chosen aanpak of the bestuursproces (book ch. 8, fig. 5)."""

    LINEAIR = "lineair", _("Lineair")
    FLIPPERKAST = "flipperkast", _("Flipperkast")
    CYCLISCH = "cyclisch", _("Cyclisch")


class UitkomstSoort(models.TextChoices):
    """What a bestuursproces turns into when it ends (book §1.3, §4.4)."""

    PROJECT = "project", _("Omgezet in een project")
    PROGRAMMA = "programma", _("Omgezet in een programma")
    REGULIERE_AANPAK = "reguliere_aanpak", _("Omgezet in een reguliere aanpak")
    GESTOPT = "gestopt", _("Gestopt")
    ANDERS = "anders", _("Anders")


class Status(models.TextChoices):
    ACTIEF = "actief", _("Actief")
    GEPAUZEERD = "gepauzeerd", _("Gepauzeerd")
    AFGEROND = "afgerond", _("Afgerond")


class Archiefnominatie(models.TextChoices):
    """As in the ZGW APIs: what happens to the file once the archiefactiedatum passes."""

    BLIJVEND_BEWAREN = "blijvend_bewaren", _("Blijvend bewaren")
    VERNIETIGEN = "vernietigen", _("Vernietigen")


class Bestuursproces(models.Model):
    uuid = models.UUIDField(_("uuid"), default=uuid.uuid4, unique=True, editable=False)
    titel = models.CharField(_("titel"), max_length=200)
    omschrijving = models.TextField(_("omschrijving"), blank=True)
    rol_gemeente = models.CharField(
        _("rol van de gemeente"), max_length=20, choices=RolGemeente.choices
    )
    procesrol = models.CharField(
        _("procesrol"), max_length=20, choices=Procesrol.choices, default=Procesrol.PROCESREGISSEUR
    )
    aanpak = models.CharField(_("aanpak"), max_length=20, choices=Aanpak.choices)
    stadium = models.CharField(
        _("stadium"), max_length=20, choices=Stadium.choices, default=Stadium.VOORSTELBAAR
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.ACTIEF
    )
    uitkomst = models.TextField(
        _("uitkomst"), blank=True, help_text=_("Verplicht wanneer het proces is afgerond.")
    )
    # How it ended (book §1.3, §4.4) and what follows; empty for cases closed before the
    # structured outcome existed (their uitkomst is the free text alone).
    uitkomst_soort = models.CharField(
        _("soort uitkomst"), max_length=20, choices=UitkomstSoort.choices, blank=True
    )
    vervolg_url = models.URLField(
        _("vervolg"), max_length=500, blank=True, help_text=_("Waar het verder gaat (URL).")
    )

    # De opdracht (book §10.5): kaders, middelen, time-box en speelruimte.
    kaders = models.TextField(_("kaders"), blank=True)
    budget = models.DecimalField(
        _("budget (euro)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    uren = models.PositiveIntegerField(_("uren"), null=True, blank=True)
    einddatum = models.DateField(_("einddatum time-box"), null=True, blank=True)
    speelruimte = models.TextField(_("speelruimte"), blank=True)

    archiefnominatie = models.CharField(
        _("archiefnominatie"), max_length=20, choices=Archiefnominatie.choices, blank=True
    )
    archiefactiedatum = models.DateField(_("archiefactiedatum"), null=True, blank=True)

    geopend_op = models.DateTimeField(_("geopend op"), editable=False)

    # The head of the case's event chain (cases/events/log.py): the last volgnummer and its
    # hash. Kept on the case row because every write locks that row anyway, so appending an
    # event needs no read of the log; the log stays the truth (the verifier compares them).
    keten_volgnummer = models.PositiveIntegerField(
        _("laatste volgnummer"), default=0, editable=False
    )
    keten_hash = models.CharField(
        _("laatste hash"), max_length=64, default="0" * 64, editable=False
    )
    # The latest world time in the case's history, moved in the same UPDATE as the chain
    # head: a fact dated before it is entered late (cases/events/wereldtijd.py, is_laat). The
    # greatest ``tijdstip`` of the events that are no date correction, and every moment a
    # correction moved a fact to; it never decreases, so the locked row answers without a
    # query of the log. Null before the opening.
    laatste_moment = models.DateTimeField(
        _("laatste moment in de geschiedenis"), null=True, editable=False
    )

    objects = BestuursprocesQuerySet.as_manager()

    class Meta:
        verbose_name = _("bestuursproces")
        verbose_name_plural = _("bestuursprocessen")
        ordering = ["-geopend_op", "-id"]
        # Opening a case is a right of its own (the group "Procesregisseurs"), apart from
        # the admin's model permissions that every member has.
        permissions = [
            ("bestuursproces_openen", _("Mag een bestuursproces openen")),
            # Across cases (issue 15): every case, as an evaluator sees it, for a beheerder
            # who is no member (cases.selectors.overzicht).
            (
                "exporteer_alle_processen",
                _("Mag alle bestuursprocessen vergelijken en exporteren als evaluator"),
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status=Status.AFGEROND) | ~models.Q(uitkomst=""),
                name="bestuursproces_afgerond_heeft_uitkomst",
                violation_error_message=_("Een afgerond bestuursproces heeft een uitkomst."),
            ),
        ]

    def __str__(self) -> str:
        return self.titel


class Besluitmoment(models.Model):
    """A moment where the opdracht needs a new mandate or a decision (book §10.5)."""

    class Soort(models.TextChoices):
        MANDAAT = "mandaat", _("Mandaat")
        BESLUIT = "besluit", _("Besluit")

    bestuursproces = models.ForeignKey(
        Bestuursproces, on_delete=models.PROTECT, related_name="besluitmomenten"
    )
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    datum = models.DateField(_("datum"))
    soort = models.CharField(_("soort"), max_length=10, choices=Soort.choices)
    gevraagd = models.TextField(_("wat wordt gevraagd"))
    volgorde = models.PositiveIntegerField(_("volgorde"), default=0)

    class Meta:
        verbose_name = _("besluitmoment")
        verbose_name_plural = _("besluitmomenten")
        ordering = ["bestuursproces", "volgorde"]

    def __str__(self) -> str:
        return f"{datum(self.datum)}: {afgekort(self.gevraagd)}"
