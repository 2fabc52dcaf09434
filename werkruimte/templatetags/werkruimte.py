"""Template helpers of the workspace: how to render a form field, Dutch dates."""

from __future__ import annotations

import datetime as dt
from contextlib import suppress
from typing import Any

from django import forms, template
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format

register = template.Library()


@register.filter
def widgetsoort(veld: Any) -> str:
    """The kind of input a bound field renders: textarea, select, radio, checkbox,
    checkboxes, hidden, or the input type (text, date, time, number...)."""
    widget = veld.field.widget
    if widget.is_hidden:
        return "hidden"
    # CheckboxSelectMultiple is a RadioSelect to Django: ask for it first, or a choice of
    # several renders as radio buttons that allow only one.
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "checkboxes"
    if isinstance(widget, forms.RadioSelect):
        return "radio"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(widget, forms.Textarea):
        return "textarea"
    if isinstance(widget, forms.Select):
        return "select"
    soort = str(getattr(widget, "input_type", "text"))
    if soort in LEESBAAR and not _leesbaar(soort, invoerwaarde(veld)):
        # A date or time input cannot hold what it cannot read: the browser would show an
        # empty field where the user typed 31-4-2026. The refused text comes back as text.
        return "text"
    return soort


# What a date, time or moment input can hold (and what the browser sends from one).
LEESBAAR = {
    "date": dt.date.fromisoformat,
    "time": dt.time.fromisoformat,
    "datetime-local": dt.datetime.fromisoformat,
}


def _leesbaar(soort: str, waarde: Any) -> bool:
    if not isinstance(waarde, str) or not waarde:
        return True  # a value of the field itself, or nothing
    try:
        LEESBAAR[soort](waarde)
    except ValueError:
        return False
    return soort != "date" or len(waarde) == 10


TIJDVELDEN = (forms.DateField, forms.TimeField, forms.DateTimeField)


@register.filter
def invoerwaarde(veld: Any) -> Any:
    """A field's value as its input element takes it: a date or time as ISO text (the
    browser shows it in the reader's notation), never localised into words, which a date
    input would reject and leave empty."""
    waarde = veld.value()
    if isinstance(waarde, str) and waarde and isinstance(veld.field, TIJDVELDEN):
        # Typed as the field reads it (6-12-2026): the input takes it as ISO.
        with suppress(ValidationError):
            waarde = veld.field.to_python(waarde) or waarde
    if isinstance(waarde, dt.datetime):
        return waarde.isoformat(timespec="minutes")
    if isinstance(waarde, dt.date):
        return waarde.isoformat()
    if isinstance(waarde, dt.time):
        return waarde.strftime("%H:%M")
    return "" if waarde is None else waarde


@register.filter
def datum_nl(waarde: dt.date | dt.datetime | None) -> str:
    """``6 december 2026`` (a moment in Dutch time, never the UTC date)."""
    if waarde is None:
        return ""
    if isinstance(waarde, dt.datetime):
        waarde = timezone.localdate(waarde) if timezone.is_aware(waarde) else waarde.date()
    return date_format(waarde, "j F Y")


@register.filter
def datum_kort(waarde: dt.date | dt.datetime | None) -> str:
    """``06-12-2026``."""
    if waarde is None:
        return ""
    if isinstance(waarde, dt.datetime):
        waarde = timezone.localdate(waarde) if timezone.is_aware(waarde) else waarde.date()
    return date_format(waarde, "d-m-Y")


@register.filter
def samenvatting_van(formulier: Any) -> list[tuple[str, str]]:
    from werkruimte.formulieren import samenvatting

    return samenvatting(formulier)


@register.filter
def waarden(veld: Any) -> list[str]:
    """The submitted value(s) of a field as strings, to carry it through a confirmation step."""
    waarde = veld.value()
    if waarde is None or waarde is False:
        return []
    if waarde is True:
        return ["on"]
    if isinstance(waarde, list | tuple):
        return [str(w) for w in waarde]
    return [str(waarde)]


@register.filter
def get_item(woordenboek: dict[str, Any] | None, sleutel: str) -> Any:
    return (woordenboek or {}).get(sleutel)
