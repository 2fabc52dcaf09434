"""Choosing a party of the case in one field: a speler, an opdrachtgever or an organisatie.

The value names the kind and the uuid (``speler:<uuid>``), so that one select or one set of
checkboxes offers every kind; the form turns it back into the object for the service.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext

from cases.models import Bestuursproces, Opdrachtgever, Organisatie, Speler

Partij = Speler | Opdrachtgever | Organisatie

SOORTEN: dict[str, type[Partij]] = {
    "speler": Speler,
    "opdrachtgever": Opdrachtgever,
    "organisatie": Organisatie,
}


def _soortlabel(soort: str) -> str:
    return {
        "speler": gettext("speler"),
        "opdrachtgever": gettext("opdrachtgever"),
        "organisatie": gettext("organisatie"),
    }[soort]


def sleutel(partij: Partij) -> str:
    soort = next(naam for naam, model in SOORTEN.items() if isinstance(partij, model))
    return f"{soort}:{partij.uuid}"


class Partijen:
    """The parties of a case of the given kinds (one query per kind), by key."""

    def __init__(self, bestuursproces: Bestuursproces, soorten: Iterable[str]) -> None:
        self.op_sleutel: dict[str, Partij] = {}
        self.keuzes: list[tuple[str, str]] = []
        for soort in soorten:
            model: Any = SOORTEN[soort]
            for partij in model.objects.filter(bestuursproces=bestuursproces).order_by(
                "naam", "id"
            ):
                self.op_sleutel[sleutel(partij)] = partij
                self.keuzes.append((sleutel(partij), f"{partij.naam} ({_soortlabel(soort)})"))

    def partij(self, waarde: str | None) -> Partij | None:
        return self.op_sleutel.get(waarde or "")

    def partijen(self, waarden: Iterable[str]) -> list[Partij]:
        return [p for w in waarden if (p := self.op_sleutel.get(w)) is not None]
