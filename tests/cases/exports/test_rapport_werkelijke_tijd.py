"""The report counts durations in world time: days per stadium, per wyber-stap, of betrokkenheid
and between standpunt shifts, for a process whose history was entered long after it happened."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any
from zoneinfo import ZoneInfo

from cases import services
from cases.models import Bestuursproces
from tests.cases.services.test_werkelijke_tijd import aangesloten_speler, geconsolideerde_stap
from tests.factories import actor_voor

from .conftest import exporteer

AMS = ZoneInfo("Europe/Amsterdam")


def dagen(van: dt.datetime, tot: dt.datetime) -> str:
    """Calendar days between two moments, as the report counts them."""
    return str((tot.date() - van.date()).days)


def op(jaar: int, maand: int, dag: int) -> dt.datetime:
    return dt.datetime(jaar, maand, dag, 10, tzinfo=AMS)


def rijen(html: str, kop: str) -> list[list[str]]:
    """The rows of the first table after the heading ``kop``, as cell texts."""
    deel = html.split(kop, 1)[1].split("</table>", 1)[0]
    return [
        [re.sub(r"<[^>]+>", "", cel).strip() for cel in re.findall(r"<td>(.*?)</td>", rij, re.S)]
        for rij in re.findall(r"<tr[^>]*>(.*?)</tr>", deel, re.S)
        if "<td>" in rij
    ]


def test_duur_in_werkelijke_tijd(regisseur: Any) -> None:
    actor = actor_voor(regisseur)
    proces: Bestuursproces = services.open_bestuursproces(
        actor=actor,
        titel="Windpark Noordpolder",
        rol_gemeente="initierend",
        aanpak="cyclisch",
        tijdstip=op(2016, 3, 1),
    )
    speler = aangesloten_speler(actor, proces, "Boerenvereniging", op(2016, 3, 15))
    geconsolideerde_stap(actor, proces, speler, op(2016, 6, 1))
    services.wijzig_stadium(
        actor=actor,
        bestuursproces=proces,
        naar="houdbaar",
        toelichting="Rond",
        tijdstip=op(2017, 1, 10),
    )
    for standpunt, moment in (("tegenstander", op(2016, 4, 1)), ("voorstander", op(2016, 12, 1))):
        services.beoordeel_speler(
            actor=actor,
            speler=speler,
            standpunt=standpunt,
            macht="blokkademacht",
            invloed=3,
            vertrouwen=3,
            tijdstip=moment,
        )
    services.wijzig_betrokkenheid(
        actor=actor, partij=speler, actie="afwachten", reden="Oogsttijd", tijdstip=op(2017, 8, 1)
    )

    html = exporteer(proces, "html", "procesregisseur").decode("utf-8")

    stadia = {rij[0].split()[0]: rij for rij in rijen(html, 'id="stadia"')}
    assert stadia["Voorstelbaar"][1] == "1 maart 2016"
    assert stadia["Voorstelbaar"][2] == dagen(op(2016, 3, 1), op(2017, 1, 10))
    assert stadia["Houdbaar"][1] == "10 januari 2017"
    stap = rijen(html, 'id="wyberstappen"')[0]
    assert stap[3] == "1 juni 2016"
    # Started on 1 June; the formal decision dated 4 June settled it: 3 calendar days.
    assert stap[4] == "3"
    verschuivingen = rijen(html, 'id="krachtenveld"')
    standpunten = [rij for rij in verschuivingen if rij[2] == "standpunt"]
    assert [rij[5] for rij in standpunten] == ["—", dagen(op(2016, 4, 1), op(2016, 12, 1))]
    perioden = rijen(html, "Betrokkenheid in de tijd")
    assert perioden[0][:4] == ["Boerenvereniging", "Aangehaakt", "15 maart 2016", "1 augustus 2017"]
    assert perioden[0][4] == dagen(op(2016, 3, 15), op(2017, 8, 1))
    assert perioden[1][1] == "Afwachtend"
    assert perioden[1][3] == "nu"
