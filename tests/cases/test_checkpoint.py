"""Checkpoints catch what a hash chain alone cannot: a rewrite of the whole chain."""

from __future__ import annotations

from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection

from cases import services
from cases.events.canonical import bereken_hash
from cases.events.checkpoint import lees_regels, toets_aan_checkpoint
from cases.models import Bestuursproces, Gebeurtenis
from cases.services.idee import IdeeInhoud
from tests._rollen import word_eigenaar
from tests.factories import actor_voor


def _triggers_uit() -> None:
    with connection.cursor() as cursor:
        word_eigenaar(cursor)  # the attacker owns the database
        if connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute(
                "ALTER TABLE cases_gebeurtenis DISABLE TRIGGER cases_gebeurtenis_geen_wijziging"
            )
        else:
            cursor.execute("DROP TRIGGER cases_gebeurtenis_geen_update")


def herschrijf_keten(bestuursproces: Bestuursproces, vanaf: int, toelichting: str) -> None:
    """What an attacker with database access would do: change one event and recompute every
    hash after it, so that the chain is consistent again."""
    _triggers_uit()
    vorige = Gebeurtenis.objects.get(bestuursproces=bestuursproces, volgnummer=vanaf - 1).hash
    for gebeurtenis in Gebeurtenis.objects.filter(
        bestuursproces=bestuursproces, volgnummer__gte=vanaf
    ).order_by("volgnummer"):
        if gebeurtenis.volgnummer == vanaf:
            gebeurtenis.toelichting = toelichting
        gebeurtenis.vorige_hash = vorige
        gebeurtenis.hash = bereken_hash(gebeurtenis, bestuursproces.uuid)
        Gebeurtenis.objects.filter(pk=gebeurtenis.pk).update(
            toelichting=gebeurtenis.toelichting,
            vorige_hash=gebeurtenis.vorige_hash,
            hash=gebeurtenis.hash,
        )
        vorige = gebeurtenis.hash


@pytest.fixture
def sleutel(tmp_path: Path) -> Path:
    pad = tmp_path / "sleutel"
    pad.write_text("een-geheim-buiten-de-database\n")
    return pad


@pytest.fixture
def checkpoint(
    bestuursproces: Bestuursproces, regisseur: Any, sleutel: Path, tmp_path: Path
) -> Path:
    for versie in range(3):
        services.herzie_idee(
            actor=actor_voor(regisseur),
            bestuursproces=bestuursproces,
            inhoud=IdeeInhoud(wat=f"Versie {versie}"),
        )
    uit = StringIO()
    call_command("checkpoint_gebeurtenissen", "--sleutelbestand", str(sleutel), stdout=uit)
    pad = tmp_path / "checkpoint.txt"
    pad.write_text(uit.getvalue())
    return pad


def verify(*argumenten: str) -> tuple[int, str, str]:
    uit, fout = StringIO(), StringIO()
    try:
        call_command("verify_gebeurtenissen", *argumenten, stdout=uit, stderr=fout)
    except SystemExit as einde:
        return int(einde.code or 0), uit.getvalue(), fout.getvalue()
    return 0, uit.getvalue(), fout.getvalue()


def test_ondertekend_checkpoint_klopt(checkpoint: Path, sleutel: Path) -> None:
    regel = checkpoint.read_text().split()
    assert len(regel) == 4  # uuid, volgnummer, hash, signature
    code, uit, _ = verify("--checkpoint", str(checkpoint), "--sleutelbestand", str(sleutel))
    assert code == 0
    assert "1 keten(s) bevatten het checkpoint." in uit


def test_herschreven_keten_valt_op_aan_handtekening_en_checkpoint(
    bestuursproces: Bestuursproces, checkpoint: Path, sleutel: Path
) -> None:
    herschrijf_keten(bestuursproces, vanaf=3, toelichting="Achteraf verzonnen")

    # The chain is consistent again on its own, but the rewritten events carry signatures
    # that no longer match their hashes: the first one is named.
    code, _, fout = verify("--zonder-checkpoint")
    assert code == 1
    assert f"bestuursproces {bestuursproces.uuid}, volgnummer 3: handtekening klopt niet" in fout

    # The checkpoint catches it on its own as well.
    kop = checkpoint.read_text().split()
    breuk = toets_aan_checkpoint(lees_regels(checkpoint.read_text().splitlines(), None))
    assert breuk is not None
    assert (breuk.bestuursproces, breuk.volgnummer) == (bestuursproces.uuid, int(kop[1]))
    assert "keten herschreven" in breuk.reden


def test_vervalst_checkpoint_valt_op(checkpoint: Path, sleutel: Path) -> None:
    uuid_, volgnummer, _hash, handtekening = checkpoint.read_text().split()
    checkpoint.write_text(f"{uuid_} {volgnummer} {'0' * 64} {handtekening}\n")
    code, _, fout = verify("--checkpoint", str(checkpoint), "--sleutelbestand", str(sleutel))
    assert code == 1
    assert "vervalst" in fout


def test_onondertekend_checkpoint_met_sleutel_wordt_geweigerd(
    checkpoint: Path, sleutel: Path, tmp_path: Path
) -> None:
    kaal = tmp_path / "kaal.txt"
    kaal.write_text(" ".join(checkpoint.read_text().split()[:3]) + "\n")
    # With the configured key or with the one given, an unsigned line is refused.
    for argumenten in ([], ["--sleutelbestand", str(sleutel)]):
        code, _, fout = verify("--checkpoint", str(kaal), *argumenten)
        assert code == 1
        assert "handtekening ontbreekt" in fout


def test_onleesbaar_checkpoint(checkpoint: Path, tmp_path: Path) -> None:
    rommel = tmp_path / "rommel.txt"
    rommel.write_text("dit is geen checkpoint\n")
    code, _, fout = verify("--checkpoint", str(rommel))
    assert code == 1
    assert "regel 1 is geen checkpointregel" in fout
