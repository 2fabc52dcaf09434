"""Exports across cases (issue 15): one OCEL 2.0 or CSV file over every case the user may
see, each case redacted as the user's role there allows, streamed or as a job.

Who: an evaluator of at least one case, or a holder of the permission
``cases.exporteer_alle_processen`` (:mod:`cases.selectors.overzicht`); anyone else gets 403.
A job across cases is seen only by its requester, as a job of one case.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from django.conf import settings
from django.http import FileResponse, StreamingHttpResponse
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics
from rest_framework.exceptions import ErrorDetail, NotFound, Throttled
from rest_framework.permissions import BasePermission, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from cases.exports import overzicht, taken
from cases.models import Exporttaak, ExporttaakStatus
from cases.selectors.overzicht import mag_over_processen_heen
from idempotentie.api import IdempotentePostMixin

from ..serializers.export import ExportOverProcessenVraagSerializer
from ..serializers.exporttaken import (
    ExporttaakOverProcessenInvoerSerializer,
    ExporttaakSerializer,
)
from .basis import AuditToelichting
from .export import AlleenFoutenInJson, ExportAlsTaak
from .exporttaken import RETRY_AFTER, BestandNietKlaar

if TYPE_CHECKING:
    from django.contrib.auth.models import User


class MagOverProcessenHeen(BasePermission):
    message = _(
        "Alleen een evaluator van een of meer bestuursprocessen, of wie het recht heeft om "
        "alle bestuursprocessen te exporteren, kan over bestuursprocessen heen exporteren."
    )
    code = "geen-overzichtsrecht"

    def has_permission(self, request: Request, view: Any) -> bool:
        return mag_over_processen_heen(request.user)


GEEN_RECHT = OpenApiResponse(
    description="Je bent van geen enkel bestuursproces evaluator en hebt ook het recht niet "
    "om alle bestuursprocessen te exporteren (`geen-overzichtsrecht`)."
)

KOPPEN = [
    OpenApiParameter(
        naam,
        OpenApiTypes.STR,
        OpenApiParameter.HEADER,
        response=[200],
        description=beschrijving,
    )
    for naam, beschrijving in (
        ("Content-Disposition", 'attachment; filename="bestuursprocessen-<datum>.<formaat>"'),
        (
            "X-Export-Zichtbaarheid",
            "De zichtbaarheidsniveaus die in minstens één bestuursproces zijn toegepast; "
            "welke per bestuursproces staat in het bestand.",
        ),
        (
            "X-Export-Afgeschermd",
            "Hoeveel gebeurtenissen in totaal voor jouw rol zijn afgeschermd.",
        ),
        ("X-Export-Bestuursprocessen", "Hoeveel bestuursprocessen de export bevat."),
    )
]


def _download_antwoorden(beschrijving: str) -> dict[Any, OpenApiResponse]:
    antwoorden: dict[Any, OpenApiResponse] = {
        (200, f.media_type.split(";")[0]): OpenApiResponse(
            response=OpenApiTypes.STR, description=beschrijving
        )
        for f in overzicht.FORMATEN.values()
    }
    antwoorden[403] = GEEN_RECHT
    return antwoorden


@extend_schema(tags=["export"])
class ExportOverProcessenView(generics.GenericAPIView[Any]):
    permission_classes = [IsAuthenticated, MagOverProcessenHeen]
    content_negotiation_class = AlleenFoutenInJson
    filter_backends: list[Any] = []
    serializer_class = None

    @extend_schema(
        operation_id="export_over_processen",
        summary="Alle bestuursprocessen exporteren",
        description=(
            "De gebeurtenissen van alle bestuursprocessen die je mag zien, in één bestand: "
            "als evaluator de bestuursprocessen waarin je evaluator of procesregisseur bent, "
            "met het recht `cases.exporteer_alle_processen` alle bestuursprocessen (met de "
            "zichtbaarheid van een evaluator waar je zelf geen exporterende rol hebt). Elk "
            "bestuursproces is afgeschermd zoals jouw rol daar toelaat, precies als zijn "
            "eigen export. ocel: OCEL 2.0 JSON; elke gebeurtenis heeft het kenmerk "
            "`bestuursproces` en elk object is verbonden met zijn bestuursproces (kwalificatie "
            "`bestuursproces`); ids zijn uniek over bestuursprocessen heen. csv: als de csv "
            "van één bestuursproces, met vooraan de kolommen `bestuursproces` (uuid) en "
            "`bestuursprocesTitel`. Wordt gestreamd tot een drempel (standaard 50.000 "
            "gebeurtenissen samen); daarboven volgt 409 `export-als-taak` en vraag je de "
            "export aan met `POST /exports`."
        ),
        parameters=[ExportOverProcessenVraagSerializer, *KOPPEN],
        responses={
            **_download_antwoorden("De export als bijlage."),
            409: OpenApiResponse(
                description="`export-als-taak`: samen meer gebeurtenissen dan de drempel."
            ),
        },
    )
    def get(self, request: Request) -> StreamingHttpResponse:
        # Queries before streaming: the right (and the permission check), the cases with my
        # role, per case its chain head and counts, the heads' hashes. Then each case's events
        # in chunks while the body streams.
        vraag = ExportOverProcessenVraagSerializer(data=request.query_params)
        vraag.is_valid(raise_exception=True)
        formaat = vraag.validated_data["formaat"]
        opdracht = overzicht.bereid_voor(request.user, recht_gezien=True)  # the permission
        drempel = settings.EXPORT_DIRECT_MAX_GEBEURTENISSEN
        if opdracht.aantal > drempel:
            raise ExportAlsTaak(
                gettext(
                    "Samen hebben deze bestuursprocessen meer dan %(drempel)d gebeurtenissen; "
                    "de export wordt daarom als taak gemaakt. Vraag hem aan met POST %(url)s "
                    'en {"formaat": "%(formaat)s"}, en haal het bestand op zodra de taak '
                    "klaar is."
                )
                % {
                    "drempel": drempel,
                    "url": reverse("api:overzicht-exporttaken"),
                    "formaat": formaat,
                }
            )
        response = StreamingHttpResponse(
            overzicht.schrijf(opdracht, formaat),
            content_type=overzicht.FORMATEN[formaat].media_type,
        )
        response["Content-Disposition"] = (
            f'attachment; filename="{overzicht.bestandsnaam(opdracht, formaat)}"'
        )
        response["X-Export-Zichtbaarheid"] = " ".join(opdracht.niveaus)
        response["X-Export-Afgeschermd"] = str(opdracht.afgeschermd)
        response["X-Export-Bestuursprocessen"] = str(len(opdracht.opdrachten))
        return response


class ExporttaakOverProcessenBasis(generics.GenericAPIView[Any]):
    permission_classes = [IsAuthenticated, MagOverProcessenHeen]
    serializer_class: Any = ExporttaakSerializer
    filter_backends: list[Any] = []

    def get_queryset(self) -> Any:
        return taken.exporttaken_over_processen(self.request.user)

    def get_object(self) -> Exporttaak:
        # Queries: my job by uuid (another's job, or a job of one case, is a 404).
        taak = self.get_queryset().filter(uuid=self.kwargs["taak"]).first()
        if taak is None:
            raise NotFound(gettext("Je hebt geen exporttaak over bestuursprocessen met deze uuid."))
        return taak


@extend_schema(tags=["export"])
class ExporttakenOverProcessenView(
    AuditToelichting,
    IdempotentePostMixin,
    ExporttaakOverProcessenBasis,
    generics.ListAPIView[Exporttaak],
):
    @extend_schema(
        operation_id="exporttaak_over_processen_list",
        summary="Mijn exporttaken over bestuursprocessen opvragen",
        description=(
            "De exporttaken over bestuursprocessen heen die jij hebt aangevraagd, nieuwste "
            "eerst, zolang hun bewaartermijn loopt."
        ),
        responses={200: ExporttaakSerializer(many=True), 403: GEEN_RECHT},
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        # Queries: the right; count; page of my jobs.
        return super().get(request, *args, **kwargs)

    @extend_schema(
        operation_id="exporttaak_over_processen_create",
        summary="Export van alle bestuursprocessen aanvragen",
        description=(
            "Vraagt de export over bestuursprocessen heen (ocel of csv, zoals `GET /export`) "
            "aan als taak op de achtergrond. De worker bepaalt bij de start opnieuw welke "
            "bestuursprocessen je mag zien en met welke zichtbaarheid. Het antwoord is 202 met "
            "in `Location` de taak; haal het bestand op zodra de status `klaar` is. Dezelfde "
            "grenzen als voor andere exporttaken (429 met `Retry-After`)."
        ),
        request=ExporttaakOverProcessenInvoerSerializer,
        responses={
            202: ExporttaakSerializer,
            403: GEEN_RECHT,
            429: OpenApiResponse(description="Te veel exporttaken tegelijk; probeer later."),
        },
        parameters=[
            OpenApiParameter(
                "Location",
                OpenApiTypes.URI,
                OpenApiParameter.HEADER,
                response=[202],
                description="De URL van de nieuwe taak.",
            ),
            RETRY_AFTER,
        ],
    )
    def post(self, request: Request) -> Response:
        invoer = ExporttaakOverProcessenInvoerSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        try:
            taak = taken.vraag_rapport_aan(
                bestuursproces=None,
                aanvrager=cast("User", request.user),
                formaat=invoer.validated_data["formaat"],
            )
        except taken.TeVeelExporttaken as fout:
            afgewezen = Throttled(wait=fout.wacht)
            afgewezen.detail = ErrorDetail(fout.detail, code=fout.code)
            raise afgewezen from fout
        taak.refresh_from_db()  # the immediate backend may have finished it already
        data = self.get_serializer(taak).data
        return Response(data, status=202, headers={"Location": data["url"]})


@extend_schema(tags=["export"])
class ExporttaakOverProcessenDetailView(
    ExporttaakOverProcessenBasis, generics.RetrieveAPIView[Exporttaak]
):
    @extend_schema(
        operation_id="exporttaak_over_processen_read",
        summary="Exporttaak over bestuursprocessen volgen",
        description=(
            "Status en voortgang van een taak over bestuursprocessen heen die jij hebt "
            "aangevraagd; bij `klaar` staat in `bestand` de download."
        ),
        responses={200: ExporttaakSerializer, 403: GEEN_RECHT},
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)


@extend_schema(tags=["export"])
class ExporttaakOverProcessenBestandView(ExporttaakOverProcessenBasis):
    content_negotiation_class = AlleenFoutenInJson
    serializer_class = None

    @extend_schema(
        operation_id="exporttaak_over_processen_bestand",
        summary="Bestand van een exporttaak over bestuursprocessen downloaden",
        description=(
            "Het bestand van een taak met status `klaar`, met `X-Export-Zichtbaarheid` en "
            "`X-Export-Afgeschermd` als bij de directe export. Een taak die nog loopt of "
            "mislukt is geeft 409."
        ),
        responses={
            **_download_antwoorden("Het bestand van de taak als bijlage, met Content-Length."),
            409: OpenApiResponse(description="De taak is nog niet klaar, of mislukt."),
        },
    )
    def get(self, request: Request, taak: Any) -> FileResponse:
        exporttaak = self.get_object()
        if exporttaak.status != ExporttaakStatus.KLAAR or not exporttaak.bestand.name:
            raise BestandNietKlaar(
                gettext("Deze taak is mislukt; vraag de export opnieuw aan.")
                if exporttaak.status == ExporttaakStatus.MISLUKT
                else gettext("De export wordt nog gemaakt; volg de taak tot de status klaar is.")
            )
        response = FileResponse(
            exporttaak.bestand.open("rb"),
            as_attachment=True,
            filename=exporttaak.bestandsnaam,
            content_type=overzicht.FORMATEN[exporttaak.formaat].media_type,
        )
        response["X-Export-Zichtbaarheid"] = exporttaak.niveaus
        response["X-Export-Afgeschermd"] = str(exporttaak.afgeschermd)
        return response
