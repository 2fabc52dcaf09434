"""A write request below a case in one transaction, from its first read of the case.

An API request that writes below a case reads the case (membership and role, for access)
before its service runs, and the service then locked the same row and read the role again:
two reads, and a savepoint for the service inside any transaction around it. In a write
request (:func:`schrijfverzoek`, opened by the case views for every method but the safe
ones) the access lookup itself locks the case row (``FOR UPDATE``), and

- the service's lock takes that row as it is (:func:`neem_vergrendeling`): nobody can have
  changed it since, so there is nothing to read again;
- the service runs in the request's transaction (:func:`transactie`) instead of a savepoint
  of its own. When it fails, the whole request rolls back: the transaction is marked for
  rollback at once, so nothing can be written in it afterwards, and the request's answer is
  an error anyway. A service that another service calls, or one called while the first
  runs, keeps its own savepoint, so a caller that catches its error can go on.

Outside a write request (the web pages, commands, jobs, tests calling a service) a service
has its own transaction (``transaction.atomic``) and its lock reads the row, as ever.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any, ParamSpec, TypeVar

from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.transaction import Atomic

P = ParamSpec("P")
R = TypeVar("R")


@dataclass(eq=False)
class _Verzoek:
    blok: Atomic
    alias: str
    # A service runs in the request's transaction now: one it calls gets a savepoint.
    aangesloten: bool = False
    # Rows the access lookup locked, by key: the row and whose role it read.
    vergrendeld: dict[Any, tuple[Any, Any]] = field(default_factory=dict)

    def actief(self) -> bool:
        """Whether the request's own block is the innermost one now (no savepoint opened
        since, and nothing failed in it)."""
        verbinding = connections[self.alias]
        return (
            bool(verbinding.atomic_blocks)
            and verbinding.atomic_blocks[-1] is self.blok
            and not verbinding.needs_rollback
        )


_VERZOEK: ContextVar[_Verzoek | None] = ContextVar("schrijfverzoek", default=None)


@contextmanager
def schrijfverzoek(using: str = DEFAULT_DB_ALIAS) -> Iterator[None]:
    """The transaction of a write request: everything in the block commits together, or
    (on an exception, or after :func:`transaction.set_rollback`) nothing does."""
    blok = transaction.atomic(using)
    with blok:
        token = _VERZOEK.set(_Verzoek(blok, using))
        try:
            yield
        finally:
            _VERZOEK.reset(token)


def in_schrijfverzoek(using: str = DEFAULT_DB_ALIAS) -> bool:
    """Whether this runs directly in a write request's transaction on ``using``."""
    verzoek = _VERZOEK.get()
    return verzoek is not None and verzoek.alias == using and verzoek.actief()


@contextmanager
def transactie(using: str = DEFAULT_DB_ALIAS) -> Iterator[None]:
    """A service's transaction: the write request's it runs in directly (see the module),
    else its own ``transaction.atomic``."""
    verzoek = _VERZOEK.get()
    if verzoek is None or verzoek.aangesloten or verzoek.alias != using or not verzoek.actief():
        with transaction.atomic(using):
            yield
        return
    verzoek.aangesloten = True
    try:
        yield
    except BaseException:
        # No savepoint to return to: the request's transaction rolls back as a whole.
        transaction.set_rollback(True, using)
        raise
    finally:
        verzoek.aangesloten = False


def in_transactie(functie: Callable[P, R]) -> Callable[P, R]:
    """Run a service in :func:`transactie` (in place of ``@transaction.atomic``)."""

    @functools.wraps(functie)
    def dienst(*args: P.args, **kwargs: P.kwargs) -> R:
        with transactie():
            return functie(*args, **kwargs)

    return dienst


def markeer_vergrendeld(rij: Any, gebruiker_pk: Any) -> None:
    """The access lookup of the write request this runs in locked ``rij`` and read
    ``gebruiker_pk``'s role in it (as ``mijn_rol``)."""
    verzoek = _VERZOEK.get()
    if verzoek is not None and verzoek.actief():
        verzoek.vergrendeld[rij.pk] = (rij, gebruiker_pk)


def neem_vergrendeling(pk: Any, gebruiker_pk: Any = None) -> Any | None:
    """The row with key ``pk`` that the access lookup of the write request this runs in
    locked, when the role it read is ``gebruiker_pk``'s (any, for None); else None.

    Once per lookup: a second service of the same request locks and reads again, since the
    first may have changed the row through a copy of its own.
    """
    verzoek = _VERZOEK.get()
    if verzoek is None or pk not in verzoek.vergrendeld:
        return None
    rij, gebruiker = verzoek.vergrendeld.pop(pk)
    if gebruiker_pk is not None and gebruiker != gebruiker_pk:
        return None
    if verzoek.blok not in connections[verzoek.alias].atomic_blocks:
        return None
    return rij
