"""The register of event types: one registration per type, and nothing else to touch."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.db import transaction
from django.utils import translation

from cases.events import append_event, herbouw, soorten
from cases.events.log import Actor
from cases.events.replay_typen import Momentopname
from cases.events.soorten import Soort, registreer
from cases.events.verhaal import Beschrijving, Geheugen
from cases.events.wereldtijd import geschiedenis
from cases.models import Bestuursproces, Gebeurtenis
from cases.selectors.tijdlijn import tijdlijn

pytestmark = pytest.mark.django_db


class Proefballon(Soort):
    code = "proef.ballon_opgelaten"
    label = "Proefballon opgelaten"
    sleutels = ("ballon",)

    def pas_toe(self, staat: Momentopname, e: Gebeurtenis) -> None:
        staat["bestuursproces"]["ballon"] = e.payload["ballon"]

    def beschrijf(self, e: Gebeurtenis, g: Geheugen) -> Beschrijving:
        return f"Ballon {e.payload['ballon']} opgelaten", None


@pytest.fixture
def proefballon() -> Iterator[type[Proefballon]]:
    registreer(Proefballon)
    yield Proefballon
    soorten._SOORTEN.pop(Proefballon.code)


def test_een_nieuw_type_is_een_registratie_en_verder_niets(
    bestuursproces: Bestuursproces, regisseur: Any, proefballon: type[Proefballon]
) -> None:
    with transaction.atomic():
        append_event(
            bestuursproces=bestuursproces,
            type=Proefballon.code,
            actor=Actor(gebruiker=regisseur),
            payload={"ballon": "rood"},
        )

    staat = herbouw(geschiedenis(bestuursproces.pk))
    assert staat is not None
    assert staat["bestuursproces"]["ballon"] == "rood"
    items = tijdlijn(
        bestuursproces,
        None,
        Gebeurtenis.objects.latest("volgnummer").tijdstip,
        frozenset({"proces"}),
    )
    assert items[-1].omschrijving == "Ballon rood opgelaten"
    assert soorten.label(Proefballon.code) == "Proefballon opgelaten"
    assert (Proefballon.code, "Proefballon opgelaten") in soorten.keuzes()


def test_een_code_wordt_maar_een_keer_geregistreerd(proefballon: type[Proefballon]) -> None:
    class Dubbel(Proefballon):
        pass

    with pytest.raises(RuntimeError, match="al geregistreerd"):
        registreer(Dubbel)


def test_een_onbekende_code_is_geen_type() -> None:
    with pytest.raises(soorten.OnbekendeSoort):
        soorten.soort("proef.bestaat_niet")
    assert soorten.label("proef.bestaat_niet") == "proef.bestaat_niet"


def test_elk_type_heeft_een_naam_in_beide_talen_en_zegt_wat_zijn_moment_is() -> None:
    alle = soorten.alle()
    assert len(alle) >= 35
    with translation.override("en"):
        engels = {code: str(soort.label) for code, soort in alle.items()}
        momenten = {code: str(soort.moment) for code, soort in alle.items()}
    with translation.override("nl"):
        nederlands = {code: str(soort.label) for code, soort in alle.items()}
    assert engels["speler.beoordeeld"] == "Stakeholder assessed"
    assert nederlands["speler.beoordeeld"] == "Speler beoordeeld"
    assert all(momenten.values())


def test_wat_een_lezer_onder_het_niveau_ziet_komt_uit_de_registratie(
    bestuursproces: Bestuursproces,
) -> None:
    gebeurtenis = Gebeurtenis.objects.get(bestuursproces=bestuursproces, volgnummer=1)
    soort = soorten.soort(gebeurtenis.type)
    assert soort.afgeschermd(gebeurtenis, "kernteam") == {
        "afgeschermd": True,
        "zichtbaarheid": "kernteam",
    }
