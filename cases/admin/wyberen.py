"""Wyber-stappen: a step with its options, consolidation and consents, all through the services.

The step's own fields are fixed once it is started. Everything else happens in inlines that
appear only in the phase that allows them (options while divergeren, decisions while
convergeren, the consolidation and consents while consolideren), and in two actions: to the
next phase, and reopening a settled step (see :mod:`.wyberacties`).
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.forms import BaseInlineFormSet, ModelForm
from django.http import HttpRequest
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cases import services
from cases.events import Actor
from cases.models import Consolidatie, Fase, Instemming, Optie, WyberStap

from ._basis import TABULAR, AlleenLezenInline, NieuwInline
from ._toegang import BestuursprocesFilter, mag_schrijven
from .forms_wyberen import (
    InstemmingForm,
    NieuweConsolidatieForm,
    NieuweOptieForm,
    OptieBesluitForm,
    StapForm,
    WyberStapForm,
    met_prefix,
    velden,
)
from .partijen import PerProcesAdmin
from .wyberacties import WyberActies


def inbrenger(optie: Optie) -> str:
    return str(optie.speler or optie.opdrachtgever or gettext("de procesregisseur"))


def partij(instemming: Instemming) -> str:
    return str(instemming.speler or instemming.opdrachtgever)


# --- inlines ----------------------------------------------------------------------------------


class OptiesInline(AlleenLezenInline):
    model = Optie
    formset = met_prefix("opties")
    verbose_name_plural = _("opties")
    fields = readonly_fields = (
        "titel",
        "omschrijving",
        "ingebracht_door",
        "status",
        "reden",
        "samengevoegd_in",
        "ingebracht_op",
    )
    mee_laden = ("speler", "opdrachtgever", "samengevoegd_in")

    @admin.display(description=_("ingebracht door"))
    def ingebracht_door(self, optie: Optie) -> str:
        return inbrenger(optie)


def op_de_pagina(request: HttpRequest, inline: Any, standaard: bool) -> bool:
    """Whether the page shows the inline: ``standaard`` (the step's state) when showing it;
    when saving it, whether the saved page showed it (its forms are posted).

    A page may be saved after the step moved on in another tab. Its posted forms are then
    still read, and the service refuses them with its reason; and no inline the page did not
    show is expected in the post.
    """
    if request.method == "POST":
        return f"{inline.formset.get_default_prefix()}-TOTAL_FORMS" in request.POST
    return standaard


def heeft_consolidatie(stap: Any) -> bool:
    return stap is None or hasattr(stap, "consolidatie")


class InFase:
    """An inline that only the writers of the case see, and only in one phase of the step."""

    fase: Fase

    def nodig(self, stap: WyberStap) -> bool:
        """Whether the step, in this inline's phase, still needs the inline."""
        return True

    def in_fase(self, request: HttpRequest, stap: Any) -> bool:
        if stap is None or not mag_schrijven(request, stap):
            return False
        return op_de_pagina(request, self, stap.fase == self.fase and self.nodig(stap))


class NieuweOptieInline(InFase, NieuwInline):
    model = Optie
    form = NieuweOptieForm
    verbose_name = _("nieuwe optie")
    verbose_name_plural = _("optie inbrengen")
    formset = met_prefix("nieuwe_optie")
    fase = Fase.DIVERGEREN

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.in_fase(request, obj)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return obj is None or self.in_fase(request, obj)


class OptieBesluitInline(InFase, admin.TabularInline[Optie, WyberStap]):
    """One form per open option: gekozen, verworpen (with a reason) or samengevoegd."""

    model = Optie
    template = TABULAR
    form = OptieBesluitForm
    verbose_name = _("besluit over een optie")
    verbose_name_plural = _("besluiten over de open opties")
    fields = ("titel", "status", "reden", "samengevoegd_in")
    readonly_fields = ("titel",)
    extra = 0
    can_delete = False
    formset = met_prefix("besluiten")
    fase = Fase.CONVERGEREN

    def get_queryset(self, request: HttpRequest) -> QuerySet[Optie]:
        return super().get_queryset(request).filter(status=Optie.Status.OPEN)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    # Without a step Django asks only to scope the queryset; the step decides the rest.
    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return obj is None or self.in_fase(request, obj)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return obj is None or self.in_fase(request, obj)


class ConsolidatieInline(AlleenLezenInline):
    model = Consolidatie
    formset = met_prefix("consolidatie")
    verbose_name_plural = _("consolidatie")
    fields = readonly_fields = (
        "uitkomst",
        "tekst",
        "document_titel",
        "document_url",
        "tijdstip",
        "door",
    )
    mee_laden = ("door",)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return super().has_view_permission(request, obj) and (
            obj is None or op_de_pagina(request, self, heeft_consolidatie(obj))
        )


class NieuweConsolidatieInline(InFase, NieuwInline):
    model = Consolidatie
    form = NieuweConsolidatieForm
    verbose_name = _("consolidatie")
    verbose_name_plural = _("consolidatie vastleggen")
    formset = met_prefix("nieuwe_consolidatie")
    fase = Fase.CONSOLIDEREN

    def nodig(self, stap: WyberStap) -> bool:
        return not hasattr(stap, "consolidatie")

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.in_fase(request, obj)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return obj is None or self.in_fase(request, obj)


class InstemmingenInline(InFase, admin.TabularInline[Instemming, WyberStap]):
    """The parties that must consent; writers record their answers while consolideren."""

    model = Instemming
    template = TABULAR
    form = InstemmingForm
    fields = (
        "partij",
        "status",
        "voorbehoud",
        "formeel_besloten",
        "besloten_op",
        "besluitreferentie",
    )
    readonly_fields = ("partij",)
    extra = 0
    can_delete = False
    formset = met_prefix("instemmingen")
    fase = Fase.CONSOLIDEREN

    def get_queryset(self, request: HttpRequest) -> QuerySet[Instemming]:
        return super().get_queryset(request).select_related("speler", "opdrachtgever")

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # The parties that must consent come with the consolidation.
        return super().has_view_permission(request, obj) and (
            obj is None or op_de_pagina(request, self, heeft_consolidatie(obj))
        )

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return obj is not None and self.in_fase(request, obj)

    @admin.display(description=_("partij"))
    def partij(self, instemming: Instemming) -> str:
        return partij(instemming)


# --- the step ---------------------------------------------------------------------------------


@admin.register(WyberStap)
class WyberStapAdmin(WyberActies, PerProcesAdmin[WyberStap]):
    form = WyberStapForm
    list_display = ["volgnummer", "bestuursproces", "doel", "stadium", "fase"]
    list_display_links = ["volgnummer", "doel"]
    list_filter = ["fase", "stadium", BestuursprocesFilter]
    search_fields = ["doel"]
    inlines = [
        OptiesInline,
        NieuweOptieInline,
        OptieBesluitInline,
        ConsolidatieInline,
        NieuweConsolidatieInline,
        InstemmingenInline,
    ]
    fieldsets_stap = [
        (None, {"fields": ["bestuursproces", "volgnummer", "doel", "stadium", "fase"]}),
        (
            _("Verloop"),
            {"fields": ["gestart_op", "convergeren_op", "consolideren_op", "geconsolideerd_op"]},
        ),
        (_("Heropening"), {"fields": ["heropent", "heropeningsreden"]}),
    ]

    def get_fieldsets(self, request: HttpRequest, obj: Any = None) -> Any:
        return (
            self.fieldsets_stap
            if obj is not None
            else [(None, {"fields": WyberStapForm.Meta.fields})]
        )

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        # Started is fixed: a step changes only through its inlines and actions.
        return [] if obj is None else [v for _n, o in self.fieldsets_stap for v in o["fields"]]

    def get_inline_instances(self, request: HttpRequest, obj: Any = None) -> list[Any]:
        return super().get_inline_instances(request, obj) if obj is not None else []

    def get_formset_kwargs(
        self, request: HttpRequest, obj: Any, inline: Any, prefix: str
    ) -> dict[str, Any]:
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        if issubclass(inline.form, StapForm):
            kwargs["form_kwargs"] = {"stap": obj}
        return kwargs

    # --- writes -------------------------------------------------------------------------

    def bewaar(self, actor: Actor, form: ModelForm[Any], change: bool) -> WyberStap:
        if change:
            return form.instance  # nothing of the step itself changes after its start
        data = form.cleaned_data
        return services.start_wyberstap(
            actor=actor, bestuursproces=data["bestuursproces"], doel=data["doel"]
        )

    def _bewaar_formset(
        self, actor: Actor, obj: WyberStap, formset: BaseInlineFormSet[Any, Any, Any]
    ) -> None:
        if issubclass(formset.form, InstemmingForm):
            formset.forms.sort(key=lambda subform: subform.volgorde())
        super()._bewaar_formset(actor, obj, formset)

    def bewaar_subform(self, actor: Actor, stap: WyberStap, subform: ModelForm[Any]) -> None:
        data = subform.cleaned_data
        if isinstance(subform, NieuweOptieForm):
            services.breng_optie_in(actor=actor, stap=stap, **velden(subform, NieuweOptieForm))
        elif isinstance(subform, OptieBesluitForm):
            services.besluit_over_optie(
                actor=actor, optie=subform.instance, **velden(subform, OptieBesluitForm)
            )
        elif isinstance(subform, NieuweConsolidatieForm):
            services.consolideer(
                actor=actor,
                stap=stap,
                uitkomst=data["uitkomst"],
                tekst=data["tekst"],
                document_titel=data["document_titel"],
                document_url=data["document_url"],
                instemmers=subform.gekozen_instemmers(),
            )
        elif isinstance(subform, InstemmingForm):
            services.leg_instemming_vast(
                actor=actor, instemming=subform.instance, **velden(subform, InstemmingForm)
            )
