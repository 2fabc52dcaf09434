"""Staff users for the admin, its URLs, the POST data a browser would send, the errors of the
add-only inlines, and the events it left."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse

from cases import services
from cases.demo import GEBRUIKERSRECHTEN
from cases.models import Bestuursproces, Fase, Gebeurtenis, Optie, WyberStap
from tests._mfa import log_in_met_tweede_factor
from tests.factories import actor_voor

ADMIN_RECHTEN = GEBRUIKERSRECHTEN


def als_staf(client: Client, gebruiker: Any) -> Client:
    """Log the user in to the admin as staff with the model permissions members get."""
    gebruiker.is_staff = True
    gebruiker.save()
    gebruiker.user_permissions.set(
        Permission.objects.filter(content_type__app_label="cases", codename__in=ADMIN_RECHTEN)
    )
    return log_in_met_tweede_factor(client, gebruiker)


def gebeurtenistypen(bestuursproces: Bestuursproces, vanaf: int) -> list[str]:
    """The types of the case's events after volgnummer ``vanaf``, in order."""
    return list(
        Gebeurtenis.objects.filter(bestuursproces=bestuursproces, volgnummer__gt=vanaf)
        .order_by("volgnummer")
        .values_list("type", flat=True)
    )


def laatste(bestuursproces: Bestuursproces) -> int:
    return bestuursproces.gebeurtenissen.count()


def _waarde(bound_field: Any) -> Any:
    waarde = bound_field.value()
    if waarde is None:
        return ""
    if isinstance(waarde, bool):
        return "on" if waarde else ""
    return waarde


def formulierdata(response: Any) -> dict[str, Any]:
    """The form as rendered, ready to be changed and posted back."""
    data: dict[str, Any] = {}
    form = response.context["adminform"].form
    for naam in form.fields:
        data[naam] = _waarde(form[naam])
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        beheer = formset.management_form
        for naam in beheer.fields:
            waarde = beheer[naam].value()
            data[f"{formset.prefix}-{naam}"] = "" if waarde is None else str(waarde)
        for subform in formset.forms:
            for naam in subform.fields:
                if naam == "DELETE":
                    continue
                data[subform.add_prefix(naam)] = _waarde(subform[naam])
    return {k: v for k, v in data.items() if v != ""}


def prefix(response: Any, model_naam: str, *, nieuw: bool) -> str:
    """Prefix of the inline for a model: the add-only one (nieuw) or the list one."""
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        if formset.model._meta.model_name == model_naam and (
            inline.opts.__class__.__name__.startswith("Nieuw") == nieuw
        ):
            return str(formset.prefix)
    raise LookupError(model_naam)


def _url(model: str, actie: str, *args: Any) -> str:
    return reverse(f"admin:cases_{model}_{actie}", args=args)


def _nieuw_formset(response: Any, model_naam: str) -> Any:
    """The formset of the add-only inline for a model."""
    gezocht = prefix(response, model_naam, nieuw=True)
    inlines = response.context["inline_admin_formsets"]
    [formset] = [inline.formset for inline in inlines if inline.formset.prefix == gezocht]
    return formset


def _fouten(response: Any, model_naam: str) -> Any:
    return _nieuw_formset(response, model_naam).errors[0]


# --- wyber-stappen ---------------------------------------------------------------------------


def _opties(stap: WyberStap, regisseur: Any, *titels: str) -> list[Optie]:
    actor = actor_voor(regisseur)
    return [services.breng_optie_in(actor=actor, stap=stap, titel=titel) for titel in titels]


def _fase(stap: WyberStap, regisseur: Any, *fasen: Fase) -> None:
    for fase in fasen:
        services.wijzig_fase(actor=actor_voor(regisseur), stap=stap, naar=fase)


def _inlines(pagina: Any) -> dict[str, Any]:
    """Inline class name → its formset, for the inlines the page shows."""
    return {type(i.opts).__name__: i.formset for i in pagina.context["inline_admin_formsets"]}


def _actie(client: Client, actie: str, stappen: list[WyberStap], **extra: Any) -> Any:
    data = {"action": actie, "_selected_action": [s.pk for s in stappen], "index": "0"}
    return client.post(_url("wyberstap", "changelist"), {**data, **extra})


def _bewaar(client: Client, stap: WyberStap, pagina: Any, velden: dict[str, Any]) -> Any:
    return client.post(_url("wyberstap", "change", stap.pk), {**formulierdata(pagina), **velden})
