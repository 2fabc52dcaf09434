"""Actions on wyber-stappen, from the list and from a step's page: to the next phase, and
reopening a settled step ("opnieuw ter discussie stellen"). Both cannot be undone, so both
first ask on an intermediate page: the reason (a toelichting) and, for a phase move, when it
happened. A phase move the service would refuse is refused before that page, with the
service's own reason (a trial run that is rolled back).

Each action first checks that the user writes in the case of every selected step; one refusal
refuses the whole action with a message. The services then change every step in one
transaction, so either all selected steps change or none do. The buttons on a step's page post
to the same actions, with a flag that brings the user back to the (new) step.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cases import services
from cases.events import Actor
from cases.exceptions import DomainError, OngeldigeInvoer
from cases.models import Consolidatie, Fase, Instemming, Opdrachtgever, Speler, WyberStap

from ._objectacties import BEVESTIGD, ObjectActies
from ._toegang import mag_schrijven
from ._weigering import proef
from .forms_wyberen import HeropenForm, InstemmersForm, VolgendeFaseForm

FASEN = list(Fase)
VANAF_OBJECT = "_vanaf_stap"  # posted by the buttons on a step's page: return there
TEMPLATE_HEROPENEN = "admin/cases/wyberstap_heropenen.html"
TEMPLATE_INSTEMMERS = "admin/cases/wyberstap_instemmers.html"
TEMPLATE_VOLGENDE_FASE = "admin/cases/wyberstap_volgende_fase.html"


def volgende_fase(stap: WyberStap) -> str:
    # A settled step has no next phase; asking for divergeren lets the service refuse it
    # with its own explanation (reopen it instead).
    return FASEN[(FASEN.index(Fase(stap.fase)) + 1) % len(FASEN)]


def _partij_van(instemming: Instemming) -> Speler | Opdrachtgever:
    partij = instemming.speler or instemming.opdrachtgever
    assert partij is not None  # a database constraint: exactly one of the two
    return partij


def stap_naam(stap: WyberStap) -> str:
    return gettext("stap %(volgnummer)s van %(proces)s") % {
        "volgnummer": stap.volgnummer,
        "proces": stap.bestuursproces.titel,
    }


class WyberActies(ObjectActies):
    """To the next phase and reopening, from the list and from a step's page."""

    # Typed Any: DienstAdmin declares `actions = None`, which mypy takes as its only type.
    actions: Any = ["naar_volgende_fase", "instemmers_wijzigen", "heropenen"]
    vanaf_object = VANAF_OBJECT

    def objectactie(self, obj: WyberStap) -> tuple[str, Any] | None:
        if obj.fase in (Fase.DIVERGEREN, Fase.CONVERGEREN):
            return "naar_volgende_fase", _("Naar de volgende fase…")
        if obj.fase == Fase.GECONSOLIDEERD:
            return "heropenen", _("Heropenen…")
        if obj.fase == Fase.CONSOLIDEREN and Consolidatie.objects.filter(stap=obj).exists():
            return "instemmers_wijzigen", _("Instemmers wijzigen…")
        return None

    # --- the actions ------------------------------------------------------------------------

    def _stappen(self, request: HttpRequest, queryset: QuerySet[WyberStap]) -> list[WyberStap]:
        """The selection in a fixed order (so concurrent actions lock cases alike); none, with
        a message, when the user may not change one of them."""
        stappen = list(
            queryset.select_related("bestuursproces").order_by("bestuursproces_id", "volgnummer")
        )
        zonder_recht = [stap for stap in stappen if not mag_schrijven(request, stap)]
        if zonder_recht:
            self.weiger(
                request,
                gettext("U mag deze stappen niet wijzigen: %(stappen)s.")
                % {"stappen": ", ".join(stap_naam(s) for s in zonder_recht)},
            )
            return []
        return stappen

    def weiger(self, request: HttpRequest, reden: str) -> None:
        self.message_user(
            request, gettext("Er is niets gewijzigd: %(reden)s") % {"reden": reden}, messages.ERROR
        )

    def terug(self, request: HttpRequest, stap: WyberStap | None) -> HttpResponse | None:
        """From a step's page, back to that page (or the new step's); else back to the list."""
        if stap is None or not request.POST.get(VANAF_OBJECT):
            return None
        return HttpResponseRedirect(reverse("admin:cases_wyberstap_change", args=[stap.pk]))

    @admin.action(description=_("Naar de volgende fase…"), permissions=["schrijven"])
    def naar_volgende_fase(
        self, request: HttpRequest, queryset: QuerySet[WyberStap]
    ) -> HttpResponse | None:
        """Ask for the toelichting and the moment, then move every selected step on."""
        stappen = self._stappen(request, queryset)
        if not stappen:
            return None
        actor = Actor.uit_request(request)

        def verder(toelichting: str = "", tijdstip: Any = None) -> list[WyberStap]:
            # One transaction: either every selected step moves on or none does.
            with transaction.atomic():
                return [
                    services.wijzig_fase(
                        actor=actor,
                        stap=stap,
                        naar=volgende_fase(stap),
                        toelichting=toelichting,
                        tijdstip=tijdstip,
                    )
                    for stap in stappen
                ]

        form = VolgendeFaseForm(request.POST if request.POST.get(BEVESTIGD) else None)
        if not form.is_bound:
            try:
                proef(verder)
            except DomainError as fout:
                self.weiger(request, fout.detail)
                return self.terug(request, stappen[0] if len(stappen) == 1 else None)
        elif form.is_valid():
            try:
                gewijzigd = verder(form.cleaned_data["toelichting"], form.cleaned_data["tijdstip"])
            except OngeldigeInvoer as fout:
                for veld, items in fout.fouten.items():
                    for _code, reden in items:
                        form.add_error(veld if veld in form.fields else None, reden)
            except DomainError as fout:
                form.add_error(fout.veld if fout.veld in form.fields else None, fout.detail)
            else:
                self._fase_gewijzigd(request, stappen, gewijzigd)
                return self.terug(request, stappen[0] if len(stappen) == 1 else None)
        return self.tussenpagina(
            request,
            TEMPLATE_VOLGENDE_FASE,
            titel=gettext("Naar de volgende fase"),
            actienaam="naar_volgende_fase",
            form=form,
            stappen=[(stap, Fase(volgende_fase(stap)).label) for stap in stappen],
            vanaf_stap=request.POST.get(VANAF_OBJECT, ""),
        )

    def _fase_gewijzigd(
        self, request: HttpRequest, stappen: list[WyberStap], gewijzigd: list[WyberStap]
    ) -> None:
        for oud, stap in zip(stappen, gewijzigd, strict=True):
            self.message_user(
                request,
                gettext("Stap %(volgnummer)s van %(proces)s is nu in de fase %(fase)s.")
                % {
                    "volgnummer": stap.volgnummer,
                    "proces": oud.bestuursproces.titel,
                    "fase": Fase(stap.fase).label.lower(),
                },
                messages.SUCCESS,
            )

    @admin.action(description=_("Heropenen…"), permissions=["schrijven"])
    def heropenen(self, request: HttpRequest, queryset: QuerySet[WyberStap]) -> HttpResponse | None:
        stappen = self._stappen(request, queryset)
        if not stappen:
            return None
        open_ = [s for s in stappen if s.fase != Fase.GECONSOLIDEERD]
        if open_:
            self.weiger(
                request,
                gettext(
                    "alleen een geconsolideerde stap kan opnieuw ter discussie; dat is "
                    "niet zo voor: %(stappen)s."
                )
                % {"stappen": ", ".join(stap_naam(s) for s in open_)},
            )
            return self.terug(request, stappen[0] if len(stappen) == 1 else None)
        form = HeropenForm(
            request.POST if request.POST.get(BEVESTIGD) else None, met_doel=len(stappen) == 1
        )
        if form.is_valid():
            actor = Actor.uit_request(request)
            try:
                with transaction.atomic():
                    nieuw = [
                        services.heropen_wyberstap(
                            actor=actor,
                            stap=stap,
                            reden=form.cleaned_data["reden"],
                            doel=form.cleaned_data.get("doel") or None,
                        )
                        for stap in stappen
                    ]
            except DomainError as fout:
                self.weiger(request, fout.detail)
                return None
            self.message_user(
                request,
                gettext("Opnieuw ter discussie in: %(stappen)s.")
                % {"stappen": ", ".join(stap_naam(s) for s in nieuw)},
                messages.SUCCESS,
            )
            return self.terug(request, nieuw[0] if len(nieuw) == 1 else None)
        return self.tussenpagina(
            request,
            TEMPLATE_HEROPENEN,
            titel=gettext("Stappen opnieuw ter discussie stellen"),
            actienaam="heropenen",
            form=form,
            stappen=stappen,
            vanaf_stap=request.POST.get(VANAF_OBJECT, ""),
        )

    @admin.action(description=_("Instemmers wijzigen…"), permissions=["schrijven"])
    def instemmers_wijzigen(
        self, request: HttpRequest, queryset: QuerySet[WyberStap]
    ) -> HttpResponse | None:
        """Who must consent to one step's consolidation, with a reason (per step: the parties
        differ)."""
        stappen = self._stappen(request, queryset)
        if not stappen:
            return None
        if len(stappen) != 1:
            self.weiger(request, gettext("kies één stap; wie moet instemmen verschilt per stap."))
            return None
        stap = stappen[0]
        form = InstemmersForm(request.POST if request.POST.get(BEVESTIGD) else None, stap=stap)
        if form.is_valid():
            gegevens = form.cleaned_data
            try:
                services.wijzig_instemmers(
                    actor=Actor.uit_request(request),
                    stap=stap,
                    reden=gegevens["reden"],
                    toevoegen=[*gegevens["spelers"], *gegevens["opdrachtgevers"]],
                    verwijderen=[_partij_van(i) for i in gegevens["verwijderen"]],
                )
            except DomainError as fout:
                self.weiger(request, fout.detail)
                return self.terug(request, stap)
            self.message_user(
                request,
                gettext("Wie moet instemmen in %(stap)s is gewijzigd.") % {"stap": stap_naam(stap)},
                messages.SUCCESS,
            )
            return self.terug(request, stap)
        return self.tussenpagina(
            request,
            TEMPLATE_INSTEMMERS,
            titel=gettext("Wie moet instemmen"),
            actienaam="instemmers_wijzigen",
            form=form,
            stap=stap,
            instemmingen=Instemming.objects.filter(stap=stap).select_related(
                "speler", "opdrachtgever"
            ),
            vanaf_stap=request.POST.get(VANAF_OBJECT, ""),
        )
