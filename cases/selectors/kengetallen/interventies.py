"""The interventies of a case: per veld and per strategie with how they worked out, and
the balance over the four sides of the creatielemniscaat (book §2.3)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

from django.utils.translation import gettext

from cases.models import Bestuursproces, Interventie, InterventieStatus, InterventieVeld, Uitgepakt
from cases.models.interventies import INTERVENTIEVELD_KEUZES
from cases.selectors.aandacht import KantAandacht, balans

ZONDER_STRATEGIE = ""


@dataclass(frozen=True)
class Uitkomsten:
    """How interventies worked out: the three answers of their evaluation (book ch. 7: leren),
    and those not evaluated (yet): planned or done but not looked back on."""

    ja: int = 0
    deels: int = 0
    nee: int = 0
    niet_geevalueerd: int = 0

    @property
    def totaal(self) -> int:
        return self.ja + self.deels + self.nee + self.niet_geevalueerd

    @property
    def geevalueerd(self) -> int:
        return self.ja + self.deels + self.nee


@dataclass(frozen=True)
class InterventiesIn:
    """The interventies aimed at one veld, or following one strategie, and their outcome."""

    code: str
    naam: str
    uitkomsten: Uitkomsten


@dataclass(frozen=True)
class Interventiecijfers:
    totaal: Uitkomsten
    gepland: int
    per_veld: tuple[InterventiesIn, ...]
    per_strategie: tuple[InterventiesIn, ...]


def _uitkomsten(uitgepakt: Iterable[str]) -> Uitkomsten:
    tellingen: dict[str, int] = defaultdict(int)
    for waarde in uitgepakt:
        tellingen[waarde or "niet_geevalueerd"] += 1
    return Uitkomsten(
        ja=tellingen[Uitgepakt.JA],
        deels=tellingen[Uitgepakt.DEELS],
        nee=tellingen[Uitgepakt.NEE],
        niet_geevalueerd=tellingen["niet_geevalueerd"],
    )


class Interventierij(NamedTuple):
    id: int
    status: str
    uitgepakt: str
    datum: dt.date
    strategie: str | None  # code
    strategie_naam: str | None
    strategie_volgorde: int | None


# The columns of an interventie (the fields of Interventierij) and of its velden, in order.
INTERVENTIEKOLOMMEN = (
    "id",
    "status",
    "uitgepakt",
    "datum",
    "strategie__code",
    "strategie__naam",
    "strategie__volgorde",
)


VELDKOLOMMEN = ("interventie_id", "veld")


def interventierijen(
    bestuursproces: Bestuursproces, zichtbaar: frozenset[str]
) -> tuple[list[Interventierij], list[tuple[int, str]]]:
    """A row per visible interventie and (interventie id, veld) per veld it aims at: two
    queries."""
    interventies = [
        Interventierij(*rij)
        for rij in Interventie.objects.filter(
            bestuursproces=bestuursproces, zichtbaarheid__in=zichtbaar
        )
        .order_by("datum", "id")
        .values_list(*INTERVENTIEKOLOMMEN)
    ]
    velden = list(
        InterventieVeld.objects.filter(
            bestuursproces=bestuursproces, interventie__zichtbaarheid__in=zichtbaar
        ).values_list(*VELDKOLOMMEN)
    )
    return interventies, velden


def interventiecijfers(
    interventies: list[Interventierij], velden: list[tuple[int, str]]
) -> Interventiecijfers:
    """The interventies per veld (an interventie aiming at two velden counts for both) and per
    strategie used (the catalogue's order; those without one last), each with its outcomes."""
    uitgepakt = {i.id: i.uitgepakt for i in interventies}
    per_veld: dict[str, list[str]] = defaultdict(list)
    for interventie, veld in velden:
        per_veld[veld].append(uitgepakt[interventie])
    per_strategie: dict[str, list[str]] = defaultdict(list)
    volgorde: dict[str, tuple[int, str]] = {ZONDER_STRATEGIE: (2**31, "")}
    namen = {ZONDER_STRATEGIE: gettext("Zonder strategie")}
    for i in interventies:
        code = i.strategie or ZONDER_STRATEGIE
        per_strategie[code].append(i.uitgepakt)
        if i.strategie:
            namen[code] = i.strategie_naam or code
            volgorde[code] = (i.strategie_volgorde or 0, namen[code])
    return Interventiecijfers(
        totaal=_uitkomsten(uitgepakt.values()),
        gepland=sum(i.status == InterventieStatus.GEPLAND for i in interventies),
        per_veld=tuple(
            InterventiesIn(code, str(naam), _uitkomsten(per_veld[code]))
            for code, naam in INTERVENTIEVELD_KEUZES
        ),
        per_strategie=tuple(
            InterventiesIn(code, namen[code], _uitkomsten(per_strategie[code]))
            for code in sorted(per_strategie, key=volgorde.__getitem__)
        ),
    )


@dataclass(frozen=True)
class Lemniscaatbalans:
    """The attention over the four sides of the creatielemniscaat (book §2.3): interventies
    done (uitgevoerd or geëvalueerd) whose velden lie on each side."""

    totaal: int
    kanten: tuple[KantAandacht, ...]


def lemniscaatbalans(
    interventies: list[Interventierij], velden: list[tuple[int, str]], tot: dt.date
) -> Lemniscaatbalans:
    """The balance of :mod:`cases.selectors.aandacht` over the whole case up to ``tot``."""
    per_id = {i.id: i for i in interventies}
    rijen = [
        (interventie, veld, per_id[interventie].status, per_id[interventie].datum)
        for interventie, veld in velden
        if per_id[interventie].datum <= tot
    ]
    resultaat = balans(rijen, van=None, tot=tot)
    return Lemniscaatbalans(totaal=resultaat.totaal, kanten=tuple(resultaat.kanten))
