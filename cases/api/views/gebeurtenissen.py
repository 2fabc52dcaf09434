"""The event log and the momentopname."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import generics, serializers
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response

from cases import selectors
from cases.models import Gebeurtenis

from .. import serializers as s
from ..filters import GebeurtenisFilter
from .basis import BestuursprocesBasis, bekend_op_parameter, lees_tijdstip, tijdstip_parameter


@extend_schema_view(
    get=extend_schema(
        operation_id="gebeurtenis_list",
        summary="Gebeurtenissen opvragen",
        description=(
            "De gebeurtenissenlog van het bestuursproces op volgnummer. Elke gebeurtenis draagt "
            "de hash van haar voorganger (vorigeHash) en haar eigen hash."
        ),
        tags=["gebeurtenissen"],
    )
)
class GebeurtenissenView(BestuursprocesBasis, generics.ListAPIView[Gebeurtenis]):
    serializer_class = s.GebeurtenisSerializer
    filterset_class = GebeurtenisFilter

    def get_queryset(self) -> Any:
        if getattr(self, "swagger_fake_view", False):  # schema generation has no case
            return Gebeurtenis.objects.none()
        # Queries: case with my role; count; page.
        return selectors.gebeurtenissen(self.get_bestuursproces())


@extend_schema(tags=["gebeurtenissen"])
class GebeurtenisDetailView(BestuursprocesBasis):
    serializer_class = s.GebeurtenisSerializer

    @extend_schema(operation_id="gebeurtenis_read", summary="Eén gebeurtenis opvragen")
    def get(self, request: Request, uuid: Any, volgnummer: int) -> Response:
        gebeurtenis = (
            selectors.gebeurtenissen(self.get_bestuursproces())
            .filter(volgnummer=volgnummer)
            .first()
        )
        if gebeurtenis is None:
            raise NotFound(f"Gebeurtenis {volgnummer} bestaat niet in dit bestuursproces.")
        return Response(self.get_serializer(gebeurtenis).data)


@extend_schema(tags=["gebeurtenissen"])
class MomentopnameView(BestuursprocesBasis):
    serializer_class = s.MomentopnameSerializer

    @extend_schema(
        operation_id="momentopname_read",
        summary="Momentopname",
        description=(
            "Het bestuursproces zoals het er op een moment voor stond, herbouwd uit de "
            "gebeurtenissenlog: eigenschappen, opdracht, idee, lidmaatschappen, stadia, "
            "organisaties, spelers, opdrachtgevers en notities. Wat jouw rol niet mag zien, "
            "ontbreekt."
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
        tijdstip = lees_tijdstip(request) or timezone.now()
        staat = selectors.momentopname(
            self.get_bestuursproces(),
            tijdstip,
            self.zichtbaar(),
            bekend_op=lees_tijdstip(request, "bekendOp"),
        )
        if staat is None:
            raise NotFound("Het bestuursproces bestond op dat tijdstip nog niet.")
        return Response(
            {"tijdstip": serializers.DateTimeField().to_representation(tijdstip), **staat}
        )
