"""A fresh in-memory file storage per test, so that each test sees only the files it made."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.storage import default_storage


@pytest.fixture(autouse=True)
def lege_opslag(settings: Any) -> None:
    # Assigning STORAGES makes Django drop its storage instances (setting_changed).
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }


def opgeslagen_bestanden() -> list[str]:
    """The report files in the storage, by name."""
    try:
        return sorted(default_storage.listdir("exports")[1])
    except FileNotFoundError:
        return []
