"""Reads of the Wyberen task: the steps with their options, consolidation and consent matrix,
and the parties of the case (a fixed number of queries whatever the number of steps)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from cases.models import (
    Bestuursproces,
    Consolidatie,
    Fase,
    Instemming,
    Opdrachtgever,
    Optie,
    Speler,
    WyberStap,
)
from cases.selectors.wyberen import consolidatie_van, wyberstappen

from .wyberformulieren import Partij, Partijen


@dataclass
class Instemmingsrij:
    """One party of the consent matrix, with its form for a member who works."""

    instemming: Instemming
    partij: str
    formulier: Any = None

    @property
    def uuid(self) -> str:
        return str(self.instemming.uuid)

    @property
    def status_label(self) -> str:
        return str(Instemming.Status(self.instemming.status).label)


@dataclass
class Stapweergave:
    stap: WyberStap
    opties: list[Optie]
    consolidatie: Consolidatie | None
    rijen: list[Instemmingsrij]
    # The phases as (label, 'bereikt' / 'huidig' / 'open').
    fasen: list[tuple[str, str]]
    formulieren: dict[str, Any]

    @property
    def open_opties(self) -> list[Optie]:
        return [o for o in self.opties if o.status == Optie.Status.OPEN]

    @property
    def instemmers(self) -> list[Partij]:
        return [_partij(r.instemming) for r in self.rijen]

    @property
    def aantal_rond(self) -> int:
        return sum(1 for r in self.rijen if r.instemming.rond)


def _partij(instemming: Instemming) -> Partij:
    partij = instemming.speler or instemming.opdrachtgever
    assert partij is not None
    return partij


def partijen(bestuursproces: Bestuursproces) -> Partijen:
    """The spelers and opdrachtgevers of the case (two queries)."""
    return Partijen(
        spelers=list(Speler.objects.filter(bestuursproces=bestuursproces).order_by("naam", "id")),
        opdrachtgevers=list(
            Opdrachtgever.objects.filter(bestuursproces=bestuursproces).order_by("naam", "id")
        ),
    )


def fasen(stap: WyberStap) -> list[tuple[str, str]]:
    huidig = list(Fase).index(Fase(stap.fase))
    return [
        (
            str(fase.label),
            "huidig" if index == huidig else ("bereikt" if index < huidig else "open"),
        )
        for index, fase in enumerate(Fase)
    ]


def stappen(bestuursproces: Bestuursproces) -> list[Stapweergave]:
    """Every step, newest first (three queries: steps with consolidation and the step they
    reopen, their options, their consents with the parties)."""
    resultaat = []
    for stap in wyberstappen(bestuursproces):
        rijen = [
            Instemmingsrij(instemming=i, partij=Partijen.naam(_partij(i)))
            for i in stap.instemmingen.all()
        ]
        resultaat.append(
            Stapweergave(
                stap=stap,
                opties=list(stap.opties.all()),
                consolidatie=consolidatie_van(stap),
                rijen=rijen,
                fasen=fasen(stap),
                formulieren={},
            )
        )
    resultaat.reverse()
    return resultaat
