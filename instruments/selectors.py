"""Reads of the catalogue in the shape the API shows, with a fixed number of queries."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from .models import Competentie, Instrument, Kracht, Strategie, SubVraag, Thema, Veld


def velden() -> QuerySet[Veld]:
    """Every veld with its sub-vragen, thema's (with their sub-vraag) and competenties."""
    return Veld.objects.prefetch_related(
        Prefetch("subvragen", queryset=SubVraag.objects.order_by("nummer")),
        Prefetch("themas", queryset=Thema.objects.select_related("subvraag")),
        Prefetch("competenties", queryset=Competentie.objects.all()),
    )


def instrumenten() -> QuerySet[Instrument]:
    """Instruments with their veld, sub-vraag and thema, in the catalogue's order."""
    return Instrument.objects.select_related("veld", "subvraag", "thema")


def strategieen() -> QuerySet[Strategie]:
    return Strategie.objects.all()


def krachten() -> QuerySet[Kracht]:
    return Kracht.objects.all()
