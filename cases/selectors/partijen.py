"""Reads of the register of parties, with the current assessment a viewer may see."""

from __future__ import annotations

from typing import Any

from django.db.models import OuterRef, Prefetch, QuerySet, Subquery

from cases.models import (
    Bestuursproces,
    Betrokkenheidswijziging,
    Notitie,
    Opdrachtgever,
    OpdrachtgeverBeoordeling,
    Organisatie,
    Speler,
    SpelerBeoordeling,
)


def organisaties(bestuursproces: Bestuursproces) -> QuerySet[Organisatie]:
    return Organisatie.objects.filter(bestuursproces=bestuursproces)


def _laatste_zichtbare(
    model: type[SpelerBeoordeling] | type[OpdrachtgeverBeoordeling],
    partij: str,
    zichtbaar: frozenset[str],
    veld: str,
) -> Subquery:
    """One field of the latest assessment of each party that the viewer may see."""
    return Subquery(
        model.objects.filter(**{partij: OuterRef("pk")}, zichtbaarheid__in=zichtbaar)
        .order_by("-tijdstip", "-id")
        .values(veld)[:1]
    )


def _laatste(beoordelingen: QuerySet[Any]) -> QuerySet[Any]:
    """Only each party's latest assessment (in world time): a sliced prefetch, which the
    database answers per party with a window function instead of sending every assessment."""
    return beoordelingen.order_by("-tijdstip", "-id")[:1]


def spelers(bestuursproces: Bestuursproces, zichtbaar: frozenset[str]) -> QuerySet[Speler]:
    """Spelers with their organisation and, in ``_zichtbare_beoordelingen``, the latest
    assessment the viewer may see (the current one for that viewer).

    Annotated with ``huidig_standpunt`` and ``huidige_macht`` from that same current
    assessment, so lists can be filtered on how a speler stands as the viewer sees it.
    """
    return (
        Speler.objects.filter(bestuursproces=bestuursproces)
        .annotate(
            huidig_standpunt=_laatste_zichtbare(
                SpelerBeoordeling, "speler", zichtbaar, "standpunt"
            ),
            huidige_macht=_laatste_zichtbare(SpelerBeoordeling, "speler", zichtbaar, "macht"),
        )
        .select_related("organisatie")
        .prefetch_related(
            Prefetch(
                "beoordelingen",
                queryset=_laatste(spelerbeoordelingen(bestuursproces, zichtbaar)),
                to_attr="_zichtbare_beoordelingen",
            )
        )
    )


def opdrachtgevers(
    bestuursproces: Bestuursproces, zichtbaar: frozenset[str]
) -> QuerySet[Opdrachtgever]:
    """Like :func:`spelers`, for opdrachtgevers; annotated with ``huidige_steun``."""
    return (
        Opdrachtgever.objects.filter(bestuursproces=bestuursproces)
        .annotate(
            huidige_steun=_laatste_zichtbare(
                OpdrachtgeverBeoordeling, "opdrachtgever", zichtbaar, "steun"
            )
        )
        .select_related("organisatie")
        .prefetch_related(
            Prefetch(
                "beoordelingen",
                queryset=_laatste(opdrachtgeverbeoordelingen(bestuursproces, zichtbaar)),
                to_attr="_zichtbare_beoordelingen",
            )
        )
    )


def spelerbeoordelingen(
    bestuursproces: Bestuursproces, zichtbaar: frozenset[str]
) -> QuerySet[SpelerBeoordeling]:
    return (
        SpelerBeoordeling.objects.filter(bestuursproces=bestuursproces, zichtbaarheid__in=zichtbaar)
        .select_related("auteur", "speler")
        .order_by("tijdstip", "id")
    )


def opdrachtgeverbeoordelingen(
    bestuursproces: Bestuursproces, zichtbaar: frozenset[str]
) -> QuerySet[OpdrachtgeverBeoordeling]:
    return (
        OpdrachtgeverBeoordeling.objects.filter(
            bestuursproces=bestuursproces, zichtbaarheid__in=zichtbaar
        )
        .select_related("auteur", "opdrachtgever")
        .order_by("tijdstip", "id")
    )


def huidige_beoordeling(partij: Speler | Opdrachtgever) -> Any:
    """The latest assessment the viewer may see (needs the prefetch of the selectors above)."""
    zichtbaar: list[Any] = getattr(partij, "_zichtbare_beoordelingen", [])
    return zichtbaar[0] if zichtbaar else None


def betrokkenheidswijzigingen(
    bestuursproces: Bestuursproces,
) -> QuerySet[Betrokkenheidswijziging]:
    return (
        Betrokkenheidswijziging.objects.filter(bestuursproces=bestuursproces)
        .select_related("speler", "opdrachtgever", "door")
        .order_by("tijdstip", "id")
    )


def notities(bestuursproces: Bestuursproces, zichtbaar: frozenset[str]) -> QuerySet[Notitie]:
    return (
        Notitie.objects.filter(bestuursproces=bestuursproces, zichtbaarheid__in=zichtbaar)
        .select_related("auteur", "speler", "opdrachtgever")
        .order_by("tijdstip", "id")
    )
