"""Werkelijke tijd as properties, with hypothesis.

1. A history entered in any order tells the same story as the same history entered in the
   order it happened: of a random valid history entered in a random order, every fact that is
   accepted leaves the case exactly as entering those same facts in world-time order does; a
   refused fact writes nothing.
2. ``bekend_op`` gives exactly what was answered then: after every write the momentopname is
   noted with the recording moment, and folding with ``bekend_op`` at that moment later gives
   the same answer again.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from cases import selectors, services
from cases.events import verifieer_keten
from cases.exceptions import DomainError
from cases.models import Bestuursproces, Gebeurtenis, Speler
from cases.services.partijen import ACTIES
from tests.cases.services._hulp import alle_rijen
from tests.factories import actor_voor

AMS = ZoneInfo("Europe/Amsterdam")
BEGIN = dt.datetime(2016, 1, 4, 9, tzinfo=AMS)
NAMEN = ("Boerenvereniging", "Energiecoöperatie", "Waterschap")
STANDPUNTEN = ("voorstander", "tegenstander", "afwachtend")

# A fact: (day after the opening, kind, party index, value). Days are distinct, so that the
# world-time order of a history is one order.
feit = st.tuples(
    st.integers(30, 1800),
    st.sampled_from(("beoordeling", "notitie", "betrokkenheid")),
    st.integers(0, len(NAMEN) - 1),
    st.integers(0, 3),
)


def _geldig_in_wereldvolgorde(feiten: list[tuple[int, Any, int, int]]) -> list[tuple[Any, ...]]:
    """Keep the betrokkenheid actions that are possible in world-time order, as (day, kind,
    party, value) with the action's name as value."""
    stand = dict.fromkeys(range(len(NAMEN)), "nog_te_betrekken")
    result: list[tuple[Any, ...]] = []
    for dag, soort, partij, waarde in sorted(feiten):
        if soort == "betrokkenheid":
            actie = list(ACTIES)[waarde % len(ACTIES)]
            naar, vanaf = ACTIES[actie]
            if stand[partij] not in vanaf:
                continue
            stand[partij] = naar
            result.append((dag, soort, partij, actie))
        else:
            result.append((dag, soort, partij, waarde))
    return result


def _open(regisseur: Any) -> tuple[Bestuursproces, list[Speler]]:
    actor = actor_voor(regisseur)
    proces = services.open_bestuursproces(
        actor=actor, titel="Windpark", rol_gemeente="initierend", aanpak="cyclisch", tijdstip=BEGIN
    )
    spelers = [
        services.registreer_speler(
            actor=actor,
            bestuursproces=proces,
            naam=naam,
            soort="groep",
            veld="verbindende",
            rol_in_proces="sleutelpersoon",
            tijdstip=BEGIN + dt.timedelta(hours=1),
        )
        for naam in NAMEN
    ]
    return proces, spelers


def _leg_vast(regisseur: Any, spelers: list[Speler], f: tuple[Any, ...]) -> None:
    dag, soort, partij, waarde = f
    actor = actor_voor(regisseur)
    moment = BEGIN + dt.timedelta(days=dag)
    speler = Speler.objects.get(pk=spelers[partij].pk)
    if soort == "beoordeling":
        services.beoordeel_speler(
            actor=actor,
            speler=speler,
            standpunt=STANDPUNTEN[waarde % len(STANDPUNTEN)],
            macht="blokkademacht",
            invloed=3,
            vertrouwen=3,
            tijdstip=moment,
        )
    elif soort == "notitie":
        services.maak_notitie(
            actor=actor,
            bestuursproces=speler.bestuursproces,
            tekst=f"Dag {dag}",
            zichtbaarheid="proces",
            speler=speler,
            tijdstip=moment,
        )
    else:
        services.wijzig_betrokkenheid(
            actor=actor, partij=speler, actie=waarde, reden=f"Dag {dag}", tijdstip=moment
        )


def _verhaal(proces: Bestuursproces, **opties: Any) -> Any:
    """The momentopname now, without what differs between two cases (uuids, volgnummers)."""
    staat = selectors.momentopname(proces, dt.datetime.now(tz=AMS), **opties)
    assert staat is not None
    return {
        "spelers": [
            (
                s["naam"],
                s["betrokkenheid"],
                (s["huidigeBeoordeling"] or {}).get("standpunt"),
                (s["huidigeBeoordeling"] or {}).get("tijdstip"),
            )
            for s in staat["spelers"]
        ],
        "notities": [(n["tekst"], n["tijdstip"]) for n in staat["notities"]],
    }


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    feiten=st.lists(feit, min_size=1, max_size=8, unique_by=lambda f: f[0]),
    data=st.data(),
)
def test_elke_volgorde_vertelt_hetzelfde_verhaal(
    regisseur: Any, feiten: list[tuple[Any, ...]], data: Any
) -> None:
    geschiedenis = _geldig_in_wereldvolgorde(feiten)
    volgorde = data.draw(st.permutations(geschiedenis))

    proces, spelers = _open(regisseur)
    aanvaard: list[tuple[Any, ...]] = []
    antwoorden = []
    for f in volgorde:
        rijen = alle_rijen()
        try:
            _leg_vast(regisseur, spelers, f)
        except DomainError:
            assert alle_rijen() == rijen  # a refused fact writes nothing
            event("een feit geweigerd")
            continue
        if aanvaard and f < max(aanvaard):
            event("een feit later ingevoerd dan een later gebeurd feit")
        aanvaard.append(f)
        laatste = Gebeurtenis.objects.filter(bestuursproces=proces).latest("volgnummer")
        antwoorden.append((laatste.geregistreerd, _verhaal(proces)))

    controle, controlespelers = _open(regisseur)
    for f in sorted(aanvaard):
        _leg_vast(regisseur, controlespelers, f)

    assert _verhaal(proces) == _verhaal(controle)
    assert verifieer_keten(proces) is None
    for geregistreerd, antwoord in antwoorden:
        assert _verhaal(proces, bekend_op=geregistreerd) == antwoord
