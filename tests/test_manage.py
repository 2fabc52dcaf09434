"""manage.py says which setting is missing instead of Django's "Models aren't loaded yet"."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

MANAGE = Path(__file__).resolve().parent.parent / "manage.py"


def test_zonder_instellingen_noemt_manage_py_wat_ontbreekt(tmp_path: Path) -> None:
    resultaat = subprocess.run(
        [sys.executable, str(MANAGE), "makemigrations", "--check", "--dry-run"],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
        # Set, so that a .env of the checkout (which make run writes) does not fill them in.
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "DEBUG": "false", "SECRET_KEY": ""},
    )

    assert resultaat.returncode == 2
    assert "SECRET_KEY is verplicht" in resultaat.stderr
    assert "DJANGO_SETTINGS_MODULE=procesregie.settings_test" in resultaat.stderr
    assert "AppRegistryNotReady" not in resultaat.stderr
