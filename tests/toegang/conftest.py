from __future__ import annotations

from typing import Any

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _lege_cache() -> Any:
    """The token endpoint's throttle counts in the cache; every test starts from zero."""
    cache.clear()
    yield
    cache.clear()
