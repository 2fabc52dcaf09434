"""Query filters of the catalogue endpoints (camelCase parameter names, strict)."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Q, QuerySet

from instruments.models import Doel, Instrument, Kracht, Strategie, Veld, VeldCode
from procesregie.api.filters import StrikteFilterSet

ONBEKEND = "onbekend"


class VeldFilter(StrikteFilterSet):
    class Meta:
        model = Veld
        fields: list[str] = []


class InstrumentFilter(StrikteFilterSet):
    zoek = django_filters.CharFilter(
        method="filter_zoek",
        max_length=200,
        help_text=(
            "Zoekt in naam, verdiepingsvraag en omschrijving; hoofdletters maken niet uit "
            "(op SQLite alleen voor letters zonder accent)."
        ),
    )
    veld = django_filters.ChoiceFilter(
        field_name="veld__code", choices=VeldCode.choices, help_text="De code van het veld."
    )
    thema = django_filters.CharFilter(
        field_name="thema__naam",
        lookup_expr="iexact",
        max_length=100,
        help_text=(
            "De naam van het thema, precies zoals in `themas` van het veld (hoofdletters maken "
            "niet uit). Dezelfde naam kan in meer velden voorkomen (bijvoorbeeld Analyse): "
            "combineer dan met `veld`."
        ),
    )
    doel = django_filters.ChoiceFilter(choices=Doel.choices, help_text="Het doel.")
    voorkeursinstrument = django_filters.ChoiceFilter(
        method="filter_voorkeursinstrument",
        choices=[("true", "Ja"), ("false", "Nee"), (ONBEKEND, "Onbekend")],
        help_text="`true`, `false`, of `onbekend` voor instrumenten waarvan het niet bekend is.",
    )

    class Meta:
        model = Instrument
        fields: list[str] = []

    def filter_zoek(
        self, queryset: QuerySet[Instrument], name: str, value: str
    ) -> QuerySet[Instrument]:
        # icontains is ILIKE on PostgreSQL and LIKE (case-insensitive for ASCII) on SQLite.
        return queryset.filter(
            Q(naam__icontains=value)
            | Q(verdiepingsvraag__icontains=value)
            | Q(omschrijving__icontains=value)
        )

    def filter_voorkeursinstrument(
        self, queryset: QuerySet[Instrument], name: str, value: str
    ) -> QuerySet[Instrument]:
        waarde: Any = None if value == ONBEKEND else value == "true"
        if waarde is None:
            return queryset.filter(voorkeursinstrument__isnull=True)
        return queryset.filter(voorkeursinstrument=waarde)


class StrategieFilter(StrikteFilterSet):
    class Meta:
        model = Strategie
        fields: list[str] = []


class KrachtFilter(StrikteFilterSet):
    class Meta:
        model = Kracht
        fields: list[str] = []
