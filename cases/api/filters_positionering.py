"""Query filters of the positioneringen (camelCase parameter names)."""

from __future__ import annotations

from typing import Any

import django_filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from cases.models import Positie, Positionering, PositioneringsVeld

from .filters import ProcesFilterSet, RelatieFilter, RelatieVeld


class WyberStapVeld(RelatieVeld):
    """A wyber-stap of this case by its URL or uuid (its route names the step ``stap``)."""

    kwarg = "stap"


@extend_schema_field(OpenApiTypes.STR)
class WyberStapRelatieFilter(RelatieFilter):
    field_class = WyberStapVeld

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("field_name", "wyberstap__uuid")
        kwargs.setdefault("help_text", "URL of uuid van een wyber-stap van dit bestuursproces.")
        super().__init__(soort="wyberstap", **kwargs)


class PositioneringFilter(ProcesFilterSet):
    veld = django_filters.ChoiceFilter(choices=PositioneringsVeld.choices)
    positie = django_filters.ChoiceFilter(choices=Positie.choices)
    wyberstap = WyberStapRelatieFilter()
    van = django_filters.DateFilter(
        field_name="sinds", lookup_expr="gte", help_text="Sinds op of na deze datum (JJJJ-MM-DD)."
    )
    tot = django_filters.DateFilter(
        field_name="sinds", lookup_expr="lte", help_text="Sinds op of vóór deze datum (JJJJ-MM-DD)."
    )

    class Meta:
        model = Positionering
        fields: list[str] = []
