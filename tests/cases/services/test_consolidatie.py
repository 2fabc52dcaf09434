"""Consolidating a wyber-stap: who must consent by default, and the consolidation itself.

"Niets staat vast totdat alle partijen hebben ingestemd en hierover formeel, binnen hun eigen
organisatie, hebben besloten": a step becomes geconsolideerd, with its own event, exactly when
the last required party has ingestemd and formeel besloten. The consents are in
test_consolidatie_instemmingen, changing who must consent in test_consolidatie_instemmers,
reopening a settled step in test_consolidatie_heropenen. Also: closed cases, for all four.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone

from cases import services
from cases.events import Actor
from cases.exceptions import OngeldigeInvoer, OngeldigeOvergang, ProcesAfgerond
from cases.models import Bestuursproces, Consolidatie, Instemming, Opdrachtgever, Speler, WyberStap

from ._hulp import (
    REGISSEUR_NAAM,
    _fase,
    breng_in,
    consolideer,
    gebeurtenissen_na,
    instemmende_opdrachtgever,
    instemmende_speler,
    instemming_zonder_reactie,
    laatste_volgnummer,
    maak_opdrachtgever,
    maak_speler,
    samenvatting,
    schrijft_niets,
    sluit_af,
    start_stap,
    stem_in,
    verwacht,
)

# --- standaard_instemmers ----------------------------------------------------------------------


def test_standaard_instemmers(
    bestuursproces: Bestuursproces, ander_proces: Bestuursproces, actor: Actor
) -> None:
    # In: every speler and opdrachtgever of the case that has not afgehaakt ("niets staat vast
    # totdat alle partijen hebben ingestemd"), whatever its commitment or mandaat.
    zus = instemmende_speler(actor, bestuursproces, "Zus Zorg")
    anna = instemmende_speler(actor, bestuursproces, "Anna Aannemer")
    haven = instemmende_opdrachtgever(actor, bestuursproces, "Wethouder Haven")
    bert = instemmende_speler(actor, bestuursproces, "Bert Zonder", commitment=False)
    dirk = maak_speler(actor, bestuursproces, naam="Dirk Nog Niet", commitment=True)
    eva = maak_speler(actor, bestuursproces, naam="Eva Afwachtend")
    services.wijzig_betrokkenheid(actor=actor, partij=eva, actie="afwachten", reden="Later")
    wachtend = maak_opdrachtgever(actor, bestuursproces, naam="Minister Wachtend")
    # Out: who afhaakte, and the parties of another case.
    afgehaakt = instemmende_speler(actor, bestuursproces, "Fred Afgehaakt")
    services.wijzig_betrokkenheid(actor=actor, partij=afgehaakt, actie="afhaken", reden="Weg")
    weg = instemmende_opdrachtgever(actor, bestuursproces, "Raad Afgehaakt")
    services.wijzig_betrokkenheid(actor=actor, partij=weg, actie="afhaken", reden="Weg")
    instemmende_speler(actor, ander_proces, "Anna van Elders")
    instemmende_opdrachtgever(actor, ander_proces, "Wethouder Elders")
    stap = start_stap(actor, bestuursproces)

    # Spelers first, then opdrachtgevers, each by name.
    assert services.standaard_instemmers(stap) == [anna, bert, dirk, eva, zus, wachtend, haven]


def test_standaard_instemmers_zonder_kandidaten_is_leeg(
    bestuursproces: Bestuursproces, actor: Actor
) -> None:
    speler = maak_speler(actor, bestuursproces, commitment=True)
    services.wijzig_betrokkenheid(actor=actor, partij=speler, actie="afhaken", reden="Weg")
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
    afgehaakt = maak_speler(actor, bestuursproces, naam="Afgehaakt")
    services.wijzig_betrokkenheid(actor=actor, partij=afgehaakt, actie="afhaken", reden="Weg")
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
