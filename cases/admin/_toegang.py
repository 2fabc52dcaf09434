"""Who may see and change what in the admin: the user's role per case, and what it may read.

Every admin of case content scopes its rows to the user's own cases and annotates them with
``mijn_rol``, so that permission checks on one object need no further query.
"""

from __future__ import annotations

import operator
from functools import reduce
from typing import Any, TypeVar, cast

from django.contrib import admin
from django.db.models import F, Model, Q, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from cases import selectors
from cases.models import Bestuursproces, Lidmaatschap, Rol, Zichtbaarheid

M = TypeVar("M", bound=Model)


def mijn_rol(request: HttpRequest, obj: Any) -> str | None:
    """The user's role in the case of ``obj``: a case, or anything that belongs to one."""
    if obj is None or obj.pk is None:
        return None
    rol = getattr(obj, "mijn_rol", None)
    if rol is None:
        proces_id = obj.pk if isinstance(obj, Bestuursproces) else obj.bestuursproces_id
        rol = (
            Lidmaatschap.objects.filter(bestuursproces_id=proces_id, gebruiker_id=request.user.pk)
            .values_list("rol", flat=True)
            .first()
        )
    return rol


def mag_schrijven(request: HttpRequest, obj: Any) -> bool:
    return mijn_rol(request, obj) in Rol.schrijvend()


def zichtbare_niveaus(request: HttpRequest, obj: Any) -> frozenset[str]:
    """The visibility levels the user may read, and record, in the case of ``obj``."""
    return Zichtbaarheid.voor_rol(mijn_rol(request, obj))


def schrijfbare_processen(request: HttpRequest) -> QuerySet[Bestuursproces]:
    """The user's cases in which they may change things (to choose from when adding)."""
    return Bestuursproces.objects.filter(
        lidmaatschappen__gebruiker=request.user.pk, lidmaatschappen__rol__in=Rol.schrijvend()
    )


def van_eigen_processen(queryset: QuerySet[M], request: HttpRequest) -> QuerySet[M]:
    """Only rows of the user's own cases, each annotated with the user's role there.

    Filter and annotation use the same join; a user has one membership per case, so every
    row appears once.
    """
    eigen = queryset.filter(bestuursproces__lidmaatschappen__gebruiker=request.user.pk)
    return cast("QuerySet[M]", eigen.annotate(mijn_rol=F("bestuursproces__lidmaatschappen__rol")))


def zichtbaar_voor_mijn_rol(veld: str = "zichtbaarheid") -> Q:
    """Rows (annotated with ``mijn_rol``) whose level ``veld`` that role may read."""
    return reduce(
        operator.or_,
        (Q(mijn_rol=rol, **{f"{veld}__in": Zichtbaarheid.voor_rol(rol)}) for rol in Rol),
    )


def alleen_zichtbaar(queryset: QuerySet[M], request: HttpRequest) -> QuerySet[M]:
    """Rows of the user's own cases at a level their role there may read."""
    return van_eigen_processen(queryset, request).filter(zichtbaar_voor_mijn_rol())


class BestuursprocesFilter(admin.SimpleListFilter):
    """Filter by case, offering only the user's own cases (titles of others stay hidden)."""

    title = _("bestuursproces")
    parameter_name = "bestuursproces"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [
            (str(uuid), titel)
            for uuid, titel in selectors.bestuursprocessen_voor(request.user).values_list(
                "uuid", "titel"
            )
        ]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        if self.value():
            return queryset.filter(bestuursproces__uuid=self.value())
        return queryset
