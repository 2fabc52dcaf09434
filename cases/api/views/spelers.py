"""Spelers: the register, their dated assessments and their betrokkenheid."""

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
from cases.models import Speler, SpelerBeoordeling

from .. import serializers as s
from ..filters import SpelerFilter
from .basis import AUDIT_HEADER, BestuursprocesBasis
from .partijen import BetrokkenheidswijzigingenBasis, PartijBasis


class SpelerPartij(PartijBasis):
    partij_kwarg = "speler"
    melding_onbekend = gettext_lazy("Deze speler bestaat niet in dit bestuursproces.")

    def partijen(self) -> QuerySet[Speler]:
        return selectors.spelers(self.get_bestuursproces(), self.zichtbaar())


@extend_schema(tags=["spelers"])
class SpelersView(BestuursprocesBasis, generics.ListAPIView[Speler]):
    serializer_class = s.SpelerSerializer
    filterset_class = SpelerFilter

    def get_queryset(self) -> Any:
        if getattr(self, "swagger_fake_view", False):  # schema generation has no case
            return Speler.objects.none()
        # Queries: case with my role; count; page with organisaties; the assessments of the
        # page that I may see, with their authors.
        return selectors.spelers(self.get_bestuursproces(), self.zichtbaar())

    @extend_schema(
        operation_id="speler_list",
        summary="Spelers opvragen",
        description=(
            "De spelers op naam, elk met de laatste beoordeling die jij mag zien "
            "(huidigeBeoordeling)."
        ),
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(
        operation_id="speler_create",
        summary="Speler registreren",
        description=(
            "Een nieuwe speler begint als 'nog te betrekken', zonder beoordeling. Standpunt, "
            "macht en scores leg je vast als beoordeling; betrokkenheid wijzig je met een actie."
        ),
        request=s.SpelerInvoerSerializer,
        responses={201: s.SpelerSerializer},
        parameters=[AUDIT_HEADER],
    )
    def post(self, request: Request, uuid: Any) -> Response:
        speler = services.registreer_speler(
            actor=Actor.uit_request(request),
            bestuursproces=self.get_bestuursproces(),
            toelichting=self.toelichting(),
            **self.lees_invoer(s.SpelerInvoerSerializer),
        )
        vers = selectors.spelers(self.get_bestuursproces(), self.zichtbaar()).get(pk=speler.pk)
        return self.aangemaakt(self.get_serializer(vers).data)


@extend_schema(tags=["spelers"])
class SpelerDetailView(SpelerPartij):
    serializer_class = s.SpelerSerializer

    @extend_schema(operation_id="speler_read", summary="Eén speler opvragen")
    def get(self, request: Request, uuid: Any, speler: Any) -> Response:
        # Queries: case with my role; the speler with its organisatie; the assessments I may see.
        return Response(self.get_serializer(self.get_partij(met_beoordelingen=True)).data)

    @extend_schema(
        operation_id="speler_partial_update",
        summary="Speler wijzigen",
        description=(
            "Wijzigt eigenschappen van de speler. Betrokkenheid en beoordelingen horen hier "
            "niet: daarvoor zijn betrokkenheid en beoordelingen."
        ),
        request=s.SpelerInvoerSerializer,
        responses={200: s.SpelerSerializer},
        parameters=[AUDIT_HEADER],
    )
    def patch(self, request: Request, uuid: Any, speler: Any) -> Response:
        wijzigingen = self.lees_invoer(s.SpelerInvoerSerializer, partial=True)
        tijdstip = wijzigingen.pop("tijdstip", None)
        services.wijzig_speler(
            actor=Actor.uit_request(request),
            speler=self.get_partij(),
            wijzigingen=wijzigingen,
            tijdstip=tijdstip,
            toelichting=self.toelichting(),
        )
        return Response(self.get_serializer(self.get_partij(met_beoordelingen=True)).data)


@extend_schema(tags=["spelers"])
class SpelerBeoordelingenView(SpelerPartij, generics.ListAPIView[SpelerBeoordeling]):
    serializer_class = s.SpelerBeoordelingSerializer

    def get_queryset(self) -> Any:
        if getattr(self, "swagger_fake_view", False):  # schema generation has no case
            return SpelerBeoordeling.objects.none()
        # Queries: case with my role; the speler; count; page with the authors.
        beoordelingen = selectors.spelerbeoordelingen(self.get_bestuursproces(), self.zichtbaar())
        return beoordelingen.filter(speler=self.get_partij())

    @extend_schema(
        operation_id="speler_beoordeling_list",
        summary="Beoordelingen van een speler",
        description="Alle beoordelingen die jij mag zien, oudste eerst; de laatste geldt.",
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(
        operation_id="speler_beoordeling_create",
        summary="Speler beoordelen",
        description=(
            "Legt een beoordeling vast met datum, auteur en het huidige stadium; eerdere "
            "beoordelingen blijven bewaard. De zichtbaarheid mag niet ruimer zijn dan wat je "
            "eigen rol mag zien."
        ),
        request=s.SpelerBeoordelingInvoerSerializer,
        responses={201: s.SpelerBeoordelingSerializer},
        parameters=[AUDIT_HEADER],
    )
    def post(self, request: Request, uuid: Any, speler: Any) -> Response:
        partij = self.get_partij()
        invoer = self.lees_invoer(s.SpelerBeoordelingInvoerSerializer)
        beoordeling = services.beoordeel_speler(
            actor=Actor.uit_request(request),
            speler=partij,
            toelichting=self.toelichting(invoer.pop("toelichting")),
            **invoer,
        )
        return self.aangemaakt(self.get_serializer(beoordeling).data)


@extend_schema_view(
    get=extend_schema(
        operation_id="speler_betrokkenheidswijziging_list",
        summary="Betrokkenheidswijzigingen van een speler",
        description="Elke wijziging van de betrokkenheid, oudste eerst, met reden.",
    ),
    post=extend_schema(
        operation_id="speler_betrokkenheidswijziging_create",
        summary="Betrokkenheid van een speler wijzigen",
        description=(
            "Aansluiten, aanhaken, afwachten of afhaken, met een reden. Een actie die vanuit "
            "de huidige betrokkenheid niet kan, wordt geweigerd (400 op actie)."
        ),
        request=s.BetrokkenheidsactieSerializer,
        responses={201: s.BetrokkenheidswijzigingSerializer},
    ),
)
@extend_schema(tags=["spelers"])
class SpelerBetrokkenheidswijzigingenView(SpelerPartij, BetrokkenheidswijzigingenBasis):
    pass
