"""The krachtenveld now or at a moment, and who shifted when and why."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from cases import selectors
from procesregie.api.sleutelpaginering import Sleutelpaginering

from .. import serializers as s
from .basis import BestuursprocesBasis, bekend_op_parameter, lees_tijdstip, tijdstip_parameter


@extend_schema(tags=["krachtenveld"])
class KrachtenveldView(BestuursprocesBasis):
    serializer_class = s.KrachtenveldSerializer
    filter_backends: list[Any] = []

    @extend_schema(
        operation_id="krachtenveld_read",
        summary="Krachtenveld",
        description=(
            "De spelers en opdrachtgevers op een moment, gegroepeerd naar standpunt (bij "
            "opdrachtgevers: steun) en macht, met invloed en betrokkenheid. Elke partij staat "
            "waar de laatste beoordeling die jij mag zien haar plaatst; zonder zo'n "
            "beoordeling staat ze bij nietBeoordeeld."
        ),
        parameters=[
            tijdstip_parameter(
                "tijdstip",
                "Het moment in werkelijke tijd (ISO 8601, met tijdzone): hoe het er toen voor "
                "stond; standaard nu.",
            ),
            bekend_op_parameter(),
        ],
    )
    def get(self, request: Request, uuid: Any) -> Response:
        # Queries: case with my role; its events up to the moment (folded in Python).
        tijdstip = lees_tijdstip(request) or timezone.now()
        veld = selectors.krachtenveld(
            self.get_bestuursproces(),
            tijdstip,
            self.zichtbaar(),
            bekend_op=lees_tijdstip(request, "bekendOp"),
        )
        if veld is None:
            raise NotFound(gettext("Het bestuursproces bestond op dat tijdstip nog niet."))
        return Response(self.get_serializer({"tijdstip": tijdstip, **veld}).data)


@extend_schema(tags=["krachtenveld"])
class VerschuivingenView(BestuursprocesBasis):
    serializer_class = s.VerschuivingSerializer
    filter_backends: list[Any] = []
    # A fact entered late lands anywhere in the list: the next link names the last shift.
    pagination_class = Sleutelpaginering

    @extend_schema(
        operation_id="krachtenveld_verschuiving_list",
        summary="Verschuivingen in het krachtenveld",
        description=(
            "Wie wanneer van standpunt (bij opdrachtgevers: steun) of betrokkenheid wisselde, "
            "en waarom, oudste eerst. Een eerste beoordeling telt als verschuiving vanaf null. "
            "Alleen wat jij mag zien."
        ),
        parameters=[
            tijdstip_parameter("van", "Vanaf dit moment (ISO 8601); standaard het begin."),
            tijdstip_parameter("tot", "Tot en met dit moment (ISO 8601); standaard nu."),
            bekend_op_parameter(),
        ],
        responses=s.VerschuivingSerializer(many=True),
    )
    def get(self, request: Request, uuid: Any) -> Response:
        # Queries: case with my role; the shifts counted; one page of them with their events;
        # the names of its parties (the read model, in SQL). With tot: first whether a party
        # was renamed after it. As known at bekendOp: the events folded instead.
        gevraagd_tot = lees_tijdstip(request, "tot")
        tot = gevraagd_tot or timezone.now()
        van = lees_tijdstip(request, "van")
        if van is not None and van > tot:
            raise ValidationError(
                {"van": [serializers.ErrorDetail(gettext("van ligt na tot."), code="invalid")]}
            )
        bekend_op = lees_tijdstip(request, "bekendOp")
        rijen: Sequence[dict[str, Any]] | None = None
        if bekend_op is None:
            rijen = selectors.verschuivingenreeks(
                self.get_bestuursproces(), van, gevraagd_tot, self.zichtbaar()
            )
        if rijen is None:
            rijen = selectors.verschuivingen(
                self.get_bestuursproces(), van, tot, self.zichtbaar(), bekend_op=bekend_op
            )
        pagina = self.paginate_queryset(rijen)
        return self.get_paginated_response(self.get_serializer(pagina, many=True).data)
