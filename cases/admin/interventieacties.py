"""Carrying out and evaluating an interventie, from the list and as buttons on its page.

Each action works on one interventie (what was done and what it did differ per interventie):
it checks that the user writes in its case and that the status allows the step, then asks on
an intermediate page what was done (uitvoeren) or the effect, whether it worked out and what
comes next (evalueren). Input the service refuses shows as errors on that page; nothing is
written until it is accepted.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cases import services
from cases.events import Actor
from cases.exceptions import DomainError, OngeldigeInvoer
from cases.models import Interventie, InterventieStatus, Status
from cases.services.interventies import eis_status

from ._objectacties import BEVESTIGD, ObjectActies
from ._toegang import mag_schrijven
from .forms_interventies import EvaluerenForm, UitvoerenForm, zet_fouten

VANAF_OBJECT = "_vanaf_interventie"  # posted by the buttons on its page: return there
TEMPLATE = "admin/cases/interventie_stap.html"
S = InterventieStatus


@dataclass(frozen=True)
class Stap:
    naam: str  # the action's name
    vanaf: str  # the status the interventie must have
    wat: str  # for the service's refusal: "Uitvoeren kan alleen als ..."
    titel: Any
    knop: Any
    gelukt: Any
    form: type[forms.Form]
    dienst: Callable[..., Interventie]


UITVOEREN = Stap(
    "uitvoeren",
    S.GEPLAND,
    "Uitvoeren",
    _("Interventie uitvoeren"),
    _("Leg de uitvoering vast"),
    _("%(titel)s is uitgevoerd."),
    UitvoerenForm,
    services.voer_interventie_uit,
)
EVALUEREN = Stap(
    "evalueren",
    S.UITGEVOERD,
    "Evalueren",
    _("Interventie evalueren"),
    _("Leg de evaluatie vast"),
    _("%(titel)s is geëvalueerd."),
    EvaluerenForm,
    services.evalueer_interventie,
)


class InterventieActies(ObjectActies):
    """Uitvoeren and evalueren, from the list and from an interventie's page."""

    # Typed Any: DienstAdmin declares `actions = None`, which mypy takes as its only type.
    actions: Any = ["uitvoeren", "evalueren"]
    vanaf_object = VANAF_OBJECT

    def objectactie(self, obj: Interventie) -> tuple[str, Any] | None:
        if obj.status == S.GEPLAND:
            return "uitvoeren", _("Uitvoeren…")
        if obj.status == S.UITGEVOERD:
            return "evalueren", _("Evalueren…")
        return None

    @admin.action(description=_("Uitvoeren…"), permissions=["schrijven"])
    def uitvoeren(self, request: HttpRequest, queryset: QuerySet[Interventie]) -> Any:
        return self._stap(request, queryset, UITVOEREN)

    @admin.action(description=_("Evalueren…"), permissions=["schrijven"])
    def evalueren(self, request: HttpRequest, queryset: QuerySet[Interventie]) -> Any:
        return self._stap(request, queryset, EVALUEREN)

    # --- the shared flow --------------------------------------------------------------------

    def weiger(self, request: HttpRequest, reden: str) -> None:
        self.message_user(
            request, gettext("Er is niets gewijzigd: %(reden)s") % {"reden": reden}, messages.ERROR
        )

    def terug(self, request: HttpRequest, interventie: Interventie) -> HttpResponse | None:
        """From the interventie's page back to it; else back to the list."""
        if not request.POST.get(VANAF_OBJECT):
            return None
        return HttpResponseRedirect(
            reverse("admin:cases_interventie_change", args=[interventie.pk])
        )

    def _te_kiezen(
        self, request: HttpRequest, queryset: QuerySet[Interventie], stap: Stap
    ) -> Interventie | None:
        """The one selected interventie, if this step may be taken on it; else a message."""
        gekozen = list(queryset.select_related("bestuursproces")[:2])
        if len(gekozen) != 1:
            self.weiger(
                request,
                gettext("kies één interventie; wat er gebeurde verschilt per interventie."),
            )
            return None
        interventie = gekozen[0]
        if not mag_schrijven(request, interventie):
            self.weiger(request, gettext("u mag deze interventie niet wijzigen."))
            return None
        if interventie.bestuursproces.status == Status.AFGEROND:
            self.weiger(request, gettext("het bestuursproces is afgerond."))
            return None
        try:
            eis_status(interventie, stap.vanaf, stap.wat)
        except DomainError as fout:
            self.weiger(request, fout.detail)
            return None
        return interventie

    def _stap(self, request: HttpRequest, queryset: QuerySet[Interventie], stap: Stap) -> Any:
        interventie = self._te_kiezen(request, queryset, stap)
        if interventie is None:
            return None
        form = stap.form(request.POST if request.POST.get(BEVESTIGD) else None)
        if form.is_valid():
            data = {k: v for k, v in form.cleaned_data.items() if v not in (None, "")}
            try:
                stap.dienst(actor=Actor.uit_request(request), interventie=interventie, **data)
            except OngeldigeInvoer as fout:
                zet_fouten(form, fout.fouten)
            except DomainError as fout:
                self.weiger(request, fout.detail)
                return self.terug(request, interventie)
            else:
                self.message_user(
                    request, stap.gelukt % {"titel": interventie.titel}, messages.SUCCESS
                )
                return self.terug(request, interventie)
        return self.tussenpagina(
            request,
            TEMPLATE,
            titel=stap.titel,
            actienaam=stap.naam,
            form=form,
            interventie=interventie,
            knop=stap.knop,
            vanaf_interventie=request.POST.get(VANAF_OBJECT, ""),
        )
