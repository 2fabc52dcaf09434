"""The status page's besluiten: the latest besluiten and the besluitmomenten that passed
without one, each as the reader's role may see them, now and on a past day."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from cases import services
from tests.factories import actor_voor

from . import _proces as p
from ._html import sectie
from ._proces import Statusproces

pytestmark = pytest.mark.datumgevoelig


def _pagina(als: Any, statusproces: Statusproces, gebruiker: Any, op: str = "") -> str:
    url = f"/processen/{statusproces.bestuursproces.uuid}/" + (f"?op={op}" if op else "")
    response = als(gebruiker).get(url)
    assert response.status_code == 200
    return sectie(response.content, "kop-besluiten")


def test_verlopen_besluitmoment_tot_het_besluit_er_is(
    als: Any, statusproces: Statusproces, statusleden: dict[str, Any], regisseur: Any
) -> None:
    opdrachtgever = statusleden["opdrachtgever"]
    voor = _pagina(als, statusproces, opdrachtgever)
    assert "Verlopen besluitmomenten" in voor
    assert p.GEVRAAGD_VOORBIJ in voor
    assert "Er zijn nog geen besluiten vastgelegd." in voor

    services.leg_besluit_vast(
        actor=actor_voor(regisseur),
        bestuursproces=statusproces.bestuursproces,
        titel="Mandaat verleend",
        orgaan="college",
        datum=timezone.localdate(),
        kenmerk="BW 2026/3",
        besluitmoment=p.datum(-30),
        zichtbaarheid="proces",
    )
    na = _pagina(als, statusproces, opdrachtgever)
    assert p.GEVRAAGD_VOORBIJ not in na
    assert "Mandaat verleend College van B&W BW 2026/3" in na
    # A day before the besluit, the page showed the besluitmoment as overdue.
    gisteren = p.datum(-1).isoformat()
    assert p.GEVRAAGD_VOORBIJ in _pagina(als, statusproces, opdrachtgever, gisteren)


def test_een_besluit_op_kernteamniveau_ziet_de_opdrachtgever_niet(
    als: Any, statusproces: Statusproces, statusleden: dict[str, Any], regisseur: Any
) -> None:
    services.leg_besluit_vast(
        actor=actor_voor(regisseur),
        bestuursproces=statusproces.bestuursproces,
        titel="Voorlopig akkoord van de stuurgroep",
        orgaan="anders",
        orgaan_naam="Stuurgroep",
        datum=timezone.localdate(),
        besluitmoment=p.datum(-30),
        zichtbaarheid="kernteam",
    )
    kernteam = _pagina(als, statusproces, statusleden["kernteam"])
    assert "Voorlopig akkoord van de stuurgroep Stuurgroep" in kernteam
    assert p.GEVRAAGD_VOORBIJ not in kernteam
    opdrachtgever = _pagina(als, statusproces, statusleden["opdrachtgever"])
    assert "Voorlopig akkoord" not in opdrachtgever
    assert p.GEVRAAGD_VOORBIJ in opdrachtgever


def test_afspraken_verlopen_eerst_en_per_rol(
    als: Any, statusproces: Statusproces, statusleden: dict[str, Any], regisseur: Any
) -> None:
    actor = actor_voor(regisseur)
    proces = statusproces.bestuursproces
    corporatie = statusproces.corporatie

    def maak(wat: str, uiterlijk: int, zichtbaarheid: str = "proces") -> Any:
        return services.maak_afspraak(
            actor=actor,
            bestuursproces=proces,
            wat=wat,
            door=corporatie,
            datum=p.datum(-3),
            uiterlijk=p.datum(uiterlijk),
            zichtbaarheid=zichtbaarheid,
        )

    maak("Planning delen", 10)
    maak("Grondprijs aanleveren", -2)
    klaar = maak("Huurders informeren", 5)
    services.handel_afspraak_af(actor=actor, afspraak=klaar, status="nagekomen")
    maak("Vertrouwelijk overleg", -1, "kernteam")

    def sectie_voor(rol: str) -> str:
        response = als(statusleden[rol]).get(f"/processen/{proces.uuid}/")
        return sectie(response.content, "kop-afspraken")

    opdrachtgever = sectie_voor("opdrachtgever")
    volgorde = [
        opdrachtgever.index(wat)
        for wat in ("Grondprijs aanleveren", "Planning delen", "Huurders informeren")
    ]
    assert volgorde == sorted(volgorde)
    assert f"Grondprijs aanleveren {corporatie.naam}" in opdrachtgever
    assert "Verlopen" in opdrachtgever
    assert "Vertrouwelijk overleg" not in opdrachtgever
    assert "Vertrouwelijk overleg" in sectie_voor("kernteam")
