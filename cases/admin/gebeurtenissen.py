"""The event log, read-only, per case; content above the viewer's level is withheld."""

from __future__ import annotations

import json
from typing import Any

from django.contrib import admin
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from cases.events import zichtbaarheid_van
from cases.events.vrijgave import leesbaar
from cases.models import Gebeurtenis, Zichtbaarheid

from ._toegang import BestuursprocesFilter, van_eigen_processen, zichtbaar_voor_mijn_rol

AFGESCHERMD = _("(afgeschermd)")


def _mag_lezen(gebeurtenis: Gebeurtenis) -> bool:
    rol = getattr(gebeurtenis, "mijn_rol", None)
    return leesbaar(gebeurtenis, Zichtbaarheid.voor_rol(rol))


@admin.register(Gebeurtenis)
class GebeurtenisAdmin(admin.ModelAdmin[Gebeurtenis]):
    """The event log, read-only, per case.

    As in the API, an event above the viewer's level keeps its place, type and hashes (so
    the chain's shape shows) but not its payload or toelichting.
    """

    list_display = ["volgnummer", "bestuursproces", "type", "actor_naam", "tijdstip", "uitleg"]
    list_filter = [BestuursprocesFilter, "type"]
    # toelichting is searched in get_search_results, among the events the viewer may read.
    search_fields = ["actor_naam", "type"]
    list_select_related = ["bestuursproces"]
    ordering = ["bestuursproces", "-volgnummer"]
    list_per_page = 50
    actions = None
    fields = readonly_fields = (
        "bestuursproces",
        "volgnummer",
        "type",
        "actor_gebruikersnaam",
        "actor_naam",
        "herkomst",
        "tijdstip",
        "geregistreerd",
        "uitleg",
        "gegevens",
        "vorige_hash",
        "hash",
    )

    def get_queryset(self, request: HttpRequest) -> QuerySet[Gebeurtenis]:
        return van_eigen_processen(super().get_queryset(request), request)

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet[Gebeurtenis], search_term: str
    ) -> tuple[QuerySet[Gebeurtenis], bool]:
        resultaat, dubbel = super().get_search_results(request, queryset, search_term)
        if search_term.strip():
            leesbaar = Q(payload__zichtbaarheid__isnull=True) | zichtbaar_voor_mijn_rol(
                "payload__zichtbaarheid"
            )
            in_toelichting = queryset.filter(leesbaar, toelichting__icontains=search_term)
            resultaat = resultaat | queryset.filter(pk__in=in_toelichting.values("pk"))
        return resultaat, dubbel

    @admin.display(description=_("toelichting"))
    def uitleg(self, obj: Gebeurtenis) -> str:
        return obj.toelichting if _mag_lezen(obj) else str(AFGESCHERMD)

    @admin.display(description=_("gegevens"))
    def gegevens(self, obj: Gebeurtenis) -> str:
        payload = (
            obj.payload
            if _mag_lezen(obj)
            else {"afgeschermd": True, "zichtbaarheid": zichtbaarheid_van(obj)}
        )
        return json.dumps(payload, ensure_ascii=False, sort_keys=True)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
