"""wijzig_status, and wijzig_bestuursproces where it changes the status or meets a closed case."""

from __future__ import annotations

from typing import Any

import pytest

from cases import services
from cases.events import Actor
from cases.exceptions import OngeldigeInvoer, ProcesAfgerond
from cases.models import Bestuursproces, Status

from ._hulp import (
    OPDRACHT,
    REGISSEUR_NAAM,
    gebeurtenissen_na,
    samenvatting,
    schrijft_niets,
    verwacht,
)

# --- status ---------------------------------------------------------------------------------


def test_wijzig_status_pauzeren_hervatten_afronden_heropenen(
    bestuursproces: Bestuursproces, regisseur: Any, actor: Actor
) -> None:
    stappen = [
        ("gepauzeerd", None, "Wachten op de verkiezingen"),
        ("actief", None, "Nieuw college"),
        ("afgerond", "Plan vastgesteld door de raad", "Klaar"),
        ("actief", None, "Uitvoering loopt vast"),
    ]
    for status, uitkomst, toelichting in stappen:
        resultaat = services.wijzig_status(
            actor=actor,
            bestuursproces=bestuursproces,
            status=status,
            uitkomst=uitkomst,
            toelichting=toelichting,
        )
        assert resultaat.status == status

    bestuursproces.refresh_from_db()
    assert bestuursproces.status == Status.ACTIEF
    # Reopening keeps the last uitkomst (it is history, and a new close may reuse it).
    assert bestuursproces.uitkomst == "Plan vastgesteld door de raad"
    assert [samenvatting(e) for e in gebeurtenissen_na(bestuursproces, 3)] == [
        verwacht(
            4,
            "status.gewijzigd",
            {"van": "actief", "naar": "gepauzeerd", "uitkomst": ""},
            door=regisseur,
            naam=REGISSEUR_NAAM,
            toelichting="Wachten op de verkiezingen",
        ),
        verwacht(
            5,
            "status.gewijzigd",
            {"van": "gepauzeerd", "naar": "actief", "uitkomst": ""},
            door=regisseur,
            naam=REGISSEUR_NAAM,
            toelichting="Nieuw college",
        ),
        verwacht(
            6,
            "status.gewijzigd",
            {
                "van": "actief",
                "naar": "afgerond",
                "uitkomst": "Plan vastgesteld door de raad",
                # Without a soort (as clients before the structured outcome): anders.
                "uitkomstSoort": "anders",
                "vervolgUrl": "",
                "openGelaten": [],
                "openAfspraken": [],
            },
            door=regisseur,
            naam=REGISSEUR_NAAM,
            toelichting="Klaar",
        ),
        verwacht(
            7,
            "status.gewijzigd",
            {
                "van": "afgerond",
                "naar": "actief",
                "uitkomst": "Plan vastgesteld door de raad",
            },
            door=regisseur,
            naam=REGISSEUR_NAAM,
            toelichting="Uitvoering loopt vast",
        ),
    ]


@pytest.mark.parametrize("uitkomst", [None, "", "   \n"])
def test_afronden_vraagt_een_uitkomst(
    bestuursproces: Bestuursproces, actor: Actor, uitkomst: str | None
) -> None:
    with schrijft_niets(), pytest.raises(OngeldigeInvoer) as fout:
        services.wijzig_status(
            actor=actor, bestuursproces=bestuursproces, status="afgerond", uitkomst=uitkomst
        )
    assert set(fout.value.fouten) == {"uitkomst"}


def test_wijzig_status_weigert_een_onbekende_status(
    bestuursproces: Bestuursproces, actor: Actor
) -> None:
    with schrijft_niets(), pytest.raises(OngeldigeInvoer) as fout:
        services.wijzig_status(actor=actor, bestuursproces=bestuursproces, status="gesloten")
    assert set(fout.value.fouten) == {"status"}


def test_wijzig_status_naar_dezelfde_status_schrijft_niets(
    bestuursproces: Bestuursproces, actor: Actor
) -> None:
    with schrijft_niets():
        resultaat = services.wijzig_status(
            actor=actor, bestuursproces=bestuursproces, status="actief", toelichting="Nog steeds"
        )
    assert resultaat.status == "actief"


def test_afgerond_proces_houdt_zijn_uitkomst_tot_het_heropend_is(
    bestuursproces: Bestuursproces, actor: Actor
) -> None:
    services.wijzig_status(
        actor=actor, bestuursproces=bestuursproces, status="afgerond", uitkomst="Akkoord"
    )
    with schrijft_niets(), pytest.raises(ProcesAfgerond):
        services.wijzig_status(
            actor=actor, bestuursproces=bestuursproces, status="afgerond", uitkomst="Iets anders"
        )
    with schrijft_niets(), pytest.raises(ProcesAfgerond):
        services.wijzig_bestuursproces(
            actor=actor, bestuursproces=bestuursproces, wijzigingen={}, uitkomst="Iets anders"
        )
    # Closing again with the same uitkomst is a no-op, not an error.
    with schrijft_niets():
        services.wijzig_status(actor=actor, bestuursproces=bestuursproces, status="afgerond")


def test_wijzig_bestuursproces_afronden_wijzigt_eerst_en_sluit_dan(
    bestuursproces: Bestuursproces, regisseur: Any, actor: Actor
) -> None:
    services.wijzig_bestuursproces(
        actor=actor,
        bestuursproces=bestuursproces,
        wijzigingen={"omschrijving": "Afgerond met een plan"},
        status="afgerond",
        uitkomst="Plan vastgesteld",
        toelichting="Raad akkoord",
    )

    bestuursproces.refresh_from_db()
    assert (bestuursproces.status, bestuursproces.uitkomst, bestuursproces.omschrijving) == (
        "afgerond",
        "Plan vastgesteld",
        "Afgerond met een plan",
    )
    assert [samenvatting(e) for e in gebeurtenissen_na(bestuursproces, 3)] == [
        verwacht(
            4,
            "bestuursproces.gewijzigd",
            {
                "wijzigingen": {"omschrijving": "Afgerond met een plan"},
                "vorigeWaarden": {"omschrijving": ""},
            },
            door=regisseur,
            naam=REGISSEUR_NAAM,
            toelichting="Raad akkoord",
        ),
        verwacht(
            5,
            "status.gewijzigd",
            {
                "van": "actief",
                "naar": "afgerond",
                "uitkomst": "Plan vastgesteld",
                "uitkomstSoort": "anders",
                "vervolgUrl": "",
                "openGelaten": [],
                "openAfspraken": [],
            },
            door=regisseur,
            naam=REGISSEUR_NAAM,
            toelichting="Raad akkoord",
        ),
    ]


def test_wijzig_bestuursproces_heropenen_heropent_eerst_en_wijzigt_dan(
    bestuursproces: Bestuursproces, regisseur: Any, actor: Actor
) -> None:
    services.wijzig_status(
        actor=actor, bestuursproces=bestuursproces, status="afgerond", uitkomst="Gestopt"
    )
    services.wijzig_bestuursproces(
        actor=actor,
        bestuursproces=bestuursproces,
        wijzigingen={"titel": "Havenkwartier, tweede ronde"},
        status="actief",
        toelichting="Nieuwe kans",
    )

    bestuursproces.refresh_from_db()
    assert (bestuursproces.status, bestuursproces.titel) == (
        "actief",
        "Havenkwartier, tweede ronde",
    )
    assert [samenvatting(e) for e in gebeurtenissen_na(bestuursproces, 4)] == [
        verwacht(
            5,
            "status.gewijzigd",
            {"van": "afgerond", "naar": "actief", "uitkomst": "Gestopt"},
            door=regisseur,
            naam=REGISSEUR_NAAM,
            toelichting="Nieuwe kans",
        ),
        verwacht(
            6,
            "bestuursproces.gewijzigd",
            {
                "wijzigingen": {"titel": "Havenkwartier, tweede ronde"},
                "vorigeWaarden": {"titel": "Herinrichting Havenkwartier"},
            },
            door=regisseur,
            naam=REGISSEUR_NAAM,
            toelichting="Nieuwe kans",
        ),
    ]


def test_wijzig_bestuursproces_afronden_zonder_uitkomst_schrijft_ook_de_wijziging_niet(
    bestuursproces: Bestuursproces, actor: Actor
) -> None:
    with schrijft_niets(), pytest.raises(OngeldigeInvoer) as fout:
        services.wijzig_bestuursproces(
            actor=actor,
            bestuursproces=bestuursproces,
            wijzigingen={"titel": "Zou anders blijven staan"},
            status="afgerond",
        )
    assert set(fout.value.fouten) == {"uitkomst"}


def test_wijzig_bestuursproces_heropenen_met_foute_wijziging_blijft_afgerond(
    bestuursproces: Bestuursproces, actor: Actor
) -> None:
    services.wijzig_status(
        actor=actor, bestuursproces=bestuursproces, status="afgerond", uitkomst="Klaar"
    )
    with schrijft_niets(), pytest.raises(OngeldigeInvoer) as fout:
        services.wijzig_bestuursproces(
            actor=actor,
            bestuursproces=bestuursproces,
            wijzigingen={"titel": ""},
            status="actief",
        )
    assert set(fout.value.fouten) == {"titel"}


def test_wijzig_bestuursproces_op_afgerond_proces_wordt_geweigerd(
    bestuursproces: Bestuursproces, actor: Actor
) -> None:
    services.wijzig_status(
        actor=actor, bestuursproces=bestuursproces, status="afgerond", uitkomst="Klaar"
    )
    with schrijft_niets(), pytest.raises(ProcesAfgerond):
        services.wijzig_bestuursproces(
            actor=actor, bestuursproces=bestuursproces, wijzigingen={"titel": "Te laat"}
        )
    with schrijft_niets(), pytest.raises(ProcesAfgerond):
        services.wijzig_bestuursproces(
            actor=actor, bestuursproces=bestuursproces, wijzigingen={}, opdracht=OPDRACHT
        )


def test_gepauzeerd_proces_kan_nog_worden_gewijzigd(
    bestuursproces: Bestuursproces, actor: Actor
) -> None:
    services.wijzig_status(actor=actor, bestuursproces=bestuursproces, status="gepauzeerd")
    services.wijzig_bestuursproces(
        actor=actor, bestuursproces=bestuursproces, wijzigingen={"titel": "Tijdens de pauze"}
    )
    bestuursproces.refresh_from_db()
    assert (bestuursproces.status, bestuursproces.titel) == ("gepauzeerd", "Tijdens de pauze")
    assert [e.type for e in gebeurtenissen_na(bestuursproces, 3)] == [
        "status.gewijzigd",
        "bestuursproces.gewijzigd",
    ]


def test_wijzig_bestuursproces_leest_de_status_onder_het_slot(
    bestuursproces: Bestuursproces, actor: Actor
) -> None:
    """A stale copy that still says 'actief' must not reopen a case that was closed since."""
    verouderd = Bestuursproces.objects.get(pk=bestuursproces.pk)
    services.wijzig_status(
        actor=actor, bestuursproces=bestuursproces, status="afgerond", uitkomst="Akkoord"
    )
    assert verouderd.status == "actief"
    with schrijft_niets(), pytest.raises(ProcesAfgerond):
        services.wijzig_bestuursproces(
            actor=actor, bestuursproces=verouderd, wijzigingen={}, uitkomst="Iets anders"
        )
    bestuursproces.refresh_from_db()
    assert (bestuursproces.status, bestuursproces.uitkomst) == ("afgerond", "Akkoord")


@pytest.mark.parametrize("status", ["actief", "gepauzeerd"])
def test_uitkomst_alleen_bij_afronden(
    bestuursproces: Bestuursproces, actor: Actor, status: str
) -> None:
    with schrijft_niets(), pytest.raises(OngeldigeInvoer) as fout:
        services.wijzig_status(
            actor=actor, bestuursproces=bestuursproces, status=status, uitkomst="Voorbarig"
        )
    assert list(fout.value.fouten) == ["uitkomst"]
    with schrijft_niets(), pytest.raises(OngeldigeInvoer):
        services.wijzig_bestuursproces(
            actor=actor, bestuursproces=bestuursproces, wijzigingen={}, uitkomst="Voorbarig"
        )
