"""Interventies per case, as the user's role may see them, all writes through the services.

Adding logs an interventie (planned, or already done); changing corrects it. Carrying it out
and evaluating it are actions (from the list and as buttons on its page) that ask for what was
done, or for the effect, on an intermediate page (see :mod:`.interventieacties`). Reflecties
are listed read-only, at the levels the viewer may read; the procesregisseur and the
interventie's author add one below.
"""

from __future__ import annotations

from typing import Any, cast

from django.contrib import admin
from django.db.models import QuerySet
from django.forms import BaseForm, ChoiceField, ModelForm
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from cases import services
from cases.events import Actor
from cases.models import Interventie, InterventieStatus, Reflectie, Rol, Zichtbaarheid
from cases.models.interventies import INTERVENTIEVELD_KEUZES

from ._basis import NieuwZichtbaarInline, ZichtbaarInline
from ._toegang import (
    BestuursprocesFilter,
    mijn_rol,
    zichtbaar_voor_mijn_rol,
)
from .forms_interventies import FORMVELD, RELATIES, InterventieForm, NieuweReflectieForm
from .interventieacties import InterventieActies
from .partijen import PerProcesAdmin

S = InterventieStatus
KIEZEN = [
    "titel",
    "datum",
    "gekozen_velden",
    "niveau",
    "aangrijpingspunt",
    "zwaarte",
    "strategie",
    "instrument",
    "betrokken_spelers",
    "betrokken_opdrachtgevers",
    "wyberstap",
    "beoogd_effect",
    "waarom",
]
DOEN = ["wat_gedaan", "uitgevoerd_op"]
LEREN_EN_BETER = ["waargenomen_effect", "uitgepakt", "vervolg", "geevalueerd_op"]
VASTGELEGD = ["bestuursproces", "status", "zichtbaarheid", "auteur", "vastgelegd_op"]


class VeldFilter(admin.SimpleListFilter):
    title = _("veld")
    parameter_name = "veld"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, Any]]:
        return list(INTERVENTIEVELD_KEUZES)

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        return queryset.filter(velden__veld=self.value()) if self.value() else queryset


def mag_reflecteren(request: HttpRequest, interventie: Any) -> bool:
    """The procesregisseur, and the author of the interventie (see services.reflecties)."""
    if interventie is None or interventie.pk is None:
        return False
    rol = mijn_rol(request, interventie)
    return rol == Rol.PROCESREGISSEUR or (
        rol in Rol.schrijvend() and interventie.auteur_id == request.user.pk
    )


class ReflectiesInline(ZichtbaarInline):
    model = Reflectie
    verbose_name_plural = _("reflecties")
    fields = readonly_fields = ("vastgelegd_op", "auteur", "zichtbaarheid", "tekst")
    mee_laden = ("auteur",)
    ordering = ["vastgelegd_op", "uuid"]


class NieuweReflectieInline(NieuwZichtbaarInline):
    model = Reflectie
    form = NieuweReflectieForm
    verbose_name = _("nieuwe reflectie")
    verbose_name_plural = _("reflectie vastleggen")
    standaard_zichtbaarheid = None  # personal: the most closed level first

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return mag_reflecteren(request, obj)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return obj is None or mag_reflecteren(request, obj)

    def get_formset(self, request: HttpRequest, obj: Any = None, **kwargs: Any) -> Any:
        formset = super().get_formset(request, obj, **kwargs)
        if obj is not None:
            # Never more visible than the interventie it is about.
            vanaf = Zichtbaarheid(obj.zichtbaarheid).rang
            veld = cast(ChoiceField, formset.form.base_fields["zichtbaarheid"])
            eigen = cast(list[tuple[str, Any]], veld.choices)
            veld.choices = [(w, label) for w, label in eigen if Zichtbaarheid(w).rang >= vanaf]
        return formset


@admin.register(Interventie)
class InterventieAdmin(InterventieActies, PerProcesAdmin[Interventie]):
    form = InterventieForm
    list_display = ["titel", "bestuursproces", "datum", "status", "niveau", "zwaarte"]
    list_filter = [
        BestuursprocesFilter,
        "status",
        VeldFilter,
        "niveau",
        "zwaarte",
        "strategie",
        "uitgepakt",
        "zichtbaarheid",
    ]
    list_select_related = ["bestuursproces"]
    search_fields = ["titel"]
    date_hierarchy = "datum"
    ordering = ["-datum", "-vastgelegd_op"]
    inlines = [ReflectiesInline, NieuweReflectieInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Interventie]:
        # Only the interventies at a level the user's role in their case may read.
        return super().get_queryset(request).filter(zichtbaar_voor_mijn_rol())

    def get_inline_instances(self, request: HttpRequest, obj: Any = None) -> list[Any]:
        # Reflecties come once the interventie is logged.
        return super().get_inline_instances(request, obj) if obj is not None else []

    def get_fieldsets(self, request: HttpRequest, obj: Any = None) -> Any:
        if obj is None:
            return [
                (None, {"fields": ["bestuursproces", "zichtbaarheid"]}),
                (_("Kiezen"), {"fields": KIEZEN}),
                (_("Al uitgevoerd?"), {"fields": ["status", *DOEN]}),
            ]
        fieldsets: list[Any] = [(None, {"fields": VASTGELEGD}), (_("Kiezen"), {"fields": KIEZEN})]
        if obj.status != S.GEPLAND:
            fieldsets.append((_("Doen"), {"fields": DOEN}))
        if obj.status == S.GEEVALUEERD:
            fieldsets.append((_("Leren en beter"), {"fields": LEREN_EN_BETER}))
        return fieldsets

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        # The case, the status and the level are fixed once logged (status moves by actions).
        return [] if obj is None else VASTGELEGD

    def get_form(
        self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any
    ) -> Any:
        form = super().get_form(request, obj, change, **kwargs)
        # The form checks the chosen level against the user's role in the chosen case.
        return type(form.__name__, (form,), {"gebruiker": request.user})

    # --- display for members who only read ---------------------------------------------------

    @admin.display(description=_("velden"))
    def gekozen_velden(self, obj: Interventie) -> str:
        return ", ".join(v.get_veld_display() for v in obj.velden.all())

    @admin.display(description=_("spelers"))
    def betrokken_spelers(self, obj: Interventie) -> str:
        return ", ".join(str(s) for s in obj.spelers.all())

    @admin.display(description=_("opdrachtgevers"))
    def betrokken_opdrachtgevers(self, obj: Interventie) -> str:
        return ", ".join(str(o) for o in obj.opdrachtgevers.all())

    # --- writes -------------------------------------------------------------------------------

    def dienstveld(self, form: BaseForm, veld: str) -> str:
        # The services' velden, spelers, opdrachtgevers are the form's gekozen_velden, ...
        return FORMVELD.get(veld, veld) if isinstance(form, InterventieForm) else veld

    def bewaar(self, actor: Actor, form: ModelForm[Any], change: bool) -> Interventie:
        waarden = cast(InterventieForm, form).dienstwaarden()
        if change:
            gewijzigd = {RELATIES.get(v, v) for v in form.changed_data}
            return services.wijzig_interventie(
                actor=actor,
                interventie=form.instance,
                wijzigingen={k: v for k, v in waarden.items() if k in gewijzigd},
            )
        return services.log_interventie(actor=actor, **waarden)

    def bewaar_subform(self, actor: Actor, obj: Interventie, subform: ModelForm[Any]) -> None:
        data = subform.cleaned_data
        services.leg_reflectie_vast(
            actor=actor, interventie=obj, tekst=data["tekst"], zichtbaarheid=data["zichtbaarheid"]
        )
