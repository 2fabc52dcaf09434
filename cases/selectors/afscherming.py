"""What a viewer may not read, counted per section: so that no page, list or export concludes
"geen …" from what it cannot see.

One query for a case (a subquery per section); none for a role that reads every level. The
tables hold each item's current level (a release lowers it), so a count is always of what is
withheld now.

    afscherming(bestuursproces, zichtbaar) -> Afscherming
    Afscherming.aantal("positioneringen") -> int
    Afscherming.melding("positioneringen")
        -> "3 positioneringen zijn voor uw rol afgeschermd." (None: nothing withheld there)
    Afscherming.per_onderdeel -> {"interventies": 2, ...} (only sections with something withheld)
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils.translation import ngettext

from cases.models import (
    ALLE_NIVEAUS,
    Afspraak,
    Besluit,
    Bestuursproces,
    Bijeenkomst,
    Document,
    Interventie,
    Notitie,
    OpdrachtgeverBeoordeling,
    Positionering,
    Reflectie,
    SpelerBeoordeling,
)

# Each section's model and the sentence for what is withheld of it (count first).
ONDERDELEN: dict[str, tuple[type[models.Model], Callable[[int], str]]] = {
    "interventies": (
        Interventie,
        lambda n: ngettext(
            "%(n)s interventie is voor uw rol afgeschermd.",
            "%(n)s interventies zijn voor uw rol afgeschermd.",
            n,
        ),
    ),
    "reflecties": (
        Reflectie,
        lambda n: ngettext(
            "%(n)s reflectie is voor uw rol afgeschermd.",
            "%(n)s reflecties zijn voor uw rol afgeschermd.",
            n,
        ),
    ),
    "positioneringen": (
        Positionering,
        lambda n: ngettext(
            "%(n)s positionering is voor uw rol afgeschermd.",
            "%(n)s positioneringen zijn voor uw rol afgeschermd.",
            n,
        ),
    ),
    "spelerbeoordelingen": (
        SpelerBeoordeling,
        lambda n: ngettext(
            "%(n)s beoordeling van een speler is voor uw rol afgeschermd.",
            "%(n)s beoordelingen van spelers zijn voor uw rol afgeschermd.",
            n,
        ),
    ),
    "opdrachtgeverbeoordelingen": (
        OpdrachtgeverBeoordeling,
        lambda n: ngettext(
            "%(n)s beoordeling van een opdrachtgever is voor uw rol afgeschermd.",
            "%(n)s beoordelingen van opdrachtgevers zijn voor uw rol afgeschermd.",
            n,
        ),
    ),
    "notities": (
        Notitie,
        lambda n: ngettext(
            "%(n)s notitie is voor uw rol afgeschermd.",
            "%(n)s notities zijn voor uw rol afgeschermd.",
            n,
        ),
    ),
    "besluiten": (
        Besluit,
        lambda n: ngettext(
            "%(n)s besluit is voor uw rol afgeschermd.",
            "%(n)s besluiten zijn voor uw rol afgeschermd.",
            n,
        ),
    ),
    "afspraken": (
        Afspraak,
        lambda n: ngettext(
            "%(n)s afspraak is voor uw rol afgeschermd.",
            "%(n)s afspraken zijn voor uw rol afgeschermd.",
            n,
        ),
    ),
    "bijeenkomsten": (
        Bijeenkomst,
        lambda n: ngettext(
            "%(n)s bijeenkomst is voor uw rol afgeschermd.",
            "%(n)s bijeenkomsten zijn voor uw rol afgeschermd.",
            n,
        ),
    ),
    "documenten": (
        Document,
        lambda n: ngettext(
            "%(n)s document is voor uw rol afgeschermd.",
            "%(n)s documenten zijn voor uw rol afgeschermd.",
            n,
        ),
    ),
}


@dataclass(frozen=True)
class Afscherming:
    """Per section, how many items the viewer may not read (sections with none left out)."""

    per_onderdeel: dict[str, int] = field(default_factory=dict)

    def aantal(self, onderdeel: str) -> int:
        return self.per_onderdeel.get(onderdeel, 0)

    @property
    def totaal(self) -> int:
        return sum(self.per_onderdeel.values())

    def melding(self, onderdeel: str) -> str | None:
        """The sentence to show instead of "geen …" (None: nothing withheld there)."""
        aantal = self.aantal(onderdeel)
        if not aantal:
            return None
        return ONDERDELEN[onderdeel][1](aantal) % {"n": aantal}

    @property
    def tekst(self) -> dict[str, str]:
        """Section → its sentence, for templates (which cannot pass an argument)."""
        return {naam: self.melding(naam) or "" for naam in self.per_onderdeel}

    @property
    def meldingen(self) -> list[str]:
        """Every section's sentence, in the order of ONDERDELEN."""
        return [melding for naam in ONDERDELEN if (melding := self.melding(naam)) is not None]


def _telling(model: type[models.Model], zichtbaar: frozenset[str]) -> Subquery:
    rijen = (
        model._default_manager.filter(bestuursproces=OuterRef("pk"))
        .exclude(zichtbaarheid__in=sorted(zichtbaar))
        .order_by()
        .values("bestuursproces")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Subquery(rijen, output_field=IntegerField())


def afscherming_annotaties(zichtbaar: frozenset[str]) -> dict[str, Any]:
    """The counts of :func:`afscherming` as annotations of a query of cases, for a reader
    that reads the case anyway (empty for a role that reads every level); read them back
    with :func:`afscherming_uit`."""
    if zichtbaar >= ALLE_NIVEAUS:
        return {}
    # Prefixed: the plain names are the case's own relations.
    return {
        f"afgeschermd_{naam}": Coalesce(_telling(model, zichtbaar), Value(0))
        for naam, (model, _melding) in ONDERDELEN.items()
    }


def afscherming_uit(rij: Mapping[str, Any]) -> Afscherming:
    """The :class:`Afscherming` of a row annotated with :func:`afscherming_annotaties`."""
    return Afscherming(
        {naam: rij[f"afgeschermd_{naam}"] for naam in ONDERDELEN if rij.get(f"afgeschermd_{naam}")}
    )


def afscherming(bestuursproces: Bestuursproces, zichtbaar: frozenset[str]) -> Afscherming:
    """What a viewer with levels ``zichtbaar`` may not read in the case, per section."""
    annotaties = afscherming_annotaties(zichtbaar)
    if not annotaties:
        return Afscherming()
    tellingen = (
        Bestuursproces.objects.filter(pk=bestuursproces.pk)
        .annotate(**annotaties)
        .values(*annotaties)
        .get()
    )
    return afscherming_uit(tellingen)
