"""maak_afspraak and handel_afspraak_af: commitments with a party, a date and an outcome."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from cases import services
from cases.events import Actor
from cases.exceptions import Geschiedenisconflict, OngeldigeInvoer, OngeldigeOvergang
from cases.models import Afspraak, Bestuursproces
from tests.factories import actor_voor, open_proces

from ._hulp import (
    REGISSEUR_NAAM,
    gebeurtenissen_na,
    laatste_volgnummer,
    maak_opdrachtgever,
    maak_organisatie,
    maak_speler,
    samenvatting,
    schrijft_niets,
    start_stap,
    verwacht,
)


def _dag(dagen: int) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=dagen)


@pytest.fixture
def proces(regisseur: Any) -> Bestuursproces:
    """Opened twenty days ago, with its parties known from then on."""
    return open_proces(regisseur, tijdstip=timezone.now() - dt.timedelta(days=20))


def _partijen(actor: Actor, proces: Bestuursproces) -> tuple[Any, Any, Any]:
    begin = timezone.now() - dt.timedelta(days=19)
    return (
        maak_speler(actor, proces, tijdstip=begin),
        maak_opdrachtgever(actor, proces, tijdstip=begin),
        maak_organisatie(actor, proces, tijdstip=begin),
    )


def test_afspraak_maken_met_exacte_gebeurtenis(proces: Bestuursproces, regisseur: Any) -> None:
    actor = actor_voor(regisseur)
    corporatie, wethouder, _ = _partijen(actor, proces)
    stap = start_stap(actor, proces)
    voor = laatste_volgnummer(proces)
    afspraak = services.maak_afspraak(
        actor=actor,
        bestuursproces=proces,
        wat="Grondprijsberekening aanleveren",
        door=corporatie,
        aan=wethouder,
        datum=_dag(-10),
        uiterlijk=_dag(14),
        wyberstap=stap,
        zichtbaarheid="kernteam",
        toelichting="Uit de werksessie",
    )

    [gebeurtenis] = gebeurtenissen_na(proces, voor)
    assert samenvatting(gebeurtenis) == verwacht(
        voor + 1,
        "afspraak.gemaakt",
        {
            "afspraak": {
                "uuid": str(afspraak.uuid),
                "wat": "Grondprijsberekening aanleveren",
                "speler": str(corporatie.uuid),
                "opdrachtgever": None,
                "organisatie": None,
                "aanSpeler": None,
                "aanOpdrachtgever": str(wethouder.uuid),
                "aanOrganisatie": None,
                "aanNaam": "",
                "datum": _dag(-10).isoformat(),
                "uiterlijk": _dag(14).isoformat(),
                "status": "open",
                "afgehandeldOp": None,
                "reden": "",
                "wyberstap": str(stap.uuid),
                "besluit": None,
                "bijeenkomst": None,
                "zichtbaarheid": "kernteam",
                "vastgelegdDoor": "regisseur",
            },
            "zichtbaarheid": "kernteam",
        },
        door=regisseur,
        naam=REGISSEUR_NAAM,
        toelichting="Uit de werksessie",
    )
    assert timezone.localdate(gebeurtenis.tijdstip) == _dag(-10)


@pytest.mark.parametrize(
    ("status", "reden"),
    [("nagekomen", ""), ("niet_nagekomen", "Geen capaciteit"), ("vervallen", "Plan gewijzigd")],
)
def test_afspraak_afhandelen_met_exacte_gebeurtenis(
    proces: Bestuursproces, regisseur: Any, status: str, reden: str
) -> None:
    actor = actor_voor(regisseur)
    corporatie, _, _ = _partijen(actor, proces)
    afspraak = services.maak_afspraak(
        actor=actor,
        bestuursproces=proces,
        wat="Cijfers",
        door=corporatie,
        aan_naam="De bewoners",
        datum=_dag(-10),
        uiterlijk=_dag(-5),
        zichtbaarheid="proces",
    )
    voor = laatste_volgnummer(proces)
    services.handel_afspraak_af(
        actor=actor, afspraak=afspraak, status=status, reden=reden, op=_dag(-3)
    )

    [gebeurtenis] = gebeurtenissen_na(proces, voor)
    assert samenvatting(gebeurtenis) == verwacht(
        voor + 1,
        f"afspraak.{status}",
        {
            "afhandeling": {
                "uuid": str(afspraak.uuid),
                "status": status,
                "afgehandeldOp": _dag(-3).isoformat(),
                "reden": reden,
            },
        },
        door=regisseur,
        naam=REGISSEUR_NAAM,
    )
    opgeslagen = Afspraak.objects.get(pk=afspraak.pk)
    assert (opgeslagen.status, opgeslagen.afgehandeld_op, opgeslagen.reden) == (
        status,
        _dag(-3),
        reden,
    )
    with schrijft_niets(), pytest.raises(OngeldigeOvergang):
        services.handel_afspraak_af(actor=actor, afspraak=afspraak, status="nagekomen")


@pytest.mark.parametrize(
    ("velden", "fout"),
    [
        ({"wat": ""}, "wat"),
        ({"uiterlijk": "gisteren-voor-datum"}, "uiterlijk"),
        ({"datum": "toekomst"}, "datum"),
        ({"aan": "speler", "aan_naam": "Ook een naam"}, "aan_naam"),
        ({"zichtbaarheid": "alles"}, "zichtbaarheid"),
        ({"door": "ander proces"}, "door"),
    ],
)
def test_ongeldige_afspraak_schrijft_niets(
    proces: Bestuursproces,
    regisseur: Any,
    ander_proces: Bestuursproces,
    velden: dict[str, Any],
    fout: str,
) -> None:
    actor = actor_voor(regisseur)
    speler, _, _ = _partijen(actor, proces)
    vreemde = maak_speler(actor, ander_proces)
    vertaling = {
        "gisteren-voor-datum": _dag(-6),
        "toekomst": _dag(1),
        "speler": speler,
        "ander proces": vreemde,
    }
    gegevens: dict[str, Any] = {
        "wat": "Iets",
        "door": speler,
        "datum": _dag(-5),
        "zichtbaarheid": "proces",
    }
    gegevens.update(
        {k: vertaling.get(v, v) if isinstance(v, str) else v for k, v in velden.items()}
    )
    with schrijft_niets(), pytest.raises(OngeldigeInvoer) as gevangen:
        services.maak_afspraak(actor=actor, bestuursproces=proces, **gegevens)
    assert fout in gevangen.value.fouten


def test_niet_nagekomen_vraagt_een_reden(proces: Bestuursproces, regisseur: Any) -> None:
    actor = actor_voor(regisseur)
    speler, _, _ = _partijen(actor, proces)
    afspraak = services.maak_afspraak(
        actor=actor, bestuursproces=proces, wat="Iets", door=speler, zichtbaarheid="proces"
    )
    with schrijft_niets(), pytest.raises(OngeldigeInvoer) as gevangen:
        services.handel_afspraak_af(actor=actor, afspraak=afspraak, status="niet_nagekomen")
    assert list(gevangen.value.fouten) == ["reden"]


def test_besluit_van_herkomst_niet_minder_zichtbaar_dan_de_afspraak(
    proces: Bestuursproces, regisseur: Any
) -> None:
    actor = actor_voor(regisseur)
    speler, _, _ = _partijen(actor, proces)
    besluit = services.leg_besluit_vast(
        actor=actor,
        bestuursproces=proces,
        titel="Geheim besluit",
        orgaan="college",
        datum=timezone.localdate(),
        zichtbaarheid="kernteam",
    )
    with schrijft_niets(), pytest.raises(OngeldigeInvoer) as gevangen:
        services.maak_afspraak(
            actor=actor,
            bestuursproces=proces,
            wat="Uitvoeren",
            door=speler,
            besluit=besluit,
            zichtbaarheid="proces",
        )
    assert [code for code, _ in gevangen.value.fouten["besluit"]] == ["zichtbaarheid"]
    afspraak = services.maak_afspraak(
        actor=actor,
        bestuursproces=proces,
        wat="Uitvoeren",
        door=speler,
        besluit=besluit,
        zichtbaarheid="regisseur",
    )
    assert afspraak.besluit == besluit


def test_laat_afgehandeld_voor_de_afspraak_bestond(proces: Bestuursproces, regisseur: Any) -> None:
    actor = actor_voor(regisseur)
    speler, _, _ = _partijen(actor, proces)
    afspraak = services.maak_afspraak(
        actor=actor, bestuursproces=proces, wat="Iets", door=speler, zichtbaarheid="proces"
    )
    with schrijft_niets(), pytest.raises(OngeldigeInvoer) as gevangen:
        services.handel_afspraak_af(actor=actor, afspraak=afspraak, status="nagekomen", op=_dag(-2))
    assert list(gevangen.value.fouten) == ["op"]


def test_afspraak_met_een_partij_die_toen_nog_niet_bekend_was(
    proces: Bestuursproces, regisseur: Any
) -> None:
    actor = actor_voor(regisseur)
    nieuw = maak_speler(actor, proces)  # known from now on
    with schrijft_niets(), pytest.raises(Geschiedenisconflict):
        services.maak_afspraak(
            actor=actor,
            bestuursproces=proces,
            wat="Iets",
            door=nieuw,
            datum=_dag(-5),
            zichtbaarheid="proces",
        )
