"""The evaluation report as a background job: ask for it, follow it, download the file.

Who: the procesregisseur and the evaluator of the case, as for the streaming export. A job is
seen only by the member who asked for it: its file was made with that member's visibility, so
another member (even one with export rights) could read what their own role may not.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from django.http import FileResponse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics
from rest_framework.exceptions import ErrorDetail, NotFound, Throttled
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from cases.exceptions import DomainError
from cases.exports import taken
from cases.exports.formaten import FORMATEN
from cases.exports.koppen import zet_taakkoppen
from cases.models import Exporttaak, ExporttaakStatus

from ..serializers.exporttaken import ExporttaakInvoerSerializer, ExporttaakSerializer
from .basis import BestuursprocesBasis
from .export import ANTWOORDKOPPEN, MELDING_EXPORTEREN, AlleenFoutenInJson, MagExporteren

if TYPE_CHECKING:
    from django.contrib.auth.models import User

RETRY_AFTER = OpenApiParameter(
    "Retry-After",
    OpenApiTypes.INT,
    OpenApiParameter.HEADER,
    response=[429],
    description="Na hoeveel seconden een nieuwe aanvraag zin heeft.",
)


class BestandNietKlaar(DomainError):
    status = 409
    code = "bestand-niet-klaar"
    titel = _("Het rapport is (nog) niet klaar.")


class ExporttaakBasis(BestuursprocesBasis):
    permission_classes = [IsAuthenticated, MagExporteren]
    melding_geen_schrijfrecht = MELDING_EXPORTEREN
    serializer_class: Any = ExporttaakSerializer
    filter_backends: list[Any] = []

    def get_queryset(self) -> Any:
        if getattr(self, "swagger_fake_view", False):  # schema generation has no case
            return Exporttaak.objects.none()
        return taken.exporttaken_van(self.get_bestuursproces(), self.request.user)

    def get_object(self) -> Exporttaak:
        # Queries: case with my role; my job by uuid (another's job is a 404, as if absent).
        taak = self.get_queryset().filter(uuid=self.kwargs["taak"]).first()
        if taak is None:
            raise NotFound(gettext("Je hebt geen exporttaak met deze uuid in dit bestuursproces."))
        return taak


@extend_schema(tags=["export"])
class ExporttakenView(ExporttaakBasis, generics.ListAPIView[Exporttaak]):
    @extend_schema(
        operation_id="exporttaak_list",
        summary="Mijn exporttaken opvragen",
        description=(
            "De exporttaken die jij voor dit bestuursproces hebt aangevraagd, nieuwste "
            "eerst, zolang hun bewaartermijn loopt. Taken van andere leden zie je niet: hun "
            "export is gemaakt met de zichtbaarheid van hun rol."
        ),
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        # Queries: case with my role; count; page of my jobs.
        return super().get(request, *args, **kwargs)

    @extend_schema(
        operation_id="exporttaak_create",
        summary="Evaluatierapport of grote export aanvragen",
        description=(
            "Vraagt het evaluatierapport (html of pdf) aan als taak op de achtergrond, met "
            "de zichtbaarheid van jouw rol; of de gebeurtenissen (jsonl, csv, xes, ocel) van "
            "een bestuursproces dat te groot is voor de directe export (409 "
            "`export-als-taak`), met `casus` (xes) en `type` (csv) zoals de directe export "
            "ze kent; de 409 noemt de body die je stuurt. "
            "Het bestand wordt pas bewaard als het compleet is. Het antwoord is 202 met in "
            "`Location` de taak; volg daar status en voortgang en haal het bestand op "
            "zodra de status `klaar` is. Alleen voor de procesregisseur en de evaluator. "
            "Per gebruiker en in totaal mogen maar een beperkt aantal taken tegelijk "
            "wachten of lopen; daarboven volgt 429 met `Retry-After`."
        ),
        request=ExporttaakInvoerSerializer,
        responses={
            202: ExporttaakSerializer,
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
    def post(self, request: Request, uuid: Any) -> Response:
        invoer = self.lees_invoer(ExporttaakInvoerSerializer)
        try:
            taak = taken.vraag_rapport_aan(
                bestuursproces=self.get_bestuursproces(),
                aanvrager=cast("User", request.user),  # MagExporteren: a member
                formaat=invoer["formaat"],
                casus=invoer["casus"],
                gebeurtenistype=invoer.get("type", ""),
            )
        except taken.TeVeelExporttaken as fout:
            # DRF's 429 carries Retry-After; the problem+json handler keeps our code and text.
            afgewezen = Throttled(wait=fout.wacht)
            afgewezen.detail = ErrorDetail(fout.detail, code=fout.code)
            raise afgewezen from fout
        taak.refresh_from_db()  # the immediate backend may have finished it already
        data = self.get_serializer(taak).data
        return Response(data, status=202, headers={"Location": data["url"]})


@extend_schema(tags=["export"])
class ExporttaakDetailView(ExporttaakBasis, generics.RetrieveAPIView[Exporttaak]):
    @extend_schema(
        operation_id="exporttaak_read",
        summary="Exporttaak volgen",
        description=(
            "Status (wachtend, bezig, klaar, mislukt) en voortgang in stappen van een taak "
            "die jij hebt aangevraagd. Bij `klaar` staat in `bestand` de download; bij "
            "`mislukt` staat in `fout` waarom. Na de bewaartermijn (`verlooptOp`) zijn taak "
            "en bestand verwijderd (404)."
        ),
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)


def _bestand_antwoorden() -> dict[Any, OpenApiResponse]:
    antwoorden: dict[Any, OpenApiResponse] = {
        (200, FORMATEN[code].media_type.split(";")[0]): OpenApiResponse(
            response=OpenApiTypes.BINARY if code == "pdf" else OpenApiTypes.STR,
            description="Het bestand van de taak als bijlage, met Content-Length.",
        )
        for code in ("html", "pdf", "jsonl", "csv", "xes")
    }
    antwoorden[409] = OpenApiResponse(description="De taak is nog niet klaar, of mislukt.")
    return antwoorden


@extend_schema(tags=["export"])
class ExporttaakBestandView(ExporttaakBasis):
    content_negotiation_class = AlleenFoutenInJson
    serializer_class = None

    @extend_schema(
        operation_id="exporttaak_bestand",
        summary="Bestand van een exporttaak downloaden",
        description=(
            "Het bestand van een taak met status `klaar`, met dezelfde koppen als de "
            "directe export voor jouw rol (`X-Export-Zichtbaarheid`, `X-Export-Afgeschermd`, "
            "`X-Export-Afgeschermd-Onderdelen`, `X-Export-Ketenkop`) en dezelfde "
            "bestandsnaam. Een taak die nog loopt of mislukt is geeft 409."
        ),
        parameters=ANTWOORDKOPPEN,
        responses=_bestand_antwoorden(),
    )
    def get(self, request: Request, uuid: Any, taak: Any) -> FileResponse:
        exporttaak = self.get_object()
        if exporttaak.status != ExporttaakStatus.KLAAR or not exporttaak.bestand.name:
            raise BestandNietKlaar(
                gettext("Deze taak is mislukt; vraag het rapport opnieuw aan.")
                if exporttaak.status == ExporttaakStatus.MISLUKT
                else gettext("Het rapport wordt nog gemaakt; volg de taak tot de status klaar is.")
            )
        response = FileResponse(
            exporttaak.bestand.open("rb"),
            as_attachment=True,
            filename=exporttaak.bestandsnaam,
            content_type=FORMATEN[exporttaak.formaat].media_type,
        )
        zet_taakkoppen(response, exporttaak)
        return response
