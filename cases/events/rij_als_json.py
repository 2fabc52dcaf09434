"""A row's values as one JSON value, for a part of the event's statement on PostgreSQL
(:mod:`cases.events.voorbereid`).

psycopg converts a statement's placeholders once and keeps the result only for statements of
at most 50 parameters; beyond that it converts again on every run (about 100 µs for the
event's statement with an interventie in it). A row that goes as one JSON value, which
PostgreSQL spreads over the table's columns (``jsonb_populate_record``, each value through its
column type's input, as a text parameter goes), keeps the statement under that limit.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from decimal import Decimal
from typing import Any

_JSON_VORM: dict[type, Any] = {
    dt.datetime: dt.datetime.isoformat,
    dt.date: dt.date.isoformat,
    uuid.UUID: str,
    Decimal: str,
}


def _json_waarde(waarde: Any) -> Any:
    vorm = _JSON_VORM.get(type(waarde))
    if vorm is None or (type(waarde) is dt.datetime and waarde.utcoffset() is None):
        raise TypeError(type(waarde).__name__)
    return vorm(waarde)


def als_een_waarde(kolommen: list[str], waarden: list[Any]) -> str | None:
    """A row's values (as they go to the database) as one JSON object, column → value; None
    when a value has no JSON form that PostgreSQL reads back as the same value (a naive
    moment, a JSON column's own adapter, anything not named in ``_JSON_VORM`` besides text,
    numbers, booleans and NULL)."""
    if any(isinstance(waarde, dict | list | tuple) for waarde in waarden):
        return None
    try:
        return json.dumps(
            dict(zip(kolommen, waarden, strict=True)), default=_json_waarde, allow_nan=False
        )
    except (TypeError, ValueError):
        return None
