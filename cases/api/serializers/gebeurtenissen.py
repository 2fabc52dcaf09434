"""The event log and the momentopname."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers
from rest_framework.reverse import reverse

from cases.exports.gebeurtenissen import zichtbare_inhoud
from cases.models import (
    Gebeurtenis,
)
from procesregie.api.velden import ModelSerializer

from .basis import MomentField, Serializer, StriktMixin


class GebeurtenisSerializer(ModelSerializer[Gebeurtenis]):
    url = serializers.SerializerMethodField()
    actor = serializers.CharField(source="actor_gebruikersnaam")
    actorNaam = serializers.CharField(source="actor_naam")
    vorigeHash = serializers.CharField(source="vorige_hash")

    class Meta:
        model = Gebeurtenis
        fields = [
            "url",
            "volgnummer",
            "type",
            "actor",
            "actorNaam",
            "herkomst",
            "tijdstip",
            "geregistreerd",
            "toelichting",
            "payload",
            "vorigeHash",
            "hash",
        ]
        read_only_fields = fields

    def to_representation(self, instance: Gebeurtenis) -> dict[str, Any]:
        data: dict[str, Any] = super().to_representation(instance)
        # Withheld, not hidden: the event and its hashes stay, so the chain's shape is
        # visible, but what it says is not (the same rule as the exports).
        inhoud = zichtbare_inhoud(instance, self.context["zichtbaar"])
        if inhoud.afgeschermd:
            data["payload"] = inhoud.payload
            data["toelichting"] = inhoud.toelichting
        return data

    def get_url(self, obj: Gebeurtenis) -> str:
        return reverse(
            "api:gebeurtenis-detail",
            kwargs={"uuid": self.context["bestuursproces"].uuid, "volgnummer": obj.volgnummer},
            request=self.context.get("request"),
        )


class MomentopnameSerializer(Serializer):
    """Het bestuursproces zoals het op een moment was, herbouwd uit de gebeurtenissenlog."""

    # Documents the shape only; the data itself comes from replay.

    tijdstip = serializers.DateTimeField(help_text="Het gevraagde moment.")
    volgnummer = serializers.IntegerField(help_text="De laatste gebeurtenis tot dat moment.")
    bestuursproces = serializers.JSONField()
    idee = serializers.JSONField(allow_null=True)
    lidmaatschappen = serializers.ListField(child=serializers.JSONField())
    stadiumovergangen = serializers.ListField(child=serializers.JSONField())
    organisaties = serializers.ListField(child=serializers.JSONField(), help_text="Op naam.")
    spelers = serializers.ListField(
        child=serializers.JSONField(),
        help_text="Op naam, elk met de laatste beoordeling die jij mag zien (huidigeBeoordeling).",
    )
    opdrachtgevers = serializers.ListField(
        child=serializers.JSONField(),
        help_text="Op naam, elk met de laatste beoordeling die jij mag zien (huidigeBeoordeling).",
    )
    notities = serializers.ListField(
        child=serializers.JSONField(), help_text="De notities die jij mag zien, oudste eerst."
    )
    wyberstappen = serializers.ListField(
        child=serializers.JSONField(),
        help_text="De wyber-stappen op volgnummer, met opties, consolidatie en instemmingen.",
    )
    positioneringen = serializers.ListField(
        child=serializers.JSONField(),
        help_text="De positioneringen die jij mag zien, per veld op datum (sinds).",
    )
    procesontwerp = serializers.JSONField(
        allow_null=True, help_text="De laatste versie van het procesontwerp."
    )
    interventies = serializers.ListField(
        child=serializers.JSONField(),
        help_text="De interventies die jij mag zien, op datum, elk met de reflecties die jij "
        "mag zien.",
    )
    documenten = serializers.ListField(
        child=serializers.JSONField(),
        help_text="De documenten die jij mag zien, oudste eerst, elk met zijn versies "
        "(bestandsnaam, grootte, SHA-256).",
    )
    besluiten = serializers.ListField(
        child=serializers.JSONField(), help_text="De besluiten die jij mag zien, op datum."
    )
    afspraken = serializers.ListField(
        child=serializers.JSONField(),
        help_text="De afspraken die jij mag zien, op de dag waarop ze werden gemaakt.",
    )
    bijeenkomsten = serializers.ListField(
        child=serializers.JSONField(),
        help_text="De bijeenkomsten die jij mag zien, op datum, met hun deelnemers.",
    )


class DatumcorrectieInvoerSerializer(StriktMixin, Serializer):
    tijdstip = MomentField(
        help_text=(
            "Wanneer het feit werkelijk gebeurde (ISO 8601): een datum-tijd, of een datum voor "
            "die dag. Niet in de toekomst en niet vóór de opening."
        )
    )
    toelichting = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text="Waarom de datum niet klopte; verplicht, hier of in X-Audit-Toelichting.",
    )
