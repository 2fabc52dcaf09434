"""Afspraken of the case: make them, list them (``?verlopen=true`` for the overdue ones), and
record with PATCH that one was nagekomen, niet nagekomen or vervallen."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext
from drf_spectacular.utils import extend_schema
from rest_framework import generics
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response

from cases import services
from cases.events import Actor
from cases.models import Afspraak
from cases.selectors.besluiten import afspraken

from .. import serializers as s
from ..filters_besluiten import AfspraakFilter
from .basis import AUDIT_HEADER, BestuursprocesBasis

TAGS = ["afspraken"]


@extend_schema(tags=TAGS)
class AfsprakenView(BestuursprocesBasis, generics.ListAPIView[Afspraak]):
    serializer_class = s.AfspraakSerializer
    filterset_class = AfspraakFilter

    def get_queryset(self) -> Any:
        if getattr(self, "swagger_fake_view", False):  # schema generation has no case
            return Afspraak.objects.none()
        # Queries: case with my role; count; page of the afspraken I may see, with their
        # parties, wyber-stap, besluit and who recorded them.
        return afspraken(self.get_bestuursproces(), self.zichtbaar())

    @extend_schema(
        operation_id="afspraak_list",
        summary="Afspraken opvragen",
        description=(
            "De afspraken die jij mag zien, in de volgorde waarin ze werden gemaakt. Filters: "
            "status en verlopen (true: open en de dag uiterlijk is voorbij)."
        ),
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(
        operation_id="afspraak_create",
        summary="Afspraak maken",
        description=(
            "Wat een partij (speler, opdrachtgever of organisatie) levert, aan wie, en "
            "uiterlijk wanneer (mag in de toekomst liggen); eventueel uit de consolidatie van "
            "een wyber-stap of uit een besluit. Een afspraak begint open. De zichtbaarheid is "
            "verplicht en ligt daarna vast."
        ),
        request=s.AfspraakInvoerSerializer,
        responses={201: s.AfspraakSerializer},
        parameters=[AUDIT_HEADER],
    )
    def post(self, request: Request, uuid: Any) -> Response:
        invoer = self.lees_invoer(s.AfspraakInvoerSerializer)
        afspraak = services.maak_afspraak(
            actor=Actor.uit_request(request),
            bestuursproces=self.get_bestuursproces(),
            **{**invoer, "toelichting": self.toelichting(invoer["toelichting"])},
        )
        vers = afspraken(self.get_bestuursproces(), self.zichtbaar()).get(pk=afspraak.pk)
        return self.aangemaakt(self.get_serializer(vers).data)


@extend_schema(tags=TAGS)
class AfspraakDetailView(BestuursprocesBasis):
    serializer_class = s.AfspraakSerializer

    def get_afspraak(self) -> Afspraak:
        gevonden = (
            afspraken(self.get_bestuursproces(), self.zichtbaar())
            .filter(uuid=self.kwargs["afspraak"])
            .first()
        )
        if gevonden is None:
            raise NotFound(gettext("Deze afspraak bestaat niet in dit bestuursproces."))
        return gevonden

    @extend_schema(operation_id="afspraak_retrieve", summary="Eén afspraak opvragen")
    def get(self, request: Request, uuid: Any, afspraak: Any) -> Response:
        # Queries: case with my role; the afspraak with its relations.
        return Response(self.get_serializer(self.get_afspraak()).data)

    @extend_schema(
        operation_id="afspraak_partial_update",
        summary="Afspraak afhandelen",
        description=(
            "Een open afspraak is nagekomen, niet nagekomen of vervallen (de laatste twee met "
            "reden), op afgehandeldOp (standaard vandaag). Een afgehandelde afspraak "
            "verandert niet meer (409); de afspraak zelf verandert nooit: maak dan een "
            "nieuwe."
        ),
        request=s.AfhandelingInvoerSerializer,
        responses={200: s.AfspraakSerializer},
        parameters=[AUDIT_HEADER],
    )
    def patch(self, request: Request, uuid: Any, afspraak: Any) -> Response:
        gevonden = self.get_afspraak()
        invoer = self.lees_invoer(s.AfhandelingInvoerSerializer)
        services.handel_afspraak_af(
            actor=Actor.uit_request(request),
            afspraak=gevonden,
            **{**invoer, "toelichting": self.toelichting(invoer["toelichting"])},
        )
        return Response(self.get_serializer(self.get_afspraak()).data)
