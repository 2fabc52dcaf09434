"""Bijeenkomsten of the case with their deelnemers, and attendance per party over time."""

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
from cases.models import Bijeenkomst, BijeenkomstStatus
from cases.selectors.besluiten import aanwezigheid, bijeenkomsten
from cases.selectors.documenten import met_documenten

from .. import serializers as s
from .basis import AUDIT_HEADER, BestuursprocesBasis

TAGS = ["bijeenkomsten"]


@extend_schema(tags=TAGS)
class BijeenkomstenView(BestuursprocesBasis, generics.ListAPIView[Bijeenkomst]):
    serializer_class = s.BijeenkomstSerializer
    filter_backends: list[Any] = []

    def get_queryset(self) -> Any:
        if getattr(self, "swagger_fake_view", False):  # schema generation has no case
            return Bijeenkomst.objects.none()
        # Queries: case with my role; count; the page with soort, wyber-stap and author; its
        # deelnemers with their parties; interventies; visible besluiten, afspraken, documenten.
        return met_documenten(
            bijeenkomsten(self.get_bestuursproces(), self.zichtbaar()), self.zichtbaar()
        )

    @extend_schema(
        operation_id="bijeenkomst_list",
        summary="Bijeenkomsten opvragen",
        description="De bijeenkomsten die jij mag zien, op datum (oudste eerst).",
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(
        operation_id="bijeenkomst_create",
        summary="Bijeenkomst vastleggen",
        description=(
            "Een werksessie, bestuurlijk overleg, informatiebijeenkomst, bilateraal gesprek "
            "(of een soort die beheer toevoegde): wanneer, waar, agenda, verslag, wie "
            "uitgenodigd en wie aanwezig was (spelers, opdrachtgevers of namen), de wyber-stap "
            "die ze diende en de interventies die er werden gedaan. Besluiten en afspraken "
            "noemen de bijeenkomst waar ze uit voortkwamen. De zichtbaarheid ligt daarna vast. "
            "Met gepland: true leg je een komende bijeenkomst vooraf vast (datum vandaag of "
            "later, nog niemand aanwezig); .../afloop zegt later of ze gehouden of "
            "geannuleerd werd."
        ),
        request=s.BijeenkomstInvoerSerializer,
        responses={201: s.BijeenkomstSerializer},
        parameters=[AUDIT_HEADER],
    )
    def post(self, request: Request, uuid: Any) -> Response:
        invoer = self.lees_invoer(s.BijeenkomstInvoerSerializer)
        bijeenkomst = services.leg_bijeenkomst_vast(
            actor=Actor.uit_request(request),
            bestuursproces=self.get_bestuursproces(),
            **{**invoer, "toelichting": self.toelichting(invoer["toelichting"])},
        )
        vers = met_documenten(
            bijeenkomsten(self.get_bestuursproces(), self.zichtbaar()), self.zichtbaar()
        ).get(pk=bijeenkomst.pk)
        return self.aangemaakt(self.get_serializer(vers).data)


class BijeenkomstBasis(BestuursprocesBasis):
    def get_bijeenkomst(self) -> Bijeenkomst:
        gevonden = (
            met_documenten(
                bijeenkomsten(self.get_bestuursproces(), self.zichtbaar()), self.zichtbaar()
            )
            .filter(uuid=self.kwargs["bijeenkomst"])
            .first()
        )
        if gevonden is None:
            raise NotFound(gettext("Deze bijeenkomst bestaat niet in dit bestuursproces."))
        return gevonden


@extend_schema(tags=TAGS)
class BijeenkomstDetailView(BijeenkomstBasis):
    serializer_class = s.BijeenkomstSerializer

    @extend_schema(operation_id="bijeenkomst_retrieve", summary="Eén bijeenkomst opvragen")
    def get(self, request: Request, uuid: Any, bijeenkomst: Any) -> Response:
        # Queries: case with my role; the bijeenkomst with soort, wyber-stap and author; its
        # deelnemers; interventies; visible besluiten; visible afspraken; visible documenten.
        return Response(self.get_serializer(self.get_bijeenkomst()).data)

    @extend_schema(
        operation_id="bijeenkomst_partial_update",
        summary="Bijeenkomst bijwerken",
        description=(
            "Wijzigt wat je meestuurt: titel, waar, agenda, verslag, deelnemers en interventies "
            "(als hele nieuwe lijst). Niets veranderd is geen nieuwe gebeurtenis. Zichtbaarheid "
            "en soort liggen vast; een verkeerde datum corrigeer je met een datumcorrectie."
        ),
        request=s.BijeenkomstWijzigingSerializer,
        responses={200: s.BijeenkomstSerializer},
        parameters=[AUDIT_HEADER],
    )
    def patch(self, request: Request, uuid: Any, bijeenkomst: Any) -> Response:
        gevonden = self.get_bijeenkomst()
        invoer = self.lees_invoer(s.BijeenkomstWijzigingSerializer, partial=True)
        toelichting = self.toelichting(invoer.pop("toelichting", ""))
        services.wijzig_bijeenkomst(
            actor=Actor.uit_request(request),
            bijeenkomst=gevonden,
            wijzigingen=invoer,
            toelichting=toelichting,
        )
        return Response(self.get_serializer(self.get_bijeenkomst()).data)


@extend_schema(tags=TAGS)
class AfloopView(BijeenkomstBasis):
    serializer_class = s.BijeenkomstSerializer

    @extend_schema(
        operation_id="bijeenkomst_afloop_create",
        summary="Geplande bijeenkomst gehouden of geannuleerd",
        description=(
            "Een geplande bijeenkomst is gehouden (op datum, standaard de geplande dag; met "
            "wie aanwezig was, het verslag en de interventies) of geannuleerd (met reden, op "
            "datum, standaard vandaag). Niet in de toekomst en niet vóór de dag van de "
            "planning. Alleen een geplande bijeenkomst loopt af; anders 409. Antwoordt met de "
            "bijeenkomst."
        ),
        request=s.AfloopInvoerSerializer,
        responses={201: s.BijeenkomstSerializer},
        parameters=[AUDIT_HEADER],
    )
    def post(self, request: Request, uuid: Any, bijeenkomst: Any) -> Response:
        gevonden = self.get_bijeenkomst()
        invoer = self.lees_invoer(s.AfloopInvoerSerializer)
        actor = Actor.uit_request(request)
        toelichting = self.toelichting(invoer["toelichting"])
        if invoer["status"] == BijeenkomstStatus.GEHOUDEN:
            services.markeer_bijeenkomst_gehouden(
                actor=actor,
                bijeenkomst=gevonden,
                datum=invoer["datum"],
                deelnemers=invoer.get("deelnemers"),
                verslag=invoer.get("verslag"),
                interventies=invoer.get("interventies"),
                toelichting=toelichting,
            )
        else:
            services.annuleer_bijeenkomst(
                actor=actor,
                bijeenkomst=gevonden,
                reden=invoer["reden"],
                op=invoer["datum"],
                toelichting=toelichting,
            )
        return self.aangemaakt(self.get_serializer(self.get_bijeenkomst()).data)


@extend_schema(tags=TAGS)
class AanwezigheidView(BestuursprocesBasis):
    serializer_class = s.AanwezigheidSerializer
    queryset = Bijeenkomst.objects.none()  # for the schema: the list is built per request

    @extend_schema(
        operation_id="aanwezigheid_list",
        summary="Aanwezigheid per partij",
        description=(
            "Per speler, opdrachtgever of andere deelnemer (op naam): hoe vaak uitgenodigd en "
            "hoe vaak aanwezig, en bij welke bijeenkomsten, over de bijeenkomsten die jij mag "
            "zien."
        ),
        responses={200: s.AanwezigheidSerializer(many=True)},
    )
    def get(self, request: Request, uuid: Any) -> Response:
        # Queries: case with my role; then as the list of bijeenkomsten without its count.
        regels = aanwezigheid(self.get_bestuursproces(), self.zichtbaar())
        return Response(self.get_serializer(regels, many=True).data)
