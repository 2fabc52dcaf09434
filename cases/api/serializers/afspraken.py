"""Afspraken: what one party delivers, to whom, by when, and whether it was kept."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from cases.models import Afspraak, AfspraakStatus, Opdrachtgever, Organisatie, Speler, Zichtbaarheid
from procesregie.api.velden import ModelSerializer

from .basis import ProcesRelatieField, Serializer, StriktMixin, keuzeveld
from .besluiten import besluit_relatie, bijeenkomst_relatie
from .wyberen import WyberStapRelatieField

AfspraakStatusField = keuzeveld("AfspraakStatusEnum", AfspraakStatus.choices)
AfhandelingStatusField = keuzeveld(
    "AfhandelingStatusEnum",
    [(s.value, s.label) for s in AfspraakStatus if s != AfspraakStatus.OPEN],
)


@extend_schema_field(OpenApiTypes.URI)
class PartijField(ProcesRelatieField):
    """A speler, opdrachtgever or organisatie of this case, shown and given as its URL."""

    SOORTEN: tuple[type[models.Model], ...] = (Speler, Opdrachtgever, Organisatie)

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(model=Speler, soort="speler, opdrachtgever of organisatie", **kwargs)

    def to_representation(self, value: Any) -> str:
        veld = ProcesRelatieField(model=type(value))
        veld.bind("", self.parent)
        return veld.to_representation(value)

    def to_internal_value(self, data: Any) -> models.Model:
        for model in self.SOORTEN:
            veld = ProcesRelatieField(model=model)
            veld.bind(self.field_name or "", self.parent)
            try:
                return veld.to_internal_value(data)
            except serializers.ValidationError as fout:
                # A URL of this kind that does not exist here; another kind is tried next.
                if fout.get_codes() == ["does_not_exist"]:
                    raise
        self.fail("invalid", soort=self.soort)


def afspraak_relatie(**kwargs: Any) -> ProcesRelatieField:
    return ProcesRelatieField(model=Afspraak, route="afspraak-detail", kwarg="afspraak", **kwargs)


class AfspraakSerializer(ModelSerializer[Afspraak]):
    url = afspraak_relatie(source="*", read_only=True)
    door = serializers.SerializerMethodField(
        help_text="URL van de speler, opdrachtgever of organisatie die levert."
    )
    doorNaam = serializers.SerializerMethodField()
    aan = serializers.SerializerMethodField(
        help_text="URL van de partij voor wie het is, of null (zie aanNaam)."
    )
    aanNaam = serializers.CharField(
        source="aan_naam", read_only=True, help_text="Voor wie, als dat geen partij is."
    )
    status = AfspraakStatusField(read_only=True)
    verlopen = serializers.SerializerMethodField(
        help_text="Open terwijl de dag uiterlijk voorbij is."
    )
    afgehandeldOp = serializers.DateField(source="afgehandeld_op", read_only=True, allow_null=True)
    wyberstap = WyberStapRelatieField(
        read_only=True,
        allow_null=True,
        help_text="De wyber-stap in wier consolidatie het ontstond.",
    )
    besluit = besluit_relatie(
        read_only=True, allow_null=True, help_text="Het besluit waar het uit voortkomt."
    )
    bijeenkomst = bijeenkomst_relatie(
        read_only=True, allow_null=True, help_text="De bijeenkomst waar het uit voortkwam."
    )
    vastgelegdDoor = serializers.CharField(
        source="vastgelegd_door.get_username", read_only=True, help_text="Gebruikersnaam."
    )

    class Meta:
        model = Afspraak
        fields = [
            "url",
            "uuid",
            "wat",
            "door",
            "doorNaam",
            "aan",
            "aanNaam",
            "datum",
            "uiterlijk",
            "status",
            "verlopen",
            "afgehandeldOp",
            "reden",
            "wyberstap",
            "besluit",
            "bijeenkomst",
            "zichtbaarheid",
            "vastgelegdDoor",
        ]
        read_only_fields = fields

    @extend_schema_field(OpenApiTypes.URI)
    def get_door(self, obj: Afspraak) -> str:
        return self._partijveld().to_representation(obj.partij)

    def get_doorNaam(self, obj: Afspraak) -> str:
        return obj.partijnaam()

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_aan(self, obj: Afspraak) -> str | None:
        partij = obj.ontvanger
        return self._partijveld().to_representation(partij) if partij is not None else None

    def get_verlopen(self, obj: Afspraak) -> bool:
        return (
            obj.status == AfspraakStatus.OPEN
            and obj.uiterlijk is not None
            and obj.uiterlijk < timezone.localdate()
        )

    def _partijveld(self) -> PartijField:
        veld = PartijField(read_only=True)
        veld.bind("door", self)
        return veld


class AfspraakInvoerSerializer(StriktMixin, Serializer):
    wat = serializers.CharField()
    door = PartijField(help_text="URL van de speler, opdrachtgever of organisatie die levert.")
    aan = PartijField(
        allow_null=True,
        required=False,
        default=None,
        help_text="URL van de partij voor wie het is (of gebruik aanNaam).",
    )
    aanNaam = serializers.CharField(
        source="aan_naam", allow_blank=True, required=False, default="", max_length=200
    )
    datum = serializers.DateField(
        required=False,
        default=None,
        allow_null=True,
        help_text="Wanneer het werd afgesproken (werkelijke tijd); standaard vandaag.",
    )
    uiterlijk = serializers.DateField(
        required=False, default=None, allow_null=True, help_text="Wanneer het uiterlijk klaar is."
    )
    wyberstap = WyberStapRelatieField(required=False, default=None, allow_null=True)
    besluit = besluit_relatie(required=False, default=None, allow_null=True)
    bijeenkomst = bijeenkomst_relatie(required=False, default=None, allow_null=True)
    zichtbaarheid = serializers.ChoiceField(
        choices=Zichtbaarheid.choices,
        help_text="Wie de afspraak mag zien; nooit ruimer dan je eigen rol toestaat.",
    )
    toelichting = serializers.CharField(allow_blank=True, required=False, default="")


class AfhandelingInvoerSerializer(StriktMixin, Serializer):
    status = AfhandelingStatusField()
    reden = serializers.CharField(
        allow_blank=True,
        required=False,
        default="",
        help_text="Verplicht bij niet_nagekomen en vervallen.",
    )
    afgehandeldOp = serializers.DateField(
        source="op",
        required=False,
        default=None,
        allow_null=True,
        help_text="Wanneer (werkelijke tijd); standaard vandaag.",
    )
    toelichting = serializers.CharField(allow_blank=True, required=False, default="")
    onbekend_redenen = {
        "wat": "Een afspraak verandert niet; maak een nieuwe afspraak.",
        "uiterlijk": "Een afspraak verandert niet; maak een nieuwe afspraak.",
    }
