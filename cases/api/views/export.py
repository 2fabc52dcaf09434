"""Exports of the case history for evaluators (DESIGN §5), streamed as a download."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.http import StreamingHttpResponse
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.permissions import BasePermission, IsAuthenticated
from rest_framework.renderers import BaseRenderer
from rest_framework.request import Request

from cases.exceptions import DomainError
from cases.exports.formaten import FORMATEN, bestandsnaam
from cases.exports.gebeurtenissen import bereid_voor
from cases.exports.koppen import zet_koppen
from cases.models import Rol

from ..serializers.export import ExportVraagSerializer
from .basis import BestuursprocesBasis

MELDING_EXPORTEREN = _(
    "Alleen de procesregisseur en de evaluator kunnen dit bestuursproces exporteren."
)


# The report formats, made whole in memory; above the threshold only as a job.
RAPPORTFORMATEN = frozenset({"html", "pdf"})


class RapportAlsTaak(DomainError):
    """The report of a case this large is not made inside a request (DESIGN §5)."""

    status = 409
    code = "rapport-als-taak"
    titel = _("Dit rapport wordt als taak gemaakt.")


class ExportAlsTaak(DomainError):
    """The event log of a case this large is not streamed inside a request: a stream cut off
    by a server's timeout would be a truncated download under a 200 status."""

    status = 409
    code = "export-als-taak"
    titel = _("Deze export wordt als taak gemaakt.")


class MagExporteren(BasePermission):
    """Members with a role that may export; others of the case get 403, non-members 404."""

    def has_permission(self, request: Request, view: Any) -> bool:
        return view.get_bestuursproces().mijn_rol in Rol.exporterend()


class AlleenFoutenInJson(BaseContentNegotiation):
    # The body of a success is a download in the asked format, not rendered by DRF; only
    # errors go through a renderer, and they are problem+json whatever Accept says (a client
    # asking for application/pdf must get a 403 it can read, not a 406).

    def select_parser(self, request: Request, parsers: Any) -> Any:
        return parsers[0] if parsers else None

    def select_renderer(
        self,
        request: Request,
        renderers: Iterable[BaseRenderer],
        format_suffix: str | None = None,
    ) -> tuple[BaseRenderer, str]:
        renderer = next(iter(renderers))
        return renderer, str(renderer.media_type)


def _antwoorden() -> dict[Any, OpenApiResponse]:
    beschrijving = "; ".join(f"{f.code}: {f.media_type.split(';')[0]}" for f in FORMATEN.values())
    antwoorden: dict[Any, OpenApiResponse] = {
        (200, media_type.split(";")[0]): OpenApiResponse(
            response=OpenApiTypes.BINARY if code == "pdf" else OpenApiTypes.STR,
            description=f"De export als bijlage ({beschrijving}).",
        )
        for code, media_type in ((f.code, f.media_type) for f in FORMATEN.values())
    }
    antwoorden[409] = OpenApiResponse(
        description=(
            "`rapport-als-taak`: html of pdf van een bestuursproces met meer gebeurtenissen "
            "dan de drempel (standaard 500); `export-als-taak`: jsonl, csv of xes van een "
            "bestuursproces met meer dan 50.000 gebeurtenissen. Vraag de export dan aan met "
            "`POST .../exports` en de body die `detail` noemt (met `casus` of `type` als je "
            "die vroeg)."
        )
    )
    return antwoorden


ANTWOORDKOPPEN = [
    OpenApiParameter(
        naam,
        OpenApiTypes.STR,
        OpenApiParameter.HEADER,
        response=[200],
        description=beschrijving,
    )
    for naam, beschrijving in (
        ("Content-Disposition", 'attachment; filename="<titel>-<datum>.<formaat>"'),
        ("X-Export-Zichtbaarheid", "De toegepaste zichtbaarheidsniveaus, gescheiden door spaties."),
        ("X-Export-Afgeschermd", "Hoeveel gebeurtenissen voor jouw rol zijn afgeschermd."),
        (
            "X-Export-Afgeschermd-Onderdelen",
            "Per onderdeel hoeveel voor jouw rol is afgeschermd, bijvoorbeeld "
            "`interventies=3 positioneringen=1` (leeg: niets).",
        ),
        ("X-Export-Ketenkop", "Volgnummer en hash van de laatste geëxporteerde gebeurtenis."),
    )
]


def _taakbody(vraag: dict[str, Any]) -> str:
    """The body of ``POST .../exports`` that makes this export as a job: the same format,
    case notion and event type, so that following the 409 gives the file that was asked for."""
    body = {"formaat": vraag["formaat"]}
    if vraag["casus"] != "bestuursproces":
        body["casus"] = vraag["casus"]
    if vraag.get("type"):
        body["type"] = vraag["type"]
    return json.dumps(body, ensure_ascii=False)


@extend_schema(tags=["export"])
class ExportView(BestuursprocesBasis):
    permission_classes = [IsAuthenticated, MagExporteren]
    melding_geen_schrijfrecht = MELDING_EXPORTEREN
    content_negotiation_class = AlleenFoutenInJson
    filter_backends: list[Any] = []
    serializer_class = None

    @extend_schema(
        operation_id="export_read",
        summary="Bestuursproces exporteren",
        description=(
            "De geschiedenis van het bestuursproces als download voor evaluatie, met de "
            "zichtbaarheid van jouw rol: gebeurtenissen daarboven zijn afgeschermd (inhoud en "
            "toelichting weggelaten, hashes behouden), en de export zegt hoeveel. Alleen voor "
            "de procesregisseur en de evaluator. jsonl: een kop, één gebeurtenis per regel "
            "en een slot met de kop van de keten, te controleren zonder database met "
            "`manage.py verifieer_export`; csv: puntkomma-gescheiden, UTF-8 met BOM, "
            "beveiligd tegen formules, tijden in ISO 8601 en als dd-mm-jjjj uu:mm "
            "(kolommen ...Excel, die een Nederlandse Excel als datum leest), met `type` één "
            "gebeurtenistype of onderdeel met een kolom per gegeven; xes: IEEE 1849-2016 "
            "voor process-mining; html en pdf: het evaluatierapport. De gebeurtenisformaten "
            "worden gestreamd. Het rapport (html en pdf) komt hier alleen voor een "
            "bestuursproces tot een drempel aan gebeurtenissen (standaard 500); daarboven "
            "volgt 409 `rapport-als-taak` en "
            "vraag je het aan als taak met `POST .../exports`. Ook jsonl, csv en xes komen "
            "hier alleen tot een drempel (standaard 50.000 gebeurtenissen, zo'n 40 MB); "
            "daarboven volgt 409 `export-als-taak`: een stroom die halverwege wordt "
            "afgebroken zou een onvolledig bestand zijn. Een gestreamde jsonl-export eindigt "
            "altijd met de slotregel (`soort: slot`) en xes met `</log>`: ontbreken die, dan "
            "is de download niet compleet."
        ),
        parameters=[ExportVraagSerializer, *ANTWOORDKOPPEN],
        responses=_antwoorden(),
    )
    def get(self, request: Request, uuid: Any) -> StreamingHttpResponse:
        # Queries before streaming: case with my role; chain head; counts. Then the events
        # in chunks while the body streams (the report formats read through the selectors).
        vraag = self.lees_vraag(ExportVraagSerializer)
        formaat = FORMATEN[vraag["formaat"]]
        bestuursproces = self.get_bestuursproces()
        rol = getattr(bestuursproces, "mijn_rol", None)
        opdracht = bereid_voor(
            bestuursproces,
            exporteur=request.user.get_username(),
            rol=rol,
            kanaal="api",
            zichtbaar=self.zichtbaar(),
            casus=vraag["casus"],
            gebeurtenistype=vraag.get("type", ""),
        )
        taken_url = reverse("api:exporttaken", kwargs={"uuid": bestuursproces.uuid})
        if formaat.code not in RAPPORTFORMATEN:
            drempel = settings.EXPORT_DIRECT_MAX_GEBEURTENISSEN
            if opdracht.aantal > drempel:
                raise ExportAlsTaak(
                    gettext(
                        "Dit bestuursproces heeft meer dan %(drempel)d gebeurtenissen; de "
                        "export wordt daarom als taak gemaakt. Vraag hem aan met POST "
                        "%(url)s en %(body)s, en haal het bestand op zodra de taak klaar is."
                    )
                    % {"drempel": drempel, "url": taken_url, "body": _taakbody(vraag)}
                )
        drempel = settings.EXPORT_RAPPORT_DIRECT_MAX_GEBEURTENISSEN
        if formaat.code in RAPPORTFORMATEN and opdracht.aantal > drempel:
            raise RapportAlsTaak(
                gettext(
                    "Dit bestuursproces heeft meer dan %(drempel)d gebeurtenissen; het "
                    "rapport wordt daarom als taak gemaakt. Vraag het aan met POST %(url)s "
                    'en {"formaat": "%(formaat)s"}, en haal het bestand op zodra de taak '
                    "klaar is."
                )
                % {"drempel": drempel, "url": taken_url, "formaat": formaat.code}
            )
        response = StreamingHttpResponse(
            formaat.schrijver(opdracht), content_type=formaat.media_type
        )
        response["Content-Disposition"] = (
            f'attachment; filename="{bestandsnaam(opdracht, formaat)}"'
        )
        zet_koppen(response, opdracht)
        return response
