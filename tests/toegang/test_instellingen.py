"""Production settings: `check --deploy` is clean, the public key and a published DEBUG are
refused. Each case starts Django in its own process with its own environment."""

from __future__ import annotations

import importlib.util
import os
import secrets
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

BASIS = Path(settings.BASE_DIR)
_spec = importlib.util.spec_from_file_location("lokale_env", BASIS / "scripts" / "lokale_env.py")
assert _spec is not None
assert _spec.loader is not None
lokale_env = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(lokale_env)


def _django(*argumenten: str, **omgeving: str) -> subprocess.CompletedProcess[str]:
    env = {
        "PATH": os.environ.get("PATH", ""),
        "DJANGO_SETTINGS_MODULE": "procesregie.settings",
        "DATABASE_URL": "sqlite:///:memory:",
        # The checkout's .env (written by make run) must not decide these tests: what is set
        # here, even empty, wins over it.
        "DEBUG": "false",
        "SECRET_KEY": "",
        "HOST": "127.0.0.1",
        "ALLOWED_HOSTS": "",
        # Production needs the key that signs events, kept outside the database.
        "GEBEURTENIS_SLEUTEL": secrets.token_urlsafe(32),
        **omgeving,
    }
    return subprocess.run(
        [sys.executable, "manage.py", *argumenten],
        cwd=BASIS,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_check_deploy_zonder_waarschuwingen() -> None:
    uitkomst = _django(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="procesregie.gemeente.example",
    )

    assert uitkomst.returncode == 0, uitkomst.stdout + uitkomst.stderr
    assert "System check identified no issues" in uitkomst.stdout


def test_productie_weigert_de_openbare_ontwikkelsleutel() -> None:
    for sleutel in ("django-insecure-alleen-voor-lokale-ontwikkeling", "django-insecure-x" * 4):
        uitkomst = _django("check", SECRET_KEY=sleutel, ALLOWED_HOSTS="example.nl")

        assert uitkomst.returncode != 0
        assert "openbare ontwikkelsleutel" in uitkomst.stderr


def test_productie_weigert_zonder_sleutel() -> None:
    uitkomst = _django("check", ALLOWED_HOSTS="example.nl")

    assert uitkomst.returncode != 0
    assert "SECRET_KEY is verplicht" in uitkomst.stderr


def test_debug_alleen_op_deze_machine() -> None:
    sleutel = secrets.token_urlsafe(50)
    naar_buiten = _django("check", DEBUG="true", HOST="0.0.0.0", SECRET_KEY=sleutel)
    lokaal = _django("check", DEBUG="true", HOST="127.0.0.1", SECRET_KEY=sleutel)

    assert naar_buiten.returncode != 0
    assert "HOST=0.0.0.0" in naar_buiten.stderr
    assert lokaal.returncode == 0, lokaal.stderr


def test_make_run_weigert_een_adres_buiten_deze_machine() -> None:
    if shutil.which("make") is None:
        pytest.skip("make ontbreekt")
    for host in ("0.0.0.0", "192.0.2.7"):
        uitkomst = subprocess.run(
            ["make", "--no-print-directory", "alleen-lokaal", f"HOST={host}"],
            cwd=BASIS,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert uitkomst.returncode != 0
        assert "alleen voor deze machine" in uitkomst.stdout


def test_make_run_staat_loopback_toe() -> None:
    if shutil.which("make") is None:
        pytest.skip("make ontbreekt")
    uitkomst = subprocess.run(
        ["make", "--no-print-directory", "alleen-lokaal", "HOST=127.0.0.1"],
        cwd=BASIS,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert uitkomst.returncode == 0, uitkomst.stdout


def test_de_lokale_env_krijgt_een_willekeurige_sleutel_en_geen_debug(tmp_path: Path) -> None:
    een, twee = tmp_path / "een.env", tmp_path / "twee.env"

    lokale_env.schrijf(een)
    lokale_env.schrijf(twee)

    inhoud = een.read_text()
    assert "DEBUG" not in inhoud.replace("DEBUG is set by make run itself", "")
    [sleutel] = [r.split("=", 1)[1] for r in inhoud.splitlines() if r.startswith("SECRET_KEY=")]
    assert len(sleutel) >= 50
    assert sleutel != twee.read_text().split("SECRET_KEY=")[1].strip()
    assert lokale_env.schrijf(een) == []  # a second run changes nothing
    assert een.read_text() == inhoud


def test_manage_py_werkt_met_de_lokale_env(tmp_path: Path) -> None:
    """After make run, manage.py in the checkout reads the .env it wrote: no DEBUG, and yet
    its own secret key and the key file that signs the event log, made beside it."""
    env_bestand = tmp_path / ".env"
    lokale_env.schrijf(env_bestand)
    sleutelbestand = tmp_path / ".gebeurtenis-sleutel"
    assert f"GEBEURTENIS_SLEUTELBESTAND={sleutelbestand}" in env_bestand.read_text()
    assert sleutelbestand.stat().st_mode & 0o777 == 0o600
    sleutel = sleutelbestand.read_text()
    lokale_env.schrijf(env_bestand)
    assert sleutelbestand.read_text() == sleutel  # never replaced: old events stay verifiable
    omgeving = dict(
        line.split("=", 1) for line in env_bestand.read_text().splitlines() if "=" in line
    )

    uitkomst = _django(
        "makemigrations", "--check", "--dry-run", **(omgeving | {"GEBEURTENIS_SLEUTEL": ""})
    )

    assert uitkomst.returncode == 0, uitkomst.stdout + uitkomst.stderr
    assert "No changes detected" in uitkomst.stdout


def test_een_oude_lokale_env_verliest_debug(tmp_path: Path) -> None:
    pad = tmp_path / ".env"
    pad.write_text("# Local development settings, written by make run.\nDEBUG=true\n")

    lokale_env.schrijf(pad)

    regels = pad.read_text().splitlines()
    assert "DEBUG=true" not in regels
    assert any(r.startswith("SECRET_KEY=") and len(r) > 60 for r in regels)


def test_een_eigen_env_houdt_zijn_sleutel(tmp_path: Path) -> None:
    pad = tmp_path / ".env"
    pad.write_text("SECRET_KEY=mijn-eigen-geheime-sleutel\nDATABASE_URL=sqlite:///x\n")

    # Only the event log's key file is added; the own key and settings stay as they were.
    [toegevoegd] = lokale_env.schrijf(pad)
    assert "gebeurtenissenlog" in toegevoegd
    assert pad.read_text() == (
        "SECRET_KEY=mijn-eigen-geheime-sleutel\nDATABASE_URL=sqlite:///x\n"
        f"GEBEURTENIS_SLEUTELBESTAND={tmp_path / '.gebeurtenis-sleutel'}\n"
    )
    assert lokale_env.schrijf(pad) == []
