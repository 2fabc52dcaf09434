"""Raw SQL against the event table (tamper and immutability tests), and the replay helpers."""

from __future__ import annotations

from typing import Any

from django.db import connection

from cases import selectors
from cases.events import herbouw
from cases.models import Bestuursproces, Gebeurtenis


def rauw_bijwerken(
    bestuursproces: Bestuursproces, volgnummer: int, kolom: str, waarde: Any
) -> None:
    """UPDATE one column of one event with raw SQL, bypassing the ORM (as an attacker would)."""
    assert kolom in {f.column for f in Gebeurtenis._meta.concrete_fields}
    plaatshouder = "%s::jsonb" if kolom == "payload" and connection.vendor == "postgresql" else "%s"
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE cases_gebeurtenis SET {kolom} = {plaatshouder} "
            "WHERE bestuursproces_id = %s AND volgnummer = %s",
            [waarde, bestuursproces.pk, volgnummer],
        )
        assert cursor.rowcount == 1


def _toestand(
    bestuursproces: Bestuursproces, zichtbaar: frozenset[str] | None = None
) -> dict[str, Any]:
    """The case read from its tables, as a viewer at ``zichtbaar`` sees it (default: all)."""
    vers = Bestuursproces.objects.get(pk=bestuursproces.pk)
    if zichtbaar is None:
        return selectors.huidige_toestand(vers)
    return selectors.huidige_toestand(vers, zichtbaar)


def _herbouwd(
    bestuursproces: Bestuursproces, zichtbaar: frozenset[str] | None = None
) -> dict[str, Any] | None:
    """The case rebuilt from its log, folding only what ``zichtbaar`` may see (default: all)."""
    return herbouw(selectors.gebeurtenissen(bestuursproces), zichtbaar)
