"""The party a fact of the case names: one of its spelers, opdrachtgevers or organisaties,
or (where the model allows it) a free name instead (issue 14).

Besluit, Afspraak and Deelnemer share the fields, the database rules built on them and the
name they show. A model that names fewer kinds of party removes the field it does not have
(``speler = None``), as Django allows for a field of an abstract base; reading it then gives
None, so :attr:`MetPartij.partij` holds for every model alike.
"""

from __future__ import annotations

import functools
import itertools
import operator
from collections.abc import Sequence
from typing import Any

from django.db import models

from .opdrachtgevers import Opdrachtgever
from .spelers import Organisatie, Speler

Partij = Speler | Opdrachtgever | Organisatie

# Every kind of party a fact may name, in the order a party is looked up.
PARTIJSOORTEN: dict[str, type[models.Model]] = {
    "speler": Speler,
    "opdrachtgever": Opdrachtgever,
    "organisatie": Organisatie,
}


def precies_een(velden: Sequence[str], *, of_naam: str = "") -> models.Q:
    """Exactly one of the party ``velden`` is set; with ``of_naam``, or none of them and that
    name field filled in (and the name left empty when a party is named)."""
    leeg = {of_naam: ""} if of_naam else {}
    keuzes = [
        models.Q(**{f"{veld}__isnull": veld != gekozen for veld in velden}, **leeg)
        for gekozen in velden
    ]
    if of_naam:
        keuzes.append(
            models.Q(**{f"{veld}__isnull": True for veld in velden}) & ~models.Q(**{of_naam: ""})
        )
    return functools.reduce(operator.or_, keuzes)


def hoogstens_een(velden: Sequence[str]) -> models.Q:
    """At most one of the party ``velden`` is set."""
    paren = [
        models.Q(**{f"{a}__isnull": False, f"{b}__isnull": False})
        for a, b in itertools.combinations(velden, 2)
    ]
    return ~functools.reduce(operator.or_, paren)


def partij_van(obj: Any, voorvoegsel: str = "") -> Partij | None:
    """The party ``obj`` names in its fields (``voorvoegsel`` for a second set, ``aan_``)."""
    for soort in PARTIJSOORTEN:
        partij = getattr(obj, f"{voorvoegsel}{soort}", None)
        if partij is not None:
            return partij
    return None


def naam_van(partij: Partij | None) -> str:
    return str(partij.naam) if partij is not None else ""


def partijvelden(
    partij: Partij | None, soorten: Sequence[str] = tuple(PARTIJSOORTEN), voorvoegsel: str = ""
) -> dict[str, Any]:
    """The field values that name ``partij`` among the kinds ``soorten`` (for a model's
    constructor or a service's input): the field of its kind, the others None."""
    return {
        f"{voorvoegsel}{soort}": partij if isinstance(partij, PARTIJSOORTEN[soort]) else None
        for soort in soorten
    }


class MetPartij(models.Model):
    """A speler, an opdrachtgever or an organisatie of the case (none where a free name
    stands instead); the database rule on which may be set is the model's own
    (:func:`precies_een`)."""

    speler = models.ForeignKey(
        Speler, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    opdrachtgever = models.ForeignKey(
        Opdrachtgever, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    organisatie = models.ForeignKey(
        Organisatie, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        abstract = True

    @classmethod
    def partijsoorten(cls) -> tuple[str, ...]:
        """The kinds of party this model names (the fields it did not remove)."""
        namen = {veld.name for veld in cls._meta.get_fields()}
        return tuple(soort for soort in PARTIJSOORTEN if soort in namen)

    @classmethod
    def partijvelden(cls, partij: Partij | None) -> dict[str, Any]:
        """This model's party fields naming ``partij``."""
        return partijvelden(partij, cls.partijsoorten())

    @property
    def partij(self) -> Partij | None:
        return partij_van(self)

    def vrije_naam(self) -> str:
        """Who, when no party is named (a model with a name field says so)."""
        return ""

    def partijnaam(self) -> str:
        """Who, in words: the party's name, or else the free name."""
        partij = self.partij
        return str(partij.naam) if partij is not None else self.vrije_naam()
