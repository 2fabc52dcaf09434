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

Bereider = Callable[[models.Model], Any]

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

_BEREIDERS: dict[tuple[Any, str], Bereider] = {}


def bereider(veld: Any, verbinding: Any) -> Bereider:
    """The function that gives a row's value of ``veld`` for the database on ``verbinding``
    (built once per field and database)."""
    sleutel = (veld, verbinding.alias)
    if sleutel not in _BEREIDERS:
        _BEREIDERS[sleutel] = _bouw(veld, verbinding)
    return _BEREIDERS[sleutel]


def _bouw(veld: Any, verbinding: Any) -> Bereider:
    def zoals_django(rij: models.Model) -> Any:
        return veld.get_db_prep_save(veld.pre_save(rij, True), verbinding)

    naam = veld.attname
    if type(veld) is models.DateTimeField and not (veld.auto_now or veld.auto_now_add):
        # DateTimeField.get_db_prep_value: an aware datetime as it is, to the backend.
        aanpassen = verbinding.ops.adapt_datetimefield_value

        def moment(rij: models.Model) -> Any:
            waarde = getattr(rij, naam)
            if type(waarde) is dt.datetime and waarde.utcoffset() is not None:
                return aanpassen(waarde)
            return zoals_django(rij)

        return moment
    if type(veld).pre_save is not models.Field.pre_save:  # auto_now and the like
        return zoals_django
    doel = veld.target_field if veld.is_relation else veld
    soort = type(doel)
    if soort in _TEKST and not veld.is_relation:

        def tekst(rij: models.Model) -> Any:
            waarde = getattr(rij, naam)
            return waarde if type(waarde) is str else zoals_django(rij)

        return tekst
    if soort in _GEHEEL or soort in _AUTO:
        pas_aan: Callable[[int], Any]
        if soort in _AUTO:
            pas_aan = verbinding.ops.validate_autopk_value
        else:
            intern = doel.get_internal_type()
            aanpassen = verbinding.ops.adapt_integerfield_value

            def pas_aan(waarde: int) -> Any:
                return aanpassen(waarde, intern)

        def geheel(rij: models.Model) -> Any:
            waarde = getattr(rij, naam)
            return pas_aan(waarde) if type(waarde) is int else zoals_django(rij)

        return geheel
    return zoals_django
