"""The catalogue in the admin: reference data the functioneel beheerder keeps and extends.

There is no event log for the catalogue (it is not case data), so the standard ModelAdmin
saves; the cross-veld rules live in the models' ``clean()``, which every form runs. Velden are
fixed by the book and are never deleted; an instrument or strategie that an intervention uses
cannot be deleted either, and the admin says so instead of failing.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from django import forms
from django.contrib import admin
from django.db.models import Model, QuerySet
from django.db.models.deletion import Collector, ProtectedError
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .models import Competentie, Instrument, Kracht, Strategie, SubVraag, Thema, Veld


def gebruik(objecten: list[Model]) -> Counter[type[Model]]:
    """How many protected rows elsewhere (interventies of a case) refer to ``objecten``, per
    model."""
    if not objecten:
        return Counter()
    collector = Collector(using=objecten[0]._state.db or "default")
    try:
        collector.collect(objecten)
    except ProtectedError as fout:
        return Counter(type(rij) for rij in fout.protected_objects)
    return Counter()


def waarom_niet(per_model: Counter[type[Model]]) -> list[str]:
    """Why something cannot be deleted, by counts only: a beheerder need not see case
    content."""
    return [
        ngettext(
            "In gebruik bij %(aantal)d %(soort)s van een bestuursproces; zolang dat zo is, kan "
            "het niet worden verwijderd.",
            "In gebruik bij %(aantal)d %(soort)s van bestuursprocessen; zolang dat zo is, kan "
            "het niet worden verwijderd.",
            aantal,
        )
        % {
            "aantal": aantal,
            "soort": model._meta.verbose_name if aantal == 1 else model._meta.verbose_name_plural,
        }
        for model, aantal in per_model.items()
    ]


class BeschermdVerwijderenMixin(admin.ModelAdmin[Any]):
    """Deleting something a case uses explains why in Dutch instead of listing case rows."""

    def get_deleted_objects(self, objs: Any, request: HttpRequest) -> Any:
        te_verwijderen, aantallen, rechten, beschermd = super().get_deleted_objects(objs, request)
        if beschermd:
            per_model = gebruik(list(objs))
            beschermd = waarom_niet(per_model)
            # Django also asks for the right to delete the protected rows themselves, and then
            # shows that instead; they are never deleted here, so that question is moot.
            rechten = set(rechten) - {str(model._meta.verbose_name) for model in per_model}
        return te_verwijderen, aantallen, rechten, beschermd


class SubVraagInline(admin.TabularInline[SubVraag, Veld]):
    model = SubVraag
    extra = 0
    fields = ["nummer", "tekst"]


class ThemaInline(admin.TabularInline[Thema, Veld]):
    model = Thema
    extra = 0
    fields = ["naam", "subvraag", "volgorde"]

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "subvraag":
            # Only the sub-vragen of the veld being edited (none yet for a new veld).
            route = request.resolver_match
            object_id = str(route.kwargs.get("object_id", "")) if route else ""
            kwargs["queryset"] = SubVraag.objects.filter(
                veld_id=int(object_id) if object_id.isdigit() else 0
            ).select_related("veld")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class CompetentieInline(admin.StackedInline[Competentie, Veld]):
    model = Competentie
    extra = 0
    fields = ["naam", "omschrijving", "gedrag_en_houding", "volgorde"]


@admin.register(Veld)
class VeldAdmin(admin.ModelAdmin[Veld]):
    list_display = ["naam", "code", "kernvraag", "volgorde"]
    search_fields = ["naam", "kernvraag"]
    fields = ["code", "naam", "kernvraag", "uitleg", "volgorde"]
    inlines = [SubVraagInline, ThemaInline, CompetentieInline]

    def get_readonly_fields(self, request: HttpRequest, obj: Veld | None = None) -> Any:
        # Cases refer to a veld by its code.
        return ["code"] if obj is not None else []

    def has_delete_permission(self, request: HttpRequest, obj: Veld | None = None) -> bool:
        return False  # the velden are the book's model; cases refer to them


class ThemaKeuze(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.veld.naam}: {obj.naam}"


class InstrumentForm(forms.ModelForm[Instrument]):
    class Meta:
        model = Instrument
        field_classes = {"thema": ThemaKeuze}
        fields = [
            "naam",
            "veld",
            "subvraag",
            "thema",
            "verdiepingsvraag",
            "omschrijving",
            "doel",
            "voorkeursinstrument",
            "bron",
            "volgorde",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Editing: offer only the veld's own sub-vragen and thema's. Adding, or posting a
        # possibly changed veld: offer all, labelled with their veld, and let clean() refuse
        # a mismatch with a clear message.
        veld_id = self.instance.veld_id if self.instance.pk and not self.is_bound else None
        subvragen = SubVraag.objects.select_related("veld")
        themas = Thema.objects.select_related("veld")
        if veld_id is not None:
            subvragen, themas = subvragen.filter(veld_id=veld_id), themas.filter(veld_id=veld_id)
        if isinstance(veld := self.fields.get("subvraag"), forms.ModelChoiceField):
            veld.queryset = subvragen
        if isinstance(veld := self.fields.get("thema"), ThemaKeuze):
            veld.queryset = themas


class ThemaFilter(admin.SimpleListFilter):
    """Thema's labelled with their veld (names repeat across velden), narrowed to the chosen
    veld."""

    title = _("thema")
    parameter_name = "thema"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        themas = Thema.objects.select_related("veld")
        veld = request.GET.get("veld__id__exact", "")
        if veld.isdigit():
            themas = themas.filter(veld_id=int(veld))
        return [(str(thema.pk), f"{thema.veld.naam}: {thema.naam}") for thema in themas]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        waarde = self.value() or ""
        # A hand-edited URL with something else than an id simply does not filter.
        return queryset.filter(thema_id=int(waarde)) if waarde.isdigit() else queryset


@admin.register(Instrument)
class InstrumentAdmin(BeschermdVerwijderenMixin, admin.ModelAdmin[Instrument]):
    form = InstrumentForm
    list_display = ["naam", "veld", "thema", "doel", "voorkeursinstrument"]
    list_filter = ["veld", ThemaFilter, "doel", "voorkeursinstrument"]
    list_select_related = ["veld", "thema"]
    search_fields = ["naam", "verdiepingsvraag", "omschrijving"]
    readonly_fields = ["uuid"]
    fieldsets = [
        (None, {"fields": ["naam", "veld", "subvraag", "thema", "verdiepingsvraag"]}),
        (
            _("Toelichting"),
            {"fields": ["omschrijving", "doel", "voorkeursinstrument", "bron", "volgorde", "uuid"]},
        ),
    ]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Instrument]:
        return super().get_queryset(request).select_related("veld", "thema", "subvraag")


@admin.register(Strategie)
class StrategieAdmin(BeschermdVerwijderenMixin, admin.ModelAdmin[Strategie]):
    list_display = ["naam", "code", "volgorde"]
    search_fields = ["naam", "code", "omschrijving"]
    prepopulated_fields = {"code": ["naam"]}


@admin.register(Kracht)
class KrachtAdmin(admin.ModelAdmin[Kracht]):
    list_display = ["naam", "volgorde"]
    search_fields = ["naam", "omschrijving"]
