"""Serializers whose fields cost a copy per instance, not a build, for every app's API.

DRF gives every serializer instance fields of its own. A ``Serializer`` deep-copies each
declared field, which builds it anew from deep copies of its arguments (a choice field's
choices with them); a ``ModelSerializer`` besides builds every field it takes from the model
again, through the field mapping, for every instance: 0.1–0.5 ms per instance (the
interventie's serializer, 28 fields, about 0.5 ms), more than a write's own statements on
SQLite. Here a class's fields are built once, unbound, and each instance gets shallow copies
that it binds (:func:`eigen_kopie`); binding only sets attributes on the copy.
"""

from __future__ import annotations

import copy
from typing import Any, TypeVar

from django.db import models
from rest_framework import serializers

_M = TypeVar("_M", bound=models.Model)


def eigen_kopie(veld: serializers.Field[Any, Any, Any, Any]) -> Any:
    """A built, unbound field copied for one serializer instance, to be bound there.

    Fields are never changed after they are built, and binding only sets attributes on the
    copy, so a field that holds no other field is copied as it is; a list's or dict's
    ``child`` is copied likewise and bound to the copy (the constructor bound it to the
    original); nested serializers and many-relations are copied deep, as DRF does.
    """
    if isinstance(veld, serializers.BaseSerializer | serializers.ManyRelatedField):
        return copy.deepcopy(veld)
    kopie: Any = _ondiep(veld)
    kind = getattr(veld, "child", None)
    if isinstance(kind, serializers.Field):
        # The original's constructor bound its child to it; the copy's child is bound the
        # same way, only to the copy.
        kopie.child = eigen_kopie(kind)
        kopie.child.parent = kopie
    return kopie


_GEWOON_TE_KOPIEREN: dict[type, bool] = {}


def _ondiep(veld: Any) -> Any:
    """``copy.copy(veld)``: a new instance with the same attributes. For a class that copies
    no other way (no ``__copy__``, ``__reduce_ex__``, ``__getstate__`` or slots of its own,
    as every DRF field), made directly, without ``copy``'s generic path through
    ``__reduce_ex__`` and the class's ``__new__`` (a quarter of the cost)."""
    klasse = type(veld)
    gewoon = _GEWOON_TE_KOPIEREN.get(klasse)
    if gewoon is None:
        gewoon = _GEWOON_TE_KOPIEREN[klasse] = (
            getattr(klasse, "__copy__", None) is None
            and klasse.__reduce_ex__ is object.__reduce_ex__
            and klasse.__reduce__ is object.__reduce__
            and klasse.__getstate__ is object.__getstate__
            and not any("__slots__" in vars(k) for k in klasse.__mro__[:-1])
        )
    if not gewoon:
        return copy.copy(veld)
    kopie = object.__new__(klasse)
    kopie.__dict__.update(veld.__dict__)
    return kopie


class Serializer(serializers.Serializer[Any]):
    # DRF's Serializer with its declared fields copied by ``eigen_kopie`` (a comment, not a
    # docstring: the OpenAPI document takes a serializer's docstring as its description).

    def get_fields(self) -> dict[str, Any]:
        return {naam: eigen_kopie(veld) for naam, veld in self._declared_fields.items()}


# Per ModelSerializer class, the fields DRF builds for it (unbound): they depend on the class
# alone (its Meta, its declared fields, its build_* methods), never on an instance's data,
# instance or context.
_MODELVELDEN: dict[type, dict[str, Any]] = {}


class ModelSerializer(serializers.ModelSerializer[_M]):
    # DRF's ModelSerializer with its fields built once per class and copied by
    # ``eigen_kopie`` per instance (a comment: see Serializer).

    def get_fields(self) -> dict[str, Any]:
        klasse = type(self)
        velden = _MODELVELDEN.get(klasse)
        if velden is None:
            # Two threads may both build them the first time; either result is the same.
            velden = _MODELVELDEN[klasse] = super().get_fields()
        return {naam: eigen_kopie(veld) for naam, veld in velden.items()}
