"""No table of ours carries an index that another index of the table covers (issue 16, fixed
costs): a foreign key's own index goes when a unique constraint or an index begins with its
column, since every lookup by that column can use the longer one, and each insert would
otherwise keep both up to date. Checked in the database itself, on SQLite and PostgreSQL."""

from __future__ import annotations

from typing import Any

import pytest
from django.apps import apps
from django.db import connection

pytestmark = pytest.mark.django_db

EIGEN_APPS = ("cases", "idempotentie", "instruments", "toegang", "statuspagina", "werkruimte")


def _tabellen() -> dict[str, set[str]]:
    """Our tables, each with the names of its partial indexes (an index on a part of the rows
    has a task of its own, even when a full one begins with its columns)."""
    tabellen: dict[str, set[str]] = {}
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.app_label not in EIGEN_APPS or not meta.managed or meta.proxy:
            continue
        if meta.auto_created:
            # A ManyToManyField's own table (Django makes it and its indexes): none of ours
            # is written on a path that counts.
            continue
        tabellen[meta.db_table] = {
            index.name for index in meta.indexes if index.condition is not None
        } | {
            beperking.name
            for beperking in meta.constraints
            if getattr(beperking, "condition", None) is not None
        }
    return tabellen


def _indexen(tabel: str) -> dict[str, dict[str, Any]]:
    with connection.cursor() as cursor:
        beperkingen = connection.introspection.get_constraints(cursor, tabel)
    return {
        naam: dict(info)
        for naam, info in beperkingen.items()
        if (info["index"] or info["unique"] or info["primary_key"]) and info["columns"]
    }


def test_geen_index_die_een_andere_al_dekt() -> None:
    dubbel = []
    for tabel, gedeeltelijk in _tabellen().items():
        indexen = _indexen(tabel)
        for naam, info in indexen.items():
            if info["unique"] or info["primary_key"] or naam in gedeeltelijk:
                continue
            kolommen = list(info["columns"])
            for ander, andere in indexen.items():
                if ander in gedeeltelijk or ander == naam:
                    continue
                if len(andere["columns"]) > len(kolommen) and (
                    list(andere["columns"][: len(kolommen)]) == kolommen
                ):
                    dubbel.append(f"{tabel}.{naam} {kolommen}: {ander} {andere['columns']}")
    assert dubbel == []


def test_de_controle_ziet_een_gedekte_index() -> None:
    """The check above finds what it looks for: the tables of Django's own auth app (which we
    leave as they are) still carry such an index."""
    indexen = _indexen("auth_user_groups")
    enkel = [i["columns"] for i in indexen.values() if i["index"] and not i["unique"]]
    samengesteld = [i["columns"] for i in indexen.values() if i["unique"] and len(i["columns"]) > 1]
    assert ["user_id"] in enkel
    assert any(kolommen[0] == "user_id" for kolommen in samengesteld)
