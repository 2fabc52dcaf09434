"""Read models: what "now" and "back then" would otherwise fold from the event log.

They hold nothing of their own: the services keep them in step in the same transaction as
each event, and ``manage.py herbouw_leesmodellen`` rebuilds them from the log. Rows hang off
the case and its parties with CASCADE: they are derived data, never history.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from .bestuursproces import Bestuursproces
from .opdrachtgevers import Opdrachtgever, OpdrachtgeverBeoordeling
from .spelers import Speler, SpelerBeoordeling
from .zichtbaarheid import Zichtbaarheid


class HuidigeBeoordeling(models.Model):
    """A party's latest assessment (in world time) that a viewer whose highest visibility level
    is ``niveau`` may see: one row per party and level, so that a viewer's current assessment is
    one indexed read."""

    bestuursproces = models.ForeignKey(Bestuursproces, on_delete=models.CASCADE, related_name="+")
    niveau = models.CharField(_("zichtbaarheid"), max_length=10, choices=Zichtbaarheid.choices)

    class Meta:
        abstract = True


class HuidigeSpelerBeoordeling(HuidigeBeoordeling):
    speler = models.ForeignKey(
        Speler,
        on_delete=models.CASCADE,
        related_name="huidige_beoordelingen",
        db_index=False,  # huidige_spelerbeoordeling_per_niveau starts with it
    )
    beoordeling = models.ForeignKey(SpelerBeoordeling, on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("huidige beoordeling van een speler")
        verbose_name_plural = _("huidige beoordelingen van spelers")
        constraints = [
            models.UniqueConstraint(
                fields=["speler", "niveau"], name="huidige_spelerbeoordeling_per_niveau"
            )
        ]

    def __str__(self) -> str:
        return f"{self.speler_id}@{self.niveau}: {self.beoordeling_id}"


class HuidigeOpdrachtgeverBeoordeling(HuidigeBeoordeling):
    opdrachtgever = models.ForeignKey(
        Opdrachtgever,
        on_delete=models.CASCADE,
        related_name="huidige_beoordelingen",
        db_index=False,  # huidige_opdrachtgeverbeoordeling_per_niveau starts with it
    )
    beoordeling = models.ForeignKey(
        OpdrachtgeverBeoordeling, on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        verbose_name = _("huidige beoordeling van een opdrachtgever")
        verbose_name_plural = _("huidige beoordelingen van opdrachtgevers")
        constraints = [
            models.UniqueConstraint(
                fields=["opdrachtgever", "niveau"],
                name="huidige_opdrachtgeverbeoordeling_per_niveau",
            )
        ]

    def __str__(self) -> str:
        return f"{self.opdrachtgever_id}@{self.niveau}: {self.beoordeling_id}"


class Foldstand(models.Model):
    """The fold of a case's history up to one event (in world-time order), as a viewer with
    the levels ``zicht`` folds it: where a look back starts instead of at the opening.

    ``aantal`` counts the events up to and including ``(tijdstip, volgnummer)`` in world-time
    order (every level); ``staat`` is the fold's raw state in canonical JSON.
    """

    bestuursproces = models.ForeignKey(
        Bestuursproces,
        on_delete=models.CASCADE,
        related_name="+",
        db_index=False,  # foldstand_per_positie starts with it
    )
    zicht = models.CharField(max_length=40)
    tijdstip = models.DateTimeField()
    volgnummer = models.PositiveIntegerField()
    aantal = models.PositiveIntegerField()
    staat = models.TextField()

    class Meta:
        verbose_name = _("stand van de herbouw")
        verbose_name_plural = _("standen van de herbouw")
        constraints = [
            models.UniqueConstraint(
                fields=["bestuursproces", "zicht", "tijdstip", "volgnummer"],
                name="foldstand_per_positie",
            )
        ]

    def __str__(self) -> str:
        return f"{self.bestuursproces_id} {self.zicht} #{self.aantal} ({self.volgnummer})"
