"""The catalogue, read-only, for every signed-in user: velden, instrumenten, strategieën,
krachten. Writes answer 405: the catalogue is kept in the admin."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response

from instruments import selectors
from instruments.models import Instrument, Kracht, Strategie, Veld, VeldCode

from . import serializers as s
from .filters import InstrumentFilter, KrachtFilter, StrategieFilter, VeldFilter


@extend_schema(tags=["catalogus"])
class VeldLijstView(generics.ListAPIView[Veld]):
    serializer_class = s.VeldSerializer
    filterset_class = VeldFilter

    def get_queryset(self) -> Any:
        return selectors.velden()

    @extend_schema(
        operation_id="veld_list",
        summary="Velden opvragen",
        description=(
            "Het algemene blok, het idee en de zeven velden van het 7-veldenmodel in de "
            "volgorde van het boek, elk met kernvraag, uitleg (bijlage 4), sub-vragen, thema's "
            "en competenties (bijlage 2), en een link naar de instrumenten van het veld."
        ),
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        # Queries: count; page of velden; their sub-vragen; thema's with their sub-vraag;
        # competenties.
        return super().get(request, *args, **kwargs)


@extend_schema(tags=["catalogus"])
class VeldDetailView(generics.RetrieveAPIView[Veld]):
    serializer_class = s.VeldSerializer
    filter_backends: list[Any] = []
    lookup_field = "code"

    def get_queryset(self) -> Any:
        return selectors.velden()

    def get_object(self) -> Veld:
        veld = self.get_queryset().filter(code=self.kwargs["code"]).first()
        if veld is None:
            raise NotFound(gettext("Dit veld bestaat niet."))
        return veld

    @extend_schema(
        operation_id="veld_read",
        summary="Veld opvragen",
        description="Eén veld met kernvraag, uitleg, sub-vragen, thema's en competenties.",
        parameters=[
            OpenApiParameter(
                "code",
                {"type": "string", "enum": VeldCode.values},
                OpenApiParameter.PATH,
                description="De code van het veld.",
            )
        ],
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        # Queries: the veld; its sub-vragen; thema's with their sub-vraag; competenties.
        return super().get(request, *args, **kwargs)


@extend_schema(tags=["catalogus"])
class InstrumentLijstView(generics.ListAPIView[Instrument]):
    serializer_class = s.InstrumentSerializer
    filterset_class = InstrumentFilter

    def get_queryset(self) -> Any:
        return selectors.instrumenten()

    @extend_schema(
        operation_id="instrument_list",
        summary="Instrumenten opvragen",
        description=(
            "De instrumenten van de catalogus, per veld in de volgorde van het boek, met hun "
            "verdiepingsvraag. Zoeken met `zoek`; filteren op veld, thema, doel en "
            "voorkeursinstrument. Een onbekende parameter of waarde is een 400."
        ),
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        # Queries: count; page of instruments with veld, sub-vraag and thema (one join).
        return super().get(request, *args, **kwargs)


@extend_schema(tags=["catalogus"])
class InstrumentDetailView(generics.RetrieveAPIView[Instrument]):
    serializer_class = s.InstrumentSerializer
    filter_backends: list[Any] = []
    lookup_field = "uuid"

    def get_queryset(self) -> Any:
        return selectors.instrumenten()

    def get_object(self) -> Instrument:
        instrument = self.get_queryset().filter(uuid=self.kwargs["uuid"]).first()
        if instrument is None:
            raise NotFound(gettext("Dit instrument bestaat niet."))
        return instrument

    @extend_schema(
        operation_id="instrument_read",
        summary="Instrument opvragen",
        description="Eén instrument met zijn veld, sub-vraag, thema en verdiepingsvraag.",
        parameters=[
            OpenApiParameter(
                "uuid",
                OpenApiTypes.UUID,
                OpenApiParameter.PATH,
                description="De uuid van het instrument.",
            )
        ],
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        # Queries: the instrument with veld, sub-vraag and thema.
        return super().get(request, *args, **kwargs)


@extend_schema(tags=["catalogus"])
class StrategieLijstView(generics.ListAPIView[Strategie]):
    serializer_class = s.StrategieSerializer
    filterset_class = StrategieFilter

    def get_queryset(self) -> Any:
        return selectors.strategieen()

    @extend_schema(
        operation_id="strategie_list",
        summary="Strategieën opvragen",
        description=(
            "De strategieën die een interventie kan volgen (§8.2: motiveren, uitsluiten, "
            "zelfredzaamheid, vertragen, versnellen, divergeren, convergeren), aangevuld door "
            "de beheerder."
        ),
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        # Queries: count; page of strategieën.
        return super().get(request, *args, **kwargs)


@extend_schema(tags=["catalogus"])
class KrachtLijstView(generics.ListAPIView[Kracht]):
    serializer_class = s.KrachtSerializer
    filterset_class = KrachtFilter

    def get_queryset(self) -> Any:
        return selectors.krachten()

    @extend_schema(
        operation_id="kracht_list",
        summary="Krachten opvragen",
        description=(
            "De vijf krachten waaraan een procesregisseur zijn kracht ontleent (§3.2): "
            "sensitiviteit, scheppingskracht, denkkracht, wilskracht en positie."
        ),
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        # Queries: count; page of krachten.
        return super().get(request, *args, **kwargs)
