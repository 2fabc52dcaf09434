"""A row's values as ``Model.save`` sends them to the database, for the write path's
statements built once (:mod:`cases.events.voorbereid`).

Each value goes through its field's ``pre_save`` and ``get_db_prep_save``, as Django does it,
except where the answer is known without that chain of calls: a ``str`` in a plain text field
and an ``int`` in a plain integer field or a foreign key to one go as they are (after the
backend's own adaptation of integers), an aware ``datetime`` straight to the backend's
adaptation. Django's path costs about 2 µs per value there for nothing, and an event and the
rows written with it have some thirty such values. Only the exact field classes named here
take the shortcut (a subclass may convert its values), and every other value, ``None``
included, goes Django's way. A test holds both paths to the same result for every field of
the models written here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.db import models

# A row and the connection it is written on (connections are per thread: nothing here keeps
# one) to the value the database gets.
Bereider = Callable[[models.Model, Any], Any]

_TEKST: frozenset[type[models.Field[Any, Any]]] = frozenset({models.CharField, models.TextField})
# IntegerField.get_db_prep_value: int(value), then the backend's adapt_integerfield_value.
_GEHEEL: frozenset[type[models.Field[Any, Any]]] = frozenset(
    {
        models.IntegerField,
        models.BigIntegerField,
        models.SmallIntegerField,
        models.PositiveIntegerField,
        models.PositiveBigIntegerField,
        models.PositiveSmallIntegerField,
    }
)
# AutoFieldMixin.get_db_prep_value: int(value), then the backend's validate_autopk_value.
_AUTO: frozenset[type[models.Field[Any, Any]]] = frozenset(
    {models.AutoField, models.BigAutoField, models.SmallAutoField}
)

_BEREIDERS: dict[Any, Bereider] = {}


def bereider(veld: Any) -> Bereider:
    """The function that gives a row's value of ``veld`` for the database of a connection
    (built once per field)."""
    if veld not in _BEREIDERS:
        _BEREIDERS[veld] = _bouw(veld)
    return _BEREIDERS[veld]


def _bouw(veld: Any) -> Bereider:
    def zoals_django(rij: models.Model, verbinding: Any) -> Any:
        return veld.get_db_prep_save(veld.pre_save(rij, True), verbinding)

    naam = veld.attname
    if type(veld) is models.DateTimeField and not (veld.auto_now or veld.auto_now_add):
        # DateTimeField.get_db_prep_value: an aware datetime as it is, to the backend.

        def moment(rij: models.Model, verbinding: Any) -> Any:
            waarde = getattr(rij, naam)
            if type(waarde) is dt.datetime and waarde.utcoffset() is not None:
                return verbinding.ops.adapt_datetimefield_value(waarde)
            return zoals_django(rij, verbinding)

        return moment
    if type(veld).pre_save is not models.Field.pre_save:  # auto_now and the like
        return zoals_django
    doel = veld.target_field if veld.is_relation else veld
    soort = type(doel)
    if soort in _TEKST and not veld.is_relation:

        def tekst(rij: models.Model, verbinding: Any) -> Any:
            waarde = getattr(rij, naam)
            return waarde if type(waarde) is str else zoals_django(rij, verbinding)

        return tekst
    if soort in _AUTO:

        def sleutel(rij: models.Model, verbinding: Any) -> Any:
            waarde = getattr(rij, naam)
            if type(waarde) is int:
                return verbinding.ops.validate_autopk_value(waarde)
            return zoals_django(rij, verbinding)

        return sleutel
    if soort in _GEHEEL:
        intern = doel.get_internal_type()

        def geheel(rij: models.Model, verbinding: Any) -> Any:
            waarde = getattr(rij, naam)
            if type(waarde) is int:
                return verbinding.ops.adapt_integerfield_value(waarde, intern)
            return zoals_django(rij, verbinding)

        return geheel
    return zoals_django
