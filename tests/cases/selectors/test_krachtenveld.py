"""krachtenveld: who stands where, grouped by standpunt and macht, at a moment and per viewer."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from cases import selectors

from ._tijdlijn import ALLES, KERNTEAM, PROCES, Tijdlijn


def _groepen(veld: dict[str, Any] | None) -> list[tuple[str, str, list[str]]]:
    assert veld is not None
    return [
        (groep["standpunt"], groep["macht"], [p["naam"] for p in groep["partijen"]])
        for groep in veld["groepen"]
    ]


def _niet_beoordeeld(veld: dict[str, Any] | None) -> list[str]:
    assert veld is not None
    return [p["naam"] for p in veld["nietBeoordeeld"]]


# --- krachtenveld: grouping ------------------------------------------------------------------


def test_groepen_op_standpunt_en_macht_in_vaste_volgorde(tijdlijn: Tijdlijn) -> None:
    """Standpunt: voor, afwachtend, tegen, onbekend; macht from strongest to none, with an
    opdrachtgever's doorzettingsmacht after blokkademacht; within a group most invloed first."""
    t = tijdlijn
    plaatsen = [
        # naam, standpunt, macht, invloed
        ("Anna", "voorstander", "productiemacht", 2),
        ("Bram", "voorstander", "productiemacht", 5),
        ("Ilse", "voorstander", "productiemacht", 5),  # same invloed as Bram: by name
        ("Cor", "tegenstander", "blokkademacht", 4),
        ("Dirk", "afwachtend", "diffuse_macht", 1),
        ("Eva", "onbekend", "geen", 1),
        ("Fien", "voorstander", "geen", 3),
        ("Gijs", "afwachtend", "blokkademacht", 3),
        ("Joost", "tegenstander", "productiemacht", 2),
    ]
    for dag, (naam, standpunt, macht, invloed) in enumerate(plaatsen, start=1):
        speler = t.speler(naam, dag)
        t.beoordeel(speler, dag, standpunt=standpunt, macht=macht, invloed=invloed)
    wethouder = t.opdrachtgever("Wethouder", 20)
    t.beoordeel_og(wethouder, 20, steun="voorstander", stevigheid=4)
    directeur = t.opdrachtgever("Directeur", 21, rol="ambtelijk_opdrachtgever")
    t.beoordeel_og(directeur, 21, steun="tegenstander", stevigheid=2)
    t.opdrachtgever("Gemeenteraad", 22, rol="gemeenteraad")
    t.speler("Henk", 23)

    veld = t.krachtenveld(30)

    assert _groepen(veld) == [
        ("voorstander", "productiemacht", ["Bram", "Ilse", "Anna"]),
        ("voorstander", "doorzettingsmacht", ["Wethouder"]),
        ("voorstander", "geen", ["Fien"]),
        ("afwachtend", "blokkademacht", ["Gijs"]),
        ("afwachtend", "diffuse_macht", ["Dirk"]),
        ("tegenstander", "productiemacht", ["Joost"]),
        ("tegenstander", "blokkademacht", ["Cor"]),
        ("tegenstander", "doorzettingsmacht", ["Directeur"]),
        ("onbekend", "geen", ["Eva"]),
    ]
    # Spelers first, then opdrachtgevers, each by name.
    assert _niet_beoordeeld(veld) == ["Henk", "Gemeenteraad"]
    assert veld is not None
    assert veld["volgnummer"] == selectors.huidige_toestand(t.bestuursproces)["volgnummer"]


def test_een_partij_in_het_krachtenveld(tijdlijn: Tijdlijn) -> None:
    t = tijdlijn
    anna = t.speler("Anna", 1, veld="interne")
    t.betrokkenheid(anna, "aansluiten", "Doet mee", 2)
    beoordeling = t.beoordeel(
        anna, 3, standpunt="tegenstander", macht="blokkademacht", invloed=4, unieke_macht=True
    )
    wethouder = t.opdrachtgever("Wethouder", 4)
    og = t.beoordeel_og(wethouder, 5, steun="afwachtend", stevigheid=5, onderling_vertrouwen=1)
    henk = t.speler("Henk", 6, veld="uitvoerende")

    veld = t.krachtenveld(10)
    assert veld is not None
    assert veld["groepen"] == [
        {
            "standpunt": "afwachtend",
            "macht": "doorzettingsmacht",
            "partijen": [
                {
                    "soort": "opdrachtgever",
                    "uuid": str(wethouder.uuid),
                    "naam": "Wethouder",
                    "veld": "opdrachtgevende",
                    "betrokkenheid": "nog_te_betrekken",
                    "invloed": 5,  # the stevigheid
                    "uniekeMacht": None,
                    "beoordeeldOp": og.tijdstip.astimezone(dt.UTC).strftime(
                        "%Y-%m-%dT%H:%M:%S.%fZ"
                    ),
                }
            ],
        },
        {
            "standpunt": "tegenstander",
            "macht": "blokkademacht",
            "partijen": [
                {
                    "soort": "speler",
                    "uuid": str(anna.uuid),
                    "naam": "Anna",
                    "veld": "interne",
                    "betrokkenheid": "aangehaakt",
                    "invloed": 4,
                    "uniekeMacht": True,
                    "beoordeeldOp": beoordeling.tijdstip.astimezone(dt.UTC).strftime(
                        "%Y-%m-%dT%H:%M:%S.%fZ"
                    ),
                }
            ],
        },
    ]
    assert veld["nietBeoordeeld"] == [
        {
            "soort": "speler",
            "uuid": str(henk.uuid),
            "naam": "Henk",
            "veld": "uitvoerende",
            "betrokkenheid": "nog_te_betrekken",
            "invloed": None,
            "uniekeMacht": None,
            "beoordeeldOp": None,
        }
    ]


def test_alleen_de_laatste_beoordeling_telt(tijdlijn: Tijdlijn) -> None:
    t = tijdlijn
    anna = t.speler("Anna", 1)
    t.beoordeel(anna, 2, standpunt="voorstander", macht="productiemacht")
    t.beoordeel(anna, 3, standpunt="tegenstander", macht="blokkademacht")
    assert _groepen(t.krachtenveld(4)) == [("tegenstander", "blokkademacht", ["Anna"])]


def test_krachtenveld_op_een_eerder_moment(tijdlijn: Tijdlijn) -> None:
    t = tijdlijn
    anna = t.speler("Anna", 10)
    wethouder = t.opdrachtgever("Wethouder", 10)
    t.beoordeel(anna, 20, standpunt="voorstander", macht="productiemacht")
    t.beoordeel_og(wethouder, 25, steun="voorstander")
    t.beoordeel(anna, 40, standpunt="tegenstander", macht="blokkademacht")
    t.betrokkenheid(anna, "afhaken", "Voelt zich gepasseerd", 45)

    assert t.krachtenveld(-1) is None  # before the case was opened
    assert t.krachtenveld(0) == {"volgnummer": 3, "groepen": [], "nietBeoordeeld": []}
    assert _niet_beoordeeld(t.krachtenveld(15)) == ["Anna", "Wethouder"]

    in_maand_een = t.krachtenveld(30)
    assert _groepen(in_maand_een) == [
        ("voorstander", "productiemacht", ["Anna"]),
        ("voorstander", "doorzettingsmacht", ["Wethouder"]),
    ]
    assert in_maand_een is not None
    assert in_maand_een["groepen"][0]["partijen"][0]["betrokkenheid"] == "nog_te_betrekken"

    nu = selectors.krachtenveld(t.bestuursproces, timezone.now(), ALLES)
    assert _groepen(nu) == [
        ("voorstander", "doorzettingsmacht", ["Wethouder"]),
        ("tegenstander", "blokkademacht", ["Anna"]),
    ]
    assert nu is not None
    assert nu["groepen"][1]["partijen"][0]["betrokkenheid"] == "afgehaakt"
    assert nu == t.krachtenveld(45)


def test_krachtenveld_per_zichtbaarheid(tijdlijn: Tijdlijn, leden_tijdlijn: dict[str, Any]) -> None:
    t = tijdlijn
    anna = t.speler("Anna", 10)
    bram = t.speler("Bram", 10)
    cor = t.speler("Cor", 10)
    wethouder = t.opdrachtgever("Wethouder", 10)
    t.beoordeel(anna, 11, standpunt="voorstander", macht="productiemacht")
    t.beoordeel(
        anna, 12, standpunt="tegenstander", macht="blokkademacht", zichtbaarheid="regisseur"
    )
    t.beoordeel(bram, 13, standpunt="afwachtend", macht="geen", zichtbaarheid="regisseur")
    t.beoordeel(
        cor,
        14,
        standpunt="afwachtend",
        macht="diffuse_macht",
        zichtbaarheid="kernteam",
        actor=leden_tijdlijn["kernteam"],
    )
    t.beoordeel_og(wethouder, 15, steun="tegenstander")  # regisseur by default

    regisseur = t.krachtenveld(20, ALLES)
    assert _groepen(regisseur) == [
        ("afwachtend", "diffuse_macht", ["Cor"]),
        ("afwachtend", "geen", ["Bram"]),
        ("tegenstander", "blokkademacht", ["Anna"]),
        ("tegenstander", "doorzettingsmacht", ["Wethouder"]),
    ]
    assert _niet_beoordeeld(regisseur) == []

    kernteam = t.krachtenveld(20, KERNTEAM)
    assert _groepen(kernteam) == [
        ("voorstander", "productiemacht", ["Anna"]),  # the older, open assessment
        ("afwachtend", "diffuse_macht", ["Cor"]),
    ]
    assert _niet_beoordeeld(kernteam) == ["Bram", "Wethouder"]

    proces = t.krachtenveld(20, PROCES)
    assert _groepen(proces) == [("voorstander", "productiemacht", ["Anna"])]
    assert _niet_beoordeeld(proces) == ["Bram", "Cor", "Wethouder"]
    # The volgnummer says how far the log was read, the same for everyone.
    assert regisseur is not None
    assert kernteam is not None
    assert proces is not None
    assert regisseur["volgnummer"] == kernteam["volgnummer"] == proces["volgnummer"]

    assert selectors.krachtenveld(t.bestuursproces, t.dag(20), frozenset()) is None
