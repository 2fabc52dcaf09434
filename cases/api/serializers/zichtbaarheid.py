"""Releasing content: the request to widen visibility, and the release it made."""

from __future__ import annotations

from rest_framework import serializers
from rest_framework.reverse import reverse

from cases.models import Gebeurtenis
from cases.services.zichtbaarheid import DOELEN, ONDERDELEN

from .basis import Serializer, StadiumField, StriktMixin


class VrijgaveInvoerSerializer(StriktMixin, Serializer):
    onderdeel = serializers.ChoiceField(
        choices=sorted(ONDERDELEN), help_text="Welk soort onderdeel wordt vrijgegeven."
    )
    naar = serializers.ChoiceField(
        choices=[niveau.value for niveau in DOELEN],
        help_text=(
            "De nieuwe zichtbaarheid. `evaluatie`: ook evaluatoren lezen het (opdrachtgevers "
            "niet); `kernteam`: ook het kernteam; `proces`: alle leden, opdrachtgevers "
            "inbegrepen. Nooit beperkter dan nu."
        ),
    )
    uuids = serializers.ListField(
        child=serializers.UUIDField(),
        required=False,
        allow_empty=False,
        help_text="Precies deze onderdelen. Zonder: alle onderdelen van de selectie.",
    )
    stadium = StadiumField(
        required=False,
        help_text=(
            "Alleen onderdelen uit dit stadium: interventies en positioneringen van een "
            "wyber-stap in dat stadium, of zonder wyber-stap gedateerd (datum, sinds) op een dag "
            "dat het proces in dat stadium stond; reflecties volgen hun interventie; "
            "beoordelingen: het stadium toen."
        ),
    )
    speler = serializers.UUIDField(
        required=False, help_text="Alleen beoordelingen van (of notities over) deze speler."
    )
    opdrachtgever = serializers.UUIDField(
        required=False,
        help_text="Alleen beoordelingen van (of notities over) deze opdrachtgever.",
    )
    toelichting = serializers.CharField(
        required=False,
        allow_blank=True,
        help_text="Waarom dit wordt vrijgegeven; anders de header X-Audit-Toelichting. Verplicht.",
    )


class VrijgaveItemSerializer(Serializer):
    onderdeel = serializers.CharField()
    uuid = serializers.UUIDField()
    van = serializers.CharField(help_text="De zichtbaarheid vóór het vrijgeven.")
    gebeurtenissen = serializers.ListField(
        child=serializers.IntegerField(),
        help_text="De volgnummers van de gebeurtenissen over dit onderdeel die nu ruimer "
        "zichtbaar zijn.",
    )


class VrijgaveSerializer(Serializer):
    """A release, read from its event."""

    gebeurtenis = serializers.SerializerMethodField()
    volgnummer = serializers.IntegerField()
    naar = serializers.CharField(source="payload.naar")
    onderdeel = serializers.CharField(source="payload.onderdeel")
    selectie = serializers.DictField(child=serializers.CharField(), source="payload.selectie")
    items = VrijgaveItemSerializer(many=True, source="payload.items")
    toelichting = serializers.CharField()
    geregistreerd = serializers.DateTimeField()

    def get_gebeurtenis(self, e: Gebeurtenis) -> str:
        return reverse(
            "api:gebeurtenis-detail",
            kwargs={"uuid": self.context["bestuursproces"].uuid, "volgnummer": e.volgnummer},
            request=self.context.get("request"),
        )
