"""A late fact that names a party the case did not know yet at the fact's moment.

An opdrachtgever registered today did not exist in March 2020: a fact of March 2020 that
names it (as a required instemmer, a consent, an option's inbrenger, the subject of a note,
an idee-eigenaar, a speler's organisatie) is refused with 409 geschiedenisconflict naming
the party, as a beoordeling of it already was. A party that did
exist then is still accepted, and a date correction that moves a party's registration after a
fact naming it is refused as well.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from cases import services
from cases.events import Actor, verifieer_keten
from cases.exceptions import Geschiedenisconflict
from cases.models import (
    Bestuursproces,
    Gebeurtenis,
    Instemming,
    Opdrachtgever,
    Speler,
    WyberStap,
)
from cases.services.idee import IdeeInhoud

from ._hulp import maak_opdrachtgever, maak_organisatie, maak_speler, op, schrijft_niets

NIET_BESTOND = "het verwijst naar iets dat toen nog niet bestond"


@pytest.fixture
def proces(actor: Actor) -> Bestuursproces:
    """A case of a process that began on 6 January 2020."""
    return services.open_bestuursproces(
        actor=actor,
        titel="Instemmer",
        rol_gemeente="initierend",
        aanpak="cyclisch",
        tijdstip=op(2020, 1, 6, 9),
    )


@pytest.fixture
def piet(actor: Actor, proces: Bestuursproces) -> Speler:
    return maak_speler(actor, proces, naam="Piet", tijdstip=op(2020, 2, 1))


@pytest.fixture
def wethouder(actor: Actor, proces: Bestuursproces) -> Opdrachtgever:
    """An opdrachtgever registered today: it did not exist in 2020."""
    return maak_opdrachtgever(actor, proces, naam="Wethouder (vandaag geregistreerd)")


def stap_in_consolideren(actor: Actor, proces: Bestuursproces) -> WyberStap:
    """A step that reaches consolideren on 5 March 2020 (the reproduction's step)."""
    stap = services.start_wyberstap(
        actor=actor, bestuursproces=proces, doel="x", tijdstip=op(2020, 3, 1)
    )
    optie = services.breng_optie_in(actor=actor, stap=stap, titel="A", tijdstip=op(2020, 3, 2))
    services.wijzig_fase(actor=actor, stap=stap, naar="convergeren", tijdstip=op(2020, 3, 3))
    services.besluit_over_optie(actor=actor, optie=optie, status="gekozen", tijdstip=op(2020, 3, 4))
    services.wijzig_fase(actor=actor, stap=stap, naar="consolideren", tijdstip=op(2020, 3, 5))
    stap.refresh_from_db()
    return stap


def consolideer(
    actor: Actor, stap: WyberStap, instemmers: list[Any] | None, tijdstip: dt.datetime
) -> None:
    services.consolideer(
        actor=actor,
        stap=stap,
        uitkomst="consensus",
        tekst="eens",
        instemmers=instemmers,
        tijdstip=tijdstip,
    )


@pytest.fixture
def geconsolideerd(actor: Actor, proces: Bestuursproces, piet: Speler) -> WyberStap:
    """The step consolidated on 6 March 2020 with Piet as its one required instemmer."""
    stap = stap_in_consolideren(actor, proces)
    consolideer(actor, stap, [piet], op(2020, 3, 6))
    return stap


def conflict(moment: str, naam: str) -> str:
    return f"Op {moment} kan dit niet: {NIET_BESTOND} ({naam})."


def laatste(proces: Bestuursproces) -> Gebeurtenis:
    return Gebeurtenis.objects.filter(bestuursproces=proces).latest("volgnummer")


# --- the consolidation events ---------------------------------------------------------------


def test_een_instemmer_van_na_dat_moment_wordt_geweigerd(
    actor: Actor, geconsolideerd: WyberStap, wethouder: Opdrachtgever
) -> None:
    with schrijft_niets(), pytest.raises(Geschiedenisconflict) as fout:
        services.wijzig_instemmers(
            actor=actor,
            stap=geconsolideerd,
            reden="x",
            toevoegen=[wethouder],
            tijdstip=op(2020, 3, 7),
        )

    assert fout.value.detail == conflict(
        "7 maart 2020 10:00", "opdrachtgever 'Wethouder (vandaag geregistreerd)'"
    )


def test_een_instemmer_die_toen_bestond_wordt_aanvaard(
    actor: Actor, proces: Bestuursproces, geconsolideerd: WyberStap
) -> None:
    raad = maak_opdrachtgever(actor, proces, naam="Raad", tijdstip=op(2020, 2, 15))

    services.wijzig_instemmers(
        actor=actor, stap=geconsolideerd, reden="x", toevoegen=[raad], tijdstip=op(2020, 3, 7)
    )

    gebeurtenis = laatste(proces)
    assert gebeurtenis.type == "instemmers.gewijzigd"
    assert gebeurtenis.tijdstip == op(2020, 3, 7)
    [toegevoegd] = gebeurtenis.payload["toegevoegd"]
    assert toegevoegd["opdrachtgever"] == str(raad.uuid)
    assert gebeurtenis.payload["verwijderd"] == []
    assert Instemming.objects.filter(stap=geconsolideerd, opdrachtgever=raad).exists()
    assert verifieer_keten(proces) is None


def test_een_consolidatie_die_een_latere_partij_noemt_wordt_geweigerd(
    actor: Actor, proces: Bestuursproces, piet: Speler, wethouder: Opdrachtgever
) -> None:
    stap = stap_in_consolideren(actor, proces)

    with schrijft_niets(), pytest.raises(Geschiedenisconflict) as fout:
        consolideer(actor, stap, [piet, wethouder], op(2020, 3, 6))

    assert fout.value.detail == conflict(
        "6 maart 2020 10:00", "opdrachtgever 'Wethouder (vandaag geregistreerd)'"
    )


def test_een_late_consolidatie_vraagt_standaard_de_partijen_van_toen(
    actor: Actor, proces: Bestuursproces, piet: Speler, wethouder: Opdrachtgever
) -> None:
    # Without named instemmers the default is every party the case knew then: not the
    # wethouder registered today.
    stap = stap_in_consolideren(actor, proces)

    consolideer(actor, stap, None, op(2020, 3, 6))

    [instemming] = Instemming.objects.filter(stap=stap)
    assert instemming.speler == piet
    gebeurtenis = laatste(proces)
    assert gebeurtenis.type == "consolidatie.vastgelegd"
    assert [i["speler"] for i in gebeurtenis.payload["instemmingen"]] == [str(piet.uuid)]


def test_een_instemming_van_voor_de_registratie_van_de_partij_wordt_geweigerd(
    actor: Actor, proces: Bestuursproces, geconsolideerd: WyberStap
) -> None:
    # Registered on 8 March and a required instemmer since 9 March (both fine) ...
    raad = maak_opdrachtgever(actor, proces, naam="Raad", tijdstip=op(2020, 3, 8))
    services.wijzig_instemmers(
        actor=actor, stap=geconsolideerd, reden="x", toevoegen=[raad], tijdstip=op(2020, 3, 9)
    )
    instemming = Instemming.objects.get(stap=geconsolideerd, opdrachtgever=raad)

    # ... but it cannot have consented on 7 March.
    with schrijft_niets(), pytest.raises(Geschiedenisconflict) as fout:
        services.leg_instemming_vast(
            actor=actor, instemming=instemming, status="ingestemd", tijdstip=op(2020, 3, 7)
        )

    assert fout.value.detail == conflict("7 maart 2020 10:00", "opdrachtgever 'Raad'")


def test_een_instemming_na_de_registratie_wordt_aanvaard(
    actor: Actor, proces: Bestuursproces, geconsolideerd: WyberStap, piet: Speler
) -> None:
    instemming = Instemming.objects.get(stap=geconsolideerd, speler=piet)

    services.leg_instemming_vast(
        actor=actor, instemming=instemming, status="ingestemd", tijdstip=op(2020, 3, 7)
    )

    gebeurtenis = laatste(proces)
    assert gebeurtenis.type == "instemming.vastgelegd"
    assert gebeurtenis.payload["instemming"]["speler"] == str(piet.uuid)
    assert gebeurtenis.payload["instemming"]["status"] == "ingestemd"


@pytest.mark.parametrize(
    ("soort", "welke"),
    [("consolidatie.vastgelegd", "Consolidatie vastgelegd"), ("instemmers", None)],
)
def test_een_correctie_die_de_registratie_na_de_instemmer_legt_wordt_geweigerd(
    actor: Actor, proces: Bestuursproces, geconsolideerd: WyberStap, soort: str, welke: Any
) -> None:
    if soort == "instemmers":
        raad = maak_opdrachtgever(actor, proces, naam="Raad", tijdstip=op(2020, 2, 15))
        services.wijzig_instemmers(
            actor=actor, stap=geconsolideerd, reden="x", toevoegen=[raad], tijdstip=op(2020, 3, 7)
        )
        registratie = Gebeurtenis.objects.get(
            bestuursproces=proces, type="opdrachtgever.geregistreerd"
        )
        feit = laatste(proces)
        naam, welke, moment = "opdrachtgever 'Raad'", "Vereiste instemmers gewijzigd", "7 maart"
    else:
        registratie = Gebeurtenis.objects.get(bestuursproces=proces, type="speler.geregistreerd")
        feit = Gebeurtenis.objects.get(bestuursproces=proces, type=soort)
        naam, moment = "speler 'Piet'", "6 maart"

    with schrijft_niets(), pytest.raises(Geschiedenisconflict) as fout:
        services.corrigeer_datum(
            actor=actor,
            bestuursproces=proces,
            volgnummer=registratie.volgnummer,
            tijdstip=op(2020, 4, 1),
            toelichting="Verkeerde maand",
        )

    assert fout.value.detail == (
        f"Dit maakt een later feit onmogelijk: '{welke}' van {moment} 2020 10:00 "
        f"(gebeurtenis {feit.volgnummer}): {NIET_BESTOND} ({naam})."
    )
    assert fout.value.later_feit == feit.volgnummer


# --- other facts that name a party ----------------------------------------------------------


def test_een_optie_ingebracht_door_een_latere_partij_wordt_geweigerd(
    actor: Actor, proces: Bestuursproces, wethouder: Opdrachtgever
) -> None:
    stap = services.start_wyberstap(
        actor=actor, bestuursproces=proces, doel="x", tijdstip=op(2020, 3, 1)
    )

    with schrijft_niets(), pytest.raises(Geschiedenisconflict) as fout:
        services.breng_optie_in(
            actor=actor, stap=stap, titel="A", opdrachtgever=wethouder, tijdstip=op(2020, 3, 2)
        )

    assert fout.value.detail == conflict(
        "2 maart 2020 10:00", "opdrachtgever 'Wethouder (vandaag geregistreerd)'"
    )


def test_een_optie_ingebracht_door_een_partij_van_toen_wordt_aanvaard(
    actor: Actor, proces: Bestuursproces, piet: Speler
) -> None:
    stap = services.start_wyberstap(
        actor=actor, bestuursproces=proces, doel="x", tijdstip=op(2020, 3, 1)
    )

    optie = services.breng_optie_in(
        actor=actor, stap=stap, titel="A", speler=piet, tijdstip=op(2020, 3, 2)
    )

    assert laatste(proces).payload["optie"]["speler"] == str(piet.uuid)
    assert optie.speler == piet


def test_een_notitie_over_een_latere_partij_wordt_geweigerd(
    actor: Actor, proces: Bestuursproces, wethouder: Opdrachtgever
) -> None:
    with schrijft_niets(), pytest.raises(Geschiedenisconflict) as fout:
        services.maak_notitie(
            actor=actor,
            bestuursproces=proces,
            tekst="Gesprek",
            zichtbaarheid="proces",
            opdrachtgever=wethouder,
            tijdstip=op(2020, 3, 2),
        )

    assert fout.value.detail == conflict(
        "2 maart 2020 10:00", "opdrachtgever 'Wethouder (vandaag geregistreerd)'"
    )


def test_een_idee_met_een_latere_eigenaar_wordt_geweigerd(
    actor: Actor, proces: Bestuursproces, wethouder: Opdrachtgever
) -> None:
    with schrijft_niets(), pytest.raises(Geschiedenisconflict) as fout:
        services.herzie_idee(
            actor=actor,
            bestuursproces=proces,
            inhoud=IdeeInhoud(wat="Een idee", eigenaar_opdrachtgevers=(wethouder.uuid,)),
            tijdstip=op(2020, 3, 2),
        )

    assert fout.value.detail == conflict(
        "2 maart 2020 10:00", "opdrachtgever 'Wethouder (vandaag geregistreerd)'"
    )


def test_een_speler_van_een_latere_organisatie_wordt_geweigerd(
    actor: Actor, proces: Bestuursproces
) -> None:
    organisatie = maak_organisatie(actor, proces, naam="Waterschap (vandaag)")

    with schrijft_niets(), pytest.raises(Geschiedenisconflict) as fout:
        maak_speler(actor, proces, naam="Jan", organisatie=organisatie, tijdstip=op(2020, 3, 2))

    assert fout.value.detail == conflict("2 maart 2020 10:00", "organisatie 'Waterschap (vandaag)'")


def test_een_speler_van_een_organisatie_van_toen_wordt_aanvaard(
    actor: Actor, proces: Bestuursproces
) -> None:
    organisatie = maak_organisatie(actor, proces, naam="Waterschap", tijdstip=op(2020, 2, 1))

    speler = maak_speler(
        actor, proces, naam="Jan", organisatie=organisatie, tijdstip=op(2020, 3, 2)
    )

    assert speler.organisatie == organisatie
    assert laatste(proces).payload["speler"]["organisatie"] == str(organisatie.uuid)


def test_een_speler_gecorrigeerd_naar_een_latere_organisatie_wordt_geweigerd(
    actor: Actor, proces: Bestuursproces, piet: Speler
) -> None:
    organisatie = maak_organisatie(actor, proces, naam="Waterschap (vandaag)")

    with schrijft_niets(), pytest.raises(Geschiedenisconflict) as fout:
        services.wijzig_speler(
            actor=actor,
            speler=piet,
            wijzigingen={"organisatie": organisatie},
            tijdstip=op(2020, 3, 2),
        )

    assert fout.value.detail == conflict("2 maart 2020 10:00", "organisatie 'Waterschap (vandaag)'")


def test_een_speler_gecorrigeerd_naar_een_organisatie_van_toen_wordt_aanvaard(
    actor: Actor, proces: Bestuursproces, piet: Speler
) -> None:
    organisatie = maak_organisatie(actor, proces, naam="Waterschap", tijdstip=op(2020, 2, 1))

    services.wijzig_speler(
        actor=actor, speler=piet, wijzigingen={"organisatie": organisatie}, tijdstip=op(2020, 3, 2)
    )

    gebeurtenis = laatste(proces)
    assert gebeurtenis.type == "speler.gewijzigd"
    assert gebeurtenis.payload["wijzigingen"] == {"organisatie": str(organisatie.uuid)}


def test_een_besluit_van_een_latere_opdrachtgever_noemt_haar(
    actor: Actor, proces: Bestuursproces, wethouder: Opdrachtgever
) -> None:
    # This rule held already; the refusal now also says which party it was.
    with schrijft_niets(), pytest.raises(Geschiedenisconflict) as fout:
        services.leg_besluit_vast(
            actor=actor,
            bestuursproces=proces,
            titel="Mandaat",
            datum=dt.date(2020, 3, 2),
            opdrachtgever=wethouder,
            zichtbaarheid="proces",
        )

    assert fout.value.detail.endswith(
        "wie besloot was toen nog niet bij het proces bekend "
        "(opdrachtgever 'Wethouder (vandaag geregistreerd)')."
    )
