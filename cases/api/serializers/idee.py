"""The idee and its versions."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from cases.models import (
    IdeeVersie,
)
from cases.services.idee import IdeeInhoud

from .basis import Serializer, StriktMixin


class IdeeInvoerSerializer(StriktMixin, Serializer):
    wat = serializers.CharField(help_text="Wat is het idee?")
    # DRF's metaclass moves declared fields off the class, so this does not shadow
    # Serializer.context at run time; only the type checker sees a clash.
    context = serializers.CharField(  # type: ignore[assignment]
        allow_blank=True, required=False, default="", help_text="Context waarin het is geboren."
    )
    sterkte = serializers.CharField(
        allow_blank=True,
        required=False,
        default="",
        help_text="Wat maakt het sterk: onderbouwing, maatschappelijke waarde, urgentie.",
    )
    eigenaren = serializers.CharField(
        allow_blank=True, required=False, default="", help_text="Idee-eigenaren."
    )
    verrijking = serializers.CharField(allow_blank=True, required=False, default="")
    concretisering = serializers.CharField(
        allow_blank=True,
        required=False,
        default="",
        help_text="Concretisering in (deel)resultaten.",
    )
    framing = serializers.CharField(
        allow_blank=True, required=False, default="", help_text="Framing naar buiten."
    )
    stipOpDeHorizon = serializers.CharField(
        source="stip_op_de_horizon", allow_blank=True, required=False, default=""
    )
    toelichting = serializers.CharField(
        allow_blank=True,
        required=False,
        default="",
        write_only=True,
        help_text="Waarom het idee is herzien (of gebruik de header X-Audit-Toelichting).",
    )

    @staticmethod
    def naar_inhoud(data: dict[str, Any]) -> IdeeInhoud:
        return IdeeInhoud(**{k: v for k, v in data.items() if k != "toelichting"})


class IdeeVersieSerializer(serializers.ModelSerializer[IdeeVersie]):
    stipOpDeHorizon = serializers.CharField(source="stip_op_de_horizon")
    auteur = serializers.CharField(source="auteur.get_username")
    aangemaaktOp = serializers.DateTimeField(source="aangemaakt_op")

    class Meta:
        model = IdeeVersie
        fields = [
            "uuid",
            "versie",
            "wat",
            "context",
            "sterkte",
            "eigenaren",
            "verrijking",
            "concretisering",
            "framing",
            "stipOpDeHorizon",
            "toelichting",
            "auteur",
            "aangemaaktOp",
        ]
        read_only_fields = fields
