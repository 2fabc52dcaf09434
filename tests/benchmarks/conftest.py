"""Benchmarks that build their case with committed writes use a transactional database; its
flush at the end needs the event table's triggers lifted (see tests/_transactioneel.py).

They measure in a process set up as a server's worker is (procesregie/werker.py: the OpenAPI
document made, the garbage collector set for requests), the references in the same one."""

import pytest

from procesregie import werker
from tests._transactioneel import _onveranderlijk_na_afloop, transactional_db  # noqa: F401


@pytest.fixture(scope="session", autouse=True)
def als_een_werker(django_db_setup: None) -> None:
    werker.start()
