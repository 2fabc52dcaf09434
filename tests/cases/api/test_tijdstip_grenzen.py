"""Moments asked for in a query stay within the years a case can have: no 500 at the ends of
the calendar, where converting to UTC or Dutch time overflows."""

from __future__ import annotations

from typing import Any

import pytest

from .helpers import assert_probleem, proces_url


@pytest.mark.parametrize(
    ("suffix", "parameter"),
    [
        ("/positioneringen/huidig", "tijdstip"),
        ("/momentopname", "tijdstip"),
        ("/krachtenveld", "tijdstip"),
        ("/tijdlijn", "tot"),
        ("/krachtenveld/verschuivingen", "van"),
    ],
)
@pytest.mark.parametrize("waarde", ["0001-01-01T00:00:00", "9999-12-31T23:59:59-12:00"])
def test_tijdstip_aan_de_rand_van_de_kalender(
    regisseur_api: Any, bestuursproces: Any, suffix: str, parameter: str, waarde: str
) -> None:
    response = regisseur_api.get(proces_url(bestuursproces, suffix), {parameter: waarde})

    body = assert_probleem(response, 400)
    assert parameter in {p["name"] for p in body["invalidParams"]}
