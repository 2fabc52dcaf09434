"""Canonical JSON and the stable hash over an event's canonical document."""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import uuid
import zoneinfo
from decimal import Decimal
from typing import Any

import pytest

from cases import services
from cases.events import GENESIS_HASH, bereken_hash, canonieke_json, verifieer_keten
from cases.events.canonical import formatteer_tijdstip, normaliseer
from cases.models import Gebeurtenis
from cases.services.bestuursproces import BesluitmomentInvoer, Opdracht
from cases.services.idee import IdeeInhoud
from tests.factories import actor_voor, open_proces

AMSTERDAM = zoneinfo.ZoneInfo("Europe/Amsterdam")


# --- canonical JSON ------------------------------------------------------------------------


def test_canonieke_json_sorteert_sleutels_zonder_witruimte() -> None:
    waarde = {"b": 1, "a": {"d": [3, {"z": None, "y": True}], "c": "x"}}
    assert canonieke_json(waarde) == '{"a":{"c":"x","d":[3,{"y":true,"z":null}]},"b":1}'
    # Insertion order does not matter.
    assert canonieke_json(dict(reversed(list(waarde.items())))) == canonieke_json(waarde)


@pytest.mark.parametrize(
    ("waarde", "tekst"),
    [
        (Decimal("125000.50"), '"125000.50"'),
        (Decimal("0.10"), '"0.10"'),
        (Decimal("1E+3"), '"1000"'),
        (Decimal("-7"), '"-7"'),
        (dt.date(2026, 3, 1), '"2026-03-01"'),
        (
            uuid.UUID("12345678-1234-5678-1234-567812345678"),
            '"12345678-1234-5678-1234-567812345678"',
        ),
        (frozenset({"b", "a"}), '["a","b"]'),
        ("Initiërend — “ja”", '"Initiërend — “ja”"'),
        (10**20, "100000000000000000000"),
    ],
)
def test_canonieke_json_vaste_vormen(waarde: Any, tekst: str) -> None:
    assert canonieke_json(waarde) == tekst
    assert canonieke_json({"k": waarde}) == '{"k":' + tekst + "}"


@pytest.mark.parametrize(
    ("waarde", "tekst"),
    [
        # Amsterdam winter time is UTC+1; microseconds are always written.
        (dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=AMSTERDAM), "2026-01-02T02:04:05.000000Z"),
        # Summer time is UTC+2.
        (dt.datetime(2026, 7, 1, 0, 30, 0, 42, tzinfo=AMSTERDAM), "2026-06-30T22:30:00.000042Z"),
        (dt.datetime(2026, 7, 1, 12, 0, 0, 999999, tzinfo=dt.UTC), "2026-07-01T12:00:00.999999Z"),
        (
            dt.datetime(2026, 7, 1, 12, 0, tzinfo=dt.timezone(dt.timedelta(hours=-5))),
            "2026-07-01T17:00:00.000000Z",
        ),
    ],
)
def test_tijdstippen_in_utc_met_microseconden_en_z(waarde: dt.datetime, tekst: str) -> None:
    assert formatteer_tijdstip(waarde) == tekst
    assert canonieke_json({"t": waarde}) == f'{{"t":"{tekst}"}}'


def test_tijdstip_zonder_tijdzone_wordt_geweigerd() -> None:
    with pytest.raises(ValueError, match="tijdzone"):
        canonieke_json({"t": dt.datetime(2026, 1, 1, 12, 0)})


@pytest.mark.parametrize(
    "waarde",
    [1.5, {"budget": 0.1}, [1, 2.0], {"a": [{"b": (1, float("nan"))}]}, {"x": {"y": 3.0}}],
)
def test_floats_worden_geweigerd(waarde: Any) -> None:
    with pytest.raises(TypeError, match="Decimal"):
        canonieke_json(waarde)


def test_onbekende_typen_worden_geweigerd() -> None:
    with pytest.raises(TypeError):
        canonieke_json({"x": object()})


def test_normaliseer_geeft_wat_de_database_teruggeeft() -> None:
    payload = {
        "budget": Decimal("12.50"),
        "datum": dt.date(2026, 1, 1),
        "t": dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
        "id": uuid.UUID(int=1),
        "lijst": (1, 2),
    }
    assert normaliseer(payload) == {
        "budget": "12.50",
        "datum": "2026-01-01",
        "t": "2026-01-01T00:00:00.000000Z",
        "id": "00000000-0000-0000-0000-000000000001",
        "lijst": [1, 2],
    }


# --- hashes --------------------------------------------------------------------------------

VAST_PROCES = uuid.UUID("12345678-1234-5678-1234-567812345678")


def _vaste_gebeurtenis(**anders: Any) -> Gebeurtenis:
    velden: dict[str, Any] = {
        "volgnummer": 1,
        "type": "idee.herzien",
        "actor_gebruikersnaam": "regisseur",
        "actor_naam": "Rina Regisseur",
        "herkomst": "test",
        "tijdstip": dt.datetime(2026, 1, 2, 3, 4, 5, 6, tzinfo=AMSTERDAM),
        "geregistreerd": dt.datetime(2026, 1, 2, 3, 4, 5, 500000, tzinfo=AMSTERDAM),
        "toelichting": "Waarom: “omdat”",
        "payload": {"idee": {"wat": "Één idee", "versie": 1}, "bedrag": "12.50"},
        "vorige_hash": GENESIS_HASH,
    }
    velden.update(anders)
    return Gebeurtenis(**velden)


def test_hash_is_sha256_over_het_canonieke_document_en_blijft_gelijk() -> None:
    document = (
        '{"actor":"regisseur","actorNaam":"Rina Regisseur",'
        '"bestuursproces":"12345678-1234-5678-1234-567812345678",'
        '"geregistreerd":"2026-01-02T02:04:05.500000Z","herkomst":"test",'
        '"payload":{"bedrag":"12.50","idee":{"versie":1,"wat":"Één idee"}},'
        '"tijdstip":"2026-01-02T02:04:05.000006Z","toelichting":"Waarom: “omdat”",'
        '"type":"idee.herzien","volgnummer":1,"vorigeHash":"' + GENESIS_HASH + '"}'
    )
    verwacht = hashlib.sha256(document.encode("utf-8")).hexdigest()

    assert bereken_hash(_vaste_gebeurtenis(), VAST_PROCES) == verwacht
    # Pinned: if this changes, every stored chain stops verifying.
    assert verwacht == "d2e74dd56aee1c836378eb953864183d0b9e93234ee4adae29adbb67d70c979c"
    assert bereken_hash(_vaste_gebeurtenis(), str(VAST_PROCES)) == verwacht
    # The same moment in another time zone is the same event.
    in_utc = _vaste_gebeurtenis(
        tijdstip=dt.datetime(2026, 1, 2, 2, 4, 5, 6, tzinfo=dt.UTC),
        payload={"bedrag": "12.50", "idee": {"versie": 1, "wat": "Één idee"}},
    )
    assert bereken_hash(in_utc, VAST_PROCES) == verwacht


@pytest.mark.parametrize(
    "anders",
    [
        {"volgnummer": 2},
        {"type": "idee.herzien "},
        {"actor_gebruikersnaam": "iemand"},
        {"actor_naam": "Rina"},
        {"herkomst": "web@1.2.3.4"},
        {"tijdstip": dt.datetime(2026, 1, 2, 3, 4, 5, 7, tzinfo=AMSTERDAM)},
        {"geregistreerd": dt.datetime(2026, 1, 2, 3, 4, 6, tzinfo=AMSTERDAM)},
        {"toelichting": "Waarom: omdat"},
        {"payload": {"idee": {"wat": "Één idee", "versie": 2}, "bedrag": "12.50"}},
        {"payload": {"idee": {"wat": "Één idee", "versie": 1}, "bedrag": "12.5"}},
        {"vorige_hash": "1" * 64},
    ],
)
def test_elk_veld_telt_mee_in_de_hash(anders: dict[str, Any]) -> None:
    assert bereken_hash(_vaste_gebeurtenis(**anders), VAST_PROCES) != bereken_hash(
        _vaste_gebeurtenis(), VAST_PROCES
    )
    assert bereken_hash(_vaste_gebeurtenis(), uuid.UUID(int=7)) != bereken_hash(
        _vaste_gebeurtenis(), VAST_PROCES
    )


def test_ketens_en_hashes_overleven_de_database(regisseur: Any) -> None:
    """Every stored event re-hashes to its stored hash after a round trip through the DB."""
    actor = actor_voor(regisseur)
    bestuursproces = open_proces(
        regisseur,
        titel="Zeedijk — “fase 2”: één plan",
        opdracht=Opdracht(
            budget=Decimal("9999999999.99"),
            uren=2_000_000,
            einddatum=dt.date(2030, 2, 28),
            besluitmomenten=(BesluitmomentInvoer(dt.date(2027, 1, 1), "besluit", "Raad ✓"),),
        ),
    )
    services.herzie_idee(
        actor=actor,
        bestuursproces=bestuursproces,
        inhoud=IdeeInhoud(wat='Ümlaut, emoji 🌊 en "quotes" en \\ backslash', context="\n\t"),
        toelichting="Tekens die JSON moet escapen: \u2028 \u0001",
    )
    services.wijzig_bestuursproces(
        actor=actor,
        bestuursproces=bestuursproces,
        wijzigingen={},
        opdracht=Opdracht(budget=Decimal("0.01")),
    )

    gebeurtenissen = list(Gebeurtenis.objects.filter(bestuursproces=bestuursproces))
    assert [e.volgnummer for e in gebeurtenissen] == [1, 2, 3, 4, 5]
    assert gebeurtenissen[0].vorige_hash == GENESIS_HASH
    for vorige, huidige in itertools.pairwise(gebeurtenissen):
        assert huidige.vorige_hash == vorige.hash
    for gebeurtenis in gebeurtenissen:
        assert bereken_hash(gebeurtenis, bestuursproces.uuid) == gebeurtenis.hash
    assert len({e.hash for e in gebeurtenissen}) == 5
    assert gebeurtenissen[0].payload["bestuursproces"]["opdracht"]["budget"] == "9999999999.99"
    assert verifieer_keten(bestuursproces) is None


@pytest.mark.parametrize(
    ("payload", "toelichting"),
    [
        ({}, ""),
        ({"notitie": {"tekst": "Zoë ☃ \u2028 €", "volgorde": 3}}, 'Met "aanhalingstekens"'),
        (
            {"z": [1, None, True, {"b": "\\\n\t\x01", "a": ""}], "a": {"ü": "x"}},
            "regel 1\nregel 2\x1f",
        ),
    ],
)
def test_de_inhoudshash_uit_de_canonieke_tekst_is_die_uit_het_document(
    payload: dict[str, Any], toelichting: str
) -> None:
    # append_event seals from the payload's canonical text; verification recomputes from the
    # payload: the two must hash the same bytes.
    from cases.events.canonical import (
        bereken_inhoud_hash,
        hash_van_document,
        inhoud_document,
        inhoud_hash_van_tekst,
    )

    zout = "0f" * 16
    gebeurtenis = Gebeurtenis(payload=payload, toelichting=toelichting, inhoud_zout=zout)
    verwacht = hash_van_document(inhoud_document(payload, toelichting, zout))
    assert bereken_inhoud_hash(gebeurtenis) == verwacht
    assert inhoud_hash_van_tekst(canonieke_json(payload), toelichting, zout) == verwacht
