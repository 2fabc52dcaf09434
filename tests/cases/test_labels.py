"""Labels of the case file's objects, as the admin lists and choices show them: whole words
with an ellipsis, and the Dutch date of a moment (stored in UTC)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import translation

from cases.models import (
    Besluitmoment,
    Consolidatie,
    Notitie,
    Opdrachtgever,
    OpdrachtgeverBeoordeling,
    Reflectie,
    Speler,
    SpelerBeoordeling,
    WyberStap,
)
from cases.tekst import afgekort

UTC = dt.UTC
LANG = (
    "Een wandeling met de wethouder langs de kade om de zorgen van de bewoners over "
    "parkeren te horen"
)


@pytest.mark.parametrize(
    ("tekst", "lengte", "verwacht"),
    [
        ("Kort genoeg", 60, "Kort genoeg"),
        ("precies tien", 12, "precies tien"),
        ("een twee drie vier", 12, "een twee…"),
        ("een twee, drie vier", 11, "een twee…"),  # no comma before the ellipsis
        ("Donaudampfschifffahrtsgesellschaft", 10, "Donaudamp…"),  # one word: cut inside
        ("regel een\n\nregel   twee", 60, "regel een regel twee"),
    ],
)
def test_afgekort_op_een_woordgrens(tekst: str, lengte: int, verwacht: str) -> None:
    assert afgekort(tekst, lengte) == verwacht


def test_afgekort_blijft_binnen_de_lengte_en_knipt_nooit_in_een_woord() -> None:
    for lengte in range(10, len(LANG) + 2):
        kort = afgekort(LANG, lengte)
        assert len(kort) <= lengte
        if kort != LANG:
            assert kort.endswith("…")
            assert LANG.startswith(kort[:-1])
            assert LANG[len(kort) - 1] in " ,"  # the next character ends a word


def test_labels_knippen_titels_op_een_woordgrens() -> None:
    for label in (
        str(WyberStap(volgnummer=3, doel=LANG)),
        str(Consolidatie(uitkomst="consensus", tekst=LANG)),
        str(Notitie(tekst=LANG)),
        str(Reflectie(tekst=LANG)),
        str(Besluitmoment(datum=dt.date(2026, 3, 15), gevraagd=LANG)),
    ):
        assert label.endswith("om de zorgen…"), label


def test_beoordeling_toont_de_nederlandse_datum() -> None:
    # 23:30 UTC on 14 March is already 15 March in Amsterdam.
    laat = dt.datetime(2026, 3, 14, 23, 30, tzinfo=UTC)
    with translation.override("nl"):
        speler = SpelerBeoordeling(
            speler=Speler(naam="Anna"), standpunt="voorstander", tijdstip=laat
        )
        opdrachtgever = OpdrachtgeverBeoordeling(
            opdrachtgever=Opdrachtgever(naam="Wethouder Bakker", rol="bestuurlijk_opdrachtgever"),
            tijdstip=laat,
        )
        assert str(speler) == "Anna: Voorstander (15 maart 2026)"
        assert str(opdrachtgever) == "Wethouder Bakker (Bestuurlijk opdrachtgever) (15 maart 2026)"
