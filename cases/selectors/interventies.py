"""Reads of interventies and the reflecties on them, as a viewer may see them."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet

from cases.events.payloads_interventies import (
    interventie_gegevens,
    interventies_op_volgorde,
    reflectie_gegevens,
    reflecties_op_volgorde,
)
from cases.models import (
    Bestuursproces,
    Interventie,
    InterventieVeld,
    Opdrachtgever,
    Reflectie,
    Speler,
)


def reflecties(bestuursproces: Bestuursproces, zichtbaar: frozenset[str]) -> QuerySet[Reflectie]:
    """The reflecties a viewer may see, oldest first, with their authors."""
    return (
        Reflectie.objects.filter(bestuursproces=bestuursproces, zichtbaarheid__in=zichtbaar)
        .select_related("auteur")
        .order_by("vastgelegd_op", "uuid")
    )


def interventies(
    bestuursproces: Bestuursproces, zichtbaar: frozenset[str]
) -> QuerySet[Interventie]:
    """The interventies a viewer may see, by datum, with everything they show prefetched.

    The reflecties the viewer may see are in ``zichtbare_reflecties``; velden, spelers and
    opdrachtgevers in the order of the payloads (by code, by uuid).
    """
    return (
        Interventie.objects.filter(bestuursproces=bestuursproces, zichtbaarheid__in=zichtbaar)
        .select_related("strategie", "instrument", "wyberstap", "auteur")
        .prefetch_related(
            Prefetch("velden", queryset=InterventieVeld.objects.order_by("veld")),
            Prefetch("spelers", queryset=Speler.objects.order_by("uuid")),
            Prefetch("opdrachtgevers", queryset=Opdrachtgever.objects.order_by("uuid")),
            Prefetch(
                "reflecties",
                queryset=reflecties(bestuursproces, zichtbaar),
                to_attr="zichtbare_reflecties",
            ),
        )
        .order_by("datum", "vastgelegd_op", "uuid")
    )


def interventie_vorm(interventie: Interventie) -> dict[str, Any]:
    """An interventie as its payloads have it (needs the prefetch of :func:`interventies`)."""
    return interventie_gegevens(
        interventie,
        velden=[v.veld for v in interventie.velden.all()],
        spelers=[s.uuid for s in interventie.spelers.all()],
        opdrachtgevers=[o.uuid for o in interventie.opdrachtgevers.all()],
        strategie_code=interventie.strategie.code if interventie.strategie else None,
        instrument_uuid=interventie.instrument.uuid if interventie.instrument else None,
        wyberstap_uuid=interventie.wyberstap.uuid if interventie.wyberstap else None,
    )


def zichtbare_reflecties(interventie: Interventie) -> list[Reflectie]:
    """The reflecties the viewer may see (needs the prefetch of :func:`interventies`)."""
    gezien: list[Reflectie] = getattr(interventie, "zichtbare_reflecties", [])
    return gezien


def interventies_toestand(
    bestuursproces: Bestuursproces, zichtbaar: frozenset[str]
) -> list[dict[str, Any]]:
    """The interventies a viewer may see, with their visible reflecties, as replay has them."""
    return interventies_op_volgorde(
        {
            **interventie_vorm(interventie),
            "reflecties": reflecties_op_volgorde(
                reflectie_gegevens(r) for r in zichtbare_reflecties(interventie)
            ),
        }
        for interventie in interventies(bestuursproces, zichtbaar)
    )
