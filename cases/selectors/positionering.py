"""Reads of the regisseur's positioneringen and the procesontwerp."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import OuterRef, QuerySet, Subquery
from django.utils import timezone

from cases.events.payloads_positionering import (
    positionering_gegevens,
    positionering_volgorde,
    procesontwerp_gegevens,
)
from cases.models import (
    Bestuursproces,
    Lidmaatschap,
    Positionering,
    PositioneringsVeld,
    ProcesontwerpVersie,
    Rol,
)

# Newest first within a veld: the current position is the first of this order.
NIEUWSTE_EERST = ("-sinds", "-vastgelegd_op", "-id")


def positioneringen(
    bestuursproces: Bestuursproces, zichtbaar: frozenset[str]
) -> QuerySet[Positionering]:
    """The positioneringen a viewer may see, oldest first (by sinds, then when recorded)."""
    return (
        Positionering.objects.filter(bestuursproces=bestuursproces, zichtbaarheid__in=zichtbaar)
        .select_related("auteur", "wyberstap")
        .order_by("sinds", "vastgelegd_op", "id")
    )


def _tot(
    queryset: QuerySet[Positionering], op: dt.datetime | None, bekend_op: dt.datetime | None
) -> QuerySet[Positionering]:
    # In force on that (Dutch) day, whenever recorded; with bekend_op only what was recorded.
    if op is not None:
        queryset = queryset.filter(sinds__lte=timezone.localdate(op))
    if bekend_op is not None:
        queryset = queryset.filter(vastgelegd_op__lte=bekend_op)
    return queryset


def huidige_positioneringen(
    bestuursproces: Bestuursproces,
    zichtbaar: frozenset[str],
    op: dt.datetime | None = None,
    *,
    bekend_op: dt.datetime | None = None,
) -> dict[str, Positionering | None]:
    """Per veld (all four, in the book's order) the latest position the viewer may see, or None.

    With ``op`` the positions in force on that day (world time), also those recorded later;
    with ``bekend_op`` only what had been recorded then. One query, whatever the length of the
    history.
    """
    zichtbare = _tot(
        Positionering.objects.filter(bestuursproces=bestuursproces, zichtbaarheid__in=zichtbaar),
        op,
        bekend_op,
    )
    laatste_per_veld = zichtbare.filter(veld=OuterRef("veld")).order_by(*NIEUWSTE_EERST)
    gevonden = {
        p.veld: p
        for p in zichtbare.filter(id=Subquery(laatste_per_veld.values("id")[:1])).select_related(
            "auteur", "wyberstap"
        )
    }
    return {veld: gevonden.get(veld) for veld in PositioneringsVeld.values}


def huidige_positioneringen_per_regisseur(
    bestuursproces: Bestuursproces,
    zichtbaar: frozenset[str],
    op: dt.datetime | None = None,
    *,
    bekend_op: dt.datetime | None = None,
) -> list[tuple[Any, dict[str, Positionering | None]]]:
    """Per procesregisseur of the case (by username) the latest visible position per veld
    that they recorded: with two regisseurs, neither's choice hides the other's. Two queries
    (the regisseurs; the latest position per veld and author)."""
    regisseurs = [
        lid.gebruiker
        for lid in Lidmaatschap.objects.filter(
            bestuursproces=bestuursproces, rol=Rol.PROCESREGISSEUR
        )
        .select_related("gebruiker")
        .order_by("gebruiker__username")
    ]
    zichtbare = _tot(
        Positionering.objects.filter(bestuursproces=bestuursproces, zichtbaarheid__in=zichtbaar),
        op,
        bekend_op,
    )
    laatste = zichtbare.filter(veld=OuterRef("veld"), auteur=OuterRef("auteur")).order_by(
        *NIEUWSTE_EERST
    )
    gevonden = {
        (p.auteur_id, p.veld): p
        for p in zichtbare.filter(
            id=Subquery(laatste.values("id")[:1]), auteur__in=[r.pk for r in regisseurs]
        ).select_related("auteur", "wyberstap")
    }
    return [
        (r, {veld: gevonden.get((r.pk, veld)) for veld in PositioneringsVeld.values})
        for r in regisseurs
    ]


def procesontwerpversies(bestuursproces: Bestuursproces) -> QuerySet[ProcesontwerpVersie]:
    return ProcesontwerpVersie.objects.filter(bestuursproces=bestuursproces).select_related(
        "auteur"
    )


def huidig_procesontwerp(bestuursproces: Bestuursproces) -> ProcesontwerpVersie | None:
    # The latest version in world time: an older one may be entered late.
    return procesontwerpversies(bestuursproces).order_by("-aangemaakt_op", "-versie").first()


def positioneringen_toestand(
    bestuursproces: Bestuursproces, zichtbaar: frozenset[str]
) -> list[dict[str, Any]]:
    """The positioneringen a viewer may see, in the shape replay produces."""
    return sorted(
        (
            positionering_gegevens(p, p.wyberstap.uuid if p.wyberstap else None)
            for p in positioneringen(bestuursproces, zichtbaar)
        ),
        key=positionering_volgorde,
    )


def procesontwerp_toestand(bestuursproces: Bestuursproces) -> dict[str, Any] | None:
    """The current procesontwerp, in the shape replay produces."""
    huidig = huidig_procesontwerp(bestuursproces)
    return procesontwerp_gegevens(huidig) if huidig is not None else None
