"""Werkelijke tijd: facts take the moment they happened, and a fact entered late must fit.

A case of a process that began in 2016 is opened with that date, and its history is entered
in the order the notes turn up. Every fact is judged against the case as it stood at its own
moment, and must leave every fact that happened after it valid.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from cases import selectors, services
from cases.events import Actor, verifieer_keten
from cases.exceptions import (
    Geschiedenisconflict,
    OngeldigeInvoer,
    OngeldigeOvergang,
    PoortGesloten,
)
from cases.models import (
    Bestuursproces,
    Betrokkenheidswijziging,
    Gebeurtenis,
    Opdrachtgever,
    Speler,
    WyberStap,
    Zichtbaarheid,
)

from ._hulp import AMS, beoordeel, maak_opdrachtgever, maak_speler, op, schrijft_niets

ALLES = frozenset(Zichtbaarheid.values)


@pytest.fixture
def proces_2016(actor: Actor) -> Bestuursproces:
    """A case for a process that began on 5 January 2016."""
    return services.open_bestuursproces(
        actor=actor,
        titel="Herinrichting Havenkwartier",
        rol_gemeente="initierend",
        aanpak="cyclisch",
        tijdstip=op(2016, 1, 5),
    )


def aangesloten_speler(
    actor: Actor, proces: Bestuursproces, naam: str, moment: dt.datetime
) -> Speler:
    speler = maak_speler(actor, proces, naam=naam, commitment=True, tijdstip=moment)
    services.wijzig_betrokkenheid(
        actor=actor, partij=speler, actie="aansluiten", reden="Aan tafel", tijdstip=moment
    )
    speler.refresh_from_db()
    return speler


def geconsolideerde_stap(
    actor: Actor, proces: Bestuursproces, speler: Speler, begin: dt.datetime
) -> Any:
    """A step that runs its course in the four days from ``begin``, settled by ``speler``."""
    stap = services.start_wyberstap(
        actor=actor, bestuursproces=proces, doel="Welke functies", tijdstip=begin
    )
    optie = services.breng_optie_in(actor=actor, stap=stap, titel="Wonen", tijdstip=begin)
    dag = dt.timedelta(days=1)
    services.wijzig_fase(actor=actor, stap=stap, naar="convergeren", tijdstip=begin + dag)
    services.besluit_over_optie(actor=actor, optie=optie, status="gekozen", tijdstip=begin + dag)
    services.wijzig_fase(actor=actor, stap=stap, naar="consolideren", tijdstip=begin + 2 * dag)
    services.consolideer(
        actor=actor,
        stap=stap,
        instemmers=[speler],
        uitkomst="consensus",
        tekst="Wonen",
        tijdstip=begin + 2 * dag,
    )
    instemming = stap.instemmingen.get()
    services.leg_instemming_vast(
        actor=actor,
        instemming=instemming,
        status="ingestemd",
        formeel_besloten=True,
        besloten_op=(begin + 3 * dag).date(),
        besluitreferentie="Raad",
    )
    stap.refresh_from_db()
    return stap


def naar_houdbaar(
    actor: Actor, proces: Bestuursproces, moment: dt.datetime, toelichting: str = "Draagvlak"
) -> Any:
    return services.wijzig_stadium(
        actor=actor,
        bestuursproces=proces,
        naar="houdbaar",
        toelichting=toelichting,
        tijdstip=moment,
    )


def houdbaar_in_mei_2017(actor: Actor, proces: Bestuursproces) -> Speler:
    """A step settled in April 2016 and the move to houdbaar it allows, on 1 May 2017."""
    speler = aangesloten_speler(actor, proces, "Havenbedrijf", op(2016, 2, 1))
    geconsolideerde_stap(actor, proces, speler, op(2016, 4, 4))
    naar_houdbaar(actor, proces, op(2017, 5, 1))
    return speler


def test_een_proces_opent_op_de_dag_dat_het_begon(proces_2016: Bestuursproces) -> None:
    eerste = Gebeurtenis.objects.get(bestuursproces=proces_2016, volgnummer=1)
    assert eerste.tijdstip == op(2016, 1, 5)
    assert eerste.geregistreerd > op(2026, 1, 1)
    assert selectors.momentopname(proces_2016, op(2016, 1, 4)) is None
    staat = selectors.momentopname(proces_2016, op(2016, 2, 1))
    assert staat is not None
    assert staat["bestuursproces"]["geopendOp"] == "2016-01-05T09:00:00.000000Z"


def test_een_feit_voor_de_opening_wordt_geweigerd(
    proces_2016: Bestuursproces, actor: Actor
) -> None:
    with schrijft_niets(), pytest.raises(OngeldigeInvoer) as fout:
        maak_speler(actor, proces_2016, tijdstip=op(2015, 12, 31))
    assert fout.value.fouten["tijdstip"][0][0] == "voor_opening"
    assert "5 januari 2016" in fout.value.fouten["tijdstip"][0][1]


def test_een_feit_in_de_toekomst_wordt_geweigerd(proces_2016: Bestuursproces, actor: Actor) -> None:
    with schrijft_niets(), pytest.raises(OngeldigeInvoer) as fout:
        maak_speler(actor, proces_2016, tijdstip=dt.datetime.now(tz=AMS) + dt.timedelta(days=1))
    assert fout.value.fouten["tijdstip"][0][0] == "toekomst"


def test_een_later_vastgelegd_feit_staat_op_zijn_plaats_in_de_geschiedenis(
    proces_2016: Bestuursproces, actor: Actor
) -> None:
    speler = maak_speler(actor, proces_2016, tijdstip=op(2016, 2, 1))
    beoordeel(actor, speler, standpunt="voorstander", tijdstip=op(2018, 1, 1))
    # Found later in old notes: in 2017 the speler was still against.
    beoordeel(actor, speler, standpunt="tegenstander", tijdstip=op(2017, 1, 1))

    in_2017 = selectors.krachtenveld(proces_2016, op(2017, 6, 1), ALLES)
    in_2018 = selectors.krachtenveld(proces_2016, op(2018, 6, 1), ALLES)
    assert in_2017 is not None
    assert in_2018 is not None
    assert [g["standpunt"] for g in in_2017["groepen"]] == ["tegenstander"]
    assert [g["standpunt"] for g in in_2018["groepen"]] == ["voorstander"]
    # The current assessment is the latest in world time, not the latest recorded.
    nu = selectors.huidige_toestand(proces_2016)
    assert nu["spelers"][0]["huidigeBeoordeling"]["standpunt"] == "voorstander"
    assert selectors.momentopname(proces_2016, dt.datetime.now(tz=AMS)) == nu
    assert verifieer_keten(proces_2016) is None


def test_zoals_bekend_op_een_registratiemoment(proces_2016: Bestuursproces, actor: Actor) -> None:
    speler = maak_speler(actor, proces_2016, tijdstip=op(2016, 2, 1))
    beoordeel(actor, speler, standpunt="voorstander", tijdstip=op(2018, 1, 1))
    voor_de_aanvulling = (
        Gebeurtenis.objects.filter(bestuursproces=proces_2016).latest("volgnummer").geregistreerd
    )
    beoordeel(actor, speler, standpunt="tegenstander", tijdstip=op(2017, 1, 1))

    toen = selectors.krachtenveld(proces_2016, op(2017, 6, 1), ALLES, bekend_op=voor_de_aanvulling)
    nu = selectors.krachtenveld(proces_2016, op(2017, 6, 1), ALLES)
    assert toen is not None
    assert nu is not None
    assert toen["groepen"] == []
    assert [p["naam"] for p in toen["nietBeoordeeld"]] == ["Wethouder Ruimte"]
    assert [g["standpunt"] for g in nu["groepen"]] == ["tegenstander"]


def test_een_late_betrokkenheid_die_een_later_feit_onmogelijk_maakt_wordt_geweigerd(
    proces_2016: Bestuursproces, actor: Actor
) -> None:
    speler = maak_speler(actor, proces_2016, tijdstip=op(2016, 2, 1))
    services.wijzig_betrokkenheid(
        actor=actor, partij=speler, actie="aansluiten", reden="Aan tafel", tijdstip=op(2017, 3, 1)
    )
    with schrijft_niets(), pytest.raises(Geschiedenisconflict) as fout:
        # Afhaken in 2016 would leave nobody to aansluiten (from nog te betrekken) in 2017.
        services.wijzig_betrokkenheid(
            actor=actor,
            partij=speler,
            actie="afhaken",
            reden="Geen tijd",
            tijdstip=op(2016, 6, 1),
        )
    assert fout.value.status == 409
    assert fout.value.later_feit is not None
    assert "1 maart 2017" in fout.value.detail
    assert "Wethouder Ruimte was toen afgehaakt, niet nog te betrekken" in fout.value.detail


def test_een_late_optie_wordt_beoordeeld_naar_de_fase_van_toen(
    proces_2016: Bestuursproces, actor: Actor
) -> None:
    stap = services.start_wyberstap(
        actor=actor, bestuursproces=proces_2016, doel="Welke functies", tijdstip=op(2017, 1, 2)
    )
    services.breng_optie_in(actor=actor, stap=stap, titel="Wonen", tijdstip=op(2017, 1, 2))
    services.wijzig_fase(actor=actor, stap=stap, naar="convergeren", tijdstip=op(2017, 2, 1))
    # Brought in on 15 January, while the step was still divergeren: it fits.
    optie = services.breng_optie_in(
        actor=actor, stap=stap, titel="Werken", tijdstip=op(2017, 1, 15)
    )
    assert optie.status == "open"
    stap.refresh_from_db()
    assert stap.fase == "convergeren"
    # On 1 March the step was convergeren: no options then.
    with schrijft_niets(), pytest.raises(OngeldigeOvergang):
        services.breng_optie_in(actor=actor, stap=stap, titel="Groen", tijdstip=op(2017, 3, 1))
    staat = selectors.momentopname(proces_2016, op(2017, 1, 20))
    assert staat is not None
    assert [o["titel"] for o in staat["wyberstappen"][0]["opties"]] == ["Wonen", "Werken"]
    assert staat["wyberstappen"][0]["fase"] == "divergeren"


def test_een_late_beoordeling_krijgt_het_stadium_van_toen(
    proces_2016: Bestuursproces, actor: Actor
) -> None:
    speler = houdbaar_in_mei_2017(actor, proces_2016)
    beoordeling = beoordeel(actor, speler, tijdstip=op(2016, 12, 1))
    assert beoordeling.stadium == "voorstelbaar"
    proces_2016.refresh_from_db()
    assert proces_2016.stadium == "houdbaar"


def test_een_late_stadiumovergang_vraagt_de_poort_van_toen(
    proces_2016: Bestuursproces, actor: Actor
) -> None:
    speler = aangesloten_speler(actor, proces_2016, "Havenbedrijf", op(2016, 2, 1))
    # Entered first: a step settled in the spring of 2017.
    geconsolideerde_stap(actor, proces_2016, speler, op(2017, 4, 3))
    # A move to houdbaar in 2016, before that step: the gate at that moment is closed.
    with schrijft_niets(), pytest.raises(PoortGesloten) as fout:
        naar_houdbaar(actor, proces_2016, op(2016, 9, 1))
    assert "geen wyber-stap geconsolideerd" in fout.value.detail
    # After the step, in May 2017, it holds.
    overgang = naar_houdbaar(actor, proces_2016, op(2017, 5, 1))
    assert overgang.van == "voorstelbaar"
    proces_2016.refresh_from_db()
    assert proces_2016.stadium == "houdbaar"
    assert verifieer_keten(proces_2016) is None


def test_een_late_stadiumovergang_die_een_latere_onmogelijk_maakt_wordt_geweigerd(
    proces_2016: Bestuursproces, actor: Actor
) -> None:
    houdbaar_in_mei_2017(actor, proces_2016)
    # A move to houdbaar in 2016 would leave the 2017 move starting from the wrong stadium.
    with schrijft_niets(), pytest.raises(Geschiedenisconflict) as fout:
        naar_houdbaar(actor, proces_2016, op(2016, 6, 1), toelichting="Eerder al")
    assert "het bestuursproces was toen houdbaar, niet voorstelbaar" in fout.value.detail
    assert "1 mei 2017" in fout.value.detail


def test_een_late_instemming_vraagt_consolideren_op_dat_moment(
    proces_2016: Bestuursproces, actor: Actor
) -> None:
    speler = aangesloten_speler(actor, proces_2016, "Havenbedrijf", op(2016, 2, 1))
    stap = services.start_wyberstap(
        actor=actor, bestuursproces=proces_2016, doel="Welke functies", tijdstip=op(2017, 1, 2)
    )
    optie = services.breng_optie_in(actor=actor, stap=stap, titel="Wonen", tijdstip=op(2017, 1, 2))
    services.wijzig_fase(actor=actor, stap=stap, naar="convergeren", tijdstip=op(2017, 1, 3))
    services.besluit_over_optie(actor=actor, optie=optie, status="gekozen", tijdstip=op(2017, 1, 3))
    services.wijzig_fase(actor=actor, stap=stap, naar="consolideren", tijdstip=op(2017, 2, 1))
    services.consolideer(
        actor=actor,
        stap=stap,
        instemmers=[speler],
        uitkomst="consensus",
        tekst="Wonen",
        tijdstip=op(2017, 2, 1),
    )
    instemming = stap.instemmingen.get()
    # The formal decision of 15 January fell before the step was consolideren.
    with schrijft_niets(), pytest.raises(OngeldigeOvergang) as fout:
        services.leg_instemming_vast(
            actor=actor,
            instemming=instemming,
            status="ingestemd",
            formeel_besloten=True,
            besloten_op=dt.date(2017, 1, 15),
        )
    assert "kan alleen tijdens consolideren; stap 1 is in convergeren" in fout.value.detail


def test_het_verhaal_in_willekeurige_volgorde_is_hetzelfde_verhaal(
    proces_2016: Bestuursproces, actor: Actor
) -> None:
    speler = maak_speler(actor, proces_2016, tijdstip=op(2016, 2, 1))
    momenten = [op(2018, 5, 1), op(2016, 3, 1), op(2017, 9, 1), op(2016, 11, 1)]
    for nummer, moment in enumerate(momenten):
        services.maak_notitie(
            actor=actor,
            bestuursproces=proces_2016,
            tekst=f"Notitie {nummer}",
            zichtbaarheid="proces",
            speler=speler,
            tijdstip=moment,
        )
    staat = selectors.momentopname(proces_2016, dt.datetime.now(tz=AMS))
    assert staat is not None
    assert [n["tekst"] for n in staat["notities"]] == [
        "Notitie 1",
        "Notitie 3",
        "Notitie 2",
        "Notitie 0",
    ]
    assert staat == selectors.huidige_toestand(proces_2016)
    assert Betrokkenheidswijziging.objects.count() == 0


# --- a formal decision and the moment of the consent that rests on it -------------------------


@pytest.fixture
def opdrachtgevers(actor: Actor, proces_2016: Bestuursproces) -> list[Opdrachtgever]:
    """Two opdrachtgevers who must also decide formally (the default)."""
    return [
        maak_opdrachtgever(actor, proces_2016, naam=naam, tijdstip=op(2016, 2, 1))
        for naam in ("Wethouder Haven", "Directeur Havenbedrijf")
    ]


def stap_in_consolideren(
    actor: Actor, proces: Bestuursproces, instemmers: list[Any], moment: dt.datetime
) -> WyberStap:
    """A step that reaches consolideren at ``moment``, whose consolidation needs ``instemmers``."""
    dag = dt.timedelta(days=1)
    stap = services.start_wyberstap(
        actor=actor, bestuursproces=proces, doel="Welke functies", tijdstip=moment - dag
    )
    optie = services.breng_optie_in(actor=actor, stap=stap, titel="Wonen", tijdstip=moment - dag)
    services.wijzig_fase(actor=actor, stap=stap, naar="convergeren", tijdstip=moment - dag)
    services.besluit_over_optie(actor=actor, optie=optie, status="gekozen", tijdstip=moment - dag)
    services.wijzig_fase(actor=actor, stap=stap, naar="consolideren", tijdstip=moment)
    services.consolideer(
        actor=actor,
        stap=stap,
        instemmers=instemmers,
        uitkomst="consensus",
        tekst="Wonen",
        tijdstip=moment,
    )
    return stap


def test_een_instemming_ligt_niet_voor_haar_formele_besluit(
    proces_2016: Bestuursproces, actor: Actor, opdrachtgevers: list[Opdrachtgever]
) -> None:
    stap = stap_in_consolideren(actor, proces_2016, opdrachtgevers, op(2017, 4, 1))
    for opdrachtgever in opdrachtgevers:
        # Otherwise the step would be geconsolideerd on the 15th, days before either decision.
        with schrijft_niets(), pytest.raises(OngeldigeInvoer) as fout:
            services.leg_instemming_vast(
                actor=actor,
                instemming=stap.instemmingen.get(opdrachtgever=opdrachtgever),
                status="ingestemd",
                formeel_besloten=True,
                besloten_op=dt.date(2017, 4, 20),
                tijdstip=op(2017, 4, 15),
            )
        assert fout.value.fouten == {
            "besloten_op": [
                (
                    "na_tijdstip",
                    "Het formele besluit van 20 april 2017 was op 15 april 2017, het tijdstip "
                    "van deze instemming, nog niet genomen; kies een tijdstip op of na de "
                    "besluitdatum.",
                )
            ]
        }
    staat = selectors.momentopname(proces_2016, op(2017, 4, 17))
    assert staat is not None
    assert [(s["uuid"], s["fase"]) for s in staat["wyberstappen"]] == [
        (str(stap.uuid), "consolideren")
    ]


@pytest.mark.parametrize("besloten_op", [dt.date(2017, 4, 15), dt.date(2017, 4, 10)])
def test_een_instemming_op_of_na_de_dag_van_haar_formele_besluit(
    proces_2016: Bestuursproces,
    actor: Actor,
    opdrachtgevers: list[Opdrachtgever],
    besloten_op: dt.date,
) -> None:
    stap = stap_in_consolideren(actor, proces_2016, opdrachtgevers, op(2017, 4, 1))
    # Half past midnight in Amsterdam, still the 14th in UTC: the day is the local one.
    tijdstip = dt.datetime(2017, 4, 15, 0, 30, tzinfo=AMS)
    for opdrachtgever in opdrachtgevers:
        services.leg_instemming_vast(
            actor=actor,
            instemming=stap.instemmingen.get(opdrachtgever=opdrachtgever),
            status="ingestemd",
            formeel_besloten=True,
            besloten_op=besloten_op,
            tijdstip=tijdstip,
        )
    stap.refresh_from_db()
    assert (stap.fase, stap.geconsolideerd_op) == ("geconsolideerd", tijdstip)
    assert [i.besloten_op for i in stap.instemmingen.all()] == [besloten_op, besloten_op]
    vastgelegd = Gebeurtenis.objects.filter(
        bestuursproces=proces_2016, type="instemming.vastgelegd"
    )
    assert {g.tijdstip for g in vastgelegd} == {tijdstip}
    assert verifieer_keten(proces_2016) is None


# --- the reason a late fact is refused, worded about its moment --------------------------------


def test_een_stadiumovergang_verplaatst_voor_haar_stap_noemt_wat_toen_ontbrak(
    proces_2016: Bestuursproces, actor: Actor
) -> None:
    houdbaar_in_mei_2017(actor, proces_2016)
    overgang = Gebeurtenis.objects.get(bestuursproces=proces_2016, type="stadium.gewijzigd")
    with schrijft_niets(), pytest.raises(Geschiedenisconflict) as fout:
        services.corrigeer_datum(
            actor=actor,
            bestuursproces=proces_2016,
            volgnummer=overgang.volgnummer,
            tijdstip=op(2016, 3, 1),
            toelichting="Verkeerd jaar",
        )
    assert fout.value.detail == (
        "Op 1 maart 2016 10:00 kan dit niet: er was toen sinds het bereiken van stadium "
        "voorstelbaar geen wyber-stap geconsolideerd."
    )


def test_een_late_heropening_noemt_de_heropende_stap_van_toen(
    proces_2016: Bestuursproces, actor: Actor
) -> None:
    houdbaar_in_mei_2017(actor, proces_2016)
    overgang = Gebeurtenis.objects.get(bestuursproces=proces_2016, type="stadium.gewijzigd")
    stap = WyberStap.objects.get(bestuursproces=proces_2016)
    with schrijft_niets(), pytest.raises(Geschiedenisconflict) as fout:
        services.heropen_wyberstap(
            actor=actor, stap=stap, reden="Nieuwe feiten", tijdstip=op(2016, 9, 1)
        )
    assert fout.value.detail == (
        "Dit maakt een later feit onmogelijk: 'Stadium gewijzigd' van 1 mei 2017 10:00 "
        f"(gebeurtenis {overgang.volgnummer}): stap 1 (Welke functies) was toen heropend; wat "
        "daar was afgesproken stond weer ter discussie."
    )


def test_een_late_betrokkenheid_noemt_de_betrokkenheid_van_toen(
    proces_2016: Bestuursproces, actor: Actor
) -> None:
    speler = maak_speler(actor, proces_2016, tijdstip=op(2016, 2, 1))
    services.wijzig_betrokkenheid(
        actor=actor, partij=speler, actie="aansluiten", reden="Aan tafel", tijdstip=op(2017, 3, 1)
    )
    # Aangehaakt now; in June 2016 still nog te betrekken, which aanhaken cannot start from.
    with schrijft_niets(), pytest.raises(OngeldigeOvergang) as fout:
        services.wijzig_betrokkenheid(
            actor=actor, partij=speler, actie="aanhaken", reden="Terug", tijdstip=op(2016, 6, 1)
        )
    assert fout.value.detail == (
        "Aanhaken kan alleen vanuit: afgehaakt, afwachtend (toen: nog te betrekken)."
    )


# --- a late fact about something the case did not hold yet ---------------------------------


def test_een_beoordeling_van_voor_de_registratie_noemt_de_speler(
    proces_2016: Bestuursproces, actor: Actor
) -> None:
    speler = maak_speler(
        actor, proces_2016, naam="Waterschap Rivierenland", tijdstip=op(2016, 6, 1)
    )
    beoordeel(actor, speler, tijdstip=op(2016, 7, 1))

    with schrijft_niets(), pytest.raises(Geschiedenisconflict) as fout:
        beoordeel(actor, speler, tijdstip=op(2016, 3, 1))

    assert fout.value.detail == (
        "Op 1 maart 2016 10:00 kan dit niet: het verwijst naar iets dat toen nog niet bestond "
        "(speler 'Waterschap Rivierenland')."
    )
