"""A worker makes the OpenAPI document while it starts (the API reads its documented query
parameters from it), so that no user's first request waits for it."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.conf import settings

PROBEER = """
import importlib, sys
from procesregie.api import queryparameters
importlib.import_module(sys.argv[1])
print(queryparameters._gedocumenteerd.cache_info().currsize)
"""


@pytest.mark.databaseonafhankelijk
@pytest.mark.parametrize("ingang", ["procesregie.wsgi", "procesregie.asgi"])
def test_het_document_is_er_voor_het_eerste_verzoek(ingang: str) -> None:
    omgeving = {**os.environ, "DJANGO_SETTINGS_MODULE": "procesregie.settings_test"}
    uitkomst = subprocess.run(
        [sys.executable, "-c", PROBEER, ingang],
        cwd=settings.BASE_DIR,
        env=omgeving,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    assert uitkomst.stdout.strip() == "1"
