"""The admin in a real browser needs live_server: a transactional database with the event
table's triggers lifted for the flush only (see tests/_transactioneel.py), and no database
session of the live server's threads left behind (see tests/statuspagina/conftest.py)."""

from tests._transactioneel import _onveranderlijk_na_afloop, transactional_db  # noqa: F401
from tests.statuspagina.conftest import _geen_sessies_van_de_live_server_over  # noqa: F401
