"""A model's check constraints decided in Python where the answer is certain.

Django validates a ``CheckConstraint`` by asking the database, ``SELECT 1 WHERE <condition>``
over the instance's values, inside a savepoint when a transaction is open: three round trips
per constraint on PostgreSQL, in every write that validates a model with constraints (an
afspraak has two, a bijeenkomst two, a besluit two). Our conditions compare a row's own
fields: ``isnull``, equality and order, joined with and, or and not. As long as no NULL is
compared, SQL's answer is two-valued logic, which Python gives as the database would.

Whatever is not certain in Python is left to Django's own check through the database: a NULL
compared (SQL's third value, and Django's rewriting of negations over nullable columns), an
expression on either side, a join or a transform, an order of strings (the collation's), or
values of types that the database might convert before comparing. The database's constraint
still guards every write; ``tests/procesregie/test_beperkingen.py`` holds Python's answers
against the database's for every check constraint of the project.
"""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import connections, models, router
from django.db.models.constants import LOOKUP_SEP

_VERGELIJKINGEN: dict[str, Callable[[Any, Any], bool]] = {
    "exact": operator.eq,
    "gt": operator.gt,
    "gte": operator.ge,
    "lt": operator.lt,
    "lte": operator.le,
}


class _Onzeker(Exception):
    """Python cannot be sure of the database's answer: ask the database."""


def valideer_beperkingen(instance: models.Model, exclude: set[str]) -> None:
    """``Model.validate_constraints(exclude)``, with each check constraint decided in Python
    where that is certain (see the module); the same errors, under the same keys."""
    using = router.db_for_write(type(instance), instance=instance)
    in_python = not connections[using].features.interprets_empty_strings_as_nulls
    fouten: dict[str, Any] = {}
    for model, beperkingen in instance.get_constraints():
        for beperking in beperkingen:
            try:
                if isinstance(beperking, models.CheckConstraint) and in_python:
                    # Django skips a condition that reads a field left out of validation.
                    if leest(beperking.condition) & exclude:
                        continue
                    oordeel = beslis(beperking.condition, model, instance)
                    if oordeel is False:
                        raise ValidationError(
                            beperking.get_violation_error_message(),
                            code=beperking.violation_error_code,
                        )
                    if oordeel:
                        continue
                beperking.validate(model, instance, exclude=exclude, using=using)
            except ValidationError as e:
                # As Django files them: a one-field uniqueness under its field.
                velden: tuple[str, ...] = tuple(getattr(beperking, "fields", ()))
                if getattr(e, "code", None) == "unique" and len(velden) == 1:
                    fouten.setdefault(velden[0], []).append(e)
                else:
                    fouten = e.update_error_dict(fouten)
    if fouten:
        raise ValidationError(fouten)


def beslis(conditie: Any, model: type[models.Model], instance: models.Model) -> bool | None:
    """Whether the condition holds for the instance's values, as the database would answer;
    None when Python cannot be certain of that answer."""
    try:
        return _waarheid(conditie, model, instance)
    except _Onzeker:
        return None


def leest(conditie: Any) -> set[str]:
    """The names the condition reads (each lookup's first part)."""
    namen: set[str] = set()
    for kind in getattr(conditie, "children", ()):
        if isinstance(kind, models.Q):
            namen |= leest(kind)
        elif isinstance(kind, tuple) and len(kind) == 2:
            namen.add(kind[0].partition(LOOKUP_SEP)[0])
    return namen


def _waarheid(conditie: Any, model: type[models.Model], instance: models.Model) -> bool:
    if not isinstance(conditie, models.Q) or not conditie.children:
        raise _Onzeker
    if conditie.connector not in (models.Q.AND, models.Q.OR):
        raise _Onzeker
    delen = []
    for kind in conditie.children:
        if isinstance(kind, models.Q):
            delen.append(_waarheid(kind, model, instance))
        elif isinstance(kind, tuple) and len(kind) == 2:
            delen.append(_vergelijk(kind[0], kind[1], model, instance))
        else:
            raise _Onzeker
    waar = all(delen) if conditie.connector == models.Q.AND else any(delen)
    return not waar if conditie.negated else waar


def _vergelijk(
    opzoeking: str, rechts: Any, model: type[models.Model], instance: models.Model
) -> bool:
    naam, _, soort = opzoeking.partition(LOOKUP_SEP)
    soort = soort or "exact"
    links = getattr(instance, _veld(model, naam).attname)
    if hasattr(links, "resolve_expression") or hasattr(rechts, "resolve_expression"):
        raise _Onzeker
    if soort == "isnull" and isinstance(rechts, bool):
        return (links is None) is rechts
    if soort == "exact" and rechts is None:  # Django reads it as isnull
        return links is None
    if soort not in _VERGELIJKINGEN or links is None or not _vergelijkbaar(links, rechts, soort):
        raise _Onzeker
    return _VERGELIJKINGEN[soort](links, rechts)


def _veld(model: type[models.Model], naam: str) -> models.Field[Any, Any]:
    """The model's own column the name refers to (as Django's check sees the instance)."""
    meta = model._meta
    veld = (
        meta.pk
        if naam == "pk"
        else next((v for v in meta.local_concrete_fields if v.name == naam), None)
    )
    if veld is None or getattr(veld, "generated", False):
        raise _Onzeker
    return veld


def _vergelijkbaar(links: Any, rechts: Any, soort: str) -> bool:
    """Whether Python compares the two as the database does: text only for equality (its
    order is the collation's), truth values with truth values, whole numbers, decimals and
    dates each with their own kind. Moments are left to the database (time zones)."""
    if isinstance(links, str) and isinstance(rechts, str):
        return soort == "exact"
    if isinstance(links, bool) or isinstance(rechts, bool):
        return isinstance(links, bool) and isinstance(rechts, bool) and soort == "exact"
    if isinstance(links, dt.datetime) or isinstance(rechts, dt.datetime):
        return False
    return any(isinstance(links, k) and isinstance(rechts, k) for k in (int, Decimal, dt.date))
