"""Django's SQLite backend, with each statement's placeholder rewrite done once.

Django writes parameters as ``%s``; the sqlite3 module takes ``?``. Django's cursor rewrites
every statement with a regular expression before each run, which on the write path cost as
much as SQLite took to run a short statement (docs/benchmarks.md, "Eighteenth round"). The
same texts come back on every write (the statements of :mod:`cases.events.voorbereid`, the
ORM's lookups by key), so the rewritten text is kept per original text. Everything else is
Django's own cursor: the query log, the execute wrappers and the error mapping see the
statement as before.
"""

from __future__ import annotations

from typing import Any

from django.db.backends.sqlite3 import base

# A statement longer than this (a lookup of thousands of keys) is rare and costs far more to
# run than to rewrite: it is not kept. The number kept is bounded; when full, it starts over.
_LANGSTE = 4_000
_HOOGSTENS = 1_000
_HERSCHREVEN: dict[str, str] = {}


class Cursor(base.SQLiteCursorWrapper):
    def convert_query(self, query: str, *, param_names: Any = None) -> str:
        if param_names is not None or len(query) > _LANGSTE:
            return str(super().convert_query(query, param_names=param_names))
        herschreven = _HERSCHREVEN.get(query)
        if herschreven is None:
            if len(_HERSCHREVEN) >= _HOOGSTENS:
                _HERSCHREVEN.clear()
            herschreven = _HERSCHREVEN[query] = str(super().convert_query(query))
        return herschreven


class DatabaseWrapper(base.DatabaseWrapper):
    def create_cursor(self, name: str | None = None) -> Any:
        return self.connection.cursor(factory=Cursor)
