"""Reads that every request or write runs, compiled once per database.

Building a query through the ORM (the queryset, its lookups, the compiler) costs more Python
than the database takes to run a lookup by key; the case lookup of every API request and the
lock of every write are such queries. :class:`VoorafGebouwd` builds the queryset once per
database with stand-in values, keeps its SQL, and runs it as a raw query with the real values
in the stand-ins' places. The rows come back as model instances, annotations included.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from django.db import models

M = TypeVar("M", bound=models.Model)


def _zelfde(param: Any, standin: Any) -> bool:
    """Whether a compiled parameter is the stand-in (a uuid goes to SQLite as its hex)."""
    if isinstance(standin, uuid.UUID):
        return param in (standin, standin.hex, str(standin))
    return type(param) is type(standin) and param == standin


def _zoals(param: Any, standin: Any, waarde: Any) -> Any:
    """The value in the form the database took the stand-in in."""
    if isinstance(standin, uuid.UUID):
        waarde = waarde if isinstance(waarde, uuid.UUID) else uuid.UUID(str(waarde))
        if isinstance(param, str):
            return waarde.hex if len(param) == 32 else str(waarde)
    return waarde


class VoorafGebouwd(Generic[M]):
    """A query of ``model`` rows, built by ``bouw`` from stand-ins and compiled once per
    database. Each stand-in is a value nothing else in the query has (the compiled parameters
    are matched by value): negative integers for keys, nil-like uuids for uuids."""

    def __init__(
        self, model: type[M], bouw: Callable[..., models.QuerySet[M]], **standins: Any
    ) -> None:
        self.model = model
        self.bouw = bouw
        self.standins = standins
        # Per database: the SQL, and per parameter the stand-in's name or the fixed value.
        self._gebouwd: dict[str, tuple[str, list[tuple[str | None, Any]]]] = {}

    def _sql(self, alias: str) -> tuple[str, list[tuple[str | None, Any]]]:
        if alias not in self._gebouwd:
            sql, params = self.bouw(**self.standins).query.get_compiler(alias).as_sql()
            plaatsen: list[tuple[str | None, Any]] = []
            for param in params:
                naam = next((n for n, s in self.standins.items() if _zelfde(param, s)), None)
                plaatsen.append((naam, param))
            gevonden = {naam for naam, _ in plaatsen if naam is not None}
            if gevonden != set(self.standins):
                raise ValueError(f"Niet elke plaatshouder staat in de query: {sorted(gevonden)}")
            self._gebouwd[alias] = (sql, plaatsen)
        return self._gebouwd[alias]

    def rijen(self, alias: str = "default", **waarden: Any) -> models.query.RawQuerySet[M]:
        """The rows for ``waarden`` (one per stand-in), as model instances; a uuid may be
        given as its text (ValueError if it is none)."""
        sql, plaatsen = self._sql(alias)
        params = [
            _zoals(param, self.standins[naam], waarden[naam]) if naam is not None else param
            for naam, param in plaatsen
        ]
        return self.model._default_manager.raw(sql, params).using(alias)
