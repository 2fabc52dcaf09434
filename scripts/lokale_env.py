"""Write the .env that `make run` uses: a random SECRET_KEY, the event-signing key, never DEBUG.

`make run` passes DEBUG=true to its own commands only. Whatever else runs in the checkout
(manage.py, a shell, gunicorn by hand) reads this file and gets no DEBUG, a secret key of its
own (not the public development key) and the key file that signs the event log, which the
settings require without DEBUG. An .env written by an older `make run` (with DEBUG=true)
loses that line. Run as: python scripts/lokale_env.py [PATH]
"""

from __future__ import annotations

import os
import secrets
import sys
from pathlib import Path

OUDE_KOP = "# Local development settings, written by make run."
KOP = "# Local settings, written by make run (never commit). DEBUG is set by make run itself."


def schrijf(pad: Path) -> list[str]:
    """Bring ``pad`` up to date; returns what changed, in Dutch, for the terminal."""
    gedaan: list[str] = []
    regels = pad.read_text(encoding="utf-8").splitlines() if pad.exists() else [KOP]
    if regels and regels[0] == OUDE_KOP:
        regels = [KOP, *(r for r in regels[1:] if r.strip() != "DEBUG=true")]
        gedaan.append("DEBUG=true uit .env gehaald (make run zet DEBUG zelf)")
    if not any(r.startswith("SECRET_KEY=") and r.strip() != "SECRET_KEY=" for r in regels):
        regels = [r for r in regels if r.strip() != "SECRET_KEY="]
        regels.append(f"SECRET_KEY={secrets.token_urlsafe(50)}")
        gedaan.append("willekeurige SECRET_KEY in .env gezet")
    if not any(r.startswith("GEBEURTENIS_SLEUTEL") for r in regels):
        sleutelbestand = pad.resolve().parent / ".gebeurtenis-sleutel"
        regels.append(f"GEBEURTENIS_SLEUTELBESTAND={sleutelbestand}")
        gedaan.append(f"sleutel van het gebeurtenissenlog: {sleutelbestand}")
    if gedaan:
        pad.write_text("\n".join(regels) + "\n", encoding="utf-8")
    for regel in regels:
        if regel.startswith("GEBEURTENIS_SLEUTELBESTAND="):
            _maak_sleutel(Path(regel.split("=", 1)[1].strip()))
    return gedaan


def _maak_sleutel(bestand: Path) -> None:
    """A random key, readable by its owner only; an existing key is never replaced (events
    signed with it must stay verifiable)."""
    try:
        fd = os.open(bestand, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return
    with os.fdopen(fd, "w") as uit:
        uit.write(secrets.token_hex(32) + "\n")


if __name__ == "__main__":
    for regel in schrijf(Path(sys.argv[1] if len(sys.argv) > 1 else ".env")):
        print(regel)
