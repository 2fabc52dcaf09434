"""Free-text notes on the case, a speler or an opdrachtgever, each at a visibility level."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import generics
from rest_framework.request import Request
from rest_framework.response import Response

from cases import selectors, services
from cases.events import Actor
from cases.models import Notitie

from .. import serializers as s
from ..filters import NotitieFilter
from .basis import BestuursprocesBasis


@extend_schema(tags=["notities"])
class NotitiesView(BestuursprocesBasis, generics.ListAPIView[Notitie]):
    serializer_class = s.NotitieSerializer
    filterset_class = NotitieFilter

    def get_queryset(self) -> Any:
        if getattr(self, "swagger_fake_view", False):  # schema generation has no case
            return Notitie.objects.none()
        # Queries: case with my role; count; page of the notes I may see, with their authors
        # and parties.
        return selectors.notities(self.get_bestuursproces(), self.zichtbaar())

    @extend_schema(
        operation_id="notitie_list",
        summary="Notities opvragen",
        description="De notities die jij mag zien, oudste eerst.",
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(
        operation_id="notitie_create",
        summary="Notitie maken",
        description=(
            "Een notitie over het proces, of over één speler of opdrachtgever. De "
            "zichtbaarheid is verplicht en mag niet ruimer zijn dan wat je eigen rol mag zien."
        ),
        request=s.NotitieInvoerSerializer,
        responses={201: s.NotitieSerializer},
    )
    def post(self, request: Request, uuid: Any) -> Response:
        notitie = services.maak_notitie(
            actor=Actor.uit_request(request),
            bestuursproces=self.get_bestuursproces(),
            **self.lees_invoer(s.NotitieInvoerSerializer),
        )
        return self.aangemaakt(self.get_serializer(notitie).data)
