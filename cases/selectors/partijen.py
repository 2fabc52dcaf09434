"""Reads of the register of parties, with the current assessment a viewer may see."""

from __future__ import annotations

from typing import Any

from django.db.models import OuterRef, Prefetch, QuerySet, Subquery

from cases.models import (
    Bestuursproces,
    Betrokkenheidswijziging,
    HuidigeOpdrachtgeverBeoordeling,
    HuidigeSpelerBeoordeling,
    Notitie,
    Opdrachtgever,
    OpdrachtgeverBeoordeling,
    Organisatie,
    Speler,
    SpelerBeoordeling,
    Zichtbaarheid,
)


def organisaties(bestuursproces: Bestuursproces) -> QuerySet[Organisatie]:
    return Organisatie.objects.filter(bestuursproces=bestuursproces)


def hoogste_niveau(zichtbaar: frozenset[str]) -> str | None:
    """The highest level of a viewer who sees every level up to it (as every role does);
    None for any other set of levels, which is read the long way."""
    for niveau in reversed(Zichtbaarheid):
        if niveau in zichtbaar:
            tot = frozenset(n.value for n in Zichtbaarheid if n.rang <= niveau.rang)
            return niveau.value if tot == zichtbaar else None
    return None


def _laatste_zichtbare(
    model: type[SpelerBeoordeling] | type[OpdrachtgeverBeoordeling],
    partij: str,
    zichtbaar: frozenset[str],
    veld: str,
) -> Subquery:
    """One field of the latest assessment of each party that the viewer may see: from the
    read model of current assessments (one indexed row per party and level), or by sorting
    the party's assessments for an unusual set of levels."""
    niveau = hoogste_niveau(zichtbaar)
    if niveau is not None:
        huidig = (
            HuidigeSpelerBeoordeling
            if model is SpelerBeoordeling
            else HuidigeOpdrachtgeverBeoordeling
        )
        return Subquery(
            huidig.objects.filter(**{partij: OuterRef("pk")}, niveau=niveau).values(
                f"beoordeling__{veld}"
            )[:1]
        )
    return Subquery(
        model.objects.filter(**{partij: OuterRef("pk")}, zichtbaarheid__in=zichtbaar)
        .order_by("-tijdstip", "-id")
        .values(veld)[:1]
    )


def _huidige(
    model: type[SpelerBeoordeling] | type[OpdrachtgeverBeoordeling],
    partij: str,
    bestuursproces: Bestuursproces,
    zichtbaar: frozenset[str],
) -> Prefetch[Any]:
    """Each party's latest assessment the viewer may see (read it with
    :func:`huidige_beoordeling`): the read model's row for the viewer's level (one indexed
    read per party, whatever the number of assessments), or a sliced prefetch (a window
    function over every visible assessment) for an unusual set of levels."""
    niveau = hoogste_niveau(zichtbaar)
    if niveau is None:
        beoordelingen = (
            spelerbeoordelingen(bestuursproces, zichtbaar)
            if model is SpelerBeoordeling
            else opdrachtgeverbeoordelingen(bestuursproces, zichtbaar)
        )
        return Prefetch(
            "beoordelingen",
            queryset=beoordelingen.order_by("-tijdstip", "-id")[:1],
            to_attr="_zichtbare_beoordelingen",
        )
    huidig = (
        HuidigeSpelerBeoordeling if model is SpelerBeoordeling else HuidigeOpdrachtgeverBeoordeling
    )
    return Prefetch(
        "huidige_beoordelingen",
        queryset=huidig.objects.filter(niveau=niveau).select_related(
            "beoordeling__auteur", f"beoordeling__{partij}"
        ),
        to_attr="_huidige_rijen",
    )


def spelers(bestuursproces: Bestuursproces, zichtbaar: frozenset[str]) -> QuerySet[Speler]:
    """Spelers with their organisation and, for :func:`huidige_beoordeling`, the latest
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
        .prefetch_related(_huidige(SpelerBeoordeling, "speler", bestuursproces, zichtbaar))
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
            _huidige(OpdrachtgeverBeoordeling, "opdrachtgever", bestuursproces, zichtbaar)
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
    rijen: list[Any] | None = getattr(partij, "_huidige_rijen", None)
    if rijen is not None:
        return rijen[0].beoordeling if rijen else None
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
