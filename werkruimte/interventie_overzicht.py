"""Reads of the Interventies task: the velden to choose from, a veld's instruments (not yet
used first), and the case's interventies in the cycle kiezen – doen – leren – beter."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone

from cases.models import Bestuursproces, Interventie, InterventieStatus, Zichtbaarheid
from cases.selectors.aandacht import instrument_suggesties
from cases.selectors.interventies import interventies, zichtbare_reflecties
from instruments.models import INTERVENTIEVELDEN, Instrument, Veld


@dataclass
class Cyclus:
    """The visible interventies by where they are in the cycle."""

    # Planned, and their day has come: they come back to be carried out.
    te_doen: list[Interventie] = field(default_factory=list)
    # Planned for a later day.
    later: list[Interventie] = field(default_factory=list)
    # Carried out, not yet evaluated.
    te_evalueren: list[Interventie] = field(default_factory=list)
    geevalueerd: list[Interventie] = field(default_factory=list)

    @property
    def aantal(self) -> int:
        return len(self.te_doen) + len(self.later) + len(self.te_evalueren) + len(self.geevalueerd)


def velden() -> list[Veld]:
    """The velden an interventie can aim at, in the book's order (one query)."""
    return list(Veld.objects.filter(code__in=INTERVENTIEVELDEN).order_by("volgorde"))


def suggesties(
    bestuursproces: Bestuursproces, zichtbaar: frozenset[str], veld: str
) -> list[Instrument]:
    """The veld's instruments, those not yet used in this case (as far as the viewer may see)
    first, each with ``gebruikt`` and ``laatst_gebruikt`` (one query)."""
    return list(instrument_suggesties(bestuursproces, zichtbaar, veld))


def cyclus(
    bestuursproces: Bestuursproces, zichtbaar: frozenset[str], vandaag: dt.date | None = None
) -> Cyclus:
    """Every interventie the viewer may see, sorted into the cycle (six queries whatever the
    number: interventies, velden, spelers, opdrachtgevers, reflecties, their authors joined)."""
    vandaag = vandaag or timezone.localdate()
    resultaat = Cyclus()
    for interventie in interventies(bestuursproces, zichtbaar):
        if interventie.status == InterventieStatus.GEPLAND:
            (resultaat.te_doen if interventie.datum <= vandaag else resultaat.later).append(
                interventie
            )
        elif interventie.status == InterventieStatus.UITGEVOERD:
            resultaat.te_evalueren.append(interventie)
        else:
            resultaat.geevalueerd.append(interventie)
    # Newest evaluation first; the rest in the order they come (oldest date first).
    resultaat.geevalueerd.reverse()
    return resultaat


def verborgen_niveaus(zichtbaar: frozenset[str]) -> list[str]:
    """The visibility levels hidden from this viewer, to say that something may be withheld."""
    return [str(label) for code, label in Zichtbaarheid.choices if code not in zichtbaar]


__all__ = ["Cyclus", "cyclus", "suggesties", "velden", "verborgen_niveaus", "zichtbare_reflecties"]
