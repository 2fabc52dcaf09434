"""A field a serializer can give as null is nullable in the OpenAPI document: a client
generated from it (which checks required, non-nullable fields) must accept every answer.

The fields whose value a method computes are found by the method's return annotation
(``-> str | None``); drf-spectacular takes the schema of such a field from the method's
``extend_schema_field``, which says nothing of null unless told."""

from __future__ import annotations

import types
import typing
from typing import Any

import yaml
from rest_framework import serializers

from cases.api import serializers as api_serializers  # noqa: F401  (every serializer imported)
from tests.cases.api._openapi import GECOMMIT


def _alle(klasse: type[serializers.Serializer[Any]]) -> list[type[serializers.Serializer[Any]]]:
    onder = klasse.__subclasses__()
    return onder + [k for o in onder for k in _alle(o)]


def _kan_null_geven(
    serializer: type[serializers.Serializer[Any]],
    veld: serializers.SerializerMethodField,
    naam: str,
) -> bool:
    methode = getattr(serializer, veld.method_name or f"get_{naam}")
    terug = typing.get_type_hints(methode).get("return")
    return terug is not None and types.NoneType in typing.get_args(terug)


def _methodevelden_met_null() -> list[tuple[str, str]]:
    gevonden = []
    for serializer in set(_alle(serializers.Serializer)):
        if not serializer.__module__.startswith("cases.api."):
            continue
        for naam, veld in serializer._declared_fields.items():
            if isinstance(veld, serializers.SerializerMethodField) and _kan_null_geven(
                serializer, veld, naam
            ):
                gevonden.append((serializer.__name__.removesuffix("Serializer"), naam))
    return sorted(gevonden)


def test_een_methodeveld_dat_null_kan_geven_is_nullable_in_het_document() -> None:
    schemas: dict[str, Any] = yaml.safe_load(GECOMMIT.read_text())["components"]["schemas"]
    velden = [(c, v) for c, v in _methodevelden_met_null() if c in schemas]
    # The tijdlijn's url is one of them (the opening names no object).
    assert ("TijdlijnItem", "url") in velden
    niet_nullable = [
        (component, veld)
        for component, veld in velden
        if not schemas[component]["properties"][veld].get("nullable")
    ]
    assert niet_nullable == []
