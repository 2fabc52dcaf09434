"""The point-in-time switch: which day the status page shows."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _


class MomentFormulier(forms.Form):
    """``?op=JJJJ-MM-DD``: the case as it stood at the end of that day; empty for now. The
    picker sends ISO; typed without it, a date as the page shows it (6-12-2026) is read too,
    as in the werkruimte's forms."""

    op = forms.DateField(
        label=_("Toon de stand op"),
        help_text=_(
            "Kies een dag: de pagina toont dan hoe het proces er aan het eind van die dag "
            "werkelijk voor stond, met wat later over die tijd is vastgelegd."
        ),
        required=False,
        input_formats=["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Vul een geldige datum in, bijvoorbeeld 6-12-2026.")},
    )

    def __init__(self, *args: Any, geopend_op: dt.datetime, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.geopend = timezone.localdate(geopend_op)

    def clean_op(self) -> dt.date | None:
        op: dt.date | None = self.cleaned_data.get("op")
        if op is None:
            return None
        if op < self.geopend:
            raise forms.ValidationError(
                _(
                    "Op %(datum)s bestond dit bestuursproces nog niet: het is geopend op "
                    "%(geopend)s. Kies die dag of een latere."
                ),
                code="voor_opening",
                params={
                    "datum": date_format(op, "j F Y"),
                    "geopend": date_format(self.geopend, "j F Y"),
                },
            )
        vandaag = timezone.localdate()
        if op > vandaag:
            raise forms.ValidationError(
                _("%(datum)s ligt in de toekomst. Kies vandaag of een dag in het verleden."),
                code="toekomst",
                params={"datum": date_format(op, "j F Y")},
            )
        # Today's end has not come yet: today is the current state.
        return None if op == vandaag else op


class WekenFormulier(forms.Form):
    """``?weken=N`` on Mijn processen: how long a veld may go without attention."""

    weken = forms.IntegerField(
        label=_("Velden zonder aandacht sinds (weken)"),
        min_value=1,
        max_value=52,
        help_text=_("Een veld zonder uitgevoerde interventie in deze periode wordt genoemd."),
        error_messages={
            "invalid": _("Vul een aantal weken in, bijvoorbeeld 4."),
            "min_value": _("Kies ten minste 1 week."),
            "max_value": _("Kies ten hoogste 52 weken."),
        },
    )
