"""Query filters of the interventies list (camelCase parameter names), strict: an unknown
parameter is a 400 like an invalid value, so that a misspelt filter never silently shows
everything."""

from __future__ import annotations

import uuid
from typing import Any

import django_filters
from django import forms
from django.utils.translation import gettext
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from cases.models import (
    Aangrijpingspunt,
    Interventie,
    InterventieStatus,
    Niveau,
    Uitgepakt,
    Zwaarte,
)
from cases.models.interventies import INTERVENTIEVELD_KEUZES
from instruments.models import Strategie
from procesregie.api.filters import StrikteFilterSet

from .filters import ProcesFilterSet, RelatieFilter
from .verwijzingen import lees_url


class InstrumentVeld(forms.CharField):
    """An instrument of the catalogue by its URL or its uuid; cleans to the uuid."""

    def __init__(self, *, host: str | None = None, **kwargs: Any) -> None:
        self.host = host
        super().__init__(**kwargs)

    def clean(self, value: Any) -> uuid.UUID | None:
        tekst = super().clean(value)
        if not tekst:
            return None
        try:
            return uuid.UUID(tekst)
        except ValueError:
            pass
        try:
            return lees_url(tekst, "instrument-detail", "uuid", self.host)[1]
        except ValueError:
            raise forms.ValidationError(
                gettext("Geef de URL of de uuid van een instrument uit de catalogus."),
                code="invalid",
            ) from None


@extend_schema_field(OpenApiTypes.STR)
class InstrumentFilter(django_filters.Filter):
    field_class = InstrumentVeld


class InterventieFilter(StrikteFilterSet, ProcesFilterSet):
    veld = django_filters.ChoiceFilter(
        field_name="velden__veld",
        choices=INTERVENTIEVELD_KEUZES,
        help_text="Interventies die zich (onder meer) op dit veld richten.",
    )
    status = django_filters.ChoiceFilter(choices=InterventieStatus.choices)
    van = django_filters.DateFilter(
        field_name="datum", lookup_expr="gte", help_text="Met een datum vanaf deze dag."
    )
    tot = django_filters.DateFilter(
        field_name="datum", lookup_expr="lte", help_text="Met een datum tot en met deze dag."
    )
    instrument = InstrumentFilter(
        field_name="instrument__uuid", help_text="URL of uuid van een instrument."
    )
    speler = RelatieFilter(soort="speler", field_name="spelers__uuid")
    opdrachtgever = RelatieFilter(soort="opdrachtgever", field_name="opdrachtgevers__uuid")
    strategie = django_filters.ModelChoiceFilter(
        queryset=Strategie.objects.all(),
        to_field_name="code",
        help_text="Code van een strategie.",
        error_messages={"invalid_choice": "Onbekende strategie."},
    )
    niveau = django_filters.ChoiceFilter(choices=Niveau.choices)
    aangrijpingspunt = django_filters.ChoiceFilter(choices=Aangrijpingspunt.choices)
    zwaarte = django_filters.ChoiceFilter(choices=Zwaarte.choices)
    uitgepakt = django_filters.ChoiceFilter(choices=Uitgepakt.choices)

    class Meta:
        model = Interventie
        fields: list[str] = []

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        request = self.request
        self.filters["instrument"].extra["host"] = (
            request.get_host() if request is not None else None
        )
