"""The case itself: its properties and opdracht, the idee, the stadia and the members."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.forms import BaseInlineFormSet, ModelForm
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext
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
from cases.models import Bestuursproces, IdeeVersie, Lidmaatschap, Rol, Stadiumovergang
from cases.services.bestuursproces import BesluitmomentInvoer, Opdracht
from cases.services.idee import IdeeInhoud
from toegang.rechten import mag_bestuursproces_openen

from ._basis import TABULAR, AlleenLezenInline, DienstAdmin, NieuwInline
from ._lidwoord import HetWoord
from ._toegang import mijn_rol

OPDRACHT_ATTRS = ("kaders", "budget", "uren", "einddatum", "speelruimte")


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
    mee_laden = ("auteur",)
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
    mee_laden = ("door",)


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
    template = TABULAR
    form = LidmaatschapForm
    formset = LidmaatschapFormSet
    extra = 0
    autocomplete_fields = ["gebruiker"]
    readonly_fields = ["sinds"]
    fields = ["gebruiker", "rol", "sinds"]

    def _is_regisseur(self, request: HttpRequest, obj: Any) -> bool:
        return obj is None or mijn_rol(request, obj) == Rol.PROCESREGISSEUR

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return super().has_add_permission(request, obj) and self._is_regisseur(request, obj)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return super().has_change_permission(request, obj) and self._is_regisseur(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return super().has_delete_permission(request, obj) and self._is_regisseur(request, obj)


@admin.register(Bestuursproces)
class BestuursprocesAdmin(HetWoord, DienstAdmin[Bestuursproces]):
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

    def has_add_permission(self, request: HttpRequest) -> bool:
        # Whoever opens a case becomes its procesregisseur: a right of its own.
        return super().has_add_permission(request) and mag_bestuursproces_openen(request.user)

    # --- access -------------------------------------------------------------------------

    def get_inline_instances(self, request: HttpRequest, obj: Any = None) -> list[Any]:
        # A new case has no history yet: idee, stadia and members come after opening.
        return super().get_inline_instances(request, obj) if obj is not None else []

    def get_queryset(self, request: HttpRequest) -> QuerySet[Bestuursproces]:
        return selectors.bestuursprocessen_voor(request.user)

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
            # The idee-eigenaren are chosen from this case's spelers.
            kwargs["form_kwargs"] = {"bestuursproces": obj}
            idee = selectors.huidig_idee(obj)
            if idee is not None:
                # Start the new revision from the current text, so only changes need typing.
                kwargs["initial"] = [
                    {
                        **{attr: getattr(idee, attr) for attr in IDEE_VELDEN.values()},
                        "eigenaar_keuze": [s.pk for s in selectors.eigenaar_spelers(idee)],
                    }
                ]
        return kwargs

    # --- writes: all through services, in the admin's own transaction ---------------------

    def bewaar(self, actor: Actor, form: ModelForm[Any], change: bool) -> Bestuursproces:
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
        if not change:
            return services.open_bestuursproces(actor=actor, opdracht=opdracht, **eigenschappen)
        return services.wijzig_bestuursproces(
            actor=actor,
            bestuursproces=form.instance,
            wijzigingen={k: v for k, v in eigenschappen.items() if k in form.changed_data},
            opdracht=opdracht if set(OPDRACHT_ATTRS) & set(form.changed_data) else None,
            status=data["status"] if "status" in form.changed_data else None,
            uitkomst=data["uitkomst"] if "uitkomst" in form.changed_data else None,
        )

    def bewaar_subform(
        self, actor: Actor, bestuursproces: Bestuursproces, subform: ModelForm[Any]
    ) -> None:
        data = subform.cleaned_data
        if isinstance(subform, NieuweIdeeVersieForm):
            # The admin chooses among the spelers; owners of other kinds (set through the API
            # or the werkruimte) stay as they are.
            huidig = selectors.huidig_idee(bestuursproces)
            andere = selectors.eigenaren_van(huidig) if huidig is not None else {}
            services.herzie_idee(
                actor=actor,
                bestuursproces=bestuursproces,
                inhoud=IdeeInhoud(
                    **{a: data.get(a, "") for a in IDEE_VELDEN.values()},
                    eigenaar_spelers=tuple(s.uuid for s in data.get("eigenaar_keuze", [])),
                    eigenaar_opdrachtgevers=tuple(o.uuid for o in andere.get("opdrachtgever", [])),
                    eigenaar_organisaties=tuple(o.uuid for o in andere.get("organisatie", [])),
                ),
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

    def bewaarvolgorde(self, formset: BaseInlineFormSet[Any, Any, Any]) -> list[Any]:
        if not isinstance(formset, LidmaatschapFormSet):
            return super().bewaarvolgorde(formset)

        # Who comes in or becomes procesregisseur first, who steps down or leaves last: the
        # services then accept row by row what keeps a procesregisseur in the end.
        def volgorde(subform: Any) -> int:
            data = getattr(subform, "cleaned_data", None) or {}
            if data.get("DELETE"):
                return 2
            if subform.instance.pk is None or data.get("rol") == Rol.PROCESREGISSEUR:
                return 0
            return 1

        return sorted(formset.forms, key=volgorde)

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
                    gettext(
                        "Wissel geen gebruiker binnen een lidmaatschap: beëindig het en voeg een "
                        "nieuw lid toe."
                    ),
                    veld="gebruiker",
                )
            services.wijzig_lidmaatschap(actor=actor, lidmaatschap=bestaand, rol=data["rol"])
        elif not data.get("DELETE"):
            services.voeg_lid_toe(
                actor=actor,
                bestuursproces=bestuursproces,
                gebruiker=data["gebruiker"],
                rol=data["rol"],
            )
