"""Stands of the tijdlijn's memory: a fact entered late tells again only what follows the
nearest stand before its moment, and leaves the rows a rebuild of the whole log gives.

The property over random histories (facts entered in any order, corrected dates) is in
test_wereldtijd_eigenschap.py, with a stand every two events; these are the single cases:
which path a late fact takes, an item on a date of its own that a late change moves although
it lies before the stand, and the stand's memory read back as it was written.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import transaction

from cases import services
from cases.events import geheugenstanden, tijdlijnregels
from cases.events.geheugenspoor import Spoor
from cases.events.tijdlijnvertelling import ALLE_VELDEN, NIVEAUS
from cases.models import Bestuursproces, Geheugenstand, Interventie, Speler, Tijdlijnregel
from tests.cases._interventies import veld
from tests.cases._leesmodel import leesmodel
from tests.factories import actor_voor

from ._standen import AMS, dijkversterking
from ._standen import dag as _dag

pytestmark = pytest.mark.django_db


def _proces(regisseur: Any) -> tuple[Bestuursproces, Speler, Interventie]:
    """A case with an interventie on day 3 and notes on days 10 to 20, in order."""
    proces, speler = dijkversterking(regisseur)
    veld("verbindende")
    interventie = _interventie(regisseur, proces, speler, 3, titel="Keukentafelgesprek")
    for dag in range(10, 21):
        _notitie(regisseur, proces, speler, dag)
    return proces, speler, interventie


def _interventie(
    regisseur: Any, proces: Bestuursproces, speler: Speler, dag: int, **velden: Any
) -> Interventie:
    """An interventie with the speler, logged on its own day."""
    return services.log_interventie(
        actor=actor_voor(regisseur),
        bestuursproces=proces,
        datum=_dag(dag).date(),
        velden=["verbindende"],
        niveau="individu",
        aangrijpingspunt="interactie",
        zwaarte="licht",
        beoogd_effect="Het waterschap doet mee",
        spelers=[speler],
        tijdstip=_dag(dag),
        **velden,
    )


def _notitie(regisseur: Any, proces: Bestuursproces, speler: Speler, dag: int) -> None:
    services.maak_notitie(
        actor=actor_voor(regisseur),
        bestuursproces=proces,
        tekst=f"Dag {dag}",
        zichtbaarheid=("proces", "kernteam", "regisseur")[dag % 3],
        speler=speler,
        tijdstip=_dag(dag),
    )


@pytest.fixture
def vertellingen(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Where each telling of the rebuild started (None: at the opening)."""
    gestart: list[Any] = []
    echt = tijdlijnregels._vertel_opnieuw

    def vertel_opnieuw(*args: Any, **kwargs: Any) -> None:
        gestart.append(kwargs.get("na"))
        echt(*args, **kwargs)

    monkeypatch.setattr(tijdlijnregels, "_vertel_opnieuw", vertel_opnieuw)
    return gestart


def _zoals_herbouwd(proces: Bestuursproces) -> None:
    """The rows kept are those a rebuild of the whole log gives. The rebuild is rolled back:
    the next late fact goes on from the rows and stands the late facts before it left."""
    bijgehouden = leesmodel(proces)
    with transaction.atomic():
        tijdlijnregels.herbouw(proces)
        herbouwd = leesmodel(proces)
        transaction.set_rollback(True)
    assert herbouwd == bijgehouden


def test_zonder_stand_wordt_alles_verteld_en_daarna_alleen_wat_volgt(
    regisseur: Any, settings: Any, vertellingen: list[Any]
) -> None:
    settings.FOLDSTAND_INTERVAL = 3
    proces, speler, _ = _proces(regisseur)
    assert not Geheugenstand.objects.filter(bestuursproces=proces).exists()

    _notitie(regisseur, proces, speler, 15)  # late: no stand yet, the whole log is told
    assert vertellingen == [None]
    standen = list(
        Geheugenstand.objects.filter(bestuursproces=proces).values_list("aantal", "volgnummer")
    )
    assert [aantal for aantal, _ in standen] == [3, 6, 9, 12, 15]
    _zoals_herbouwd(proces)

    vertellingen.clear()
    _notitie(regisseur, proces, speler, 18)  # late again: from the last stand before day 18
    (na,) = vertellingen
    stand = Geheugenstand.objects.get(bestuursproces=proces, tijdstip=na[0], volgnummer=na[1])
    assert stand.tijdstip < _dag(18)
    assert not Geheugenstand.objects.filter(
        bestuursproces=proces, tijdstip__gt=stand.tijdstip, tijdstip__lt=_dag(18)
    ).exists()
    _zoals_herbouwd(proces)


def test_een_late_wijziging_verzet_een_item_van_voor_de_stand(
    regisseur: Any, settings: Any, vertellingen: list[Any]
) -> None:
    """The interventie's item (day 3) lies before every stand; a change of its date entered
    late (day 17) moves it, as a rebuild of the whole log does."""
    settings.FOLDSTAND_INTERVAL = 3
    proces, speler, interventie = _proces(regisseur)
    _notitie(regisseur, proces, speler, 12)  # the first late fact stores the stands
    vertellingen.clear()

    services.wijzig_interventie(
        actor=actor_voor(regisseur),
        interventie=interventie,
        wijzigingen={"datum": _dag(2).date()},
        tijdstip=_dag(17),
    )

    (na,) = vertellingen
    assert na is not None  # from a stand, not from the opening
    item = Tijdlijnregel.objects.get(bestuursproces=proces, soort="interventie.gelogd")
    assert item.tijdstip == dt.datetime.combine(_dag(2).date(), dt.time.min, tzinfo=AMS)
    _zoals_herbouwd(proces)


def test_een_gecorrigeerde_datum_vertelt_vanaf_het_vroegste_moment(
    regisseur: Any, settings: Any, vertellingen: list[Any]
) -> None:
    """A note moved from day 19 to day 11 is told again from before its new moment."""
    settings.FOLDSTAND_INTERVAL = 3
    proces, speler, _ = _proces(regisseur)
    _notitie(regisseur, proces, speler, 12)
    vertellingen.clear()
    notitie = Tijdlijnregel.objects.get(bestuursproces=proces, tijdstip=_dag(19))
    naar = _dag(11) + dt.timedelta(hours=1)

    services.corrigeer_datum(
        actor=actor_voor(regisseur),
        bestuursproces=proces,
        volgnummer=notitie.volgnummer,
        tijdstip=naar,
        toelichting="Verkeerde dag ingetypt",
    )

    (na,) = vertellingen
    assert na is not None
    assert na[0] < naar
    _zoals_herbouwd(proces)


def test_het_geheugen_van_een_stand_leest_terug_zoals_het_was() -> None:
    standen = {niveau: {veld: Spoor() for veld in ALLE_VELDEN} for niveau in NIVEAUS}
    for niveau in NIVEAUS:
        standen[niveau]["partijen"]["a"] = "Waterschap"
        standen[niveau]["opties"]["o"] = ["Dijk omhoog", "s"]
    standen[NIVEAUS[-1]]["partijen"]["b"] = "Alleen de regisseur weet dit"

    gelezen = geheugenstanden.decodeer(geheugenstanden.codeer(standen))

    assert {n: {v: dict(s) for v, s in sporen.items()} for n, sporen in gelezen.items()} == {
        n: {v: dict(s) for v, s in sporen.items()} for n, sporen in standen.items()
    }
    # Each level its own copy: teaching one level teaches no other.
    gelezen[NIVEAUS[0]]["opties"]["o"].append("x")
    assert gelezen[NIVEAUS[1]]["opties"]["o"] == ["Dijk omhoog", "s"]
    assert all(isinstance(s, Spoor) for sporen in gelezen.values() for s in sporen.values())


def test_een_interventie_laat_gelogd_uitgevoerd_en_geevalueerd(
    regisseur: Any, settings: Any, vertellingen: list[Any]
) -> None:
    """An interventie's whole cycle entered late, each step from a stand: its items (on dates
    of their own) and what they remember are those of a rebuild of the whole log."""
    settings.FOLDSTAND_INTERVAL = 2
    proces, speler, _ = _proces(regisseur)
    _notitie(regisseur, proces, speler, 11)  # the first late fact stores the stands
    vertellingen.clear()
    actor = actor_voor(regisseur)

    interventie = _interventie(
        regisseur, proces, speler, 14, titel="Rondetafel", zichtbaarheid="regisseur"
    )
    _zoals_herbouwd(proces)
    services.voer_interventie_uit(
        actor=actor,
        interventie=interventie,
        wat_gedaan="Gesprek gevoerd",
        uitgevoerd_op=_dag(16).date(),
        tijdstip=_dag(16),
    )
    _zoals_herbouwd(proces)
    services.wijzig_interventie(
        actor=actor,
        interventie=interventie,
        wijzigingen={"titel": "Rondetafel met het waterschap"},
        tijdstip=_dag(17),
    )
    _zoals_herbouwd(proces)

    services.evalueer_interventie(
        actor=actor,
        interventie=interventie,
        waargenomen_effect="Iedereen kwam",
        uitgepakt="ja",
        geevalueerd_op=_dag(18).date(),
        tijdstip=_dag(18),
    )
    _zoals_herbouwd(proces)

    # Each late step told from a stand; each check after it told the whole log.
    assert [na is not None for na in vertellingen] == [True, False] * 4
