"""The admin as a working tool for regisseurs. Every write goes through the services.

Staff see only the cases they are a member of; procesregisseur and kernteam may change them,
opdrachtgever and evaluator only read. Cases are never deleted, and events never change.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.forms import BaseInlineFormSet, ModelForm
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from cases import selectors, services
from cases.admin_forms import (
    BestuursprocesForm,
    LidmaatschapForm,
    LidmaatschapFormSet,
    NieuweIdeeVersieForm,
    NieuweStadiumovergangForm,
)
from cases.events import Actor
from cases.events.payloads import BESTUURSPROCES_VELDEN, IDEE_VELDEN
from cases.exceptions import DomainError
from cases.models import Bestuursproces, Gebeurtenis, IdeeVersie, Lidmaatschap, Rol, Stadiumovergang
from cases.services.bestuursproces import BesluitmomentInvoer, Opdracht
from cases.services.idee import IdeeInhoud

admin.site.site_header = _("Procesregie")
admin.site.site_title = _("Procesregie")
admin.site.index_title = _("Dossiers van bestuursprocessen")

OPDRACHT_ATTRS = ("kaders", "budget", "uren", "einddatum", "speelruimte")


def _rol(request: HttpRequest, bestuursproces: Bestuursproces | None) -> str | None:
    if bestuursproces is None or bestuursproces.pk is None:
        return None
    rol = getattr(bestuursproces, "mijn_rol", None)
    if rol is None:
        lid = Lidmaatschap.objects.filter(
            bestuursproces_id=bestuursproces.pk, gebruiker_id=request.user.pk
        ).first()
        rol = lid.rol if lid else None
    return rol


def _mag_schrijven(request: HttpRequest, bestuursproces: Bestuursproces | None) -> bool:
    return _rol(request, bestuursproces) in Rol.schrijvend()


class AlleenLezenInline(admin.TabularInline[Any, Any]):
    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class NieuwInline(admin.StackedInline[Any, Any]):
    """One blank form to add something new; existing rows are shown by a read-only inline."""

    extra = 1
    max_num = 1
    can_delete = False

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        return super().get_queryset(request).none()

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return obj is not None and _mag_schrijven(request, obj)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return obj is None or _mag_schrijven(request, obj)


class IdeeHistorieInline(AlleenLezenInline):
    model = IdeeVersie
    verbose_name = _("versie van het idee")
    verbose_name_plural = _("historie van het idee")
    fields = readonly_fields = (
        "versie",
        "wat",
        "stip_op_de_horizon",
        "toelichting",
        "auteur",
        "aangemaakt_op",
    )
    ordering = ["-versie"]


class NieuweIdeeVersieInline(NieuwInline):
    model = IdeeVersie
    form = NieuweIdeeVersieForm
    verbose_name = _("nieuwe versie van het idee")
    verbose_name_plural = _("idee herzien")


class StadiumovergangenInline(AlleenLezenInline):
    model = Stadiumovergang
    fields = readonly_fields = (
        "tijdstip",
        "van",
        "naar",
        "richting",
        "toelichting",
        "geforceerd",
        "door",
    )


class NieuweStadiumovergangInline(NieuwInline):
    model = Stadiumovergang
    form = NieuweStadiumovergangForm
    verbose_name = _("stadiumovergang")
    verbose_name_plural = _("stadium wijzigen")


class LidmaatschapInline(admin.TabularInline[Lidmaatschap, Bestuursproces]):
    """Members and their roles; only the procesregisseur changes them.

    Django also asks these permissions without a case (obj None) to scope the inline's
    queryset; the model permissions answer that, the case role answers the rest.
    """

    model = Lidmaatschap
    form = LidmaatschapForm
    formset = LidmaatschapFormSet
    extra = 0
    autocomplete_fields = ["gebruiker"]
    readonly_fields = ["sinds"]
    fields = ["gebruiker", "rol", "sinds"]

    def _is_regisseur(self, request: HttpRequest, obj: Any) -> bool:
        return obj is None or _rol(request, obj) == Rol.PROCESREGISSEUR

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return super().has_add_permission(request, obj) and self._is_regisseur(request, obj)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return super().has_change_permission(request, obj) and self._is_regisseur(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return super().has_delete_permission(request, obj) and self._is_regisseur(request, obj)


@admin.register(Bestuursproces)
class BestuursprocesAdmin(admin.ModelAdmin[Bestuursproces]):
    form = BestuursprocesForm
    list_display = ["titel", "stadium", "status", "rol_gemeente", "aanpak", "geopend_op"]
    list_filter = ["stadium", "status", "rol_gemeente", "aanpak"]
    search_fields = ["titel", "omschrijving"]
    date_hierarchy = "geopend_op"
    readonly_fields = ["stadium", "geopend_op", "gebeurtenissen_link"]
    fieldsets = [
        (None, {"fields": ["titel", "omschrijving", "rol_gemeente", "procesrol", "aanpak"]}),
        (
            _("Voortgang"),
            {"fields": ["stadium", "status", "uitkomst", "geopend_op", "gebeurtenissen_link"]},
        ),
        (_("Opdracht"), {"fields": list(OPDRACHT_ATTRS)}),
        (
            _("Archief"),
            {"fields": ["archiefnominatie", "archiefactiedatum"], "classes": ["collapse"]},
        ),
    ]
    inlines = [
        NieuweIdeeVersieInline,
        IdeeHistorieInline,
        NieuweStadiumovergangInline,
        StadiumovergangenInline,
        LidmaatschapInline,
    ]
    actions = None

    # --- access -------------------------------------------------------------------------

    def get_inline_instances(self, request: HttpRequest, obj: Any = None) -> list[Any]:
        # A new case has no history yet: idee, stadia and members come after opening.
        return super().get_inline_instances(request, obj) if obj is not None else []

    def get_queryset(self, request: HttpRequest) -> QuerySet[Bestuursproces]:
        return selectors.bestuursprocessen_voor(request.user)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return super().has_change_permission(request, obj) and (
            obj is None or _mag_schrijven(request, obj)
        )

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # a case is closed (afgerond), never deleted

    @admin.display(description=_("gebeurtenissen"))
    def gebeurtenissen_link(self, obj: Bestuursproces) -> str:
        if obj.pk is None:
            return "-"
        url = reverse("admin:cases_gebeurtenis_changelist") + f"?bestuursproces={obj.uuid}"
        aantal = obj.gebeurtenissen.count()
        return format_html('<a href="{}">{} gebeurtenissen bekijken</a>', url, aantal)

    def get_formset_kwargs(
        self, request: HttpRequest, obj: Any, inline: Any, prefix: str
    ) -> dict[str, Any]:
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        if isinstance(inline, NieuweIdeeVersieInline) and obj is not None and obj.pk:
            idee = selectors.huidig_idee(obj)
            if idee is not None:
                # Start the new revision from the current text, so only changes need typing.
                kwargs["initial"] = [{attr: getattr(idee, attr) for attr in IDEE_VELDEN.values()}]
        return kwargs

    # --- writes: all through services, in the admin's own transaction ---------------------

    def changeform_view(
        self,
        request: HttpRequest,
        object_id: str | None = None,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except DomainError as fout:
            # The admin's transaction has rolled back: nothing of this save was written.
            messages.error(request, _("Niet opgeslagen: %(reden)s") % {"reden": fout.detail})
            return HttpResponseRedirect(request.get_full_path())

    def save_model(
        self, request: HttpRequest, obj: Bestuursproces, form: ModelForm[Any], change: bool
    ) -> None:
        # Saving happens in save_related, where the inline formsets are known too.
        pass

    def save_related(
        self, request: HttpRequest, form: ModelForm[Any], formsets: list[Any], change: bool
    ) -> None:
        actor = Actor.uit_request(request)
        data = form.cleaned_data
        opdracht = Opdracht(
            kaders=data.get("kaders") or "",
            budget=data.get("budget"),
            uren=data.get("uren"),
            einddatum=data.get("einddatum"),
            speelruimte=data.get("speelruimte") or "",
            besluitmomenten=tuple(
                BesluitmomentInvoer(datum=b.datum, soort=b.soort, gevraagd=b.gevraagd)
                for b in (form.instance.besluitmomenten.all() if change else [])
            ),
        )
        eigenschappen = {
            attr: data[attr] for attr in BESTUURSPROCES_VELDEN.values() if attr in data
        }
        if change:
            bestuursproces = services.wijzig_bestuursproces(
                actor=actor,
                bestuursproces=form.instance,
                wijzigingen={k: v for k, v in eigenschappen.items() if k in form.changed_data},
                opdracht=opdracht if set(OPDRACHT_ATTRS) & set(form.changed_data) else None,
                status=data["status"] if "status" in form.changed_data else None,
                uitkomst=data["uitkomst"] if "uitkomst" in form.changed_data else None,
            )
        else:
            bestuursproces = services.open_bestuursproces(
                actor=actor, opdracht=opdracht, **eigenschappen
            )
            form.instance.pk = bestuursproces.pk
            form.instance.uuid = bestuursproces.uuid
            form.instance._state.adding = False
        for formset in formsets:
            self._bewaar_formset(request, actor, bestuursproces, formset)

    def _bewaar_formset(
        self,
        request: HttpRequest,
        actor: Actor,
        bestuursproces: Bestuursproces,
        formset: BaseInlineFormSet[Any, Any, Any],
    ) -> None:
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        for subform in formset.forms:
            if not subform.has_changed() or not subform.is_valid():
                continue
            data = subform.cleaned_data
            if isinstance(subform, NieuweIdeeVersieForm):
                services.herzie_idee(
                    actor=actor,
                    bestuursproces=bestuursproces,
                    inhoud=IdeeInhoud(**{a: data.get(a, "") for a in IDEE_VELDEN.values()}),
                    toelichting=data.get("toelichting", ""),
                )
            elif isinstance(subform, NieuweStadiumovergangForm):
                services.wijzig_stadium(
                    actor=actor,
                    bestuursproces=bestuursproces,
                    naar=data["naar"],
                    toelichting=data["toelichting"],
                    forceren=data.get("forceren", False),
                )
            elif isinstance(subform, LidmaatschapForm):
                self._bewaar_lid(actor, bestuursproces, subform)

    @staticmethod
    def _bewaar_lid(
        actor: Actor, bestuursproces: Bestuursproces, subform: LidmaatschapForm
    ) -> None:
        data = subform.cleaned_data
        bestaand = subform.instance if subform.instance.pk else None
        if bestaand is not None and data.get("DELETE"):
            services.beeindig_lidmaatschap(actor=actor, lidmaatschap=bestaand)
        elif bestaand is not None:
            if "gebruiker" in subform.changed_data:
                raise DomainError(
                    "Wissel geen gebruiker binnen een lidmaatschap: beëindig het en voeg een "
                    "nieuw lid toe."
                )
            services.wijzig_lidmaatschap(actor=actor, lidmaatschap=bestaand, rol=data["rol"])
        elif not data.get("DELETE"):
            services.voeg_lid_toe(
                actor=actor,
                bestuursproces=bestuursproces,
                gebruiker=data["gebruiker"],
                rol=data["rol"],
            )

    def construct_change_message(
        self, request: HttpRequest, form: Any, formsets: Any, add: bool = False
    ) -> list[dict[str, Any]]:
        # The event log is the real history; the admin log only notes that a save happened.
        return [{"added": {}}] if add else [{"changed": {"fields": form.changed_data}}]


class BestuursprocesFilter(admin.SimpleListFilter):
    """Filter by case, offering only the user's own cases (titles of others stay hidden)."""

    title = _("bestuursproces")
    parameter_name = "bestuursproces"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [
            (str(uuid), titel)
            for uuid, titel in selectors.bestuursprocessen_voor(request.user).values_list(
                "uuid", "titel"
            )
        ]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        if self.value():
            return queryset.filter(bestuursproces__uuid=self.value())
        return queryset


@admin.register(Gebeurtenis)
class GebeurtenisAdmin(admin.ModelAdmin[Gebeurtenis]):
    """The event log, read-only, per case."""

    list_display = ["volgnummer", "bestuursproces", "type", "actor_naam", "tijdstip", "toelichting"]
    list_filter = [BestuursprocesFilter, "type"]
    search_fields = ["toelichting", "actor_naam", "type"]
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
        "toelichting",
        "payload",
        "vorige_hash",
        "hash",
    )

    def get_queryset(self, request: HttpRequest) -> QuerySet[Gebeurtenis]:
        return (
            super()
            .get_queryset(request)
            .filter(bestuursproces__in=selectors.bestuursprocessen_voor(request.user).values("pk"))
        )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
