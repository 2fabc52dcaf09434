"""The write path's statements as SQL built once per model and database.

Every event runs the same few statements: the chain head moved on the case row, the event
inserted, its tijdlijn item inserted and the tijdlijn's counts raised (and the services that
create a row with their event, the notitie and the interventie, insert that row). Building
each through the ORM (a query object, its compiler, a quoted column list) cost more Python
than the database took to run it; here the text is built once from the model's own metadata
and each value still goes through its field's ``pre_save`` and ``get_db_prep_save``, as
``Model.save`` does it. No model on this path has signal receivers or a ``save`` of its own
(a test holds them to that).
"""

from __future__ import annotations

from typing import Any

from django.db import connections, models, router

from cases.models import Bestuursproces, Tijdlijnstand


def _kolom(veld: Any) -> str:
    return str(veld.column)


_INSERTS: dict[tuple[type[models.Model], str], tuple[str, list[Any], bool]] = {}


def _insert(model: type[models.Model], alias: str) -> tuple[str, list[Any], bool]:
    sleutel = (model, alias)
    if sleutel not in _INSERTS:
        verbinding = connections[alias]
        meta = model._meta
        velden = [
            veld
            for veld in meta.local_concrete_fields
            if veld is not meta.auto_field and not getattr(veld, "generated", False)
        ]
        kolommen = ", ".join(verbinding.ops.quote_name(_kolom(veld)) for veld in velden)
        plaatsen = ", ".join(["%s"] * len(velden))
        tabel = verbinding.ops.quote_name(meta.db_table)
        sql = f"INSERT INTO {tabel} ({kolommen}) VALUES ({plaatsen})"
        terug = meta.auto_field is not None and verbinding.features.can_return_columns_from_insert
        if terug:
            sql += " RETURNING " + verbinding.ops.quote_name(_kolom(meta.pk))
        _INSERTS[sleutel] = (sql, velden, terug)
    return _INSERTS[sleutel]


def voeg_in(rij: models.Model) -> None:
    """Insert a new row (as ``rij.save(force_insert=True)``) and set its primary key."""
    model = type(rij)
    alias = router.db_for_write(model, instance=rij)
    verbinding = connections[alias]
    sql, velden, terug = _insert(model, alias)
    waarden = [veld.get_db_prep_save(veld.pre_save(rij, True), verbinding) for veld in velden]
    meta = model._meta
    with verbinding.cursor() as cursor:
        cursor.execute(sql, waarden)
        if meta.auto_field is not None:
            if terug:
                pk = cursor.fetchone()[0]
            else:
                pk = verbinding.ops.last_insert_id(cursor, meta.db_table, _kolom(meta.pk))
            rij.pk = pk
    rij._state.adding = False
    rij._state.db = alias


_UPSERTS: dict[tuple[type[models.Model], str, int, tuple[str, ...], tuple[str, ...]], str] = {}


def voeg_in_of_vervang(
    rijen: list[Any], *, uniek: tuple[str, ...], vervang: tuple[str, ...]
) -> None:
    """Insert new rows of one model, or where a row with the same ``uniek`` fields exists,
    set its ``vervang`` fields (as ``bulk_create(update_conflicts=True, ...)``), in one
    statement; the rows get no primary key."""
    if not rijen:
        return
    model = type(rijen[0])
    alias = router.db_for_write(model)
    verbinding = connections[alias]
    sql, velden, _terug = _insert(model, alias)
    sleutel = (model, alias, len(rijen), uniek, vervang)
    if sleutel not in _UPSERTS:
        q = verbinding.ops.quote_name
        meta = model._meta
        kolom = {naam: q(_kolom(meta.get_field(naam))) for naam in (*uniek, *vervang)}
        kop, _, waarden = sql.partition(" VALUES ")
        waarden = waarden.split(" RETURNING ")[0]
        _UPSERTS[sleutel] = (
            f"{kop} VALUES {', '.join([waarden] * len(rijen))} "
            f"ON CONFLICT({', '.join(kolom[v] for v in uniek)}) DO UPDATE SET "
            + ", ".join(f"{kolom[v]} = EXCLUDED.{kolom[v]}" for v in vervang)
        )
    params = [
        veld.get_db_prep_save(veld.pre_save(rij, True), verbinding)
        for rij in rijen
        for veld in velden
    ]
    with verbinding.cursor() as cursor:
        cursor.execute(_UPSERTS[sleutel], params)


_KOP: dict[str, str] = {}


def schuif_kop(
    bestuursproces: Bestuursproces,
    van: int,
    volgnummer: int,
    keten_hash: str,
    laatste_moment: Any,
) -> bool:
    """Move the case row's chain head from ``van`` to ``volgnummer`` (with its hash and the
    latest moment of the history), only if the row's head is still ``van``; whether it did."""
    model = Bestuursproces
    alias = router.db_for_write(model, instance=bestuursproces)
    verbinding = connections[alias]
    if alias not in _KOP:
        meta = model._meta
        q = verbinding.ops.quote_name
        kolom = {
            naam: q(_kolom(meta.get_field(naam)))
            for naam in ("keten_volgnummer", "keten_hash", "laatste_moment")
        }
        _KOP[alias] = (
            f"UPDATE {q(meta.db_table)} SET {kolom['keten_volgnummer']} = %s, "
            f"{kolom['keten_hash']} = %s, {kolom['laatste_moment']} = %s "
            f"WHERE {q(_kolom(meta.pk))} = %s AND {kolom['keten_volgnummer']} = %s"
        )
    moment = model._meta.get_field("laatste_moment").get_db_prep_save(laatste_moment, verbinding)
    with verbinding.cursor() as cursor:
        cursor.execute(_KOP[alias], [volgnummer, keten_hash, moment, bestuursproces.pk, van])
        return cursor.rowcount == 1


_TEL: dict[tuple[str, tuple[str, ...]], str] = {}


def tel_bij(bestuursproces_id: int, erbij: dict[str, int]) -> None:
    """Add ``erbij`` (field → number) to the case's counts on ``Tijdlijnstand``, as
    ``filter(...).update(veld=F(veld) + n)`` does; one statement per combination of fields,
    built once."""
    model = Tijdlijnstand
    alias = router.db_for_write(model)
    verbinding = connections[alias]
    velden = tuple(sorted(erbij))
    sleutel = (alias, velden)
    if sleutel not in _TEL:
        meta = model._meta
        q = verbinding.ops.quote_name
        kolommen = [q(_kolom(meta.get_field(veld))) for veld in velden]
        _TEL[sleutel] = (
            f"UPDATE {q(meta.db_table)} SET "
            + ", ".join(f"{kolom} = {kolom} + %s" for kolom in kolommen)
            + f" WHERE {q(_kolom(meta.get_field('bestuursproces')))} = %s"
        )
    with verbinding.cursor() as cursor:
        cursor.execute(_TEL[sleutel], [*(erbij[veld] for veld in velden), bestuursproces_id])
