"""The attention balance: per veld, per side of the creatielemniscaat, and neglected velden."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from cases import services
from cases.models import Zichtbaarheid
from cases.selectors import huidige_toestand, momentopname
from cases.selectors.aandacht import aandacht, aandacht_uit_staat
from tests.cases.api.helpers import API, PROBLEEM
from tests.factories import GebruikerFactory, actor_voor

from .conftest import Casus

# Depends on today's date: also run at awkward moments (tests/lastige_momenten.py).
pytestmark = pytest.mark.datumgevoelig

KERNTEAM = Zichtbaarheid.voor_rol("kernteam")
REGISSEUR = Zichtbaarheid.voor_rol("procesregisseur")
EIND_MAART = dt.date(2026, 3, 31)


def _per_veld(resultaat: Any) -> dict[str, Any]:
    return {v.veld: v for v in resultaat.velden}


def test_telt_uitgevoerde_interventies_per_veld_en_planning_apart(casus: Casus) -> None:
    resultaat = aandacht(casus.proces, KERNTEAM, van=None, tot=EIND_MAART)
    velden = _per_veld(resultaat)

    assert [v.veld for v in resultaat.velden] == [
        "positionerende",
        "interventie",
        "verbindende",
        "interne",
        "idee",
        "ontwerpende",
        "uitvoerende",
        "opdrachtgevende",
    ]
    assert (velden["verbindende"].aantal, velden["interne"].aantal) == (1, 1)
    assert velden["idee"].aantal == 1
    assert (velden["opdrachtgevende"].aantal, velden["opdrachtgevende"].gepland) == (0, 1)
    assert velden["verbindende"].laatste == dt.date(2026, 3, 2)
    # An intervention on two velden is one intervention.
    assert resultaat.totaal == 2


def test_kanten_van_de_lemniscaat(casus: Casus) -> None:
    kanten = {k.kant: k for k in aandacht(casus.proces, KERNTEAM, van=None, tot=EIND_MAART).kanten}

    assert kanten["wij"].velden == ("verbindende", "interne")
    assert kanten["ik"].velden == ("positionerende", "interventie")
    assert kanten["het"].velden == ("idee", "ontwerpende", "uitvoerende")
    assert kanten["zij"].velden == ("opdrachtgevende",)
    assert {k: (v.aantal, v.aandeel) for k, v in kanten.items()} == {
        "ik": (0, 0.0),
        "wij": (1, 0.5),
        "het": (1, 0.5),
        "zij": (0, 0.0),
    }


def test_verwaarloosde_velden_in_de_laatste_weken(casus: Casus) -> None:
    resultaat = aandacht(casus.proces, KERNTEAM, van=None, tot=EIND_MAART, weken=6)

    # 2 March is within six weeks of 31 March; 10 February is not; planned is not attention.
    assert "verbindende" not in resultaat.verwaarloosd
    assert "interne" not in resultaat.verwaarloosd
    assert {"idee", "opdrachtgevende", "positionerende", "ontwerpende"} <= set(
        resultaat.verwaarloosd
    )
    ruimer = aandacht(casus.proces, KERNTEAM, van=None, tot=EIND_MAART, weken=8)
    assert "idee" not in ruimer.verwaarloosd


def test_telt_alleen_wat_de_kijker_mag_zien(casus: Casus) -> None:
    als_kernteam = _per_veld(aandacht(casus.proces, KERNTEAM, van=None, tot=EIND_MAART))
    als_regisseur = _per_veld(aandacht(casus.proces, REGISSEUR, van=None, tot=EIND_MAART))
    als_opdrachtgever = _per_veld(
        aandacht(casus.proces, Zichtbaarheid.voor_rol("opdrachtgever"), van=None, tot=EIND_MAART)
    )

    assert (als_kernteam["positionerende"].aantal, als_regisseur["positionerende"].aantal) == (0, 1)
    assert als_kernteam["positionerende"].verwaarloosd
    assert not als_regisseur["positionerende"].verwaarloosd
    assert {veld: v.aantal for veld, v in als_opdrachtgever.items() if v.aantal} == {"idee": 1}


def test_periode_van_tot_op_de_datum_van_de_interventie(casus: Casus) -> None:
    maart = _per_veld(aandacht(casus.proces, KERNTEAM, van=dt.date(2026, 3, 1), tot=EIND_MAART))
    tot_februari = _per_veld(aandacht(casus.proces, KERNTEAM, van=None, tot=dt.date(2026, 2, 28)))

    assert maart["idee"].aantal == 0
    # The latest intervention is still known, so that neglect looks back before van.
    assert maart["idee"].laatste == dt.date(2026, 2, 10)
    assert tot_februari["verbindende"].aantal == 0
    assert tot_februari["idee"].aantal == 1


def _url(casus: Casus) -> str:
    return f"{API}/bestuursprocessen/{casus.proces.uuid}/aandacht"


def test_api_geeft_de_balans(casus: Casus, als: Any) -> None:
    response = als(casus.leden["kernteam"]).get(_url(casus), {"tot": "2026-03-31", "weken": 6})

    assert response.status_code == 200, response.content
    body = response.json()
    assert set(body) == {"van", "tot", "weken", "totaal", "velden", "kanten", "verwaarloosd"}
    assert (body["van"], body["tot"], body["weken"], body["totaal"]) == (None, "2026-03-31", 6, 2)
    verbindend = next(v for v in body["velden"] if v["veld"] == "verbindende")
    assert verbindend == {
        "veld": "verbindende",
        "veldNaam": "Verbindende veld",
        "lemniscaatkant": "wij",
        "aantal": 1,
        "gepland": 0,
        "laatste": "2026-03-02",
        "verwaarloosd": False,
    }
    assert "opdrachtgevende" in body["verwaarloosd"]


def test_api_standaard_tot_vandaag_en_zes_weken(casus: Casus, als: Any) -> None:
    body = als(casus.leden["procesregisseur"]).get(_url(casus)).json()

    assert body["weken"] == 6
    assert body["tot"] == timezone.localdate().isoformat()
    assert body["totaal"] == 3


@pytest.mark.parametrize(
    ("vraag", "veld"),
    [
        ({"weken": "0"}, "weken"),
        ({"weken": "veel"}, "weken"),
        ({"van": "2026-04-01", "tot": "2026-03-01"}, "van"),
        ({"tot": "gisteren"}, "tot"),
        ({"periode": "maart"}, "periode"),
    ],
)
def test_api_weigert_onjuiste_vragen(
    casus: Casus, als: Any, vraag: dict[str, str], veld: str
) -> None:
    response = als(casus.leden["kernteam"]).get(_url(casus), vraag)

    assert response.status_code == 400
    assert response["Content-Type"] == PROBLEEM
    assert veld in {p["name"] for p in response.json()["invalidParams"]}


def test_api_niet_voor_buitenstaanders(casus: Casus, als: Any) -> None:
    response = als(GebruikerFactory(username="vreemde")).get(_url(casus))

    assert response.status_code == 404


def test_uit_de_toestand_gelijk_aan_de_tabellen(casus: Casus) -> None:
    for rol in ("procesregisseur", "kernteam", "opdrachtgever"):
        zichtbaar = Zichtbaarheid.voor_rol(rol)
        staat = huidige_toestand(casus.proces, zichtbaar)

        assert aandacht_uit_staat(staat, van=None, tot=EIND_MAART) == aandacht(
            casus.proces, zichtbaar, van=None, tot=EIND_MAART
        )


def test_op_een_eerder_moment_telt_wat_toen_bekend_was(casus: Casus, regisseur: Any) -> None:
    # B was planned on 20 March; it is carried out (recorded) only now, dated 20 March.
    voordien = casus.proces.gebeurtenissen.order_by("volgnummer").last()
    assert voordien is not None
    services.voer_interventie_uit(
        actor=actor_voor(regisseur),
        interventie=casus.interventies["B"],
        wat_gedaan="Stuurgroep voorbereid.",
        uitgevoerd_op=dt.date(2026, 3, 20),
    )
    # The case as it stands now in world time, by what had been recorded before that.
    destijds = momentopname(
        casus.proces, timezone.now(), KERNTEAM, bekend_op=voordien.geregistreerd
    )
    assert destijds is not None

    toen = _per_veld(aandacht_uit_staat(destijds, van=None, tot=EIND_MAART))
    nu = _per_veld(aandacht(casus.proces, KERNTEAM, van=None, tot=EIND_MAART))

    assert (toen["opdrachtgevende"].aantal, toen["opdrachtgevende"].gepland) == (0, 1)
    assert (nu["opdrachtgevende"].aantal, nu["opdrachtgevende"].gepland) == (1, 0)


@pytest.mark.parametrize("vraag", [{"tot": "0001-01-05", "weken": "104"}, {"van": "9999-12-31"}])
def test_api_weigert_data_buiten_de_kalender_van_een_proces(
    casus: Casus, als: Any, vraag: dict[str, str]
) -> None:
    response = als(casus.leden["kernteam"]).get(_url(casus), vraag)

    assert response.status_code == 400
    assert response["Content-Type"] == PROBLEEM
