"""What every admin of the case file shares: writes through services, nothing deleted, and the
two kinds of inline (read-only history, one add-only form).

The admin wraps each save in a transaction. ``save_model`` writes nothing; ``save_related``,
where the inline forms are known too, calls the services. A ``DomainError`` from a service
rolls the whole save back (nothing of it is written, not even an unrelated edit made in the
same save) and the page comes back with every input kept and the service's reason at the field
it names (see :mod:`._weigering`): the services decide, the admin only shows their answer.
"""

from __future__ import annotations

from typing import Any, Generic, TypeVar, cast

from django.contrib import admin, messages
from django.db import router, transaction
from django.db.models import Model, QuerySet
from django.forms import BaseForm, BaseInlineFormSet, ChoiceField, ModelForm
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cases.events import Actor
from cases.exceptions import DomainError
from cases.models import Zichtbaarheid

from ._toegang import alleen_zichtbaar, mag_schrijven, zichtbare_niveaus
from ._weigering import Weigering, met_weigering, weigering_van

M = TypeVar("M", bound=Model)
# Django's tabular inline with a name for every control and column (see the template).
TABULAR = "admin/cases/edit_inline/tabular.html"


def wijzigingen(form: ModelForm[Any]) -> dict[str, Any]:
    """What the user changed in the form, for a service's ``wijzigingen``."""
    return {veld: form.cleaned_data[veld] for veld in form.changed_data}


class AlleenLezenInline(admin.TabularInline[Any, Any]):
    template = TABULAR
    extra = 0
    can_delete = False
    show_change_link = False
    mee_laden: tuple[str, ...] = ()  # related rows each line shows, loaded in the same query

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        queryset = super().get_queryset(request)
        return queryset.select_related(*self.mee_laden) if self.mee_laden else queryset

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ZichtbaarInline(AlleenLezenInline):
    """Read-only rows with a visibility level: only those the viewer's role may read."""

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        return alleen_zichtbaar(super().get_queryset(request), request)


class NieuwInline(admin.StackedInline[Any, Any]):
    """One blank form to add something new; existing rows are shown by a read-only inline."""

    extra = 1
    max_num = 1
    can_delete = False

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        return super().get_queryset(request).none()

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return obj is not None and mag_schrijven(request, obj)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return obj is None or mag_schrijven(request, obj)


class NieuwZichtbaarInline(NieuwInline):
    """An add-only form with a ``zichtbaarheid``: only the levels the author may read.

    The default is ``standaard_zichtbaarheid``, or with None the most closed level the author
    may use.
    """

    standaard_zichtbaarheid: str | None = Zichtbaarheid.PROCES

    def get_formset(self, request: HttpRequest, obj: Any = None, **kwargs: Any) -> Any:
        formset = super().get_formset(request, obj, **kwargs)
        niveaus = zichtbare_niveaus(request, obj)
        eigen = [(waarde, label) for waarde, label in Zichtbaarheid.choices if waarde in niveaus]
        veld = cast(ChoiceField, formset.form.base_fields["zichtbaarheid"])
        veld.choices = eigen
        # An initial value keeps the untouched blank form unchanged, so it is skipped.
        standaard = self.standaard_zichtbaarheid
        veld.initial = standaard if standaard in niveaus else (eigen[-1][0] if eigen else None)
        return formset


class DienstAdmin(admin.ModelAdmin[M], Generic[M]):
    """An admin that writes only through services; members who only read get a view."""

    actions = None

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return super().has_change_permission(request, obj) and (
            obj is None or mag_schrijven(request, obj)
        )

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # closed or left behind, never deleted: the history keeps it

    def changeform_view(
        self,
        request: HttpRequest,
        object_id: str | None = None,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        try:
            return self._bewaar_of_toon_weigering(request, object_id, form_url, extra_context)
        except DomainError as fout:
            # Refused outside a save (the saves themselves come back as form errors).
            messages.error(request, _("Niet opgeslagen: %(reden)s") % {"reden": fout.detail})
            return HttpResponseRedirect(request.get_full_path())

    def _bewaar_of_toon_weigering(
        self,
        request: HttpRequest,
        object_id: str | None,
        form_url: str,
        extra_context: dict[str, Any] | None,
    ) -> HttpResponse:
        try:
            # Django's own transaction of the save lies inside this one; a refusal undoes both.
            with transaction.atomic(using=router.db_for_write(self.model)):
                return super().changeform_view(request, object_id, form_url, extra_context)
        except Weigering as weigering:
            # The same page again from the same post, now with the service's reason on the
            # refused field: every input stays as the user typed it, and nothing was saved.
            setattr(request, "_weigering", weigering)  # noqa: B010
            messages.error(
                request,
                gettext(
                    "Er is niets opgeslagen, ook uw andere wijzigingen niet: %(reden)s "
                    "Uw invoer staat nog in het formulier; pas aan en sla opnieuw op."
                )
                % {"reden": weigering.reden},
            )
            try:
                with transaction.atomic(using=router.db_for_write(self.model)):
                    return super().changeform_view(request, object_id, form_url, extra_context)
            except Weigering as opnieuw:
                # Not expected (the forms now carry the reason and do not validate); should it
                # happen, still nothing half-written and no error page.
                raise DomainError(opnieuw.reden) from opnieuw

    def get_form(
        self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any
    ) -> Any:
        form = super().get_form(request, obj, change, **kwargs)
        weigering = weigering_van(request)
        return met_weigering(form, weigering) if weigering is not None else form

    def get_formsets_with_inlines(self, request: HttpRequest, obj: Any = None) -> Any:
        weigering = weigering_van(request)
        for formset, inline in super().get_formsets_with_inlines(request, obj):
            if weigering is not None:
                formset = type(
                    formset.__name__, (formset,), {"form": met_weigering(formset.form, weigering)}
                )
            yield formset, inline

    def dienstveld(self, form: BaseForm, veld: str) -> str:
        """The form field that shows a service's error on ``veld`` (default: the same name)."""
        return veld

    def save_model(self, request: HttpRequest, obj: M, form: ModelForm[Any], change: bool) -> None:
        # Saving happens in save_related, where the inline formsets are known too.
        pass

    def save_related(
        self, request: HttpRequest, form: ModelForm[Any], formsets: list[Any], change: bool
    ) -> None:
        actor = Actor.uit_request(request)
        with self.weigering_voor(form):
            obj = self.bewaar(actor, form, change)
        if not change:
            # The admin redirects to the new object and logs it: give it the service's row.
            form.instance.pk = obj.pk
            form.instance.uuid = getattr(obj, "uuid", None)
            form.instance._state.adding = False
        for formset in formsets:
            self._bewaar_formset(actor, obj, formset)

    def weigering_voor(self, form: BaseForm) -> Any:
        """While a service saves ``form``: its refusal becomes a :class:`Weigering` on it."""
        return Weigering.bij(form, lambda veld: self.dienstveld(form, veld))

    def _bewaar_formset(
        self, actor: Actor, obj: M, formset: BaseInlineFormSet[Any, Any, Any]
    ) -> None:
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        for subform in self.bewaarvolgorde(formset):
            if subform.has_changed() and subform.is_valid():
                with self.weigering_voor(subform):
                    self.bewaar_subform(actor, obj, subform)

    def bewaarvolgorde(self, formset: BaseInlineFormSet[Any, Any, Any]) -> list[Any]:
        """The order in which a formset's forms are saved (default: as on the page)."""
        return list(formset.forms)

    def bewaar(self, actor: Actor, form: ModelForm[Any], change: bool) -> M:
        """Register or change the object through its service; return the stored object."""
        raise NotImplementedError

    def bewaar_subform(self, actor: Actor, obj: M, subform: ModelForm[Any]) -> None:
        """Call the service for one filled-in inline form."""

    def construct_change_message(
        self, request: HttpRequest, form: Any, formsets: Any, add: bool = False
    ) -> list[dict[str, Any]]:
        # The event log is the real history; the admin log only notes that a save happened.
        return [{"added": {}}] if add else [{"changed": {"fields": form.changed_data}}]
