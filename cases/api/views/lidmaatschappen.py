"""Memberships: every member reads them; only the procesregisseur changes them."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext
from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from cases import selectors, services
from cases.events import Actor
from cases.models import Lidmaatschap

from .. import serializers as s
from ..permissions import ALLEEN_REGISSEUR, MELDING_REGISSEUR
from .basis import AUDIT_HEADER, BestuursprocesBasis


class LidmaatschapBasis(BestuursprocesBasis):
    serializer_class = s.LidmaatschapSerializer
    schrijfrollen = ALLEEN_REGISSEUR
    melding_geen_schrijfrecht = MELDING_REGISSEUR


@extend_schema(tags=["lidmaatschappen"])
class LidmaatschappenView(LidmaatschapBasis, generics.ListAPIView[Lidmaatschap]):
    def get_queryset(self) -> Any:
        if getattr(self, "swagger_fake_view", False):  # schema generation has no case
            return Lidmaatschap.objects.none()
        # Queries: case with my role; count; page with the users.
        return selectors.lidmaatschappen(self.get_bestuursproces())

    @extend_schema(
        operation_id="lidmaatschap_list",
        summary="Leden opvragen",
        description="Wie lid is van het bestuursproces, in welke rol, sinds wanneer.",
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(
        operation_id="lidmaatschap_create",
        summary="Lid toevoegen",
        description="Alleen de procesregisseur voegt leden toe.",
        request=s.LidToevoegenSerializer,
        responses={201: s.LidmaatschapSerializer},
        parameters=[AUDIT_HEADER],
    )
    def post(self, request: Request, uuid: Any) -> Response:
        invoer = s.LidToevoegenSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        gebruiker = selectors.actieve_gebruiker(invoer.validated_data["gebruiker"])
        if gebruiker is None:
            raise ValidationError(
                {"gebruiker": [gettext("Er is geen actieve gebruiker met deze naam.")]}
            )
        lidmaatschap = services.voeg_lid_toe(
            actor=Actor.uit_request(request),
            bestuursproces=self.get_bestuursproces(),
            gebruiker=gebruiker,
            rol=invoer.validated_data["rol"],
            toelichting=self.toelichting(invoer.validated_data["toelichting"]),
        )
        data = self.get_serializer(lidmaatschap).data
        return Response(data, status=status.HTTP_201_CREATED, headers={"Location": data["url"]})


@extend_schema(tags=["lidmaatschappen"])
class LidmaatschapDetailView(LidmaatschapBasis):
    def _lidmaatschap(self, uuid: Any) -> Lidmaatschap:
        # Queries: case with my role (once per request); the membership with its user.
        gevonden = selectors.lidmaatschappen(self.get_bestuursproces()).filter(uuid=uuid).first()
        if gevonden is None:
            raise NotFound(gettext("Dit lidmaatschap bestaat niet in dit bestuursproces."))
        return gevonden

    @extend_schema(operation_id="lidmaatschap_read", summary="Eén lidmaatschap opvragen")
    def get(self, request: Request, uuid: Any, lidmaatschap: Any) -> Response:
        return Response(self.get_serializer(self._lidmaatschap(lidmaatschap)).data)

    @extend_schema(
        operation_id="lidmaatschap_partial_update",
        summary="Rol van een lid wijzigen",
        request=s.LidmaatschapWijzigenSerializer,
        responses={200: s.LidmaatschapSerializer},
        parameters=[AUDIT_HEADER],
    )
    def patch(self, request: Request, uuid: Any, lidmaatschap: Any) -> Response:
        bestaand = self._lidmaatschap(lidmaatschap)
        invoer = s.LidmaatschapWijzigenSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        gewijzigd = services.wijzig_lidmaatschap(
            actor=Actor.uit_request(request),
            lidmaatschap=bestaand,
            rol=invoer.validated_data["rol"],
            toelichting=self.toelichting(invoer.validated_data["toelichting"]),
        )
        return Response(self.get_serializer(gewijzigd).data)

    @extend_schema(
        operation_id="lidmaatschap_delete",
        summary="Lidmaatschap beëindigen",
        description="Het lid verliest zijn toegang; de geschiedenis blijft in de gebeurtenissen.",
        parameters=[AUDIT_HEADER],
        responses={204: None},
    )
    def delete(self, request: Request, uuid: Any, lidmaatschap: Any) -> Response:
        services.beeindig_lidmaatschap(
            actor=Actor.uit_request(request),
            lidmaatschap=self._lidmaatschap(lidmaatschap),
            toelichting=self.toelichting(),
        )
        return Response(status=status.HTTP_204_NO_CONTENT)
