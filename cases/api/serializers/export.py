"""The query of the export endpoint."""

from __future__ import annotations

from rest_framework import serializers

from cases.exports.formaten import FORMATEN

from .basis import StriktMixin


class ExportVraagSerializer(StriktMixin):
    formaat = serializers.ChoiceField(
        choices=list(FORMATEN),
        help_text="jsonl (JSON Lines, controleerbaar met verifieer_export), csv (spreadsheets), "
        "xes (process mining), html of pdf (evaluatierapport).",
    )
