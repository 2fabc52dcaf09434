"""The opdracht and its besluitmomenten."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from cases.models import (
    Besluitmoment,
    Bestuursproces,
)
from cases.services.bestuursproces import BesluitmomentInvoer, Opdracht

from .basis import Serializer, StriktMixin


class BesluitmomentSerializer(StriktMixin, Serializer):
    datum = serializers.DateField(help_text="Wanneer het mandaat of besluit nodig is.")
    soort = serializers.ChoiceField(choices=Besluitmoment.Soort.choices)
    gevraagd = serializers.CharField(help_text="Wat er op dat moment wordt gevraagd.")


class OpdrachtSerializer(StriktMixin, Serializer):
    kaders = serializers.CharField(allow_blank=True, required=False, default="")
    budget = serializers.DecimalField(
        max_digits=12,
        decimal_places=2,
        min_value=0,
        allow_null=True,
        required=False,
        default=None,
        help_text="Budget in euro.",
    )
    uren = serializers.IntegerField(min_value=0, allow_null=True, required=False, default=None)
    einddatum = serializers.DateField(
        allow_null=True, required=False, default=None, help_text="Einddatum van de time-box."
    )
    speelruimte = serializers.CharField(allow_blank=True, required=False, default="")
    besluitmomenten = BesluitmomentSerializer(many=True, required=False, default=list)

    def to_representation(self, instance: Any) -> dict[str, Any]:
        if isinstance(instance, Bestuursproces):
            return self.van_bestuursproces(instance)
        return super().to_representation(instance)

    @staticmethod
    def van_bestuursproces(instance: Bestuursproces) -> dict[str, Any]:
        """The opdracht of a case as this serializer shows it (the besluitmomenten as
        :class:`BesluitmomentSerializer` does, written out: they are plain values)."""
        return {
            "kaders": instance.kaders,
            "budget": None if instance.budget is None else f"{instance.budget:.2f}",
            "uren": instance.uren,
            "einddatum": instance.einddatum.isoformat() if instance.einddatum else None,
            "speelruimte": instance.speelruimte,
            "besluitmomenten": [
                {"datum": b.datum.isoformat(), "soort": b.soort, "gevraagd": b.gevraagd}
                for b in instance.besluitmomenten.all()
            ],
        }

    @staticmethod
    def naar_opdracht(data: dict[str, Any]) -> Opdracht:
        return Opdracht(
            kaders=data["kaders"],
            budget=data["budget"],
            uren=data["uren"],
            einddatum=data["einddatum"],
            speelruimte=data["speelruimte"],
            besluitmomenten=tuple(BesluitmomentInvoer(**b) for b in data["besluitmomenten"]),
        )
