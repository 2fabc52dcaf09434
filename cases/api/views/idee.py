"""The idee: current version, revisions."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import generics
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response

from cases import selectors, services
from cases.events import Actor
from cases.models import IdeeVersie

from .. import serializers as s
from .basis import AUDIT_HEADER, BestuursprocesBasis


@extend_schema(tags=["idee"])
class IdeeView(BestuursprocesBasis):
    serializer_class = s.IdeeVersieSerializer

    @extend_schema(
        operation_id="idee_read",
        summary="Huidig idee opvragen",
        description="De huidige versie van het idee (404 zolang er nog geen idee is).",
    )
    def get(self, request: Request, uuid: Any) -> Response:
        idee = selectors.huidig_idee(self.get_bestuursproces())
        if idee is None:
            raise NotFound(gettext("Dit bestuursproces heeft nog geen idee."))
        # Queries: case with my role; the current idee with its author; its idee-eigenaren.
        return Response(self.get_serializer(idee).data)

    @extend_schema(
        operation_id="idee_update",
        summary="Idee herzien",
        description=(
            "Legt een nieuwe versie van het idee vast; eerdere versies blijven bewaard "
            "(zie idee/versies). Alles wat je weglaat, is daarna leeg: ook de idee-eigenaren "
            "(eigenaarSpelers), die spelers van dit bestuursproces moeten zijn."
        ),
        request=s.IdeeHerzieningSerializer,
        responses={200: s.IdeeVersieSerializer},
        parameters=[AUDIT_HEADER],
    )
    def put(self, request: Request, uuid: Any) -> Response:
        invoer = self.lees_invoer(s.IdeeHerzieningSerializer)
        idee = services.herzie_idee(
            actor=Actor.uit_request(request),
            bestuursproces=self.get_bestuursproces(),
            inhoud=s.IdeeHerzieningSerializer.naar_inhoud(invoer),
            toelichting=self.toelichting(invoer.get("toelichting", "")),
            tijdstip=invoer.get("tijdstip"),
        )
        return Response(self.get_serializer(idee).data)


@extend_schema_view(
    get=extend_schema(
        operation_id="idee_versies_list",
        summary="Versies van het idee",
        description="Alle versies van het idee, nieuwste eerst.",
        tags=["idee"],
    )
)
class IdeeVersiesView(BestuursprocesBasis, generics.ListAPIView[IdeeVersie]):
    serializer_class = s.IdeeVersieSerializer

    def get_queryset(self) -> Any:
        if getattr(self, "swagger_fake_view", False):  # schema generation has no case
            return IdeeVersie.objects.none()
        # Queries: case with my role; count; page with authors; the page's idee-eigenaren
        # (IdeeVersieSerializer's list serializer reads them for the whole page at once).
        return selectors.ideeversies(self.get_bestuursproces()).order_by("-versie")
