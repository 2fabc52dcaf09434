"""Changelist actions that change the betrokkenheid of several spelers or opdrachtgevers at once.

Each action first checks every selected party: the user must write in its case, the case must be
open, and the party's current betrokkenheid must allow the action. One refusal refuses the whole
action, with a message naming the parties, and no page. Otherwise an intermediate page lists the
parties and asks for the reason; on confirm the service changes every party in one transaction,
so either all selected parties change or none do.

The page re-posts the selected ids, the action's name and a confirm flag, as Django's
``delete_selected`` does.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.utils import model_ngettext
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cases import services
from cases.events import Actor
from cases.exceptions import DomainError
from cases.models import Betrokkenheid, BetrokkenheidsActie, Opdrachtgever, Speler, Status
from cases.services.partijen import ACTIES, controleer_betrokkenheidsactie

from ._toegang import mag_schrijven, schrijfbare_processen

BEVESTIGD = "bevestigd"  # the confirm flag the intermediate page posts
TEMPLATE = "admin/cases/betrokkenheid_wijzigen.html"

Partij = Speler | Opdrachtgever


class RedenForm(forms.Form):
    reden = forms.CharField(
        label=_("Reden"),
        widget=forms.Textarea(attrs={"rows": 4, "cols": 60}),
        help_text=_(
            "Waarom verandert de betrokkenheid? De reden komt bij elke gekozen partij in het "
            "verloop van de betrokkenheid en in de gebeurtenissen."
        ),
        error_messages={"required": _("Geef de reden van deze wijziging.")},
    )


def _namen(partijen: list[Partij]) -> str:
    return ", ".join(partij.naam for partij in partijen)


def weigering(request: HttpRequest, partijen: list[Partij], actie: str) -> str | None:
    """Why the action cannot be taken for all ``partijen``, naming them; None if it can."""
    zonder_recht: list[Partij] = []
    afgerond: list[Partij] = []
    ongeldig: list[Partij] = []
    for partij in partijen:
        if not mag_schrijven(request, partij):
            zonder_recht.append(partij)
        elif partij.bestuursproces.status == Status.AFGEROND:
            afgerond.append(partij)
        else:
            try:
                controleer_betrokkenheidsactie(partij.betrokkenheid, actie)
            except DomainError:
                ongeldig.append(partij)
    redenen = []
    if zonder_recht:
        redenen.append(
            gettext("U mag de betrokkenheid niet wijzigen van: %(partijen)s.")
            % {"partijen": _namen(zonder_recht)}
        )
    if afgerond:
        redenen.append(
            gettext("Het bestuursproces is afgerond voor: %(partijen)s.")
            % {"partijen": _namen(afgerond)}
        )
    if ongeldig:
        vanaf = ACTIES[actie][1]
        redenen.append(
            gettext("%(actie)s kan alleen vanuit: %(vanaf)s. Dat geldt niet voor: %(partijen)s.")
            % {
                "actie": BetrokkenheidsActie(actie).label,
                "vanaf": ", ".join(
                    str(label).lower() for waarde, label in Betrokkenheid.choices if waarde in vanaf
                ),
                "partijen": ", ".join(
                    f"{partij.naam} ({partij.get_betrokkenheid_display().lower()})"
                    for partij in ongeldig
                ),
            }
        )
    if not redenen:
        return None
    return " ".join([*redenen, gettext("Er is niets gewijzigd.")])


def wijzig_betrokkenheid(
    modeladmin: admin.ModelAdmin[Any],
    request: HttpRequest,
    queryset: QuerySet[Any],
    actie: str,
) -> TemplateResponse | None:
    """The body of every betrokkenheid action: refuse, ask for the reason, or change all."""
    # Cases in a fixed order, so that concurrent actions lock them in the same order.
    partijen: list[Partij] = list(
        queryset.select_related("bestuursproces").order_by("bestuursproces_id", "naam", "pk")
    )
    if (bezwaar := weigering(request, partijen, actie)) is not None:
        modeladmin.message_user(request, bezwaar, messages.ERROR)
        return None

    form = RedenForm(request.POST if request.POST.get(BEVESTIGD) else None)
    if form.is_valid():
        actor = Actor.uit_request(request)
        try:
            with transaction.atomic():
                for partij in partijen:
                    services.wijzig_betrokkenheid(
                        actor=actor, partij=partij, actie=actie, reden=form.cleaned_data["reden"]
                    )
        except DomainError as fout:
            # Something changed since the check; the transaction rolled back every party.
            modeladmin.message_user(
                request,
                gettext("Er is niets gewijzigd: %(reden)s") % {"reden": fout.detail},
                messages.ERROR,
            )
            return None
        modeladmin.message_user(
            request,
            gettext("De betrokkenheid van %(aantal)d %(partijen)s is gewijzigd (%(actie)s).")
            % {
                "aantal": len(partijen),
                "partijen": model_ngettext(modeladmin.opts, len(partijen)),
                "actie": str(BetrokkenheidsActie(actie).label).lower(),
            },
            messages.SUCCESS,
        )
        return None

    opts = modeladmin.opts
    actie_label = BetrokkenheidsActie(actie).label
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": gettext("Betrokkenheid wijzigen: %(actie)s") % {"actie": actie_label},
        "subtitle": None,
        "opts": opts,
        "media": modeladmin.media,
        "partijen": partijen,
        "partijen_naam": model_ngettext(opts, len(partijen)),
        "actie_label": actie_label,
        "naar_label": Betrokkenheid(ACTIES[actie][0]).label,
        "form": form,
        "actienaam": actienaam(actie),
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        "bevestigd": BEVESTIGD,
        "terug_url": request.get_full_path(),
    }
    request.current_app = modeladmin.admin_site.name
    return TemplateResponse(request, TEMPLATE, context)


def actienaam(actie: str) -> str:
    return f"betrokkenheid_{actie}"


class BetrokkenheidActies(admin.ModelAdmin[Any]):
    """Aansluiten, aanhaken, afwachten and afhaken from the changelist, for writers only.

    Users who write in none of their cases see none of these actions; ``delete_selected`` stays
    absent, as nothing here is deleted.
    """

    # Typed Any: DienstAdmin declares `actions = None`, which mypy takes as its only type.
    actions: Any = [actienaam(actie) for actie in ACTIES]

    def has_betrokkenheid_permission(self, request: HttpRequest) -> bool:
        if not self.has_change_permission(request):
            return False
        schrijver = getattr(request, "_betrokkenheid_schrijver", None)
        if schrijver is None:  # asked several times per page: one query
            schrijver = schrijfbare_processen(request).exists()
            setattr(request, "_betrokkenheid_schrijver", schrijver)  # noqa: B010
        return bool(schrijver)

    def get_actions(self, request: HttpRequest) -> Any:
        acties = super().get_actions(request)
        acties.pop("delete_selected", None)
        return acties

    @admin.action(description=_("Aansluiten…"), permissions=["betrokkenheid"])
    def betrokkenheid_aansluiten(
        self, request: HttpRequest, queryset: QuerySet[Any]
    ) -> TemplateResponse | None:
        return wijzig_betrokkenheid(self, request, queryset, BetrokkenheidsActie.AANSLUITEN)

    @admin.action(description=_("Aanhaken…"), permissions=["betrokkenheid"])
    def betrokkenheid_aanhaken(
        self, request: HttpRequest, queryset: QuerySet[Any]
    ) -> TemplateResponse | None:
        return wijzig_betrokkenheid(self, request, queryset, BetrokkenheidsActie.AANHAKEN)

    @admin.action(description=_("Afwachten…"), permissions=["betrokkenheid"])
    def betrokkenheid_afwachten(
        self, request: HttpRequest, queryset: QuerySet[Any]
    ) -> TemplateResponse | None:
        return wijzig_betrokkenheid(self, request, queryset, BetrokkenheidsActie.AFWACHTEN)

    @admin.action(description=_("Afhaken…"), permissions=["betrokkenheid"])
    def betrokkenheid_afhaken(
        self, request: HttpRequest, queryset: QuerySet[Any]
    ) -> TemplateResponse | None:
        return wijzig_betrokkenheid(self, request, queryset, BetrokkenheidsActie.AFHAKEN)
