"""Many new rows of one model in blocks, for the rebuilds of the read models (a rebuild
writes thousands of rows; the write path's single rows are :mod:`cases.events.voorbereid`).

Each block is one statement built from the model's own INSERT
(:func:`~cases.events.voorbereid.insert_van`), its values as ``Model.save`` would send them,
without the work ``bulk_create``'s compiler does per value.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import connections, models, router

from .voorbereid import insert_van

_VEEL: dict[tuple[type[models.Model], str, int], str] = {}


def _veel(model: type[models.Model], alias: str, aantal: int, vol: bool) -> str:
    """The INSERT of ``aantal`` rows; kept only for a full block (a last, shorter one has a
    length of its own each time)."""
    sleutel = (model, alias, aantal)
    if sleutel in _VEEL:
        return _VEEL[sleutel]
    insert = insert_van(model, alias)
    sql = f"{insert.kop} VALUES {', '.join([f'({insert.plaatsen})'] * aantal)}"
    if vol:
        _VEEL[sleutel] = sql
    return sql


def voeg_veel_in(rijen: Iterable[models.Model], *, per_statement: int = 2000) -> int:
    """Insert new rows of one model in blocks of ``per_statement``, as ``bulk_create`` does
    but without its compiler's work per value (a rebuild writes thousands of rows): a block is
    one multi-row INSERT, on PostgreSQL the one row's INSERT for each row in one pipeline. The
    rows get no primary key. The number of rows written."""
    blok: list[models.Model] = []
    geschreven = blokgrootte = 0
    for rij in rijen:
        if not blokgrootte:  # the first row: its model, database and block size
            model = type(rij)
            alias = router.db_for_write(model)
            verbinding = connections[alias]
            insert = insert_van(model, alias)
            # Within the database's limit on parameters (SQLite's, as Django counts it).
            blokgrootte = max(
                1, verbinding.ops.bulk_batch_size(insert.velden, [rij] * per_statement)
            )
        blok.append(rij)
        if len(blok) == blokgrootte:
            geschreven += _schrijf_blok(blok, verbinding, alias, vol=True)
            blok = []
    if blok:
        geschreven += _schrijf_blok(blok, verbinding, alias, vol=False)
    return geschreven


def _schrijf_blok(blok: list[models.Model], verbinding: Any, alias: str, *, vol: bool) -> int:
    model = type(blok[0])
    if any(type(rij) is not model for rij in blok):
        raise ValueError("voeg_veel_in schrijft rijen van één model.")
    insert = insert_van(model, alias)
    relaties = [veld for veld in insert.velden if veld.is_relation]
    for rij in blok:
        # A row made before its related row was written (an event's shifts) holds the row,
        # not yet its key: take the key now, as bulk_create does.
        for veld in relaties:
            doel = veld.get_cached_value(rij, None)
            if doel is not None:
                if doel.pk is None:
                    raise ValueError(f"{model.__name__}.{veld.name} wijst naar een nieuwe rij.")
                setattr(rij, veld.attname, doel.pk)
    with verbinding.cursor() as cursor:
        if verbinding.vendor == "postgresql":
            # psycopg keeps the conversion of a statement's placeholders only for short
            # statements, and converting a block's thousands took a quarter of a rebuild:
            # the one row's INSERT, sent for every row in one pipeline.
            cursor.executemany(
                f"{insert.kop} VALUES ({insert.plaatsen})",
                [insert.waarden(rij, verbinding) for rij in blok],
            )
        else:
            params = [waarde for rij in blok for waarde in insert.waarden(rij, verbinding)]
            cursor.execute(_veel(model, alias, len(blok), vol), params)
    return len(blok)
