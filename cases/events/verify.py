"""Checking that a case's chain of events is intact."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass

from cases.models import Bestuursproces, Gebeurtenis

from .canonical import GENESIS_HASH, bereken_hash


@dataclass(frozen=True)
class Breuk:
    """The first place where a chain does not hold."""

    bestuursproces: uuid.UUID
    volgnummer: int
    reden: str

    def __str__(self) -> str:
        return f"bestuursproces {self.bestuursproces}, volgnummer {self.volgnummer}: {self.reden}"


def verifieer_keten(bestuursproces: Bestuursproces) -> Breuk | None:
    """Walk the chain in order; return the first broken link, or None when it holds."""
    verwacht_volgnummer = 1
    vorige_hash = GENESIS_HASH
    gebeurtenissen = Gebeurtenis.objects.filter(bestuursproces=bestuursproces).order_by(
        "volgnummer"
    )
    for gebeurtenis in gebeurtenissen.iterator(chunk_size=2000):
        if gebeurtenis.volgnummer != verwacht_volgnummer:
            return Breuk(
                bestuursproces.uuid,
                verwacht_volgnummer,
                f"volgnummer {verwacht_volgnummer} ontbreekt (gevonden: {gebeurtenis.volgnummer})",
            )
        if gebeurtenis.vorige_hash != vorige_hash:
            return Breuk(
                bestuursproces.uuid,
                gebeurtenis.volgnummer,
                "vorige hash verwijst niet naar de voorgaande gebeurtenis",
            )
        if bereken_hash(gebeurtenis, bestuursproces.uuid) != gebeurtenis.hash:
            return Breuk(
                bestuursproces.uuid,
                gebeurtenis.volgnummer,
                "hash klopt niet met de inhoud (gewijzigd na vastlegging)",
            )
        vorige_hash = gebeurtenis.hash
        verwacht_volgnummer += 1
    return None


def verifieer_alle(
    bestuursprocessen: Iterator[Bestuursproces] | None = None,
) -> Iterator[tuple[Bestuursproces, Breuk | None]]:
    processen = bestuursprocessen or Bestuursproces.objects.order_by("id").iterator()
    for bestuursproces in processen:
        yield bestuursproces, verifieer_keten(bestuursproces)
