"""The organisations behind spelers and opdrachtgevers."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext
from drf_spectacular.utils import extend_schema
from rest_framework import generics
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response

from cases import selectors, services
from cases.events import Actor
from cases.models import Organisatie

from .. import serializers as s
from .basis import AUDIT_HEADER, BestuursprocesBasis


@extend_schema(tags=["organisaties"])
class OrganisatiesView(BestuursprocesBasis, generics.ListAPIView[Organisatie]):
    serializer_class = s.OrganisatieSerializer

    def get_queryset(self) -> Any:
        if getattr(self, "swagger_fake_view", False):  # schema generation has no case
            return Organisatie.objects.none()
        # Queries: case with my role; count; page.
        return selectors.organisaties(self.get_bestuursproces())

    @extend_schema(
        operation_id="organisatie_list",
        summary="Organisaties opvragen",
        description="De organisaties achter spelers en opdrachtgevers, op naam.",
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(
        operation_id="organisatie_create",
        summary="Organisatie registreren",
        description="De naam is uniek binnen het bestuursproces (hoofdletters tellen niet).",
        request=s.OrganisatieInvoerSerializer,
        responses={201: s.OrganisatieSerializer},
        parameters=[AUDIT_HEADER],
    )
    def post(self, request: Request, uuid: Any) -> Response:
        organisatie = services.registreer_organisatie(
            actor=Actor.uit_request(request),
            bestuursproces=self.get_bestuursproces(),
            toelichting=self.toelichting(),
            **self.lees_invoer(s.OrganisatieInvoerSerializer),
        )
        return self.aangemaakt(self.get_serializer(organisatie).data)


@extend_schema(tags=["organisaties"])
class OrganisatieDetailView(BestuursprocesBasis):
    serializer_class = s.OrganisatieSerializer

    def _organisatie(self, uuid: Any) -> Organisatie:
        # Queries: case with my role (once per request); the organisatie.
        gevonden = selectors.organisaties(self.get_bestuursproces()).filter(uuid=uuid).first()
        if gevonden is None:
            raise NotFound(gettext("Deze organisatie bestaat niet in dit bestuursproces."))
        return gevonden

    @extend_schema(operation_id="organisatie_read", summary="Eén organisatie opvragen")
    def get(self, request: Request, uuid: Any, organisatie: Any) -> Response:
        return Response(self.get_serializer(self._organisatie(organisatie)).data)

    @extend_schema(
        operation_id="organisatie_partial_update",
        summary="Organisatie wijzigen",
        request=s.OrganisatieInvoerSerializer,
        responses={200: s.OrganisatieSerializer},
        parameters=[AUDIT_HEADER],
    )
    def patch(self, request: Request, uuid: Any, organisatie: Any) -> Response:
        bestaand = self._organisatie(organisatie)
        wijzigingen = self.lees_invoer(s.OrganisatieInvoerSerializer, partial=True)
        tijdstip = wijzigingen.pop("tijdstip", None)
        gewijzigd = services.wijzig_organisatie(
            actor=Actor.uit_request(request),
            organisatie=bestaand,
            wijzigingen=wijzigingen,
            tijdstip=tijdstip,
            toelichting=self.toelichting(),
        )
        return Response(self.get_serializer(gewijzigd).data)
