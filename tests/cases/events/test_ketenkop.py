"""The chain head on the case row: what ``append_event`` links each new event to.

The service's locked copy of the row holds the head, so an append reads nothing of the log.
A stale copy (a nested service appended through its own copy, or a writer that did not lock)
must never fork the chain: its UPDATE of the head matches no row, and the event is linked
again to the head read from the row. Real concurrent writers are in test_gelijktijdig.py
(PostgreSQL); these run on both databases.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.db import transaction

from cases import services
from cases.events import append_event, verifieer_keten
from cases.models import Bestuursproces, Gebeurtenis
from tests._rollen import til_onveranderlijkheid_op
from tests.factories import GebruikerFactory, actor_voor, open_proces

pytestmark = pytest.mark.django_db


def _kop_van_het_log(proces: Bestuursproces) -> tuple[int, str]:
    laatste = Gebeurtenis.objects.filter(bestuursproces=proces).latest("volgnummer")
    return laatste.volgnummer, laatste.hash


def _kop_van_de_rij(proces: Bestuursproces) -> tuple[int, str]:
    return Bestuursproces.objects.values_list("keten_volgnummer", "keten_hash").get(pk=proces.pk)


def test_de_ketenkop_volgt_elke_gebeurtenis() -> None:
    regisseur: Any = GebruikerFactory()
    proces = open_proces(regisseur)
    assert _kop_van_de_rij(proces) == _kop_van_het_log(proces)
    services.maak_notitie(
        actor=actor_voor(regisseur), bestuursproces=proces, tekst="Eerste", zichtbaarheid="proces"
    )
    assert _kop_van_de_rij(proces) == _kop_van_het_log(proces)
    assert verifieer_keten(proces) is None


def test_een_verouderde_kopie_van_de_rij_vorkt_de_keten_niet() -> None:
    regisseur: Any = GebruikerFactory()
    actor = actor_voor(regisseur)
    proces = open_proces(regisseur)
    # Two copies read at the same head, as two writers that did not lock would hold them.
    eerste = Bestuursproces.objects.get(pk=proces.pk)
    tweede = Bestuursproces.objects.get(pk=proces.pk)
    kop = eerste.keten_volgnummer

    with transaction.atomic():
        a = append_event(
            bestuursproces=eerste,
            type="notitie.gemaakt",
            actor=actor,
            payload={"notitie": {"tekst": "Van de eerste"}},
        )
    with transaction.atomic():
        b = append_event(
            bestuursproces=tweede,
            type="notitie.gemaakt",
            actor=actor,
            payload={"notitie": {"tekst": "Van de tweede"}},
        )

    assert (a.volgnummer, b.volgnummer) == (kop + 1, kop + 2)
    assert b.vorige_hash == a.hash
    assert (tweede.keten_volgnummer, tweede.keten_hash) == (b.volgnummer, b.hash)
    assert _kop_van_de_rij(proces) == (b.volgnummer, b.hash)
    assert verifieer_keten(proces) is None


def test_een_geneste_dienst_met_een_eigen_kopie() -> None:
    # A service that appends, then calls another service that locks (and so reads) the row
    # afresh and appends too, then appends again through its own, now stale, copy.
    regisseur: Any = GebruikerFactory()
    actor = actor_voor(regisseur)
    proces = open_proces(regisseur)
    with transaction.atomic():
        eigen = Bestuursproces.objects.select_for_update().get(pk=proces.pk)
        append_event(
            bestuursproces=eigen,
            type="notitie.gemaakt",
            actor=actor,
            payload={"notitie": {"tekst": "Zonder slot"}},
        )
        services.maak_notitie(
            actor=actor, bestuursproces=eigen, tekst="Genest", zichtbaarheid="proces"
        )
        laatste = append_event(
            bestuursproces=eigen,
            type="notitie.gemaakt",
            actor=actor,
            payload={"notitie": {"tekst": "Zonder slot"}},
        )
    volgnummers = list(
        Gebeurtenis.objects.filter(bestuursproces=proces)
        .order_by("volgnummer")
        .values_list("volgnummer", flat=True)
    )
    assert volgnummers == list(range(1, laatste.volgnummer + 1))
    assert verifieer_keten(proces) is None


def test_de_verificatie_vergelijkt_de_ketenkop_op_de_rij() -> None:
    regisseur: Any = GebruikerFactory()
    proces = open_proces(regisseur)
    services.maak_notitie(
        actor=actor_voor(regisseur), bestuursproces=proces, tekst="Laatste", zichtbaarheid="proces"
    )
    volgnummer, _ = _kop_van_het_log(proces)
    # Someone with database access removes the last event and leaves the case row alone.
    til_onveranderlijkheid_op()
    Gebeurtenis.objects.filter(bestuursproces=proces, volgnummer=volgnummer).delete()

    breuk = verifieer_keten(proces)

    assert breuk is not None
    assert breuk.volgnummer == volgnummer
    assert "ketenkop" in breuk.reden
