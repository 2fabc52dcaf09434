"""The query of the export endpoint."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext
from rest_framework import serializers

from cases.exports.csvbestand import typekeuzes
from cases.exports.formaten import FORMATEN
from cases.exports.gebeurtenissen import CASUSSEN
from cases.exports.overzicht import FORMATEN as OVERZICHTSFORMATEN

from .basis import StriktMixin


class ExportVraagSerializer(StriktMixin):
    formaat = serializers.ChoiceField(
        choices=list(FORMATEN),
        help_text="jsonl (JSON Lines, controleerbaar met verifieer_export), csv (spreadsheets), "
        "xes (process mining), html of pdf (evaluatierapport).",
    )
    casus = serializers.ChoiceField(
        choices=list(CASUSSEN),
        required=False,
        default="bestuursproces",
        help_text="Alleen bij xes: wat één trace volgt. bestuursproces (standaard): het hele "
        "proces als één trace; interventie, wyberstap, speler of opdrachtgever: één trace per "
        "object, met de gebeurtenissen die erover gaan (een gebeurtenis over twee spelers staat "
        "in beide traces).",
    )

    type = serializers.ChoiceField(
        choices=typekeuzes(),
        required=False,
        help_text="Alleen bij csv: alleen de gebeurtenissen van dit type (bijvoorbeeld "
        "interventie.gelogd), of van alle typen van een onderdeel (bijvoorbeeld interventie: "
        "gelogd, uitgevoerd, geëvalueerd...), met een kolom per gegeven in plaats van één "
        "JSON-kolom: een object wordt een kolom per veld (interventie.titel, "
        "interventie.datum, ...).",
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if attrs.get("casus", "bestuursproces") != "bestuursproces" and attrs["formaat"] != "xes":
            raise serializers.ValidationError(
                {"casus": gettext("Een andere casus dan het bestuursproces geldt alleen voor xes.")}
            )
        if attrs.get("type") and attrs["formaat"] != "csv":
            raise serializers.ValidationError(
                {"type": gettext("Een export per gebeurtenistype bestaat alleen als csv.")}
            )
        return attrs


class ExportOverProcessenVraagSerializer(StriktMixin):
    formaat = serializers.ChoiceField(
        choices=list(OVERZICHTSFORMATEN),
        help_text="ocel (OCEL 2.0 JSON, object-centrische process-mining) of csv "
        "(spreadsheets, met per regel het bestuursproces).",
    )
