"""Output of the catalogue endpoints (read-only; camelCase properties)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.reverse import reverse

from instruments.models import Doel, Instrument, Kracht, Lemniscaatkant, Strategie, Veld, VeldCode
from procesregie.api.keuzevelden import keuzeveld
from procesregie.api.velden import ModelSerializer

# One enum component each in the OpenAPI document; the case API's suggestions use them too.
CatalogusVeldField = keuzeveld("CatalogusVeldEnum", VeldCode.choices)
LemniscaatkantField = keuzeveld("LemniscaatkantEnum", Lemniscaatkant.choices)

Serializer = serializers.Serializer[Any]


@extend_schema_field(serializers.ChoiceField(choices=Doel.choices), component_name="DoelEnum")
class DoelField(serializers.ChoiceField):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(choices=Doel.choices, **kwargs)

    def to_representation(self, value: Any) -> Any:
        # The model stores "not known" as an empty string; the API says null.
        return None if value == "" else super().to_representation(value)


class SubVraagSerializer(Serializer):
    nummer = serializers.IntegerField()
    tekst = serializers.CharField()


class ThemaSerializer(Serializer):
    naam = serializers.CharField()
    subvraag = serializers.IntegerField(
        source="subvraag.nummer",
        allow_null=True,
        default=None,
        help_text="Het nummer van de sub-vraag waar het thema bij hoort, als het boek dat zegt.",
    )


class CompetentieSerializer(Serializer):
    naam = serializers.CharField()
    omschrijving = serializers.CharField()
    gedragEnHouding = serializers.CharField(
        source="gedrag_en_houding",
        help_text="Voorbeelden van gedrag en houding per niveau, waar het boek die geeft.",
    )


class VeldLinksSerializer(Serializer):
    instrumenten = serializers.URLField(help_text="De instrumenten van dit veld.")


class VeldSerializer(ModelSerializer[Veld]):
    """Een veld van het 7-veldenmodel (of het algemene blok, of het idee) met zijn vragen."""

    url = serializers.HyperlinkedIdentityField(
        view_name="api:veld-detail", lookup_field="code", lookup_url_kwarg="code"
    )
    code = CatalogusVeldField()
    lemniscaatkant = LemniscaatkantField(
        allow_null=True,
        help_text="De kant van de creatielemniscaat (§2.3); geen voor het algemene blok.",
    )
    subvragen = SubVraagSerializer(many=True)
    themas = ThemaSerializer(many=True)
    competenties = CompetentieSerializer(many=True)
    links = serializers.SerializerMethodField()

    class Meta:
        model = Veld
        fields = [
            "url",
            "code",
            "naam",
            "kernvraag",
            "uitleg",
            "lemniscaatkant",
            "subvragen",
            "themas",
            "competenties",
            "links",
        ]
        read_only_fields = fields

    @extend_schema_field(VeldLinksSerializer)
    def get_links(self, obj: Veld) -> dict[str, str]:
        lijst = reverse("api:instrument-lijst", request=self.context.get("request"))
        return {"instrumenten": f"{lijst}?{urlencode({'veld': obj.code})}"}


class InstrumentSerializer(ModelSerializer[Instrument]):
    """Een instrument uit de catalogus, met de verdiepingsvraag (de ik-vraag)."""

    url = serializers.HyperlinkedIdentityField(
        view_name="api:instrument-detail", lookup_field="uuid", lookup_url_kwarg="uuid"
    )
    veld = CatalogusVeldField(source="veld.code")
    veldNaam = serializers.CharField(source="veld.naam")
    subvraag = serializers.CharField(
        source="subvraag.tekst",
        allow_null=True,
        default=None,
        help_text="De sub-vraag van het veld, als het boek die eenduidig geeft.",
    )
    thema = serializers.CharField(
        source="thema.naam",
        allow_null=True,
        default=None,
        help_text="Het thema, als het boek dat eenduidig geeft.",
    )
    doel = DoelField(
        allow_null=True, help_text="Begrijpen, bekwamen of toepassen; null als onbekend."
    )
    voorkeursinstrument = serializers.BooleanField(
        allow_null=True,
        help_text="Een van de voorkeursinstrumenten van het boek; null als onbekend.",
    )

    class Meta:
        model = Instrument
        fields = [
            "url",
            "uuid",
            "naam",
            "veld",
            "veldNaam",
            "subvraag",
            "thema",
            "verdiepingsvraag",
            "doel",
            "voorkeursinstrument",
            "bron",
            "omschrijving",
        ]
        read_only_fields = fields


class StrategieSerializer(ModelSerializer[Strategie]):
    """Een strategie die een interventie kan volgen (§8.2)."""

    class Meta:
        model = Strategie
        fields = ["code", "naam", "omschrijving"]
        read_only_fields = fields


class KrachtSerializer(ModelSerializer[Kracht]):
    """Een van de vijf krachten van de procesregisseur (§3.2)."""

    class Meta:
        model = Kracht
        fields = ["naam", "omschrijving"]
        read_only_fields = fields
