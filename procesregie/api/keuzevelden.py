"""Choice fields with their own named enum in the OpenAPI document, for every app's API."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers


class Keuzeveld(serializers.ChoiceField):
    """A choice field whose choices are fixed by its class (see :func:`keuzeveld`)."""

    keuzes: Any = ()

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(choices=self.keuzes, **kwargs)


def keuzeveld(naam: str, choices: Any) -> type[Keuzeveld]:
    """A choice field class with its own enum component ``naam`` in the OpenAPI document.

    For choice sets that share a property name with a different set elsewhere (``soort``,
    ``rol``, ``veld``, ``macht``) or one set under several names (``betrokkenheid`` also as
    ``van``/``naar``, ``standpunt`` also as ``steun``), so that the document names each set
    once and explicitly instead of guessing.
    """
    veld = type(naam.removesuffix("Enum") + "Field", (Keuzeveld,), {"keuzes": choices})
    return extend_schema_field(serializers.ChoiceField(choices=choices), component_name=naam)(veld)
