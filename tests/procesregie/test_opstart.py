"""A worker makes the OpenAPI document while it starts (the API reads its documented query
parameters from it), so that no user's first request waits for it, and sets the garbage
collector for requests (procesregie/opruimen.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings

from procesregie.opruimen import VERZOEKDREMPEL

PROBEER = """
import gc, importlib, json, sys
from procesregie.api import queryparameters
voor = gc.get_threshold()
importlib.import_module(sys.argv[1])
print(json.dumps({
    "documenten": queryparameters._gedocumenteerd.cache_info().currsize,
    "drempels": [voor, gc.get_threshold()],
    "bevroren": gc.get_freeze_count(),
}))
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
    gezien = json.loads(uitkomst.stdout)
    assert gezien["documenten"] == 1
    (_jong_voor, *ouder_voor), (jong, *ouder) = gezien["drempels"]
    assert jong == VERZOEKDREMPEL
    assert ouder == ouder_voor  # only the young generation's threshold changes
    # What the worker loaded (Django, the apps, the document) is out of the collector's way.
    assert gezien["bevroren"] > 50_000
