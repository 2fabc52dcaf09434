"""The event log and the momentopname."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import generics, serializers
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response

from cases import selectors, services
from cases.events import Actor
from cases.models import Gebeurtenis

from .. import serializers as s
from ..filters import GebeurtenisFilter
from .basis import (
    AUDIT_HEADER,
    BestuursprocesBasis,
    bekend_op_parameter,
    lees_tijdstip,
    tijdstip_parameter,
)


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
        # Queries: case with my role (its chain head counts the unfiltered log); page.
        return selectors.gebeurtenissen(self.get_bestuursproces())


def onbekende_gebeurtenis(volgnummer: int) -> NotFound:
    return NotFound(
        gettext("Gebeurtenis %(volgnummer)s bestaat niet in dit bestuursproces.")
        % {"volgnummer": volgnummer}
    )


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
            raise onbekende_gebeurtenis(volgnummer)
        return Response(self.get_serializer(gebeurtenis).data)


@extend_schema(tags=["gebeurtenissen"])
class DatumcorrectiesView(BestuursprocesBasis):
    serializer_class = s.GebeurtenisSerializer

    @extend_schema(
        operation_id="datumcorrectie_create",
        summary="Datum van een feit corrigeren",
        description=(
            "Legt vast dat gebeurtenis `volgnummer` op een ander moment gebeurde. Het origineel "
            "blijft in de log; de geschiedenis (momentopname, tijdlijn, krachtenveld, rapport) "
            "leest het feit voortaan op het gecorrigeerde moment, en de tijdlijn toont de "
            "correctie. Het feit moet op dat moment passen en elk later feit geldig laten "
            "(anders 409 `geschiedenisconflict`). Feiten met een eigen datumveld (interventie, "
            "positionering, instemming), de opening en lidmaatschappen corrigeer je niet zo "
            "(400 `niet_corrigeerbaar`). Een reden is verplicht."
        ),
        request=s.DatumcorrectieInvoerSerializer,
        responses={201: s.GebeurtenisSerializer},
        parameters=[AUDIT_HEADER],
    )
    def post(self, request: Request, uuid: Any, volgnummer: int) -> Response:
        bestuursproces = self.get_bestuursproces()
        # The URL names a resource that is not there: 404 as for a GET, whatever the body. The
        # service's own check (400 on the field) is for callers without a URL.
        if not selectors.gebeurtenissen(bestuursproces).filter(volgnummer=volgnummer).exists():
            raise onbekende_gebeurtenis(volgnummer)
        invoer = self.lees_invoer(s.DatumcorrectieInvoerSerializer)
        correctie = services.corrigeer_datum(
            actor=Actor.uit_request(request),
            bestuursproces=bestuursproces,
            volgnummer=volgnummer,
            tijdstip=invoer["tijdstip"],
            toelichting=self.toelichting(invoer["toelichting"]),
        )
        return self.aangemaakt(self.get_serializer(correctie).data)


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
            raise NotFound(gettext("Het bestuursproces bestond op dat tijdstip nog niet."))
        return Response(
            {"tijdstip": serializers.DateTimeField().to_representation(tijdstip), **staat}
        )
