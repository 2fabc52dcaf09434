"""Reads of the wyber-stappen: steps with their options, consolidation and consents."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet

from cases.events.payloads import (
    consolidatie_gegevens,
    instemming_gegevens,
    optie_gegevens,
    wyberstap_gegevens,
)
from cases.models import Bestuursproces, Consolidatie, Instemming, Optie, WyberStap


def wyberstappen(bestuursproces: Bestuursproces) -> QuerySet[WyberStap]:
    """Steps in order, with what they hold prefetched (a fixed number of queries)."""
    return (
        WyberStap.objects.filter(bestuursproces=bestuursproces)
        .select_related("heropent", "consolidatie")
        .prefetch_related(
            Prefetch(
                "opties",
                queryset=Optie.objects.select_related(
                    "speler", "opdrachtgever", "samengevoegd_in"
                ).order_by("ingebracht_op", "id"),
            ),
            Prefetch(
                "instemmingen",
                queryset=Instemming.objects.select_related(
                    "speler", "opdrachtgever", "besluit"
                ).order_by("id"),
            ),
        )
        .order_by("volgnummer")
    )


def consolidatie_van(stap: WyberStap) -> Consolidatie | None:
    try:
        return stap.consolidatie
    except Consolidatie.DoesNotExist:
        return None


def optie_vorm(optie: Optie) -> dict[str, Any]:
    speler, opdrachtgever = optie.speler, optie.opdrachtgever
    return optie_gegevens(
        optie, speler.uuid if speler else None, opdrachtgever.uuid if opdrachtgever else None
    )


def wyberstap_toestand(stap: WyberStap) -> dict[str, Any]:
    """A step in the shape replay produces."""
    consolidatie = consolidatie_van(stap)
    return {
        **wyberstap_gegevens(stap, stap.heropent.uuid if stap.heropent else None),
        "opties": [
            optie_gegevens(
                o,
                o.speler.uuid if o.speler else None,
                o.opdrachtgever.uuid if o.opdrachtgever else None,
            )
            for o in stap.opties.all()
        ],
        "consolidatie": consolidatie_gegevens(consolidatie) if consolidatie else None,
        "instemmingen": [instemming_gegevens(i) for i in stap.instemmingen.all()],
    }
