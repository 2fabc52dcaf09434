"""The regisseur's positioneringen and the procesontwerp versions, per case, through services.

Neither is ever changed: a new choice is a new positionering, a revision a new version. So
existing rows are shown read-only, and only the add forms write (through the services). A
positionering is the procesregisseur's own: only they add one; the kernteam reads those at
its level. The procesontwerp is for every member; regisseur and kernteam revise it.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import ForeignKey, QuerySet
from django.forms import ModelForm
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from cases import selectors, services
from cases.events import Actor
from cases.models import Bestuursproces, Positionering, ProcesontwerpVersie, Rol, WyberStap

from ._toegang import BestuursprocesFilter, schrijfbare_processen, zichtbaar_voor_mijn_rol
from .forms_positionering import PositioneringForm, ProcesontwerpForm, StappenVeld, WyberStapKeuze
from .partijen import PerProcesAdmin


def regisseur_processen(request: HttpRequest) -> QuerySet[Bestuursproces]:
    """The user's cases in which they are the procesregisseur."""
    return Bestuursproces.objects.filter(
        lidmaatschappen__gebruiker=request.user.pk, lidmaatschappen__rol=Rol.PROCESREGISSEUR
    )


class NooitGewijzigdAdmin(PerProcesAdmin[Any]):
    """Rows that are only ever added: the change page is a read-only view."""

    toon_velden: tuple[str, ...] = ()  # shown on that view besides the form's fields

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def get_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        velden = list(self.form._meta.fields or ())
        if obj is None:
            return velden
        # Form-only fields (the steps as text) give way to their read-only display.
        return [*(v for v in velden if v != "stappen"), *self.toon_velden]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return [] if obj is None else self.get_fields(request, obj)


@admin.register(Positionering)
class PositioneringAdmin(NooitGewijzigdAdmin):
    form = PositioneringForm
    list_display = ["veld", "positie", "sinds", "bestuursproces", "zichtbaarheid", "auteur"]
    list_filter = [BestuursprocesFilter, "veld", "positie", "zichtbaarheid"]
    list_select_related = ["bestuursproces", "auteur"]
    search_fields = ["omschrijving", "toelichting"]
    ordering = ["bestuursproces", "veld", "-sinds", "-vastgelegd_op"]
    toon_velden = ("auteur", "vastgelegd_op")

    def get_queryset(self, request: HttpRequest) -> QuerySet[Positionering]:
        # Own cases (annotated with mijn_rol), and only the levels that role may read.
        return super().get_queryset(request).filter(zichtbaar_voor_mijn_rol())

    def has_add_permission(self, request: HttpRequest) -> bool:
        return (
            admin.ModelAdmin.has_add_permission(self, request)
            and regisseur_processen(request).exists()
        )

    def formfield_for_foreignkey(
        self, db_field: ForeignKey[Any, Any], request: HttpRequest, **kwargs: Any
    ) -> Any:
        if db_field.name == "bestuursproces":
            kwargs["queryset"] = regisseur_processen(request)
        elif db_field.name == "wyberstap":
            kwargs["form_class"] = WyberStapKeuze
            kwargs["queryset"] = (
                WyberStap.objects.filter(bestuursproces__in=regisseur_processen(request))
                .select_related("bestuursproces")
                .order_by("bestuursproces__titel", "volgnummer")
            )
        return admin.ModelAdmin.formfield_for_foreignkey(self, db_field, request, **kwargs)

    def bewaar(self, actor: Actor, form: ModelForm[Any], change: bool) -> Positionering:
        return services.kies_positionering(actor=actor, **form.cleaned_data)


@admin.register(ProcesontwerpVersie)
class ProcesontwerpVersieAdmin(NooitGewijzigdAdmin):
    form = ProcesontwerpForm
    list_display = ["bestuursproces", "versie", "aanpak", "auteur", "aangemaakt_op"]
    list_display_links = ["bestuursproces", "versie"]
    list_filter = [BestuursprocesFilter, "aanpak"]
    list_select_related = ["bestuursproces", "auteur"]
    search_fields = ["processtrategie", "spelregels", "exitregels", "communicatie"]
    ordering = ["bestuursproces", "-versie"]
    toon_velden = ("geplande_stappen_tekst", "versie", "auteur", "aangemaakt_op", "nieuwe_versie")

    @admin.display(description=_("geplande stappen"))
    def geplande_stappen_tekst(self, obj: ProcesontwerpVersie) -> str:
        return StappenVeld.als_tekst(obj.geplande_stappen)

    @admin.display(description=_("herzien"))
    def nieuwe_versie(self, obj: ProcesontwerpVersie) -> str:
        url = reverse("admin:cases_procesontwerpversie_add")
        return format_html(
            '<a href="{}?bestuursproces={}">{}</a>',
            url,
            obj.bestuursproces_id,
            _("Nieuwe versie, met deze als begin"),
        )

    def get_changeform_initial_data(self, request: HttpRequest) -> dict[str, Any]:
        # A new version starts from the current one, so that only changes need typing.
        initial = super().get_changeform_initial_data(request)
        gekozen = str(initial.get("bestuursproces", ""))
        bestuursproces = (
            schrijfbare_processen(request).filter(pk=int(gekozen)).first()
            if gekozen.isdigit()
            else None
        )
        if bestuursproces is None:
            return initial
        huidig = selectors.huidig_procesontwerp(bestuursproces)
        initial["aanpak"] = bestuursproces.aanpak
        if huidig is not None:
            for veld in ("processtrategie", "spelregels", "exitregels", "communicatie"):
                initial[veld] = getattr(huidig, veld)
            initial["stappen"] = StappenVeld.als_tekst(huidig.geplande_stappen)
        return initial

    def bewaar(self, actor: Actor, form: ModelForm[Any], change: bool) -> ProcesontwerpVersie:
        assert isinstance(form, ProcesontwerpForm)
        return services.herzie_procesontwerp(
            actor=actor,
            bestuursproces=form.cleaned_data["bestuursproces"],
            inhoud=form.inhoud(),
            toelichting=form.cleaned_data.get("toelichting", ""),
        )
