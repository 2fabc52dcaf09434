"""wijzig_bestuursproces: changing a case's attributes and replacing its opdracht."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from cases import services
from cases.events import Actor
from cases.exceptions import OngeldigeInvoer
from cases.models import Besluitmoment, Bestuursproces
from cases.services.bestuursproces import BesluitmomentInvoer, Opdracht

from ._hulp import (
    OPDRACHT,
    OPDRACHT_GEGEVENS,
    REGISSEUR_NAAM,
    STANDAARD_OPDRACHT,
    gebeurtenissen_na,
    samenvatting,
    schrijft_niets,
    verwacht,
)

# --- wijzig_bestuursproces: attributes ------------------------------------------------------


def test_wijzig_bestuursproces_schrijft_wijzigingen_en_vorige_waarden(
    bestuursproces: Bestuursproces, regisseur: Any, kees: Any
) -> None:
    services.voeg_lid_toe(
        actor=Actor(gebruiker=regisseur, herkomst="test"),
        bestuursproces=bestuursproces,
        gebruiker=kees,
        rol="kernteam",
    )
    voor = timezone.now()
    resultaat = services.wijzig_bestuursproces(
        actor=Actor(gebruiker=kees, herkomst="web@10.0.0.7"),
        bestuursproces=bestuursproces,
        wijzigingen={
            "titel": "Havenkwartier 2.0",
            "aanpak": "cyclisch",  # unchanged: left out of the event
            "archiefactiedatum": dt.date(2045, 5, 1),
        },
        toelichting="Na de eerste verkenning",
    )
    na = timezone.now()

    bestuursproces.refresh_from_db()
    assert resultaat.titel == bestuursproces.titel == "Havenkwartier 2.0"
    assert bestuursproces.archiefactiedatum == dt.date(2045, 5, 1)
    [gebeurtenis] = gebeurtenissen_na(bestuursproces, 4)
    assert samenvatting(gebeurtenis) == verwacht(
        5,
        "bestuursproces.gewijzigd",
        {
            "wijzigingen": {"titel": "Havenkwartier 2.0", "archiefactiedatum": "2045-05-01"},
            "vorigeWaarden": {"titel": "Herinrichting Havenkwartier", "archiefactiedatum": None},
        },
        door=kees,
        naam="Kees Kernteam",
        toelichting="Na de eerste verkenning",
        herkomst="web@10.0.0.7",
    )
    assert gebeurtenis.tijdstip == gebeurtenis.geregistreerd
    assert voor <= gebeurtenis.tijdstip <= na


def test_wijzig_bestuursproces_zonder_verschil_schrijft_niets(
    bestuursproces: Bestuursproces, actor: Actor
) -> None:
    with schrijft_niets():
        services.wijzig_bestuursproces(
            actor=actor,
            bestuursproces=bestuursproces,
            wijzigingen={"titel": bestuursproces.titel, "aanpak": bestuursproces.aanpak},
            toelichting="Niets nieuws",
        )
        services.wijzig_bestuursproces(actor=actor, bestuursproces=bestuursproces, wijzigingen={})


@pytest.mark.parametrize("veld", ["stadium", "status", "uitkomst", "geopend_op", "uuid", "onzin"])
def test_wijzig_bestuursproces_weigert_velden_buiten_de_lijst(
    bestuursproces: Bestuursproces, actor: Actor, veld: str
) -> None:
    with schrijft_niets(), pytest.raises(OngeldigeInvoer) as fout:
        services.wijzig_bestuursproces(
            actor=actor,
            bestuursproces=bestuursproces,
            wijzigingen={veld: "bruikbaar", "titel": "Mag wel"},
        )
    assert fout.value.fouten == {veld: [("read_only", "Dit veld kan hier niet worden gewijzigd.")]}


def test_wijzig_bestuursproces_meldt_ongeldige_waarden_en_schrijft_niets(
    bestuursproces: Bestuursproces, actor: Actor
) -> None:
    with schrijft_niets(), pytest.raises(OngeldigeInvoer) as fout:
        services.wijzig_bestuursproces(
            actor=actor,
            bestuursproces=bestuursproces,
            wijzigingen={"titel": "", "rol_gemeente": "x", "archiefnominatie": "weg"},
            opdracht=Opdracht(uren=-5),
        )
    assert set(fout.value.fouten) == {"titel", "rol_gemeente", "archiefnominatie", "uren"}


# --- wijzig_bestuursproces: the opdracht ----------------------------------------------------


def test_wijzig_bestuursproces_vervangt_de_opdracht_als_geheel(
    bestuursproces: Bestuursproces, regisseur: Any, actor: Actor
) -> None:
    services.wijzig_bestuursproces(
        actor=actor, bestuursproces=bestuursproces, wijzigingen={}, opdracht=OPDRACHT
    )
    oude_momenten = set(bestuursproces.besluitmomenten.values_list("uuid", flat=True))
    assert len(oude_momenten) == 2

    nieuw = Opdracht(
        kaders="Extra geld van de provincie",
        budget=Decimal("200000"),
        besluitmomenten=(BesluitmomentInvoer(dt.date(2027, 2, 1), "besluit", "Krediet aanvragen"),),
    )
    services.wijzig_bestuursproces(
        actor=actor,
        bestuursproces=bestuursproces,
        wijzigingen={"omschrijving": "Breder"},
        opdracht=nieuw,
        toelichting="Provincie doet mee",
    )

    bestuursproces.refresh_from_db()
    assert bestuursproces.kaders == "Extra geld van de provincie"
    assert bestuursproces.budget == Decimal("200000.00")
    # Replaced as a whole: what the new opdracht leaves out is cleared.
    assert bestuursproces.uren is None
    assert bestuursproces.einddatum is None
    assert bestuursproces.speelruimte == ""
    momenten = list(Besluitmoment.objects.filter(bestuursproces=bestuursproces))
    assert [(m.datum, m.soort, m.gevraagd, m.volgorde) for m in momenten] == [
        (dt.date(2027, 2, 1), "besluit", "Krediet aanvragen", 0)
    ]
    assert not oude_momenten & {m.uuid for m in momenten}

    eerste, tweede = gebeurtenissen_na(bestuursproces, 3)
    assert samenvatting(eerste) == verwacht(
        4,
        "bestuursproces.gewijzigd",
        {
            "wijzigingen": {"opdracht": OPDRACHT_GEGEVENS},
            "vorigeWaarden": {"opdracht": STANDAARD_OPDRACHT},
        },
        door=regisseur,
        naam=REGISSEUR_NAAM,
    )
    assert samenvatting(tweede) == verwacht(
        5,
        "bestuursproces.gewijzigd",
        {
            "wijzigingen": {
                "omschrijving": "Breder",
                "opdracht": {
                    "kaders": "Extra geld van de provincie",
                    "budget": "200000.00",
                    "uren": None,
                    "einddatum": None,
                    "speelruimte": "",
                    "besluitmomenten": [
                        {"datum": "2027-02-01", "soort": "besluit", "gevraagd": "Krediet aanvragen"}
                    ],
                },
            },
            "vorigeWaarden": {"omschrijving": "", "opdracht": OPDRACHT_GEGEVENS},
        },
        door=regisseur,
        naam=REGISSEUR_NAAM,
        toelichting="Provincie doet mee",
    )


def test_wijzig_bestuursproces_met_dezelfde_opdracht_schrijft_niets(
    bestuursproces: Bestuursproces, actor: Actor
) -> None:
    services.wijzig_bestuursproces(
        actor=actor, bestuursproces=bestuursproces, wijzigingen={}, opdracht=OPDRACHT
    )
    # The same opdracht, with the budget written differently (125000.5 == 125000.50).
    zelfde = Opdracht(
        kaders=OPDRACHT.kaders,
        budget=Decimal("125000.50"),
        uren=OPDRACHT.uren,
        einddatum=OPDRACHT.einddatum,
        speelruimte=OPDRACHT.speelruimte,
        besluitmomenten=OPDRACHT.besluitmomenten,
    )
    with schrijft_niets():
        services.wijzig_bestuursproces(
            actor=actor, bestuursproces=bestuursproces, wijzigingen={}, opdracht=zelfde
        )


def test_wijzig_bestuursproces_met_fout_besluitmoment_laat_de_opdracht_staan(
    bestuursproces: Bestuursproces, actor: Actor
) -> None:
    services.wijzig_bestuursproces(
        actor=actor, bestuursproces=bestuursproces, wijzigingen={}, opdracht=OPDRACHT
    )
    fout_opdracht = Opdracht(
        kaders="Nieuw",
        besluitmomenten=(BesluitmomentInvoer(dt.date(2027, 1, 1), "besluit", ""),),
    )
    with schrijft_niets(), pytest.raises(OngeldigeInvoer) as fout:
        services.wijzig_bestuursproces(
            actor=actor,
            bestuursproces=bestuursproces,
            wijzigingen={"titel": "Ook nieuw"},
            opdracht=fout_opdracht,
        )
    assert set(fout.value.fouten) == {"besluitmomenten.0.gevraagd"}


@pytest.mark.parametrize(
    ("opdracht", "velden"),
    [
        (Opdracht(budget=Decimal("-0.01")), {"budget"}),
        (Opdracht(budget=Decimal("1.234")), {"budget"}),
        (Opdracht(budget=Decimal("12345678901.00")), {"budget"}),
        (Opdracht(uren=-1), {"uren"}),
    ],
)
def test_wijzig_bestuursproces_weigert_ongeldige_middelen(
    bestuursproces: Bestuursproces, actor: Actor, opdracht: Opdracht, velden: set[str]
) -> None:
    with schrijft_niets(), pytest.raises(OngeldigeInvoer) as fout:
        services.wijzig_bestuursproces(
            actor=actor, bestuursproces=bestuursproces, wijzigingen={}, opdracht=opdracht
        )
    assert set(fout.value.fouten) == velden
