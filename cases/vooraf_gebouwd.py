"""Reads that every request or write runs, compiled once per database.

Building a query through the ORM (the queryset, its lookups, the compiler) costs more Python
than the database takes to run a lookup by key; the case lookup of every API request and the
lock of every write are such queries. :class:`VoorafGebouwd` builds the queryset once per
database with stand-in values, keeps its SQL and the shape of its rows, and runs it with the
real values in the stand-ins' places. The rows come back as model instances, annotations
included, converted as the ORM converts them (``Model.from_db`` with the database's and the
fields' converters); a raw query would instead map every column to a field by name for each
row, which cost five times the lookup itself.
"""

from __future__ import annotations

import uuid
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.db import connections, models
from django.db.backends.base.base import BaseDatabaseWrapper

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


@dataclass(frozen=True)
class _Gebouwd:
    """A query compiled for one database: its SQL, per parameter the stand-in's name or the
    fixed value, and the shape of its rows (the model's fields, then the annotations)."""

    sql: str
    plaatsen: list[tuple[str | None, Any]]
    velden: list[str]  # attnames of the model's columns, which come first
    annotaties: list[tuple[str, int]]  # (name, column)
    kolommen: list[Any]  # the select expressions, for the converters


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
        self._gebouwd: dict[str, _Gebouwd] = {}
        # Converters are bound to a connection (one per thread and database).
        self._omzetters: weakref.WeakKeyDictionary[
            BaseDatabaseWrapper, list[tuple[int, list[Any], Any]]
        ] = weakref.WeakKeyDictionary()

    def _bouw(self, alias: str) -> _Gebouwd:
        if alias not in self._gebouwd:
            compiler = self.bouw(**self.standins).query.get_compiler(alias)
            sql, params = compiler.as_sql()
            plaatsen: list[tuple[str | None, Any]] = []
            for param in params:
                naam = next((n for n, s in self.standins.items() if _zelfde(param, s)), None)
                plaatsen.append((naam, param))
            gevonden = {naam for naam, _ in plaatsen if naam is not None}
            if gevonden != set(self.standins):
                raise ValueError(f"Niet elke plaatshouder staat in de query: {sorted(gevonden)}")
            klass_info = compiler.klass_info
            if klass_info is None or klass_info["model"] is not self.model:
                raise ValueError("De query moet rijen van het model zelf geven.")
            posities = list(klass_info["select_fields"])
            if posities != list(range(len(posities))) or klass_info.get("related_klass_infos"):
                raise ValueError("Alleen de kolommen van het model zelf, vóór de annotaties.")
            self._gebouwd[alias] = _Gebouwd(
                sql=sql,
                plaatsen=plaatsen,
                velden=[compiler.select[i][0].target.attname for i in posities],
                annotaties=list(compiler.annotation_col_map.items()),
                kolommen=[kolom for kolom, _sql, _alias in compiler.select],
            )
        return self._gebouwd[alias]

    def _omzetters_van(
        self, verbinding: BaseDatabaseWrapper, gebouwd: _Gebouwd
    ) -> list[tuple[int, list[Any], Any]]:
        """Per column with converters: its position, the converters and its expression (as
        ``SQLCompiler.get_converters`` finds them)."""
        if (omzetters := self._omzetters.get(verbinding)) is None:
            omzetters = []
            for positie, kolom in enumerate(gebouwd.kolommen):
                functies = verbinding.ops.get_db_converters(kolom) + kolom.get_db_converters(
                    verbinding
                )
                if functies:
                    omzetters.append((positie, functies, kolom))
            self._omzetters[verbinding] = omzetters
        return omzetters

    def rijen(self, alias: str = "default", **waarden: Any) -> list[M]:
        """The rows for ``waarden`` (one per stand-in), as model instances; a uuid may be
        given as its text (ValueError if it is none)."""
        gebouwd = self._bouw(alias)
        params = [
            _zoals(param, self.standins[naam], waarden[naam]) if naam is not None else param
            for naam, param in gebouwd.plaatsen
        ]
        verbinding = connections[alias]
        with verbinding.cursor() as cursor:
            cursor.execute(gebouwd.sql, params)
            gelezen = cursor.fetchall()
        omzetters = self._omzetters_van(verbinding, gebouwd)
        aantal = len(gebouwd.velden)
        uit: list[M] = []
        for rij in gelezen:
            waarden_ = list(rij)
            for positie, functies, kolom in omzetters:
                waarde = waarden_[positie]
                for functie in functies:
                    waarde = functie(waarde, kolom, verbinding)
                waarden_[positie] = waarde
            instantie = self.model.from_db(alias, gebouwd.velden, waarden_[:aantal])
            for naam, positie in gebouwd.annotaties:
                setattr(instantie, naam, waarden_[positie])
            uit.append(instantie)
        return uit
