"""Conditions of the event log's partial indexes, written into the statement as constants.

The log has partial indexes on its few events of one kind (the document versions, the events
logged above the open level; ``Gebeurtenis.Meta.indexes``). A database uses such an index
only when it can see that the query's condition implies the index's. SQLite sees that for
``type = ?`` with the value bound, but not for ``type IN (?, ?)`` nor for a JSON path bound
as a parameter (``JSON_TYPE(payload, ?)``): it then reads every event of the case, 45 and
80 ms at 100,000 events, before an export's first line. These lookups write the constants,
which are the project's own, into the statement as the index's DDL has them; values that are
not such a constant are refused, never quoted.

Used as expressions: ``filter(IsEenVan(F("type"), DOCUMENTVERSIES))``.
"""

from __future__ import annotations

import re
from typing import Any

from django.db.models.fields.json import HasKey
from django.db.models.lookups import In

_CONSTANTE = re.compile(r"[a-z_]+(\.[a-z_]+)*")


def _constante(waarde: Any) -> str:
    if not isinstance(waarde, str) or not _CONSTANTE.fullmatch(waarde):
        raise ValueError(f"Geen vaste term: {waarde!r}")
    return waarde


class IsEenVan(In):
    """``IN`` with the values in the statement (each a type code or key of ours)."""

    lookup_name = "is_een_van"

    def process_rhs(self, compiler: Any, connection: Any) -> tuple[str, tuple[Any, ...]]:
        waarden = sorted({_constante(w) for w in self.rhs})
        if not waarden:
            raise ValueError("Een lege lijst vaste termen.")
        return "(" + ", ".join(f"'{w}'" for w in waarden) + ")", ()


class HeeftSleutel(HasKey):
    """``has_key`` with the key in the statement (a key of ours)."""

    lookup_name = "heeft_sleutel"

    def as_sqlite(self, compiler: Any, connection: Any) -> tuple[str, tuple[Any, ...]]:
        lhs, lhs_params = self.process_lhs(compiler, connection)
        pad = f'$."{_constante(self.rhs)}"'  # as Django writes the path in the index's DDL
        return f"JSON_TYPE({lhs}, '{pad}') IS NOT NULL", tuple(lhs_params)

    def as_postgresql(self, compiler: Any, connection: Any) -> tuple[str, tuple[Any, ...]]:
        lhs, lhs_params = self.process_lhs(compiler, connection)
        return f"({lhs} ? '{_constante(self.rhs)}')", tuple(lhs_params)
