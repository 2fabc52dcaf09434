"""krachtenveld and verschuivingen: who stands where, and who shifted when and why, per viewer."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from cases import selectors, services
from cases.events import Actor
from cases.models import Opdrachtgever, Rol, Speler, Zichtbaarheid
from tests.cases.services._hulp import (
    REGISSEUR_NAAM,
    beoordeel,
    beoordeel_og,
    maak_opdrachtgever,
    maak_speler,
    naam_van,
)
from tests.factories import GebruikerFactory, actor_voor, open_proces

ALLES = Zichtbaarheid.voor_rol(Rol.PROCESREGISSEUR)
KERNTEAM = Zichtbaarheid.voor_rol(Rol.KERNTEAM)
PROCES = Zichtbaarheid.voor_rol(Rol.OPDRACHTGEVER)


def _groepen(veld: dict[str, Any] | None) -> list[tuple[str, str, list[str]]]:
    assert veld is not None
    return [
        (groep["standpunt"], groep["macht"], [p["naam"] for p in groep["partijen"]])
        for groep in veld["groepen"]
    ]


def _niet_beoordeeld(veld: dict[str, Any] | None) -> list[str]:
    assert veld is not None
    return [p["naam"] for p in veld["nietBeoordeeld"]]


class Tijdlijn:
    """A case opened 100 days ago whose events are dated by day number since the opening."""

    def __init__(self, regisseur: Any) -> None:
        self.begin = timezone.now() - dt.timedelta(days=100)
        self.regisseur = regisseur
        self.actor = actor_voor(regisseur)
        self.bestuursproces = open_proces(regisseur, tijdstip=self.begin)

    def dag(self, n: float) -> dt.datetime:
        return self.begin + dt.timedelta(days=n)

    def lid(self, gebruiker: Any, rol: str, dag: float) -> Actor:
        services.voeg_lid_toe(
            actor=self.actor,
            bestuursproces=self.bestuursproces,
            gebruiker=gebruiker,
            rol=rol,
            tijdstip=self.dag(dag),
        )
        return actor_voor(gebruiker)

    def speler(self, naam: str, dag: float, **velden: Any) -> Speler:
        return maak_speler(
            self.actor, self.bestuursproces, naam=naam, tijdstip=self.dag(dag), **velden
        )

    def opdrachtgever(self, naam: str, dag: float, **velden: Any) -> Opdrachtgever:
        return maak_opdrachtgever(
            self.actor, self.bestuursproces, naam=naam, tijdstip=self.dag(dag), **velden
        )

    def beoordeel(self, speler: Speler, dag: float, **velden: Any) -> Any:
        velden.setdefault("actor", self.actor)
        actor = velden.pop("actor")
        return beoordeel(actor, speler, tijdstip=self.dag(dag), **velden)

    def beoordeel_og(self, opdrachtgever: Opdrachtgever, dag: float, **velden: Any) -> Any:
        return beoordeel_og(self.actor, opdrachtgever, tijdstip=self.dag(dag), **velden)

    def betrokkenheid(
        self, partij: Speler | Opdrachtgever, actie: str, reden: str, dag: float
    ) -> None:
        services.wijzig_betrokkenheid(
            actor=self.actor, partij=partij, actie=actie, reden=reden, tijdstip=self.dag(dag)
        )

    def krachtenveld(self, dag: float, zichtbaar: frozenset[str] = ALLES) -> dict[str, Any] | None:
        return selectors.krachtenveld(self.bestuursproces, self.dag(dag), zichtbaar)

    def verschuivingen(
        self, van: float | None, tot: float, zichtbaar: frozenset[str] = ALLES
    ) -> list[dict[str, Any]]:
        return selectors.verschuivingen(
            self.bestuursproces, None if van is None else self.dag(van), self.dag(tot), zichtbaar
        )


@pytest.fixture
def tijdlijn(regisseur: Any) -> Tijdlijn:
    return Tijdlijn(regisseur)


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


@pytest.fixture
def leden_tijdlijn(tijdlijn: Tijdlijn) -> dict[str, Actor]:
    """A kernteam member and an opdrachtgever member of the tijdlijn's case (days 0.5, 0.6)."""
    kernteam = GebruikerFactory(username="kim", first_name="Kim", last_name="Kern")
    opdrachtgever = GebruikerFactory(username="olga", first_name="Olga", last_name="Opdracht")
    return {
        "kernteam": tijdlijn.lid(kernteam, "kernteam", 0.5),
        "opdrachtgever": tijdlijn.lid(opdrachtgever, "opdrachtgever", 0.6),
    }


# --- verschuivingen --------------------------------------------------------------------------


def _kort(rijen: list[dict[str, Any]]) -> list[tuple[str, str, str | None, str]]:
    return [(r["partij"]["naam"], r["aspect"], r["van"], r["naar"]) for r in rijen]


def test_verschuivingen_van_standpunt_en_betrokkenheid(
    tijdlijn: Tijdlijn, leden_tijdlijn: dict[str, Actor]
) -> None:
    t = tijdlijn
    anna = t.speler("Anna", 1)
    wethouder = t.opdrachtgever("Wethouder", 1)
    t.beoordeel(anna, 2, standpunt="voorstander", toelichting="Enthousiast")
    t.beoordeel(anna, 3, standpunt="voorstander", invloed=5, toelichting="Meer invloed")
    t.betrokkenheid(anna, "aansluiten", "Kwam naar de werksessie", 4)
    t.beoordeel(
        anna,
        5,
        standpunt="tegenstander",
        toelichting="Budget geschrapt",
        actor=leden_tijdlijn["kernteam"],
    )
    t.beoordeel_og(wethouder, 6, steun="afwachtend", toelichting="Wacht de raad af")
    t.betrokkenheid(wethouder, "afwachten", "Eerst verkiezingen", 7)

    rijen = t.verschuivingen(None, 10)

    anna_partij = {"uuid": str(anna.uuid), "naam": "Anna", "soort": "speler"}
    wethouder_partij = {"uuid": str(wethouder.uuid), "naam": "Wethouder", "soort": "opdrachtgever"}
    gebeurtenissen = {e.tijdstip: e.volgnummer for e in selectors.gebeurtenissen(t.bestuursproces)}
    assert rijen == [
        {
            "volgnummer": gebeurtenissen[t.dag(2)],
            "tijdstip": t.dag(2),
            "partij": anna_partij,
            "aspect": "standpunt",
            "van": None,  # the first assessment: the position became known
            "naar": "voorstander",
            "toelichting": "Enthousiast",
            "door": "regisseur",
            "doorNaam": REGISSEUR_NAAM,
        },
        # day 3: the same standpunt again is no shift
        {
            "volgnummer": gebeurtenissen[t.dag(4)],
            "tijdstip": t.dag(4),
            "partij": anna_partij,
            "aspect": "betrokkenheid",
            "van": "nog_te_betrekken",
            "naar": "aangehaakt",
            "toelichting": "Kwam naar de werksessie",
            "door": "regisseur",
            "doorNaam": REGISSEUR_NAAM,
        },
        {
            "volgnummer": gebeurtenissen[t.dag(5)],
            "tijdstip": t.dag(5),
            "partij": anna_partij,
            "aspect": "standpunt",
            "van": "voorstander",
            "naar": "tegenstander",
            "toelichting": "Budget geschrapt",
            "door": "kim",
            "doorNaam": "Kim Kern",
        },
        {
            "volgnummer": gebeurtenissen[t.dag(6)],
            "tijdstip": t.dag(6),
            "partij": wethouder_partij,
            "aspect": "standpunt",  # an opdrachtgever's steun
            "van": None,
            "naar": "afwachtend",
            "toelichting": "Wacht de raad af",
            "door": "regisseur",
            "doorNaam": REGISSEUR_NAAM,
        },
        {
            "volgnummer": gebeurtenissen[t.dag(7)],
            "tijdstip": t.dag(7),
            "partij": wethouder_partij,
            "aspect": "betrokkenheid",
            "van": "nog_te_betrekken",
            "naar": "afwachtend",
            "toelichting": "Eerst verkiezingen",
            "door": "regisseur",
            "doorNaam": REGISSEUR_NAAM,
        },
    ]


def test_verschuivingen_binnen_van_en_tot(tijdlijn: Tijdlijn) -> None:
    t = tijdlijn
    anna = t.speler("Anna", 1)
    t.beoordeel(anna, 10, standpunt="voorstander")
    t.beoordeel(anna, 20, standpunt="afwachtend")
    t.betrokkenheid(anna, "afwachten", "Twijfelt", 25)
    t.beoordeel(anna, 30, standpunt="tegenstander")

    assert _kort(t.verschuivingen(None, 99)) == [
        ("Anna", "standpunt", None, "voorstander"),
        ("Anna", "standpunt", "voorstander", "afwachtend"),
        ("Anna", "betrokkenheid", "nog_te_betrekken", "afwachtend"),
        ("Anna", "standpunt", "afwachtend", "tegenstander"),
    ]
    # Shifts before van are left out, but still give the next shift its "van".
    assert _kort(t.verschuivingen(15, 99)) == [
        ("Anna", "standpunt", "voorstander", "afwachtend"),
        ("Anna", "betrokkenheid", "nog_te_betrekken", "afwachtend"),
        ("Anna", "standpunt", "afwachtend", "tegenstander"),
    ]
    # Both ends are inclusive.
    assert _kort(t.verschuivingen(20, 25)) == [
        ("Anna", "standpunt", "voorstander", "afwachtend"),
        ("Anna", "betrokkenheid", "nog_te_betrekken", "afwachtend"),
    ]
    assert _kort(t.verschuivingen(None, 19)) == [("Anna", "standpunt", None, "voorstander")]
    assert t.verschuivingen(31, 99) == []
    assert t.verschuivingen(None, 5) == []
    assert t.verschuivingen(-50, -10) == []  # before the case existed


def test_verschuivingen_noemen_de_partij_bij_haar_naam_tot_en_met_tot(tijdlijn: Tijdlijn) -> None:
    t = tijdlijn
    anna = t.speler("Anna", 1)
    wethouder = t.opdrachtgever("Wethouder", 1)
    t.beoordeel(anna, 10, standpunt="voorstander")
    t.beoordeel_og(wethouder, 11, steun="voorstander")
    voor_hernoemen = timezone.now()
    services.wijzig_speler(actor=t.actor, speler=anna, wijzigingen={"naam": "Anna de Vries"})
    services.wijzig_opdrachtgever(
        actor=t.actor, opdrachtgever=wethouder, wijzigingen={"naam": "Wethouder Wonen"}
    )
    beoordeel(t.actor, anna, standpunt="tegenstander")
    nu = timezone.now()

    # One party, one name in a list: its name as of tot, also for the shifts before the rename.
    rijen = selectors.verschuivingen(t.bestuursproces, None, nu, ALLES)
    assert [(r["partij"]["uuid"], r["partij"]["naam"], r["naar"]) for r in rijen] == [
        (str(anna.uuid), "Anna de Vries", "voorstander"),
        (str(wethouder.uuid), "Wethouder Wonen", "voorstander"),
        (str(anna.uuid), "Anna de Vries", "tegenstander"),
    ]
    # Before the rename, the names as they were then.
    eerder = selectors.verschuivingen(t.bestuursproces, None, voor_hernoemen, ALLES)
    assert [r["partij"]["naam"] for r in eerder] == ["Anna", "Wethouder"]


@pytest.mark.parametrize(
    ("zichtbaar", "verwacht"),
    [
        pytest.param(
            ALLES,
            [
                (None, "voorstander", "Open"),
                ("voorstander", "tegenstander", "GEHEIM-regisseur"),
                ("tegenstander", "afwachtend", "Weer open"),
            ],
            id="regisseur",
        ),
        pytest.param(
            KERNTEAM,
            [(None, "voorstander", "Open"), ("voorstander", "afwachtend", "Weer open")],
            id="kernteam",
        ),
        pytest.param(
            PROCES,
            [(None, "voorstander", "Open"), ("voorstander", "afwachtend", "Weer open")],
            id="proces",
        ),
    ],
)
def test_verborgen_beoordeling_lekt_niet_via_de_van_van_een_latere_verschuiving(
    tijdlijn: Tijdlijn,
    zichtbaar: frozenset[str],
    verwacht: list[tuple[str | None, str, str]],
) -> None:
    t = tijdlijn
    anna = t.speler("Anna", 1)
    t.beoordeel(anna, 2, standpunt="voorstander", toelichting="Open")
    t.beoordeel(
        anna, 3, standpunt="tegenstander", zichtbaarheid="regisseur", toelichting="GEHEIM-regisseur"
    )
    t.beoordeel(anna, 4, standpunt="afwachtend", toelichting="Weer open")

    rijen = t.verschuivingen(None, 10, zichtbaar)

    assert [(r["van"], r["naar"], r["toelichting"]) for r in rijen] == verwacht
    if "regisseur" not in zichtbaar:
        assert "tegenstander" not in repr(rijen)
        assert "GEHEIM" not in repr(rijen)


def test_terug_naar_het_zichtbare_standpunt_is_voor_lagere_niveaus_geen_verschuiving(
    tijdlijn: Tijdlijn,
) -> None:
    t = tijdlijn
    anna = t.speler("Anna", 1)
    t.beoordeel(anna, 2, standpunt="voorstander")
    t.beoordeel(anna, 3, standpunt="tegenstander", zichtbaarheid="kernteam")
    t.beoordeel(anna, 4, standpunt="voorstander")

    assert _kort(t.verschuivingen(None, 10, ALLES)) == [
        ("Anna", "standpunt", None, "voorstander"),
        ("Anna", "standpunt", "voorstander", "tegenstander"),
        ("Anna", "standpunt", "tegenstander", "voorstander"),
    ]
    assert _kort(t.verschuivingen(None, 10, KERNTEAM)) == _kort(t.verschuivingen(None, 10, ALLES))
    assert _kort(t.verschuivingen(None, 10, PROCES)) == [("Anna", "standpunt", None, "voorstander")]


def test_eerste_zichtbare_beoordeling_komt_van_none_ook_na_een_verborgen(
    tijdlijn: Tijdlijn,
) -> None:
    t = tijdlijn
    anna = t.speler("Anna", 1)
    t.beoordeel(anna, 2, standpunt="tegenstander", zichtbaarheid="regisseur")
    t.beoordeel(anna, 3, standpunt="voorstander")

    assert _kort(t.verschuivingen(None, 10, PROCES)) == [("Anna", "standpunt", None, "voorstander")]
    # Also when the window starts after the hidden one.
    assert _kort(t.verschuivingen(2.5, 10, PROCES)) == [("Anna", "standpunt", None, "voorstander")]
    assert _kort(t.verschuivingen(2.5, 10, ALLES)) == [
        ("Anna", "standpunt", "tegenstander", "voorstander")
    ]


def test_steun_van_opdrachtgevers_is_standaard_alleen_voor_de_regisseur(
    tijdlijn: Tijdlijn,
) -> None:
    t = tijdlijn
    wethouder = t.opdrachtgever("Wethouder", 1)
    t.beoordeel_og(wethouder, 2, steun="tegenstander", toelichting="Vertrouwelijk")
    t.betrokkenheid(wethouder, "aansluiten", "Tekende de opdracht", 3)

    assert _kort(t.verschuivingen(None, 10, ALLES)) == [
        ("Wethouder", "standpunt", None, "tegenstander"),
        ("Wethouder", "betrokkenheid", "nog_te_betrekken", "aangehaakt"),
    ]
    for zichtbaar in (KERNTEAM, PROCES):
        rijen = t.verschuivingen(None, 10, zichtbaar)
        assert _kort(rijen) == [("Wethouder", "betrokkenheid", "nog_te_betrekken", "aangehaakt")]
        assert "Vertrouwelijk" not in repr(rijen)


def test_door_is_wie_het_vastlegde(tijdlijn: Tijdlijn, leden_tijdlijn: dict[str, Actor]) -> None:
    t = tijdlijn
    anna = t.speler("Anna", 1)
    kernteam = leden_tijdlijn["kernteam"]
    t.beoordeel(anna, 2, standpunt="voorstander", actor=kernteam)
    [rij] = t.verschuivingen(None, 10, PROCES)
    assert rij["door"] == "kim"
    assert rij["doorNaam"] == naam_van(kernteam.gebruiker) == "Kim Kern"
