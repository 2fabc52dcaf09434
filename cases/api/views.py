"""API v1 views for the case: parse, check access, call one service or selector, serialize."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.dateparse import parse_datetime
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import generics, serializers, status
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from cases import selectors, services
from cases.events import Actor
from cases.models import Bestuursproces, Gebeurtenis, IdeeVersie, Stadiumovergang

from . import serializers as s
from .filters import BestuursprocesFilter, GebeurtenisFilter
from .permissions import LidMetSchrijfrecht

AUDIT_HEADER = OpenApiParameter(
    "X-Audit-Toelichting",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    required=False,
    description="De reden van de wijziging; komt in de gebeurtenis terecht.",
)


def toelichting_uit(request: Request, veld: str = "") -> str:
    """The reason for a change: the body's toelichting, else the X-Audit-Toelichting header."""
    return veld or request.headers.get("X-Audit-Toelichting", "")


class BestuursprocesBasis(generics.GenericAPIView[Any]):
    """Base for every URL below one case: resolves the case once, for members only."""

    permission_classes = [IsAuthenticated, LidMetSchrijfrecht]
    met_details = False
    _bestuursproces: Bestuursproces | None = None

    def get_bestuursproces(self) -> Bestuursproces:
        if self._bestuursproces is None:
            self._bestuursproces = selectors.bestuursproces_voor(
                self.request.user, self.kwargs["uuid"], met_details=self.met_details
            )
        return self._bestuursproces

    def get_serializer_context(self) -> dict[str, Any]:
        context = dict(super().get_serializer_context())
        if "uuid" in self.kwargs:
            context["bestuursproces"] = self.get_bestuursproces()
        return context


@extend_schema(tags=["bestuursprocessen"])
class BestuursprocesLijstView(generics.ListAPIView[Bestuursproces]):
    """Bestuursprocessen waarvan je lid bent, en een nieuw bestuursproces openen."""

    serializer_class = s.BestuursprocesSerializer
    filterset_class = BestuursprocesFilter

    def get_queryset(self) -> Any:
        # Query 1: count; query 2: the page; query 3: besluitmomenten of the page.
        return selectors.bestuursprocessen_voor(self.request.user).prefetch_related(
            "besluitmomenten"
        )

    @extend_schema(
        operation_id="bestuursproces_list",
        summary="Bestuursprocessen opvragen",
        description="Alle bestuursprocessen waarvan je lid bent, nieuwste eerst.",
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(
        operation_id="bestuursproces_create",
        summary="Bestuursproces openen",
        description=(
            "Opent een bestuursproces in stadium voorstelbaar, met zijn opdracht en "
            "optioneel het eerste idee. Wie het opent, wordt de procesregisseur."
        ),
        request=s.BestuursprocesOpenenSerializer,
        responses={201: s.BestuursprocesDetailSerializer},
        parameters=[AUDIT_HEADER],
    )
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        invoer = s.BestuursprocesOpenenSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        data = dict(invoer.validated_data)
        opdracht = data.pop("opdracht", None)
        idee = data.pop("idee", None)
        bestuursproces = services.open_bestuursproces(
            actor=Actor.uit_request(request),
            opdracht=s.OpdrachtSerializer.naar_opdracht(opdracht) if opdracht else None,
            idee=s.IdeeInvoerSerializer.naar_inhoud(idee) if idee else None,
            toelichting=toelichting_uit(request),
            **data,
        )
        bestuursproces = selectors.bestuursproces_voor(
            request.user, bestuursproces.uuid, met_details=True
        )
        data_uit = s.BestuursprocesDetailSerializer(
            bestuursproces, context=self.get_serializer_context()
        ).data
        return Response(
            data_uit, status=status.HTTP_201_CREATED, headers={"Location": data_uit["url"]}
        )


@extend_schema(tags=["bestuursprocessen"])
class BestuursprocesDetailView(BestuursprocesBasis):
    serializer_class = s.BestuursprocesDetailSerializer
    met_details = True

    @extend_schema(
        operation_id="bestuursproces_read",
        summary="Bestuursproces opvragen",
        description="Het bestuursproces met zijn opdracht en het huidige idee.",
    )
    def get(self, request: Request, uuid: Any) -> Response:
        # Queries: case with my role; besluitmomenten; current idee with its author.
        return Response(self.get_serializer(self.get_bestuursproces()).data)

    @extend_schema(
        operation_id="bestuursproces_partial_update",
        summary="Bestuursproces wijzigen",
        description=(
            "Wijzigt eigenschappen, vervangt de opdracht, of wijzigt de status (afronden vraagt "
            "een uitkomst). Het stadium wijzig je via stadiumovergangen. Verwijderen kan niet: "
            "een bestuursproces wordt afgerond."
        ),
        request=s.BestuursprocesWijzigenSerializer,
        responses={200: s.BestuursprocesDetailSerializer},
        parameters=[AUDIT_HEADER],
    )
    def patch(self, request: Request, uuid: Any) -> Response:
        bestuursproces = self.get_bestuursproces()
        invoer = s.BestuursprocesWijzigenSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        data = dict(invoer.validated_data)
        opdracht = data.pop("opdracht", None)
        services.wijzig_bestuursproces(
            actor=Actor.uit_request(request),
            bestuursproces=bestuursproces,
            opdracht=s.OpdrachtSerializer.naar_opdracht(opdracht) if opdracht else None,
            status=data.pop("status", None),
            uitkomst=data.pop("uitkomst", None),
            wijzigingen=data,
            toelichting=toelichting_uit(request),
        )
        vers = selectors.bestuursproces_voor(request.user, uuid, met_details=True)
        return Response(self.get_serializer(vers).data)


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
            raise NotFound("Dit bestuursproces heeft nog geen idee.")
        return Response(s.IdeeVersieSerializer(idee).data)

    @extend_schema(
        operation_id="idee_update",
        summary="Idee herzien",
        description=(
            "Legt een nieuwe versie van het idee vast; eerdere versies blijven bewaard "
            "(zie idee/versies)."
        ),
        request=s.IdeeInvoerSerializer,
        responses={200: s.IdeeVersieSerializer},
        parameters=[AUDIT_HEADER],
    )
    def put(self, request: Request, uuid: Any) -> Response:
        invoer = s.IdeeInvoerSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        idee = services.herzie_idee(
            actor=Actor.uit_request(request),
            bestuursproces=self.get_bestuursproces(),
            inhoud=s.IdeeInvoerSerializer.naar_inhoud(invoer.validated_data),
            toelichting=toelichting_uit(request, invoer.validated_data.get("toelichting", "")),
        )
        return Response(s.IdeeVersieSerializer(idee).data)


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
        # Queries: case with my role; count; page with authors.
        return selectors.ideeversies(self.get_bestuursproces()).order_by("-versie")


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
        return Response(s.StadiumovergangSerializer(overgang).data, status=status.HTTP_201_CREATED)


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
        # Queries: case with my role; count; page.
        return selectors.gebeurtenissen(self.get_bestuursproces())


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
            raise NotFound(f"Gebeurtenis {volgnummer} bestaat niet in dit bestuursproces.")
        return Response(self.get_serializer(gebeurtenis).data)


@extend_schema(tags=["gebeurtenissen"])
class MomentopnameView(BestuursprocesBasis):
    serializer_class = s.MomentopnameSerializer

    @extend_schema(
        operation_id="momentopname_read",
        summary="Momentopname",
        description=(
            "Het bestuursproces zoals het er op een moment voor stond, herbouwd uit de "
            "gebeurtenissenlog: eigenschappen, opdracht, idee, lidmaatschappen en stadia."
        ),
        parameters=[
            OpenApiParameter(
                "tijdstip",
                OpenApiTypes.DATETIME,
                description="Het moment (ISO 8601, met tijdzone); standaard nu.",
            )
        ],
    )
    def get(self, request: Request, uuid: Any) -> Response:
        tijdstip = self._tijdstip(request.query_params.get("tijdstip"))
        staat = selectors.momentopname(self.get_bestuursproces(), tijdstip)
        if staat is None:
            raise NotFound("Het bestuursproces bestond op dat tijdstip nog niet.")
        return Response(
            {"tijdstip": serializers.DateTimeField().to_representation(tijdstip), **staat}
        )

    @staticmethod
    def _tijdstip(waarde: str | None) -> Any:
        if not waarde:
            return timezone.now()
        try:
            tijdstip = parse_datetime(waarde)
        except ValueError:
            tijdstip = None
        if tijdstip is None:
            raise ValidationError(
                {
                    "tijdstip": [
                        serializers.ErrorDetail(
                            "Geef een tijdstip in ISO 8601, "
                            "bijvoorbeeld 2026-05-01T12:00:00+02:00.",
                            code="invalid",
                        )
                    ]
                }
            )
        if timezone.is_naive(tijdstip):
            tijdstip = timezone.make_aware(tijdstip)
        return tijdstip
