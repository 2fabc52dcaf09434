"""The krachtenveld and its shifts: documents read from the event log, per viewer."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.dateparse import parse_datetime
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.reverse import reverse

from cases.models import Macht, Veld
from cases.selectors.krachtenveld import DOORZETTINGSMACHT

from .basis import BetrokkenheidField, Serializer, StandpuntField, keuzeveld

PartijSoortField = keuzeveld(
    "PartijSoortEnum", [("speler", "Speler"), ("opdrachtgever", "Opdrachtgever")]
)
KrachtenveldVeldField = keuzeveld(
    "KrachtenveldVeldEnum", [*Veld.choices, ("opdrachtgevende", "Opdrachtgevende veld")]
)
KrachtenveldMachtField = keuzeveld(
    "KrachtenveldMachtEnum",
    [*Macht.choices, (DOORZETTINGSMACHT, "Doorzettingsmacht (opdrachtgevers)")],
)


class TijdstipField(serializers.DateTimeField):
    """A moment that the log's documents carry as text; shown like every other datetime."""

    def to_representation(self, value: Any) -> Any:
        if isinstance(value, str):
            value = parse_datetime(value)
        return super().to_representation(value)


def partij_url(partij: Mapping[str, Any], context: Mapping[str, Any]) -> str | None:
    soort = partij.get("soort")
    if soort not in {"speler", "opdrachtgever"}:
        return None
    return reverse(
        f"api:{soort}-detail",
        kwargs={"uuid": context["bestuursproces"].uuid, soort: partij["uuid"]},
        request=context.get("request"),
    )


class KrachtenveldPartijSerializer(Serializer):
    soort = PartijSoortField()
    uuid = serializers.UUIDField()
    url = serializers.SerializerMethodField()
    naam = serializers.CharField()
    veld = KrachtenveldVeldField(help_text="Opdrachtgevers staan in het opdrachtgevende veld.")
    betrokkenheid = BetrokkenheidField()
    invloed = serializers.IntegerField(
        allow_null=True, help_text="Invloed (spelers) of stevigheid (opdrachtgevers), 1–5."
    )
    uniekeMacht = serializers.BooleanField(allow_null=True, help_text="Alleen bij spelers.")
    beoordeeldOp = TijdstipField(
        allow_null=True, help_text="Tijdstip van de beoordeling waarop de plaats berust."
    )

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_url(self, obj: dict[str, Any]) -> str | None:
        return partij_url(obj, self.context)


class KrachtenveldGroepSerializer(Serializer):
    standpunt = StandpuntField(help_text="Standpunt (spelers) of steun (opdrachtgevers).")
    macht = KrachtenveldMachtField()
    partijen = KrachtenveldPartijSerializer(many=True, help_text="Meeste invloed eerst.")


class KrachtenveldSerializer(Serializer):
    tijdstip = serializers.DateTimeField(help_text="Het gevraagde moment.")
    volgnummer = serializers.IntegerField(help_text="De laatste gebeurtenis tot dat moment.")
    groepen = KrachtenveldGroepSerializer(many=True)
    nietBeoordeeld = KrachtenveldPartijSerializer(
        many=True, help_text="Partijen zonder beoordeling die jij mag zien."
    )


class VerschuivingPartijSerializer(Serializer):
    uuid = serializers.UUIDField()
    url = serializers.SerializerMethodField()
    naam = serializers.CharField()
    soort = PartijSoortField()

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_url(self, obj: dict[str, Any]) -> str | None:
        return partij_url(obj, self.context)


class VerschuivingSerializer(Serializer):
    volgnummer = serializers.IntegerField(help_text="De gebeurtenis van de verschuiving.")
    tijdstip = serializers.DateTimeField()
    partij = VerschuivingPartijSerializer()
    aspect = serializers.ChoiceField(
        choices=[("standpunt", "Standpunt"), ("betrokkenheid", "Betrokkenheid")],
        help_text="Standpunt (bij opdrachtgevers: steun) of betrokkenheid.",
    )
    van = serializers.CharField(
        allow_null=True, help_text="Vorige waarde; null bij de eerste beoordeling."
    )
    naar = serializers.CharField()
    toelichting = serializers.CharField(help_text="De reden of onderbouwing.")
    door = serializers.CharField(help_text="Gebruikersnaam van wie het vastlegde.")
    doorNaam = serializers.CharField(help_text="Naam van wie het vastlegde.")
