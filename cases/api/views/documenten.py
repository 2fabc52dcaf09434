"""Documents of the case: upload (multipart/form-data), versions and the download through the
same access checks as every other read; there is no public URL of a stored file."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import FileResponse
from django.utils.translation import gettext
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from cases import services
from cases.events import Actor
from cases.models import Document
from cases.selectors.documenten import document_voor, documenten, versie_van
from cases.services._bestandscontrole import BestandTeGroot
from cases.services.documenten import opslag
from procesregie.api.vangnet import UPLOADMARGE

from .. import serializers as s
from .basis import AUDIT_HEADER, BestuursprocesBasis

TAGS = ["documenten"]


class DocumentBasis(BestuursprocesBasis):
    parser_classes = [MultiPartParser]
    in_een_transactie = False  # an upload: no lock while its body arrives

    def get_document(self) -> Document:
        """The document in the path, if the viewer may see it; else 404."""
        return document_voor(self.get_bestuursproces(), self.zichtbaar(), self.kwargs["document"])

    def weiger_te_groot(self, request: Request) -> None:
        """Refuse an upload by its Content-Length before reading it all."""
        try:
            lengte = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            lengte = 0
        if lengte > settings.DOCUMENT_MAX_BYTES + UPLOADMARGE:
            raise BestandTeGroot(lengte, settings.DOCUMENT_MAX_BYTES)

    def vers(self, document: Document) -> dict[str, Any]:
        gevonden = document_voor(self.get_bestuursproces(), self.zichtbaar(), document.uuid)
        return dict(s.DocumentSerializer(gevonden, context=self.get_serializer_context()).data)


@extend_schema(tags=TAGS)
class DocumentenView(DocumentBasis, generics.ListAPIView[Document]):
    serializer_class = s.DocumentSerializer
    filter_backends: list[Any] = []

    def get_queryset(self) -> Any:
        if getattr(self, "swagger_fake_view", False):  # schema generation has no case
            return Document.objects.none()
        # Queries: case with my role; count; page of the documents I may see, with author,
        # consolidatie (and its step) and interventie; their versions with authors.
        return documenten(self.get_bestuursproces(), self.zichtbaar())

    @extend_schema(
        operation_id="document_list",
        summary="Documenten opvragen",
        description="De documenten die jij mag zien, met al hun versies, oudste eerst.",
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(
        operation_id="document_create",
        summary="Document toevoegen",
        description=(
            "Upload als multipart/form-data: het bestand in 'bestand' en de 'titel'; "
            "optioneel de zichtbaarheid (standaard kernteam) en een koppeling aan de "
            "consolidatie van een wyber-stap of een interventie. Toegestaan zijn pdf, docx, "
            "xlsx, odt, ods, png, jpg en txt; de inhoud moet bij de naam passen (anders 400) "
            "en het bestand mag niet groter zijn dan de ingestelde grens (anders 413). De "
            "SHA-256 van het bestand komt in de gebeurtenis."
        ),
        request={"multipart/form-data": s.DocumentInvoerSerializer},
        responses={201: s.DocumentSerializer},
        parameters=[AUDIT_HEADER],
    )
    def post(self, request: Request, uuid: Any) -> Response:
        self.weiger_te_groot(request)
        invoer = self.lees_invoer(s.DocumentInvoerSerializer)
        document = services.voeg_document_toe(
            actor=Actor.uit_request(request),
            bestuursproces=self.get_bestuursproces(),
            **{**invoer, "toelichting": self.toelichting(invoer["toelichting"])},
        )
        return self.aangemaakt(self.vers(document))


@extend_schema(tags=TAGS)
class DocumentDetailView(DocumentBasis):
    serializer_class = s.DocumentSerializer

    @extend_schema(operation_id="document_retrieve", summary="Eén document opvragen")
    def get(self, request: Request, uuid: Any, document: Any) -> Response:
        # Queries: case with my role; the document with author and links; its versions.
        return Response(self.get_serializer(self.get_document()).data)


@extend_schema(tags=TAGS)
class DocumentVersiesView(DocumentBasis):
    serializer_class = s.DocumentVersieSerializer

    @extend_schema(
        operation_id="documentversie_create",
        summary="Nieuwe versie van een document",
        description=(
            "Upload als multipart/form-data met het bestand in 'bestand'; dezelfde eisen als "
            "bij toevoegen. De versie krijgt het volgende nummer en haar SHA-256 komt in de "
            "gebeurtenis."
        ),
        request={"multipart/form-data": s.DocumentVersieInvoerSerializer},
        responses={201: s.DocumentVersieSerializer},
        parameters=[AUDIT_HEADER],
    )
    def post(self, request: Request, uuid: Any, document: Any) -> Response:
        self.weiger_te_groot(request)
        gevonden = self.get_document()
        invoer = self.lees_invoer(s.DocumentVersieInvoerSerializer)
        versie = services.voeg_versie_toe(
            actor=Actor.uit_request(request),
            document=gevonden,
            bestand=invoer["bestand"],
            toelichting=self.toelichting(invoer["toelichting"]),
        )
        versie.document = gevonden
        return self.aangemaakt(self.get_serializer(versie).data)


@extend_schema(tags=TAGS)
class DocumentVersieView(DocumentBasis):
    serializer_class = s.DocumentVersieSerializer

    @extend_schema(operation_id="documentversie_retrieve", summary="Eén versie opvragen")
    def get(self, request: Request, uuid: Any, document: Any, nummer: int) -> Response:
        gevonden = self.get_document()
        versie = versie_van(gevonden, nummer)
        versie.document = gevonden
        return Response(self.get_serializer(versie).data)


class ElkAntwoord(BaseContentNegotiation):
    """A download answers whatever the client accepts; only errors are rendered (as JSON)."""

    def select_parser(self, request: Any, parsers: Any) -> Any:
        return parsers[0] if parsers else None

    def select_renderer(self, request: Any, renderers: Any, format_suffix: Any = None) -> Any:
        return renderers[0], renderers[0].media_type


@extend_schema(tags=TAGS)
class DocumentInhoudView(DocumentBasis):
    content_negotiation_class = ElkAntwoord

    @extend_schema(
        operation_id="documentversie_inhoud",
        summary="Bestand downloaden",
        description=(
            "Het bestand van deze versie, als bijlage (Content-Disposition) met zijn eigen "
            "type; alleen voor wie het document mag zien. De SHA-256 van de inhoud staat bij "
            "de versie en in de gebeurtenis."
        ),
        responses={
            (200, "application/octet-stream"): OpenApiResponse(
                OpenApiTypes.BINARY, description="De inhoud van het bestand."
            )
        },
    )
    def get(self, request: Request, uuid: Any, document: Any, nummer: int) -> FileResponse:
        versie = versie_van(self.get_document(), nummer)
        try:
            bestand = opslag().open(versie.opslagnaam, "rb")
        except FileNotFoundError:
            raise FileNotFoundError(gettext("Het bestand ontbreekt in de opslag.")) from None
        antwoord = FileResponse(
            bestand,
            as_attachment=True,
            filename=versie.bestandsnaam,
            content_type=versie.inhoudstype,
        )
        antwoord["Content-Length"] = str(versie.grootte)
        antwoord["Cache-Control"] = "private, no-store"
        antwoord["X-Content-Type-Options"] = "nosniff"
        return antwoord
