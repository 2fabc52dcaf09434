"""Shared serializer building blocks: strict input, the stadium enum, case URLs."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.reverse import reverse

from cases.models import (
    Bestuursproces,
    Stadium,
)

Serializer = serializers.Serializer[Any]


class StriktMixin(Serializer):
    """Refuse properties the resource does not have instead of silently ignoring them.

    Checked in ``to_internal_value`` (not ``validate``) so that it also works for nested
    serializers, which have no ``initial_data``, and so that unknown properties are listed
    together with every other field error.
    """

    onbekend_redenen: dict[str, str] = {}

    def to_internal_value(self, data: Any) -> Any:
        onbekend: dict[str, Any] = {}
        if isinstance(data, Mapping):
            onbekend = {
                naam: [
                    serializers.ErrorDetail(
                        self.onbekend_redenen.get(naam, "Onbekend veld."), code="unknown"
                    )
                ]
                for naam in sorted(set(data) - set(self.fields))
            }
        try:
            waarde = super().to_internal_value(data)
        except serializers.ValidationError as fout:
            if onbekend and isinstance(fout.detail, dict):
                raise serializers.ValidationError({**fout.detail, **onbekend}) from fout
            raise
        if onbekend:
            raise serializers.ValidationError(onbekend)
        return waarde


@extend_schema_field(serializers.ChoiceField(choices=Stadium.choices), component_name="StadiumEnum")
class StadiumField(serializers.ChoiceField):
    """A stadium; one enum component in the OpenAPI document wherever a stadium appears."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(choices=Stadium.choices, **kwargs)


def case_url(naam: str, bestuursproces: Bestuursproces, context: Mapping[str, Any]) -> str:
    return reverse(naam, kwargs={"uuid": bestuursproces.uuid}, request=context.get("request"))
