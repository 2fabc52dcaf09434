"""Requests with one Idempotency-Key at the same moment, over HTTP through the live server:
the later ones wait for the first and get its answer; the write happens once."""

from __future__ import annotations

from functools import partial
from typing import Any

from knox.models import AuthToken

from cases.models import Gebeurtenis, Notitie
from tests.factories import open_proces
from tests.procesregie._http import Antwoord, tegelijk, verstuur

RONDES = 10
TEGELIJK = 4


def _post(url: str, token: str, ronde: int, n: int) -> Antwoord:
    return verstuur(
        "POST",
        url,
        token=token,
        body={"tekst": f"Ronde {ronde}", "zichtbaarheid": "proces"},
        headers={"Idempotency-Key": f"ronde-{ronde}"},
    )


def test_een_sleutel_tegelijk_schrijft_eenmaal(live_server: Any, regisseur: Any) -> None:
    bestuursproces = open_proces(regisseur)
    token = AuthToken.objects.create(user=regisseur)[1]
    url = f"{live_server.url}/api/v1/bestuursprocessen/{bestuursproces.uuid}/notities"

    for ronde in range(RONDES):
        antwoorden = tegelijk(TEGELIJK, partial(_post, url, token, ronde))

        assert [a.status for a in antwoorden] == [201] * TEGELIJK, antwoorden
        assert len({a.tekst for a in antwoorden}) == 1
        assert Notitie.objects.filter(tekst=f"Ronde {ronde}").count() == 1

    gemaakt = Gebeurtenis.objects.filter(bestuursproces=bestuursproces, type="notitie.gemaakt")
    assert gemaakt.count() == RONDES
