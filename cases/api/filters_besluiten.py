"""Query filters of besluiten, afspraken and bijeenkomsten (camelCase parameter names)."""

from __future__ import annotations

import django_filters

from cases.models import Besluit, Orgaan

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
