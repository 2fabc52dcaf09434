"""Besluiten of the case, and the opdracht's besluitmomenten with whether they were taken."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext
from drf_spectacular.utils import extend_schema
from rest_framework import generics
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response

from cases import services
from cases.events import Actor
from cases.models import Besluit, Besluitmoment
from cases.selectors.besluiten import besluiten, besluitmomenten
from cases.selectors.documenten import met_documenten

from .. import serializers as s
from ..filters_besluiten import BesluitFilter
from .basis import AUDIT_HEADER, BestuursprocesBasis

TAGS = ["besluiten"]


@extend_schema(tags=TAGS)
class BesluitenView(BestuursprocesBasis, generics.ListAPIView[Besluit]):
    serializer_class = s.BesluitSerializer
    filterset_class = BesluitFilter

    def get_queryset(self) -> Any:
        if getattr(self, "swagger_fake_view", False):  # schema generation has no case
            return Besluit.objects.none()
        # Queries: case with my role; count; page of the besluiten I may see, with who
        # decided and who recorded them; their visible documents.
        return met_documenten(
            besluiten(self.get_bestuursproces(), self.zichtbaar()), self.zichtbaar()
        )

    @extend_schema(
        operation_id="besluit_list",
        summary="Besluiten opvragen",
        description=(
            "De besluiten die jij mag zien, op datum (oudste eerst). Filters: opdrachtgever, "
            "organisatie, orgaan, van en tot."
        ),
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(
        operation_id="besluit_create",
        summary="Besluit vastleggen",
        description=(
            "Wie besloot (precies één: opdrachtgever, organisatie, of orgaan raad, college of "
            "anders met orgaanNaam), wat, wanneer (datum, werkelijke tijd) en onder welk "
            "kenmerk. Met besluitmoment (de geplande datum van een besluitmoment van de "
            "opdracht) vervult het dat besluitmoment. De zichtbaarheid is verplicht en mag niet "
            "ruimer zijn dan wat je eigen rol mag zien."
        ),
        request=s.BesluitInvoerSerializer,
        responses={201: s.BesluitSerializer},
        parameters=[AUDIT_HEADER],
    )
    def post(self, request: Request, uuid: Any) -> Response:
        invoer = self.lees_invoer(s.BesluitInvoerSerializer)
        besluit = services.leg_besluit_vast(
            actor=Actor.uit_request(request),
            bestuursproces=self.get_bestuursproces(),
            **{
                **invoer,
                "orgaan": invoer["orgaan"] or "",
                "toelichting": self.toelichting(invoer["toelichting"]),
            },
        )
        vers = met_documenten(
            besluiten(self.get_bestuursproces(), self.zichtbaar()), self.zichtbaar()
        ).get(pk=besluit.pk)
        return self.aangemaakt(self.get_serializer(vers).data)


@extend_schema(tags=TAGS)
class BesluitDetailView(BestuursprocesBasis):
    serializer_class = s.BesluitSerializer

    @extend_schema(operation_id="besluit_retrieve", summary="Eén besluit opvragen")
    def get(self, request: Request, uuid: Any, besluit: Any) -> Response:
        # Queries: case with my role; the besluit with who decided and who recorded it; its
        # visible documents.
        gevonden = (
            met_documenten(besluiten(self.get_bestuursproces(), self.zichtbaar()), self.zichtbaar())
            .filter(uuid=besluit)
            .first()
        )
        if gevonden is None:
            raise NotFound(gettext("Dit besluit bestaat niet in dit bestuursproces."))
        return Response(self.get_serializer(gevonden).data)


@extend_schema(tags=TAGS)
class BesluitmomentenView(BestuursprocesBasis):
    serializer_class = s.BesluitmomentStandSerializer
    queryset = Besluitmoment.objects.none()  # for the schema: the list is built per request

    @extend_schema(
        operation_id="besluitmoment_list",
        summary="Besluitmomenten en hun stand",
        description=(
            "De besluitmomenten van de opdracht op datum, elk met zijn stand: genomen (met de "
            "besluiten die jij mag zien en die het vervullen), verlopen (de datum is voorbij "
            "zonder besluit) of gepland."
        ),
        responses={200: s.BesluitmomentStandSerializer(many=True)},
    )
    def get(self, request: Request, uuid: Any) -> Response:
        # Queries: case with my role; the besluitmomenten; the besluiten that fulfil them.
        standen = besluitmomenten(self.get_bestuursproces(), self.zichtbaar(), timezone.localdate())
        return Response(self.get_serializer(standen, many=True).data)
