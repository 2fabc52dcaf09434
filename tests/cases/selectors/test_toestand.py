"""huidige_toestand per viewer: the latest assessment each level may see, and filtered notes."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from cases import selectors, services
from cases.events import herbouw
from cases.events.wereldtijd import geschiedenis
from cases.models import Bestuursproces, Rol, Zichtbaarheid
from tests.cases.services._hulp import (
    beoordeel,
    beoordeel_og,
    maak_opdrachtgever,
    maak_organisatie,
    maak_speler,
)
from tests.factories import actor_voor

ROLLEN = [rol.value for rol in Rol]


def _huidig(toestand: dict[str, Any], verzameling: str, naam: str) -> Any:
    [partij] = [p for p in toestand[verzameling] if p["naam"] == naam]
    return partij["huidigeBeoordeling"]


@pytest.fixture
def casus(bestuursproces: Bestuursproces, regisseur: Any, leden: dict[str, Any]) -> dict[str, Any]:
    """Spelers and an opdrachtgever with assessments at several levels, newest most closed.

    - Anna: proces (afwachtend) → kernteam (tegenstander) → regisseur (voorstander)
    - Bram: only regisseur level
    - Cor: regisseur (tegenstander) → proces (voorstander): the newest is open to all
    - Wethouder (opdrachtgever): proces (steun afwachtend) → default regisseur (tegenstander)
    """
    regie = actor_voor(regisseur)
    kernteam = actor_voor(leden["kernteam"])
    anna = maak_speler(regie, bestuursproces, naam="Anna")
    bram = maak_speler(regie, bestuursproces, naam="Bram")
    cor = maak_speler(regie, bestuursproces, naam="Cor")
    wethouder = maak_opdrachtgever(regie, bestuursproces, naam="Wethouder")
    b = {
        "anna_proces": beoordeel(regie, anna, standpunt="afwachtend"),
        "anna_kernteam": beoordeel(
            kernteam, anna, standpunt="tegenstander", zichtbaarheid="kernteam"
        ),
        "anna_regisseur": beoordeel(
            regie, anna, standpunt="voorstander", zichtbaarheid="regisseur"
        ),
        "bram_regisseur": beoordeel(regie, bram, zichtbaarheid="regisseur"),
        "cor_regisseur": beoordeel(regie, cor, standpunt="tegenstander", zichtbaarheid="regisseur"),
        "cor_proces": beoordeel(regie, cor, standpunt="voorstander"),
        "og_proces": beoordeel_og(regie, wethouder, steun="afwachtend", zichtbaarheid="proces"),
        "og_regisseur": beoordeel_og(regie, wethouder, steun="tegenstander"),
    }
    return {key: str(waarde.uuid) for key, waarde in b.items()}


@pytest.mark.parametrize(
    ("rol", "anna", "bram", "cor", "wethouder"),
    [
        ("procesregisseur", "anna_regisseur", "bram_regisseur", "cor_proces", "og_regisseur"),
        ("kernteam", "anna_kernteam", None, "cor_proces", "og_proces"),
        ("opdrachtgever", "anna_proces", None, "cor_proces", "og_proces"),
        ("evaluator", "anna_proces", None, "cor_proces", "og_proces"),
    ],
)
def test_elk_niveau_ziet_de_laatste_beoordeling_die_het_mag_zien(
    bestuursproces: Bestuursproces,
    casus: dict[str, str],
    rol: str,
    anna: str | None,
    bram: str | None,
    cor: str | None,
    wethouder: str | None,
) -> None:
    toestand = selectors.huidige_toestand(bestuursproces, Zichtbaarheid.voor_rol(rol))

    def uuid_van(beoordeling: Any) -> str | None:
        return beoordeling["uuid"] if beoordeling else None

    verwacht = {
        naam: casus[sleutel] if sleutel else None
        for naam, sleutel in (("Anna", anna), ("Bram", bram), ("Cor", cor))
    }
    assert {
        naam: uuid_van(_huidig(toestand, "spelers", naam)) for naam in ("Anna", "Bram", "Cor")
    } == verwacht
    assert uuid_van(_huidig(toestand, "opdrachtgevers", "Wethouder")) == (
        casus[wethouder] if wethouder else None
    )
    # Whatever a viewer is shown is at a level it may see.
    zichtbaar = Zichtbaarheid.voor_rol(rol)
    for verzameling in ("spelers", "opdrachtgevers"):
        for partij in toestand[verzameling]:
            if partij["huidigeBeoordeling"]:
                assert partij["huidigeBeoordeling"]["zichtbaarheid"] in zichtbaar


def test_zonder_zichtbaarheid_is_alles_zichtbaar_zoals_voor_de_regisseur(
    bestuursproces: Bestuursproces, casus: dict[str, str]
) -> None:
    assert selectors.huidige_toestand(bestuursproces) == selectors.huidige_toestand(
        bestuursproces, Zichtbaarheid.voor_rol(Rol.PROCESREGISSEUR)
    )


def test_de_volledige_beoordeling_in_de_toestand(
    bestuursproces: Bestuursproces, casus: dict[str, str], regisseur: Any
) -> None:
    toestand = selectors.huidige_toestand(bestuursproces, frozenset({"proces"}))
    anna = _huidig(toestand, "spelers", "Anna")
    assert set(anna) == {
        "uuid",
        "tijdstip",
        "auteur",
        "stadium",
        "toelichting",
        "zichtbaarheid",
        "standpunt",
        "macht",
        "uniekeMacht",
        "invloed",
        "vertrouwen",
    }
    assert (anna["uuid"], anna["standpunt"], anna["auteur"], anna["zichtbaarheid"]) == (
        casus["anna_proces"],
        "afwachtend",
        "regisseur",
        "proces",
    )


@pytest.mark.parametrize("rol", ROLLEN)
def test_toestand_uit_de_tabellen_is_gelijk_aan_de_herbouw_per_rol(
    bestuursproces: Bestuursproces, casus: dict[str, str], rol: str
) -> None:
    zichtbaar = Zichtbaarheid.voor_rol(rol)
    toestand = selectors.huidige_toestand(bestuursproces, zichtbaar)
    assert herbouw(selectors.gebeurtenissen(bestuursproces), zichtbaar) == toestand
    assert selectors.momentopname(bestuursproces, timezone.now(), zichtbaar) == toestand


def test_registers_staan_op_naam_met_organisatie_en_betrokkenheid(
    bestuursproces: Bestuursproces, regisseur: Any
) -> None:
    regie = actor_voor(regisseur)
    kade = maak_organisatie(regie, bestuursproces, naam="De Kade", soort="bewonersgroep")
    maak_organisatie(regie, bestuursproces, naam="Abc Bouw", soort="bedrijf")
    zoe = maak_speler(regie, bestuursproces, naam="Zoë", organisatie=kade)
    maak_speler(regie, bestuursproces, naam="Ahmed")
    services.wijzig_betrokkenheid(actor=regie, partij=zoe, actie="afhaken", reden="Boos")

    toestand = selectors.huidige_toestand(bestuursproces, frozenset({"proces"}))
    assert [o["naam"] for o in toestand["organisaties"]] == ["Abc Bouw", "De Kade"]
    assert [
        (s["naam"], s["organisatie"], s["betrokkenheid"], s["huidigeBeoordeling"])
        for s in toestand["spelers"]
    ] == [
        ("Ahmed", None, "nog_te_betrekken", None),
        ("Zoë", str(kade.uuid), "afgehaakt", None),
    ]
    assert herbouw(selectors.gebeurtenissen(bestuursproces), frozenset({"proces"})) == toestand


# --- notes ----------------------------------------------------------------------------------


@pytest.fixture
def notities(bestuursproces: Bestuursproces, regisseur: Any, leden: dict[str, Any]) -> None:
    regie = actor_voor(regisseur)
    speler = maak_speler(regie, bestuursproces, naam="Anna")
    for niveau in ("proces", "kernteam", "regisseur"):
        services.maak_notitie(
            actor=regie,
            bestuursproces=bestuursproces,
            tekst=f"Proces {niveau}",
            zichtbaarheid=niveau,
        )
        services.maak_notitie(
            actor=regie,
            bestuursproces=bestuursproces,
            speler=speler,
            tekst=f"Anna {niveau}",
            zichtbaarheid=niveau,
        )
    services.maak_notitie(
        actor=actor_voor(leden["kernteam"]),
        bestuursproces=bestuursproces,
        tekst="Kernteam over het proces",
        zichtbaarheid="kernteam",
    )


@pytest.mark.parametrize(
    ("rol", "teksten"),
    [
        (
            "procesregisseur",
            [
                "Proces proces",
                "Anna proces",
                "Proces kernteam",
                "Anna kernteam",
                "Proces regisseur",
                "Anna regisseur",
                "Kernteam over het proces",
            ],
        ),
        (
            "kernteam",
            [
                "Proces proces",
                "Anna proces",
                "Proces kernteam",
                "Anna kernteam",
                "Kernteam over het proces",
            ],
        ),
        ("opdrachtgever", ["Proces proces", "Anna proces"]),
        ("evaluator", ["Proces proces", "Anna proces"]),
        (None, []),
    ],
)
def test_notities_worden_gefilterd_op_zichtbaarheid(
    bestuursproces: Bestuursproces, notities: None, rol: str | None, teksten: list[str]
) -> None:
    zichtbaar = Zichtbaarheid.voor_rol(rol)
    toestand = selectors.huidige_toestand(bestuursproces, zichtbaar)
    assert [n["tekst"] for n in toestand["notities"]] == teksten
    assert [n.tekst for n in selectors.notities(bestuursproces, zichtbaar)] == teksten
    if rol is not None:
        herbouwd = herbouw(selectors.gebeurtenissen(bestuursproces), zichtbaar)
        assert herbouwd is not None
        assert herbouwd["notities"] == toestand["notities"]


@pytest.mark.parametrize("rol", ROLLEN)
def test_nu_uit_de_tabellen_is_gelijk_aan_de_vouw_van_de_log(
    bestuursproces: Bestuursproces, regisseur: Any, casus: dict[str, Any], rol: str
) -> None:
    # A fact entered late (an assessment dated before one recorded earlier) as well: the tables
    # follow the end of the history, which is what "now" asks for.
    regie = actor_voor(regisseur)
    begin = bestuursproces.geopend_op
    daan = maak_speler(
        regie, bestuursproces, naam="Daan", tijdstip=begin + timedelta(milliseconds=1)
    )
    beoordeel(regie, daan, standpunt="afwachtend")
    beoordeel(regie, daan, standpunt="tegenstander", tijdstip=begin + timedelta(milliseconds=2))
    zichtbaar = Zichtbaarheid.voor_rol(rol)
    nu = timezone.now()

    uit_tabellen = selectors.momentopname(bestuursproces, nu, zichtbaar)
    gevouwen = herbouw(geschiedenis(bestuursproces.pk, tot=nu), zichtbaar)

    assert gevouwen is not None
    assert uit_tabellen == gevouwen
    assert _huidig(gevouwen, "spelers", "Daan")["standpunt"] == "afwachtend"
    krachtenveld = selectors.krachtenveld(bestuursproces, nu, zichtbaar)
    assert krachtenveld is not None
    assert krachtenveld["volgnummer"] == gevouwen["volgnummer"]
