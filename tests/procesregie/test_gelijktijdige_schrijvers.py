"""Eight clients writing at once over HTTP, through the live server: on the embedded SQLite
(WAL, BEGIN IMMEDIATE, a busy timeout) as on PostgreSQL, every write succeeds and has its
event, and the chain holds."""

from __future__ import annotations

from typing import Any

from knox.models import AuthToken

from cases import services
from cases.events import verifieer_keten
from cases.models import Bestuursproces, Gebeurtenis, Notitie
from tests.factories import GebruikerFactory, actor_voor, open_proces

from ._http import Antwoord, tegelijk, verstuur

DRADEN = 8
PER_DRAAD = 100


def _schrijvers(bestuursproces: Bestuursproces, regisseur: Any) -> list[tuple[Any, str]]:
    """DRADEN kernteam members of the case, each with an API token."""
    schrijvers = []
    for n in range(DRADEN):
        gebruiker: Any = GebruikerFactory(username=f"schrijver{n}")
        services.voeg_lid_toe(
            actor=actor_voor(regisseur),
            bestuursproces=bestuursproces,
            gebruiker=gebruiker,
            rol="kernteam",
        )
        schrijvers.append((gebruiker, AuthToken.objects.create(user=gebruiker)[1]))
    return schrijvers


def test_acht_schrijvers_tegelijk_over_http(live_server: Any, regisseur: Any) -> None:
    bestuursproces = open_proces(regisseur)
    schrijvers = _schrijvers(bestuursproces, regisseur)
    voor = bestuursproces.gebeurtenissen.count()
    url = f"{live_server.url}/api/v1/bestuursprocessen/{bestuursproces.uuid}/notities"

    def schrijf(n: int) -> list[Antwoord]:
        """PER_DRAAD notities one after the other; the answers that were not 201."""
        token = schrijvers[n][1]
        mislukt = []
        for i in range(PER_DRAAD):
            body = {"tekst": f"Notitie {i} van schrijver {n}", "zichtbaarheid": "proces"}
            antwoord = verstuur("POST", url, token=token, body=body)
            if antwoord.status != 201:
                mislukt.append(antwoord)
        return mislukt

    assert tegelijk(DRADEN, schrijf) == [[]] * DRADEN

    totaal = voor + DRADEN * PER_DRAAD
    volgnummers = list(
        Gebeurtenis.objects.filter(bestuursproces=bestuursproces)
        .order_by("volgnummer")
        .values_list("volgnummer", flat=True)
    )
    assert volgnummers == list(range(1, totaal + 1))
    gemaakt = Gebeurtenis.objects.filter(bestuursproces=bestuursproces, type="notitie.gemaakt")
    assert gemaakt.count() == DRADEN * PER_DRAAD
    for gebruiker, _ in schrijvers:
        assert gemaakt.filter(actor=gebruiker).count() == PER_DRAAD
        assert Notitie.objects.filter(auteur=gebruiker).count() == PER_DRAAD
    assert verifieer_keten(bestuursproces) is None
