"""Opdrachtgevers and the regisseur's dated reading of them."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from cases import selectors
from cases.models import (
    Opdrachtgever,
    OpdrachtgeverBeoordeling,
    Organisatie,
    Zichtbaarheid,
)
from procesregie.api.velden import ModelSerializer

from .basis import (
    BetrokkenheidField,
    ProcesRelatieField,
    Serializer,
    StandpuntField,
    StriktMixin,
    WereldtijdMixin,
    keuzeveld,
)
from .partijen import SCORE, BeoordelingBasisSerializer, partij_links
from .spelers import FORMEEL_BESLUIT_NODIG

OpdrachtgeverRolField = keuzeveld("OpdrachtgeverRolEnum", Opdrachtgever.Rol.choices)

NAAR_BEOORDELINGEN = (
    "Mandaat, stevigheid, steun en de impliciete opdracht zijn beoordelingen met een datum: "
    "leg ze vast met POST .../opdrachtgevers/{opdrachtgever}/beoordelingen."
)
NAAR_BETROKKENHEID = (
    "Betrokkenheid wijzigt alleen door een actie met een reden: "
    "POST .../opdrachtgevers/{opdrachtgever}/betrokkenheid."
)
BEOORDELINGSVELDEN = (
    "mandaat",
    "stevigheid",
    "steun",
    "onderlingVertrouwen",
    "openRekeningen",
    "implicieteOpdracht",
)


class OpdrachtgeverBeoordelingSerializer(BeoordelingBasisSerializer[OpdrachtgeverBeoordeling]):
    steun = StandpuntField(help_text="Steun voor het proces.")
    onderlingVertrouwen = serializers.IntegerField(source="onderling_vertrouwen")
    openRekeningen = serializers.CharField(source="open_rekeningen")
    implicieteOpdracht = serializers.CharField(source="impliciete_opdracht")

    class Meta:
        model = OpdrachtgeverBeoordeling
        fields = [*BeoordelingBasisSerializer.BASIS, *BEOORDELINGSVELDEN]
        read_only_fields = fields


class OpdrachtgeverSerializer(ModelSerializer[Opdrachtgever]):
    url = ProcesRelatieField(source="*", model=Opdrachtgever, read_only=True)
    rol = OpdrachtgeverRolField()
    organisatie = ProcesRelatieField(model=Organisatie, read_only=True, allow_null=True)
    expliciteOpdracht = serializers.CharField(source="expliciete_opdracht")
    formeelBesluitNodig = serializers.BooleanField(
        source="formeel_besluit_nodig", help_text=FORMEEL_BESLUIT_NODIG
    )
    betrokkenheid = BetrokkenheidField(help_text="Wijzigt via POST .../betrokkenheid.")
    huidigeBeoordeling = serializers.SerializerMethodField(
        help_text="De laatste beoordeling die jij mag zien, of null."
    )
    links = serializers.SerializerMethodField()

    class Meta:
        model = Opdrachtgever
        fields = [
            "url",
            "uuid",
            "naam",
            "rol",
            "organisatie",
            "expliciteOpdracht",
            "formeelBesluitNodig",
            "betrokkenheid",
            "huidigeBeoordeling",
            "links",
        ]
        read_only_fields = fields

    @extend_schema_field(OpdrachtgeverBeoordelingSerializer(allow_null=True))
    def get_huidigeBeoordeling(self, obj: Opdrachtgever) -> dict[str, Any] | None:
        beoordeling = selectors.huidige_beoordeling(obj)
        if beoordeling is None:
            return None
        return OpdrachtgeverBeoordelingSerializer(beoordeling, context=self.context).data

    @extend_schema_field(
        serializers.DictField(
            child=serializers.URLField(), help_text="beoordelingen, betrokkenheid"
        )
    )
    def get_links(self, obj: Opdrachtgever) -> dict[str, str]:
        return partij_links("opdrachtgever", obj, self.context)


class OpdrachtgeverInvoerSerializer(WereldtijdMixin, StriktMixin, Serializer):
    """Een opdrachtgever registreren, of wijzigen (PATCH: alleen wat je meestuurt)."""

    naam = serializers.CharField(max_length=200)
    rol = OpdrachtgeverRolField()
    organisatie = ProcesRelatieField(
        model=Organisatie,
        allow_null=True,
        required=False,
        default=None,
        help_text="URL van een organisatie van dit bestuursproces.",
    )
    expliciteOpdracht = serializers.CharField(
        source="expliciete_opdracht", allow_blank=True, required=False, default=""
    )
    formeelBesluitNodig = serializers.BooleanField(
        source="formeel_besluit_nodig",
        required=False,
        help_text=FORMEEL_BESLUIT_NODIG,
    )
    onbekend_redenen = {
        "betrokkenheid": NAAR_BETROKKENHEID,
        "huidigeBeoordeling": NAAR_BEOORDELINGEN,
        **dict.fromkeys(BEOORDELINGSVELDEN, NAAR_BEOORDELINGEN),
    }


class OpdrachtgeverBeoordelingInvoerSerializer(WereldtijdMixin, StriktMixin, Serializer):
    mandaat = serializers.CharField(allow_blank=True, required=False, default="")
    stevigheid = serializers.IntegerField(
        **SCORE, help_text="Doorzettingsmacht in de eigen organisatie, 1 (weinig) tot 5 (veel)."
    )
    steun = StandpuntField(help_text="Steun voor het proces.")
    onderlingVertrouwen = serializers.IntegerField(
        source="onderling_vertrouwen", **SCORE, help_text="1 (weinig) tot 5 (veel)."
    )
    openRekeningen = serializers.CharField(
        source="open_rekeningen",
        allow_blank=True,
        required=False,
        default="",
        help_text="Open rekeningen uit de samenwerkingsgeschiedenis.",
    )
    implicieteOpdracht = serializers.CharField(
        source="impliciete_opdracht",
        allow_blank=True,
        required=False,
        default="",
        help_text="De impliciete opdracht zoals de regisseur die begrijpt.",
    )
    toelichting = serializers.CharField(
        allow_blank=True,
        required=False,
        default="",
        help_text="Onderbouwing (of gebruik de header X-Audit-Toelichting).",
    )
    zichtbaarheid = serializers.ChoiceField(
        choices=Zichtbaarheid.choices,
        required=False,
        default=Zichtbaarheid.REGISSEUR,
        help_text="Wie de beoordeling mag zien; standaard alleen de procesregisseur.",
    )
    onbekend_redenen = {"betrokkenheid": NAAR_BETROKKENHEID}
