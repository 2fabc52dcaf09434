#!/usr/bin/env python3
"""Run a command against a throw-away PostgreSQL cluster in a temporary directory.

    python scripts/met_postgres.py -- pytest -q

Starts a cluster from the machine's PostgreSQL binaries (``PG_BINDIR``, ``pg_config --bindir``
or ``/usr/lib/postgresql/<n>/bin``), on a free port on 127.0.0.1, runs the command, stops the
cluster and removes the directory. The server refuses to run as root, so as root the cluster
runs as the ``postgres`` system user.

The cluster has the two roles of a production installation (cases/rollen.py): the owner
``procesregie_eigenaar``, who creates the database and migrates (``DATABASE_URL_EIGENAAR``),
and the app role ``procesregie_app``, which owns nothing (``DATABASE_URL``). Here the owner is
also a superuser: it stands for whoever has full access to the database, the attacker the
event log's signatures and checkpoints are for.

Without binaries: exit 2 when ``CI`` is true (the PostgreSQL run is mandatory there),
otherwise a loud warning and exit 0.
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path


def _bindir() -> Path | None:
    kandidaten = [os.environ.get("PG_BINDIR", "")]
    with contextlib.suppress(OSError, subprocess.CalledProcessError):
        kandidaten.append(
            subprocess.run(
                ["pg_config", "--bindir"], capture_output=True, text=True, check=True
            ).stdout.strip()
        )
    kandidaten += sorted(
        glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(p.split("/")[-2]), reverse=True
    )
    for kandidaat in kandidaten:
        if (
            kandidaat
            and (Path(kandidaat) / "initdb").exists()
            and (Path(kandidaat) / "pg_ctl").exists()
        ):
            return Path(kandidaat)
    return None


def _vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def cluster(bindir: Path) -> Iterator[str]:
    als_root = os.geteuid() == 0
    prefix = ["runuser", "-u", "postgres", "--"] if als_root else []
    basis = Path(tempfile.mkdtemp(prefix="procesregie-pg-"))
    data = basis / "data"
    if als_root:
        pw = pwd.getpwnam("postgres")
        os.chown(basis, pw.pw_uid, pw.pw_gid)
    poort = _vrije_poort()
    try:
        subprocess.run(
            [
                *prefix,
                str(bindir / "initdb"),
                "-D",
                str(data),
                "-U",
                "postgres",
                "--auth=trust",
                "--encoding=UTF8",
                "--locale=C.UTF-8",
                "--no-sync",
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        opties = (
            f"-p {poort} -c listen_addresses=127.0.0.1 -c unix_socket_directories={basis} "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
            "-c max_connections=60"
        )
        subprocess.run(
            [
                *prefix,
                str(bindir / "pg_ctl"),
                "-D",
                str(data),
                "-l",
                str(basis / "server.log"),
                "-o",
                opties,
                "-w",
                "-t",
                "60",
                "start",
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        try:
            _maak_rollen(bindir, poort)
            yield f"127.0.0.1:{poort}"
        finally:
            subprocess.run(
                [*prefix, str(bindir / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"],
                check=False,
                stdout=subprocess.DEVNULL,
            )
    finally:
        shutil.rmtree(basis, ignore_errors=True)


EIGENAAR = "procesregie_eigenaar"
APP = "procesregie_app"
DATABASE = "procesregie"


def _maak_rollen(bindir: Path, poort: int) -> None:
    sql = (
        f"CREATE ROLE {EIGENAAR} LOGIN SUPERUSER;"
        f"CREATE ROLE {APP} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT;"
        f"CREATE DATABASE {DATABASE} OWNER {EIGENAAR};"
    )
    psql = [str(bindir / "psql"), "-X", "-q", "-h", "127.0.0.1", "-p", str(poort), "-U"]
    for statement in sql.split(";")[:-1]:
        subprocess.run(
            [*psql, "postgres", "-d", "postgres", "-v", "ON_ERROR_STOP=1", "-c", statement],
            check=True,
            stdout=subprocess.DEVNULL,
        )


def main(argv: list[str]) -> int:
    if "--" in argv:
        argv = argv[argv.index("--") + 1 :]
    if not argv:
        print("gebruik: met_postgres.py -- <commando> [argumenten]", file=sys.stderr)
        return 2
    bindir = _bindir()
    if bindir is None:
        ci = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
        balk = "!" * 78
        print(
            f"\n{balk}\n!! PostgreSQL-binaries niet gevonden: de PostgreSQL-testrun is "
            f"{'VERPLICHT in CI en MISLUKT' if ci else 'OVERGESLAGEN'}.\n"
            f"!! Installeer ze (apt-get install postgresql) of zet PG_BINDIR.\n{balk}\n",
            file=sys.stderr,
        )
        return 2 if ci else 0
    with cluster(bindir) as adres:
        omgeving = {
            **os.environ,
            "DATABASE_URL": f"postgres://{APP}@{adres}/{DATABASE}",
            "DATABASE_URL_EIGENAAR": f"postgres://{EIGENAAR}@{adres}/{DATABASE}",
        }
        print(
            f"PostgreSQL-testcluster uit {bindir} draait op {adres}: de app als {APP}, "
            f"migraties als {EIGENAAR}",
            file=sys.stderr,
        )
        return subprocess.run(argv, env=omgeving, check=False).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
