"""Query filters of the case endpoints (camelCase parameter names)."""

from __future__ import annotations

import django_filters

from cases.models import (
    Aanpak,
    Bestuursproces,
    Gebeurtenis,
    GebeurtenisType,
    RolGemeente,
    Stadium,
    Status,
)


class BestuursprocesFilter(django_filters.FilterSet):
    stadium = django_filters.ChoiceFilter(choices=Stadium.choices, help_text="Huidig stadium.")
    status = django_filters.ChoiceFilter(choices=Status.choices)
    rolGemeente = django_filters.ChoiceFilter(
        field_name="rol_gemeente", choices=RolGemeente.choices
    )
    aanpak = django_filters.ChoiceFilter(choices=Aanpak.choices)
    titel = django_filters.CharFilter(
        field_name="titel", lookup_expr="icontains", help_text="Deel van de titel."
    )

    class Meta:
        model = Bestuursproces
        fields: list[str] = []


class GebeurtenisFilter(django_filters.FilterSet):
    type = django_filters.ChoiceFilter(choices=GebeurtenisType.choices)
    vanafVolgnummer = django_filters.NumberFilter(
        field_name="volgnummer", lookup_expr="gte", help_text="Vanaf dit volgnummer (inclusief)."
    )
    vanafTijdstip = django_filters.IsoDateTimeFilter(
        field_name="tijdstip", lookup_expr="gte", help_text="Vanaf dit tijdstip (ISO 8601)."
    )
    totTijdstip = django_filters.IsoDateTimeFilter(
        field_name="tijdstip", lookup_expr="lte", help_text="Tot en met dit tijdstip (ISO 8601)."
    )

    class Meta:
        model = Gebeurtenis
        fields: list[str] = []
