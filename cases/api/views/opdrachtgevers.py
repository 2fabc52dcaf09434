"""Opdrachtgevers: the register, the regisseur's dated reading of them, their betrokkenheid."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import generics
from rest_framework.request import Request
from rest_framework.response import Response

from cases import selectors, services
from cases.events import Actor
from cases.models import Opdrachtgever, OpdrachtgeverBeoordeling

from .. import serializers as s
from ..filters import OpdrachtgeverFilter
from .basis import AUDIT_HEADER, BestuursprocesBasis
from .partijen import BetrokkenheidswijzigingenBasis, PartijBasis


class OpdrachtgeverPartij(PartijBasis):
    partij_kwarg = "opdrachtgever"
    melding_onbekend = gettext_lazy("Deze opdrachtgever bestaat niet in dit bestuursproces.")

    def partijen(self) -> QuerySet[Opdrachtgever]:
        return selectors.opdrachtgevers(self.get_bestuursproces(), self.zichtbaar())


@extend_schema(tags=["opdrachtgevers"])
class OpdrachtgeversView(BestuursprocesBasis, generics.ListAPIView[Opdrachtgever]):
    serializer_class = s.OpdrachtgeverSerializer
    filterset_class = OpdrachtgeverFilter

    def get_queryset(self) -> Any:
        if getattr(self, "swagger_fake_view", False):  # schema generation has no case
            return Opdrachtgever.objects.none()
        # Queries: case with my role; count; page with organisaties; the assessments of the
        # page that I may see, with their authors.
        return selectors.opdrachtgevers(self.get_bestuursproces(), self.zichtbaar())

    @extend_schema(
        operation_id="opdrachtgever_list",
        summary="Opdrachtgevers opvragen",
        description=(
            "De opdrachtgevers op naam, elk met de laatste beoordeling die jij mag zien "
            "(huidigeBeoordeling); beoordelingen van opdrachtgevers zijn standaard alleen voor "
            "de procesregisseur."
        ),
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(
        operation_id="opdrachtgever_create",
        summary="Opdrachtgever registreren",
        description=(
            "Een nieuwe opdrachtgever begint als 'nog te betrekken', zonder beoordeling. "
            "Mandaat, stevigheid, steun en de impliciete opdracht leg je vast als beoordeling."
        ),
        request=s.OpdrachtgeverInvoerSerializer,
        responses={201: s.OpdrachtgeverSerializer},
        parameters=[AUDIT_HEADER],
    )
    def post(self, request: Request, uuid: Any) -> Response:
        opdrachtgever = services.registreer_opdrachtgever(
            actor=Actor.uit_request(request),
            bestuursproces=self.get_bestuursproces(),
            toelichting=self.toelichting(),
            **self.lees_invoer(s.OpdrachtgeverInvoerSerializer),
        )
        vers = selectors.opdrachtgevers(self.get_bestuursproces(), self.zichtbaar())
        return self.aangemaakt(self.get_serializer(vers.get(pk=opdrachtgever.pk)).data)


@extend_schema(tags=["opdrachtgevers"])
class OpdrachtgeverDetailView(OpdrachtgeverPartij):
    serializer_class = s.OpdrachtgeverSerializer

    @extend_schema(operation_id="opdrachtgever_read", summary="Eén opdrachtgever opvragen")
    def get(self, request: Request, uuid: Any, opdrachtgever: Any) -> Response:
        # Queries: case with my role; the opdrachtgever with its organisatie; the assessments
        # I may see.
        return Response(self.get_serializer(self.get_partij(met_beoordelingen=True)).data)

    @extend_schema(
        operation_id="opdrachtgever_partial_update",
        summary="Opdrachtgever wijzigen",
        description=(
            "Wijzigt eigenschappen van de opdrachtgever. Betrokkenheid en beoordelingen horen "
            "hier niet: daarvoor zijn betrokkenheid en beoordelingen."
        ),
        request=s.OpdrachtgeverInvoerSerializer,
        responses={200: s.OpdrachtgeverSerializer},
        parameters=[AUDIT_HEADER],
    )
    def patch(self, request: Request, uuid: Any, opdrachtgever: Any) -> Response:
        wijzigingen = self.lees_invoer(s.OpdrachtgeverInvoerSerializer, partial=True)
        tijdstip = wijzigingen.pop("tijdstip", None)
        services.wijzig_opdrachtgever(
            actor=Actor.uit_request(request),
            opdrachtgever=self.get_partij(),
            wijzigingen=wijzigingen,
            tijdstip=tijdstip,
            toelichting=self.toelichting(),
        )
        return Response(self.get_serializer(self.get_partij(met_beoordelingen=True)).data)


@extend_schema(tags=["opdrachtgevers"])
class OpdrachtgeverBeoordelingenView(
    OpdrachtgeverPartij, generics.ListAPIView[OpdrachtgeverBeoordeling]
):
    serializer_class = s.OpdrachtgeverBeoordelingSerializer

    def get_queryset(self) -> Any:
        if getattr(self, "swagger_fake_view", False):  # schema generation has no case
            return OpdrachtgeverBeoordeling.objects.none()
        # Queries: case with my role; the opdrachtgever; count; page with the authors.
        beoordelingen = selectors.opdrachtgeverbeoordelingen(
            self.get_bestuursproces(), self.zichtbaar()
        )
        return beoordelingen.filter(opdrachtgever=self.get_partij())

    @extend_schema(
        operation_id="opdrachtgever_beoordeling_list",
        summary="Beoordelingen van een opdrachtgever",
        description="Alle beoordelingen die jij mag zien, oudste eerst; de laatste geldt.",
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(
        operation_id="opdrachtgever_beoordeling_create",
        summary="Opdrachtgever beoordelen",
        description=(
            "Legt vast hoe de regisseur de opdrachtgever nu leest, met datum, auteur en het "
            "huidige stadium. Standaard alleen zichtbaar voor de procesregisseur."
        ),
        request=s.OpdrachtgeverBeoordelingInvoerSerializer,
        responses={201: s.OpdrachtgeverBeoordelingSerializer},
        parameters=[AUDIT_HEADER],
    )
    def post(self, request: Request, uuid: Any, opdrachtgever: Any) -> Response:
        partij = self.get_partij()
        invoer = self.lees_invoer(s.OpdrachtgeverBeoordelingInvoerSerializer)
        beoordeling = services.beoordeel_opdrachtgever(
            actor=Actor.uit_request(request),
            opdrachtgever=partij,
            toelichting=self.toelichting(invoer.pop("toelichting")),
            **invoer,
        )
        return self.aangemaakt(self.get_serializer(beoordeling).data)


@extend_schema_view(
    get=extend_schema(
        operation_id="opdrachtgever_betrokkenheidswijziging_list",
        summary="Betrokkenheidswijzigingen van een opdrachtgever",
        description="Elke wijziging van de betrokkenheid, oudste eerst, met reden.",
    ),
    post=extend_schema(
        operation_id="opdrachtgever_betrokkenheidswijziging_create",
        summary="Betrokkenheid van een opdrachtgever wijzigen",
        description=(
            "Aansluiten, aanhaken, afwachten of afhaken, met een reden. Een actie die vanuit "
            "de huidige betrokkenheid niet kan, wordt geweigerd (400 op actie)."
        ),
        request=s.BetrokkenheidsactieSerializer,
        responses={201: s.BetrokkenheidswijzigingSerializer},
    ),
)
@extend_schema(tags=["opdrachtgevers"])
class OpdrachtgeverBetrokkenheidswijzigingenView(
    OpdrachtgeverPartij, BetrokkenheidswijzigingenBasis
):
    pass
