"""What spelers and opdrachtgevers share: assessments' common fields, betrokkenheid actions,
links, and the free-text notes."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from django.db import models
from rest_framework import serializers
from rest_framework.reverse import reverse

from cases.models import (
    BetrokkenheidsActie,
    Betrokkenheidswijziging,
    Notitie,
    Opdrachtgever,
    Speler,
    Zichtbaarheid,
)
from procesregie.api.velden import ModelSerializer

from .basis import (
    BetrokkenheidField,
    ProcesRelatieField,
    Serializer,
    StadiumField,
    StriktMixin,
    WereldtijdMixin,
)

M = TypeVar("M", bound=models.Model)

# The 1–5 scores of an assessment.
SCORE: dict[str, Any] = {"min_value": 1, "max_value": 5}


def partij_links(soort: str, partij: Any, context: Mapping[str, Any]) -> dict[str, str]:
    """The resources below a speler or opdrachtgever (``soort`` is the path parameter)."""
    kwargs = {"uuid": context["bestuursproces"].uuid, soort: partij.uuid}
    return {
        naam: reverse(f"api:{soort}-{naam}", kwargs=kwargs, request=context.get("request"))
        for naam in ("beoordelingen", "betrokkenheid")
    }


class BeoordelingBasisSerializer(ModelSerializer[M]):
    # What every dated assessment shows: when, by whom, in which stadium, why, for whom.

    BASIS = ["uuid", "tijdstip", "auteur", "stadium", "toelichting", "zichtbaarheid"]

    auteur = serializers.CharField(source="auteur.get_username", help_text="Gebruikersnaam.")
    stadium = StadiumField(read_only=True, help_text="Het stadium op het moment van beoordelen.")


class BetrokkenheidswijzigingSerializer(ModelSerializer[Betrokkenheidswijziging]):
    van = BetrokkenheidField()
    naar = BetrokkenheidField()
    door = serializers.CharField(source="door.get_username", help_text="Gebruikersnaam.")

    class Meta:
        model = Betrokkenheidswijziging
        fields = ["uuid", "actie", "van", "naar", "reden", "tijdstip", "door"]
        read_only_fields = fields


class BetrokkenheidsactieSerializer(WereldtijdMixin, StriktMixin, Serializer):
    actie = serializers.ChoiceField(
        choices=BetrokkenheidsActie.choices,
        help_text=(
            "aansluiten (vanuit nog te betrekken), aanhaken (vanuit afwachtend of afgehaakt), "
            "afwachten (vanuit nog te betrekken of aangehaakt), afhaken (vanuit alles behalve "
            "afgehaakt)."
        ),
    )
    reden = serializers.CharField(help_text="Waarom de betrokkenheid wijzigt (verplicht).")
    onbekend_redenen = {
        "naar": "Geef de actie; de nieuwe betrokkenheid volgt daaruit.",
        "betrokkenheid": "Geef de actie; de nieuwe betrokkenheid volgt daaruit.",
    }


class NotitieSerializer(ModelSerializer[Notitie]):
    speler = ProcesRelatieField(model=Speler, read_only=True, allow_null=True)
    opdrachtgever = ProcesRelatieField(model=Opdrachtgever, read_only=True, allow_null=True)
    auteur = serializers.CharField(source="auteur.get_username", help_text="Gebruikersnaam.")

    class Meta:
        model = Notitie
        fields = ["uuid", "tekst", "zichtbaarheid", "speler", "opdrachtgever", "auteur", "tijdstip"]
        read_only_fields = fields


class NotitieInvoerSerializer(WereldtijdMixin, StriktMixin, Serializer):
    tekst = serializers.CharField()
    zichtbaarheid = serializers.ChoiceField(
        choices=Zichtbaarheid.choices,
        help_text="Wie de notitie mag zien; nooit ruimer dan je eigen rol toestaat.",
    )
    speler = ProcesRelatieField(
        model=Speler,
        allow_null=True,
        required=False,
        default=None,
        help_text="URL van de speler waar de notitie over gaat.",
    )
    opdrachtgever = ProcesRelatieField(
        model=Opdrachtgever,
        allow_null=True,
        required=False,
        default=None,
        help_text="URL van de opdrachtgever waar de notitie over gaat (niet samen met speler).",
    )
