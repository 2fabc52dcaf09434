"""The wyber-stap itself: what it shows (with the parties not yet rond and the links below
it), starting one, its phase moves and reopening it."""

from __future__ import annotations

from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from cases.models import Instemming, WyberStap
from procesregie.api.velden import ModelSerializer

from ..basis import Serializer, StadiumField, StriktMixin, WereldtijdMixin
from .velden import (
    FaseField,
    InstemmingStatusField,
    WyberStapRelatieField,
    partij_url,
    partij_van,
    stap_url,
)

# What a step shows below it, as (name in links, route).
STAP_LINKS = {
    "opties": "wyberstap-opties",
    "faseovergangen": "wyberstap-faseovergangen",
    "consolidatie": "wyberstap-consolidatie",
    "instemmingen": "wyberstap-instemmingen",
    "heropeningen": "wyberstap-heropeningen",
}


class OntbrekendSerializer(Serializer):
    """Een partij die nog niet rond is: nog niet ingestemd, of nog niet formeel besloten."""

    partij = serializers.SerializerMethodField(help_text="URL van de speler of opdrachtgever.")
    naam = serializers.SerializerMethodField()
    status = InstemmingStatusField()
    formeelBesloten = serializers.BooleanField(source="formeel_besloten")

    @extend_schema_field(OpenApiTypes.URI)
    def get_partij(self, obj: Instemming) -> str:
        return partij_url(obj, self.context)

    def get_naam(self, obj: Instemming) -> str:
        return partij_van(obj).naam


class WyberStapSerializer(ModelSerializer[WyberStap]):
    url = WyberStapRelatieField(source="*", read_only=True)
    stadium = StadiumField(read_only=True, help_text="Het stadium waarin de stap begon.")
    fase = FaseField(read_only=True)
    gestartOp = serializers.DateTimeField(source="gestart_op")
    convergerenOp = serializers.DateTimeField(source="convergeren_op", allow_null=True)
    consoliderenOp = serializers.DateTimeField(source="consolideren_op", allow_null=True)
    geconsolideerdOp = serializers.DateTimeField(source="geconsolideerd_op", allow_null=True)
    heropent = WyberStapRelatieField(
        read_only=True, allow_null=True, help_text="De geconsolideerde stap die deze heropent."
    )
    ontbrekend = serializers.SerializerMethodField(
        help_text=(
            "De vereiste partijen die nog niet rond zijn (ingestemd én formeel besloten), met "
            "hun status; leeg zonder consolidatie en zodra de stap geconsolideerd is."
        )
    )
    links = serializers.SerializerMethodField()

    class Meta:
        model = WyberStap
        fields = [
            "url",
            "uuid",
            "volgnummer",
            "doel",
            "stadium",
            "fase",
            "gestartOp",
            "convergerenOp",
            "consoliderenOp",
            "geconsolideerdOp",
            "heropent",
            "heropeningsreden",
            "ontbrekend",
            "links",
        ]
        read_only_fields = fields

    @extend_schema_field(OntbrekendSerializer(many=True))
    def get_ontbrekend(self, obj: WyberStap) -> list[dict[str, Any]]:
        # The instemmingen are prefetched by the selector (with their parties).
        open_ = [i for i in obj.instemmingen.all() if not i.rond]
        return list(OntbrekendSerializer(open_, many=True, context=self.context).data)

    @extend_schema_field(
        serializers.DictField(
            child=serializers.URLField(),
            help_text="opties, faseovergangen, consolidatie, instemmingen, heropeningen",
        )
    )
    def get_links(self, obj: WyberStap) -> dict[str, str]:
        return {naam: stap_url(route, obj, self.context) for naam, route in STAP_LINKS.items()}


class WyberStapInvoerSerializer(WereldtijdMixin, StriktMixin, Serializer):
    doel = serializers.CharField(help_text="Wat deze stap moet vaststellen.")
    onbekend_redenen = {
        "fase": "Een stap begint met divergeren; de fase wijzig je via faseovergangen.",
        "stadium": "Een stap hoort bij het huidige stadium van het bestuursproces.",
        "heropent": "Een stap heropenen doe je met POST .../wyberstappen/{stap}/heropeningen.",
    }


class FaseovergangInvoerSerializer(WereldtijdMixin, StriktMixin, Serializer):
    naar = FaseField(
        help_text=(
            "De volgende fase: convergeren (na divergeren) of consolideren (na convergeren). "
            "Geconsolideerd volgt vanzelf uit de instemmingen."
        )
    )
    toelichting = serializers.CharField(allow_blank=True, required=False, default="")


class HeropeningInvoerSerializer(WereldtijdMixin, StriktMixin, Serializer):
    reden = serializers.CharField(help_text="Waarom de stap opnieuw ter discussie staat.")
    doel = serializers.CharField(
        required=False, default=None, help_text="Standaard het doel van de heropende stap."
    )
