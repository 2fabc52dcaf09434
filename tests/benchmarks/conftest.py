"""Benchmarks that build their case with committed writes use a transactional database; its
flush at the end needs the event table's triggers lifted (see tests/_transactioneel.py)."""

from tests._transactioneel import _onveranderlijk_na_afloop, transactional_db  # noqa: F401
