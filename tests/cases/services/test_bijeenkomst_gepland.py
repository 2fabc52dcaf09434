"""Planned bijeenkomsten: recorded ahead of time, later gehouden (with attendance and verslag)
or geannuleerd (with a reason), each a fact in world time."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from cases import services
from cases.events import herbouw
from cases.events.wereldtijd import geschiedenis
from cases.exceptions import OngeldigeInvoer, OngeldigeOvergang
from cases.models import Bestuursproces, Bijeenkomst, Bijeenkomstsoort, Deelnemer
from cases.selectors import huidige_toestand
from cases.selectors.besluiten import aanwezigheid
from cases.selectors.tijdlijn import tijdlijn
from cases.services import DeelnemerInvoer
from tests.factories import actor_voor, open_proces

from ._hulp import (
    REGISSEUR_NAAM,
    gebeurtenissen_na,
    laatste_volgnummer,
    maak_speler,
    samenvatting,
    schrijft_niets,
    verwacht,
)

ALLES = frozenset({"proces", "kernteam", "regisseur"})


def _dag(dagen: int) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=dagen)


@pytest.fixture
def proces(regisseur: Any) -> Bestuursproces:
    return open_proces(regisseur, tijdstip=timezone.now() - dt.timedelta(days=20))


def plan(regisseur: Any, proces: Bestuursproces, **velden: Any) -> Bijeenkomst:
    return services.leg_bijeenkomst_vast(
        **{
            "actor": actor_voor(regisseur),
            "bestuursproces": proces,
            "titel": "Werksessie havenfront",
            "soort": Bijeenkomstsoort.objects.get(code="werksessie"),
            "datum": _dag(7),
            "zichtbaarheid": "proces",
            "gepland": True,
            **velden,
        }
    )


def test_een_geplande_bijeenkomst_in_de_toekomst(proces: Bestuursproces, regisseur: Any) -> None:
    actor = actor_voor(regisseur)
    anna = maak_speler(actor, proces, naam="Anna")
    voor = laatste_volgnummer(proces)
    bijeenkomst = plan(
        regisseur,
        proces,
        agenda="1. Varianten",
        deelnemers=[DeelnemerInvoer(speler=anna), DeelnemerInvoer(naam="Bewoner")],
        toelichting="Uitnodiging verstuurd",
    )

    assert (bijeenkomst.status, bijeenkomst.datum) == ("gepland", _dag(7))
    [gebeurtenis] = gebeurtenissen_na(proces, voor)
    assert samenvatting(gebeurtenis) == verwacht(
        voor + 1,
        "bijeenkomst.gepland",
        {
            "bijeenkomst": {
                "uuid": str(bijeenkomst.uuid),
                "titel": "Werksessie havenfront",
                "soort": "werksessie",
                "datum": _dag(7).isoformat(),
                "waar": "",
                "agenda": "1. Varianten",
                "verslag": "",
                "wyberstap": None,
                "interventies": [],
                "deelnemers": [
                    {
                        "speler": str(anna.uuid),
                        "opdrachtgever": None,
                        "naam": "",
                        "uitgenodigd": True,
                        "aanwezig": False,
                    },
                    {
                        "speler": None,
                        "opdrachtgever": None,
                        "naam": "Bewoner",
                        "uitgenodigd": True,
                        "aanwezig": False,
                    },
                ],
                "status": "gepland",
                "geannuleerdOp": None,
                "redenAnnulering": "",
                "zichtbaarheid": "proces",
                "vastgelegdDoor": "regisseur",
            }
        },
        door=regisseur,
        naam=REGISSEUR_NAAM,
        toelichting="Uitnodiging verstuurd",
    )
    # Recorded now, not on the day it will be held.
    assert timezone.localdate(gebeurtenis.tijdstip) == _dag(0)
    toestand = huidige_toestand(proces)
    assert herbouw(geschiedenis(proces.pk)) == toestand
    assert toestand["bijeenkomsten"][0]["status"] == "gepland"
    # Attendance counts only meetings that were held.
    assert aanwezigheid(proces, ALLES) == []


@pytest.mark.parametrize(
    ("velden", "veld", "code"),
    [
        ({"datum": _dag(-1)}, "datum", "verleden"),
        ({"verslag": "Al gebeurd?"}, "verslag", "nog_niet_gehouden"),
        (
            {"deelnemers": [DeelnemerInvoer(naam="Ans", aanwezig=True)]},
            "deelnemers.0",
            "nog_niet_gehouden",
        ),
    ],
)
def test_gepland_weigert_verleden_verslag_en_aanwezigen(
    proces: Bestuursproces, regisseur: Any, velden: dict[str, Any], veld: str, code: str
) -> None:
    with schrijft_niets(), pytest.raises(OngeldigeInvoer) as gevangen:
        plan(regisseur, proces, **velden)
    assert [c for c, _ in gevangen.value.fouten[veld]] == [code]


def test_gehouden_met_aanwezigheid_en_verslag(proces: Bestuursproces, regisseur: Any) -> None:
    actor = actor_voor(regisseur)
    anna = maak_speler(actor, proces, naam="Anna")
    bijeenkomst = plan(regisseur, proces, datum=_dag(0), deelnemers=[DeelnemerInvoer(speler=anna)])
    voor = laatste_volgnummer(proces)
    gehouden = services.markeer_bijeenkomst_gehouden(
        actor=actor,
        bijeenkomst=bijeenkomst,
        deelnemers=[
            DeelnemerInvoer(speler=anna, aanwezig=True),
            DeelnemerInvoer(naam="Gast", uitgenodigd=False, aanwezig=True),
        ],
        verslag="Twee varianten blijven over.",
        toelichting="Afgelopen",
    )

    assert (gehouden.status, gehouden.verslag) == ("gehouden", "Twee varianten blijven over.")
    assert list(
        Deelnemer.objects.filter(bijeenkomst=bijeenkomst).values_list("naam", "aanwezig")
    ) == [("", True), ("Gast", True)]
    [gebeurtenis] = gebeurtenissen_na(proces, voor)
    assert gebeurtenis.type == "bijeenkomst.gehouden"
    assert gebeurtenis.toelichting == "Afgelopen"
    payload = gebeurtenis.payload["bijeenkomst"]
    assert (payload["status"], payload["verslag"], payload["datum"]) == (
        "gehouden",
        "Twee varianten blijven over.",
        _dag(0).isoformat(),
    )
    assert [d["aanwezig"] for d in payload["deelnemers"]] == [True, True]
    toestand = huidige_toestand(proces)
    assert herbouw(geschiedenis(proces.pk)) == toestand
    [regel] = [r for r in aanwezigheid(proces, ALLES) if r.speler == anna]
    assert (regel.uitgenodigd, regel.aanwezig) == (1, 1)
    zinnen = [item.omschrijving for item in tijdlijn(proces, None, timezone.now(), ALLES)]
    assert "Bijeenkomst 'Werksessie havenfront' gehouden: 1 uitgenodigd, 2 aanwezig" in zinnen


def test_gehouden_in_de_toekomst_of_voor_de_planning_wordt_geweigerd(
    proces: Bestuursproces, regisseur: Any
) -> None:
    bijeenkomst = plan(regisseur, proces)  # planned for a week from now
    actor = actor_voor(regisseur)
    with schrijft_niets(), pytest.raises(OngeldigeInvoer) as gevangen:
        services.markeer_bijeenkomst_gehouden(actor=actor, bijeenkomst=bijeenkomst)
    assert [c for c, _ in gevangen.value.fouten["datum"]] == ["toekomst"]
    with schrijft_niets(), pytest.raises(OngeldigeInvoer) as gevangen:
        services.markeer_bijeenkomst_gehouden(actor=actor, bijeenkomst=bijeenkomst, datum=_dag(-2))
    assert [c for c, _ in gevangen.value.fouten["datum"]] == ["voor_planning"]


def test_geannuleerd_met_reden_en_daarna_onveranderlijk(
    proces: Bestuursproces, regisseur: Any
) -> None:
    actor = actor_voor(regisseur)
    bijeenkomst = plan(regisseur, proces)
    with schrijft_niets(), pytest.raises(OngeldigeInvoer):
        services.annuleer_bijeenkomst(actor=actor, bijeenkomst=bijeenkomst, reden=" ")
    voor = laatste_volgnummer(proces)
    services.annuleer_bijeenkomst(
        actor=actor, bijeenkomst=bijeenkomst, reden="Wethouder verhinderd"
    )
    [gebeurtenis] = gebeurtenissen_na(proces, voor)
    assert (gebeurtenis.type, gebeurtenis.payload) == (
        "bijeenkomst.geannuleerd",
        {
            "annulering": {
                "uuid": str(bijeenkomst.uuid),
                "geannuleerdOp": _dag(0).isoformat(),
                "reden": "Wethouder verhinderd",
            },
        },
    )
    bijeenkomst.refresh_from_db()
    assert (bijeenkomst.status, bijeenkomst.geannuleerd_op) == ("geannuleerd", _dag(0))
    toestand = huidige_toestand(proces)
    assert herbouw(geschiedenis(proces.pk)) == toestand
    assert toestand["bijeenkomsten"][0]["redenAnnulering"] == "Wethouder verhinderd"
    zinnen = [item.omschrijving for item in tijdlijn(proces, None, timezone.now(), ALLES)]
    assert any(z.startswith("Bijeenkomst 'Werksessie havenfront' geannuleerd") for z in zinnen)

    for doe in (
        lambda: services.markeer_bijeenkomst_gehouden(
            actor=actor, bijeenkomst=bijeenkomst, datum=_dag(0)
        ),
        lambda: services.annuleer_bijeenkomst(actor=actor, bijeenkomst=bijeenkomst, reden="x"),
        lambda: services.wijzig_bijeenkomst(
            actor=actor, bijeenkomst=bijeenkomst, wijzigingen={"titel": "Nieuw"}
        ),
    ):
        with schrijft_niets(), pytest.raises(OngeldigeOvergang) as gevangen:
            doe()
        assert gevangen.value.code == "bijeenkomst-geannuleerd"


def test_een_gehouden_bijeenkomst_loopt_niet_nog_eens_af(
    proces: Bestuursproces, regisseur: Any
) -> None:
    actor = actor_voor(regisseur)
    bijeenkomst = plan(regisseur, proces, datum=_dag(0))
    services.markeer_bijeenkomst_gehouden(actor=actor, bijeenkomst=bijeenkomst)
    with schrijft_niets(), pytest.raises(OngeldigeOvergang) as gevangen:
        services.annuleer_bijeenkomst(actor=actor, bijeenkomst=bijeenkomst, reden="Te laat")
    assert gevangen.value.code == "bijeenkomst-gehouden"


def test_uit_een_geplande_bijeenkomst_komt_nog_geen_besluit(
    proces: Bestuursproces, regisseur: Any
) -> None:
    bijeenkomst = plan(regisseur, proces)
    with schrijft_niets(), pytest.raises(OngeldigeInvoer) as gevangen:
        services.leg_besluit_vast(
            actor=actor_voor(regisseur),
            bestuursproces=proces,
            titel="Akkoord",
            orgaan="college",
            datum=_dag(0),
            bijeenkomst=bijeenkomst,
            zichtbaarheid="proces",
        )
    assert [c for c, _ in gevangen.value.fouten["bijeenkomst"]] == ["niet_gehouden"]


def test_geplande_bijeenkomst_wijzigen_zonder_aanwezigen(
    proces: Bestuursproces, regisseur: Any
) -> None:
    actor = actor_voor(regisseur)
    bijeenkomst = plan(regisseur, proces)
    services.wijzig_bijeenkomst(
        actor=actor,
        bijeenkomst=bijeenkomst,
        wijzigingen={"agenda": "1. Nieuw", "deelnemers": [DeelnemerInvoer(naam="Cor")]},
    )
    with schrijft_niets(), pytest.raises(OngeldigeInvoer) as gevangen:
        services.wijzig_bijeenkomst(
            actor=actor,
            bijeenkomst=bijeenkomst,
            wijzigingen={"deelnemers": [DeelnemerInvoer(naam="Cor", aanwezig=True)]},
        )
    assert list(gevangen.value.fouten) == ["deelnemers.0"]
    assert herbouw(geschiedenis(proces.pk)) == huidige_toestand(proces)
