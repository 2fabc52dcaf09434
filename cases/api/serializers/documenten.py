"""Documents and their versions: uploaded as multipart/form-data, shown with hashes and links."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.reverse import reverse

from cases.models import Consolidatie, Document, DocumentVersie, Zichtbaarheid
from procesregie.api.velden import ModelSerializer

from ..verwijzingen import lees_url
from .basis import ProcesRelatieField, Serializer, StriktMixin
from .besluiten import besluit_relatie, bijeenkomst_relatie
from .interventies import interventie_relatie


class ConsolidatieRelatieField(ProcesRelatieField):
    """The consolidatie of a wyber-stap, as the URL .../wyberstappen/{stap}/consolidatie."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(
            model=Consolidatie,
            route="wyberstap-consolidatie",
            kwarg="stap",
            soort="consolidatie",
            **kwargs,
        )

    def pad_kwargs(self, value: Any) -> dict[str, Any]:
        return {"stap": value.stap.uuid}

    def to_internal_value(self, data: Any) -> Any:
        request = self.context.get("request")
        bestuursproces = self.context["bestuursproces"]
        try:
            proces_uuid, stap_uuid = lees_url(
                data, self.route, self.kwarg, request.get_host() if request else None
            )
        except ValueError:
            self.fail("invalid", soort=self.soort)
        gevonden = Consolidatie.objects.filter(
            bestuursproces=bestuursproces, stap__uuid=stap_uuid
        ).first()
        if proces_uuid != bestuursproces.uuid or gevonden is None:
            self.fail("does_not_exist", soort=self.soort)
        return gevonden


def _versie_url(context: Mapping[str, Any], versie: DocumentVersie, route: str) -> str:
    kwargs = {
        "uuid": context["bestuursproces"].uuid,
        "document": versie.document.uuid,
        "nummer": versie.nummer,
    }
    return reverse(f"api:{route}", kwargs=kwargs, request=context.get("request"))


class DocumentVersieSerializer(ModelSerializer[DocumentVersie]):
    url = serializers.SerializerMethodField()
    inhoud = serializers.SerializerMethodField(
        help_text="Hier download je het bestand (met dezelfde toegangscontrole)."
    )
    inhoudstype = serializers.CharField(help_text="Het MIME-type, vastgesteld bij het uploaden.")
    grootte = serializers.IntegerField(help_text="In bytes.")
    sha256 = serializers.CharField(help_text="SHA-256 van de inhoud; staat ook in de gebeurtenis.")
    auteur = serializers.CharField(source="auteur.get_username", help_text="Gebruikersnaam.")
    toegevoegdOp = serializers.DateTimeField(source="toegevoegd_op")

    class Meta:
        model = DocumentVersie
        fields = [
            "url",
            "nummer",
            "bestandsnaam",
            "inhoudstype",
            "grootte",
            "sha256",
            "auteur",
            "toegevoegdOp",
            "inhoud",
        ]
        read_only_fields = fields

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, obj: DocumentVersie) -> str:
        return _versie_url(self.context, obj, "documentversie")

    @extend_schema_field(OpenApiTypes.URI)
    def get_inhoud(self, obj: DocumentVersie) -> str:
        return _versie_url(self.context, obj, "documentversie-inhoud")


class DocumentSerializer(ModelSerializer[Document]):
    url = ProcesRelatieField(
        model=Document, route="document-detail", kwarg="document", source="*", read_only=True
    )
    consolidatie = ConsolidatieRelatieField(read_only=True, allow_null=True)
    interventie = interventie_relatie(read_only=True, allow_null=True)
    besluit = besluit_relatie(read_only=True, allow_null=True)
    bijeenkomst = bijeenkomst_relatie(read_only=True, allow_null=True)
    auteur = serializers.CharField(source="auteur.get_username", help_text="Gebruikersnaam.")
    toegevoegdOp = serializers.DateTimeField(source="toegevoegd_op")
    versies = serializers.SerializerMethodField(help_text="Alle versies, oudste eerst.")

    class Meta:
        model = Document
        fields = [
            "url",
            "uuid",
            "titel",
            "zichtbaarheid",
            "consolidatie",
            "interventie",
            "besluit",
            "bijeenkomst",
            "auteur",
            "toegevoegdOp",
            "versies",
        ]
        read_only_fields = fields

    @extend_schema_field(DocumentVersieSerializer(many=True))
    def get_versies(self, obj: Document) -> list[dict[str, Any]]:
        versies = obj.versies_op_nummer  # type: ignore[attr-defined]  # prefetched by the selector
        for versie in versies:
            versie.document = obj  # the URLs need the document; spare the query
        return list(DocumentVersieSerializer(versies, many=True, context=self.context).data)


class DocumentInvoerSerializer(StriktMixin, Serializer):
    """Een document toevoegen (multipart/form-data): het bestand en zijn titel."""

    titel = serializers.CharField(max_length=200)
    bestand = serializers.FileField(
        help_text=(
            "Het bestand: pdf, docx, xlsx, odt, ods, png, jpg of txt (naam en inhoud moeten "
            "kloppen), hoogstens DOCUMENT_MAX_BYTES groot (standaard 25 MB)."
        )
    )
    zichtbaarheid = serializers.ChoiceField(
        choices=Zichtbaarheid.choices,
        required=False,
        default=Zichtbaarheid.KERNTEAM,
        help_text="Wie het document mag zien en downloaden; ligt daarna vast.",
    )
    consolidatie = ConsolidatieRelatieField(
        required=False,
        default=None,
        allow_null=True,
        help_text="URL van de consolidatie van een wyber-stap (.../{stap}/consolidatie).",
    )
    interventie = interventie_relatie(
        required=False, default=None, allow_null=True, help_text="URL van een interventie."
    )
    besluit = besluit_relatie(
        required=False,
        default=None,
        allow_null=True,
        help_text="URL van een besluit (bijvoorbeeld het raadsbesluit zelf).",
    )
    bijeenkomst = bijeenkomst_relatie(
        required=False,
        default=None,
        allow_null=True,
        help_text="URL van een bijeenkomst (bijvoorbeeld haar verslag of agenda).",
    )
    toelichting = serializers.CharField(
        allow_blank=True,
        required=False,
        default="",
        help_text="De reden (of gebruik de header X-Audit-Toelichting).",
    )


class DocumentVersieInvoerSerializer(StriktMixin, Serializer):
    """Een nieuwe versie van een document (multipart/form-data)."""

    bestand = serializers.FileField(help_text="Het bestand, met dezelfde eisen als bij toevoegen.")
    toelichting = serializers.CharField(
        allow_blank=True,
        required=False,
        default="",
        help_text="De reden (of gebruik de header X-Audit-Toelichting).",
    )
