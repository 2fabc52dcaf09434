"""What every case-scoped view shares: the case lookup, access and the audit reason."""

from __future__ import annotations

import datetime as dt
from typing import Any, NoReturn

from django.utils import timezone
from django.utils.dateparse import parse_datetime
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework import generics, serializers
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from cases import selectors
from cases.models import Bestuursproces, Rol, Zichtbaarheid

from ..permissions import MELDING_SCHRIJVEN, LidMetSchrijfrecht
from ..serializers.basis import JAREN

AUDIT_HEADER = OpenApiParameter(
    "X-Audit-Toelichting",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    required=False,
    description="De reden van de wijziging; komt in de gebeurtenis terecht.",
)


def tijdstip_parameter(naam: str, beschrijving: str) -> OpenApiParameter:
    return OpenApiParameter(naam, OpenApiTypes.DATETIME, description=beschrijving)


def bekend_op_parameter() -> OpenApiParameter:
    return tijdstip_parameter(
        "bekendOp",
        "Zoals het bekend was op dit moment (ISO 8601, het tijdstip van vastleggen): alleen "
        "wat toen al was vastgelegd telt mee. Standaard telt alles wat nu is vastgelegd.",
    )


def lees_tijdstip(request: Request, naam: str = "tijdstip") -> dt.datetime | None:
    """The ISO 8601 moment in query parameter ``naam``, or None when it is absent.

    Without a zone it is Dutch time (TIME_ZONE). Anything unreadable is a 400 naming the
    parameter.
    """
    waarde = request.query_params.get(naam)
    if waarde is None:
        return None
    try:
        tijdstip = parse_datetime(waarde)
    except ValueError:
        tijdstip = None
    if tijdstip is None:
        raise ValidationError(
            {
                naam: [
                    serializers.ErrorDetail(
                        "Geef een tijdstip in ISO 8601, bijvoorbeeld 2026-05-01T12:00:00+02:00.",
                        code="invalid",
                    )
                ]
            }
        )
    if not JAREN[0] <= tijdstip.year <= JAREN[1]:
        raise ValidationError(
            {
                naam: [
                    serializers.ErrorDetail(
                        f"Geef een tijdstip tussen {JAREN[0]} en {JAREN[1]}.", code="invalid"
                    )
                ]
            }
        )
    if timezone.is_naive(tijdstip):
        tijdstip = timezone.make_aware(tijdstip)
    return tijdstip


class AuditToelichting(generics.GenericAPIView[Any]):
    """The one place a write view reads the reason for its change (every write passes it on)."""

    def toelichting(self, veld: str = "") -> str:
        """The body's toelichting, else the X-Audit-Toelichting header (see AUDIT_HEADER)."""
        return veld or self.request.headers.get(AUDIT_HEADER.name, "")


class BestuursprocesBasis(AuditToelichting):
    """Base for every URL below one case: resolves the case once, for members only."""

    permission_classes = [IsAuthenticated, LidMetSchrijfrecht]
    schrijfrollen: frozenset[str] = Rol.schrijvend()
    melding_geen_schrijfrecht = MELDING_SCHRIJVEN
    met_details = False
    _bestuursproces: Bestuursproces | None = None

    def get_bestuursproces(self) -> Bestuursproces:
        if self._bestuursproces is None:
            self._bestuursproces = selectors.bestuursproces_voor(
                self.request.user, self.kwargs["uuid"], met_details=self.met_details
            )
        return self._bestuursproces

    def permission_denied(
        self, request: Request, message: Any = None, code: Any = None
    ) -> NoReturn:
        super().permission_denied(request, message or self.melding_geen_schrijfrecht, code)

    def zichtbaar(self) -> frozenset[str]:
        """The visibility levels the requesting member may read in this case."""
        # mijn_rol is annotated by selectors.bestuursproces_voor.
        return Zichtbaarheid.voor_rol(getattr(self.get_bestuursproces(), "mijn_rol", None))

    def get_serializer_context(self) -> dict[str, Any]:
        context = dict(super().get_serializer_context())
        if "uuid" in self.kwargs:
            context["bestuursproces"] = self.get_bestuursproces()
            context["zichtbaar"] = self.zichtbaar()
        return context

    def lees_invoer(
        self, serializer_class: type[serializers.Serializer[Any]], *, partial: bool = False
    ) -> dict[str, Any]:
        """The request body, validated by ``serializer_class`` (which may resolve URLs of this
        case's objects, hence the context); a 400 with every field error otherwise."""
        invoer = serializer_class(
            data=self.request.data, partial=partial, context=self.get_serializer_context()
        )
        invoer.is_valid(raise_exception=True)
        return dict(invoer.validated_data)

    def lees_vraag(self, serializer_class: type[serializers.Serializer[Any]]) -> dict[str, Any]:
        """The query parameters, validated by ``serializer_class``; pagination's own
        parameters are left to the paginator. A 400 naming every wrong parameter otherwise."""
        paginering = {"page", "pageSize"}
        vraag = serializer_class(
            data={k: v for k, v in self.request.query_params.items() if k not in paginering}
        )
        vraag.is_valid(raise_exception=True)
        return dict(vraag.validated_data)

    @staticmethod
    def aangemaakt(data: Any) -> Response:
        """201 Created, with a Location when the new resource has its own URL."""
        headers = {"Location": data["url"]} if "url" in data else None
        return Response(data, status=201, headers=headers)
