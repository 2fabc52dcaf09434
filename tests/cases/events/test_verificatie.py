"""verifieer_keten and verifieer_alle: an intact chain, and every way of tampering with it."""

from __future__ import annotations

import json
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection

from cases import services
from cases.events import Breuk, bereken_hash, verifieer_alle, verifieer_keten
from cases.models import Bestuursproces, Gebeurtenis
from cases.services.bestuursproces import Opdracht
from cases.services.idee import IdeeInhoud
from tests.factories import actor_voor, open_proces

from ._rauw import rauw_bijwerken

# --- verification and tampering --------------------------------------------------------------


@pytest.fixture
def keten(bestuursproces: Bestuursproces, regisseur: Any) -> Bestuursproces:
    """A case with seven events."""
    actor = actor_voor(regisseur)
    services.herzie_idee(
        actor=actor, bestuursproces=bestuursproces, inhoud=IdeeInhoud(wat="Versie twee")
    )
    services.wijzig_stadium(
        actor=actor,
        bestuursproces=bestuursproces,
        naar="houdbaar",
        toelichting="Draagvlak",
        forceren=True,
    )
    services.wijzig_bestuursproces(
        actor=actor,
        bestuursproces=bestuursproces,
        wijzigingen={"titel": "Nieuwe titel"},
        opdracht=Opdracht(budget=Decimal("1000.00")),
    )
    services.wijzig_status(actor=actor, bestuursproces=bestuursproces, status="gepauzeerd")
    assert bestuursproces.gebeurtenissen.count() == 7
    return bestuursproces


def test_verifieer_keten_geeft_none_op_een_intacte_keten(keten: Bestuursproces) -> None:
    assert verifieer_keten(keten) is None


def _json(waarde: Any) -> str:
    return json.dumps(waarde)


@pytest.mark.parametrize(
    ("volgnummer", "kolom", "waarde"),
    [
        (1, "toelichting", "Achteraf bedacht"),
        (3, "toelichting", "Achteraf toegevoegd"),
        (4, "payload", _json({"idee": {"wat": "Iets heel anders"}})),
        (5, "payload", _json({"bezwaren": [], "overgang": {"naar": "bruikbaar"}})),
        (7, "toelichting", "Laatste"),
        (2, "actor_naam", "Iemand anders"),
        (6, "herkomst", "web@10.6.6.6"),
        (5, "type", "status.gewijzigd"),
    ],
)
def test_gewijzigde_gebeurtenis_wordt_bij_naam_genoemd(
    keten: Bestuursproces,
    zet_onveranderlijkheid_uit: Callable[[], None],
    volgnummer: int,
    kolom: str,
    waarde: Any,
) -> None:
    zet_onveranderlijkheid_uit()
    rauw_bijwerken(keten, volgnummer, kolom, waarde)

    breuk = verifieer_keten(keten)

    assert breuk == Breuk(
        keten.uuid, volgnummer, "hash klopt niet met de inhoud (gewijzigd na vastlegging)"
    )
    assert f"volgnummer {volgnummer}:" in str(breuk)


def test_herschreven_gebeurtenis_met_nieuwe_hash_valt_op_aan_de_handtekening(
    keten: Bestuursproces, zet_onveranderlijkheid_uit: Callable[[], None]
) -> None:
    """An attacker who rewrites event 4 and recomputes its hash has no key to sign it: caught
    at event 4 itself (before signatures, only at event 5, whose link no longer holds)."""
    zet_onveranderlijkheid_uit()
    vervalst = Gebeurtenis.objects.get(bestuursproces=keten, volgnummer=4)
    vervalst.payload = {"idee": {"wat": "Vervalst"}}
    rauw_bijwerken(keten, 4, "payload", _json(vervalst.payload))
    rauw_bijwerken(keten, 4, "hash", bereken_hash(vervalst, keten.uuid))

    assert verifieer_keten(keten) == Breuk(
        keten.uuid,
        4,
        "handtekening klopt niet (buiten de applicatie toegevoegd of herschreven)",
    )


def test_verwijderde_gebeurtenis_laat_een_gat(
    keten: Bestuursproces, zet_onveranderlijkheid_uit: Callable[[], None]
) -> None:
    zet_onveranderlijkheid_uit()
    with connection.cursor() as cursor:
        cursor.execute(
            "DELETE FROM cases_gebeurtenis WHERE bestuursproces_id = %s AND volgnummer = 3",
            [keten.pk],
        )

    assert verifieer_keten(keten) == Breuk(keten.uuid, 3, "volgnummer 3 ontbreekt (gevonden: 4)")


def test_verifieer_alle_noemt_alleen_het_gebroken_proces(
    keten: Bestuursproces, regisseur: Any, zet_onveranderlijkheid_uit: Callable[[], None]
) -> None:
    ander = open_proces(regisseur, titel="Onaangetast")
    zet_onveranderlijkheid_uit()
    rauw_bijwerken(keten, 2, "toelichting", "Ingevoegd")

    uitkomst = {proces.pk: breuk for proces, breuk in verifieer_alle()}

    assert uitkomst[ander.pk] is None
    breuk = uitkomst[keten.pk]
    assert breuk is not None
    assert breuk.volgnummer == 2
    assert dict(verifieer_alle(iter([ander]))) == {ander: None}
