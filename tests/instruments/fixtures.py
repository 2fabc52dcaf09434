"""The catalogue from the book as a pytest fixture, for any test package.

Use it elsewhere by importing it into that package's conftest.py::

    from tests.instruments.fixtures import catalogus  # noqa: F401
"""

from __future__ import annotations

import pytest

from instruments.services import Verslag, laad_catalogus


@pytest.fixture
def catalogus(db: None) -> Verslag:
    """The whole catalogue (fixtures/catalogus.json) loaded through ``laad_catalogus``."""
    return laad_catalogus()
