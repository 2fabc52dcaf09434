"""append_event's guards: the transaction, the type, the payload and the clock."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection, transaction
from django.utils import timezone

from cases import services
from cases.events import GENESIS_HASH, Actor, append_event, verifieer_keten
from cases.events.wereldtijd import geschiedenis
from cases.exceptions import OngeldigeInvoer
from cases.models import Bestuursproces, Gebeurtenis
from cases.services._common import vergrendel
from cases.services.idee import IdeeInhoud
from tests.factories import GebruikerFactory, actor_voor, consolideer_stap, open_proces

# --- append_event --------------------------------------------------------------------------


def test_append_event_buiten_een_transactie_wordt_geweigerd() -> None:
    assert not connection.in_atomic_block
    with pytest.raises(RuntimeError, match="transactie"):
        append_event(
            bestuursproces=Bestuursproces(),
            type="idee.herzien",
            actor=Actor(gebruiker=None),
            payload={},
        )


def _append(bestuursproces: Bestuursproces, **kwargs: Any) -> Gebeurtenis:
    with transaction.atomic():
        vergrendel(bestuursproces)
        return append_event(bestuursproces=bestuursproces, **kwargs)


@pytest.mark.parametrize("soort", ["interventie.verzonnen", "", "IDEE.HERZIEN", "idee"])
def test_onbekend_gebeurtenistype_wordt_geweigerd(
    bestuursproces: Bestuursproces, regisseur: Any, soort: str
) -> None:
    aantal = Gebeurtenis.objects.count()
    with pytest.raises(ValueError, match="Onbekend gebeurtenistype"):
        _append(bestuursproces, type=soort, actor=actor_voor(regisseur), payload={})
    assert Gebeurtenis.objects.count() == aantal


def test_append_event_weigert_floats_en_naieve_tijden(
    bestuursproces: Bestuursproces, regisseur: Any
) -> None:
    aantal = Gebeurtenis.objects.count()
    with pytest.raises(TypeError):
        _append(
            bestuursproces,
            type="bestuursproces.gewijzigd",
            actor=actor_voor(regisseur),
            payload={"wijzigingen": {"budget": 12.5}, "vorigeWaarden": {}},
        )
    with pytest.raises(ValueError, match="tijdzone"):
        _append(
            bestuursproces,
            type="idee.herzien",
            actor=actor_voor(regisseur),
            payload={"idee": {}},
            tijdstip=dt.datetime(2026, 1, 1),
        )
    assert Gebeurtenis.objects.count() == aantal


def test_append_event_weigert_gegevens_zonder_de_sleutels_van_het_type(
    bestuursproces: Bestuursproces, regisseur: Any
) -> None:
    aantal = Gebeurtenis.objects.count()
    with pytest.raises(ValueError, match="mist vorigeWaarden"):
        _append(
            bestuursproces,
            type="bestuursproces.gewijzigd",
            actor=actor_voor(regisseur),
            payload={"wijzigingen": {"titel": "Nieuw"}},
        )
    assert Gebeurtenis.objects.count() == aantal


def test_append_event_koppelt_aan_de_vorige_en_legt_de_actor_vast(
    bestuursproces: Bestuursproces, regisseur: Any
) -> None:
    vorige = Gebeurtenis.objects.get(bestuursproces=bestuursproces, volgnummer=3)
    naamloos: Any = GebruikerFactory(username="zonder-naam", first_name="", last_name="")

    eerste = _append(
        bestuursproces,
        type="idee.herzien",
        actor=Actor(gebruiker=naamloos, herkomst="x" * 250),
        payload={
            "idee": {
                "versie": 2,
                "wat": "Iets",
                "budget": Decimal("1.5"),
                "datum": dt.date(2026, 1, 1),
            }
        },
        toelichting="Handmatig",
    )
    tweede = _append(
        bestuursproces,
        type="status.gewijzigd",
        actor=Actor(gebruiker=None),
        payload={"van": "actief", "naar": "gepauzeerd", "uitkomst": ""},
    )

    eerste.refresh_from_db()
    assert (eerste.volgnummer, eerste.vorige_hash) == (4, vorige.hash)
    assert (eerste.actor_id, eerste.actor_gebruikersnaam, eerste.actor_naam) == (
        naamloos.pk,
        "zonder-naam",
        "zonder-naam",  # no full name: the username stands in
    )
    assert eerste.herkomst == "x" * 200
    assert eerste.payload == {
        "idee": {"versie": 2, "wat": "Iets", "budget": "1.5", "datum": "2026-01-01"}
    }
    assert eerste.toelichting == "Handmatig"
    assert eerste.tijdstip == eerste.geregistreerd
    assert (tweede.volgnummer, tweede.vorige_hash) == (5, eerste.hash)
    assert (tweede.actor_id, tweede.actor_gebruikersnaam, tweede.actor_naam) == (None, "", "")
    assert verifieer_keten(bestuursproces) is None


def test_volgnummers_tellen_per_bestuursproces(regisseur: Any) -> None:
    a = open_proces(regisseur)
    b = open_proces(regisseur, titel="Tweede proces")
    services.herzie_idee(
        actor=actor_voor(regisseur), bestuursproces=a, inhoud=IdeeInhoud(wat="Alleen in a")
    )
    assert list(a.gebeurtenissen.values_list("volgnummer", flat=True)) == [1, 2, 3, 4]
    assert list(b.gebeurtenissen.values_list("volgnummer", flat=True)) == [1, 2, 3]
    assert Gebeurtenis.objects.get(bestuursproces=b, volgnummer=1).vorige_hash == GENESIS_HASH


@pytest.mark.parametrize("code", ["voor_opening", "toekomst"])
def test_tijdstip_ligt_niet_voor_de_opening_en_niet_in_de_toekomst(
    regisseur: Any, code: str
) -> None:
    proces = open_proces(regisseur)
    consolideer_stap(proces, regisseur)
    aantal = proces.gebeurtenissen.count()
    tijdstip = (
        proces.geopend_op - dt.timedelta(seconds=1)
        if code == "voor_opening"
        else timezone.now() + dt.timedelta(hours=1)
    )
    with pytest.raises(OngeldigeInvoer) as fout:
        services.wijzig_stadium(
            actor=actor_voor(regisseur),
            bestuursproces=proces,
            naar="houdbaar",
            toelichting="Achteraf vastgelegd",
            forceren=True,  # so that only the tijdstip stands in the way
            tijdstip=tijdstip,
        )
    assert [fout_code for fout_code, _ in fout.value.fouten["tijdstip"]] == [code]
    assert proces.gebeurtenissen.count() == aantal
    proces.refresh_from_db()
    assert proces.stadium == "voorstelbaar"


def test_tijdstip_mag_langs_de_keten_teruglopen_en_wordt_in_wereldtijd_gevouwen(
    regisseur: Any,
) -> None:
    """A fact dated after the opening but before something already recorded is accepted: the
    chain stays in recording order, the history reads it in its place in world time."""
    proces = open_proces(regisseur)
    consolideer_stap(proces, regisseur)  # the gate holds from here on
    toen = timezone.now()
    services.herzie_idee(
        actor=actor_voor(regisseur), bestuursproces=proces, inhoud=IdeeInhoud(wat="Later idee")
    )
    idee = proces.gebeurtenissen.order_by("-volgnummer").first()
    assert idee is not None

    services.wijzig_stadium(
        actor=actor_voor(regisseur),
        bestuursproces=proces,
        naar="houdbaar",
        toelichting="Achteraf vastgelegd",
        tijdstip=toen,
    )

    overgang = proces.gebeurtenissen.order_by("-volgnummer").first()
    assert overgang is not None
    assert (overgang.type, overgang.tijdstip) == ("stadium.gewijzigd", toen)
    assert overgang.volgnummer == idee.volgnummer + 1
    assert overgang.tijdstip < idee.tijdstip <= overgang.geregistreerd
    volgorde = [g.volgnummer for g in geschiedenis(proces.pk)]
    assert volgorde.index(overgang.volgnummer) < volgorde.index(idee.volgnummer)
    proces.refresh_from_db()
    assert proces.stadium == "houdbaar"
    assert verifieer_keten(proces) is None
