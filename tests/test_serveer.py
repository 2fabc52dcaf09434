"""scripts/serveer.py (make run): the web server and the worker start and stop together.

The supervisor runs as it does under make run, in its own process; the web server and the
worker are stand-ins that write their process id and sleep, so that the test can see they are
gone afterwards.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "serveer.py"


def _slaper(pidbestand: Path, code: int | None = None, na: Path | None = None) -> list[str]:
    """A stand-in process: writes its pid, then sleeps (or exits with ``code``, once ``na``
    exists: a web server that stops before the worker has even started proves nothing)."""
    wacht = (
        f"[time.sleep(0.05) for _ in range(400) "
        f"if not (os.path.exists({str(na)!r}) and os.path.getsize({str(na)!r}))]; "
        if na is not None
        else ""
    )
    einde = f"{wacht}sys.exit({code})" if code is not None else "time.sleep(60)"
    programma = (
        f"import os, sys, time; open({str(pidbestand)!r}, 'w').write(str(os.getpid())); {einde}"
    )
    return [sys.executable, "-c", programma]


def _start(tmp_path: Path, webserver_code: int | None = None) -> subprocess.Popen[bytes]:
    worker = _slaper(tmp_path / "worker.pid")
    webserver = _slaper(tmp_path / "web.pid", webserver_code, na=tmp_path / "worker.pid")
    opstart = (
        "import importlib.util, sys\n"
        f"spec = importlib.util.spec_from_file_location('serveer', {str(SCRIPT)!r})\n"
        "m = importlib.util.module_from_spec(spec)\n"
        "spec.loader.exec_module(m)\n"
        f"m.worker_opdracht = lambda: {worker!r}\n"
        "sys.exit(m.serveer(sys.argv[1:]))\n"
    )
    return subprocess.Popen([sys.executable, "-c", opstart, *webserver])


def _wacht_op(pad: Path) -> int:
    for _ in range(200):
        if pad.exists() and pad.read_text():
            return int(pad.read_text())
        time.sleep(0.05)
    raise AssertionError(f"{pad.name} is nooit geschreven")


def _leeft(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def _wacht_tot_weg(pid: int) -> bool:
    for _ in range(200):
        if not _leeft(pid):
            return True
        time.sleep(0.05)
    return False


def test_ctrl_c_stopt_de_webserver_en_de_worker(tmp_path: Path) -> None:
    supervisor = _start(tmp_path)
    web, worker = _wacht_op(tmp_path / "web.pid"), _wacht_op(tmp_path / "worker.pid")

    supervisor.send_signal(signal.SIGINT)

    assert supervisor.wait(timeout=20) == 0
    assert _wacht_tot_weg(web)
    assert _wacht_tot_weg(worker)


def test_stopt_de_webserver_dan_stopt_de_worker_ook(tmp_path: Path) -> None:
    supervisor = _start(tmp_path, webserver_code=3)
    worker = _wacht_op(tmp_path / "worker.pid")

    assert supervisor.wait(timeout=20) == 3
    assert _wacht_tot_weg(worker)


def test_zonder_opdracht_legt_het_script_uit_hoe_het_werkt() -> None:
    resultaat = subprocess.run(
        [sys.executable, str(SCRIPT)], capture_output=True, text=True, check=False
    )

    assert resultaat.returncode == 2
    assert "db_worker" in resultaat.stderr
