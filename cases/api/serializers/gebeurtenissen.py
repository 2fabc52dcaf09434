"""The event log and the momentopname."""

from __future__ import annotations

from rest_framework import serializers
from rest_framework.reverse import reverse

from cases.models import (
    Gebeurtenis,
)

from .basis import Serializer


class GebeurtenisSerializer(serializers.ModelSerializer[Gebeurtenis]):
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

    def get_url(self, obj: Gebeurtenis) -> str:
        return reverse(
            "api:gebeurtenis-detail",
            kwargs={"uuid": self.context["bestuursproces"].uuid, "volgnummer": obj.volgnummer},
            request=self.context.get("request"),
        )


class MomentopnameSerializer(Serializer):
    """Documents the shape of a momentopname; the data itself comes from replay."""

    tijdstip = serializers.DateTimeField(help_text="Het gevraagde moment.")
    volgnummer = serializers.IntegerField(help_text="De laatste gebeurtenis tot dat moment.")
    bestuursproces = serializers.JSONField()
    idee = serializers.JSONField(allow_null=True)
    lidmaatschappen = serializers.ListField(child=serializers.JSONField())
    stadiumovergangen = serializers.ListField(child=serializers.JSONField())
