"""Help while working: the attention balance and instrument suggestions."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import gettext
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.reverse import reverse

from cases.models.interventies import INTERVENTIEVELD_KEUZES
from instruments.api.serializers import CatalogusVeldField, LemniscaatkantField

from .basis import JAREN, MomentField, Serializer, StriktMixin, keuzeveld

InterventieVeldField = keuzeveld("InterventieVeldEnum", INTERVENTIEVELD_KEUZES)


def _binnen_de_jaren(waarde: dt.date) -> dt.date:
    if not JAREN[0] <= waarde.year <= JAREN[1]:
        raise serializers.ValidationError(
            gettext("Geef een datum tussen %(van)s en %(tot)s.")
            % {"van": JAREN[0], "tot": JAREN[1]}
        )
    return waarde


class AandachtVraagSerializer(StriktMixin):
    van = serializers.DateField(required=False, help_text="Vanaf deze datum; standaard het begin.")
    tot = serializers.DateField(
        required=False, help_text="Tot en met deze datum; standaard vandaag."
    )
    weken = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=104,
        help_text="Hoeveel weken zonder interventie een veld verwaarloosd maakt; standaard 6.",
    )
    bekendOp = MomentField(
        source="bekend_op",
        required=False,
        help_text=(
            "Zoals het bekend was op dit moment (het tijdstip van vastleggen): alleen wat toen "
            "al was vastgelegd telt mee, met de status die een interventie toen had."
        ),
    )

    def validate_van(self, waarde: dt.date) -> dt.date:
        return _binnen_de_jaren(waarde)

    def validate_tot(self, waarde: dt.date) -> dt.date:
        return _binnen_de_jaren(waarde)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        van, tot = attrs.get("van"), attrs.get("tot")
        if van is not None and tot is not None and van > tot:
            raise serializers.ValidationError({"van": [gettext("van ligt na tot.")]})
        return attrs


class VeldAandachtSerializer(Serializer):
    veld = InterventieVeldField()
    veldNaam = serializers.CharField(source="veld_naam")
    lemniscaatkant = LemniscaatkantField()
    aantal = serializers.IntegerField(
        help_text="Uitgevoerde en geëvalueerde interventies op dit veld in de periode."
    )
    gepland = serializers.IntegerField(help_text="Geplande interventies op dit veld in de periode.")
    laatste = serializers.DateField(
        allow_null=True, help_text="Datum van de laatste uitgevoerde interventie tot en met tot."
    )
    verwaarloosd = serializers.BooleanField(
        help_text="Geen uitgevoerde interventie in de laatste `weken` weken tot en met tot."
    )


class KantAandachtSerializer(Serializer):
    kant = LemniscaatkantField()
    naam = serializers.CharField()
    velden = serializers.ListField(child=InterventieVeldField())
    aantal = serializers.IntegerField(
        help_text="Interventies op een of meer velden van deze kant (elk één keer geteld)."
    )
    aandeel = serializers.FloatField(help_text="Deel van alle interventies in de periode (0–1).")


class AandachtSerializer(Serializer):
    van = serializers.DateField(allow_null=True)
    tot = serializers.DateField()
    weken = serializers.IntegerField()
    totaal = serializers.IntegerField(help_text="Uitgevoerde en geëvalueerde interventies.")
    velden = VeldAandachtSerializer(many=True)
    kanten = KantAandachtSerializer(many=True)
    verwaarloosd = serializers.ListField(
        child=InterventieVeldField(), help_text="De velden die aandacht nodig hebben."
    )


class SuggestieVraagSerializer(StriktMixin):
    veld = CatalogusVeldField(help_text="Het veld waarvoor je een instrument zoekt.")


@extend_schema_field(OpenApiTypes.URI)
class InstrumentUrlField(serializers.Field):
    def to_representation(self, value: Any) -> str:
        return reverse(
            "api:instrument-detail", kwargs={"uuid": value}, request=self.context.get("request")
        )


class InstrumentSuggestieSerializer(Serializer):
    url = InstrumentUrlField(source="uuid")
    uuid = serializers.UUIDField()
    naam = serializers.CharField()
    veld = CatalogusVeldField(source="veld.code")
    subvraag = serializers.CharField(source="subvraag.tekst", allow_null=True, default=None)
    thema = serializers.CharField(source="thema.naam", allow_null=True, default=None)
    verdiepingsvraag = serializers.CharField()
    gebruikt = serializers.IntegerField(
        help_text="Hoe vaak het instrument in dit bestuursproces is ingezet (in interventies "
        "die jij mag zien)."
    )
    laatstGebruikt = serializers.DateField(source="laatst_gebruikt", allow_null=True)
