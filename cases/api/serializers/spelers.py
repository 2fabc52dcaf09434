"""Spelers and their dated assessments."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from cases import selectors
from cases.models import Macht, Organisatie, Speler, SpelerBeoordeling, Veld, Zichtbaarheid
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

SpelerSoortField = keuzeveld("SpelerSoortEnum", Speler.Soort.choices)
VeldField = keuzeveld("VeldEnum", Veld.choices)
MachtField = keuzeveld("MachtEnum", Macht.choices)

NAAR_BEOORDELINGEN = (
    "Standpunt, macht en scores zijn beoordelingen met een datum: leg ze vast met "
    "POST .../spelers/{speler}/beoordelingen."
)
BEOORDELINGSVELDEN = ("standpunt", "macht", "uniekeMacht", "invloed", "vertrouwen")
NAAR_BETROKKENHEID = (
    "Betrokkenheid wijzigt alleen door een actie met een reden: "
    "POST .../spelers/{speler}/betrokkenheid."
)


class SpelerBeoordelingSerializer(BeoordelingBasisSerializer[SpelerBeoordeling]):
    standpunt = StandpuntField()
    macht = MachtField()
    uniekeMacht = serializers.BooleanField(
        source="unieke_macht", help_text="Niet te vervangen door een andere partij."
    )

    class Meta:
        model = SpelerBeoordeling
        fields = [
            *BeoordelingBasisSerializer.BASIS,
            "standpunt",
            "macht",
            "uniekeMacht",
            "invloed",
            "vertrouwen",
        ]
        read_only_fields = fields


FORMEEL_BESLUIT_NODIG = (
    "Besluit de partij formeel in een eigen organisatie? Zo niet (bewoners, een platform), "
    "dan volstaat haar instemming om rond te zijn."
)


class SpelerSerializer(ModelSerializer[Speler]):
    url = ProcesRelatieField(source="*", model=Speler, read_only=True)
    soort = SpelerSoortField()
    organisatie = ProcesRelatieField(model=Organisatie, read_only=True, allow_null=True)
    veld = VeldField()
    rolInProces = serializers.ChoiceField(
        source="rol_in_proces", choices=Speler.RolInProces.choices
    )
    formeelBesluitNodig = serializers.BooleanField(
        source="formeel_besluit_nodig", help_text=FORMEEL_BESLUIT_NODIG
    )
    betrokkenheid = BetrokkenheidField(help_text="Wijzigt via POST .../betrokkenheid.")
    huidigeBeoordeling = serializers.SerializerMethodField(
        help_text="De laatste beoordeling die jij mag zien, of null."
    )
    links = serializers.SerializerMethodField()

    class Meta:
        model = Speler
        fields = [
            "url",
            "uuid",
            "naam",
            "soort",
            "organisatie",
            "veld",
            "rolInProces",
            "belang",
            "belemmeringen",
            "waarden",
            "commitment",
            "symmetrie",
            "formeelBesluitNodig",
            "betrokkenheid",
            "huidigeBeoordeling",
            "links",
        ]
        read_only_fields = fields

    @extend_schema_field(SpelerBeoordelingSerializer(allow_null=True))
    def get_huidigeBeoordeling(self, obj: Speler) -> dict[str, Any] | None:
        beoordeling = selectors.huidige_beoordeling(obj)
        if beoordeling is None:
            return None
        return SpelerBeoordelingSerializer(beoordeling, context=self.context).data

    @extend_schema_field(
        serializers.DictField(
            child=serializers.URLField(), help_text="beoordelingen, betrokkenheid"
        )
    )
    def get_links(self, obj: Speler) -> dict[str, str]:
        return partij_links("speler", obj, self.context)


class SpelerInvoerSerializer(WereldtijdMixin, StriktMixin, Serializer):
    """Een speler registreren, of wijzigen (PATCH: alleen wat je meestuurt)."""

    naam = serializers.CharField(max_length=200)
    soort = SpelerSoortField()
    organisatie = ProcesRelatieField(
        model=Organisatie,
        allow_null=True,
        required=False,
        default=None,
        help_text="URL van een organisatie van dit bestuursproces.",
    )
    veld = VeldField()
    rolInProces = serializers.ChoiceField(
        source="rol_in_proces", choices=Speler.RolInProces.choices
    )
    belang = serializers.CharField(allow_blank=True, required=False, default="")
    belemmeringen = serializers.CharField(allow_blank=True, required=False, default="")
    waarden = serializers.CharField(
        allow_blank=True, required=False, default="", help_text="Kernwaarden."
    )
    commitment = serializers.BooleanField(
        allow_null=True,
        required=False,
        default=None,
        help_text="Kan afspraken maken namens de eigen organisatie.",
    )
    symmetrie = serializers.BooleanField(
        allow_null=True,
        required=False,
        default=None,
        help_text="Heeft hetzelfde mandaat als de anderen aan tafel.",
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


class SpelerBeoordelingInvoerSerializer(WereldtijdMixin, StriktMixin, Serializer):
    standpunt = StandpuntField()
    macht = MachtField()
    uniekeMacht = serializers.BooleanField(
        source="unieke_macht",
        required=False,
        default=False,
        help_text="Niet te vervangen door een andere partij.",
    )
    invloed = serializers.IntegerField(**SCORE, help_text="Invloed, 1 (weinig) tot 5 (veel).")
    vertrouwen = serializers.IntegerField(
        **SCORE, help_text="Vertrouwen in de regisseur, 1 (weinig) tot 5 (veel)."
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
        default=Zichtbaarheid.PROCES,
        help_text="Wie de beoordeling mag zien; nooit ruimer dan je eigen rol toestaat.",
    )
    onbekend_redenen = {
        "betrokkenheid": NAAR_BETROKKENHEID,
        "stadium": "Het stadium op het moment van beoordelen wordt zelf vastgelegd.",
    }
