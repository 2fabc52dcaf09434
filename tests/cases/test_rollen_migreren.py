"""``migrate`` and ``createcachetable`` connect as the owner (DATABASE_URL_EIGENAAR) and then
return the connection to the app role's settings (cases/rollen.py)."""

from __future__ import annotations

from typing import Any

from django.db import connections

from cases.rollen import als_eigenaar


def test_als_eigenaar_wisselt_alleen_de_inlog_en_zet_hem_terug(settings: Any) -> None:
    # No database is touched: only who would connect, and to which database.
    instellingen = connections["default"].settings_dict
    voor = dict(instellingen)
    settings.DATABASE_URL_EIGENAAR = "postgres://eigenaar:geheim@db.intern:5433/anders"
    with als_eigenaar("default"):
        assert (instellingen["USER"], instellingen["PASSWORD"]) == ("eigenaar", "geheim")
        assert (instellingen["HOST"], instellingen["PORT"]) == ("db.intern", 5433)
        assert instellingen["NAME"] == voor["NAME"]  # the same database, another role
        assert "assume_role" not in instellingen["OPTIONS"]
    assert dict(instellingen) == voor


def test_zonder_eigenaar_blijft_alles_zoals_het_is(settings: Any) -> None:
    instellingen = connections["default"].settings_dict
    voor = dict(instellingen)
    settings.DATABASE_URL_EIGENAAR = ""
    with als_eigenaar("default"):
        assert dict(instellingen) == voor
