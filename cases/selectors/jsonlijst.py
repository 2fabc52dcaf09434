"""Small related rows as one JSON column of a query, on SQLite and PostgreSQL alike.

A page that needs a handful of short lists of one case (its besluitmomenten, the consents of
its current step) would otherwise pay a query for each. :func:`json_lijst` makes such a list a
correlated subquery that aggregates the rows into a JSON array of objects (SQLite's
``JSON_GROUP_ARRAY``, PostgreSQL's ``JSONB_AGG``), so that it can be annotated onto the query
that reads the case. :func:`uit_json_lijst` turns the array back into Python values with each
model field's own ``to_python``: the two databases write some values differently into JSON
(a UUID with or without dashes, a boolean as ``true`` or ``1``), and the fields know both.

Only for values that survive JSON unchanged in meaning (text, numbers, dates, UUIDs,
booleans); a datetime or a decimal belongs in an ordinary column.

    Bestuursproces.objects.annotate(
        momenten=json_lijst(Besluitmoment.objects.filter(bestuursproces=OuterRef("pk")),
                            "bestuursproces", ["datum", "soort"])
    )
    uit_json_lijst(Besluitmoment, ["datum", "soort"], rij.momenten)
        -> [{"datum": date(2026, 3, 1), "soort": "go"}, ...] (in no particular order)
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import models
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Aggregate, F, JSONField, QuerySet, Subquery
from django.db.models.functions import JSONObject
from django.db.models.sql.compiler import SQLCompiler


class JSONLijst(Aggregate):
    """The aggregated values as one JSON array (the order is not defined: sort afterwards)."""

    function = "JSON_GROUP_ARRAY"
    output_field = JSONField()

    def as_postgresql(
        self, compiler: SQLCompiler, connection: BaseDatabaseWrapper, **extra: Any
    ) -> Any:
        return self.as_sql(compiler, connection, function="JSONB_AGG", **extra)


def json_lijst(rijen: QuerySet[Any], per: str, paden: Sequence[str]) -> Subquery:
    """A JSON array with an object ``{pad: value}`` per row of ``rijen``, grouped by the
    field ``per`` (the column that ``rijen`` is correlated on with ``OuterRef``); NULL when
    there are no rows."""
    return Subquery(
        rijen.order_by()
        .values(per)
        .annotate(_lijst=JSONLijst(JSONObject(**{pad: F(pad) for pad in paden})))
        .values("_lijst"),
        output_field=JSONField(),
    )


def _veld(model: type[models.Model], pad: str) -> Any:
    *relaties, naam = pad.split("__")
    for relatie in relaties:
        model = model._meta.get_field(relatie).related_model  # type: ignore[assignment]
    veld = model._meta.get_field(naam)
    # A foreign key's value is the related row's primary key.
    return veld.target_field if isinstance(veld, models.ForeignKey) else veld


def uit_json_lijst(
    model: type[models.Model], paden: Sequence[str], waarde: list[dict[str, Any]] | None
) -> list[dict[str, Any]]:
    """The rows of a :func:`json_lijst` of ``model`` as dicts of Python values."""
    velden = {pad: _veld(model, pad) for pad in paden}
    return [
        {pad: None if rij[pad] is None else velden[pad].to_python(rij[pad]) for pad in paden}
        for rij in waarde or []
    ]
