"""Reads of the Bijeenkomsten, Besluiten, Afspraken and Documenten pages, on top of the
case's selectors (``cases.selectors.besluiten`` and ``.documenten``): always at the viewer's
levels, in a fixed number of queries, with labels ready for the templates."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext

from cases.models import (
    Afspraak,
    AfspraakStatus,
    Bestuursproces,
    Bijeenkomst,
    Document,
)
from cases.selectors.besluiten import afspraken as afspraken_van
from cases.selectors.documenten import documenten


def bijeenkomstenlijst(
    bestuursproces: Bestuursproces,
    zichtbaar: frozenset[str],
    *,
    soort: str = "",
    van: dt.date | None = None,
    tot: dt.date | None = None,
) -> QuerySet[Bijeenkomst]:
    """The bijeenkomsten the viewer may see, newest first, with their soort and how many
    were invited and present (one query per page, one to count)."""
    rijen = (
        Bijeenkomst.objects.filter(bestuursproces=bestuursproces, zichtbaarheid__in=zichtbaar)
        .select_related("soort")
        .annotate(
            aantal_uitgenodigd=Count("deelnemers", filter=Q(deelnemers__uitgenodigd=True)),
            aantal_aanwezig=Count("deelnemers", filter=Q(deelnemers__aanwezig=True)),
        )
        .order_by("-datum", "-id")
    )
    if soort:
        rijen = rijen.filter(soort__code=soort)
    if van is not None:
        rijen = rijen.filter(datum__gte=van)
    if tot is not None:
        rijen = rijen.filter(datum__lte=tot)
    return rijen


def verslagen(
    bestuursproces: Bestuursproces, bijeenkomst: Bijeenkomst, zichtbaar: frozenset[str]
) -> QuerySet[Document]:
    """The documents linked to this bijeenkomst (its verslag), at the viewer's levels."""
    return documenten(bestuursproces, zichtbaar).filter(bijeenkomst=bijeenkomst)


@dataclass
class Afspraakregel:
    afspraak: Afspraak
    door: str
    aan: str
    stand: str
    verlopen: bool
    herkomst: list[tuple[str, str]]  # (label, URL or '')
    formulier: Any = None


STATUSFILTERS = ("open", "verlopen", "nagekomen", "niet_nagekomen", "vervallen")


def afspraakregels(
    bestuursproces: Bestuursproces, zichtbaar: frozenset[str], vandaag: dt.date, status: str = ""
) -> list[Afspraakregel]:
    """The afspraken the viewer may see: overdue first, then open by uiterlijk, then the
    handled ones (latest first); filtered on a status or on ``verlopen`` (one query)."""
    rijen = afspraken_van(bestuursproces, zichtbaar)
    if status == "verlopen":
        rijen = rijen.filter(status=AfspraakStatus.OPEN, uiterlijk__lt=vandaag)
    elif status:
        rijen = rijen.filter(status=status)
    regels = [_regel(a, bestuursproces, vandaag) for a in rijen]

    def volgorde(r: Afspraakregel) -> tuple[int, str]:
        a = r.afspraak
        if r.verlopen:
            return (0, a.uiterlijk.isoformat() if a.uiterlijk else "")
        if a.status == AfspraakStatus.OPEN:
            return (1, a.uiterlijk.isoformat() if a.uiterlijk else "9999-12-31")
        # Handled: latest first.
        return (2, _omgekeerd(a.afgehandeld_op or a.datum))

    return sorted(regels, key=volgorde)


def _omgekeerd(datum: dt.date) -> str:
    return f"{99999999 - int(datum.strftime('%Y%m%d')):08d}"


def _regel(a: Afspraak, bestuursproces: Bestuursproces, vandaag: dt.date) -> Afspraakregel:
    verlopen = a.status == AfspraakStatus.OPEN and a.uiterlijk is not None and a.uiterlijk < vandaag
    if verlopen:
        stand = gettext("Verlopen")
    elif a.status == AfspraakStatus.OPEN:
        stand = str(AfspraakStatus.OPEN.label)
    else:
        stand = str(AfspraakStatus(a.status).label)
    herkomst: list[tuple[str, str]] = []
    if a.bijeenkomst is not None:
        herkomst.append(
            (
                gettext("Bijeenkomst: %(titel)s") % {"titel": a.bijeenkomst.titel},
                reverse("werkruimte:bijeenkomst", args=[bestuursproces.uuid, a.bijeenkomst.uuid]),
            )
        )
    if a.besluit is not None:
        herkomst.append((gettext("Besluit: %(titel)s") % {"titel": a.besluit.titel}, ""))
    if a.wyberstap is not None:
        herkomst.append((gettext("Wyber-stap %(nummer)s") % {"nummer": a.wyberstap.volgnummer}, ""))
    return Afspraakregel(
        afspraak=a,
        door=a.partijnaam(),
        aan=a.ontvangernaam(),
        stand=stand,
        verlopen=verlopen,
        herkomst=herkomst,
    )


def downloadadres(bestuursproces: Bestuursproces, document: Document, nummer: int) -> str:
    """Where a version is downloaded: the API's access-checked view, never a storage URL."""
    return reverse(
        "api:documentversie-inhoud",
        kwargs={"uuid": bestuursproces.uuid, "document": document.uuid, "nummer": nummer},
    )
