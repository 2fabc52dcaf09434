"""The party fields Besluit, Afspraak and Deelnemer share (cases.models.partijvelden)."""

from __future__ import annotations

from cases.models import (
    Afspraak,
    Besluit,
    Deelnemer,
    Opdrachtgever,
    Orgaan,
    Organisatie,
    Speler,
)
from cases.models.partijvelden import partijvelden


def test_elk_model_noemt_alleen_zijn_eigen_soorten_partij() -> None:
    assert Besluit.partijsoorten() == ("opdrachtgever", "organisatie")
    assert Afspraak.partijsoorten() == ("speler", "opdrachtgever", "organisatie")
    assert Deelnemer.partijsoorten() == ("speler", "opdrachtgever")
    # A removed field reads as None, so `partij` holds for every model alike.
    assert Besluit().speler is None
    assert Deelnemer().organisatie is None


def test_partijvelden_zet_het_veld_van_de_soort() -> None:
    speler = Speler(naam="Wijkraad")
    assert partijvelden(speler) == {"speler": speler, "opdrachtgever": None, "organisatie": None}
    assert partijvelden(None, voorvoegsel="aan_") == {
        "aan_speler": None,
        "aan_opdrachtgever": None,
        "aan_organisatie": None,
    }
    organisatie = Organisatie(naam="Provincie")
    assert Besluit.partijvelden(organisatie) == {"opdrachtgever": None, "organisatie": organisatie}


def test_partij_en_naam_van_wie_het_is() -> None:
    opdrachtgever = Opdrachtgever(naam="Wethouder")
    assert Deelnemer(opdrachtgever=opdrachtgever).partij is opdrachtgever
    assert Deelnemer(opdrachtgever=opdrachtgever).partijnaam() == "Wethouder"
    assert Deelnemer(naam="Buurman").partij is None
    assert Deelnemer(naam="Buurman").partijnaam() == "Buurman"
    assert Besluit(orgaan=Orgaan.ANDERS, orgaan_naam="Rekenkamer").partijnaam() == "Rekenkamer"
    assert Besluit(orgaan=Orgaan.RAAD).partijnaam() == str(Orgaan.RAAD.label)
    afspraak = Afspraak(speler=Speler(naam="Bewoners"), aan_organisatie=Organisatie(naam="Rijk"))
    assert (afspraak.partijnaam(), afspraak.ontvangernaam()) == ("Bewoners", "Rijk")
    assert Afspraak(aan_naam="De buurt").ontvangernaam() == "De buurt"
