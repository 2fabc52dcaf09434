"""The tijdlijn's read model: its items and shifts kept beside the log, for pages read in SQL.

The log stays the truth (DESIGN §4, read models): these rows are written in the same
transaction as each event (:mod:`cases.events.tijdlijnregels`) and can be rebuilt from the
log at any time (``manage.py herbouw_tijdlijn``). They hold no sentence: a row keeps what its
sentence needs (the event, and the names and numbers the tijdlijn remembered at that point),
so that the sentence is told in the reader's language when it is read.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from .bestuursproces import Bestuursproces
from .gebeurtenissen import Gebeurtenis


class Tijdlijnregel(models.Model):
    """One item of the tijdlijn: an event that tells itself, at the moment it stands on."""

    bestuursproces = models.ForeignKey(
        Bestuursproces,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,  # the ordering index starts with it
    )
    # No database constraint: the log refuses deletes itself (its triggers), and a row here is
    # derived and rebuilt from the log, so a log tampered with as the owner must meet the
    # chain's verification rather than a foreign key of a read model.
    gebeurtenis = models.OneToOneField(
        Gebeurtenis, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    volgnummer = models.PositiveIntegerField(_("volgnummer"))
    soort = models.CharField(_("soort"), max_length=64)
    # Where the item stands: its world time (a corrected one if it was corrected), or the
    # start of its own date (Dutch time) for types with ``eigen_datum``.
    tijdstip = models.DateTimeField(_("tijdstip"))
    # The corrected moment of the event itself, when a date correction moved it.
    verplaatst_naar = models.DateTimeField(_("verplaatst naar"), null=True, blank=True)
    # The level the item is visible at; a later release of the item may widen it (an UPDATE).
    zichtbaarheid = models.CharField(_("zichtbaarheid"), max_length=16)
    # Per viewer level, the names and numbers the sentence reads (Geheugen fields by key).
    geheugen = models.JSONField(_("geheugen"), default=dict)
    # For items on a date of their own: the remembered entry that date comes from (e.g.
    # "gegevens:<uuid>"), so that a later change of it moves the item.
    datumbron = models.CharField(_("datumbron"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("tijdlijnregel")
        verbose_name_plural = _("tijdlijnregels")
        indexes = [
            # The page in its order, and the count: zichtbaarheid is filtered in the index.
            models.Index(
                fields=["bestuursproces", "tijdstip", "volgnummer", "zichtbaarheid"],
                name="tijdlijnregel_volgorde",
            ),
            models.Index(
                fields=["bestuursproces", "datumbron"],
                name="tijdlijnregel_datumbron",
                condition=~models.Q(datumbron=""),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.soort} #{self.volgnummer}"


class Verschuivingsregel(models.Model):
    """A shift of standpunt (steun) or betrokkenheid as a viewer level sees it: one row per
    level that sees it as a shift (what a party stood before depends on what one may see)."""

    bestuursproces = models.ForeignKey(
        Bestuursproces, on_delete=models.PROTECT, related_name="+", db_index=False
    )
    gebeurtenis = models.ForeignKey(  # no constraint, as for Tijdlijnregel
        Gebeurtenis,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
        db_index=False,  # verschuiving_een_per_niveau starts with it
    )
    volgnummer = models.PositiveIntegerField(_("volgnummer"))
    tijdstip = models.DateTimeField(_("tijdstip"))
    # The highest level of the viewers this row is for (proces, kernteam or regisseur).
    niveau = models.CharField(_("niveau"), max_length=16)
    # The party's uuid; its name is read at read time (a corrected name holds for every shift).
    partij = models.CharField(_("partij"), max_length=36)
    aspect = models.CharField(_("aspect"), max_length=16)
    van = models.CharField(_("van"), max_length=32, null=True, blank=True)
    naar = models.CharField(_("naar"), max_length=32, null=True, blank=True)

    class Meta:
        verbose_name = _("verschuivingsregel")
        verbose_name_plural = _("verschuivingsregels")
        indexes = [
            models.Index(
                fields=["bestuursproces", "niveau", "tijdstip", "volgnummer"],
                name="verschuiving_volgorde",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["gebeurtenis", "niveau"], name="verschuiving_een_per_niveau"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.aspect} #{self.volgnummer} ({self.niveau})"


class Tijdlijngeheugen(models.Model):
    """What the tijdlijn remembers at the end of a case's history, per viewer level: one
    entry of a :class:`~cases.events.verhaal.Geheugen` field (or of the standpunten of the
    shifts), read by key when the next event is told."""

    bestuursproces = models.ForeignKey(
        Bestuursproces, on_delete=models.PROTECT, related_name="+", db_index=False
    )
    niveau = models.CharField(_("niveau"), max_length=16)
    veld = models.CharField(_("veld"), max_length=32)
    sleutel = models.CharField(_("sleutel"), max_length=100)
    waarde = models.JSONField(_("waarde"))

    class Meta:
        verbose_name = _("tijdlijngeheugen")
        verbose_name_plural = _("tijdlijngeheugens")
        constraints = [
            models.UniqueConstraint(
                # Read by key (the keys an event names), for every field and level at once.
                fields=["bestuursproces", "sleutel", "veld", "niveau"],
                name="tijdlijngeheugen_uniek",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.veld}[{self.sleutel}] ({self.niveau})"


class Tijdlijnstand(models.Model):
    """Which version of the read model a case's rows were built with: a case without one
    (a database from before the read model) or with an older one is rebuilt after
    ``migrate``."""

    bestuursproces = models.OneToOneField(
        Bestuursproces, on_delete=models.PROTECT, related_name="+"
    )
    versie = models.PositiveIntegerField(_("versie"))
    # How many items (by their level) and shifts (per viewer level) the case's rows hold, kept
    # with them: a page of the tijdlijn or the shifts knows its total without counting rows.
    regels_proces = models.PositiveIntegerField(_("items op niveau proces"), default=0)
    regels_evaluatie = models.PositiveIntegerField(_("items op niveau evaluatie"), default=0)
    regels_kernteam = models.PositiveIntegerField(_("items op niveau kernteam"), default=0)
    regels_regisseur = models.PositiveIntegerField(_("items op niveau regisseur"), default=0)
    verschuivingen_proces = models.PositiveIntegerField(
        _("verschuivingen voor niveau proces"), default=0
    )
    verschuivingen_evaluatie = models.PositiveIntegerField(
        _("verschuivingen voor niveau evaluatie"), default=0
    )
    verschuivingen_kernteam = models.PositiveIntegerField(
        _("verschuivingen voor niveau kernteam"), default=0
    )
    verschuivingen_regisseur = models.PositiveIntegerField(
        _("verschuivingen voor niveau regisseur"), default=0
    )

    class Meta:
        verbose_name = _("tijdlijnstand")
        verbose_name_plural = _("tijdlijnstanden")

    def __str__(self) -> str:
        return f"{self.bestuursproces_id}: {self.versie}"


class Geheugenstand(models.Model):
    """The tijdlijn's memory, every viewer level, once the events up to one position in
    world-time order ``(tijdstip, volgnummer)`` were told: where a rebuild after a fact
    entered late starts, so that it tells again only what follows (the stands of the fold,
    :class:`~cases.models.Foldstand`, do the same for looking back). A rebuild stores one
    every ``FOLDSTAND_INTERVAL`` events; ``aantal`` counts the events up to and including the
    position. ``geheugen`` is JSON: per level and field the entries, or ``"="`` for a field
    that holds what the level before it holds. A fact entered late, or a corrected date,
    deletes the stands after the position the rebuild starts from and stores them anew."""

    bestuursproces = models.ForeignKey(
        Bestuursproces, on_delete=models.PROTECT, related_name="+", db_index=False
    )
    # The read model's version that told the memory (tijdlijnregels.VERSIE): another is ignored.
    versie = models.PositiveIntegerField(_("versie"))
    tijdstip = models.DateTimeField(_("tijdstip"))
    volgnummer = models.PositiveIntegerField(_("volgnummer"))
    aantal = models.PositiveIntegerField(_("aantal"))
    geheugen = models.TextField(_("geheugen"))

    class Meta:
        verbose_name = _("geheugenstand van de tijdlijn")
        verbose_name_plural = _("geheugenstanden van de tijdlijn")
        constraints = [
            models.UniqueConstraint(
                # The nearest stand before a moment is read from it.
                fields=["bestuursproces", "tijdstip", "volgnummer"],
                name="geheugenstand_per_positie",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.bestuursproces_id} #{self.aantal} ({self.volgnummer})"
