"""The generated client of an older version of the OpenAPI document does not stay in the
temporary directory for ever (``tests/cases/api/_client.ruim_op``)."""

from __future__ import annotations

import os
import time
from pathlib import Path

from ._client import ONGEBRUIKT, VOORVOEGSEL, ruim_op


def _versie(map_: Path, naam: str, geleden: float) -> Path:
    pakket = map_ / f"{VOORVOEGSEL}{naam}"
    (pakket / "procesregie_client").mkdir(parents=True)
    slot = pakket / ".slot"
    slot.write_text("")
    moment = time.time() - geleden
    os.utime(slot, (moment, moment))
    return pakket


def test_alleen_een_lang_ongebruikte_andere_versie_gaat_weg(tmp_path: Path) -> None:
    huidig = _versie(tmp_path, "huidig", 3 * ONGEBRUIKT)  # in use now, whatever its age
    oud = _versie(tmp_path, "oud", 2 * ONGEBRUIKT)
    recent = _versie(tmp_path, "recent", ONGEBRUIKT / 2)  # another checkout may use it
    ander = tmp_path / "iets-anders"
    ander.mkdir()

    ruim_op(huidig)

    assert huidig.exists()
    assert not oud.exists()
    assert recent.exists()
    assert ander.exists()
