"""log_interventie and wijzig_interventie: kiezen, and correcting what was logged."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from cases import services
from cases.events import Actor
from cases.exceptions import OngeldigeInvoer, ProcesAfgerond
from cases.models import Bestuursproces, Interventie, InterventieVeld, Speler
from tests.cases._interventies import (
    gegevens,
    gisteren,
    instrument,
    log,
    open_een_maand_geleden,
    schrijft_niets,
    strategie,
)
from tests.factories import actor_voor, open_proces

from ._hulp import (
    REGISSEUR_NAAM,
    gebeurtenissen_na,
    maak_opdrachtgever,
    maak_speler,
    naam_van,
    samenvatting,
    sluit_af,
    start_stap,
    verwacht,
)

# Depends on today's date: also run at awkward moments (tests/lastige_momenten.py).
pytestmark = pytest.mark.datumgevoelig


@pytest.fixture
def bestuursproces(regisseur: Any) -> Bestuursproces:
    return open_een_maand_geleden(regisseur)


@pytest.fixture
def partijen(bestuursproces: Bestuursproces, actor: Actor) -> dict[str, Any]:
    """Two spelers and an opdrachtgever (events 4–6)."""
    return {
        "anna": maak_speler(actor, bestuursproces, naam="Anna Aannemer"),
        "bart": maak_speler(actor, bestuursproces, naam="Bart Bewoners"),
        "haven": maak_opdrachtgever(actor, bestuursproces),
    }


def test_log_geplande_interventie(
    bestuursproces: Bestuursproces, regisseur: Any, actor: Actor
) -> None:
    interventie = log(actor, bestuursproces, waarom="Hij twijfelt", toelichting="Afgesproken")

    opgeslagen = Interventie.objects.get(pk=interventie.pk)
    assert (opgeslagen.status, opgeslagen.zichtbaarheid, opgeslagen.auteur) == (
        "gepland",
        "kernteam",
        regisseur,
    )
    assert list(InterventieVeld.objects.filter(interventie=interventie).values_list("veld")) == [
        ("verbindende",)
    ]
    [gebeurtenis] = gebeurtenissen_na(bestuursproces, 3)
    assert samenvatting(gebeurtenis) == verwacht(
        4,
        "interventie.gelogd",
        {
            "interventie": gegevens(interventie, waarom="Hij twijfelt"),
            "zichtbaarheid": "kernteam",
        },
        door=regisseur,
        naam=REGISSEUR_NAAM,
        toelichting="Afgesproken",
    )
    assert gebeurtenis.tijdstip == opgeslagen.vastgelegd_op


def test_log_met_alle_relaties_geeft_gesorteerde_lijsten(
    bestuursproces: Bestuursproces, regisseur: Any, actor: Actor, partijen: dict[str, Any]
) -> None:
    stap = start_stap(actor, bestuursproces)  # event 7
    gereedschap = instrument()
    interventie = log(
        actor,
        bestuursproces,
        velden=["verbindende", "idee", "opdrachtgevende"],
        spelers=[partijen["bart"], partijen["anna"]],
        opdrachtgevers=[partijen["haven"]],
        strategie=strategie("verbinden"),
        instrument=gereedschap,
        wyberstap=stap,
        zichtbaarheid="proces",
    )

    [gebeurtenis] = gebeurtenissen_na(bestuursproces, 7)
    # At proces level the payload names no zichtbaarheid of its own (every member sees it).
    assert gebeurtenis.payload == {
        "interventie": gegevens(
            interventie,
            velden=["idee", "opdrachtgevende", "verbindende"],
            spelers=sorted(str(partijen[n].uuid) for n in ("anna", "bart")),
            opdrachtgevers=[str(partijen["haven"].uuid)],
            strategie="verbinden",
            instrument=str(gereedschap.uuid),
            wyberstap=str(stap.uuid),
            zichtbaarheid="proces",
        )
    }
    assert set(interventie.spelers.all()) == {partijen["anna"], partijen["bart"]}
    assert list(interventie.opdrachtgevers.all()) == [partijen["haven"]]


def test_log_als_al_uitgevoerd(bestuursproces: Bestuursproces, actor: Actor) -> None:
    datum = gisteren(2)
    interventie = log(
        actor, bestuursproces, datum=datum, status="uitgevoerd", wat_gedaan="Koffie gedronken"
    )

    assert interventie.uitgevoerd_op == datum  # defaults to the interventie's datum
    [gebeurtenis] = gebeurtenissen_na(bestuursproces, 3)
    assert gebeurtenis.payload["interventie"] == gegevens(
        interventie,
        status="uitgevoerd",
        watGedaan="Koffie gedronken",
        uitgevoerdOp=datum.isoformat(),
    )


def test_een_kernteamlid_logt_op_kernteamniveau(
    bestuursproces: Bestuursproces, kernteamlid: Any
) -> None:
    interventie = log(actor_voor(kernteamlid), bestuursproces)
    [gebeurtenis] = gebeurtenissen_na(bestuursproces, 4)
    assert gebeurtenis.actor_naam == naam_van(kernteamlid)
    assert gebeurtenis.payload["interventie"]["auteur"] == "kees"
    assert interventie.auteur == kernteamlid


def _ander(regisseur: Any) -> dict[str, Any]:
    proces = open_proces(regisseur, titel="Stationsgebied")
    actor = actor_voor(regisseur)
    return {"speler": maak_speler(actor, proces), "stap": start_stap(actor, proces)}


@pytest.mark.parametrize(
    ("velden", "fouten"),
    [
        ({"velden": []}, {"velden": "required"}),
        ({"velden": ["algemeen"]}, {"velden": "invalid_choice"}),
        ({"velden": ["idee", "idee"]}, {"velden": "unique"}),
        ({"status": "geevalueerd"}, {"status": "invalid_choice"}),
        ({"wat_gedaan": "Al gedaan"}, {"wat_gedaan": "invalid"}),
        ({"status": "uitgevoerd"}, {"wat_gedaan": "required"}),
        ({"niveau": "wereld", "titel": ""}, {"niveau": "invalid_choice", "titel": "blank"}),
        ({"datum": dt.date(2000, 1, 1)}, {"datum": "invalid"}),
        ({"zichtbaarheid": "geheim"}, {"zichtbaarheid": "invalid_choice"}),
    ],
)
def test_ongeldige_interventie_schrijft_niets(
    bestuursproces: Bestuursproces, actor: Actor, velden: dict[str, Any], fouten: dict[str, str]
) -> None:
    with schrijft_niets(), pytest.raises(OngeldigeInvoer) as fout:
        log(actor, bestuursproces, **velden)
    assert {veld: items[0][0] for veld, items in fout.value.fouten.items()} == fouten


@pytest.mark.parametrize(
    ("status", "datum", "uitgevoerd_op", "reden"),
    [
        ("uitgevoerd", 0, 1, "toekomst"),  # done tomorrow
        ("uitgevoerd", -2, -3, "vóór de datum"),  # done before it took place
    ],
)
def test_uitgevoerd_op_tussen_datum_en_vandaag(
    bestuursproces: Bestuursproces,
    actor: Actor,
    status: str,
    datum: int,
    uitgevoerd_op: int,
    reden: str,
) -> None:
    vandaag = timezone.localdate()
    with schrijft_niets(), pytest.raises(OngeldigeInvoer) as fout:
        log(
            actor,
            bestuursproces,
            status=status,
            wat_gedaan="Gedaan",
            datum=vandaag + dt.timedelta(days=datum),
            uitgevoerd_op=vandaag + dt.timedelta(days=uitgevoerd_op),
        )
    assert reden in fout.value.fouten["uitgevoerd_op"][0][1]


def test_partijen_en_stap_van_een_ander_proces_worden_geweigerd(
    bestuursproces: Bestuursproces, regisseur: Any, actor: Actor
) -> None:
    elders = _ander(regisseur)
    with schrijft_niets(), pytest.raises(OngeldigeInvoer) as fout:
        log(actor, bestuursproces, spelers=[elders["speler"]], wyberstap=elders["stap"])
    assert set(fout.value.fouten) == {"spelers", "wyberstap"}


def test_kernteamlid_logt_niets_alleen_voor_de_regisseur(
    bestuursproces: Bestuursproces, kernteamlid: Any
) -> None:
    with schrijft_niets(), pytest.raises(OngeldigeInvoer) as fout:
        log(actor_voor(kernteamlid), bestuursproces, zichtbaarheid="regisseur")
    assert fout.value.fouten["zichtbaarheid"][0][0] == "niet_toegestaan"


def test_log_op_afgerond_proces(bestuursproces: Bestuursproces, actor: Actor) -> None:
    sluit_af(actor, bestuursproces)
    with schrijft_niets(), pytest.raises(ProcesAfgerond):
        log(actor, bestuursproces)


# --- wijzig_interventie ----------------------------------------------------------------------


def test_wijzig_noemt_alleen_wat_veranderde(
    bestuursproces: Bestuursproces, regisseur: Any, actor: Actor, partijen: dict[str, Any]
) -> None:
    interventie = log(actor, bestuursproces, spelers=[partijen["anna"]])  # event 7
    services.wijzig_interventie(
        actor=actor,
        interventie=interventie,
        wijzigingen={
            "titel": "Wandeling met de wethouder",
            "velden": ["verbindende", "idee"],
            "spelers": [partijen["bart"], partijen["anna"]],
            "zwaarte": "licht",  # unchanged: not in the event
            "strategie": strategie("motiveren"),
        },
        toelichting="Beter zo",
    )

    [gebeurtenis] = gebeurtenissen_na(bestuursproces, 7)
    assert samenvatting(gebeurtenis) == verwacht(
        8,
        "interventie.gewijzigd",
        {
            "interventie": str(interventie.uuid),
            "wijzigingen": {
                "titel": "Wandeling met de wethouder",
                "velden": ["idee", "verbindende"],
                "spelers": sorted(str(partijen[n].uuid) for n in ("anna", "bart")),
                "strategie": "motiveren",
            },
            "vorigeWaarden": {
                "titel": "Keukentafelgesprek met de wethouder",
                "velden": ["verbindende"],
                "spelers": [str(partijen["anna"].uuid)],
                "strategie": None,
            },
            "zichtbaarheid": "kernteam",
        },
        door=regisseur,
        naam=REGISSEUR_NAAM,
        toelichting="Beter zo",
    )
    opgeslagen = Interventie.objects.get(pk=interventie.pk)
    assert opgeslagen.titel == "Wandeling met de wethouder"
    assert opgeslagen.strategie is not None
    assert sorted(v.veld for v in opgeslagen.velden.all()) == ["idee", "verbindende"]
    assert set(opgeslagen.spelers.all()) == {partijen["anna"], partijen["bart"]}


def test_wijzig_zonder_verschil_schrijft_niets(
    bestuursproces: Bestuursproces, actor: Actor, partijen: dict[str, Any]
) -> None:
    interventie = log(actor, bestuursproces, spelers=[partijen["anna"]], velden=["idee", "interne"])
    with schrijft_niets():
        for wijzigingen in ({}, {"velden": ["interne", "idee"], "spelers": [partijen["anna"]]}):
            services.wijzig_interventie(
                actor=actor, interventie=interventie, wijzigingen=wijzigingen
            )


@pytest.mark.parametrize(
    ("wijzigingen", "fouten"),
    [
        ({"zichtbaarheid": "proces"}, {"zichtbaarheid": "read_only"}),
        ({"status": "uitgevoerd"}, {"status": "read_only"}),
        ({"auteur": None, "uuid": None}, {"auteur": "read_only", "uuid": "read_only"}),
        ({"wat_gedaan": "Gedaan"}, {"wat_gedaan": "invalid"}),
        ({"uitgepakt": "ja", "vervolg": "Verder"}, {"uitgepakt": "invalid", "vervolg": "invalid"}),
        ({"uitgepakt": "misschien"}, {"uitgepakt": "invalid_choice"}),
        ({"velden": [], "titel": ""}, {"velden": "required", "titel": "blank"}),
        ({"datum": dt.date(2000, 1, 1)}, {"datum": "invalid"}),
    ],
)
def test_ongeldige_wijziging_schrijft_niets(
    bestuursproces: Bestuursproces, actor: Actor, wijzigingen: dict[str, Any], fouten: Any
) -> None:
    interventie = log(actor, bestuursproces)
    with schrijft_niets(), pytest.raises(OngeldigeInvoer) as fout:
        services.wijzig_interventie(actor=actor, interventie=interventie, wijzigingen=wijzigingen)
    assert {veld: items[0][0] for veld, items in fout.value.fouten.items()} == fouten


def test_zichtbaarheid_wijzigen_legt_uit_waarom_niet(
    bestuursproces: Bestuursproces, actor: Actor
) -> None:
    interventie = log(actor, bestuursproces)
    with pytest.raises(OngeldigeInvoer) as fout:
        services.wijzig_interventie(
            actor=actor, interventie=interventie, wijzigingen={"zichtbaarheid": "proces"}
        )
    assert "ligt vast vanaf het loggen" in fout.value.detail


def test_wijzig_een_speler_van_een_ander_proces(
    bestuursproces: Bestuursproces, regisseur: Any, actor: Actor
) -> None:
    interventie = log(actor, bestuursproces)
    vreemde: Speler = _ander(regisseur)["speler"]
    with schrijft_niets(), pytest.raises(OngeldigeInvoer) as fout:
        services.wijzig_interventie(
            actor=actor, interventie=interventie, wijzigingen={"spelers": [vreemde]}
        )
    assert fout.value.fouten["spelers"][0][0] == "does_not_exist"
