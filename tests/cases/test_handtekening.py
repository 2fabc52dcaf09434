"""Signed events, automatic checkpoints in a directory, events from before signing, and a
production that refuses to start without the key (issue 12 §7)."""

from __future__ import annotations

import os
import subprocess
import sys
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.db import transaction

from cases import services
from cases.events import handtekening
from cases.events.checkpoint import OngeldigCheckpoint
from cases.events.checkpointmap import laatste_checkpoint, lees_checkpointbestand, neem_checkpoint
from cases.models import Bestuursproces, Gebeurtenis
from cases.services.idee import IdeeInhoud
from tests._rollen import til_onveranderlijkheid_op
from tests.factories import actor_voor


@pytest.fixture
def checkpointmap(settings: Any, tmp_path: Path) -> Path:
    settings.GEBEURTENIS_CHECKPOINT_MAP = tmp_path / "checkpoints"
    return Path(settings.GEBEURTENIS_CHECKPOINT_MAP)


def _herzie(bestuursproces: Bestuursproces, regisseur: Any, wat: str) -> None:
    services.herzie_idee(
        actor=actor_voor(regisseur), bestuursproces=bestuursproces, inhoud=IdeeInhoud(wat=wat)
    )


def verify(*argumenten: str) -> tuple[int, str, str]:
    uit, fout = StringIO(), StringIO()
    try:
        call_command("verify_gebeurtenissen", *argumenten, stdout=uit, stderr=fout)
    except SystemExit as einde:
        return int(einde.code or 0), uit.getvalue(), fout.getvalue()
    return 0, uit.getvalue(), fout.getvalue()


def test_elke_gebeurtenis_is_ondertekend_met_de_sleutel(bestuursproces: Bestuursproces) -> None:
    sleutel = handtekening.sleutel()
    gebeurtenissen = list(bestuursproces.gebeurtenissen.all())
    assert gebeurtenissen
    for gebeurtenis in gebeurtenissen:
        assert gebeurtenis.handtekening == handtekening.handtekening_van(gebeurtenis.hash, sleutel)
        assert handtekening.klopt(gebeurtenis, sleutel)
        # Under another key the same event does not verify.
        assert not handtekening.klopt(gebeurtenis, b"een-andere-sleutel-" * 3)


def test_sleutel_uit_de_omgeving_gaat_voor(settings: Any) -> None:
    settings.GEBEURTENIS_SLEUTEL = "s" * 40
    assert handtekening.sleutel() == b"s" * 40
    settings.GEBEURTENIS_SLEUTEL = "te-kort"
    with pytest.raises(Exception, match="te kort"):
        handtekening.sleutel()


def test_ontwikkelmachine_maakt_een_sleutelbestand(settings: Any, tmp_path: Path) -> None:
    settings.DEBUG = True
    settings.GEBEURTENIS_SLEUTEL = ""
    settings.GEBEURTENIS_SLEUTELBESTAND = str(tmp_path / "sleutel")
    eerste = handtekening.sleutel()
    assert len(eerste) == 64
    assert (tmp_path / "sleutel").stat().st_mode & 0o777 == 0o600
    handtekening._sleutel.cache_clear()
    assert handtekening.sleutel() == eerste  # kept, never replaced


def test_productie_start_niet_zonder_sleutel(tmp_path: Path) -> None:
    omgeving = {
        k: v for k, v in os.environ.items() if not k.startswith(("GEBEURTENIS_", "DJANGO_"))
    }
    omgeving.update(DEBUG="false", SECRET_KEY="x" * 50)
    start = [sys.executable, "-c", "import procesregie.settings"]
    fout = subprocess.run(
        start, env=omgeving, cwd=django_settings.BASE_DIR, capture_output=True, text=True
    )
    assert fout.returncode != 0
    assert "GEBEURTENIS_SLEUTEL of GEBEURTENIS_SLEUTELBESTAND is verplicht" in fout.stderr
    sleutel = tmp_path / "sleutel"
    sleutel.write_text("k" * 64)
    goed = subprocess.run(
        start,
        env={**omgeving, "GEBEURTENIS_SLEUTELBESTAND": str(sleutel)},
        cwd=django_settings.BASE_DIR,
        capture_output=True,
        text=True,
    )
    assert goed.returncode == 0, goed.stderr


def test_checkpoint_na_elke_n_gebeurtenissen(
    bestuursproces: Bestuursproces,
    regisseur: Any,
    checkpointmap: Path,
    settings: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    settings.GEBEURTENIS_CHECKPOINT_ELKE = 2
    with django_capture_on_commit_callbacks(execute=True):
        for versie in range(4):
            _herzie(bestuursproces, regisseur, f"Versie {versie}")
    nieuw = list(bestuursproces.gebeurtenissen.order_by("volgnummer"))[-4:]
    verwacht = sum(1 for g in nieuw if g.pk % 2 == 0)
    bestanden = sorted(checkpointmap.glob("checkpoint-*.txt"))
    assert len(bestanden) == verwacht == 2
    assert all(b.stat().st_mode & 0o222 == 0 for b in bestanden)  # read-only
    kop = lees_checkpointbestand(bestanden[-1], handtekening.sleutel())
    # The callbacks ran after the last commit here, so each saw the chain's final head.
    assert [(k.bestuursproces, k.volgnummer, k.hash) for k in kop] == [
        (bestuursproces.uuid, nieuw[-1].volgnummer, nieuw[-1].hash)
    ]


def test_geen_automatisch_checkpoint_als_het_uit_staat(
    bestuursproces: Bestuursproces,
    regisseur: Any,
    checkpointmap: Path,
    settings: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    settings.GEBEURTENIS_CHECKPOINT_ELKE = 0
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        _herzie(bestuursproces, regisseur, "Zonder checkpoint")
    assert callbacks == []
    assert laatste_checkpoint() is None


def test_een_lange_transactie_houdt_alleen_de_beurten_van_een_checkpoint_vast(
    bestuursproces: Bestuursproces,
    regisseur: Any,
    checkpointmap: Path,
    settings: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    """Whether an event takes a checkpoint is decided once it is written: a transaction that
    appends many keeps a callback for the N-th ones only, none holding an event."""
    settings.GEBEURTENIS_CHECKPOINT_ELKE = 3
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        for versie in range(6):
            _herzie(bestuursproces, regisseur, f"Versie {versie}")
    nieuw = list(bestuursproces.gebeurtenissen.order_by("volgnummer"))[-6:]
    beurten = sum(1 for g in nieuw if g.pk % 3 == 0)  # six ids in a row: two
    assert len(callbacks) == beurten == 2
    assert len(sorted(checkpointmap.glob("checkpoint-*.txt"))) == 2
    for callback in callbacks:
        waarden = [c.cell_contents for c in callback.__closure__ or ()]
        assert not any(isinstance(w, Gebeurtenis) for w in waarden)


def test_verify_gebruikt_het_laatste_checkpoint(
    bestuursproces: Bestuursproces, regisseur: Any, checkpointmap: Path
) -> None:
    code, uit, _ = verify()
    assert code == 0
    assert f"GEEN CHECKPOINT in {checkpointmap}" in uit

    eerste = neem_checkpoint()
    _herzie(bestuursproces, regisseur, "Later")
    tweede = call_command_uit("checkpoint_gebeurtenissen", "--opslaan")
    assert tweede.startswith("Checkpoint opgeslagen: ")
    laatste = laatste_checkpoint()
    assert laatste is not None
    assert laatste != eerste
    assert str(laatste) in tweede

    code, uit, _ = verify()
    assert code == 0
    assert f"Laatste checkpoint: {laatste}" in uit
    assert "1 keten(s) bevatten het checkpoint." in uit


def call_command_uit(*argumenten: str) -> str:
    uit = StringIO()
    call_command(*argumenten, stdout=uit)
    return uit.getvalue()


@pytest.mark.parametrize("knoeien", ["regel-weg", "slot-weg", "hash-anders"])
def test_gewijzigd_checkpointbestand_valt_op(
    bestuursproces: Bestuursproces, checkpointmap: Path, knoeien: str
) -> None:
    pad = neem_checkpoint()
    regels = pad.read_text().splitlines()
    if knoeien == "regel-weg":
        regels = [regels[0], regels[-1]]
    elif knoeien == "slot-weg":
        regels = regels[:-1]
    else:
        uuid_, volgnummer, _, hmac_ = regels[1].split()
        regels[1] = f"{uuid_} {volgnummer} {'0' * 64} {hmac_}"
    pad.chmod(0o640)
    pad.write_text("\n".join(regels) + "\n")
    with pytest.raises(OngeldigCheckpoint):
        lees_checkpointbestand(pad, handtekening.sleutel())
    code, _, fout = verify()
    assert code == 1
    assert "CHECKPOINT ONBRUIKBAAR" in fout


def _maak_ononderteken(bestuursproces: Bestuursproces) -> None:
    """Turn the case's events into events from before signing existed (as an upgrade
    leaves them); the triggers are lifted for this test's transaction only."""
    til_onveranderlijkheid_op()
    Gebeurtenis.objects.filter(bestuursproces=bestuursproces).update(handtekening=None)


def test_gebeurtenissen_van_voor_de_ondertekening_tellen_mee_onder_een_checkpoint(
    bestuursproces: Bestuursproces, regisseur: Any, checkpointmap: Path
) -> None:
    _maak_ononderteken(bestuursproces)
    oud = bestuursproces.gebeurtenissen.count()
    code, uit, _ = verify()
    assert code == 0
    assert f"0 gebeurtenis(sen) met een geldige handtekening, {oud} zonder" in uit
    assert "GEEN CHECKPOINT" in uit

    neem_checkpoint()
    _herzie(bestuursproces, regisseur, "Na de invoering van handtekeningen")
    code, uit, _ = verify()
    assert code == 0, uit
    assert f"1 gebeurtenis(sen) met een geldige handtekening, {oud} zonder" in uit
    assert "1 keten(s) bevatten het checkpoint." in uit


def test_ononderteken_gebeurtenis_buiten_het_checkpoint_valt_op(
    bestuursproces: Bestuursproces, regisseur: Any, checkpointmap: Path
) -> None:
    """Without signatures in a chain, an event beyond the checkpoint has no one vouching
    for it: it was added by someone without the key."""
    _herzie(bestuursproces, regisseur, "Nog niet in het checkpoint")
    kop = bestuursproces.gebeurtenissen.order_by("-volgnummer").first()
    assert kop is not None
    _maak_ononderteken(bestuursproces)
    Gebeurtenis.objects.filter(pk=kop.pk).delete()
    neem_checkpoint()
    kop.pk = None
    kop.handtekening = None
    kop.save(force_insert=True)

    code, _, fout = verify()
    assert code == 1
    assert (
        f"bestuursproces {bestuursproces.uuid}, volgnummer {kop.volgnummer}: gebeurtenis "
        "zonder handtekening die het checkpoint niet dekt"
    ) in fout
