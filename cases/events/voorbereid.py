"""The write path's statements as SQL built once per model and database.

Every event runs the same few statements: the chain head moved on the case row, the event
inserted, its tijdlijn item inserted and the tijdlijn's counts raised (and the services that
create a row with their event, the notitie and the interventie, insert that row). Building
each through the ORM (a query object, its compiler, a quoted column list) cost more Python
than the database took to run it; here the text is built once from the model's own metadata
and each value is what ``Model.save`` would send (:mod:`cases.events.veldwaarden`). No model
on this path has signal receivers or a ``save`` of its own (a test holds them to that).

A :class:`~cases.events.bundel.Bundel` gathers statements whose results nobody reads (a
note, an interventie's links, the tijdlijn's item, its counts and its memory).
:func:`schuif_kop_en_voeg_in` sends them with the event: on PostgreSQL as parts of the one
statement that moves the chain head and inserts the event (data-modifying CTEs, each part
writing only when the head moved, the item taking the event's key from it), one round trip
for the whole append; elsewhere one after the other, after the event. There a row that names
no other row of the bundle goes as one JSON value (:mod:`cases.events.rij_als_json`), so that
the statement keeps few parameters.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import connections, models, router

from cases.models import Bestuursproces, Tijdlijnstand

from .bundel import Bundel, Deel, Sleutel, geschreven_rij, krijgt_sleutel
from .rij_als_json import als_een_waarde
from .veldwaarden import Bereider, bereider


def _kolom(veld: Any) -> str:
    return str(veld.column)


_ONDER_KOP = "EXISTS (SELECT 1 FROM kop)"


def _in_een_statement(verbinding: Any) -> bool:
    """Whether a bundle goes with its event in one statement (data-modifying CTEs), so that
    its parts under the head are built; elsewhere it runs statement by statement."""
    return bool(verbinding.vendor == "postgresql")


_CASTS: dict[tuple[str, Any], str] = {}


def _cast(veld: Any, verbinding: Any) -> str:
    sleutel = (verbinding.alias, veld)
    if sleutel not in _CASTS:
        _CASTS[sleutel] = f"CAST(%s AS {veld.cast_db_type(verbinding)})"
    return _CASTS[sleutel]


def _rij_onder_kop(velden: list[Any], params: list[Any], verbinding: Any) -> str:
    """A row's values as a SELECT list for a part of the event's statement: each cast to its
    column's type (a bare parameter in a SELECT has none), a key from the bundle read from
    the part that wrote its row."""
    return ", ".join(
        f"(SELECT sleutel FROM {p.naam})" if isinstance(p, Sleutel) else _cast(veld, verbinding)
        for veld, p in zip(velden, params, strict=True)
    )


def _zonder_sleutels(params: list[Any]) -> list[Any]:
    return [p for p in params if not isinstance(p, Sleutel)]


@dataclass(frozen=True)
class Insert:
    """A model's INSERT, built once per database: the whole ``sql`` and its parts, ``kop``
    (``INSERT INTO t (columns)``) with the quoted ``tabel`` and ``kolommen`` (and the columns'
    plain names), the ``plaatsen`` and ``terug``, the key's column when the INSERT returns
    it."""

    sql: str
    kop: str
    tabel: str
    kolommen: str
    kolomnamen: list[str]
    plaatsen: str
    terug: str | None
    velden: list[Any]
    bereiders: list[Bereider]

    def waarden(self, rij: models.Model, verbinding: Any) -> list[Any]:
        return [bereid(rij, verbinding) for bereid in self.bereiders]


_INSERTS: dict[tuple[type[models.Model], str], Insert] = {}


def insert_van(model: type[models.Model], alias: str) -> Insert:
    """The INSERT of one row of ``model`` on the database ``alias``, built once."""
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
        tabel = verbinding.ops.quote_name(meta.db_table)
        kop = f"INSERT INTO {tabel} ({kolommen})"
        plaatsen = ", ".join(["%s"] * len(velden))
        terug = (
            verbinding.ops.quote_name(_kolom(meta.pk))
            if meta.auto_field is not None and verbinding.features.can_return_columns_from_insert
            else None
        )
        # SQLite hands a single row's key out as the cursor's lastrowid; its RETURNING costs a
        # buffered result and a fetch on top. ``terug`` stays for the parts of PostgreSQL's
        # one statement, which return theirs.
        geeft_terug = terug is not None and verbinding.vendor != "sqlite"
        sql = f"{kop} VALUES ({plaatsen})" + (f" RETURNING {terug}" if geeft_terug else "")
        bereiders = [bereider(veld) for veld in velden]
        namen = [_kolom(veld) for veld in velden]
        _INSERTS[sleutel] = Insert(
            sql, kop, tabel, kolommen, namen, plaatsen, terug, velden, bereiders
        )
    return _INSERTS[sleutel]


def voeg_in(rij: models.Model, *, bundel: Bundel | None = None) -> None:
    """Insert a new row (as ``rij.save(force_insert=True)``) and set its primary key; in a
    ``bundel`` it is queued, and gets its key when the bundle is written (a foreign key to
    the bundle's event or to a row queued before then takes that row's key)."""
    model = type(rij)
    alias = router.db_for_write(model, instance=rij)
    verbinding = connections[alias]
    insert = insert_van(model, alias)
    waarden = [
        _waarde(rij, veld, bereid, verbinding, bundel)
        if veld.is_relation
        else bereid(rij, verbinding)
        for veld, bereid in zip(insert.velden, insert.bereiders, strict=True)
    ]
    if bundel is not None:
        naam = bundel.nieuwe_naam() if model._meta.auto_field is not None else None
        onder_kop = _onder_de_kop(model, waarden, naam, verbinding)
        bundel.voeg_toe(alias, Deel(insert.sql, waarden, onder_kop, naam, rij))
        return
    with verbinding.cursor() as cursor:
        cursor.execute(insert.sql, waarden)
        geschreven_rij(rij, cursor, verbinding, alias)


def _onder_de_kop(
    model: type[models.Model], waarden: list[Any], naam: str | None, verbinding: Any
) -> list[tuple[str, list[Any]]]:
    """A queued row's part of the event's statement with its parameters (none elsewhere):
    the row as one value when it can be, so that the statement stays within the parameters
    psycopg keeps its conversion for (:mod:`cases.events.rij_als_json`), else a parameter per
    column."""
    if not _in_een_statement(verbinding):
        return []
    if not any(isinstance(p, Sleutel) for p in waarden):
        tekst = als_een_waarde(insert_van(model, verbinding.alias).kolomnamen, waarden)
        if tekst is not None:
            return [(_rij_als_een_waarde(model, naam, verbinding), [tekst])]
    return [(_rij_onder_de_kop(model, waarden, naam, verbinding), _zonder_sleutels(waarden))]


_ALS_EEN_WAARDE: dict[tuple[type[models.Model], str, bool], str] = {}


def _rij_als_een_waarde(model: type[models.Model], naam: str | None, verbinding: Any) -> str:
    insert = insert_van(model, verbinding.alias)
    terug = bool(naam and insert.terug)
    sleutel = (model, verbinding.alias, terug)
    if sleutel not in _ALS_EEN_WAARDE:
        _ALS_EEN_WAARDE[sleutel] = (
            f"{insert.kop} SELECT {insert.kolommen} FROM "
            f"jsonb_populate_record(NULL::{insert.tabel}, CAST(%s AS jsonb)) "
            f"WHERE {_ONDER_KOP}" + (f" RETURNING {insert.terug} AS sleutel" if terug else "")
        )
    return _ALS_EEN_WAARDE[sleutel]


_ONDER_DE_KOP: dict[tuple[type[models.Model], str, tuple[str | None, ...], bool], str] = {}


def _rij_onder_de_kop(
    model: type[models.Model], waarden: list[Any], naam: str | None, verbinding: Any
) -> str:
    """A row's INSERT as a part of the event's statement, built once per model, database and
    place of the keys it reads from the bundle."""
    insert = insert_van(model, verbinding.alias)
    terug = bool(naam and insert.terug)
    sleutel = (
        model,
        verbinding.alias,
        tuple(p.naam if isinstance(p, Sleutel) else None for p in waarden),
        terug,
    )
    if sleutel not in _ONDER_DE_KOP:
        _ONDER_DE_KOP[sleutel] = (
            f"{insert.kop} SELECT {_rij_onder_kop(insert.velden, waarden, verbinding)} "
            f"WHERE {_ONDER_KOP}" + (f" RETURNING {insert.terug} AS sleutel" if terug else "")
        )
    return _ONDER_DE_KOP[sleutel]


def _waarde(
    rij: models.Model, veld: Any, bereid: Bereider, verbinding: Any, bundel: Bundel | None
) -> Any:
    """A foreign key's value: the key of the row it points to, or, for a row not yet
    written that the bundle writes, a reference to it."""
    if bundel is not None:
        doel = veld.get_cached_value(rij, None)
        if doel is not None and doel.pk is None and (naam := bundel.naam_van(doel)):
            return Sleutel(naam)
    return bereid(rij, verbinding)


_UPSERTS: dict[tuple[type[models.Model], str, int, tuple[str, ...], tuple[str, ...]], str] = {}


def _conflict(
    model: type[models.Model], verbinding: Any, uniek: tuple[str, ...], vervang: tuple[str, ...]
) -> str:
    q = verbinding.ops.quote_name
    kolom = {naam: q(_kolom(model._meta.get_field(naam))) for naam in (*uniek, *vervang)}
    return f" ON CONFLICT({', '.join(kolom[v] for v in uniek)}) DO UPDATE SET " + ", ".join(
        f"{kolom[v]} = EXCLUDED.{kolom[v]}" for v in vervang
    )


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
    insert = insert_van(model, alias)
    velden = insert.velden
    sleutel = (model, alias, len(rijen), uniek, vervang)
    if sleutel not in _UPSERTS:
        conflict = _conflict(model, verbinding, uniek, vervang)
        _UPSERTS[sleutel] = (
            f"{insert.kop} VALUES {', '.join([f'({insert.plaatsen})'] * len(rijen))}{conflict}"
        )
    params = [waarde for rij in rijen for waarde in insert.waarden(rij, verbinding)]
    if bundel is not None:
        # Under the event's statement one part per row, each a single SELECT (a VALUES list
        # would give its parameters a type of their own instead of their columns').
        delen = []
        for i in range(len(rijen) if _in_een_statement(verbinding) else 0):
            rij = params[i * len(velden) : (i + 1) * len(velden)]
            delen.append((_upsert_onder_de_kop(model, verbinding, uniek, vervang, rij), rij))
        bundel.voeg_toe(alias, Deel(_UPSERTS[sleutel], params, delen))
        return
    with verbinding.cursor() as cursor:
        cursor.execute(_UPSERTS[sleutel], params)


_UPSERT_ONDER_DE_KOP: dict[
    tuple[type[models.Model], str, tuple[str, ...], tuple[str, ...]], str
] = {}


def _upsert_onder_de_kop(
    model: type[models.Model],
    verbinding: Any,
    uniek: tuple[str, ...],
    vervang: tuple[str, ...],
    rij: list[Any],
) -> str:
    """One row's upsert as a part of the event's statement, built once per model, database
    and conflict (its values are parameters, none a key from the bundle)."""
    sleutel = (model, verbinding.alias, uniek, vervang)
    if sleutel not in _UPSERT_ONDER_DE_KOP:
        insert = insert_van(model, verbinding.alias)
        waarden = _rij_onder_kop(insert.velden, rij, verbinding)
        conflict = _conflict(model, verbinding, uniek, vervang)
        _UPSERT_ONDER_DE_KOP[sleutel] = (
            f"{insert.kop} SELECT {waarden} WHERE {_ONDER_KOP}{conflict}"
        )
    return _UPSERT_ONDER_DE_KOP[sleutel]


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


_KOP_EN_RIJ: dict[tuple[str, type[models.Model]], str] = {}


def schuif_kop_en_voeg_in(
    bestuursproces: Bestuursproces,
    van: int,
    rij: models.Model,
    laatste_moment: Any,
    bundel: Bundel | None = None,
) -> bool:
    """Move the chain head from ``van`` to the event ``rij`` (its volgnummer and hash),
    insert the event and write ``bundel`` with it, only if the head is still ``van``; whether
    it did (the event and the bundle's rows then have their keys). On PostgreSQL one
    statement: the event's INSERT reads the row the head's UPDATE returns and every part of
    the bundle writes only if there is one, so that a stale head writes nothing; elsewhere
    the head, the event and the bundle in turn."""
    volgnummer, keten_hash = rij.volgnummer, rij.hash  # type: ignore[attr-defined]
    alias, kop_sql, kop_params = _kop(bestuursproces, van, volgnummer, keten_hash, laatste_moment)
    verbinding = connections[alias]
    if bundel is not None and bundel.alias not in (None, alias):
        raise ValueError("Een bundel schrijft in één database.")
    model = type(rij)
    insert = insert_van(model, alias)
    if not _in_een_statement(verbinding):
        # One cursor for the head, the event and the bundle: Django wraps each cursor it
        # hands out, which cost a third of a short statement on SQLite.
        with verbinding.cursor() as cursor:
            cursor.execute(kop_sql, kop_params)
            if cursor.rowcount != 1:
                return False
            cursor.execute(insert.sql, insert.waarden(rij, verbinding))
            geschreven_rij(rij, cursor, verbinding, alias)
            if bundel is not None:
                bundel.voer_uit(rij.pk, cursor=cursor)
        return True
    if (alias, model) not in _KOP_EN_RIJ:
        _KOP_EN_RIJ[(alias, model)] = (
            f"WITH kop AS ({kop_sql} RETURNING 1), "
            f"e AS ({insert.kop} SELECT {insert.plaatsen} FROM kop "
            f"RETURNING {insert.terug} AS sleutel)"
        )
    params = kop_params + insert.waarden(rij, verbinding)
    delen = bundel.delen if bundel is not None else []
    namen = ["e"] + [d.naam for d in delen if d.naam is not None]
    onderdelen: list[str] = []
    for deel in delen:
        for deel_sql, _p in deel.onder_kop:
            naam = deel.naam if deel.naam is not None else f"s{len(onderdelen)}"
            onderdelen.append(f", {naam} AS ({deel_sql})")
    statement = (
        _KOP_EN_RIJ[(alias, model)]
        + "".join(onderdelen)
        + " SELECT "
        + ", ".join(f"(SELECT sleutel FROM {naam})" for naam in namen)
    )
    with verbinding.cursor() as cursor:
        cursor.execute(statement, params + [p for d in delen for _s, ps in d.onder_kop for p in ps])
        gelezen = cursor.fetchone()
    if gelezen is None or gelezen[0] is None:
        return False
    krijgt_sleutel(rij, gelezen[0], alias)
    if bundel is not None:
        bundel.geschreven(dict(zip(namen, gelezen, strict=True)))
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
        onder_kop = (
            [(f"{_TEL[sleutel]} AND {_ONDER_KOP}", params)] if _in_een_statement(verbinding) else []
        )
        bundel.voeg_toe(alias, Deel(_TEL[sleutel], params, onder_kop))
        return
    with verbinding.cursor() as cursor:
        cursor.execute(_TEL[sleutel], params)
