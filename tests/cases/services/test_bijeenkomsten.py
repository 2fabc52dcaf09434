"""leg_bijeenkomst_vast and wijzig_bijeenkomst: meetings with who was invited and who came."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from cases import services
from cases.exceptions import Geschiedenisconflict, OngeldigeInvoer
from cases.models import Bestuursproces, Bijeenkomst, Bijeenkomstsoort, Deelnemer
from cases.services import DeelnemerInvoer
from tests.cases._interventies import log
from tests.factories import actor_voor, open_proces

from ._hulp import (
    REGISSEUR_NAAM,
    gebeurtenissen_na,
    laatste_volgnummer,
    maak_opdrachtgever,
    maak_speler,
    samenvatting,
    schrijft_niets,
    start_stap,
    verwacht,
)


def _dag(dagen: int) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=dagen)


def werksessie() -> Bijeenkomstsoort:
    return Bijeenkomstsoort.objects.get(code="werksessie")


@pytest.fixture
def proces(regisseur: Any) -> Bestuursproces:
    return open_proces(regisseur, tijdstip=timezone.now() - dt.timedelta(days=20))


def test_de_vier_soorten_staan_klaar(db: None) -> None:
    assert list(Bijeenkomstsoort.objects.values_list("code", flat=True)) == [
        "werksessie",
        "bestuurlijk_overleg",
        "informatiebijeenkomst",
        "bilateraal_gesprek",
    ]


def test_werksessie_met_twaalf_uitgenodigd_en_vijf_aanwezig(
    proces: Bestuursproces, regisseur: Any
) -> None:
    actor = actor_voor(regisseur)
    begin = timezone.now() - dt.timedelta(days=19)
    spelers = [maak_speler(actor, proces, naam=f"Speler {i}", tijdstip=begin) for i in range(3)]
    wethouder = maak_opdrachtgever(actor, proces, tijdstip=begin)
    stap = start_stap(actor, proces, tijdstip=begin)
    interventie = log(actor, proces, datum=_dag(-5), zichtbaarheid="proces", tijdstip=begin)
    deelnemers = [
        DeelnemerInvoer(speler=spelers[0], aanwezig=True),
        DeelnemerInvoer(speler=spelers[1], aanwezig=True),
        DeelnemerInvoer(speler=spelers[2]),
        DeelnemerInvoer(opdrachtgever=wethouder, aanwezig=True),
        *(DeelnemerInvoer(naam=f"Bewoner {i}", aanwezig=i < 2) for i in range(8)),
    ]
    voor = laatste_volgnummer(proces)
    bijeenkomst = services.leg_bijeenkomst_vast(
        actor=actor,
        bestuursproces=proces,
        titel="Werksessie havenfront",
        soort=werksessie(),
        datum=_dag(-5),
        waar="Wijkcentrum",
        agenda="1. Opening",
        wyberstap=stap,
        interventies=[interventie],
        deelnemers=deelnemers,
        zichtbaarheid="proces",
    )

    [gebeurtenis] = gebeurtenissen_na(proces, voor)

    def partij(d: DeelnemerInvoer) -> dict[str, Any]:
        return {
            "speler": str(d.speler.uuid) if d.speler else None,
            "opdrachtgever": str(d.opdrachtgever.uuid) if d.opdrachtgever else None,
            "naam": d.naam,
            "uitgenodigd": True,
            "aanwezig": d.aanwezig,
        }

    assert samenvatting(gebeurtenis) == verwacht(
        voor + 1,
        "bijeenkomst.vastgelegd",
        {
            "bijeenkomst": {
                "uuid": str(bijeenkomst.uuid),
                "titel": "Werksessie havenfront",
                "soort": "werksessie",
                "datum": _dag(-5).isoformat(),
                "waar": "Wijkcentrum",
                "agenda": "1. Opening",
                "verslag": "",
                "wyberstap": str(stap.uuid),
                "interventies": [str(interventie.uuid)],
                "deelnemers": [partij(d) for d in deelnemers],
                "status": "gehouden",
                "geannuleerdOp": None,
                "redenAnnulering": "",
                "zichtbaarheid": "proces",
                "vastgelegdDoor": "regisseur",
            }
        },
        door=regisseur,
        naam=REGISSEUR_NAAM,
    )
    rijen = Deelnemer.objects.filter(bijeenkomst=bijeenkomst)
    assert (rijen.filter(uitgenodigd=True).count(), rijen.filter(aanwezig=True).count()) == (
        12,
        5,
    )


def test_verslag_achteraf_met_vorige_waarden(proces: Bestuursproces, regisseur: Any) -> None:
    actor = actor_voor(regisseur)
    bijeenkomst = services.leg_bijeenkomst_vast(
        actor=actor,
        bestuursproces=proces,
        titel="Overleg",
        soort=werksessie(),
        datum=_dag(0),
        deelnemers=[DeelnemerInvoer(naam="Ans")],
        zichtbaarheid="kernteam",
    )
    voor = laatste_volgnummer(proces)
    services.wijzig_bijeenkomst(
        actor=actor,
        bijeenkomst=bijeenkomst,
        wijzigingen={
            "verslag": "Goed gesprek",
            "deelnemers": [DeelnemerInvoer(naam="Ans", aanwezig=True)],
        },
        toelichting="Verslag na afloop",
    )
    [gebeurtenis] = gebeurtenissen_na(proces, voor)
    ans = {"speler": None, "opdrachtgever": None, "naam": "Ans", "uitgenodigd": True}
    assert samenvatting(gebeurtenis) == verwacht(
        voor + 1,
        "bijeenkomst.gewijzigd",
        {
            "bijeenkomst": str(bijeenkomst.uuid),
            "wijzigingen": {"verslag": "Goed gesprek", "deelnemers": [ans | {"aanwezig": True}]},
            "vorigeWaarden": {"verslag": "", "deelnemers": [ans | {"aanwezig": False}]},
            "zichtbaarheid": "kernteam",
        },
        door=regisseur,
        naam=REGISSEUR_NAAM,
        toelichting="Verslag na afloop",
    )
    # Nothing changed: no event.
    services.wijzig_bijeenkomst(
        actor=actor, bijeenkomst=bijeenkomst, wijzigingen={"verslag": "Goed gesprek"}
    )
    assert laatste_volgnummer(proces) == voor + 1
    with schrijft_niets(), pytest.raises(OngeldigeInvoer) as gevangen:
        services.wijzig_bijeenkomst(
            actor=actor, bijeenkomst=bijeenkomst, wijzigingen={"zichtbaarheid": "proces"}
        )
    assert list(gevangen.value.fouten) == ["zichtbaarheid"]


@pytest.mark.parametrize(
    ("deelnemer", "code"),
    [
        (DeelnemerInvoer(), "een_deelnemer"),
        (DeelnemerInvoer(naam="Ans", uitgenodigd=False), "uitgenodigd_of_aanwezig"),
    ],
)
def test_ongeldige_deelnemer(
    proces: Bestuursproces, regisseur: Any, deelnemer: DeelnemerInvoer, code: str
) -> None:
    with schrijft_niets(), pytest.raises(OngeldigeInvoer) as gevangen:
        services.leg_bijeenkomst_vast(
            actor=actor_voor(regisseur),
            bestuursproces=proces,
            titel="Overleg",
            soort=werksessie(),
            datum=_dag(0),
            deelnemers=[deelnemer],
            zichtbaarheid="proces",
        )
    assert [c for c, _ in gevangen.value.fouten["deelnemers.0"]] == [code]


def test_dubbele_deelnemer_en_geheime_interventie(proces: Bestuursproces, regisseur: Any) -> None:
    actor = actor_voor(regisseur)
    geheim = log(actor, proces, zichtbaarheid="regisseur")
    basis: dict[str, Any] = {
        "actor": actor,
        "bestuursproces": proces,
        "titel": "Overleg",
        "soort": werksessie(),
        "datum": _dag(0),
        "zichtbaarheid": "kernteam",
    }
    with schrijft_niets(), pytest.raises(OngeldigeInvoer) as gevangen:
        services.leg_bijeenkomst_vast(
            **basis, deelnemers=[DeelnemerInvoer(naam="Ans"), DeelnemerInvoer(naam="Ans")]
        )
    assert list(gevangen.value.fouten) == ["deelnemers.1"]
    with schrijft_niets(), pytest.raises(OngeldigeInvoer) as gevangen:
        services.leg_bijeenkomst_vast(**basis, interventies=[geheim])
    assert list(gevangen.value.fouten) == ["interventies"]
    assert not Bijeenkomst.objects.exists()


def test_besluit_en_afspraak_uit_een_bijeenkomst(proces: Bestuursproces, regisseur: Any) -> None:
    actor = actor_voor(regisseur)
    speler = maak_speler(actor, proces)
    bijeenkomst = services.leg_bijeenkomst_vast(
        actor=actor,
        bestuursproces=proces,
        titel="Stuurgroep",
        soort=Bijeenkomstsoort.objects.get(code="bestuurlijk_overleg"),
        datum=_dag(0),
        zichtbaarheid="kernteam",
    )
    with pytest.raises(OngeldigeInvoer) as gevangen:
        services.leg_besluit_vast(
            actor=actor,
            bestuursproces=proces,
            titel="Akkoord",
            orgaan="college",
            datum=_dag(0),
            bijeenkomst=bijeenkomst,
            zichtbaarheid="proces",
        )
    assert list(gevangen.value.fouten) == ["bijeenkomst"]
    besluit = services.leg_besluit_vast(
        actor=actor,
        bestuursproces=proces,
        titel="Akkoord",
        orgaan="college",
        datum=_dag(0),
        bijeenkomst=bijeenkomst,
        zichtbaarheid="kernteam",
    )
    afspraak = services.maak_afspraak(
        actor=actor,
        bestuursproces=proces,
        wat="Notitie schrijven",
        door=speler,
        bijeenkomst=bijeenkomst,
        zichtbaarheid="regisseur",
    )
    assert list(bijeenkomst.besluiten.all()) == [besluit]
    assert list(bijeenkomst.afspraken.all()) == [afspraak]


def test_bijeenkomst_met_een_deelnemer_die_toen_nog_niet_bekend_was(
    proces: Bestuursproces, regisseur: Any
) -> None:
    actor = actor_voor(regisseur)
    nieuw = maak_speler(actor, proces)
    with schrijft_niets(), pytest.raises(Geschiedenisconflict):
        services.leg_bijeenkomst_vast(
            actor=actor,
            bestuursproces=proces,
            titel="Overleg",
            soort=werksessie(),
            datum=_dag(-3),
            deelnemers=[DeelnemerInvoer(speler=nieuw, aanwezig=True)],
            zichtbaarheid="proces",
        )
