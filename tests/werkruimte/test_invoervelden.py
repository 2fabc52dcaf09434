"""A date or time field renders as an input the browser can fill: a value typed as the field
reads it (6-12-2026) comes back as ISO in a date input, one it refused comes back as the text
that was typed (a date input would show it empty)."""

from __future__ import annotations

import datetime as dt

import pytest
from django import forms

from werkruimte.templatetags.werkruimte import invoerwaarde, widgetsoort
from werkruimte.velden import DatumVeld, TijdVeld


class Formulier(forms.Form):
    naam = forms.CharField()
    datum = DatumVeld()
    tijd = TijdVeld(required=False)


@pytest.mark.databaseonafhankelijk
@pytest.mark.parametrize(
    ("getypt", "soort", "waarde"),
    [
        ("2026-12-06", "date", "2026-12-06"),
        ("6-12-2026", "date", "2026-12-06"),
        ("6/12/2026", "date", "2026-12-06"),
        ("31-4-2026", "text", "31-4-2026"),
        ("gisteren", "text", "gisteren"),
    ],
)
def test_een_getypte_datum_komt_terug_zoals_de_browser_hem_kan_tonen(
    getypt: str, soort: str, waarde: str
) -> None:
    # The form is refused for its name, so every field is rendered again from what was sent.
    formulier = Formulier({"naam": "", "datum": getypt})
    assert not formulier.is_valid()

    assert (widgetsoort(formulier["datum"]), invoerwaarde(formulier["datum"])) == (soort, waarde)


@pytest.mark.databaseonafhankelijk
def test_een_tijd_die_niet_te_lezen_is_komt_terug_als_tekst() -> None:
    formulier = Formulier({"naam": "x", "datum": "2026-12-06", "tijd": "25:99"})
    assert not formulier.is_valid()

    assert (widgetsoort(formulier["tijd"]), invoerwaarde(formulier["tijd"])) == ("text", "25:99")


@pytest.mark.databaseonafhankelijk
def test_een_beginwaarde_blijft_een_datumveld() -> None:
    formulier = Formulier(initial={"datum": dt.date(2026, 12, 6)})

    assert (widgetsoort(formulier["datum"]), invoerwaarde(formulier["datum"])) == (
        "date",
        "2026-12-06",
    )
