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
    with pytest.raises(ValueError, match="GebeurtenisType"):
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
            payload={"wijzigingen": {"budget": 12.5}},
        )
    with pytest.raises(ValueError, match="tijdzone"):
        _append(
            bestuursproces,
            type="idee.herzien",
            actor=actor_voor(regisseur),
            payload={},
            tijdstip=dt.datetime(2026, 1, 1),
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
        payload={"budget": Decimal("1.5"), "datum": dt.date(2026, 1, 1)},
        toelichting="Handmatig",
    )
    tweede = _append(
        bestuursproces, type="status.gewijzigd", actor=Actor(gebruiker=None), payload={}
    )

    eerste.refresh_from_db()
    assert (eerste.volgnummer, eerste.vorige_hash) == (4, vorige.hash)
    assert (eerste.actor_id, eerste.actor_gebruikersnaam, eerste.actor_naam) == (
        naamloos.pk,
        "zonder-naam",
        "zonder-naam",  # no full name: the username stands in
    )
    assert eerste.herkomst == "x" * 200
    assert eerste.payload == {"budget": "1.5", "datum": "2026-01-01"}
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


def test_tijdstip_loopt_niet_terug_en_ligt_niet_in_de_toekomst(regisseur: Any) -> None:
    proces = open_proces(regisseur)
    consolideer_stap(proces, regisseur)  # so that only the tijdstip stands in the way
    laatste = proces.gebeurtenissen.order_by("-volgnummer").first()
    assert laatste is not None
    aantal = proces.gebeurtenissen.count()
    for tijdstip in (
        laatste.tijdstip - dt.timedelta(seconds=1),
        timezone.now() + dt.timedelta(hours=1),
    ):
        with pytest.raises(OngeldigeInvoer) as fout:
            services.wijzig_stadium(
                actor=actor_voor(regisseur),
                bestuursproces=proces,
                naar="houdbaar",
                toelichting="Achteraf vastgelegd",
                tijdstip=tijdstip,
            )
        assert "tijdstip" in fout.value.fouten
    assert proces.gebeurtenissen.count() == aantal
    proces.refresh_from_db()
    assert proces.stadium == "voorstelbaar"
