"""What the admin actions on a case's objects share: no bulk delete, the right to write, and
the action offered as a button on the object's own page."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.admin import helpers
from django.http import HttpRequest
from django.template.response import TemplateResponse

from ._toegang import mag_schrijven, schrijfbare_processen

BEVESTIGD = "bevestigd"  # the confirm flag an intermediate page posts


class ObjectActies(admin.ModelAdmin[Any]):
    """Actions for users who write in at least one of their cases; no deletes.

    A subclass names, per object, the action its page offers as a button
    (:meth:`objectactie`); the button posts to the changelist's action with ``vanaf_object``
    so that the action can return to the object.
    """

    change_form_template = "admin/cases/_objectactie_change_form.html"
    vanaf_object = "_vanaf_object"

    def objectactie(self, obj: Any) -> tuple[str, Any] | None:
        """(action name, button label) for the object's page, or None."""
        return None

    def get_actions(self, request: HttpRequest) -> Any:
        acties = super().get_actions(request)
        acties.pop("delete_selected", None)
        return acties

    def has_schrijven_permission(self, request: HttpRequest) -> bool:
        if not self.has_change_permission(request):
            return False
        # Asked several times per page: one query per request.
        schrijver = getattr(request, "_schrijft_in_een_proces", None)
        if schrijver is None:
            schrijver = schrijfbare_processen(request).exists()
            setattr(request, "_schrijft_in_een_proces", schrijver)  # noqa: B010
        return bool(schrijver)

    def render_change_form(
        self,
        request: HttpRequest,
        context: dict[str, Any],
        add: bool = False,
        change: bool = False,
        form_url: str = "",
        obj: Any = None,
    ) -> Any:
        if obj is not None and mag_schrijven(request, obj):
            actie = self.objectactie(obj)
            if actie is not None:
                context["objectactie"], context["objectactie_label"] = actie
                context["action_checkbox_name"] = helpers.ACTION_CHECKBOX_NAME
                context["vanaf_object"] = self.vanaf_object
        return super().render_change_form(request, context, add, change, form_url, obj)

    def tussenpagina(
        self,
        request: HttpRequest,
        template: str,
        *,
        titel: str,
        actienaam: str,
        form: forms.Form,
        **extra: Any,
    ) -> TemplateResponse:
        """The intermediate page of an action that asks for input (admin/cases/_bevestiging
        .html): it posts the same action again, with the confirm flag."""
        context = {
            **self.admin_site.each_context(request),
            "title": titel,
            "subtitle": None,
            "opts": self.opts,
            "media": self.media,
            "form": form,
            "actienaam": actienaam,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "bevestigd": BEVESTIGD,
            "vanaf_object": self.vanaf_object,
            "terug_url": request.get_full_path(),
            **extra,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, template, context)
