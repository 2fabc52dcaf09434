"""The tijdlijn: what happened in the case, told in short Dutch sentences."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from cases.selectors.tijdlijn import tijdlijn

from .. import serializers as s
from .basis import BestuursprocesBasis, bekend_op_parameter, lees_tijdstip, tijdstip_parameter


@extend_schema(tags=["tijdlijn"])
class TijdlijnView(BestuursprocesBasis):
    serializer_class = s.TijdlijnItemSerializer
    filter_backends: list[Any] = []

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
        # Queries: case with my role; its events up to tot (described in Python), so the page
        # is cut from that list and there is no count query.
        tot = lees_tijdstip(request, "tot") or timezone.now()
        van = lees_tijdstip(request, "van")
        if van is not None and van > tot:
            raise ValidationError(
                {"van": [serializers.ErrorDetail("van ligt na tot.", code="invalid")]}
            )
        items = tijdlijn(
            self.get_bestuursproces(),
            van,
            tot,
            self.zichtbaar(),
            bekend_op=lees_tijdstip(request, "bekendOp"),
        )
        pagina = self.paginate_queryset(items)
        return self.get_paginated_response(self.get_serializer(pagina, many=True).data)
