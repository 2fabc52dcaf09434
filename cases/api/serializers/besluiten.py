"""Besluiten, and the opdracht's besluitmomenten with whether they were taken."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from cases.models import (
    Besluit,
    Besluitmoment,
    Bijeenkomst,
    Document,
    Opdrachtgever,
    Orgaan,
    Organisatie,
    Zichtbaarheid,
)
from cases.selectors.besluiten import Besluitmomentstatus
from procesregie.api.velden import ModelSerializer

from .basis import ProcesRelatieField, Serializer, StriktMixin, keuzeveld

OrgaanField = keuzeveld("OrgaanEnum", Orgaan.choices)
BesluitmomentstatusField = keuzeveld(
    "BesluitmomentstatusEnum",
    [
        (Besluitmomentstatus.GENOMEN, "Genomen"),
        (Besluitmomentstatus.VERLOPEN, "Verlopen: de datum is voorbij zonder besluit"),
        (Besluitmomentstatus.GEPLAND, "Gepland"),
    ],
)


def besluit_relatie(**kwargs: Any) -> ProcesRelatieField:
    return ProcesRelatieField(model=Besluit, route="besluit-detail", kwarg="besluit", **kwargs)


def document_relatie(**kwargs: Any) -> ProcesRelatieField:
    return ProcesRelatieField(model=Document, route="document-detail", kwarg="document", **kwargs)


def documenten_veld() -> serializers.ListField:
    """The documents (visible to the reader) that belong to a besluit or bijeenkomst; the
    view prefetches them (``cases.selectors.documenten.met_documenten``)."""
    return serializers.ListField(
        child=document_relatie(),
        source="zichtbare_documenten",
        read_only=True,
        help_text="De documenten die je mag zien en die hierbij horen (zoals het verslag).",
    )


def bijeenkomst_relatie(**kwargs: Any) -> ProcesRelatieField:
    return ProcesRelatieField(
        model=Bijeenkomst, route="bijeenkomst-detail", kwarg="bijeenkomst", **kwargs
    )


class BesluitSerializer(ModelSerializer[Besluit]):
    url = besluit_relatie(source="*", read_only=True)
    opdrachtgever = ProcesRelatieField(model=Opdrachtgever, read_only=True, allow_null=True)
    organisatie = ProcesRelatieField(model=Organisatie, read_only=True, allow_null=True)
    orgaan = OrgaanField(read_only=True, allow_null=True)
    orgaanNaam = serializers.CharField(source="orgaan_naam", read_only=True)
    besluitnemer = serializers.SerializerMethodField(
        help_text="Wie besloot, in woorden: de naam van de partij of het orgaan."
    )
    besluitmoment = serializers.DateField(
        read_only=True,
        allow_null=True,
        help_text="De geplande datum van het besluitmoment van de opdracht dat dit vervult.",
    )
    bijeenkomst = bijeenkomst_relatie(
        read_only=True, allow_null=True, help_text="De bijeenkomst waar het uit voortkwam."
    )
    documenten = documenten_veld()
    vastgelegdDoor = serializers.CharField(
        source="vastgelegd_door.get_username", read_only=True, help_text="Gebruikersnaam."
    )

    class Meta:
        model = Besluit
        fields = [
            "url",
            "uuid",
            "titel",
            "inhoud",
            "opdrachtgever",
            "organisatie",
            "orgaan",
            "orgaanNaam",
            "besluitnemer",
            "datum",
            "kenmerk",
            "besluitmoment",
            "bijeenkomst",
            "documenten",
            "zichtbaarheid",
            "vastgelegdDoor",
        ]
        read_only_fields = fields

    def to_representation(self, instance: Besluit) -> dict[str, Any]:
        data = super().to_representation(instance)
        data["orgaan"] = data["orgaan"] or None  # a party decided, no body
        return data

    def get_besluitnemer(self, obj: Besluit) -> str:
        return obj.partijnaam()


class BesluitInvoerSerializer(StriktMixin, Serializer):
    titel = serializers.CharField(max_length=200)
    inhoud = serializers.CharField(allow_blank=True, required=False, default="")
    opdrachtgever = ProcesRelatieField(
        model=Opdrachtgever,
        allow_null=True,
        required=False,
        default=None,
        help_text="URL van de opdrachtgever die besloot.",
    )
    organisatie = ProcesRelatieField(
        model=Organisatie,
        allow_null=True,
        required=False,
        default=None,
        help_text="URL van de organisatie die besloot.",
    )
    orgaan = OrgaanField(
        allow_null=True,
        required=False,
        default=None,
        help_text="Of een orgaan: raad, college of anders (met orgaanNaam).",
    )
    orgaanNaam = serializers.CharField(
        source="orgaan_naam", allow_blank=True, required=False, default="", max_length=200
    )
    datum = serializers.DateField(
        help_text=(
            "Wanneer besloten is (werkelijke tijd; vandaag betekent nu): niet in de toekomst "
            "en niet vóór de opening van het bestuursproces."
        )
    )
    kenmerk = serializers.CharField(allow_blank=True, required=False, default="", max_length=100)
    besluitmoment = serializers.DateField(
        allow_null=True,
        required=False,
        default=None,
        help_text=(
            "De geplande datum van het besluitmoment van de opdracht dat dit besluit vervult."
        ),
    )
    bijeenkomst = bijeenkomst_relatie(
        allow_null=True,
        required=False,
        default=None,
        help_text="URL van de bijeenkomst waar het uit voortkwam.",
    )
    zichtbaarheid = serializers.ChoiceField(
        choices=Zichtbaarheid.choices,
        help_text="Wie het besluit mag zien; nooit ruimer dan je eigen rol toestaat.",
    )
    toelichting = serializers.CharField(allow_blank=True, required=False, default="")


class BesluitmomentStandSerializer(Serializer):
    datum = serializers.DateField(help_text="Wanneer het besluit of mandaat nodig is.")
    soort = serializers.ChoiceField(choices=Besluitmoment.Soort.choices)
    gevraagd = serializers.CharField()
    status = BesluitmomentstatusField(
        help_text="genomen (met een besluit), verlopen (datum voorbij zonder besluit), gepland."
    )
    besluiten = serializers.ListField(
        child=besluit_relatie(),
        help_text="De besluiten die je mag zien en die dit besluitmoment vervullen.",
    )
