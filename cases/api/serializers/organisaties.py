"""The organisations behind spelers and opdrachtgevers."""

from __future__ import annotations

from rest_framework import serializers

from cases.models import Organisatie
from procesregie.api.velden import ModelSerializer

from .basis import ProcesRelatieField, Serializer, StriktMixin, WereldtijdMixin, keuzeveld

OrganisatieSoortField = keuzeveld("OrganisatieSoortEnum", Organisatie.Soort.choices)


class OrganisatieSerializer(ModelSerializer[Organisatie]):
    url = ProcesRelatieField(source="*", model=Organisatie, read_only=True)
    soort = OrganisatieSoortField()
    eigenGemeente = serializers.BooleanField(
        source="eigen_gemeente", help_text="Hoort bij de gemeente van de regisseur."
    )

    class Meta:
        model = Organisatie
        fields = ["url", "uuid", "naam", "soort", "eigenGemeente"]
        read_only_fields = fields


class OrganisatieInvoerSerializer(WereldtijdMixin, StriktMixin, Serializer):
    """Een organisatie registreren, of wijzigen (PATCH: alleen wat je meestuurt)."""

    naam = serializers.CharField(max_length=200, help_text="Uniek binnen het bestuursproces.")
    soort = OrganisatieSoortField()
    eigenGemeente = serializers.BooleanField(
        source="eigen_gemeente",
        required=False,
        default=False,
        help_text="Hoort bij de gemeente van de regisseur.",
    )
