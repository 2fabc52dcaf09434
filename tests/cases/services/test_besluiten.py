"""leg_besluit_vast: who decided what, when; a besluitmoment fulfilled; a consent resting on it."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from cases import services
from cases.events import Actor
from cases.exceptions import Geschiedenisconflict, OngeldigeInvoer
from cases.models import Besluit, Bestuursproces, Instemming, Opdrachtgever, Speler, WyberStap
from cases.selectors.besluiten import besluitmomenten
from cases.services.bestuursproces import BesluitmomentInvoer, Opdracht
from tests.factories import actor_voor, open_proces

from ._hulp import (
    REGISSEUR_NAAM,
    gebeurtenissen_na,
    instemming_van,
    laatste_volgnummer,
    maak_opdrachtgever,
    samenvatting,
    schrijft_niets,
    utc,
    verwacht,
)

ALLES = frozenset({"proces", "kernteam", "regisseur"})


def _geleden(dagen: int) -> dt.datetime:
    return timezone.now() - dt.timedelta(days=dagen)


def _dag(dagen: int) -> dt.date:
    return timezone.localdate() - dt.timedelta(days=dagen)


@pytest.fixture
def proces_met_momenten(regisseur: Any) -> Bestuursproces:
    """Opened 30 days ago; a besluitmoment 10 days ago (overdue) and one in 20 days."""
    vandaag = timezone.localdate()
    return open_proces(
        regisseur,
        tijdstip=_geleden(30),
        opdracht=Opdracht(
            besluitmomenten=(
                BesluitmomentInvoer(vandaag - dt.timedelta(days=10), "besluit", "Raadsbesluit"),
                BesluitmomentInvoer(vandaag + dt.timedelta(days=20), "mandaat", "Nieuw mandaat"),
            )
        ),
    )


def test_besluit_van_de_raad_met_exacte_gebeurtenis(
    proces_met_momenten: Bestuursproces, regisseur: Any
) -> None:
    bestuursproces = proces_met_momenten
    voor = laatste_volgnummer(bestuursproces)
    datum = _dag(5)
    moment = timezone.localdate() - dt.timedelta(days=10)
    besluit = services.leg_besluit_vast(
        actor=actor_voor(regisseur),
        bestuursproces=bestuursproces,
        titel="Raad stemt in met de gebiedsvisie",
        inhoud="Met amendement over groen",
        orgaan="raad",
        datum=datum,
        kenmerk="RB 2026/14",
        besluitmoment=moment,
        zichtbaarheid="proces",
        toelichting="Uit de raadsvergadering",
    )

    [gebeurtenis] = gebeurtenissen_na(bestuursproces, voor)
    assert samenvatting(gebeurtenis) == verwacht(
        voor + 1,
        "besluit.vastgelegd",
        {
            "besluit": {
                "uuid": str(besluit.uuid),
                "titel": "Raad stemt in met de gebiedsvisie",
                "inhoud": "Met amendement over groen",
                "opdrachtgever": None,
                "organisatie": None,
                "orgaan": "raad",
                "orgaanNaam": "",
                "datum": datum.isoformat(),
                "kenmerk": "RB 2026/14",
                "besluitmoment": moment.isoformat(),
                "bijeenkomst": None,
                "zichtbaarheid": "proces",
                "vastgelegdDoor": "regisseur",
            }
        },
        door=regisseur,
        naam=REGISSEUR_NAAM,
        toelichting="Uit de raadsvergadering",
    )
    # The besluit stands on the start of its day.
    assert Besluit.objects.get().datum == datum
    assert utc(gebeurtenis.tijdstip) == utc(
        timezone.make_aware(dt.datetime.combine(datum, dt.time.min))
    )


def test_besluitmoment_genomen_verlopen_of_gepland(
    proces_met_momenten: Bestuursproces, regisseur: Any
) -> None:
    bestuursproces = proces_met_momenten
    vandaag = timezone.localdate()
    assert [b.status for b in besluitmomenten(bestuursproces, ALLES, vandaag)] == [
        "verlopen",
        "gepland",
    ]
    besluit = services.leg_besluit_vast(
        actor=actor_voor(regisseur),
        bestuursproces=bestuursproces,
        titel="Raadsbesluit",
        orgaan="raad",
        datum=_dag(9),
        besluitmoment=vandaag - dt.timedelta(days=10),
        zichtbaarheid="kernteam",
    )
    standen = besluitmomenten(bestuursproces, ALLES, vandaag)
    assert [(b.status, b.besluiten) for b in standen] == [
        ("genomen", [besluit]),
        ("gepland", []),
    ]
    # Whoever may not see the besluit sees the besluitmoment still overdue.
    alleen_proces = besluitmomenten(bestuursproces, frozenset({"proces"}), vandaag)
    assert [b.status for b in alleen_proces] == ["verlopen", "gepland"]


def test_besluit_door_een_opdrachtgever(bestuursproces: Bestuursproces, actor: Actor) -> None:
    wethouder = maak_opdrachtgever(actor, bestuursproces)
    besluit = services.leg_besluit_vast(
        actor=actor,
        bestuursproces=bestuursproces,
        titel="Mandaat verruimd",
        opdrachtgever=wethouder,
        datum=timezone.localdate(),
        zichtbaarheid="regisseur",
    )
    assert (besluit.opdrachtgever, besluit.orgaan, besluit.zichtbaarheid) == (
        wethouder,
        "",
        "regisseur",
    )
    assert (
        gebeurtenissen_na(bestuursproces, laatste_volgnummer(bestuursproces) - 1)[0].payload[
            "zichtbaarheid"
        ]
        == "regisseur"
    )


@pytest.mark.parametrize(
    ("velden", "fout"),
    [
        ({}, "orgaan"),  # nobody decided
        ({"orgaan": "raad", "opdrachtgever": True}, "opdrachtgever"),  # two deciders
        ({"orgaan": "anders"}, "orgaan_naam"),
        ({"orgaan": "raad", "titel": ""}, "titel"),
        ({"orgaan": "raad", "besluitmoment": dt.date(2020, 1, 1)}, "besluitmoment"),
        ({"orgaan": "raad", "zichtbaarheid": "geheim"}, "zichtbaarheid"),
    ],
)
def test_ongeldig_besluit_schrijft_niets(
    bestuursproces: Bestuursproces, actor: Actor, velden: dict[str, Any], fout: str
) -> None:
    wethouder = maak_opdrachtgever(actor, bestuursproces)
    gegevens: dict[str, Any] = {
        "titel": "Besluit",
        "datum": timezone.localdate(),
        "zichtbaarheid": "proces",
        **velden,
    }
    if gegevens.get("opdrachtgever") is True:
        gegevens["opdrachtgever"] = wethouder
    with schrijft_niets(), pytest.raises(OngeldigeInvoer) as gevangen:
        services.leg_besluit_vast(actor=actor, bestuursproces=bestuursproces, **gegevens)
    assert fout in gevangen.value.fouten


def test_opdrachtgever_van_een_ander_proces_geweigerd(
    bestuursproces: Bestuursproces, actor: Actor, ander_proces: Bestuursproces
) -> None:
    vreemde = maak_opdrachtgever(actor, ander_proces)
    with schrijft_niets(), pytest.raises(OngeldigeInvoer) as gevangen:
        services.leg_besluit_vast(
            actor=actor,
            bestuursproces=bestuursproces,
            titel="Besluit",
            opdrachtgever=vreemde,
            datum=timezone.localdate(),
            zichtbaarheid="proces",
        )
    assert list(gevangen.value.fouten) == ["opdrachtgever"]


def test_laat_besluit_van_een_opdrachtgever_die_toen_nog_niet_bekend_was(
    regisseur: Any,
) -> None:
    bestuursproces = open_proces(regisseur, tijdstip=_geleden(30))
    actor = actor_voor(regisseur)
    wethouder = maak_opdrachtgever(actor, bestuursproces)  # registered now
    with schrijft_niets(), pytest.raises(Geschiedenisconflict):
        services.leg_besluit_vast(
            actor=actor,
            bestuursproces=bestuursproces,
            titel="Besluit van vorige maand",
            opdrachtgever=wethouder,
            datum=_dag(20),
            zichtbaarheid="proces",
        )


# --- the besluit behind a consent ---------------------------------------------------------


def _raadsbesluit(actor: Actor, bestuursproces: Bestuursproces, **velden: Any) -> Besluit:
    gegevens: dict[str, Any] = {
        "titel": "Raad stemt in",
        "orgaan": "raad",
        "datum": timezone.localdate(),
        "kenmerk": "RB 2026/15",
        "zichtbaarheid": "proces",
    }
    gegevens.update(velden)
    return services.leg_besluit_vast(actor=actor, bestuursproces=bestuursproces, **gegevens)


def test_instemming_op_grond_van_een_besluit(
    bestuursproces: Bestuursproces, actor: Actor, drie: WyberStap, haven: Opdrachtgever
) -> None:
    besluit = _raadsbesluit(actor, bestuursproces)
    voor = laatste_volgnummer(bestuursproces)
    instemming = services.leg_instemming_vast(
        actor=actor,
        instemming=instemming_van(drie, haven),
        status="ingestemd",
        besluit=besluit,
    )

    assert (
        instemming.formeel_besloten,
        instemming.besloten_op,
        instemming.besluitreferentie,
        instemming.besluit,
    ) == (True, besluit.datum, "RB 2026/15", besluit)
    [gebeurtenis] = gebeurtenissen_na(bestuursproces, voor)
    assert gebeurtenis.payload["instemming"] == {
        "uuid": str(instemming.uuid),
        "speler": None,
        "opdrachtgever": str(haven.uuid),
        "status": "ingestemd",
        "voorbehoud": "",
        "formeelBesloten": True,
        "beslotenOp": besluit.datum.isoformat(),
        "besluitreferentie": "RB 2026/15",
        "besluit": str(besluit.uuid),
        "formeelBesluitNodig": True,
    }
    assert timezone.localdate(gebeurtenis.tijdstip) == besluit.datum


def test_instemming_met_referentie_blijft_werken_zonder_besluit(
    bestuursproces: Bestuursproces, actor: Actor, drie: WyberStap, anna: Speler
) -> None:
    instemming = services.leg_instemming_vast(
        actor=actor,
        instemming=instemming_van(drie, anna),
        status="ingestemd",
        formeel_besloten=True,
        besloten_op=timezone.localdate(),
        besluitreferentie="Platformoverleg",
    )
    assert (instemming.besluit, instemming.besluitreferentie) == (None, "Platformoverleg")
    payload = gebeurtenissen_na(bestuursproces, laatste_volgnummer(bestuursproces) - 1)[0].payload
    assert "besluit" not in payload["instemming"]


def test_besluit_achter_een_instemming_moet_voor_iedereen_zichtbaar_zijn(
    bestuursproces: Bestuursproces, actor: Actor, drie: WyberStap, haven: Opdrachtgever
) -> None:
    besluit = _raadsbesluit(actor, bestuursproces, zichtbaarheid="kernteam")
    with schrijft_niets(), pytest.raises(OngeldigeInvoer) as gevangen:
        services.leg_instemming_vast(
            actor=actor,
            instemming=instemming_van(drie, haven),
            status="ingestemd",
            besluit=besluit,
        )
    assert [code for code, _ in gevangen.value.fouten["besluit"]] == ["zichtbaarheid"]
    assert Instemming.objects.get(stap=drie, opdrachtgever=haven).besluit is None
