"""Form fields for dates as the Dutch write them and for world time (when a fact happened)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from cases.events.wereldtijd import moment_van_datum

DATUMFOUT = _("Vul een geldige datum in, bijvoorbeeld 6-12-2026.")


class DatumVeld(forms.DateField):
    """``<input type="date">``: the browser shows the date in the user's notation (d-m-jjjj
    in Dutch) and sends ISO; without the picker ``6-12-2026`` is accepted as well."""

    widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("input_formats", ["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"])
        kwargs.setdefault("error_messages", {"invalid": DATUMFOUT})
        super().__init__(**kwargs)


class TijdVeld(forms.TimeField):
    widget = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("input_formats", ["%H:%M", "%H:%M:%S"])
        kwargs.setdefault(
            "error_messages", {"invalid": _("Vul een geldige tijd in, bijvoorbeeld 14:30.")}
        )
        super().__init__(**kwargs)


class TijdstipMixin(forms.Form):
    """When the fact happened in the world: today (empty) or a day in the past, optionally at
    a time. The date field is named ``tijdstip``, so that a service's refusal of the moment
    (``Geschiedenisconflict``, ``veld="tijdstip"``) lands on it.

    The form needs ``self.niet_voor`` (the case's opening) to place a date on the opening day.
    """

    tijdstip = DatumVeld(
        label=_("Wanneer gebeurde het?"),
        required=False,
        help_text=_(
            "Laat leeg voor nu. Een eerdere dag mag: vul dan in wanneer het werkelijk gebeurde."
        ),
    )
    tijdstip_tijd = TijdVeld(
        label=_("Hoe laat (optioneel)"),
        required=False,
        help_text=_("Zonder tijd geldt het begin van die dag."),
    )

    niet_voor: dt.datetime | None = None

    def clean_tijdstip(self) -> dt.date | None:
        datum: dt.date | None = self.cleaned_data.get("tijdstip")
        if datum is not None and datum > timezone.localdate():
            raise forms.ValidationError(
                _("%(datum)s ligt in de toekomst. Kies vandaag of een dag in het verleden."),
                code="toekomst",
                params={"datum": date_format(datum, "j F Y")},
            )
        return datum

    def moment(self) -> dt.datetime | None:
        """The world time to hand to the service; None means now."""
        datum: dt.date | None = self.cleaned_data.get("tijdstip")
        tijd: dt.time | None = self.cleaned_data.get("tijdstip_tijd")
        if datum is None:
            return None
        if tijd is None:
            return moment_van_datum(datum, niet_voor=self.niet_voor)
        moment = timezone.make_aware(dt.datetime.combine(datum, tijd))
        return min(moment, timezone.now())
