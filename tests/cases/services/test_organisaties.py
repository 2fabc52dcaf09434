"""registreer_organisatie and wijzig_organisatie: the organisations behind the parties."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from cases import selectors, services
from cases.events import Actor
from cases.exceptions import OngeldigeInvoer, ProcesAfgerond
from cases.models import Bestuursproces, Organisatie

from ._hulp import (
    REGISSEUR_NAAM,
    gebeurtenissen_na,
    maak_organisatie,
    samenvatting,
    schrijft_niets,
    sluit_af,
    verwacht,
)

# --- registreer_organisatie ------------------------------------------------------------------


def test_registreer_organisatie_schrijft_de_organisatie_en_haar_gebeurtenis(
    bestuursproces: Bestuursproces, regisseur: Any, actor: Actor
) -> None:
    organisatie = services.registreer_organisatie(
        actor=actor,
        bestuursproces=bestuursproces,
        naam="Provincie Zuid-Holland",
        soort="andere_overheid",
        toelichting="Medefinancier van de kademuur",
    )

    opgeslagen = Organisatie.objects.get(pk=organisatie.pk)
    assert (
        opgeslagen.bestuursproces_id,
        opgeslagen.naam,
        opgeslagen.soort,
        opgeslagen.eigen_gemeente,
    ) == (bestuursproces.pk, "Provincie Zuid-Holland", "andere_overheid", False)
    assert list(selectors.organisaties(bestuursproces)) == [opgeslagen]
    [gebeurtenis] = gebeurtenissen_na(bestuursproces, 3)
    assert samenvatting(gebeurtenis) == verwacht(
        4,
        "organisatie.geregistreerd",
        {
            "organisatie": {
                "uuid": str(organisatie.uuid),
                "naam": "Provincie Zuid-Holland",
                "soort": "andere_overheid",
                "eigenGemeente": False,
            }
        },
        door=regisseur,
        naam=REGISSEUR_NAAM,
        toelichting="Medefinancier van de kademuur",
    )
    # Registrations are for everyone in the case: no zichtbaarheid in the payload.
    assert "zichtbaarheid" not in gebeurtenis.payload


def test_registreer_organisatie_van_de_eigen_gemeente_met_tijdstip(
    bestuursproces: Bestuursproces, actor: Actor
) -> None:
    tijdstip = timezone.now()
    organisatie = maak_organisatie(
        actor, bestuursproces, naam="Gemeente Havenstad", eigen_gemeente=True, tijdstip=tijdstip
    )
    [gebeurtenis] = gebeurtenissen_na(bestuursproces, 3)
    assert gebeurtenis.payload["organisatie"]["eigenGemeente"] is True
    assert organisatie.eigen_gemeente is True
    assert gebeurtenis.tijdstip == tijdstip


def test_registreer_organisatie_door_een_beheercommando_zonder_gebruiker(
    bestuursproces: Bestuursproces,
) -> None:
    organisatie = maak_organisatie(Actor.beheer("import"), bestuursproces, naam="Waterschap")
    [gebeurtenis] = gebeurtenissen_na(bestuursproces, 3)
    assert samenvatting(gebeurtenis) == verwacht(
        4,
        "organisatie.geregistreerd",
        {
            "organisatie": {
                "uuid": str(organisatie.uuid),
                "naam": "Waterschap",
                "soort": "gemeentelijk_onderdeel",
                "eigenGemeente": False,
            }
        },
        door=None,
        naam="",
        herkomst="beheer:import",
    )


@pytest.mark.parametrize(
    ("velden", "fouten"),
    [
        ({"naam": ""}, {"naam"}),
        ({"naam": "x" * 201}, {"naam"}),
        ({"soort": "vereniging"}, {"soort"}),
        ({"naam": "", "soort": ""}, {"naam", "soort"}),
    ],
)
def test_registreer_organisatie_met_ongeldige_gegevens_schrijft_niets(
    bestuursproces: Bestuursproces, actor: Actor, velden: dict[str, Any], fouten: set[str]
) -> None:
    with schrijft_niets(), pytest.raises(OngeldigeInvoer) as fout:
        maak_organisatie(actor, bestuursproces, **velden)
    assert set(fout.value.fouten) == fouten


@pytest.mark.parametrize("naam", ["Gemeente Havenstad", "gemeente havenstad", "GEMEENTE HAVENSTAD"])
def test_registreer_organisatie_met_bestaande_naam_wordt_geweigerd(
    bestuursproces: Bestuursproces, actor: Actor, naam: str
) -> None:
    maak_organisatie(actor, bestuursproces, naam="Gemeente Havenstad")
    with schrijft_niets(), pytest.raises(OngeldigeInvoer) as fout:
        maak_organisatie(actor, bestuursproces, naam=naam, soort="bedrijf")
    # Exactly equal or differing only in case: the same error, on the naam field.
    assert fout.value.fouten == {
        "naam": [("unique", "Dit bestuursproces kent al een organisatie met deze naam.")]
    }


def test_dezelfde_naam_in_een_ander_proces_mag(
    bestuursproces: Bestuursproces, ander_proces: Bestuursproces, actor: Actor
) -> None:
    maak_organisatie(actor, bestuursproces, naam="Gemeente Havenstad")
    andere = maak_organisatie(actor, ander_proces, naam="Gemeente Havenstad")
    assert andere.bestuursproces_id == ander_proces.pk


def test_registreer_organisatie_op_afgerond_proces_wordt_geweigerd(
    bestuursproces: Bestuursproces, actor: Actor
) -> None:
    sluit_af(actor, bestuursproces)
    with schrijft_niets(), pytest.raises(ProcesAfgerond):
        maak_organisatie(actor, bestuursproces)


def test_registreer_organisatie_met_tijdstip_in_de_toekomst_schrijft_niets(
    bestuursproces: Bestuursproces, actor: Actor
) -> None:
    with schrijft_niets(), pytest.raises(OngeldigeInvoer) as fout:
        maak_organisatie(actor, bestuursproces, tijdstip=timezone.now() + dt.timedelta(days=1))
    assert set(fout.value.fouten) == {"tijdstip"}


# --- wijzig_organisatie ----------------------------------------------------------------------


@pytest.fixture
def organisatie(bestuursproces: Bestuursproces, actor: Actor) -> Organisatie:
    """Gemeente Havenstad, event 4."""
    return maak_organisatie(actor, bestuursproces)


def test_wijzig_organisatie_schrijft_wijzigingen_en_vorige_waarden(
    bestuursproces: Bestuursproces,
    organisatie: Organisatie,
    kernteamlid: Any,
) -> None:
    resultaat = services.wijzig_organisatie(
        actor=Actor(gebruiker=kernteamlid, herkomst="web@10.0.0.7"),
        organisatie=organisatie,
        wijzigingen={
            "naam": "Gemeente Havenstad, directie Ruimte",
            "soort": "gemeentelijk_onderdeel",  # unchanged: left out of the event
            "eigen_gemeente": True,
        },
        toelichting="Preciezer",
    )

    opgeslagen = Organisatie.objects.get(pk=organisatie.pk)
    assert resultaat.naam == opgeslagen.naam == "Gemeente Havenstad, directie Ruimte"
    assert opgeslagen.eigen_gemeente is True
    [gebeurtenis] = gebeurtenissen_na(bestuursproces, 5)
    assert samenvatting(gebeurtenis) == verwacht(
        6,
        "organisatie.gewijzigd",
        {
            "organisatie": str(organisatie.uuid),
            "wijzigingen": {"naam": "Gemeente Havenstad, directie Ruimte", "eigenGemeente": True},
            "vorigeWaarden": {"naam": "Gemeente Havenstad", "eigenGemeente": False},
        },
        door=kernteamlid,
        naam="Kees Kernteam",
        toelichting="Preciezer",
        herkomst="web@10.0.0.7",
    )


def test_wijzig_organisatie_zonder_verschil_schrijft_niets(
    organisatie: Organisatie, actor: Actor
) -> None:
    with schrijft_niets():
        resultaat = services.wijzig_organisatie(
            actor=actor,
            organisatie=organisatie,
            wijzigingen={"naam": "Gemeente Havenstad", "soort": "gemeentelijk_onderdeel"},
        )
        services.wijzig_organisatie(actor=actor, organisatie=organisatie, wijzigingen={})
    assert resultaat == organisatie


def test_wijzig_organisatie_alleen_hoofdletters_van_de_eigen_naam_mag(
    bestuursproces: Bestuursproces, organisatie: Organisatie, actor: Actor
) -> None:
    services.wijzig_organisatie(
        actor=actor, organisatie=organisatie, wijzigingen={"naam": "GEMEENTE HAVENSTAD"}
    )
    [gebeurtenis] = gebeurtenissen_na(bestuursproces, 4)
    assert gebeurtenis.payload["wijzigingen"] == {"naam": "GEMEENTE HAVENSTAD"}


@pytest.mark.parametrize("naam", ["Provincie", "provincie", "PROVINCIE"])
def test_wijzig_organisatie_naar_een_bestaande_naam_wordt_geweigerd(
    bestuursproces: Bestuursproces, organisatie: Organisatie, actor: Actor, naam: str
) -> None:
    maak_organisatie(actor, bestuursproces, naam="Provincie", soort="andere_overheid")
    with schrijft_niets(), pytest.raises(OngeldigeInvoer) as fout:
        services.wijzig_organisatie(
            actor=actor, organisatie=organisatie, wijzigingen={"naam": naam}
        )
    assert set(fout.value.fouten) == {"naam"}


@pytest.mark.parametrize(
    ("wijzigingen", "fouten"),
    [
        ({"naam": ""}, {"naam"}),
        ({"soort": "vereniging"}, {"soort"}),
        ({"bestuursproces": None}, {"bestuursproces"}),
        ({"uuid": "0" * 32, "naam": "Iets"}, {"uuid"}),
        ({"eigenGemeente": True}, {"eigenGemeente"}),  # payload key, not the attribute
    ],
)
def test_wijzig_organisatie_met_ongeldige_of_onbekende_velden_schrijft_niets(
    organisatie: Organisatie, actor: Actor, wijzigingen: dict[str, Any], fouten: set[str]
) -> None:
    with schrijft_niets(), pytest.raises(OngeldigeInvoer) as fout:
        services.wijzig_organisatie(actor=actor, organisatie=organisatie, wijzigingen=wijzigingen)
    assert set(fout.value.fouten) == fouten


def test_wijzig_organisatie_op_afgerond_proces_wordt_geweigerd(
    bestuursproces: Bestuursproces, organisatie: Organisatie, actor: Actor
) -> None:
    sluit_af(actor, bestuursproces)
    with schrijft_niets(), pytest.raises(ProcesAfgerond):
        services.wijzig_organisatie(
            actor=actor, organisatie=organisatie, wijzigingen={"naam": "Te laat"}
        )
