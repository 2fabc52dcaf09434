"""The register of parties: organisaties, spelers and opdrachtgevers, with their dated
assessments, betrokkenheid actions and notes, all through the services.

Assessments and notes carry a visibility level: the read-only inlines show only the levels the
viewer's role may read, and the add-only forms offer only those levels.
"""

from __future__ import annotations

from typing import Any, TypeVar, cast

from django.contrib import admin
from django.db.models import ForeignKey, Model, QuerySet
from django.forms import ModelForm
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from cases import services
from cases.events import Actor
from cases.models import (
    Betrokkenheidswijziging,
    Notitie,
    Opdrachtgever,
    OpdrachtgeverBeoordeling,
    Organisatie,
    Speler,
    SpelerBeoordeling,
)

from ._basis import (
    AlleenLezenInline,
    DienstAdmin,
    NieuwInline,
    NieuwZichtbaarInline,
    ZichtbaarInline,
    wijzigingen,
)
from ._toegang import BestuursprocesFilter, schrijfbare_processen, van_eigen_processen
from .betrokkenheid import BetrokkenheidActies
from .forms_partijen import (
    BetrokkenheidFormSet,
    NieuweBetrokkenheidForm,
    NieuweNotitieForm,
    NieuweOpdrachtgeverBeoordelingForm,
    NieuweSpelerBeoordelingForm,
    OpdrachtgeverForm,
    OrganisatieForm,
    OrganisatieKeuze,
    SpelerForm,
)

M = TypeVar("M", bound=Model)

# What every assessment records besides its own fields.
BEOORDELING_RECORD = ("stadium", "auteur", "zichtbaarheid", "toelichting")


class PerProcesAdmin(DienstAdmin[M]):
    """A register within a case: the user's own cases only, the case fixed once added."""

    list_select_related = ["bestuursproces"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[M]:
        return van_eigen_processen(super().get_queryset(request), request)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        eigen = list(super().get_readonly_fields(request, obj))
        return eigen if obj is None else ["bestuursproces", *eigen]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return super().has_add_permission(request) and schrijfbare_processen(request).exists()

    def formfield_for_foreignkey(
        self, db_field: ForeignKey[Any, Any], request: HttpRequest, **kwargs: Any
    ) -> Any:
        # Only cases the user may write in, and only organisaties of those cases; the form
        # narrows organisaties to the chosen case.
        if db_field.name == "bestuursproces":
            kwargs["queryset"] = schrijfbare_processen(request)
        elif db_field.name == "organisatie":
            kwargs["form_class"] = OrganisatieKeuze
            kwargs["queryset"] = Organisatie.objects.filter(
                bestuursproces__in=schrijfbare_processen(request).values("pk")
            ).select_related("bestuursproces")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_form(
        self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any
    ) -> Any:
        form = super().get_form(request, obj, change, **kwargs)
        organisatie = form.base_fields.get("organisatie")
        if obj is not None and organisatie is not None:
            veld = cast(OrganisatieKeuze, organisatie)
            veld.queryset = Organisatie.objects.filter(bestuursproces_id=obj.bestuursproces_id)
            veld.met_proces = False
        return form


@admin.register(Organisatie)
class OrganisatieAdmin(PerProcesAdmin[Organisatie]):
    form = OrganisatieForm
    list_display = ["naam", "bestuursproces", "soort", "eigen_gemeente"]
    list_filter = [BestuursprocesFilter, "soort", "eigen_gemeente"]
    search_fields = ["naam"]

    def bewaar(self, actor: Actor, form: ModelForm[Any], change: bool) -> Organisatie:
        if change:
            return services.wijzig_organisatie(
                actor=actor, organisatie=form.instance, wijzigingen=wijzigingen(form)
            )
        return services.registreer_organisatie(actor=actor, **form.cleaned_data)


# --- inlines shared by spelers and opdrachtgevers (each finds its own foreign key) ---------


class BetrokkenheidswijzigingenInline(AlleenLezenInline):
    model = Betrokkenheidswijziging
    formset = BetrokkenheidFormSet
    verbose_name_plural = _("verloop van de betrokkenheid")
    fields = readonly_fields = ("tijdstip", "actie", "van", "naar", "reden", "door")
    mee_laden = ("door",)
    ordering = ["-tijdstip", "-id"]


class NieuweBetrokkenheidInline(NieuwInline):
    model = Betrokkenheidswijziging
    form = NieuweBetrokkenheidForm
    formset = BetrokkenheidFormSet
    verbose_name = _("wijziging van betrokkenheid")
    verbose_name_plural = _("betrokkenheid wijzigen")


class NotitiesInline(ZichtbaarInline):
    model = Notitie
    fields = readonly_fields = ("tijdstip", "auteur", "zichtbaarheid", "tekst")
    mee_laden = ("auteur",)
    ordering = ["-tijdstip", "-id"]


class NieuweNotitieInline(NieuwZichtbaarInline):
    model = Notitie
    form = NieuweNotitieForm
    verbose_name = _("nieuwe notitie")
    verbose_name_plural = _("notitie maken")
    standaard_zichtbaarheid = None  # notes are often personal: the most closed level first


GEDEELDE_INLINES = [
    NieuweBetrokkenheidInline,
    BetrokkenheidswijzigingenInline,
    NieuweNotitieInline,
    NotitiesInline,
]

P = TypeVar("P", Speler, Opdrachtgever)


class PartijAdmin(BetrokkenheidActies, PerProcesAdmin[P]):
    """Spelers and opdrachtgevers: attributes by form, the rest through add-only inlines;
    betrokkenheid also for several at once, by changelist actions."""

    readonly_fields = ["betrokkenheid"]
    search_fields = ["naam", "organisatie__naam"]

    def get_inline_instances(self, request: HttpRequest, obj: Any = None) -> list[Any]:
        # Assessments, actions and notes come once the party is registered.
        return super().get_inline_instances(request, obj) if obj is not None else []

    def bewaar_subform(self, actor: Actor, partij: P, subform: ModelForm[Any]) -> None:
        data = subform.cleaned_data
        if isinstance(subform, NieuweBetrokkenheidForm):
            services.wijzig_betrokkenheid(
                actor=actor, partij=partij, actie=data["actie"], reden=data["reden"]
            )
        elif isinstance(subform, NieuweNotitieForm):
            services.maak_notitie(
                actor=actor,
                bestuursproces=partij.bestuursproces,
                tekst=data["tekst"],
                zichtbaarheid=data["zichtbaarheid"],
                speler=partij if isinstance(partij, Speler) else None,
                opdrachtgever=partij if isinstance(partij, Opdrachtgever) else None,
            )
        else:
            self.beoordeel(actor, partij, data)

    def beoordeel(self, actor: Actor, partij: P, data: dict[str, Any]) -> None:
        """Record a dated assessment of the party from the assessment form's data."""
        raise NotImplementedError


# --- spelers ---------------------------------------------------------------------------------


class SpelerBeoordelingenInline(ZichtbaarInline):
    model = SpelerBeoordeling
    verbose_name_plural = _("beoordelingen")
    fields = readonly_fields = (
        "tijdstip",
        "standpunt",
        "macht",
        "unieke_macht",
        "invloed",
        "vertrouwen",
        *BEOORDELING_RECORD,
    )
    mee_laden = ("auteur", "speler")
    ordering = ["-tijdstip", "-id"]


class NieuweSpelerBeoordelingInline(NieuwZichtbaarInline):
    model = SpelerBeoordeling
    form = NieuweSpelerBeoordelingForm
    verbose_name = _("nieuwe beoordeling")
    verbose_name_plural = _("nieuwe beoordeling")


@admin.register(Speler)
class SpelerAdmin(PartijAdmin[Speler]):
    form = SpelerForm
    list_display = ["naam", "bestuursproces", "veld", "rol_in_proces", "betrokkenheid"]
    list_filter = [BestuursprocesFilter, "veld", "rol_in_proces", "betrokkenheid"]
    search_fields = ["naam", "organisatie__naam", "belang", "waarden"]
    fieldsets = [
        (None, {"fields": ["bestuursproces", "naam", "soort", "organisatie"]}),
        (_("In het proces"), {"fields": ["veld", "rol_in_proces", "betrokkenheid"]}),
        (
            _("Analyse"),
            {"fields": ["belang", "belemmeringen", "waarden", "commitment", "symmetrie"]},
        ),
    ]
    inlines = [NieuweSpelerBeoordelingInline, SpelerBeoordelingenInline, *GEDEELDE_INLINES]

    def bewaar(self, actor: Actor, form: ModelForm[Any], change: bool) -> Speler:
        if change:
            return services.wijzig_speler(
                actor=actor, speler=form.instance, wijzigingen=wijzigingen(form)
            )
        return services.registreer_speler(actor=actor, **form.cleaned_data)

    def beoordeel(self, actor: Actor, speler: Speler, data: dict[str, Any]) -> None:
        velden = NieuweSpelerBeoordelingForm.Meta.fields
        services.beoordeel_speler(actor=actor, speler=speler, **{v: data[v] for v in velden})


# --- opdrachtgevers --------------------------------------------------------------------------


class OpdrachtgeverBeoordelingenInline(ZichtbaarInline):
    model = OpdrachtgeverBeoordeling
    verbose_name_plural = _("beoordelingen")
    fields = readonly_fields = (
        "tijdstip",
        "steun",
        "stevigheid",
        "onderling_vertrouwen",
        "mandaat",
        "open_rekeningen",
        "impliciete_opdracht",
        *BEOORDELING_RECORD,
    )
    mee_laden = ("auteur", "opdrachtgever")
    ordering = ["-tijdstip", "-id"]


class NieuweOpdrachtgeverBeoordelingInline(NieuwZichtbaarInline):
    model = OpdrachtgeverBeoordeling
    form = NieuweOpdrachtgeverBeoordelingForm
    verbose_name = _("nieuwe beoordeling")
    verbose_name_plural = _("nieuwe beoordeling")
    standaard_zichtbaarheid = None  # the reading of an opdrachtgever is the regisseur's own


@admin.register(Opdrachtgever)
class OpdrachtgeverAdmin(PartijAdmin[Opdrachtgever]):
    form = OpdrachtgeverForm
    list_display = ["naam", "bestuursproces", "rol", "organisatie", "betrokkenheid"]
    list_filter = [BestuursprocesFilter, "rol", "betrokkenheid"]
    search_fields = ["naam", "organisatie__naam", "expliciete_opdracht"]
    list_select_related = ["bestuursproces", "organisatie"]
    fields = [
        "bestuursproces",
        "naam",
        "rol",
        "organisatie",
        "expliciete_opdracht",
        "betrokkenheid",
    ]
    inlines = [
        NieuweOpdrachtgeverBeoordelingInline,
        OpdrachtgeverBeoordelingenInline,
        *GEDEELDE_INLINES,
    ]

    def bewaar(self, actor: Actor, form: ModelForm[Any], change: bool) -> Opdrachtgever:
        if change:
            return services.wijzig_opdrachtgever(
                actor=actor, opdrachtgever=form.instance, wijzigingen=wijzigingen(form)
            )
        return services.registreer_opdrachtgever(actor=actor, **form.cleaned_data)

    def beoordeel(self, actor: Actor, opdrachtgever: Opdrachtgever, data: dict[str, Any]) -> None:
        velden = NieuweOpdrachtgeverBeoordelingForm.Meta.fields
        services.beoordeel_opdrachtgever(
            actor=actor, opdrachtgever=opdrachtgever, **{v: data[v] for v in velden}
        )
