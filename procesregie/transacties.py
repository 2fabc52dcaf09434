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

Outside a write request a service has its own transaction and its lock reads the row, as
ever. Inside a transaction already open (the workspace's, which checks the form's version
first; a service another one calls; a test's) that is a savepoint, and a savepoint is two
round trips, ``SAVEPOINT`` and ``RELEASE``, that only matter once the service has written:
until then there is nothing to return to. So the savepoint is made just before the service's
first write (:class:`_UitgesteldeSavepoint`), and not at all for a write that is whole in
itself and the service's last (:func:`zonder_eigen_savepoint`: appending an event, whose
statement writes the event with everything that goes with it). A failure after such a write,
which only the database or the connection can cause, marks the transaction around it for
rollback, as Django's ``atomic(savepoint=False)`` and ``Model.save`` do.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any, ParamSpec, TypeVar

from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
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
    """A service's transaction: the write request's it runs in directly, else in a
    transaction already open a savepoint made when it first writes, else its own
    ``transaction.atomic`` (see the module)."""
    verzoek = _VERZOEK.get()
    if verzoek is None or verzoek.aangesloten or verzoek.alias != using or not verzoek.actief():
        verbinding = connections[using]
        if (
            not verbinding.in_atomic_block
            or verbinding.needs_rollback
            or not verbinding.atomic_blocks
            or _UitgesteldeSavepoint.wacht_op(verbinding)
        ):
            # A savepoint still waiting for its service's first write: this one's own
            # SAVEPOINT makes that one first (see _UitgesteldeSavepoint.__call__).
            with transaction.atomic(using):
                yield
            return
        with _UitgesteldeSavepoint(verbinding):
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


_ZONDER_EIGEN_SAVEPOINT: ContextVar[bool] = ContextVar("zonder_eigen_savepoint", default=False)


@contextmanager
def zonder_eigen_savepoint() -> Iterator[None]:
    """Writes in this block are whole in themselves and the service's last: they need no
    savepoint of the service's own (see the module). Anything written after them is covered
    the same way: a failure marks the transaction around the service for rollback."""
    token = _ZONDER_EIGEN_SAVEPOINT.set(True)
    try:
        yield
    finally:
        _ZONDER_EIGEN_SAVEPOINT.reset(token)


def _leest(sql: str) -> bool:
    # A lock (FOR UPDATE) is a read too: there is nothing to return to after it.
    return sql.lstrip()[:6].upper() == "SELECT"


class _UitgesteldeSavepoint:
    """A service's savepoint in a transaction already open, made just before the service's
    first write (as an execute wrapper it sees every statement on the connection meanwhile).

    A read that fails, or a write made without the savepoint (:func:`zonder_eigen_savepoint`),
    leaves no savepoint to return to: an exception then marks the transaction around for
    rollback.
    """

    def __init__(self, verbinding: BaseDatabaseWrapper) -> None:
        self.verbinding = verbinding
        # The block the savepoint goes on top of.
        self.onder = verbinding.atomic_blocks[-1]
        self.blok: Atomic | None = None
        self.onbeschermd = False
        self.fout = False

    def wacht(self) -> bool:
        """Whether the service has not written yet."""
        return self.blok is None and not self.onbeschermd

    @classmethod
    def wacht_op(cls, verbinding: BaseDatabaseWrapper) -> bool:
        """Whether a service on this connection has a savepoint waiting for its first
        write."""
        return any(isinstance(w, cls) and w.wacht() for w in verbinding.execute_wrappers)

    def __enter__(self) -> None:
        self.verbinding.execute_wrappers.append(self)

    def __call__(
        self, execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any
    ) -> Any:
        if not self.wacht():
            # The savepoint's own SAVEPOINT, made from inside this call.
            return execute(sql, params, many, context)
        if not _leest(sql):
            self._schrijft()
            if not self.wacht():
                # Decided: the savepoint covers what follows, or a failure marks the
                # transaction around for rollback; no need to see the other statements.
                self._los()
        try:
            return execute(sql, params, many, context)
        except Exception:
            self.fout = True
            raise

    def _los(self) -> None:
        wrappers = self.verbinding.execute_wrappers
        if self in wrappers:
            wrappers.remove(self)

    def _schrijft(self) -> None:
        verbinding = self.verbinding
        if (
            _ZONDER_EIGEN_SAVEPOINT.get()
            or verbinding.needs_rollback
            or self.onder not in verbinding.atomic_blocks
        ):
            self.onbeschermd = True
            return
        blok = transaction.atomic(verbinding.alias)
        self.blok = blok  # set first: its own SAVEPOINT passes this wrapper too
        # Blocks the service opened since without a savepoint of their own (Django's
        # bulk_create and delete do): a SAVEPOINT of theirs would have made this one first.
        boven = len(verbinding.atomic_blocks) - verbinding.atomic_blocks.index(self.onder) - 1
        try:
            if not boven:
                blok.__enter__()
                return
            # What Atomic.__enter__ does, beneath those blocks: they close before the
            # service does, so this block is on top again by the time it closes.
            sid = verbinding.savepoint()
        except BaseException:
            self.blok = None
            self.onbeschermd = self.fout = True
            raise
        if sid is None:  # a database without savepoints
            self.blok = None
            self.onbeschermd = True
            return
        verbinding.savepoint_ids.insert(len(verbinding.savepoint_ids) - boven, sid)
        verbinding.atomic_blocks.insert(len(verbinding.atomic_blocks) - boven, blok)

    def __exit__(self, soort: Any, fout: Any, spoor: Any) -> None:
        verbinding = self.verbinding
        self._los()
        if self.blok is not None:
            self.blok.__exit__(soort, fout, spoor)
        elif soort is not None and (self.onbeschermd or self.fout):
            verbinding.needs_rollback = True
