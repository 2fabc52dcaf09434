"""Fifty random tamperings by someone with full database access but without the key, each
held against a checkpoint taken before: every one is caught, and the case it touched is named.

The attacker knows the canonical form and the hash function, lifts the triggers as the
owner, and edits, deletes, truncates, swaps, wipes a case, rewrites a chain with valid hashes,
appends forged events with valid hashes (unsigned, with a made-up signature, with a signature
copied from another event) and invents a whole case. Each tampering runs in a savepoint
that is rolled back, so the next one starts from the intact log.
"""

from __future__ import annotations

import random
import secrets
import uuid
from collections.abc import Callable
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.db import transaction

from cases import services
from cases.events.canonical import bereken_hash
from cases.events.checkpointmap import neem_checkpoint
from cases.models import Bestuursproces, Gebeurtenis
from cases.services.idee import IdeeInhoud
from tests._rollen import til_onveranderlijkheid_op
from tests.factories import GebruikerFactory, actor_voor, open_proces

AANTAL = 50


class _Terug(Exception):
    """Rolls the savepoint of one tampering back."""


def _keten(bestuursproces: Bestuursproces) -> list[Gebeurtenis]:
    return list(Gebeurtenis.objects.filter(bestuursproces=bestuursproces).order_by("volgnummer"))


def _schrijf(gebeurtenis: Gebeurtenis, **velden: Any) -> None:
    Gebeurtenis.objects.filter(pk=gebeurtenis.pk).update(**velden)


def _herbereken_vanaf(bestuursproces: Bestuursproces, keten: list[Gebeurtenis], i: int) -> None:
    """Recompute every hash from position i on, so the chain is consistent again (the
    signatures stay as they were: the attacker cannot make new ones)."""
    vorige = keten[i - 1].hash if i else "0" * 64
    for gebeurtenis in keten[i:]:
        gebeurtenis.vorige_hash = vorige
        gebeurtenis.hash = bereken_hash(gebeurtenis, bestuursproces.uuid)
        _schrijf(gebeurtenis, vorige_hash="x" * 64, hash=secrets.token_hex(32))
        vorige = gebeurtenis.hash
    for gebeurtenis in keten[i:]:  # two passes: the hash column is unique
        _schrijf(gebeurtenis, vorige_hash=gebeurtenis.vorige_hash, hash=gebeurtenis.hash)


def _vervals_volgende(
    bestuursproces: Bestuursproces, keten: list[Gebeurtenis], handtekening: str | None
) -> None:
    """Append an event with a valid hash, linked to the head, as the application would."""
    kop = keten[-1]
    nieuw = Gebeurtenis(
        bestuursproces=bestuursproces,
        volgnummer=kop.volgnummer + 1,
        type="notitie.gemaakt",
        actor_gebruikersnaam=kop.actor_gebruikersnaam,
        actor_naam=kop.actor_naam,
        herkomst=kop.herkomst,
        tijdstip=kop.tijdstip,
        geregistreerd=kop.geregistreerd,
        toelichting="Achteraf toegevoegd",
        payload={"notitie": {"tekst": "Dit is nooit gebeurd"}},
        vorige_hash=kop.hash,
    )
    nieuw.hash = bereken_hash(nieuw, bestuursproces.uuid)
    nieuw.handtekening = handtekening
    nieuw.save(force_insert=True)


# Each tampering: (rng, the cases) → the case it touched.
Knoeier = Callable[[random.Random, list[Bestuursproces]], Bestuursproces]


def wijzig_zonder_hash(rng: random.Random, processen: list[Bestuursproces]) -> Bestuursproces:
    bp = rng.choice(processen)
    _schrijf(rng.choice(_keten(bp)), toelichting=f"Gewijzigd {rng.random()}")
    return bp


def wijzig_met_nieuwe_hash(rng: random.Random, processen: list[Bestuursproces]) -> Bestuursproces:
    bp = rng.choice(processen)
    keten = _keten(bp)
    i = rng.randrange(len(keten))
    keten[i].toelichting = "Anders gezegd"
    _schrijf(keten[i], toelichting=keten[i].toelichting)
    _herbereken_vanaf(bp, keten, i)
    return bp


def wijzig_actor_en_herschrijf(
    rng: random.Random, processen: list[Bestuursproces]
) -> Bestuursproces:
    bp = rng.choice(processen)
    keten = _keten(bp)
    i = rng.randrange(len(keten))
    keten[i].actor_gebruikersnaam = "iemand-anders"
    _schrijf(keten[i], actor_gebruikersnaam="iemand-anders")
    _herbereken_vanaf(bp, keten, i)
    return bp


def verwijder_midden(rng: random.Random, processen: list[Bestuursproces]) -> Bestuursproces:
    bp = rng.choice(processen)
    keten = _keten(bp)
    Gebeurtenis.objects.filter(pk=rng.choice(keten[:-1]).pk).delete()
    return bp


def verwijder_en_hernummer(rng: random.Random, processen: list[Bestuursproces]) -> Bestuursproces:
    """Delete one event and renumber and rehash the rest: a consistent, shorter chain."""
    bp = rng.choice(processen)
    keten = _keten(bp)
    i = rng.randrange(1, len(keten) - 1)
    Gebeurtenis.objects.filter(pk=keten[i].pk).delete()
    rest = keten[:i] + keten[i + 1 :]
    for nummer, gebeurtenis in enumerate(rest[i:], start=i + 1):
        gebeurtenis.volgnummer = nummer
        _schrijf(gebeurtenis, volgnummer=10_000 + nummer)
    for gebeurtenis in rest[i:]:
        _schrijf(gebeurtenis, volgnummer=gebeurtenis.volgnummer)
    _herbereken_vanaf(bp, rest, i)
    return bp


def kap_staart_af(rng: random.Random, processen: list[Bestuursproces]) -> Bestuursproces:
    bp = rng.choice(processen)
    keten = _keten(bp)
    weg = rng.randrange(1, len(keten))
    Gebeurtenis.objects.filter(pk__in=[g.pk for g in keten[-weg:]]).delete()
    return bp


def wissel_twee(rng: random.Random, processen: list[Bestuursproces]) -> Bestuursproces:
    bp = rng.choice(processen)
    a, b = rng.sample(_keten(bp), 2)
    _schrijf(a, volgnummer=10_000)
    _schrijf(b, volgnummer=a.volgnummer)
    _schrijf(a, volgnummer=b.volgnummer)
    return bp


def wissel_inhoud(rng: random.Random, processen: list[Bestuursproces]) -> Bestuursproces:
    """Swap the payload and type of two events and rehash everything after the first."""
    bp = rng.choice(processen)
    keten = _keten(bp)
    i, j = sorted(rng.sample(range(len(keten)), 2))
    a, b = keten[i], keten[j]
    a.payload, b.payload, a.type, b.type = b.payload, a.payload, b.type, a.type
    _schrijf(a, payload=a.payload, type=a.type)
    _schrijf(b, payload=b.payload, type=b.type)
    _herbereken_vanaf(bp, keten, i)
    return bp


def wis_proces(rng: random.Random, processen: list[Bestuursproces]) -> Bestuursproces:
    bp = rng.choice(processen)
    Gebeurtenis.objects.filter(bestuursproces=bp).delete()
    return bp


def voeg_toe_zonder_handtekening(
    rng: random.Random, processen: list[Bestuursproces]
) -> Bestuursproces:
    bp = rng.choice(processen)
    _vervals_volgende(bp, _keten(bp), None)
    return bp


def voeg_toe_met_verzonnen_handtekening(
    rng: random.Random, processen: list[Bestuursproces]
) -> Bestuursproces:
    bp = rng.choice(processen)
    _vervals_volgende(bp, _keten(bp), secrets.token_hex(32))
    return bp


def voeg_toe_met_gekopieerde_handtekening(
    rng: random.Random, processen: list[Bestuursproces]
) -> Bestuursproces:
    bp = rng.choice(processen)
    keten = _keten(bp)
    _vervals_volgende(bp, keten, rng.choice(keten).handtekening)
    return bp


def vervang_laatste(rng: random.Random, processen: list[Bestuursproces]) -> Bestuursproces:
    """Delete the head and put a forged one with a valid hash in its place."""
    bp = rng.choice(processen)
    keten = _keten(bp)
    Gebeurtenis.objects.filter(pk=keten[-1].pk).delete()
    _vervals_volgende(bp, keten[:-1], rng.choice([None, keten[-1].handtekening]))
    return bp


def wis_handtekeningen(rng: random.Random, processen: list[Bestuursproces]) -> Bestuursproces:
    """Pass a rewritten chain off as one from before signing: no signatures at all."""
    bp = rng.choice(processen)
    keten = _keten(bp)
    keten[-1].toelichting = "Van vóór de ondertekening, zogenaamd"
    _schrijf(keten[-1], toelichting=keten[-1].toelichting)
    Gebeurtenis.objects.filter(bestuursproces=bp).update(handtekening=None)
    _herbereken_vanaf(bp, keten, len(keten) - 1)
    return bp


def verzin_proces(rng: random.Random, processen: list[Bestuursproces]) -> Bestuursproces:
    """A whole new case with an unsigned chain that hashes correctly."""
    origineel = rng.choice(processen)
    nieuw = Bestuursproces.objects.get(pk=origineel.pk)
    nieuw.pk = None
    nieuw.uuid = uuid.uuid4()
    nieuw.save(force_insert=True)
    vorige = "0" * 64
    for gebeurtenis in _keten(origineel):
        gebeurtenis.pk = None
        gebeurtenis.bestuursproces = nieuw
        gebeurtenis.vorige_hash = vorige
        gebeurtenis.hash = bereken_hash(gebeurtenis, nieuw.uuid)
        gebeurtenis.handtekening = None
        gebeurtenis.save(force_insert=True)
        vorige = gebeurtenis.hash
    return nieuw


KNOEIERS: list[Knoeier] = [
    wijzig_zonder_hash,
    wijzig_met_nieuwe_hash,
    wijzig_actor_en_herschrijf,
    verwijder_midden,
    verwijder_en_hernummer,
    kap_staart_af,
    wissel_twee,
    wissel_inhoud,
    wis_proces,
    voeg_toe_zonder_handtekening,
    voeg_toe_met_verzonnen_handtekening,
    voeg_toe_met_gekopieerde_handtekening,
    vervang_laatste,
    wis_handtekeningen,
    verzin_proces,
]


@pytest.fixture
def processen(regisseur: Any) -> list[Bestuursproces]:
    """Four cases with chains of 4 to 8 events, through the services."""
    result = []
    for nummer in range(4):
        eigenaar = regisseur if nummer == 0 else GebruikerFactory(username=f"regisseur-{nummer}")
        bp = open_proces(eigenaar, titel=f"Proces {nummer}")
        for versie in range(nummer + 2):
            services.herzie_idee(
                actor=actor_voor(eigenaar), bestuursproces=bp, inhoud=IdeeInhoud(wat=f"V{versie}")
            )
        result.append(bp)
    return result


def _verify() -> tuple[int, str, str]:
    uit, fout = StringIO(), StringIO()
    try:
        call_command("verify_gebeurtenissen", stdout=uit, stderr=fout)
    except SystemExit as einde:
        return int(einde.code or 0), uit.getvalue(), fout.getvalue()
    return 0, uit.getvalue(), fout.getvalue()


def test_vijftig_vervalsingen_vallen_alle_op(
    processen: list[Bestuursproces], settings: Any, tmp_path: Path
) -> None:
    settings.GEBEURTENIS_CHECKPOINT_MAP = tmp_path / "checkpoints"
    neem_checkpoint()
    code, uit, _ = _verify()
    assert code == 0, uit
    assert "4 keten(s) bevatten het checkpoint." in uit

    rng = random.Random(20261206)
    gevonden: list[str] = []
    gemist: list[str] = []
    for ronde in range(AANTAL):
        knoeier = KNOEIERS[ronde % len(KNOEIERS)]
        try:
            with transaction.atomic():
                til_onveranderlijkheid_op()
                geraakt = knoeier(rng, processen)
                code, uit, fout = _verify()
                raise _Terug
        except _Terug:
            pass
        # Caught, and the case that was touched is the one named.
        if code == 1 and f"bestuursproces {geraakt.uuid}, volgnummer " in fout:
            gevonden.append(knoeier.__name__)
        else:
            gemist.append(f"{ronde} {knoeier.__name__}: {code} {uit} {fout}")

    assert gemist == []
    assert len(gevonden) == AANTAL
    assert set(gevonden) == {k.__name__ for k in KNOEIERS}
    # Everything rolled back: the log is intact again.
    assert _verify()[0] == 0
