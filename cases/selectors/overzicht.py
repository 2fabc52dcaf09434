"""Which cases a user may look at across cases, and with which visibility in each.

Exports and the comparison across cases are the evaluator's (DESIGN §1): someone who is
evaluator of at least one case sees every case where their role may export
(:meth:`Rol.exporterend`), each with the levels of their role there. A beheerder (or anyone)
holding the permission :data:`OVERZICHTSRECHT` sees every case, with the evaluator's levels
where they have no exporting role of their own. Nobody else, and no other case: this is the
one place that decides, so the API, the export job and the comparison page cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import OuterRef, QuerySet, Subquery

from cases.models import Bestuursproces, Lidmaatschap, Rol, Zichtbaarheid

#: Looking at and exporting every case, as an evaluator would (migration ``cases.0022``).
OVERZICHTSRECHT = "cases.exporteer_alle_processen"


@dataclass(frozen=True)
class ZichtbaarProces:
    """One case as seen across cases: the member's role there (None when the permission
    alone gives access) and the levels that decide its redaction."""

    bestuursproces: Bestuursproces
    rol: str | None
    zichtbaar: frozenset[str]


def heeft_overzichtsrecht(gebruiker: Any) -> bool:
    return bool(gebruiker.is_authenticated and gebruiker.has_perm(OVERZICHTSRECHT))


def mag_over_processen_heen(gebruiker: AbstractBaseUser | AnonymousUser) -> bool:
    """Evaluator of at least one case, or the permission (one query for a plain member)."""
    if not gebruiker.is_authenticated:
        return False
    if heeft_overzichtsrecht(gebruiker):
        return True
    return Lidmaatschap.objects.filter(gebruiker_id=gebruiker.pk, rol=Rol.EVALUATOR).exists()


def _processen(gebruiker: AbstractBaseUser | AnonymousUser, alle: bool) -> QuerySet[Any]:
    # One membership per member and case: no ordering (it would join the case and sort).
    mijn_rol = (
        Lidmaatschap.objects.filter(bestuursproces=OuterRef("pk"), gebruiker_id=gebruiker.pk)
        .order_by()
        .values("rol")[:1]
    )
    processen = Bestuursproces.objects.annotate(mijn_rol=Subquery(mijn_rol))
    if not alle:
        processen = processen.filter(mijn_rol__in=sorted(Rol.exporterend()))
    return processen.order_by("titel", "geopend_op", "id")


def processen_over_heen(
    gebruiker: AbstractBaseUser | AnonymousUser, *, recht_gezien: bool = False
) -> QuerySet[Any]:
    """The cases the user may see across cases, annotated with ``mijn_rol`` (None where the
    permission alone gives access), by title; none without the right. ``recht_gezien``: the
    caller has just found :func:`mag_over_processen_heen` true (saves asking again)."""
    if not recht_gezien and not mag_over_processen_heen(gebruiker):
        return Bestuursproces.objects.none()
    return _processen(gebruiker, heeft_overzichtsrecht(gebruiker))


def zichtbaarheid_over_heen(rol: str | None) -> frozenset[str]:
    """The levels of a case seen across cases: the role's where it may export, else (the
    permission alone) the evaluator's."""
    return Zichtbaarheid.voor_rol(rol if rol in Rol.exporterend() else Rol.EVALUATOR)


def zichtbaar_proces(bestuursproces: Bestuursproces) -> ZichtbaarProces:
    """A case of :func:`processen_over_heen` with the visibility its viewer has there."""
    rol = getattr(bestuursproces, "mijn_rol", None)
    return ZichtbaarProces(bestuursproces, rol, zichtbaarheid_over_heen(rol))


def zichtbare_processen(
    gebruiker: AbstractBaseUser | AnonymousUser, *, recht_gezien: bool = False
) -> list[ZichtbaarProces]:
    """Every case of :func:`processen_over_heen` with its visibility."""
    return [
        zichtbaar_proces(bp) for bp in processen_over_heen(gebruiker, recht_gezien=recht_gezien)
    ]
