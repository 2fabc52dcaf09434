"""Bijeenkomsten with their deelnemers, and attendance per party over time."""

from __future__ import annotations

from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from cases.models import (
    Bijeenkomst,
    Bijeenkomstsoort,
    BijeenkomstStatus,
    Deelnemer,
    Opdrachtgever,
    Speler,
    Zichtbaarheid,
)
from cases.models.partijvelden import Partij, partij_van
from cases.selectors.besluiten import Aanwezigheid
from cases.services import DeelnemerInvoer
from procesregie.api.keuzevelden import keuzeveld
from procesregie.api.velden import ModelSerializer

from .afspraken import PartijField, afspraak_relatie
from .basis import Serializer, StriktMixin
from .besluiten import besluit_relatie, bijeenkomst_relatie, documenten_veld
from .interventies import interventie_relatie
from .wyberen import WyberStapRelatieField

BijeenkomstStatusField = keuzeveld("BijeenkomstStatusEnum", BijeenkomstStatus.choices)
AfloopStatusField = keuzeveld(
    "AfloopStatusEnum",
    [(s.value, s.label) for s in BijeenkomstStatus if s != BijeenkomstStatus.GEPLAND],
)


@extend_schema_field(OpenApiTypes.URI)
class DeelnemerPartijField(PartijField):
    """A speler or opdrachtgever of this case as its URL."""

    SOORTEN = (Speler, Opdrachtgever)


def _deelnemer_url(serializer: serializers.Serializer[Any], partij: Partij | None) -> str | None:
    """The URL of the speler or opdrachtgever a deelnemer is, or None for a name."""
    if partij is None:
        return None
    veld = DeelnemerPartijField(read_only=True)
    veld.bind("partij", serializer)
    return veld.to_representation(partij)


class SoortField(serializers.SlugRelatedField[Bijeenkomstsoort]):
    """A kind of bijeenkomst by its code (werksessie, bestuurlijk_overleg, ...)."""

    default_error_messages = {
        "does_not_exist": "Onbekende soort bijeenkomst '{value}'.",
        "invalid": "Geef de code van een soort bijeenkomst.",
    }

    def __init__(self, **kwargs: Any) -> None:
        if not kwargs.get("read_only"):
            kwargs.setdefault("queryset", Bijeenkomstsoort.objects.all())
        super().__init__(slug_field="code", **kwargs)


class DeelnemerSerializer(ModelSerializer[Deelnemer]):
    partij = serializers.SerializerMethodField(
        help_text="URL van de speler of opdrachtgever; null voor iemand anders (zie naam)."
    )
    naam = serializers.SerializerMethodField()

    class Meta:
        model = Deelnemer
        fields = ["partij", "naam", "uitgenodigd", "aanwezig"]
        read_only_fields = fields

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_partij(self, obj: Deelnemer) -> str | None:
        return _deelnemer_url(self, obj.partij)

    def get_naam(self, obj: Deelnemer) -> str:
        return obj.partijnaam()


class DeelnemerInvoerSerializer(StriktMixin, Serializer):
    partij = DeelnemerPartijField(
        required=False,
        default=None,
        allow_null=True,
        help_text="URL van een speler of opdrachtgever.",
    )
    naam = serializers.CharField(
        required=False, default="", allow_blank=True, max_length=200, help_text="Of een naam."
    )
    uitgenodigd = serializers.BooleanField(required=False, default=True)
    aanwezig = serializers.BooleanField(required=False, default=False)

    def to_internal_value(self, data: Any) -> Any:
        waarde = super().to_internal_value(data)
        # Inside a PATCH the list is partial too: what a deelnemer leaves out takes its default.
        return DeelnemerInvoer.van(waarde.pop("partij", None), **waarde)


class BijeenkomstSerializer(ModelSerializer[Bijeenkomst]):
    url = bijeenkomst_relatie(source="*", read_only=True)
    soort = SoortField(read_only=True)
    soortNaam = serializers.CharField(source="soort.naam", read_only=True)
    wyberstap = WyberStapRelatieField(read_only=True, allow_null=True)
    interventies = serializers.ListField(
        child=interventie_relatie(), source="interventies.all", read_only=True
    )
    deelnemers = DeelnemerSerializer(many=True, read_only=True)
    uitgenodigd = serializers.SerializerMethodField(help_text="Hoeveel er waren uitgenodigd.")
    aanwezig = serializers.SerializerMethodField(help_text="Hoeveel er aanwezig waren.")
    besluiten = serializers.ListField(
        child=besluit_relatie(),
        source="zichtbare_besluiten",
        read_only=True,
        help_text="De besluiten die je mag zien en die hieruit voortkwamen.",
    )
    afspraken = serializers.ListField(
        child=afspraak_relatie(),
        source="zichtbare_afspraken",
        read_only=True,
        help_text="De afspraken die je mag zien en die hieruit voortkwamen.",
    )
    documenten = documenten_veld()
    status = BijeenkomstStatusField(
        read_only=True, help_text="gepland (nog te houden), gehouden of geannuleerd."
    )
    geannuleerdOp = serializers.DateField(source="geannuleerd_op", read_only=True, allow_null=True)
    redenAnnulering = serializers.CharField(source="reden_annulering", read_only=True)
    vastgelegdDoor = serializers.CharField(
        source="vastgelegd_door.get_username", read_only=True, help_text="Gebruikersnaam."
    )

    class Meta:
        model = Bijeenkomst
        fields = [
            "url",
            "uuid",
            "titel",
            "soort",
            "soortNaam",
            "datum",
            "waar",
            "agenda",
            "verslag",
            "wyberstap",
            "interventies",
            "deelnemers",
            "uitgenodigd",
            "aanwezig",
            "besluiten",
            "afspraken",
            "documenten",
            "status",
            "geannuleerdOp",
            "redenAnnulering",
            "zichtbaarheid",
            "vastgelegdDoor",
        ]
        read_only_fields = fields

    def get_uitgenodigd(self, obj: Bijeenkomst) -> int:
        return sum(d.uitgenodigd for d in obj.deelnemers.all())

    def get_aanwezig(self, obj: Bijeenkomst) -> int:
        return sum(d.aanwezig for d in obj.deelnemers.all())


class BijeenkomstInvoerSerializer(StriktMixin, Serializer):
    titel = serializers.CharField(max_length=200)
    soort = SoortField(help_text="Code van de soort, bijvoorbeeld werksessie.")
    datum = serializers.DateField(
        help_text=(
            "Wanneer ze plaatsvond (werkelijke tijd): niet in de toekomst. Met gepland: "
            "wanneer ze zal plaatsvinden, vandaag of later."
        )
    )
    gepland = serializers.BooleanField(
        required=False,
        default=False,
        help_text=(
            "Vooraf vastleggen: wie is uitgenodigd, nog niemand aanwezig en geen verslag. "
            "Later POST je .../afloop: gehouden (met aanwezigheid en verslag) of geannuleerd."
        ),
    )
    waar = serializers.CharField(required=False, default="", allow_blank=True, max_length=200)
    agenda = serializers.CharField(required=False, default="", allow_blank=True)
    verslag = serializers.CharField(required=False, default="", allow_blank=True)
    wyberstap = WyberStapRelatieField(required=False, default=None, allow_null=True)
    interventies = serializers.ListField(child=interventie_relatie(), required=False, default=list)
    deelnemers = DeelnemerInvoerSerializer(many=True, required=False, default=list)
    zichtbaarheid = serializers.ChoiceField(
        choices=Zichtbaarheid.choices,
        help_text="Wie de bijeenkomst mag zien; nooit ruimer dan je eigen rol toestaat.",
    )
    toelichting = serializers.CharField(allow_blank=True, required=False, default="")


class BijeenkomstWijzigingSerializer(StriktMixin, Serializer):
    titel = serializers.CharField(max_length=200, required=False)
    waar = serializers.CharField(required=False, allow_blank=True, max_length=200)
    agenda = serializers.CharField(required=False, allow_blank=True)
    verslag = serializers.CharField(required=False, allow_blank=True)
    interventies = serializers.ListField(child=interventie_relatie(), required=False)
    deelnemers = DeelnemerInvoerSerializer(
        many=True, required=False, help_text="De hele nieuwe lijst."
    )
    toelichting = serializers.CharField(allow_blank=True, required=False, default="")
    onbekend_redenen = {
        "zichtbaarheid": "De zichtbaarheid van een bijeenkomst ligt vast.",
        "datum": "Een verkeerde datum corrigeer je met een datumcorrectie van de gebeurtenis.",
        "soort": "De soort van een bijeenkomst verandert niet.",
    }


class AfloopInvoerSerializer(StriktMixin, Serializer):
    """Hoe een geplande bijeenkomst afliep: gehouden of geannuleerd."""

    status = AfloopStatusField()
    datum = serializers.DateField(
        required=False,
        default=None,
        allow_null=True,
        help_text=(
            "Gehouden: de dag waarop (standaard de geplande datum); geannuleerd: de dag van "
            "de annulering (standaard vandaag). Niet in de toekomst, niet vóór de planning."
        ),
    )
    deelnemers = DeelnemerInvoerSerializer(
        many=True,
        required=False,
        help_text="Gehouden: de hele lijst met wie aanwezig was (anders blijft de lijst staan).",
    )
    verslag = serializers.CharField(required=False, allow_blank=True, help_text="Gehouden.")
    interventies = serializers.ListField(
        child=interventie_relatie(), required=False, help_text="Gehouden: de hele nieuwe lijst."
    )
    reden = serializers.CharField(
        required=False, default="", allow_blank=True, help_text="Geannuleerd: waarom."
    )
    toelichting = serializers.CharField(allow_blank=True, required=False, default="")


class AanwezigheidBijeenkomstSerializer(Serializer):
    bijeenkomst = serializers.SerializerMethodField()
    datum = serializers.DateField()
    uitgenodigd = serializers.BooleanField()
    aanwezig = serializers.BooleanField()

    @extend_schema_field(OpenApiTypes.URI)
    def get_bijeenkomst(self, obj: dict[str, Any]) -> str:
        veld = bijeenkomst_relatie(read_only=True)
        veld.bind("bijeenkomst", self)
        return veld.to_representation(obj["bijeenkomst"])


class AanwezigheidSerializer(Serializer):
    partij = serializers.SerializerMethodField(
        help_text="URL van de speler of opdrachtgever; null voor iemand anders."
    )
    naam = serializers.CharField()
    uitgenodigd = serializers.IntegerField(help_text="Hoe vaak uitgenodigd.")
    aanwezig = serializers.IntegerField(help_text="Hoe vaak aanwezig.")
    bijeenkomsten = serializers.SerializerMethodField()

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_partij(self, obj: Aanwezigheid) -> str | None:
        return _deelnemer_url(self, partij_van(obj))

    @extend_schema_field(AanwezigheidBijeenkomstSerializer(many=True))
    def get_bijeenkomsten(self, obj: Aanwezigheid) -> list[dict[str, Any]]:
        return list(
            AanwezigheidBijeenkomstSerializer(
                [
                    {
                        "bijeenkomst": b,
                        "datum": b.datum,
                        "uitgenodigd": d.uitgenodigd,
                        "aanwezig": d.aanwezig,
                    }
                    for b, d in obj.bijeenkomsten
                ],
                many=True,
                context=self.context,
            ).data
        )
