"""Memberships of a case: who may see and work on it, in which role."""

from __future__ import annotations

from rest_framework import serializers
from rest_framework.reverse import reverse

from cases.models import Lidmaatschap, Rol
from procesregie.api.velden import ModelSerializer

from .basis import Serializer, StriktMixin


class LidmaatschapSerializer(ModelSerializer[Lidmaatschap]):
    url = serializers.SerializerMethodField()
    gebruiker = serializers.CharField(source="gebruiker.get_username", help_text="Gebruikersnaam.")
    naam = serializers.CharField(source="gebruiker.get_full_name", help_text="Volledige naam.")

    class Meta:
        model = Lidmaatschap
        fields = ["url", "uuid", "gebruiker", "naam", "rol", "sinds"]
        read_only_fields = fields

    def get_url(self, obj: Lidmaatschap) -> str:
        return reverse(
            "api:lidmaatschap-detail",
            kwargs={"uuid": self.context["bestuursproces"].uuid, "lidmaatschap": obj.uuid},
            request=self.context.get("request"),
        )


class LidToevoegenSerializer(StriktMixin, Serializer):
    gebruiker = serializers.CharField(
        max_length=150, help_text="Gebruikersnaam van het nieuwe lid."
    )
    rol = serializers.ChoiceField(choices=Rol.choices)
    toelichting = serializers.CharField(allow_blank=True, required=False, default="")


class LidmaatschapWijzigenSerializer(StriktMixin, Serializer):
    rol = serializers.ChoiceField(choices=Rol.choices)
    toelichting = serializers.CharField(allow_blank=True, required=False, default="")
