"""The PDF of the report laid out in a child process with a memory limit and a time limit.

WeasyPrint's memory grows with the document (about 1.5 GB for the report of a case with
13,000 events), and a process cannot be made to give such memory back. In a child process
the limit is enforced by the kernel (``RLIMIT_AS``), a runaway layout takes only the child
down, and the worker's own memory stays that of one HTML page.

Run as ``python -m cases.exports.pdfproces HTML PDF MEGABYTES``; it imports nothing from
Django, so the child starts in a fraction of a second. Exit status 3 means out of memory.
"""

from __future__ import annotations

import errno
import resource
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

GEEN_GEHEUGEN = 3
# The project root, so that ``-m`` finds this module wherever the worker was started.
PROJECT = Path(__file__).resolve().parents[2]
# Signals by which a process under RLIMIT_AS dies when a C library cannot allocate (abort,
# a null pointer) or by which the kernel's OOM killer ends it.
GEHEUGENSIGNALEN = frozenset({signal.SIGABRT, signal.SIGSEGV, signal.SIGKILL, signal.SIGBUS})


@dataclass(frozen=True)
class Uitkomst:
    gelukt: bool
    geheugen: bool = False
    te_lang: bool = False
    melding: str = ""


def maak_pdf(html: Path, pdf: Path, *, geheugen_mb: int, seconden: float) -> Uitkomst:
    """Lay out ``html`` into ``pdf`` in a child process; what went wrong if it did not work.

    On failure ``pdf`` may hold part of a file: the caller owns the folder and throws it away.
    """
    opdracht = [sys.executable, "-m", __name__, str(html), str(pdf), str(geheugen_mb)]
    try:
        proces = subprocess.run(
            opdracht, capture_output=True, timeout=seconden, check=False, cwd=PROJECT
        )
    except subprocess.TimeoutExpired:
        return Uitkomst(gelukt=False, te_lang=True)
    melding = proces.stderr.decode("utf-8", "replace")[-2000:]
    if proces.returncode == 0:
        return Uitkomst(gelukt=True)
    geheugen = (
        proces.returncode == GEEN_GEHEUGEN
        or -proces.returncode in GEHEUGENSIGNALEN
        or any(teken in melding for teken in ("MemoryError", "Cannot allocate memory"))
    )
    return Uitkomst(gelukt=False, geheugen=geheugen, melding=melding)


def _geen_netwerk(url: str, *args: Any, **kwargs: Any) -> NoReturn:
    raise ValueError(f"Het evaluatierapport haalt niets van buiten op ({url}).")


def _hoofd(argumenten: list[str]) -> int:
    html, pdf, geheugen_mb = Path(argumenten[0]), Path(argumenten[1]), int(argumenten[2])
    grens = geheugen_mb * 2**20
    resource.setrlimit(resource.RLIMIT_AS, (grens, grens))
    try:
        from weasyprint import HTML

        HTML(string=html.read_text("utf-8"), url_fetcher=_geen_netwerk).write_pdf(pdf)
    except MemoryError:
        return GEEN_GEHEUGEN
    except OSError as fout:  # a library that cannot be mapped under the limit
        if fout.errno == errno.ENOMEM:
            return GEEN_GEHEUGEN
        raise
    return 0


if __name__ == "__main__":
    sys.exit(_hoofd(sys.argv[1:]))
