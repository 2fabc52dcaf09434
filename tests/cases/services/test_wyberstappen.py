"""Wyber-stappen: start a step, bring in options, decide on them, move through the phases.

Phases go forward one at a time (divergeren → convergeren → consolideren); geconsolideerd is
never reached by hand. Options come in only while divergeren and are decided on only while
convergeren. Also: replaying a whole scripted story, and closed cases.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone

from cases import selectors, services
from cases.events import Actor, herbouw
from cases.exceptions import OngeldigeInvoer, OngeldigeOvergang, ProcesAfgerond
from cases.models import Bestuursproces, Optie, WyberStap

from ._hulp import (
    DOEL,
    REGISSEUR_NAAM,
    breng_in,
    consolideer,
    gebeurtenissen_na,
    instemmende_opdrachtgever,
    instemmende_speler,
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

FASEN = ["divergeren", "convergeren", "consolideren", "geconsolideerd"]


def stap_in(actor: Actor, bestuursproces: Bestuursproces, fase: str) -> WyberStap:
    """A step in ``fase``, reached through the services; its first option is 'Wonen'."""
    if fase == "divergeren":
        stap = start_stap(actor, bestuursproces)
        breng_in(actor, stap, "Wonen")
        return stap
    if fase == "convergeren":
        stap = start_stap(actor, bestuursproces)
        breng_in(actor, stap, "Wonen", "Werken")
        return services.wijzig_fase(actor=actor, stap=stap, naar="convergeren")
    stap, _ = naar_consolideren(actor, bestuursproces, "Wonen", "Werken")
    if fase == "geconsolideerd":
        anna = instemmende_speler(actor, bestuursproces, "Anna Aannemer")
        consolideer(actor, stap, [anna])
        stem_in(actor, stap, anna)
        stap.refresh_from_db()
    assert stap.fase == fase
    return stap


def stap_gegevens(stap: WyberStap, **anders: Any) -> dict[str, Any]:
    """The payload form of a step as it was started."""
    return {
        "uuid": str(stap.uuid),
        "volgnummer": stap.volgnummer,
        "doel": stap.doel,
        "stadium": stap.stadium,
        "fase": "divergeren",
        "gestartOp": utc(stap.gestart_op),
        "heropent": None,
        "heropeningsreden": "",
        **anders,
    }


# --- start_wyberstap ---------------------------------------------------------------------------


def test_start_wyberstap_opent_een_stap_die_divergeert(
    bestuursproces: Bestuursproces, regisseur: Any, actor: Actor
) -> None:
    volgnummer = laatste_volgnummer(bestuursproces)
    tijdstip = timezone.now()  # explicit, between the last event and the recording

    stap = services.start_wyberstap(
        actor=actor, bestuursproces=bestuursproces, doel=DOEL, tijdstip=tijdstip
    )

    opgeslagen = WyberStap.objects.get(pk=stap.pk)
    assert (
        opgeslagen.bestuursproces_id,
        opgeslagen.volgnummer,
        opgeslagen.doel,
        opgeslagen.stadium,
        opgeslagen.fase,
        opgeslagen.gestart_op,
        opgeslagen.convergeren_op,
        opgeslagen.consolideren_op,
        opgeslagen.geconsolideerd_op,
        opgeslagen.heropent,
        opgeslagen.heropeningsreden,
    ) == (
        bestuursproces.pk,
        1,
        DOEL,
        "voorstelbaar",
        "divergeren",
        tijdstip,
        None,
        None,
        None,
        None,
        "",
    )
    [gebeurtenis] = gebeurtenissen_na(bestuursproces, volgnummer)
    assert samenvatting(gebeurtenis) == verwacht(
        volgnummer + 1,
        "wyberstap.gestart",
        {
            "stap": {
                "uuid": str(stap.uuid),
                "volgnummer": 1,
                "doel": DOEL,
                "stadium": "voorstelbaar",
                "fase": "divergeren",
                "gestartOp": utc(tijdstip),
                "heropent": None,
                "heropeningsreden": "",
            }
        },
        door=regisseur,
        naam=REGISSEUR_NAAM,
    )
    assert gebeurtenis.tijdstip == tijdstip


def test_volgnummers_tellen_per_proces(
    bestuursproces: Bestuursproces, ander_proces: Bestuursproces, actor: Actor
) -> None:
    eerste, tweede = start_stap(actor, bestuursproces), start_stap(actor, bestuursproces)
    elders = start_stap(actor, ander_proces)
    assert (eerste.volgnummer, tweede.volgnummer, elders.volgnummer) == (1, 2, 1)


def test_een_stap_hoort_bij_het_huidige_stadium(
    bestuursproces: Bestuursproces, actor: Actor
) -> None:
    services.wijzig_stadium(
        actor=actor,
        bestuursproces=bestuursproces,
        naar="houdbaar",
        toelichting="Houdbaar",
        forceren=True,  # past the wyber-stap gate, if it is registered
    )
    volgnummer = laatste_volgnummer(bestuursproces)

    stap = start_stap(actor, bestuursproces)

    assert stap.stadium == "houdbaar"
    [gebeurtenis] = gebeurtenissen_na(bestuursproces, volgnummer)
    assert gebeurtenis.payload["stap"]["stadium"] == "houdbaar"


def test_een_stap_zonder_doel_schrijft_niets(bestuursproces: Bestuursproces, actor: Actor) -> None:
    with schrijft_niets(), pytest.raises(OngeldigeInvoer) as fout:
        services.start_wyberstap(actor=actor, bestuursproces=bestuursproces, doel="")
    assert set(fout.value.fouten) == {"doel"}


def test_een_heropening_verwijst_alleen_naar_een_stap_van_hetzelfde_proces(
    bestuursproces: Bestuursproces, ander_proces: Bestuursproces, actor: Actor
) -> None:
    elders = stap_in(actor, ander_proces, "geconsolideerd")
    with schrijft_niets(), pytest.raises(OngeldigeInvoer) as fout:
        services.start_wyberstap(
            actor=actor,
            bestuursproces=bestuursproces,
            doel=DOEL,
            heropent=elders,
            heropeningsreden="Nieuwe feiten",
        )
    assert set(fout.value.fouten) == {"heropent"}


@pytest.mark.parametrize("fase", FASEN[:3])
def test_start_wyberstap_heropent_alleen_een_geconsolideerde_stap(
    bestuursproces: Bestuursproces, actor: Actor, fase: str
) -> None:
    stap = stap_in(actor, bestuursproces, fase)
    with schrijft_niets(), pytest.raises(OngeldigeOvergang) as fout:
        services.start_wyberstap(
            actor=actor,
            bestuursproces=bestuursproces,
            doel=DOEL,
            heropent=stap,
            heropeningsreden="Nieuwe feiten",
        )
    assert (fout.value.code, fout.value.status) == ("verkeerde-fase", 409)


def test_start_wyberstap_vraagt_bij_een_heropening_een_reden_en_zonder_geen(
    bestuursproces: Bestuursproces, actor: Actor
) -> None:
    stap = stap_in(actor, bestuursproces, "geconsolideerd")
    with schrijft_niets(), pytest.raises(OngeldigeInvoer) as fout:
        services.start_wyberstap(
            actor=actor, bestuursproces=bestuursproces, doel=DOEL, heropent=stap
        )
    assert set(fout.value.fouten) == {"heropeningsreden"}
    with schrijft_niets(), pytest.raises(OngeldigeInvoer) as fout:
        services.start_wyberstap(
            actor=actor, bestuursproces=bestuursproces, doel=DOEL, heropeningsreden="Waarom?"
        )
    assert set(fout.value.fouten) == {"heropeningsreden"}


# --- breng_optie_in ----------------------------------------------------------------------------


@pytest.mark.parametrize("inbrenger", ["regisseur", "speler", "opdrachtgever"])
def test_breng_optie_in_tijdens_divergeren(
    bestuursproces: Bestuursproces, regisseur: Any, actor: Actor, inbrenger: str
) -> None:
    partijen: dict[str, Any] = {}
    if inbrenger == "speler":
        partijen["speler"] = maak_speler(actor, bestuursproces, naam="Bewonersvereniging")
    if inbrenger == "opdrachtgever":
        partijen["opdrachtgever"] = maak_opdrachtgever(actor, bestuursproces)
    stap = start_stap(actor, bestuursproces)
    volgnummer = laatste_volgnummer(bestuursproces)
    tijdstip = timezone.now()

    optie = services.breng_optie_in(
        actor=actor,
        stap=stap,
        titel="Woningen aan het water",
        omschrijving="Vierhonderd woningen langs de kade",
        tijdstip=tijdstip,
        **partijen,
    )

    opgeslagen = Optie.objects.get(pk=optie.pk)
    assert (
        opgeslagen.bestuursproces_id,
        opgeslagen.stap_id,
        opgeslagen.titel,
        opgeslagen.omschrijving,
        opgeslagen.speler,
        opgeslagen.opdrachtgever,
        opgeslagen.status,
        opgeslagen.reden,
        opgeslagen.samengevoegd_in,
        opgeslagen.ingebracht_op,
    ) == (
        bestuursproces.pk,
        stap.pk,
        "Woningen aan het water",
        "Vierhonderd woningen langs de kade",
        partijen.get("speler"),
        partijen.get("opdrachtgever"),
        "open",
        "",
        None,
        tijdstip,
    )
    [gebeurtenis] = gebeurtenissen_na(bestuursproces, volgnummer)
    assert samenvatting(gebeurtenis) == verwacht(
        volgnummer + 1,
        "optie.ingebracht",
        {
            "stap": str(stap.uuid),
            "optie": {
                "uuid": str(optie.uuid),
                "titel": "Woningen aan het water",
                "omschrijving": "Vierhonderd woningen langs de kade",
                "speler": str(partijen["speler"].uuid) if "speler" in partijen else None,
                "opdrachtgever": (
                    str(partijen["opdrachtgever"].uuid) if "opdrachtgever" in partijen else None
                ),
                "status": "open",
                "reden": "",
                "samengevoegdIn": None,
            },
        },
        door=regisseur,
        naam=REGISSEUR_NAAM,
    )
    assert gebeurtenis.tijdstip == tijdstip


def test_een_optie_komt_van_een_partij_of_van_de_regisseur(
    bestuursproces: Bestuursproces, actor: Actor
) -> None:
    speler = maak_speler(actor, bestuursproces)
    opdrachtgever = maak_opdrachtgever(actor, bestuursproces)
    stap = start_stap(actor, bestuursproces)
    with schrijft_niets(), pytest.raises(OngeldigeInvoer) as fout:
        services.breng_optie_in(
            actor=actor, stap=stap, titel="Samen", speler=speler, opdrachtgever=opdrachtgever
        )
    assert set(fout.value.fouten) == {"opdrachtgever"}


@pytest.mark.parametrize("soort", ["speler", "opdrachtgever"])
def test_een_optie_van_een_partij_van_een_ander_proces_schrijft_niets(
    bestuursproces: Bestuursproces, ander_proces: Bestuursproces, actor: Actor, soort: str
) -> None:
    maak = maak_speler if soort == "speler" else maak_opdrachtgever
    partij: dict[str, Any] = {soort: maak(actor, ander_proces)}
    stap = start_stap(actor, bestuursproces)
    with schrijft_niets(), pytest.raises(OngeldigeInvoer) as fout:
        services.breng_optie_in(actor=actor, stap=stap, titel="Van elders", **partij)
    assert set(fout.value.fouten) == {soort}


def test_een_optie_zonder_titel_schrijft_niets(
    bestuursproces: Bestuursproces, actor: Actor
) -> None:
    stap = start_stap(actor, bestuursproces)
    with schrijft_niets(), pytest.raises(OngeldigeInvoer) as fout:
        services.breng_optie_in(actor=actor, stap=stap, titel="")
    assert set(fout.value.fouten) == {"titel"}


@pytest.mark.parametrize("fase", FASEN[1:])
def test_opties_komen_alleen_tijdens_divergeren(
    bestuursproces: Bestuursproces, actor: Actor, fase: str
) -> None:
    stap = stap_in(actor, bestuursproces, fase)
    with schrijft_niets(), pytest.raises(OngeldigeOvergang) as fout:
        services.breng_optie_in(actor=actor, stap=stap, titel="Te laat")
    assert (fout.value.code, fout.value.status) == ("verkeerde-fase", 409)
    assert fase in fout.value.detail


# --- wijzig_fase -------------------------------------------------------------------------------


def test_wijzig_fase_naar_convergeren(
    bestuursproces: Bestuursproces, regisseur: Any, actor: Actor
) -> None:
    stap = stap_in(actor, bestuursproces, "divergeren")
    volgnummer = laatste_volgnummer(bestuursproces)
    tijdstip = timezone.now()

    services.wijzig_fase(
        actor=actor,
        stap=stap,
        naar="convergeren",
        toelichting="Alle partijen hebben hun opties ingebracht",
        tijdstip=tijdstip,
    )

    stap.refresh_from_db()
    assert (stap.fase, stap.convergeren_op, stap.consolideren_op) == (
        "convergeren",
        tijdstip,
        None,
    )
    [gebeurtenis] = gebeurtenissen_na(bestuursproces, volgnummer)
    assert samenvatting(gebeurtenis) == verwacht(
        volgnummer + 1,
        "wyberstap.fase_gewijzigd",
        {"stap": str(stap.uuid), "van": "divergeren", "naar": "convergeren"},
        door=regisseur,
        naam=REGISSEUR_NAAM,
        toelichting="Alle partijen hebben hun opties ingebracht",
    )
    assert gebeurtenis.tijdstip == tijdstip


def test_wijzig_fase_naar_consolideren(
    bestuursproces: Bestuursproces, regisseur: Any, actor: Actor
) -> None:
    stap = stap_in(actor, bestuursproces, "convergeren")
    wonen, werken = Optie.objects.filter(stap=stap)
    services.besluit_over_optie(actor=actor, optie=wonen, status="gekozen")
    services.besluit_over_optie(actor=actor, optie=werken, status="verworpen", reden="Te duur")
    volgnummer = laatste_volgnummer(bestuursproces)
    tijdstip = timezone.now()

    services.wijzig_fase(actor=actor, stap=stap, naar="consolideren", tijdstip=tijdstip)

    stap.refresh_from_db()
    assert (stap.fase, stap.consolideren_op, stap.geconsolideerd_op) == (
        "consolideren",
        tijdstip,
        None,
    )
    [gebeurtenis] = gebeurtenissen_na(bestuursproces, volgnummer)
    assert samenvatting(gebeurtenis) == verwacht(
        volgnummer + 1,
        "wyberstap.fase_gewijzigd",
        {"stap": str(stap.uuid), "van": "convergeren", "naar": "consolideren"},
        door=regisseur,
        naam=REGISSEUR_NAAM,
    )


@pytest.mark.parametrize(
    ("van", "naar"),
    [
        (van, naar)
        for van in FASEN
        for naar in FASEN[:3]
        if van == "geconsolideerd" or FASEN.index(naar) != FASEN.index(van) + 1
    ],
)
def test_een_fase_gaat_alleen_een_stap_vooruit(
    bestuursproces: Bestuursproces, actor: Actor, van: str, naar: str
) -> None:
    stap = stap_in(actor, bestuursproces, van)
    with schrijft_niets(), pytest.raises(OngeldigeOvergang) as fout:
        services.wijzig_fase(actor=actor, stap=stap, naar=naar)
    assert (fout.value.code, fout.value.status, fout.value.veld) == (
        "fase-overgeslagen",
        409,
        "naar",
    )
    if van != "geconsolideerd":
        assert f"alleen naar {FASEN[FASEN.index(van) + 1]}" in fout.value.detail


@pytest.mark.parametrize("van", FASEN)
def test_geconsolideerd_wordt_een_stap_nooit_met_de_hand(
    bestuursproces: Bestuursproces, actor: Actor, van: str
) -> None:
    stap = stap_in(actor, bestuursproces, van)
    with schrijft_niets(), pytest.raises(OngeldigeOvergang) as fout:
        services.wijzig_fase(actor=actor, stap=stap, naar="geconsolideerd")
    assert (fout.value.code, fout.value.status, fout.value.veld) == (
        "consolidatie-via-instemming",
        409,
        "naar",
    )


def test_een_onbekende_fase_is_ongeldige_invoer(
    bestuursproces: Bestuursproces, actor: Actor
) -> None:
    stap = stap_in(actor, bestuursproces, "divergeren")
    with schrijft_niets(), pytest.raises(OngeldigeInvoer) as fout:
        services.wijzig_fase(actor=actor, stap=stap, naar="fantaseren")
    assert set(fout.value.fouten) == {"naar"}


def test_convergeren_vraagt_opties(bestuursproces: Bestuursproces, actor: Actor) -> None:
    stap = start_stap(actor, bestuursproces)
    with schrijft_niets(), pytest.raises(OngeldigeOvergang) as fout:
        services.wijzig_fase(actor=actor, stap=stap, naar="convergeren")
    assert (fout.value.code, fout.value.status) == ("geen-opties", 409)


def _met_besluiten(actor: Actor, stap: WyberStap, statussen: list[str]) -> list[Optie]:
    """Bring in one option per status, converge, and decide on each as told."""
    opties = breng_in(actor, stap, *(f"Optie {n}" for n in range(1, len(statussen) + 1)))
    services.wijzig_fase(actor=actor, stap=stap, naar="convergeren")
    for optie, status in zip(opties, statussen, strict=True):
        if status == "verworpen":
            services.besluit_over_optie(actor=actor, optie=optie, status=status, reden="Nee")
        elif status == "samengevoegd":
            services.besluit_over_optie(
                actor=actor, optie=optie, status=status, samengevoegd_in=opties[0]
            )
        elif status == "gekozen":
            services.besluit_over_optie(actor=actor, optie=optie, status=status)
    return opties


@pytest.mark.parametrize(
    "statussen", [["open"], ["open", "open"], ["verworpen"], ["verworpen", "samengevoegd"]]
)
def test_consolideren_vraagt_een_gekozen_optie(
    bestuursproces: Bestuursproces, actor: Actor, statussen: list[str]
) -> None:
    stap = start_stap(actor, bestuursproces)
    _met_besluiten(actor, stap, statussen)
    with schrijft_niets(), pytest.raises(OngeldigeOvergang) as fout:
        services.wijzig_fase(actor=actor, stap=stap, naar="consolideren")
    assert (fout.value.code, fout.value.status, fout.value.veld) == (
        "geen-gekozen-optie",
        409,
        "naar",
    )


def test_consolideren_kan_niet_met_open_opties(
    bestuursproces: Bestuursproces, actor: Actor
) -> None:
    stap = start_stap(actor, bestuursproces)
    _met_besluiten(actor, stap, ["gekozen", "open", "verworpen", "open"])
    with schrijft_niets(), pytest.raises(OngeldigeOvergang) as fout:
        services.wijzig_fase(actor=actor, stap=stap, naar="consolideren")
    assert (fout.value.code, fout.value.status) == ("open-opties", 409)
    assert "Optie 2, Optie 4" in fout.value.detail


def test_consolideren_met_gekozen_verworpen_en_samengevoegde_opties(
    bestuursproces: Bestuursproces, actor: Actor
) -> None:
    stap = start_stap(actor, bestuursproces)
    _met_besluiten(actor, stap, ["gekozen", "verworpen", "samengevoegd", "gekozen"])
    stap = services.wijzig_fase(actor=actor, stap=stap, naar="consolideren")
    assert stap.fase == "consolideren"


# --- besluit_over_optie ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "reden", "samengevoegd"),
    [
        ("gekozen", "", False),
        ("gekozen", "Draagt het breedst", False),
        ("verworpen", "Past niet binnen de kaders", False),
        ("samengevoegd", "", False),
        ("samengevoegd", "Zelfde idee, andere woorden", True),
    ],
)
def test_besluit_over_optie(
    bestuursproces: Bestuursproces,
    regisseur: Any,
    actor: Actor,
    status: str,
    reden: str,
    samengevoegd: bool,
) -> None:
    stap = stap_in(actor, bestuursproces, "convergeren")
    wonen, werken = Optie.objects.filter(stap=stap)
    doel = werken if status == "samengevoegd" else None
    volgnummer = laatste_volgnummer(bestuursproces)

    optie = services.besluit_over_optie(
        actor=actor, optie=wonen, status=status, reden=reden, samengevoegd_in=doel
    )

    opgeslagen = Optie.objects.get(pk=wonen.pk)
    assert opgeslagen == optie
    assert (opgeslagen.status, opgeslagen.reden, opgeslagen.samengevoegd_in) == (
        status,
        reden,
        doel,
    )
    [gebeurtenis] = gebeurtenissen_na(bestuursproces, volgnummer)
    assert samenvatting(gebeurtenis) == verwacht(
        volgnummer + 1,
        "optie.besloten",
        {
            "stap": str(stap.uuid),
            "optie": str(wonen.uuid),
            "status": status,
            "reden": reden,
            "samengevoegdIn": str(werken.uuid) if doel else None,
        },
        door=regisseur,
        naam=REGISSEUR_NAAM,
        toelichting=reden,
    )


def test_een_nieuw_besluit_vervangt_het_vorige(
    bestuursproces: Bestuursproces, actor: Actor
) -> None:
    stap = stap_in(actor, bestuursproces, "convergeren")
    wonen, werken = Optie.objects.filter(stap=stap)
    services.besluit_over_optie(
        actor=actor, optie=wonen, status="samengevoegd", samengevoegd_in=werken, reden="Een"
    )
    volgnummer = laatste_volgnummer(bestuursproces)

    services.besluit_over_optie(actor=actor, optie=wonen, status="gekozen")

    wonen.refresh_from_db()
    assert (wonen.status, wonen.reden, wonen.samengevoegd_in) == ("gekozen", "", None)
    [gebeurtenis] = gebeurtenissen_na(bestuursproces, volgnummer)
    assert gebeurtenis.payload["samengevoegdIn"] is None


def test_besluit_over_optie_met_tijdstip(bestuursproces: Bestuursproces, actor: Actor) -> None:
    stap = stap_in(actor, bestuursproces, "convergeren")
    wonen = Optie.objects.filter(stap=stap).first()
    assert wonen is not None
    tijdstip = timezone.now()
    services.besluit_over_optie(actor=actor, optie=wonen, status="gekozen", tijdstip=tijdstip)
    [gebeurtenis] = gebeurtenissen_na(bestuursproces, laatste_volgnummer(bestuursproces) - 1)
    assert gebeurtenis.tijdstip == tijdstip


@pytest.mark.parametrize("fase", ["divergeren", "consolideren", "geconsolideerd"])
def test_besluiten_over_opties_alleen_tijdens_convergeren(
    bestuursproces: Bestuursproces, actor: Actor, fase: str
) -> None:
    stap = stap_in(actor, bestuursproces, fase)
    optie = Optie.objects.filter(stap=stap).first()
    assert optie is not None
    with schrijft_niets(), pytest.raises(OngeldigeOvergang) as fout:
        services.besluit_over_optie(actor=actor, optie=optie, status="gekozen")
    assert (fout.value.code, fout.value.status) == ("verkeerde-fase", 409)


@pytest.mark.parametrize("reden", ["", "  ", "\n\t"])
def test_verwerpen_vraagt_een_reden(
    bestuursproces: Bestuursproces, actor: Actor, reden: str
) -> None:
    stap = stap_in(actor, bestuursproces, "convergeren")
    optie = Optie.objects.filter(stap=stap).first()
    assert optie is not None
    # A missing reason is missing input (400 with the field), not a conflict with the state.
    with schrijft_niets(), pytest.raises(OngeldigeInvoer) as fout:
        services.besluit_over_optie(actor=actor, optie=optie, status="verworpen", reden=reden)
    assert set(fout.value.fouten) == {"reden"}
    assert fout.value.status == 400


Doelkeuze = Callable[[Actor, WyberStap, Optie, Optie], "Optie | None"]


def _doel_zonder(actor: Actor, stap: WyberStap, wonen: Optie, werken: Optie) -> None:
    return None


def _doel_zelf(actor: Actor, stap: WyberStap, wonen: Optie, werken: Optie) -> Optie:
    return wonen


def _doel_van_een_andere_stap(actor: Actor, stap: WyberStap, wonen: Optie, werken: Optie) -> Optie:
    [elders] = breng_in(actor, start_stap(actor, stap.bestuursproces), "Elders")
    return elders


def _doel_zelf_samengevoegd(actor: Actor, stap: WyberStap, wonen: Optie, werken: Optie) -> Optie:
    [derde] = breng_in(actor, stap, "Derde")
    services.wijzig_fase(actor=actor, stap=stap, naar="convergeren")
    services.besluit_over_optie(
        actor=actor, optie=werken, status="samengevoegd", samengevoegd_in=derde
    )
    return werken  # as the caller last read it: still 'open' in memory


@pytest.mark.parametrize(
    "kies_doel",
    [_doel_zonder, _doel_zelf, _doel_van_een_andere_stap, _doel_zelf_samengevoegd],
    ids=["zonder", "zichzelf", "andere-stap", "zelf-samengevoegd"],
)
def test_samenvoegen_vraagt_een_andere_niet_samengevoegde_optie_van_de_stap(
    bestuursproces: Bestuursproces, actor: Actor, kies_doel: Doelkeuze
) -> None:
    stap = start_stap(actor, bestuursproces)
    wonen, werken = breng_in(actor, stap, "Wonen", "Werken")
    doel = kies_doel(actor, stap, wonen, werken)
    stap.refresh_from_db()
    if stap.fase == "divergeren":
        services.wijzig_fase(actor=actor, stap=stap, naar="convergeren")
    with schrijft_niets(), pytest.raises(OngeldigeInvoer) as fout:
        services.besluit_over_optie(
            actor=actor, optie=wonen, status="samengevoegd", samengevoegd_in=doel
        )
    assert set(fout.value.fouten) == {"samengevoegd_in"}
    assert fout.value.status == 400


def test_een_onbekende_status_is_ongeldige_invoer(
    bestuursproces: Bestuursproces, actor: Actor
) -> None:
    stap = stap_in(actor, bestuursproces, "convergeren")
    optie = Optie.objects.filter(stap=stap).first()
    assert optie is not None
    with schrijft_niets(), pytest.raises(OngeldigeInvoer) as fout:
        services.besluit_over_optie(actor=actor, optie=optie, status="misschien")
    assert set(fout.value.fouten) == {"status"}


# --- closed cases ------------------------------------------------------------------------------


def _start(actor: Actor, stap: WyberStap, optie: Optie) -> Any:
    return services.start_wyberstap(actor=actor, bestuursproces=stap.bestuursproces, doel=DOEL)


def _optie(actor: Actor, stap: WyberStap, optie: Optie) -> Any:
    return services.breng_optie_in(actor=actor, stap=stap, titel="Te laat")


def _besluit(actor: Actor, stap: WyberStap, optie: Optie) -> Any:
    return services.besluit_over_optie(actor=actor, optie=optie, status="gekozen")


def _fase(actor: Actor, stap: WyberStap, optie: Optie) -> Any:
    return services.wijzig_fase(actor=actor, stap=stap, naar="consolideren")


@pytest.mark.parametrize("schrijf", [_start, _optie, _besluit, _fase])
@pytest.mark.parametrize("fase", ["divergeren", "convergeren"])
def test_een_afgerond_proces_weigert_elke_wyberhandeling(
    bestuursproces: Bestuursproces,
    actor: Actor,
    fase: str,
    schrijf: Callable[[Actor, WyberStap, Optie], Any],
) -> None:
    stap = stap_in(actor, bestuursproces, fase)
    opties = list(Optie.objects.filter(stap=stap))
    if fase == "convergeren":
        for optie in opties:
            services.besluit_over_optie(actor=actor, optie=optie, status="gekozen")
    sluit_af(actor, bestuursproces)
    with schrijft_niets(), pytest.raises(ProcesAfgerond) as fout:
        schrijf(actor, stap, opties[0])
    assert fout.value.status == 409


# --- replay ------------------------------------------------------------------------------------


def test_herbouw_van_het_hele_verhaal_is_de_huidige_toestand(
    bestuursproces: Bestuursproces, actor: Actor
) -> None:
    """Several steps, options, a consolidation, consents, a change of instemmers and a
    reopening: replaying the log gives the tables, and a momentopname in between gives the
    tables as they stood then."""
    anna = instemmende_speler(actor, bestuursproces, "Anna Aannemer")
    bart = instemmende_speler(actor, bestuursproces, "Bart Bewoners")
    carla = maak_speler(actor, bestuursproces, naam="Carla Corporatie")
    haven = instemmende_opdrachtgever(actor, bestuursproces, "Wethouder Haven")

    # Step 1, in voorstelbaar: three options from three sources, one merged into another.
    stap1 = start_stap(actor, bestuursproces, doel="Welke functies krijgt het kwartier?")
    wonen = services.breng_optie_in(actor=actor, stap=stap1, titel="Wonen", speler=anna)
    werken = services.breng_optie_in(
        actor=actor, stap=stap1, titel="Werken", opdrachtgever=haven, omschrijving="Bedrijven"
    )
    mix = services.breng_optie_in(actor=actor, stap=stap1, titel="Gemengd")
    services.wijzig_fase(actor=actor, stap=stap1, naar="convergeren", toelichting="Genoeg")
    services.besluit_over_optie(actor=actor, optie=mix, status="gekozen")
    services.besluit_over_optie(
        actor=actor, optie=wonen, status="samengevoegd", samengevoegd_in=mix, reden="Past erin"
    )
    services.besluit_over_optie(actor=actor, optie=werken, status="verworpen", reden="Te eenzijdig")
    services.wijzig_fase(actor=actor, stap=stap1, naar="consolideren")
    consolideer(
        actor,
        stap1,
        None,
        uitkomst="commitment",
        document_titel="Intentieovereenkomst",
        document_url="https://havenstad.example/intentie.pdf",
    )
    stem_in(actor, stap1, anna)
    stem_in(actor, stap1, bart, status="ingestemd_onder_voorbehoud", voorbehoud="Mits groen")

    # Step 2 starts alongside; the moment in between is taken here.
    stap2 = start_stap(actor, bestuursproces, doel="Hoeveel woningen?")
    breng_in(actor, stap2, "Vierhonderd", "Zeshonderd")
    bestuursproces.refresh_from_db()
    midden = selectors.huidige_toestand(bestuursproces)
    midden_volgnummer = laatste_volgnummer(bestuursproces)
    midden_tijdstip = gebeurtenissen_na(bestuursproces, midden_volgnummer - 1)[0].tijdstip

    # Step 1 settles: Bart consents after all, the opdrachtgever decides.
    stem_in(actor, stap1, bart)
    stem_in(
        actor, stap1, haven, besloten_op=dt.date(2026, 3, 9), besluitreferentie="Collegebesluit"
    )
    services.wijzig_stadium(
        actor=actor, bestuursproces=bestuursproces, naar="houdbaar", toelichting="Stap 1 staat"
    )

    # Step 2 goes on after the move: one merged, one chosen; the instemmers change, then settle.
    vierhonderd, zeshonderd = Optie.objects.filter(stap=stap2)
    services.wijzig_fase(actor=actor, stap=stap2, naar="convergeren")
    services.besluit_over_optie(actor=actor, optie=zeshonderd, status="gekozen")
    services.besluit_over_optie(
        actor=actor, optie=vierhonderd, status="samengevoegd", samengevoegd_in=zeshonderd
    )
    services.wijzig_fase(actor=actor, stap=stap2, naar="consolideren")
    consolideer(actor, stap2, [anna, bart, haven], uitkomst="tolerantie")
    stem_in(actor, stap2, anna)
    services.wijzig_instemmers(
        actor=actor,
        stap=stap2,
        reden="De corporatie bouwt; de bewoners zijn via de wethouder vertegenwoordigd",
        toevoegen=[carla],
        verwijderen=[bart],
    )
    stem_in(actor, stap2, carla, status="niet_ingestemd", formeel_besloten=True)
    stem_in(actor, stap2, carla)
    services.wijzig_instemmers(
        actor=actor, stap=stap2, reden="Het mandaat ligt nu bij de corporatie", verwijderen=[haven]
    )

    # Step 1 goes back on the table, in a new step that is still open.
    stap3 = services.heropen_wyberstap(
        actor=actor, stap=stap1, reden="De rijksbijdrage is vervallen", doel="Opnieuw: functies"
    )
    breng_in(actor, stap3, "Minder wonen")

    bestuursproces.refresh_from_db()
    nu = selectors.huidige_toestand(bestuursproces)
    alle = list(selectors.gebeurtenissen(bestuursproces))
    assert herbouw(alle) == nu
    assert [(s["volgnummer"], s["fase"], s["stadium"]) for s in nu["wyberstappen"]] == [
        (1, "geconsolideerd", "voorstelbaar"),
        (2, "geconsolideerd", "voorstelbaar"),  # started before the case moved on
        (3, "divergeren", "houdbaar"),
    ]
    assert nu["wyberstappen"][2]["heropent"] == str(stap1.uuid)
    assert nu["wyberstappen"][0]["consolidatie"]["uitkomst"] == "commitment"
    assert len(nu["wyberstappen"][1]["instemmingen"]) == 2

    # The moment in between: what the tables said then is what the log says about then.
    assert alle[midden_volgnummer].tijdstip > midden_tijdstip  # nothing later shares it
    assert selectors.momentopname(bestuursproces, midden_tijdstip) == midden
    assert herbouw(alle[:midden_volgnummer]) == midden
    assert [s["fase"] for s in midden["wyberstappen"]] == ["consolideren", "divergeren"]
    assert [i["status"] for i in midden["wyberstappen"][0]["instemmingen"]] == [
        "ingestemd",
        "ingestemd_onder_voorbehoud",
        "nog_geen_reactie",
    ]
