"""The write path's statements as SQL built once per model and database.

Every event runs the same few statements: the chain head moved on the case row, the event
inserted, its tijdlijn item inserted and the tijdlijn's counts raised (and the services that
create a row with their event, the notitie and the interventie, insert that row). Building
each through the ORM (a query object, its compiler, a quoted column list) cost more Python
than the database took to run it; here the text is built once from the model's own metadata
and each value still goes through its field's ``pre_save`` and ``get_db_prep_save``, as
``Model.save`` does it. No model on this path has signal receivers or a ``save`` of its own
(a test holds them to that).

A :class:`Bundel` gathers statements whose results nobody reads (the tijdlijn's item, its
counts and its memory) and sends them together: on PostgreSQL as one statement of
data-modifying CTEs, one round trip instead of one each; elsewhere one after the other.
"""

from __future__ import annotations

from typing import Any

from django.db import connections, models, router

from cases.models import Bestuursproces, Tijdlijnstand


def _kolom(veld: Any) -> str:
    return str(veld.column)


class Bundel:
    """Statements sent together when :meth:`voer_uit` is called (in the order given, on one
    database). On PostgreSQL they run as the parts of one ``WITH``: each runs exactly once
    and to completion, none sees what another wrote, so only statements on different rows
    that no later one reads belong in one bundle."""

    def __init__(self) -> None:
        self.alias: str | None = None
        self.statements: list[tuple[str, list[Any]]] = []

    def voeg_toe(self, alias: str, sql: str, params: list[Any]) -> None:
        if self.alias not in (None, alias):
            raise ValueError("Een bundel schrijft in één database.")
        self.alias = alias
        self.statements.append((sql, params))

    def voer_uit(self) -> None:
        if self.alias is None:
            return
        verbinding = connections[self.alias]
        with verbinding.cursor() as cursor:
            if verbinding.vendor == "postgresql" and len(self.statements) > 1:
                delen = ", ".join(f"s{i} AS ({sql})" for i, (sql, _p) in enumerate(self.statements))
                params = [param for _sql, ps in self.statements for param in ps]
                cursor.execute(f"WITH {delen} SELECT 1", params)
            else:
                for sql, params in self.statements:
                    cursor.execute(sql, params)
        self.alias, self.statements = None, []


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


def voeg_in(rij: models.Model, *, bundel: Bundel | None = None) -> None:
    """Insert a new row (as ``rij.save(force_insert=True)``) and set its primary key; in a
    ``bundel`` it is only queued, and gets no primary key."""
    model = type(rij)
    alias = router.db_for_write(model, instance=rij)
    verbinding = connections[alias]
    sql, velden, terug = _insert(model, alias)
    waarden = [veld.get_db_prep_save(veld.pre_save(rij, True), verbinding) for veld in velden]
    if bundel is not None:
        bundel.voeg_toe(alias, sql, waarden)
        return
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
    rijen: list[Any],
    *,
    uniek: tuple[str, ...],
    vervang: tuple[str, ...],
    bundel: Bundel | None = None,
) -> None:
    """Insert new rows of one model, or where a row with the same ``uniek`` fields exists,
    set its ``vervang`` fields (as ``bulk_create(update_conflicts=True, ...)``), in one
    statement (queued in a ``bundel``); the rows get no primary key."""
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
    if bundel is not None:
        bundel.voeg_toe(alias, _UPSERTS[sleutel], params)
        return
    with verbinding.cursor() as cursor:
        cursor.execute(_UPSERTS[sleutel], params)


_KOP: dict[str, str] = {}


def _kop(
    bestuursproces: Bestuursproces,
    van: int,
    volgnummer: int,
    keten_hash: str,
    laatste_moment: Any,
) -> tuple[str, str, list[Any]]:
    """The database, the UPDATE that moves the head from ``van`` and its parameters."""
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
    return alias, _KOP[alias], [volgnummer, keten_hash, moment, bestuursproces.pk, van]


def schuif_kop(
    bestuursproces: Bestuursproces,
    van: int,
    volgnummer: int,
    keten_hash: str,
    laatste_moment: Any,
) -> bool:
    """Move the case row's chain head from ``van`` to ``volgnummer`` (with its hash and the
    latest moment of the history), only if the row's head is still ``van``; whether it did."""
    alias, sql, params = _kop(bestuursproces, van, volgnummer, keten_hash, laatste_moment)
    with connections[alias].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.rowcount == 1


_KOP_EN_RIJ: dict[tuple[str, type[models.Model]], str] = {}


def schuif_kop_en_voeg_in(
    bestuursproces: Bestuursproces, van: int, rij: models.Model, laatste_moment: Any
) -> bool:
    """Move the chain head from ``van`` to the event ``rij`` (its volgnummer and hash) and
    insert the event, only if the head is still ``van``; whether it did (the event then has
    its primary key). On PostgreSQL one statement, whose INSERT reads the row the UPDATE
    returns, so that a stale head inserts nothing; elsewhere the two in turn."""
    volgnummer, keten_hash = rij.volgnummer, rij.hash  # type: ignore[attr-defined]
    alias, kop_sql, kop_params = _kop(bestuursproces, van, volgnummer, keten_hash, laatste_moment)
    verbinding = connections[alias]
    if verbinding.vendor != "postgresql":
        if not schuif_kop(bestuursproces, van, volgnummer, keten_hash, laatste_moment):
            return False
        voeg_in(rij)
        return True
    model = type(rij)
    sql, velden, _terug = _insert(model, alias)
    if (alias, model) not in _KOP_EN_RIJ:
        kop, _, waarden = sql.partition(" VALUES (")
        waarden, _, terug = waarden.partition(") RETURNING ")
        _KOP_EN_RIJ[(alias, model)] = (
            f"WITH kop AS ({kop_sql} RETURNING 1) {kop} SELECT {waarden} FROM kop RETURNING {terug}"
        )
    params = [veld.get_db_prep_save(veld.pre_save(rij, True), verbinding) for veld in velden]
    with verbinding.cursor() as cursor:
        cursor.execute(_KOP_EN_RIJ[(alias, model)], kop_params + params)
        gelezen = cursor.fetchone()
    if gelezen is None:
        return False
    rij.pk = gelezen[0]
    rij._state.adding = False
    rij._state.db = alias
    return True


_TEL: dict[tuple[str, tuple[str, ...]], str] = {}


def tel_bij(bestuursproces_id: int, erbij: dict[str, int], *, bundel: Bundel | None = None) -> None:
    """Add ``erbij`` (field → number) to the case's counts on ``Tijdlijnstand``, as
    ``filter(...).update(veld=F(veld) + n)`` does; one statement per combination of fields,
    built once (queued in a ``bundel``)."""
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
    params = [*(erbij[veld] for veld in velden), bestuursproces_id]
    if bundel is not None:
        bundel.voeg_toe(alias, _TEL[sleutel], params)
        return
    with verbinding.cursor() as cursor:
        cursor.execute(_TEL[sleutel], params)
