"""The tijdlijn's items."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.reverse import reverse

from cases.events import soorten
from cases.selectors.tijdlijn import TijdlijnItem

from .basis import Serializer, keuzeveld

GebeurtenisTypeField = keuzeveld("GebeurtenisTypeEnum", soorten.keuzes())


class TijdlijnItemSerializer(Serializer):
    """Eén ding dat gebeurde, verteld uit de gebeurtenissenlog."""

    volgnummer = serializers.IntegerField(help_text="Het volgnummer van de gebeurtenis.")
    tijdstip = serializers.DateTimeField(help_text="Wanneer het gebeurde (werkelijke tijd).")
    geregistreerd = serializers.DateTimeField(help_text="Wanneer het werd vastgelegd.")
    laterVastgelegd = serializers.BooleanField(
        source="later_vastgelegd",
        help_text="Waar als het op een latere dag werd vastgelegd dan het gebeurde.",
    )
    soort = GebeurtenisTypeField(help_text="Het type van de gebeurtenis.")
    omschrijving = serializers.CharField(help_text="Wat er gebeurde, kort en in het Nederlands.")
    url = serializers.SerializerMethodField(help_text="Waar het over gaat, of null.")

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_url(self, obj: TijdlijnItem) -> str | None:
        if obj.verwijzing is None:
            return None
        return reverse(
            f"api:{obj.verwijzing.route}",
            kwargs={"uuid": self.context["bestuursproces"].uuid, **obj.verwijzing.kwargs},
            request=self.context.get("request"),
        )
