"""Options of a wyber-stap: bringing them in (breng_optie_in) and deciding on them
(besluit_over_optie).

Options come in only while divergeren and are decided on only while convergeren.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone

from cases import services
from cases.events import Actor
from cases.exceptions import OngeldigeInvoer, OngeldigeOvergang
from cases.models import Bestuursproces, Optie, WyberStap

from ._hulp import (
    FASEN,
    REGISSEUR_NAAM,
    breng_in,
    gebeurtenissen_na,
    laatste_volgnummer,
    maak_opdrachtgever,
    maak_speler,
    samenvatting,
    schrijft_niets,
    stap_in,
    start_stap,
    verwacht,
)

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
