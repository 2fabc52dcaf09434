"""Stadium transitions."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext
from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response

from cases import selectors, services
from cases.events import Actor
from cases.models import Stadiumovergang

from .. import serializers as s
from .basis import BestuursprocesBasis


@extend_schema(tags=["stadia"])
class StadiumovergangenView(BestuursprocesBasis, generics.ListAPIView[Stadiumovergang]):
    serializer_class = s.StadiumovergangSerializer

    def get_queryset(self) -> Any:
        if getattr(self, "swagger_fake_view", False):  # schema generation has no case
            return Stadiumovergang.objects.none()
        # Queries: case with my role; count; page with who made each move.
        return selectors.stadiumovergangen(self.get_bestuursproces())

    @extend_schema(
        operation_id="stadiumovergang_list",
        summary="Stadiumovergangen opvragen",
        description="Elke overgang tussen stadia, oudste eerst, met reden en wie hem maakte.",
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(
        operation_id="stadiumovergang_create",
        summary="Stadium wijzigen",
        description=(
            "Vooruit gaat één stadium tegelijk; terug mag meerdere stadia. Een toelichting is "
            "verplicht. Met `forceren` wordt een overgang doorgezet ondanks bezwaren van een "
            "poort; dat wordt vastgelegd."
        ),
        request=s.StadiumovergangInvoerSerializer,
        responses={201: s.StadiumovergangSerializer},
    )
    def post(self, request: Request, uuid: Any) -> Response:
        invoer = s.StadiumovergangInvoerSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        overgang = services.wijzig_stadium(
            actor=Actor.uit_request(request),
            bestuursproces=self.get_bestuursproces(),
            **invoer.validated_data,
        )
        data = self.get_serializer(overgang).data
        return Response(data, status=status.HTTP_201_CREATED, headers={"Location": data["url"]})


@extend_schema(tags=["stadia"])
class StadiumovergangDetailView(BestuursprocesBasis):
    serializer_class = s.StadiumovergangSerializer

    @extend_schema(operation_id="stadiumovergang_read", summary="Eén stadiumovergang opvragen")
    def get(self, request: Request, uuid: Any, overgang: Any) -> Response:
        # Queries: case with my role; the transition with who made it.
        gevonden = selectors.stadiumovergangen(self.get_bestuursproces()).filter(uuid=overgang)
        instance = gevonden.first()
        if instance is None:
            raise NotFound(gettext("Deze stadiumovergang bestaat niet in dit bestuursproces."))
        return Response(self.get_serializer(instance).data)
