"""Racing PATCHes with the same If-Match, over HTTP through the live server: exactly one
wins, the others get 412 and change nothing (the check runs under the case lock)."""

from __future__ import annotations

from functools import partial
from typing import Any

from knox.models import AuthToken

from cases.models import Gebeurtenis
from tests.cases.api.register import speler
from tests.factories import open_proces

from ._http import Antwoord, tegelijk, verstuur

RONDES = 5
TEGELIJK = 4


def _patch(adres: str, token: str, etag: str, ronde: int, n: int) -> Antwoord:
    return verstuur(
        "PATCH",
        adres,
        token=token,
        body={"belang": f"Ronde {ronde}, schrijver {n}"},
        headers={"If-Match": etag},
    )


def test_van_gelijke_if_match_wint_er_een(live_server: Any, regisseur: Any) -> None:
    bestuursproces = open_proces(regisseur)
    partij = speler(bestuursproces, regisseur)
    token = AuthToken.objects.create(user=regisseur)[1]
    adres = (
        f"{live_server.url}/api/v1/bestuursprocessen/{bestuursproces.uuid}/spelers/{partij.uuid}"
    )

    for ronde in range(RONDES):
        etag = verstuur("GET", adres, token=token).headers["ETag"]
        voor = Gebeurtenis.objects.filter(bestuursproces=bestuursproces).count()

        antwoorden = tegelijk(TEGELIJK, partial(_patch, adres, token, etag, ronde))

        assert sorted(a.status for a in antwoorden) == [200] + [412] * (TEGELIJK - 1)
        [winnaar] = [a for a in antwoorden if a.status == 200]
        assert Gebeurtenis.objects.filter(bestuursproces=bestuursproces).count() == voor + 1
        nu = verstuur("GET", adres, token=token)
        assert nu.json()["belang"] == winnaar.json()["belang"]
        assert nu.headers["ETag"] == winnaar.headers["ETag"]
