"""The tijdlijn: what happened in the case, told in short Dutch sentences."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from cases.selectors.tijdlijn import TijdlijnItem, tijdlijn, tijdlijnreeks
from procesregie.api.sleutelpaginering import Sleutelpaginering

from .. import serializers as s
from .basis import BestuursprocesBasis, bekend_op_parameter, lees_tijdstip, tijdstip_parameter


@extend_schema(tags=["tijdlijn"])
class TijdlijnView(BestuursprocesBasis):
    serializer_class = s.TijdlijnItemSerializer
    filter_backends: list[Any] = []
    # A fact entered late lands anywhere in the list: the next link names the last item.
    pagination_class = Sleutelpaginering

    @extend_schema(
        operation_id="tijdlijn_list",
        summary="Tijdlijn",
        description=(
            "Eén geordende lijst van wat er gebeurde: stadiumovergangen, wyber-stappen en hun "
            "fasen, opties en besluiten daarover, consolidaties en instemmingen, gewijzigde "
            "instemmers, heropeningen, betrokkenheid, beoordelingen en notities. Elk item met "
            "tijdstip, soort, een korte omschrijving en een link. Wat jij niet mag zien, "
            "ontbreekt helemaal. De volgorde is die waarin het gebeurde (werkelijke tijd), ook "
            "als iets later werd vastgelegd; zulke items hebben laterVastgelegd. Ook de opening, "
            "herzieningen van het idee en statuswijzigingen (de afronding met haar uitkomst) "
            "staan erop."
        ),
        parameters=[
            tijdstip_parameter("van", "Vanaf dit moment (ISO 8601); standaard het begin."),
            tijdstip_parameter("tot", "Tot en met dit moment (ISO 8601); standaard nu."),
            bekend_op_parameter(),
        ],
        responses=s.TijdlijnItemSerializer(many=True),
    )
    def get(self, request: Request, uuid: Any) -> Response:
        # Queries: case with my role; the items counted, then one page of them with their
        # events (the read model, in SQL; only that page is told). As known at bekendOp: the
        # events up to then, folded and told in Python, the page cut from that list.
        tot = lees_tijdstip(request, "tot") or timezone.now()
        van = lees_tijdstip(request, "van")
        if van is not None and van > tot:
            raise ValidationError(
                {"van": [serializers.ErrorDetail(gettext("van ligt na tot."), code="invalid")]}
            )
        bekend_op = lees_tijdstip(request, "bekendOp")
        items: Sequence[TijdlijnItem] | None = None
        if bekend_op is None:
            items = tijdlijnreeks(self.get_bestuursproces(), van, tot, self.zichtbaar())
        if items is None:
            items = tijdlijn(
                self.get_bestuursproces(), van, tot, self.zichtbaar(), bekend_op=bekend_op
            )
        pagina = self.paginate_queryset(items)
        return self.get_paginated_response(self.get_serializer(pagina, many=True).data)
