"""Processen vergelijken: one row per case the evaluator may see, with its duration per
stadium, its wyber-stappen and its interventies per veld with how they worked out.

Who may is :mod:`cases.selectors.overzicht`'s (an evaluator of a case, or the permission to
see every case); anyone else gets 403. The figures are :mod:`cases.selectors.vergelijking`'s,
for one page of cases at a time in a fixed number of queries.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext

from cases.models import Rol, Stadium
from cases.models.interventies import INTERVENTIEVELD_KEUZES
from cases.selectors.overzicht import mag_over_processen_heen, processen_over_heen, zichtbaar_proces
from cases.selectors.vergelijking import vergelijk

PER_PAGINA = 20


@login_required
def vergelijking(request: HttpRequest) -> HttpResponse:
    # Queries: session and user; the right (permissions, then an evaluator membership); the
    # count and the page of cases with my role; the figures of the page (vergelijk).
    if not mag_over_processen_heen(request.user):
        raise PermissionDenied(
            gettext(
                "Alleen een evaluator van een of meer bestuursprocessen, of wie het recht heeft "
                "om alle bestuursprocessen te vergelijken, kan processen vergelijken."
            )
        )
    pagina = Paginator(processen_over_heen(request.user, recht_gezien=True), PER_PAGINA).get_page(
        request.GET.get("pagina")
    )
    return render(
        request,
        "statuspagina/vergelijking.html",
        {
            "pagina": pagina,
            "rijen": [
                (rij, Rol(rij.proces.rol).label if rij.proces.rol else None)
                for rij in vergelijk([zichtbaar_proces(bp) for bp in pagina.object_list])
            ],
            "stadia": Stadium.choices,
            "velden": INTERVENTIEVELD_KEUZES,
        },
    )
