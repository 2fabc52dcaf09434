"""Reads of besluiten (with the opdracht's besluitmomenten and whether they were taken) and
afspraken."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, QuerySet

from cases.events.payloads_besluiten import (
    afspraak_gegevens,
    afspraken_op_volgorde,
    besluit_gegevens,
    besluiten_op_volgorde,
    bijeenkomst_gegevens,
    bijeenkomsten_op_volgorde,
)
from cases.models import (
    Afspraak,
    AfspraakStatus,
    Besluit,
    Besluitmoment,
    Bestuursproces,
    Bijeenkomst,
    BijeenkomstStatus,
    Deelnemer,
    Interventie,
)


def besluiten(bestuursproces: Bestuursproces, zichtbaar: frozenset[str]) -> QuerySet[Besluit]:
    """The besluiten the viewer may see, oldest first, with who decided and who recorded."""
    return (
        Besluit.objects.filter(bestuursproces=bestuursproces, zichtbaarheid__in=zichtbaar)
        .select_related("opdrachtgever", "organisatie", "bijeenkomst", "vastgelegd_door")
        .order_by("datum", "id")
    )


def besluiten_toestand(
    bestuursproces: Bestuursproces, zichtbaar: frozenset[str]
) -> list[dict[str, Any]]:
    return besluiten_op_volgorde(besluit_gegevens(b) for b in besluiten(bestuursproces, zichtbaar))


class Besluitmomentstatus:
    GENOMEN = "genomen"
    VERLOPEN = "verlopen"
    GEPLAND = "gepland"


@dataclass
class BesluitmomentStand:
    """A besluitmoment of the opdracht and the besluiten (visible to the viewer) that
    fulfil it: genomen with one, verlopen when its date passed without one, else gepland."""

    datum: dt.date
    soort: str
    gevraagd: str
    status: str
    besluiten: list[Besluit] = field(default_factory=list)


def besluitmomenten(
    bestuursproces: Bestuursproces, zichtbaar: frozenset[str], vandaag: dt.date
) -> list[BesluitmomentStand]:
    """Every besluitmoment of the opdracht by date, with its status as of ``vandaag``."""
    # Two queries: the besluitmomenten, and the visible besluiten that fulfil any of them.
    momenten = list(
        Besluitmoment.objects.filter(bestuursproces=bestuursproces).order_by("datum", "volgorde")
    )
    per_datum: dict[dt.date, list[Besluit]] = {}
    for besluit in besluiten(bestuursproces, zichtbaar).filter(besluitmoment__isnull=False):
        assert besluit.besluitmoment is not None
        per_datum.setdefault(besluit.besluitmoment, []).append(besluit)
    standen = []
    for moment in momenten:
        genomen = per_datum.get(moment.datum, [])
        if genomen:
            status = Besluitmomentstatus.GENOMEN
        elif moment.datum < vandaag:
            status = Besluitmomentstatus.VERLOPEN
        else:
            status = Besluitmomentstatus.GEPLAND
        standen.append(
            BesluitmomentStand(moment.datum, moment.soort, moment.gevraagd, status, genomen)
        )
    return standen


AFSPRAAK_RELATIES = (
    "speler",
    "opdrachtgever",
    "organisatie",
    "aan_speler",
    "aan_opdrachtgever",
    "aan_organisatie",
    "wyberstap",
    "besluit",
    "bijeenkomst",
    "vastgelegd_door",
)


def afspraken(bestuursproces: Bestuursproces, zichtbaar: frozenset[str]) -> QuerySet[Afspraak]:
    """The afspraken the viewer may see, in the order they were made, with every relation."""
    return (
        Afspraak.objects.filter(bestuursproces=bestuursproces, zichtbaarheid__in=zichtbaar)
        .select_related(*AFSPRAAK_RELATIES)
        .order_by("datum", "id")
    )


def verlopen(afspraken: QuerySet[Afspraak], vandaag: dt.date) -> QuerySet[Afspraak]:
    """Open afspraken whose uiterlijk lies before ``vandaag``."""
    return afspraken.filter(status=AfspraakStatus.OPEN, uiterlijk__lt=vandaag)


def afspraken_toestand(
    bestuursproces: Bestuursproces, zichtbaar: frozenset[str]
) -> list[dict[str, Any]]:
    return afspraken_op_volgorde(afspraak_gegevens(a) for a in afspraken(bestuursproces, zichtbaar))


def _bijeenkomsten_kern(
    bestuursproces: Bestuursproces, zichtbaar: frozenset[str]
) -> QuerySet[Bijeenkomst]:
    """The bijeenkomsten the viewer may see, by date, with their soort, wyber-stap and
    author; their deelnemers (with parties) and interventies prefetched (two queries more)."""
    return (
        Bijeenkomst.objects.filter(bestuursproces=bestuursproces, zichtbaarheid__in=zichtbaar)
        .select_related("soort", "wyberstap", "vastgelegd_door")
        .prefetch_related(
            Prefetch(
                "deelnemers",
                queryset=Deelnemer.objects.select_related("speler", "opdrachtgever").order_by(
                    "volgorde"
                ),
            ),
            Prefetch("interventies", queryset=Interventie.objects.order_by("id")),
        )
        .order_by("datum", "id")
    )


def bijeenkomsten(
    bestuursproces: Bestuursproces, zichtbaar: frozenset[str]
) -> QuerySet[Bijeenkomst]:
    """As :func:`_bijeenkomsten_kern`, with the besluiten and afspraken the viewer may see
    that came out of each (two queries more)."""
    return _bijeenkomsten_kern(bestuursproces, zichtbaar).prefetch_related(
        Prefetch(
            "besluiten",
            queryset=Besluit.objects.filter(zichtbaarheid__in=zichtbaar).order_by("datum", "id"),
            to_attr="zichtbare_besluiten",
        ),
        Prefetch(
            "afspraken",
            queryset=Afspraak.objects.filter(zichtbaarheid__in=zichtbaar).order_by("datum", "id"),
            to_attr="zichtbare_afspraken",
        ),
    )


def bijeenkomsten_toestand(
    bestuursproces: Bestuursproces, zichtbaar: frozenset[str]
) -> list[dict[str, Any]]:
    return bijeenkomsten_op_volgorde(
        bijeenkomst_gegevens(b, list(b.deelnemers.all()), list(b.interventies.all()))
        for b in _bijeenkomsten_kern(bestuursproces, zichtbaar)
    )


@dataclass
class Aanwezigheid:
    """One party (or a person by name) over the bijeenkomsten the viewer may see."""

    naam: str
    speler: Any = None
    opdrachtgever: Any = None
    uitgenodigd: int = 0
    aanwezig: int = 0
    bijeenkomsten: list[tuple[Bijeenkomst, Deelnemer]] = field(default_factory=list)


def aanwezigheid(bestuursproces: Bestuursproces, zichtbaar: frozenset[str]) -> list[Aanwezigheid]:
    """Per party or name: how often invited and present, and at which bijeenkomsten (by
    date), ordered by name; over the bijeenkomsten that were held (a planned or cancelled one
    has no attendance)."""
    per_deelnemer: dict[tuple[str, Any], Aanwezigheid] = {}
    for bijeenkomst in bijeenkomsten(bestuursproces, zichtbaar).filter(
        status=BijeenkomstStatus.GEHOUDEN
    ):
        for d in bijeenkomst.deelnemers.all():
            partij = d.partij
            sleutel = (type(partij).__name__, partij.pk) if partij else ("naam", d.naam)
            regel = per_deelnemer.setdefault(
                sleutel,
                Aanwezigheid(
                    naam=d.partijnaam(),
                    speler=d.speler,
                    opdrachtgever=d.opdrachtgever,
                ),
            )
            regel.uitgenodigd += d.uitgenodigd
            regel.aanwezig += d.aanwezig
            regel.bijeenkomsten.append((bijeenkomst, d))
    return sorted(per_deelnemer.values(), key=lambda r: (r.naam, r.speler is None))
