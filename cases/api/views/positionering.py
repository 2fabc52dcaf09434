"""The regisseur's positioneringen per veld, and the procesontwerp with its versions."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext, gettext_lazy
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import generics
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response

from cases import selectors, services
from cases.events import Actor
from cases.models import Positionering, PositioneringsVeld, ProcesontwerpVersie

from .. import serializers as s
from ..filters_positionering import PositioneringFilter
from ..permissions import ALLEEN_REGISSEUR
from .basis import (
    AUDIT_HEADER,
    BestuursprocesBasis,
    bekend_op_parameter,
    lees_tijdstip,
    tijdstip_parameter,
)

MELDING_POSITIONERING = gettext_lazy(
    "Alleen de procesregisseur kiest een positionering: het is zijn of haar eigen positie."
)


class PositioneringBasis(BestuursprocesBasis):
    schrijfrollen = ALLEEN_REGISSEUR
    melding_geen_schrijfrecht = MELDING_POSITIONERING


@extend_schema(tags=["positionering"])
class PositioneringenView(PositioneringBasis, generics.ListAPIView[Positionering]):
    serializer_class = s.PositioneringSerializer
    filterset_class = PositioneringFilter

    def get_queryset(self) -> Any:
        if getattr(self, "swagger_fake_view", False):  # schema generation has no case
            return Positionering.objects.none()
        # Queries: case with my role; count; page of the positions I may see, with their
        # authors and wyber-stappen.
        return selectors.positioneringen(self.get_bestuursproces(), self.zichtbaar())

    @extend_schema(
        operation_id="positionering_list",
        summary="Positioneringen opvragen",
        description=(
            "De positioneringen die jij mag zien, oudste eerst (op sinds): per veld de "
            "geschiedenis van de positie van de procesregisseur."
        ),
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(
        operation_id="positionering_create",
        summary="Positionering kiezen",
        description=(
            "Legt een nieuwe positie van de procesregisseur in een veld vast; een positionering "
            "wordt nooit gewijzigd, een nieuwe keuze is een nieuwe positionering. Alleen de "
            "procesregisseur kiest; de zichtbaarheid mag niet ruimer zijn dan je eigen rol."
        ),
        request=s.PositioneringInvoerSerializer,
        responses={201: s.PositioneringSerializer},
        parameters=[AUDIT_HEADER],
    )
    def post(self, request: Request, uuid: Any) -> Response:
        invoer = self.lees_invoer(s.PositioneringInvoerSerializer)
        invoer["toelichting"] = self.toelichting(invoer.get("toelichting", ""))
        positionering = services.kies_positionering(
            actor=Actor.uit_request(request), bestuursproces=self.get_bestuursproces(), **invoer
        )
        return self.aangemaakt(self.get_serializer(positionering).data)


@extend_schema(tags=["positionering"])
class PositioneringDetailView(PositioneringBasis):
    serializer_class = s.PositioneringSerializer

    @extend_schema(operation_id="positionering_read", summary="Eén positionering opvragen")
    def get(self, request: Request, uuid: Any, positionering: Any) -> Response:
        # Queries: case with my role; the positionering (if I may see it) with its author and
        # wyber-stap.
        gevonden = (
            selectors.positioneringen(self.get_bestuursproces(), self.zichtbaar())
            .filter(uuid=positionering)
            .first()
        )
        if gevonden is None:
            raise NotFound(gettext("Deze positionering bestaat niet in dit bestuursproces."))
        return Response(self.get_serializer(gevonden).data)


@extend_schema(tags=["positionering"])
class HuidigePositioneringenView(PositioneringBasis):
    serializer_class = s.HuidigePositieSerializer
    # Always the four velden: a plain list, neither filtered nor paginated.
    filter_backends: list[Any] = []
    pagination_class = None

    @extend_schema(
        operation_id="positionering_huidig",
        summary="Huidige positionering per veld",
        description=(
            "Per veld (opdrachtgevende, verbindende, uitvoerende, interne) de laatste positie "
            "die jij mag zien, of null. Met tijdstip: de posities die op die dag golden "
            "(werkelijke tijd), ook als ze later zijn vastgelegd; met bekendOp alleen wat toen "
            "al was vastgelegd."
        ),
        parameters=[
            tijdstip_parameter(
                "tijdstip", "Het moment (ISO 8601); zonder tijdzone is het Nederlandse tijd."
            ),
            bekend_op_parameter(),
        ],
        responses={200: s.HuidigePositieSerializer(many=True)},
    )
    def get(self, request: Request, uuid: Any) -> Response:
        op = lees_tijdstip(request)
        # Queries: case with my role; the latest visible position per veld, with author and
        # wyber-stap.
        huidig = selectors.huidige_positioneringen(
            self.get_bestuursproces(),
            self.zichtbaar(),
            op,
            bekend_op=lees_tijdstip(request, "bekendOp"),
        )
        rijen = [
            {
                "veld": veld,
                "veldNaam": PositioneringsVeld(veld).label,
                "positionering": positionering,
            }
            for veld, positionering in huidig.items()
        ]
        return Response(self.get_serializer(rijen, many=True).data)


@extend_schema(tags=["positionering"])
class HuidigePositioneringenPerRegisseurView(PositioneringBasis):
    serializer_class = s.HuidigePositieVanRegisseurSerializer
    filter_backends: list[Any] = []
    pagination_class = None

    @extend_schema(
        operation_id="positionering_huidig_per_regisseur",
        summary="Huidige positionering per procesregisseur",
        description=(
            "Voor elke procesregisseur van het proces, per veld de laatste positie die hij of "
            "zij koos en die jij mag zien, of null: met twee regisseurs verdringt de keuze van "
            "de een die van de ander niet. tijdstip en bekendOp als bij huidig."
        ),
        parameters=[
            tijdstip_parameter(
                "tijdstip", "Het moment (ISO 8601); zonder tijdzone is het Nederlandse tijd."
            ),
            bekend_op_parameter(),
        ],
        responses={200: s.HuidigePositieVanRegisseurSerializer(many=True)},
    )
    def get(self, request: Request, uuid: Any) -> Response:
        # Queries: case with my role; the procesregisseurs; the latest visible position per
        # veld and author, with author and wyber-stap.
        per_regisseur = selectors.huidige_positioneringen_per_regisseur(
            self.get_bestuursproces(),
            self.zichtbaar(),
            lees_tijdstip(request),
            bekend_op=lees_tijdstip(request, "bekendOp"),
        )
        rijen = [
            {
                "regisseur": regisseur.get_username(),
                "regisseurNaam": regisseur.get_full_name() or regisseur.get_username(),
                "posities": [
                    {
                        "veld": veld,
                        "veldNaam": PositioneringsVeld(veld).label,
                        "positionering": positionering,
                    }
                    for veld, positionering in posities.items()
                ],
            }
            for regisseur, posities in per_regisseur
        ]
        return Response(self.get_serializer(rijen, many=True).data)


@extend_schema(tags=["procesontwerp"])
class ProcesontwerpView(BestuursprocesBasis):
    serializer_class = s.ProcesontwerpVersieSerializer

    @extend_schema(
        operation_id="procesontwerp_read",
        summary="Huidig procesontwerp opvragen",
        description="De huidige versie van het procesontwerp (404 zolang er nog geen is).",
    )
    def get(self, request: Request, uuid: Any) -> Response:
        # Queries: case with my role; the current version with its author.
        ontwerp = selectors.huidig_procesontwerp(self.get_bestuursproces())
        if ontwerp is None:
            raise NotFound(gettext("Dit bestuursproces heeft nog geen procesontwerp."))
        return Response(self.get_serializer(ontwerp).data)

    @extend_schema(
        operation_id="procesontwerp_update",
        summary="Procesontwerp herzien",
        description=(
            "Legt een nieuwe versie van het procesontwerp vast (201 voor de eerste, daarna "
            "200); eerdere versies blijven bewaard (zie procesontwerp/versies). Alles wat je "
            "weglaat, is daarna leeg. De aanpak wordt ook de aanpak van het bestuursproces. "
            "Dezelfde inhoud nog eens is geen nieuwe versie: je krijgt de huidige terug."
        ),
        request=s.ProcesontwerpHerzieningSerializer,
        responses={200: s.ProcesontwerpVersieSerializer, 201: s.ProcesontwerpVersieSerializer},
        parameters=[AUDIT_HEADER],
    )
    def put(self, request: Request, uuid: Any) -> Response:
        invoer = self.lees_invoer(s.ProcesontwerpHerzieningSerializer)
        eerste = selectors.huidig_procesontwerp(self.get_bestuursproces()) is None
        ontwerp = services.herzie_procesontwerp(
            actor=Actor.uit_request(request),
            bestuursproces=self.get_bestuursproces(),
            inhoud=s.ProcesontwerpHerzieningSerializer.naar_inhoud(invoer),
            toelichting=self.toelichting(invoer.get("toelichting", "")),
            tijdstip=invoer.get("tijdstip"),
        )
        data = self.get_serializer(ontwerp).data
        return self.aangemaakt(data) if eerste else Response(data)


@extend_schema_view(
    get=extend_schema(
        operation_id="procesontwerp_versies_list",
        summary="Versies van het procesontwerp",
        description="Alle versies van het procesontwerp, nieuwste eerst.",
        tags=["procesontwerp"],
    )
)
class ProcesontwerpVersiesView(BestuursprocesBasis, generics.ListAPIView[ProcesontwerpVersie]):
    serializer_class = s.ProcesontwerpVersieSerializer

    def get_queryset(self) -> Any:
        if getattr(self, "swagger_fake_view", False):  # schema generation has no case
            return ProcesontwerpVersie.objects.none()
        # Queries: case with my role; count; page with authors.
        return selectors.procesontwerpversies(self.get_bestuursproces()).order_by("-versie")
