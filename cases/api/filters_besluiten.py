"""Query filters of besluiten, afspraken and bijeenkomsten (camelCase parameter names)."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext

from cases.models import Afspraak, AfspraakStatus, Besluit, Orgaan
from cases.selectors.besluiten import verlopen

from .filters import ProcesFilterSet, RelatieFilter


class BesluitFilter(ProcesFilterSet):
    opdrachtgever = RelatieFilter(soort="opdrachtgever")
    organisatie = RelatieFilter(soort="organisatie")
    orgaan = django_filters.ChoiceFilter(choices=Orgaan.choices)
    van = django_filters.IsoDateTimeFilter(
        field_name="datum", lookup_expr="gte", help_text="Besloten vanaf (ISO 8601)."
    )
    tot = django_filters.IsoDateTimeFilter(
        field_name="datum", lookup_expr="lte", help_text="Besloten tot en met (ISO 8601)."
    )

    class Meta:
        model = Besluit
        fields: list[str] = []


class StriktJaNeeVeld(forms.NullBooleanField):
    """true or false; anything else is an error (Django's field reads it as unknown)."""

    widget = forms.TextInput

    # The stubs type it as BooleanField.to_python; a NullBooleanField may return None.
    def to_python(self, value: Any) -> bool | None:  # type: ignore[override]
        if value in (None, ""):
            return None
        if value not in ("true", "false"):
            raise forms.ValidationError(gettext("Geef true of false."), code="invalid")
        return value == "true"


class StriktJaNeeFilter(django_filters.BooleanFilter):
    field_class = StriktJaNeeVeld


class AfspraakFilter(ProcesFilterSet):
    status = django_filters.ChoiceFilter(choices=AfspraakStatus.choices)
    verlopen = StriktJaNeeFilter(
        method="filter_verlopen",
        help_text="true: open afspraken waarvan de dag uiterlijk voorbij is; false: de andere.",
    )

    class Meta:
        model = Afspraak
        fields: list[str] = []

    def filter_verlopen(
        self, queryset: QuerySet[Afspraak], name: str, value: bool | None
    ) -> QuerySet[Afspraak]:
        if value is None:
            return queryset
        te_laat = verlopen(queryset, timezone.localdate())
        return te_laat if value else queryset.exclude(pk__in=te_laat.values("pk"))
