from tests._transactioneel import _onveranderlijk_na_afloop, transactional_db  # noqa: F401
