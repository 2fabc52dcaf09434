"""The consolidatie of a wyber-stap: what was agreed, with the instemmingen it waits for."""

from __future__ import annotations

from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from cases.models import Consolidatie
from procesregie.api.velden import ModelSerializer

from ..basis import Serializer, StriktMixin, WereldtijdMixin
from .instemmingen import InstemmingSerializer
from .velden import PartijRelatieField, UitkomstField, WyberStapRelatieField, stap_url


class ConsolidatieSerializer(ModelSerializer[Consolidatie]):
    url = serializers.SerializerMethodField()
    stap = WyberStapRelatieField(read_only=True)
    uitkomst = UitkomstField(read_only=True)
    documentTitel = serializers.CharField(source="document_titel")
    documentUrl = serializers.CharField(source="document_url")
    door = serializers.CharField(source="door.get_username", help_text="Gebruikersnaam.")
    instemmingen = serializers.SerializerMethodField(
        help_text="De vereiste partijen en hoe ver elk is."
    )

    class Meta:
        model = Consolidatie
        fields = [
            "url",
            "uuid",
            "stap",
            "uitkomst",
            "tekst",
            "documentTitel",
            "documentUrl",
            "tijdstip",
            "door",
            "instemmingen",
        ]
        read_only_fields = fields

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, obj: Consolidatie) -> str:
        return stap_url("wyberstap-consolidatie", self.context["stap"], self.context)

    @extend_schema_field(InstemmingSerializer(many=True))
    def get_instemmingen(self, obj: Consolidatie) -> list[dict[str, Any]]:
        rijen = self.context["stap"].instemmingen.all()  # prefetched by the view
        return list(InstemmingSerializer(rijen, many=True, context=self.context).data)


class ConsolidatieInvoerSerializer(WereldtijdMixin, StriktMixin, Serializer):
    uitkomst = UitkomstField()
    tekst = serializers.CharField(help_text="Wat is afgesproken.")
    documentTitel = serializers.CharField(
        source="document_titel", allow_blank=True, required=False, default="", max_length=200
    )
    documentUrl = serializers.URLField(
        source="document_url", allow_blank=True, required=False, default=""
    )
    instemmers = serializers.ListField(
        child=PartijRelatieField(),
        required=False,
        default=None,
        allow_empty=False,
        help_text=(
            "URL's van de spelers en opdrachtgevers die moeten instemmen. Standaard: de "
            "aangehaakte spelers met commitment en de aangehaakte opdrachtgevers met mandaat."
        ),
    )
