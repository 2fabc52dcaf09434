"""Stadium transitions."""

from __future__ import annotations

from rest_framework import serializers
from rest_framework.reverse import reverse

from cases.models import (
    Stadiumovergang,
)
from procesregie.api.velden import ModelSerializer

from .basis import Serializer, StadiumField, StriktMixin, WereldtijdMixin


class StadiumovergangInvoerSerializer(WereldtijdMixin, StriktMixin, Serializer):
    naar = StadiumField()
    toelichting = serializers.CharField(
        help_text="Waarom het bestuursproces van stadium wisselt (verplicht)."
    )
    forceren = serializers.BooleanField(
        required=False,
        default=False,
        help_text="Doorzetten ondanks bezwaren van een poort; wordt vastgelegd.",
    )


class StadiumovergangSerializer(ModelSerializer[Stadiumovergang]):
    van = StadiumField(read_only=True)
    naar = StadiumField(read_only=True)
    url = serializers.SerializerMethodField()
    door = serializers.CharField(source="door.get_username")

    class Meta:
        model = Stadiumovergang
        fields = [
            "url",
            "uuid",
            "van",
            "naar",
            "richting",
            "toelichting",
            "geforceerd",
            "door",
            "tijdstip",
        ]
        read_only_fields = fields

    def get_url(self, obj: Stadiumovergang) -> str:
        return reverse(
            "api:stadiumovergang-detail",
            kwargs={"uuid": self.context["bestuursproces"].uuid, "overgang": obj.uuid},
            request=self.context.get("request"),
        )
