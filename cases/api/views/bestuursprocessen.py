"""The case: list, open, read, change."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, generics, status
from rest_framework.request import Request
from rest_framework.response import Response

from cases import selectors, services
from cases.events import Actor
from cases.events.payloads import OPDRACHT_VELDEN
from cases.exceptions import OngeldigeInvoer
from cases.models import Bestuursproces
from idempotentie.api import IdempotentePostMixin
from toegang.rechten import GEEN_RECHT_OM_TE_OPENEN, mag_bestuursproces_openen

from .. import serializers as s
from ..filters import BestuursprocesFilter
from .basis import AUDIT_HEADER, AuditToelichting, BestuursprocesBasis


@extend_schema(tags=["bestuursprocessen"])
@contextmanager
def _opdracht_genest() -> Iterator[None]:
    """A refusal of the opdracht's fields named where the request carries them
    (``opdracht.einddatum``), not where the service keeps them."""
    try:
        yield
    except OngeldigeInvoer as fout:
        raise fout.onder("opdracht", set(OPDRACHT_VELDEN.values())) from fout


class BestuursprocesLijstView(
    AuditToelichting, IdempotentePostMixin, generics.ListAPIView[Bestuursproces]
):
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
            "optioneel het eerste idee. Wie het opent, wordt de procesregisseur. Alleen "
            "gebruikers met het recht om bestuursprocessen te openen (de groep "
            "Procesregisseurs) mogen dit; anderen krijgen 403 `openen-niet-toegestaan`."
        ),
        request=s.BestuursprocesOpenenSerializer,
        responses={201: s.BestuursprocesDetailSerializer},
        parameters=[AUDIT_HEADER],
    )
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        if not mag_bestuursproces_openen(request.user):
            raise exceptions.PermissionDenied(
                GEEN_RECHT_OM_TE_OPENEN, code="openen-niet-toegestaan"
            )
        invoer = s.BestuursprocesOpenenSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        data = dict(invoer.validated_data)
        opdracht = data.pop("opdracht", None)
        idee = data.pop("idee", None)
        with _opdracht_genest():
            bestuursproces = services.open_bestuursproces(
                actor=Actor.uit_request(request),
                opdracht=s.OpdrachtSerializer.naar_opdracht(opdracht) if opdracht else None,
                idee=s.IdeeInvoerSerializer.naar_inhoud(idee) if idee else None,
                toelichting=self.toelichting(),
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
            "Wijzigt eigenschappen, vervangt de opdracht, of wijzigt de status. Afronden vraagt "
            "een uitkomst (omschrijving), bij voorkeur met uitkomstSoort en vervolgUrl; staan er "
            "nog wyber-stappen open, dan is het 409 open-stappen, staan alleen nog afspraken "
            "open, dan 409 open-afspraken, tot je bevestigd: true meestuurt (het detail noemt "
            "wat open staat; de gebeurtenis legt het vast). Het stadium wijzig je via "
            "stadiumovergangen. Verwijderen kan niet: een bestuursproces wordt afgerond."
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
        with _opdracht_genest():
            services.wijzig_bestuursproces(
                geopend_op=data.pop("geopend_op", None),
                actor=Actor.uit_request(request),
                bestuursproces=bestuursproces,
                opdracht=s.OpdrachtSerializer.naar_opdracht(opdracht) if opdracht else None,
                status=data.pop("status", None),
                uitkomst=data.pop("uitkomst", None),
                uitkomst_soort=data.pop("uitkomst_soort", None),
                vervolg_url=data.pop("vervolg_url", None),
                bevestigd=data.pop("bevestigd", False),
                tijdstip=data.pop("tijdstip", None),
                wijzigingen=data,
                toelichting=self.toelichting(),
            )
        vers = selectors.bestuursproces_voor(request.user, uuid, met_details=True)
        return Response(self.get_serializer(vers).data)
