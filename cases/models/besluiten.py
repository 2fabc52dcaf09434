"""What a process leaves behind: besluiten, afspraken and bijeenkomsten (issue 14)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .bestuursproces import Bestuursproces
from .opdrachtgevers import Opdrachtgever
from .partijvelden import MetPartij, Partij, hoogstens_een, naam_van, partij_van, precies_een
from .spelers import Organisatie
from .zichtbaarheid import Zichtbaarheid


class Orgaan(models.TextChoices):
    """A named body that decides, when it is not an opdrachtgever or organisatie of the case."""

    RAAD = "raad", _("Gemeenteraad")
    COLLEGE = "college", _("College van B&W")
    ANDERS = "anders", _("Ander orgaan")


class Besluit(MetPartij):
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
    speler = None  # an opdrachtgever, organisatie or orgaan decides
    orgaan = models.CharField(_("orgaan"), max_length=10, choices=Orgaan.choices, blank=True)
    orgaan_naam = models.CharField(_("naam van het orgaan"), max_length=200, blank=True)
    datum = models.DateField(_("datum van het besluit"))
    kenmerk = models.CharField(_("kenmerk"), max_length=100, blank=True)
    besluitmoment = models.DateField(_("vervult het besluitmoment van"), null=True, blank=True)
    bijeenkomst = models.ForeignKey(
        "cases.Bijeenkomst",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="besluiten",
    )
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
            # Exactly one of: an opdrachtgever, an organisatie, a named body.
            models.CheckConstraint(
                condition=precies_een(["opdrachtgever", "organisatie"], of_naam="orgaan"),
                name="besluit_een_besluitnemer",
            ),
            models.CheckConstraint(
                condition=~models.Q(orgaan=Orgaan.ANDERS, orgaan_naam=""),
                name="besluit_ander_orgaan_heeft_naam",
            ),
        ]

    def __str__(self) -> str:
        return self.titel

    def vrije_naam(self) -> str:
        return self.orgaan_naam or str(self.get_orgaan_display())


class AfspraakStatus(models.TextChoices):
    OPEN = "open", _("Open")
    NAGEKOMEN = "nagekomen", _("Nagekomen")
    NIET_NAGEKOMEN = "niet_nagekomen", _("Niet nagekomen")
    VERVALLEN = "vervallen", _("Vervallen")


class Afspraak(MetPartij):
    """A commitment: what one party delivers (its ``partij``), to whom, by when; open until it
    is nagekomen, niet nagekomen or vervallen (each a dated fact). It may come from the
    consolidatie of a wyber-stap or from a besluit."""

    bestuursproces = models.ForeignKey(
        Bestuursproces, on_delete=models.PROTECT, related_name="afspraken"
    )
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    wat = models.TextField(_("wat is afgesproken"))
    aan_speler = models.ForeignKey(
        "cases.Speler", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    aan_opdrachtgever = models.ForeignKey(
        Opdrachtgever, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    aan_organisatie = models.ForeignKey(
        Organisatie, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    aan_naam = models.CharField(_("aan (naam)"), max_length=200, blank=True)
    datum = models.DateField(_("afgesproken op"))
    uiterlijk = models.DateField(_("uiterlijk"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=AfspraakStatus.choices, default=AfspraakStatus.OPEN
    )
    afgehandeld_op = models.DateField(_("afgehandeld op"), null=True, blank=True)
    reden = models.TextField(_("reden"), blank=True)
    wyberstap = models.ForeignKey(
        "cases.WyberStap", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    besluit = models.ForeignKey(
        Besluit, on_delete=models.PROTECT, null=True, blank=True, related_name="afspraken"
    )
    bijeenkomst = models.ForeignKey(
        "cases.Bijeenkomst",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="afspraken",
    )
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
        verbose_name = _("afspraak")
        verbose_name_plural = _("afspraken")
        ordering = ["bestuursproces", "datum", "id"]
        constraints = [
            # Exactly one party delivers; at most one party receives (or only a name, or
            # nobody named).
            models.CheckConstraint(
                condition=precies_een(["speler", "opdrachtgever", "organisatie"]),
                name="afspraak_een_leverancier",
            ),
            models.CheckConstraint(
                condition=hoogstens_een(["aan_speler", "aan_opdrachtgever", "aan_organisatie"]),
                name="afspraak_hoogstens_een_ontvanger",
            ),
        ]

    def __str__(self) -> str:
        return self.wat[:60]

    @property
    def ontvanger(self) -> Partij | None:
        return partij_van(self, "aan_")

    def ontvangernaam(self) -> str:
        """For whom, in words: the receiving party's name, or else the name given."""
        return naam_van(self.ontvanger) or self.aan_naam


class Bijeenkomstsoort(models.Model):
    """A kind of meeting; beheer adds kinds in the admin (the common four are seeded)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    naam = models.CharField(_("naam"), max_length=100)
    volgorde = models.PositiveIntegerField(_("volgorde"), default=0)

    class Meta:
        verbose_name = _("soort bijeenkomst")
        verbose_name_plural = _("soorten bijeenkomsten")
        ordering = ["volgorde", "naam"]

    def __str__(self) -> str:
        return self.naam


class BijeenkomstStatus(models.TextChoices):
    GEPLAND = "gepland", _("Gepland")
    GEHOUDEN = "gehouden", _("Gehouden")
    GEANNULEERD = "geannuleerd", _("Geannuleerd")


class Bijeenkomst(models.Model):
    """A meeting of the case: who was invited and who came, its agenda and verslag, the
    wyber-stap it served and the interventies done in it; besluiten and afspraken name the
    bijeenkomst they came out of.

    Recorded afterwards it is gehouden at once. Recorded ahead of time it is gepland (on a
    ``datum`` that may lie ahead, ``gepland_op`` keeping when the plan was recorded) until it
    is marked gehouden, with its attendance, or geannuleerd with a reason.
    """

    bestuursproces = models.ForeignKey(
        Bestuursproces, on_delete=models.PROTECT, related_name="bijeenkomsten"
    )
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    titel = models.CharField(_("titel"), max_length=200)
    soort = models.ForeignKey(
        Bijeenkomstsoort, on_delete=models.PROTECT, related_name="+", verbose_name=_("soort")
    )
    datum = models.DateField(_("datum"))
    waar = models.CharField(_("waar"), max_length=200, blank=True)
    agenda = models.TextField(_("agenda"), blank=True)
    verslag = models.TextField(_("verslag"), blank=True)
    wyberstap = models.ForeignKey(
        "cases.WyberStap", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    interventies = models.ManyToManyField(
        "cases.Interventie", blank=True, related_name="bijeenkomsten"
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=BijeenkomstStatus.choices,
        default=BijeenkomstStatus.GEHOUDEN,
    )
    gepland_op = models.DateTimeField(_("gepland op"), null=True, blank=True)
    geannuleerd_op = models.DateField(_("geannuleerd op"), null=True, blank=True)
    reden_annulering = models.TextField(_("reden van annulering"), blank=True)
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
        verbose_name = _("bijeenkomst")
        verbose_name_plural = _("bijeenkomsten")
        ordering = ["bestuursproces", "datum", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status=BijeenkomstStatus.GEHOUDEN)
                | models.Q(gepland_op__isnull=False),
                name="bijeenkomst_gepland_heeft_moment",
            ),
            models.CheckConstraint(
                condition=models.Q(
                    status=BijeenkomstStatus.GEANNULEERD, geannuleerd_op__isnull=False
                )
                | models.Q(
                    ~models.Q(status=BijeenkomstStatus.GEANNULEERD), geannuleerd_op__isnull=True
                ),
                name="bijeenkomst_geannuleerd_op_datum",
            ),
        ]

    def __str__(self) -> str:
        return self.titel


class Deelnemer(MetPartij):
    """One party (speler or opdrachtgever) or one other person by name at a bijeenkomst:
    invited, present, or both."""

    bijeenkomst = models.ForeignKey(
        Bijeenkomst, on_delete=models.CASCADE, related_name="deelnemers"
    )
    organisatie = None  # people attend, not organisaties
    naam = models.CharField(_("naam"), max_length=200, blank=True)
    uitgenodigd = models.BooleanField(_("uitgenodigd"), default=True)
    aanwezig = models.BooleanField(_("aanwezig"), default=False)
    volgorde = models.PositiveIntegerField(_("volgorde"), default=0)

    class Meta:
        verbose_name = _("deelnemer")
        verbose_name_plural = _("deelnemers")
        ordering = ["bijeenkomst", "volgorde"]
        constraints = [
            models.CheckConstraint(
                condition=precies_een(["speler", "opdrachtgever"], of_naam="naam"),
                name="deelnemer_een_partij_of_naam",
            ),
            models.CheckConstraint(
                condition=models.Q(uitgenodigd=True) | models.Q(aanwezig=True),
                name="deelnemer_uitgenodigd_of_aanwezig",
            ),
        ]

    def __str__(self) -> str:
        return self.naam or str(self.partij)

    def vrije_naam(self) -> str:
        return self.naam
