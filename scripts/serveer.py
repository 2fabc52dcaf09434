#!/usr/bin/env python3
"""Run the web server and the background worker together, and stop them together.

    python scripts/serveer.py -- gunicorn procesregie.wsgi --bind 127.0.0.1:8000

Starts the given web server command and ``manage.py db_worker`` (django-tasks' database worker,
which makes the report jobs) beside it. Ctrl-C or SIGTERM stops both; when either stops by
itself, the other is stopped too and the exit status is that of the first, so that ``make
run`` never leaves a server without its worker or a worker without its server.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path
from types import FrameType

PROJECT = Path(__file__).resolve().parent.parent
# How long the processes get to finish after being asked to stop, before they are killed. The
# worker fails a job it was in the middle of (status mislukt, "onderbroken").
STOPTIJD = 10.0


def worker_opdracht() -> list[str]:
    return [sys.executable, str(PROJECT / "manage.py"), "db_worker", "--no-reload"]


def _stop(processen: list[subprocess.Popen[bytes]]) -> None:
    for proces in processen:
        if proces.poll() is None:
            proces.terminate()
    einde = time.monotonic() + STOPTIJD
    for proces in processen:
        try:
            proces.wait(timeout=max(einde - time.monotonic(), 0.1))
        except subprocess.TimeoutExpired:
            proces.kill()
            proces.wait()


def serveer(webserver: list[str]) -> int:
    gestopt = False

    def bij_signaal(signum: int, frame: FrameType | None) -> None:
        nonlocal gestopt
        gestopt = True

    # Set before starting the children, so that a Ctrl-C during start-up is not lost.
    signal.signal(signal.SIGINT, bij_signaal)
    signal.signal(signal.SIGTERM, bij_signaal)
    processen = [
        subprocess.Popen(webserver, cwd=PROJECT),
        subprocess.Popen(worker_opdracht(), cwd=PROJECT),
    ]
    try:
        while not gestopt:
            for proces in processen:
                if proces.poll() is not None:
                    naam = "webserver" if proces is processen[0] else "worker"
                    print(f"serveer: de {naam} is gestopt ({proces.returncode}); alles stopt.")
                    return proces.returncode or 1
            time.sleep(0.2)
        return 0
    finally:
        _stop(processen)


def main(argumenten: list[str]) -> int:
    if "--" not in argumenten or argumenten.index("--") == len(argumenten) - 1:
        print(__doc__, file=sys.stderr)
        return 2
    return serveer(argumenten[argumenten.index("--") + 1 :])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
