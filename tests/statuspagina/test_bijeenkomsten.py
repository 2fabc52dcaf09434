"""The status page's bijeenkomsten: the coming ones and the latest, as the reader's role may
see them, now and on a past day."""

from __future__ import annotations

from typing import Any

import pytest

from cases import services
from cases.models import Bijeenkomstsoort
from cases.selectors import huidige_toestand
from cases.services import DeelnemerInvoer
from statuspagina.bijeenkomsten import bijeenkomsten, uit_staat
from tests.factories import actor_voor

from . import _proces as p
from ._html import sectie
from ._proces import Statusproces

pytestmark = pytest.mark.datumgevoelig


def _pagina(als: Any, statusproces: Statusproces, gebruiker: Any, op: str = "") -> str:
    url = f"/processen/{statusproces.bestuursproces.uuid}/" + (f"?op={op}" if op else "")
    response = als(gebruiker).get(url)
    assert response.status_code == 200
    return sectie(response.content, "kop-bijeenkomsten")


def _leg_vast(regisseur: Any, statusproces: Statusproces, **velden: Any) -> Any:
    return services.leg_bijeenkomst_vast(
        **{
            "actor": actor_voor(regisseur),
            "bestuursproces": statusproces.bestuursproces,
            "soort": Bijeenkomstsoort.objects.get(code="werksessie"),
            "zichtbaarheid": "proces",
            **velden,
        }
    )


def test_komende_en_recente_bijeenkomsten(
    als: Any, statusproces: Statusproces, statusleden: dict[str, Any], regisseur: Any
) -> None:
    opdrachtgever = statusleden["opdrachtgever"]
    leeg = _pagina(als, statusproces, opdrachtgever)
    assert "Er zijn geen bijeenkomsten gepland." in leeg
    assert "Er zijn nog geen bijeenkomsten gehouden." in leeg

    _leg_vast(
        regisseur,
        statusproces,
        titel="Werksessie varianten",
        datum=p.datum(-3),
        deelnemers=[
            *(DeelnemerInvoer(naam=f"Bewoner {i}", aanwezig=i < 5) for i in range(12)),
        ],
    )
    _leg_vast(
        regisseur,
        statusproces,
        titel="Stuurgroep",
        datum=p.datum(10),
        gepland=True,
        deelnemers=[DeelnemerInvoer(naam="Wethouder")],
    )
    afgelast = _leg_vast(regisseur, statusproces, titel="Inloop", datum=p.datum(5), gepland=True)
    services.annuleer_bijeenkomst(
        actor=actor_voor(regisseur), bijeenkomst=afgelast, reden="Zaal niet beschikbaar"
    )
    _leg_vast(
        regisseur,
        statusproces,
        titel="Geheim overleg",
        datum=p.datum(2),
        gepland=True,
        zichtbaarheid="regisseur",
    )

    tekst = _pagina(als, statusproces, opdrachtgever)
    komend, recent = tekst.split("Recente bijeenkomsten")
    assert "Stuurgroep (werksessie; 1 uitgenodigd)" in komend
    assert "Inloop" not in komend
    assert "Werksessie varianten Werksessie 5 van 12 uitgenodigd Gehouden" in recent
    assert "Inloop Werksessie 0 van 0 uitgenodigd Geannuleerd: Zaal niet beschikbaar" in recent
    assert "Geheim overleg" not in tekst
    assert "Geheim overleg" in _pagina(als, statusproces, regisseur)

    # Four days ago none of these had been held or recorded as held.
    eerder = _pagina(als, statusproces, opdrachtgever, p.datum(-4).isoformat())
    assert "Werksessie varianten" not in eerder


def test_een_geplande_dag_die_voorbij_is_zonder_afloop_valt_op(
    statusproces: Statusproces, regisseur: Any
) -> None:
    _leg_vast(regisseur, statusproces, titel="Bilateraal", datum=p.datum(0), gepland=True)
    staat = huidige_toestand(statusproces.bestuursproces)
    # Today it is still to come; from tomorrow on, it is overdue until marked held or cancelled.
    assert [r.titel for r in bijeenkomsten(uit_staat(staat), p.datum(0))[0]] == ["Bilateraal"]
    komend, [regel] = bijeenkomsten(uit_staat(staat), p.datum(1))
    assert komend == []
    assert regel.niet_afgemeld
    assert regel.stand == "Gepland; nog niet als gehouden vastgelegd"
