"""Consolidating a wyber-stap: who must consent, their consents, and reopening a settled step.

"Niets staat vast totdat alle partijen hebben ingestemd en hierover formeel, binnen hun eigen
organisatie, hebben besloten": a step becomes geconsolideerd, with its own event, exactly when
the last required party has ingestemd and formeel besloten.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone

from cases import services
from cases.events import Actor
from cases.exceptions import OngeldigeInvoer, OngeldigeOvergang, ProcesAfgerond
from cases.models import (
    Bestuursproces,
    Consolidatie,
    Instemming,
    Opdrachtgever,
    Optie,
    Speler,
    WyberStap,
)

from ._hulp import (
    REGISSEUR_NAAM,
    beoordeel_og,
    breng_in,
    consolideer,
    gebeurtenissen_na,
    instemmende_opdrachtgever,
    instemmende_speler,
    instemming_van,
    instemming_zonder_reactie,
    laatste_volgnummer,
    maak_opdrachtgever,
    maak_speler,
    naar_consolideren,
    samenvatting,
    schrijft_niets,
    sluit_af,
    start_stap,
    stem_in,
    utc,
    verwacht,
)

AFGEROND_TOELICHTING = "Alle vereiste partijen hebben ingestemd en formeel besloten."


@pytest.fixture
def anna(bestuursproces: Bestuursproces, actor: Actor) -> Speler:
    return instemmende_speler(actor, bestuursproces, "Anna Aannemer")


@pytest.fixture
def bart(bestuursproces: Bestuursproces, actor: Actor) -> Speler:
    return instemmende_speler(actor, bestuursproces, "Bart Bewoners")


@pytest.fixture
def haven(bestuursproces: Bestuursproces, actor: Actor) -> Opdrachtgever:
    return instemmende_opdrachtgever(actor, bestuursproces, "Wethouder Haven")


@pytest.fixture
def stap(bestuursproces: Bestuursproces, actor: Actor) -> WyberStap:
    """A step in consolideren, without a consolidation yet."""
    return naar_consolideren(actor, bestuursproces, "Wonen", "Werken")[0]


@pytest.fixture
def drie(
    stap: WyberStap, actor: Actor, anna: Speler, bart: Speler, haven: Opdrachtgever
) -> WyberStap:
    """The step, consolidated with three parties that must consent: Anna, Bart and Haven."""
    consolideer(actor, stap, [anna, bart, haven])
    return stap


def _fase(stap: WyberStap) -> str:
    stap.refresh_from_db()
    return stap.fase


# --- standaard_instemmers ----------------------------------------------------------------------


def test_standaard_instemmers(
    bestuursproces: Bestuursproces, ander_proces: Bestuursproces, actor: Actor
) -> None:
    # In: aangehaakte spelers with commitment, aangehaakte opdrachtgevers with a mandaat.
    zus = instemmende_speler(actor, bestuursproces, "Zus Zorg")
    anna = instemmende_speler(actor, bestuursproces, "Anna Aannemer")
    haven = instemmende_opdrachtgever(actor, bestuursproces, "Wethouder Haven")
    later = maak_opdrachtgever(actor, bestuursproces, naam="Directeur Later")
    services.wijzig_betrokkenheid(actor=actor, partij=later, actie="aansluiten", reden="Aan tafel")
    beoordeel_og(actor, later)  # no mandaat at first ...
    beoordeel_og(actor, later, mandaat="Tot twee miljoen")  # ... then one
    # Out: without commitment (False or unknown), not aangehaakt, without a (current) mandaat.
    instemmende_speler(actor, bestuursproces, "Bert Zonder", commitment=False)
    instemmende_speler(actor, bestuursproces, "Cor Onbekend", commitment=None)
    maak_speler(actor, bestuursproces, naam="Dirk Nog Niet", commitment=True)
    afwachtend = maak_speler(actor, bestuursproces, naam="Eva Afwachtend", commitment=True)
    services.wijzig_betrokkenheid(actor=actor, partij=afwachtend, actie="afwachten", reden="Later")
    afgehaakt = instemmende_speler(actor, bestuursproces, "Fred Afgehaakt")
    services.wijzig_betrokkenheid(actor=actor, partij=afgehaakt, actie="afhaken", reden="Weg")
    ingetrokken = instemmende_opdrachtgever(actor, bestuursproces, "Raad Ingetrokken")
    beoordeel_og(actor, ingetrokken, mandaat="")  # the latest assessment records none
    ongekend = maak_opdrachtgever(actor, bestuursproces, naam="Gedeputeerde Ongekend")
    services.wijzig_betrokkenheid(actor=actor, partij=ongekend, actie="aansluiten", reden="Ja")
    wachtend = maak_opdrachtgever(actor, bestuursproces, naam="Minister Wachtend")
    beoordeel_og(actor, wachtend, mandaat="Volledig")  # a mandaat, but not aangehaakt
    instemmende_speler(actor, ander_proces, "Anna van Elders")
    instemmende_opdrachtgever(actor, ander_proces, "Wethouder Elders")
    stap = start_stap(actor, bestuursproces)

    # Spelers first, then opdrachtgevers, each by name.
    assert services.standaard_instemmers(stap) == [anna, zus, later, haven]


def test_standaard_instemmers_zonder_kandidaten_is_leeg(
    bestuursproces: Bestuursproces, actor: Actor
) -> None:
    maak_speler(actor, bestuursproces, commitment=True)
    assert services.standaard_instemmers(start_stap(actor, bestuursproces)) == []


# --- consolideer -------------------------------------------------------------------------------


def test_consolideer_met_de_standaard_instemmers(
    bestuursproces: Bestuursproces,
    regisseur: Any,
    actor: Actor,
    stap: WyberStap,
    anna: Speler,
    haven: Opdrachtgever,
) -> None:
    maak_speler(actor, bestuursproces, naam="Zonder Commitment")
    volgnummer = laatste_volgnummer(bestuursproces)
    tijdstip = timezone.now()

    consolidatie = services.consolideer(
        actor=actor,
        stap=stap,
        uitkomst="commitment",
        tekst="We bouwen wonen en werken, in die volgorde",
        document_titel="Intentieovereenkomst",
        document_url="https://havenstad.example/intentie.pdf",
        toelichting="Getekend aan tafel",
        tijdstip=tijdstip,
    )

    opgeslagen = Consolidatie.objects.get(stap=stap)
    assert opgeslagen == consolidatie
    assert (
        opgeslagen.bestuursproces_id,
        opgeslagen.uitkomst,
        opgeslagen.tekst,
        opgeslagen.document_titel,
        opgeslagen.document_url,
        opgeslagen.tijdstip,
        opgeslagen.door,
    ) == (
        bestuursproces.pk,
        "commitment",
        "We bouwen wonen en werken, in die volgorde",
        "Intentieovereenkomst",
        "https://havenstad.example/intentie.pdf",
        tijdstip,
        regisseur,
    )
    van_anna, van_haven = Instemming.objects.filter(stap=stap).order_by("id")
    assert (van_anna.speler, van_anna.opdrachtgever) == (anna, None)
    assert (van_haven.speler, van_haven.opdrachtgever) == (None, haven)
    assert {i.status for i in (van_anna, van_haven)} == {"nog_geen_reactie"}
    assert _fase(stap) == "consolideren"
    [gebeurtenis] = gebeurtenissen_na(bestuursproces, volgnummer)
    assert samenvatting(gebeurtenis) == verwacht(
        volgnummer + 1,
        "consolidatie.vastgelegd",
        {
            "stap": str(stap.uuid),
            "consolidatie": {
                "uuid": str(consolidatie.uuid),
                "uitkomst": "commitment",
                "tekst": "We bouwen wonen en werken, in die volgorde",
                "documentTitel": "Intentieovereenkomst",
                "documentUrl": "https://havenstad.example/intentie.pdf",
            },
            "instemmingen": [
                instemming_zonder_reactie(van_anna, speler=anna),
                instemming_zonder_reactie(van_haven, opdrachtgever=haven),
            ],
        },
        door=regisseur,
        naam=REGISSEUR_NAAM,
        toelichting="Getekend aan tafel",
    )
    assert gebeurtenis.tijdstip == tijdstip


def test_een_expliciete_lijst_vervangt_de_standaard(
    bestuursproces: Bestuursproces, actor: Actor, stap: WyberStap, anna: Speler, haven: Any
) -> None:
    zonder = maak_speler(actor, bestuursproces, naam="Zonder Commitment")
    volgnummer = laatste_volgnummer(bestuursproces)

    consolideer(actor, stap, [zonder, anna])

    assert [(i.speler, i.opdrachtgever) for i in Instemming.objects.filter(stap=stap)] == [
        (zonder, None),
        (anna, None),
    ]
    [gebeurtenis] = gebeurtenissen_na(bestuursproces, volgnummer)
    assert [i["speler"] for i in gebeurtenis.payload["instemmingen"]] == [
        str(zonder.uuid),
        str(anna.uuid),
    ]


def test_een_lege_lijst_instemmers_wordt_geweigerd(
    actor: Actor, stap: WyberStap, anna: Speler
) -> None:
    with schrijft_niets(), pytest.raises(OngeldigeInvoer) as fout:
        consolideer(actor, stap, [])
    assert set(fout.value.fouten) == {"instemmers"}


def test_zonder_instemmers_in_de_standaard_wordt_geweigerd(actor: Actor, stap: WyberStap) -> None:
    with schrijft_niets(), pytest.raises(OngeldigeInvoer) as fout:
        consolideer(actor, stap, None)
    assert set(fout.value.fouten) == {"instemmers"}


def test_een_partij_staat_er_een_keer_in(actor: Actor, stap: WyberStap, anna: Speler) -> None:
    with schrijft_niets(), pytest.raises(OngeldigeInvoer) as fout:
        consolideer(actor, stap, [anna, anna])
    assert fout.value.fouten["instemmers"][0][0] == "unique"


@pytest.mark.parametrize("soort", ["speler", "opdrachtgever"])
def test_een_instemmer_van_een_ander_proces_schrijft_niets(
    ander_proces: Bestuursproces, actor: Actor, stap: WyberStap, anna: Speler, soort: str
) -> None:
    maak = instemmende_speler if soort == "speler" else instemmende_opdrachtgever
    vreemde = maak(actor, ander_proces, "Van Elders")
    with schrijft_niets(), pytest.raises(OngeldigeInvoer) as fout:
        consolideer(actor, stap, [anna, vreemde])
    assert fout.value.fouten["instemmers"][0][0] == "does_not_exist"


@pytest.mark.parametrize(
    ("velden", "fouten"),
    [
        ({"uitkomst": "eensgezind"}, {"uitkomst"}),
        ({"uitkomst": ""}, {"uitkomst"}),
        ({"tekst": ""}, {"tekst"}),
        ({"document_url": "geen url"}, {"document_url"}),
    ],
)
def test_een_ongeldige_consolidatie_schrijft_niets(
    actor: Actor, stap: WyberStap, anna: Speler, velden: dict[str, Any], fouten: set[str]
) -> None:
    with schrijft_niets(), pytest.raises(OngeldigeInvoer) as fout:
        consolideer(actor, stap, [anna], **velden)
    assert set(fout.value.fouten) == fouten


def test_een_consolidatie_vraagt_iemand_die_haar_vastlegt(stap: WyberStap, anna: Speler) -> None:
    with schrijft_niets(), pytest.raises(OngeldigeInvoer) as fout:
        consolideer(Actor.beheer("import"), stap, [anna])
    assert set(fout.value.fouten) == {"gebruiker"}


@pytest.mark.parametrize("fase", ["divergeren", "convergeren"])
def test_consolideren_alleen_tijdens_consolideren(
    bestuursproces: Bestuursproces, actor: Actor, anna: Speler, fase: str
) -> None:
    stap = start_stap(actor, bestuursproces)
    breng_in(actor, stap, "Wonen")
    if fase == "convergeren":
        services.wijzig_fase(actor=actor, stap=stap, naar="convergeren")
    with schrijft_niets(), pytest.raises(OngeldigeOvergang) as fout:
        consolideer(actor, stap, [anna])
    assert (fout.value.code, fout.value.status) == ("verkeerde-fase", 409)


def test_een_stap_wordt_een_keer_geconsolideerd(
    actor: Actor, drie: WyberStap, anna: Speler
) -> None:
    with schrijft_niets(), pytest.raises(OngeldigeOvergang) as fout:
        consolideer(actor, drie, [anna], tekst="Toch iets anders")
    assert (fout.value.code, fout.value.status) == ("al-geconsolideerd", 409)


def test_een_geconsolideerde_stap_krijgt_geen_nieuwe_consolidatie(
    actor: Actor, stap: WyberStap, anna: Speler
) -> None:
    consolideer(actor, stap, [anna])
    stem_in(actor, stap, anna)
    assert _fase(stap) == "geconsolideerd"
    with schrijft_niets(), pytest.raises(OngeldigeOvergang) as fout:
        consolideer(actor, stap, [anna])
    assert (fout.value.code, fout.value.status) == ("verkeerde-fase", 409)


# --- leg_instemming_vast -----------------------------------------------------------------------


def test_leg_instemming_vast(
    bestuursproces: Bestuursproces, regisseur: Any, actor: Actor, drie: WyberStap, bart: Speler
) -> None:
    volgnummer = laatste_volgnummer(bestuursproces)
    tijdstip = timezone.now()

    instemming = services.leg_instemming_vast(
        actor=actor,
        instemming=instemming_van(drie, bart),
        status="ingestemd_onder_voorbehoud",
        voorbehoud="Mits er een speeltuin komt",
        formeel_besloten=True,
        besloten_op=dt.date(2026, 3, 2),
        besluitreferentie="ALV 2026-03",
        toelichting="Brief van de vereniging",
        tijdstip=tijdstip,
    )

    opgeslagen = Instemming.objects.get(pk=instemming.pk)
    assert (
        opgeslagen.status,
        opgeslagen.voorbehoud,
        opgeslagen.formeel_besloten,
        opgeslagen.besloten_op,
        opgeslagen.besluitreferentie,
    ) == (
        "ingestemd_onder_voorbehoud",
        "Mits er een speeltuin komt",
        True,
        dt.date(2026, 3, 2),
        "ALV 2026-03",
    )
    assert _fase(drie) == "consolideren"
    [gebeurtenis] = gebeurtenissen_na(bestuursproces, volgnummer)
    assert samenvatting(gebeurtenis) == verwacht(
        volgnummer + 1,
        "instemming.vastgelegd",
        {
            "stap": str(drie.uuid),
            "instemming": {
                "uuid": str(instemming.uuid),
                "speler": str(bart.uuid),
                "opdrachtgever": None,
                "status": "ingestemd_onder_voorbehoud",
                "voorbehoud": "Mits er een speeltuin komt",
                "formeelBesloten": True,
                "beslotenOp": "2026-03-02",
                "besluitreferentie": "ALV 2026-03",
            },
        },
        door=regisseur,
        naam=REGISSEUR_NAAM,
        toelichting="Brief van de vereniging",
    )
    assert gebeurtenis.tijdstip == tijdstip


def test_zonder_formeel_besluit_vervallen_datum_en_referentie(
    actor: Actor, drie: WyberStap, anna: Speler
) -> None:
    stem_in(actor, drie, anna, formeel_besloten=False)
    instemming = instemming_van(drie, anna)
    assert (instemming.formeel_besloten, instemming.besloten_op, instemming.besluitreferentie) == (
        False,
        None,
        "",
    )


def test_de_laatste_partij_die_rond_is_consolideert_de_stap(
    bestuursproces: Bestuursproces,
    regisseur: Any,
    actor: Actor,
    drie: WyberStap,
    anna: Speler,
    bart: Speler,
    haven: Opdrachtgever,
) -> None:
    stem_in(actor, drie, anna)
    assert _fase(drie) == "consolideren"
    stem_in(actor, drie, haven)
    assert _fase(drie) == "consolideren"
    volgnummer = laatste_volgnummer(bestuursproces)
    tijdstip = timezone.now()

    instemming = stem_in(actor, drie, bart, tijdstip=tijdstip)

    drie.refresh_from_db()
    assert (drie.fase, drie.geconsolideerd_op) == ("geconsolideerd", tijdstip)
    vastgelegd, gewijzigd = gebeurtenissen_na(bestuursproces, volgnummer)
    assert samenvatting(vastgelegd) == verwacht(
        volgnummer + 1,
        "instemming.vastgelegd",
        {
            "stap": str(drie.uuid),
            "instemming": {
                "uuid": str(instemming.uuid),
                "speler": str(bart.uuid),
                "opdrachtgever": None,
                "status": "ingestemd",
                "voorbehoud": "",
                "formeelBesloten": True,
                "beslotenOp": "2026-03-01",
                "besluitreferentie": "B&W 2026/12",
            },
        },
        door=regisseur,
        naam=REGISSEUR_NAAM,
    )
    assert samenvatting(gewijzigd) == verwacht(
        volgnummer + 2,
        "wyberstap.fase_gewijzigd",
        {"stap": str(drie.uuid), "van": "consolideren", "naar": "geconsolideerd"},
        door=regisseur,
        naam=REGISSEUR_NAAM,
        toelichting=AFGEROND_TOELICHTING,
    )
    assert vastgelegd.tijdstip == gewijzigd.tijdstip == tijdstip


@pytest.mark.parametrize(
    ("status", "formeel_besloten"),
    [
        ("ingestemd_onder_voorbehoud", True),
        ("ingestemd", False),
        ("niet_ingestemd", True),
        ("niet_ingestemd", False),
        ("nog_geen_reactie", False),
    ],
)
def test_wie_niet_rond_is_houdt_de_stap_in_consolideren(
    bestuursproces: Bestuursproces,
    actor: Actor,
    drie: WyberStap,
    anna: Speler,
    bart: Speler,
    haven: Opdrachtgever,
    status: str,
    formeel_besloten: bool,
) -> None:
    stem_in(actor, drie, anna)
    stem_in(actor, drie, haven)
    volgnummer = laatste_volgnummer(bestuursproces)

    stem_in(actor, drie, bart, status=status, formeel_besloten=formeel_besloten)

    drie.refresh_from_db()
    assert (drie.fase, drie.geconsolideerd_op) == ("consolideren", None)
    assert [g.type for g in gebeurtenissen_na(bestuursproces, volgnummer)] == [
        "instemming.vastgelegd"
    ]


def test_een_partij_die_terugkomt_op_haar_instemming(
    actor: Actor, drie: WyberStap, anna: Speler, bart: Speler, haven: Opdrachtgever
) -> None:
    stem_in(actor, drie, anna)
    stem_in(actor, drie, bart)
    stem_in(actor, drie, anna, status="niet_ingestemd")  # Anna changes her mind
    stem_in(actor, drie, haven)
    assert _fase(drie) == "consolideren"
    stem_in(actor, drie, anna)
    assert _fase(drie) == "geconsolideerd"


def test_een_onbekende_status_is_ongeldige_invoer(
    actor: Actor, drie: WyberStap, anna: Speler
) -> None:
    with schrijft_niets(), pytest.raises(OngeldigeInvoer) as fout:
        stem_in(actor, drie, anna, status="misschien")
    assert set(fout.value.fouten) == {"status"}


def test_een_formeel_besluit_hoort_bij_een_reactie(
    actor: Actor, drie: WyberStap, anna: Speler
) -> None:
    with schrijft_niets(), pytest.raises(OngeldigeInvoer) as fout:
        stem_in(actor, drie, anna, status="nog_geen_reactie", formeel_besloten=True)
    assert set(fout.value.fouten) == {"formeel_besloten"}


def test_na_consolidatie_liggen_de_instemmingen_vast(
    actor: Actor, stap: WyberStap, anna: Speler
) -> None:
    consolideer(actor, stap, [anna])
    stem_in(actor, stap, anna)
    with schrijft_niets(), pytest.raises(OngeldigeOvergang) as fout:
        stem_in(actor, stap, anna, status="niet_ingestemd")
    assert (fout.value.code, fout.value.status) == ("verkeerde-fase", 409)


# --- wijzig_instemmers -------------------------------------------------------------------------


def test_wijzig_instemmers_voegt_toe_en_haalt_weg(
    bestuursproces: Bestuursproces,
    regisseur: Any,
    actor: Actor,
    drie: WyberStap,
    anna: Speler,
    bart: Speler,
    haven: Opdrachtgever,
) -> None:
    corporatie = maak_opdrachtgever(actor, bestuursproces, naam="Directie Corporatie")
    carla = maak_speler(actor, bestuursproces, naam="Carla Corporatie")
    van_bart, van_haven = instemming_van(drie, bart), instemming_van(drie, haven)
    volgnummer = laatste_volgnummer(bestuursproces)
    tijdstip = timezone.now()

    services.wijzig_instemmers(
        actor=actor,
        stap=drie,
        reden="De corporatie bouwt; de bewoners spreken via de wethouder",
        toevoegen=[carla, corporatie],
        verwijderen=[bart, haven],
        tijdstip=tijdstip,
    )

    van_carla, van_corporatie = instemming_van(drie, carla), instemming_van(drie, corporatie)
    assert list(Instemming.objects.filter(stap=drie)) == [
        instemming_van(drie, anna),
        van_carla,
        van_corporatie,
    ]
    assert _fase(drie) == "consolideren"
    [gebeurtenis] = gebeurtenissen_na(bestuursproces, volgnummer)
    assert samenvatting(gebeurtenis) == verwacht(
        volgnummer + 1,
        "instemmers.gewijzigd",
        {
            "stap": str(drie.uuid),
            "toegevoegd": [
                instemming_zonder_reactie(van_carla, speler=carla),
                instemming_zonder_reactie(van_corporatie, opdrachtgever=corporatie),
            ],
            "verwijderd": [str(van_bart.uuid), str(van_haven.uuid)],
        },
        door=regisseur,
        naam=REGISSEUR_NAAM,
        toelichting="De corporatie bouwt; de bewoners spreken via de wethouder",
    )
    assert gebeurtenis.tijdstip == tijdstip


@pytest.mark.parametrize("reden", ["", "   ", "\n"])
def test_wijzig_instemmers_vraagt_een_reden(
    actor: Actor, drie: WyberStap, bart: Speler, reden: str
) -> None:
    with schrijft_niets(), pytest.raises(OngeldigeInvoer) as fout:
        services.wijzig_instemmers(actor=actor, stap=drie, reden=reden, verwijderen=[bart])
    assert set(fout.value.fouten) == {"reden"}


def test_de_laatste_dwarsligger_weghalen_consolideert_de_stap(
    bestuursproces: Bestuursproces,
    regisseur: Any,
    actor: Actor,
    drie: WyberStap,
    anna: Speler,
    bart: Speler,
    haven: Opdrachtgever,
) -> None:
    stem_in(actor, drie, anna)
    stem_in(actor, drie, haven)
    stem_in(actor, drie, bart, status="niet_ingestemd", formeel_besloten=True)
    van_bart = instemming_van(drie, bart)
    volgnummer = laatste_volgnummer(bestuursproces)
    tijdstip = timezone.now()

    services.wijzig_instemmers(
        actor=actor,
        stap=drie,
        reden="De vereniging is geen partij meer",
        verwijderen=[bart],
        tijdstip=tijdstip,
    )

    drie.refresh_from_db()
    assert (drie.fase, drie.geconsolideerd_op) == ("geconsolideerd", tijdstip)
    gewijzigd, geconsolideerd = gebeurtenissen_na(bestuursproces, volgnummer)
    assert samenvatting(gewijzigd) == verwacht(
        volgnummer + 1,
        "instemmers.gewijzigd",
        {"stap": str(drie.uuid), "toegevoegd": [], "verwijderd": [str(van_bart.uuid)]},
        door=regisseur,
        naam=REGISSEUR_NAAM,
        toelichting="De vereniging is geen partij meer",
    )
    assert samenvatting(geconsolideerd) == verwacht(
        volgnummer + 2,
        "wyberstap.fase_gewijzigd",
        {"stap": str(drie.uuid), "van": "consolideren", "naar": "geconsolideerd"},
        door=regisseur,
        naam=REGISSEUR_NAAM,
        toelichting=AFGEROND_TOELICHTING,
    )


def test_een_partij_toevoegen_houdt_de_stap_open(
    bestuursproces: Bestuursproces, actor: Actor, drie: WyberStap
) -> None:
    carla = maak_speler(actor, bestuursproces, naam="Carla Corporatie")
    services.wijzig_instemmers(actor=actor, stap=drie, reden="Zij bouwt", toevoegen=[carla])
    for instemming in Instemming.objects.filter(stap=drie).exclude(speler=carla):
        services.leg_instemming_vast(
            actor=actor, instemming=instemming, status="ingestemd", formeel_besloten=True
        )
    assert _fase(drie) == "consolideren"
    stem_in(actor, drie, carla)
    assert _fase(drie) == "geconsolideerd"


def test_er_blijft_minstens_een_instemmer(
    actor: Actor, drie: WyberStap, anna: Speler, bart: Speler, haven: Opdrachtgever
) -> None:
    services.wijzig_instemmers(actor=actor, stap=drie, reden="Kleiner", verwijderen=[bart])
    with schrijft_niets(), pytest.raises(OngeldigeInvoer) as fout:
        services.wijzig_instemmers(
            actor=actor, stap=drie, reden="Niemand meer", verwijderen=[anna, haven]
        )
    assert fout.value.fouten["verwijderen"][0][0] == "invalid"


def test_weghalen_en_toevoegen_tegelijk_laat_een_instemmer_over(
    bestuursproces: Bestuursproces, actor: Actor, stap: WyberStap, anna: Speler
) -> None:
    consolideer(actor, stap, [anna])
    carla = maak_speler(actor, bestuursproces, naam="Carla Corporatie")
    services.wijzig_instemmers(
        actor=actor, stap=stap, reden="Wissel", toevoegen=[carla], verwijderen=[anna]
    )
    assert [i.speler for i in Instemming.objects.filter(stap=stap)] == [carla]


def _al_vereist(drie: WyberStap, anna: Speler, vreemde: Speler, carla: Speler) -> dict[str, Any]:
    return {"toevoegen": [anna]}


def _niet_vereist(drie: WyberStap, anna: Speler, vreemde: Speler, carla: Speler) -> dict[str, Any]:
    return {"verwijderen": [carla]}


def _dubbel_toevoegen(
    drie: WyberStap, anna: Speler, vreemde: Speler, carla: Speler
) -> dict[str, Any]:
    return {"toevoegen": [carla, carla]}


def _dubbel_weghalen(
    drie: WyberStap, anna: Speler, vreemde: Speler, carla: Speler
) -> dict[str, Any]:
    return {"verwijderen": [anna, anna]}


def _van_elders(drie: WyberStap, anna: Speler, vreemde: Speler, carla: Speler) -> dict[str, Any]:
    return {"toevoegen": [vreemde]}


@pytest.mark.parametrize(
    ("wijziging", "veld", "code"),
    [
        (_al_vereist, "toevoegen", "unique"),
        (_niet_vereist, "verwijderen", "does_not_exist"),
        (_dubbel_toevoegen, "toevoegen", "unique"),
        (_dubbel_weghalen, "verwijderen", "unique"),
        (_van_elders, "toevoegen", "does_not_exist"),
    ],
    ids=["al-vereist", "niet-vereist", "dubbel-toevoegen", "dubbel-weghalen", "van-elders"],
)
def test_een_ongeldige_wijziging_van_instemmers_schrijft_niets(
    bestuursproces: Bestuursproces,
    ander_proces: Bestuursproces,
    actor: Actor,
    drie: WyberStap,
    anna: Speler,
    wijziging: Callable[..., dict[str, Any]],
    veld: str,
    code: str,
) -> None:
    vreemde = instemmende_speler(actor, ander_proces, "Van Elders")
    carla = maak_speler(actor, bestuursproces, naam="Carla Corporatie")
    with schrijft_niets(), pytest.raises(OngeldigeInvoer) as fout:
        services.wijzig_instemmers(
            actor=actor, stap=drie, reden="Waarom niet", **wijziging(drie, anna, vreemde, carla)
        )
    assert fout.value.fouten[veld][0][0] == code


def test_instemmers_wijzigen_vraagt_een_consolidatie(
    actor: Actor, stap: WyberStap, anna: Speler
) -> None:
    with schrijft_niets(), pytest.raises(OngeldigeOvergang) as fout:
        services.wijzig_instemmers(actor=actor, stap=stap, reden="Vooraf", toevoegen=[anna])
    assert (fout.value.code, fout.value.status) == ("geen-consolidatie", 409)


@pytest.mark.parametrize("fase", ["divergeren", "geconsolideerd"])
def test_instemmers_wijzigen_alleen_tijdens_consolideren(
    bestuursproces: Bestuursproces, actor: Actor, anna: Speler, bart: Speler, fase: str
) -> None:
    if fase == "divergeren":
        stap = start_stap(actor, bestuursproces)
    else:
        stap = naar_consolideren(actor, bestuursproces)[0]
        consolideer(actor, stap, [anna])
        stem_in(actor, stap, anna)
    with schrijft_niets(), pytest.raises(OngeldigeOvergang) as fout:
        services.wijzig_instemmers(actor=actor, stap=stap, reden="Te laat", toevoegen=[bart])
    assert (fout.value.code, fout.value.status) == ("verkeerde-fase", 409)


# --- heropen_wyberstap -------------------------------------------------------------------------


@pytest.fixture
def geconsolideerd(actor: Actor, stap: WyberStap, anna: Speler) -> WyberStap:
    consolideer(actor, stap, [anna])
    stem_in(actor, stap, anna)
    stap.refresh_from_db()
    assert stap.fase == "geconsolideerd"
    return stap


@pytest.mark.parametrize("doel", [None, "Opnieuw: welke functies, nu zonder rijksbijdrage"])
def test_heropen_wyberstap_start_een_nieuwe_stap(
    bestuursproces: Bestuursproces,
    regisseur: Any,
    actor: Actor,
    geconsolideerd: WyberStap,
    anna: Speler,
    doel: str | None,
) -> None:
    consolidatie = Consolidatie.objects.get(stap=geconsolideerd)
    instemmingen = list(Instemming.objects.filter(stap=geconsolideerd).values())
    services.wijzig_stadium(
        actor=actor,
        bestuursproces=bestuursproces,
        naar="houdbaar",
        toelichting="Stap 1 is geconsolideerd",
    )
    volgnummer = laatste_volgnummer(bestuursproces)
    tijdstip = timezone.now()

    nieuw = services.heropen_wyberstap(
        actor=actor,
        stap=geconsolideerd,
        reden="De rijksbijdrage is vervallen",
        doel=doel,
        tijdstip=tijdstip,
    )

    opgeslagen = WyberStap.objects.get(pk=nieuw.pk)
    assert (
        opgeslagen.volgnummer,
        opgeslagen.doel,
        opgeslagen.stadium,
        opgeslagen.fase,
        opgeslagen.gestart_op,
        opgeslagen.heropent,
        opgeslagen.heropeningsreden,
    ) == (
        2,
        doel or geconsolideerd.doel,
        "houdbaar",
        "divergeren",
        tijdstip,
        geconsolideerd,
        "De rijksbijdrage is vervallen",
    )
    # The old step, its consolidation and its consents stay as they were.
    oud = WyberStap.objects.get(pk=geconsolideerd.pk)
    assert (oud.fase, oud.geconsolideerd_op) == ("geconsolideerd", geconsolideerd.geconsolideerd_op)
    assert Consolidatie.objects.get(stap=oud) == consolidatie
    assert list(Instemming.objects.filter(stap=oud).values()) == instemmingen
    assert not Instemming.objects.filter(stap=nieuw).exists()
    assert list(oud.heropeningen.all()) == [opgeslagen]
    [gebeurtenis] = gebeurtenissen_na(bestuursproces, volgnummer)
    assert samenvatting(gebeurtenis) == verwacht(
        volgnummer + 1,
        "wyberstap.gestart",
        {
            "stap": {
                "uuid": str(nieuw.uuid),
                "volgnummer": 2,
                "doel": doel or geconsolideerd.doel,
                "stadium": "houdbaar",
                "fase": "divergeren",
                "gestartOp": utc(tijdstip),
                "heropent": str(geconsolideerd.uuid),
                "heropeningsreden": "De rijksbijdrage is vervallen",
            }
        },
        door=regisseur,
        naam=REGISSEUR_NAAM,
        toelichting="De rijksbijdrage is vervallen",
    )


@pytest.mark.parametrize("reden", ["", "  "])
def test_heropenen_vraagt_een_reden(actor: Actor, geconsolideerd: WyberStap, reden: str) -> None:
    with schrijft_niets(), pytest.raises(OngeldigeInvoer) as fout:
        services.heropen_wyberstap(actor=actor, stap=geconsolideerd, reden=reden)
    assert set(fout.value.fouten) == {"reden"}


@pytest.mark.parametrize("fase", ["divergeren", "convergeren", "consolideren"])
def test_alleen_een_geconsolideerde_stap_wordt_heropend(
    bestuursproces: Bestuursproces, actor: Actor, anna: Speler, fase: str
) -> None:
    stap = start_stap(actor, bestuursproces)
    breng_in(actor, stap, "Wonen")
    if fase != "divergeren":
        services.wijzig_fase(actor=actor, stap=stap, naar="convergeren")
    if fase == "consolideren":
        [optie] = Optie.objects.filter(stap=stap)
        services.besluit_over_optie(actor=actor, optie=optie, status="gekozen")
        services.wijzig_fase(actor=actor, stap=stap, naar="consolideren")
        consolideer(actor, stap, [anna])
    with schrijft_niets(), pytest.raises(OngeldigeOvergang) as fout:
        services.heropen_wyberstap(actor=actor, stap=stap, reden="Nieuwe feiten")
    assert (fout.value.code, fout.value.status) == ("verkeerde-fase", 409)


# --- closed cases ------------------------------------------------------------------------------


def _consolideer(actor: Actor, stap: WyberStap, anna: Speler, bart: Speler) -> Any:
    return consolideer(actor, stap, [anna])


def _stem_in(actor: Actor, stap: WyberStap, anna: Speler, bart: Speler) -> Any:
    return stem_in(actor, stap, bart)


def _wijzig_instemmers(actor: Actor, stap: WyberStap, anna: Speler, bart: Speler) -> Any:
    return services.wijzig_instemmers(actor=actor, stap=stap, reden="Te laat", verwijderen=[bart])


def _heropen(actor: Actor, stap: WyberStap, anna: Speler, bart: Speler) -> Any:
    return services.heropen_wyberstap(actor=actor, stap=stap, reden="Te laat")


@pytest.mark.parametrize(
    ("schrijf", "klaar"),
    [
        (_consolideer, "zonder-consolidatie"),
        (_stem_in, "wacht-op-bart"),
        (_wijzig_instemmers, "wacht-op-bart"),
        (_heropen, "geconsolideerd"),
    ],
    ids=["consolideer", "leg_instemming_vast", "wijzig_instemmers", "heropen_wyberstap"],
)
def test_een_afgerond_proces_weigert_elke_consolidatiehandeling(
    bestuursproces: Bestuursproces,
    actor: Actor,
    stap: WyberStap,
    anna: Speler,
    bart: Speler,
    schrijf: Callable[[Actor, WyberStap, Speler, Speler], Any],
    klaar: str,
) -> None:
    """Each service on a step that is otherwise ready for it."""
    if klaar != "zonder-consolidatie":
        consolideer(actor, stap, [anna, bart])
        stem_in(actor, stap, anna)
    if klaar == "geconsolideerd":
        stem_in(actor, stap, bart)
    sluit_af(actor, bestuursproces)
    with schrijft_niets(), pytest.raises(ProcesAfgerond) as fout:
        schrijf(actor, stap, anna, bart)
    assert fout.value.status == 409
