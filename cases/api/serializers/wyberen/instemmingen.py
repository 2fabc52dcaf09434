"""The instemmingen of a wyber-stap: each required party's consent and formal decision,
and changing who is required."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from cases.models import Besluit, Instemming
from procesregie.api.velden import ModelSerializer

from ..basis import ProcesRelatieField, Serializer, StriktMixin, WereldtijdMixin
from .velden import (
    InstemmingStatusField,
    PartijRelatieField,
    StapOnderdeelField,
    partij_url,
    partij_van,
)


class InstemmingSerializer(ModelSerializer[Instemming]):
    url = StapOnderdeelField(
        source="*", model=Instemming, route="instemming-detail", kwarg="instemming", read_only=True
    )
    partij = serializers.SerializerMethodField(help_text="URL van de speler of opdrachtgever.")
    naam = serializers.SerializerMethodField()
    status = InstemmingStatusField(read_only=True)
    formeelBesloten = serializers.BooleanField(
        source="formeel_besloten", help_text="Formeel besloten in de eigen organisatie."
    )
    beslotenOp = serializers.DateField(source="besloten_op", allow_null=True)
    formeelBesluitNodig = serializers.BooleanField(
        source="formeel_besluit_nodig",
        help_text="Of deze partij formeel moet besluiten; zo niet, dan is ingestemd genoeg.",
    )
    rond = serializers.BooleanField(
        help_text="Ingestemd én formeel besloten (of ingestemd, als geen formeel besluit nodig is)."
    )
    besluit = ProcesRelatieField(
        model=Besluit,
        route="besluit-detail",
        kwarg="besluit",
        read_only=True,
        allow_null=True,
        help_text="URL van het besluit van dit proces dat het formele besluit is.",
    )

    class Meta:
        model = Instemming
        fields = [
            "url",
            "uuid",
            "partij",
            "naam",
            "status",
            "voorbehoud",
            "formeelBesloten",
            "formeelBesluitNodig",
            "beslotenOp",
            "besluitreferentie",
            "besluit",
            "rond",
        ]
        read_only_fields = fields

    @extend_schema_field(OpenApiTypes.URI)
    def get_partij(self, obj: Instemming) -> str:
        return partij_url(obj, self.context)

    def get_naam(self, obj: Instemming) -> str:
        return partij_van(obj).naam


class InstemmingInvoerSerializer(WereldtijdMixin, StriktMixin, Serializer):
    status = InstemmingStatusField()
    voorbehoud = serializers.CharField(allow_blank=True, required=False, default="")
    formeelBesloten = serializers.BooleanField(
        source="formeel_besloten",
        required=False,
        default=False,
        help_text="Formeel besloten in de eigen organisatie.",
    )
    beslotenOp = serializers.DateField(source="besloten_op", allow_null=True, required=False)
    besluitreferentie = serializers.CharField(
        allow_blank=True, required=False, default="", max_length=200
    )
    besluit = ProcesRelatieField(
        model=Besluit,
        route="besluit-detail",
        kwarg="besluit",
        required=False,
        allow_null=True,
        help_text=(
            "URL van een besluit van dit proces dat het formele besluit is: formeelBesloten, "
            "beslotenOp en (zonder eigen besluitreferentie) de referentie komen van het besluit."
        ),
    )
    toelichting = serializers.CharField(allow_blank=True, required=False, default="")
    onbekend_redenen = {"partij": "De partij van een instemming verandert niet."}


class InstemmersInvoerSerializer(WereldtijdMixin, StriktMixin, Serializer):
    toevoegen = serializers.ListField(
        child=PartijRelatieField(), required=False, default=list, help_text="URL's van partijen."
    )
    verwijderen = serializers.ListField(
        child=PartijRelatieField(), required=False, default=list, help_text="URL's van partijen."
    )
    reden = serializers.CharField(help_text="Waarom de vereiste instemmers wijzigen (verplicht).")
