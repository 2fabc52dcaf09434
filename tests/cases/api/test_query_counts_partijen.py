"""Every list and detail endpoint of the parties (organisaties, spelers, opdrachtgevers),
notes, krachtenveld, wyber-stappen and the tijdlijn runs a fixed number of queries, whatever
the data size. (The case, its idee, stadia, events and members: test_query_counts.)

How each endpoint is measured: _query_counts.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection

from cases import services
from cases.models import Bestuursproces, Instemming, Opdrachtgever, Optie, Speler, WyberStap
from tests.factories import actor_voor, consolideer_stap, open_proces

from ._query_counts import GROOTTES, PAGINA, Eindpunt, meet, pagina
from .helpers import client_voor, proces_url
from .register import (
    NIVEAUS,
    beoordeel_opdrachtgever,
    beoordeel_speler,
    besluit,
    consolideer,
    fase,
    instemming_url,
    opdrachtgever,
    optie,
    optie_url,
    organisatie,
    speler,
    stap,
    stap_url,
    url,
)


def proces_met_organisaties(regisseur: Any, n: int) -> Bestuursproces:
    proces = open_proces(regisseur, met_idee=False)
    for nummer in range(n):
        organisatie(proces, regisseur, f"Organisatie {nummer:02}")
    return proces


def laatste_organisatie_url(regisseur: Any, n: int) -> str:
    proces = proces_met_organisaties(regisseur, n)
    laatste = proces.organisaties.order_by("-naam").first()
    assert laatste is not None
    return url(laatste)


def proces_met_spelers(regisseur: Any, n: int) -> Bestuursproces:
    """n spelers, each of an organisatie, each with one assessment per visibility level."""
    proces = open_proces(regisseur, met_idee=False)
    for nummer in range(n):
        partij = speler(
            proces,
            regisseur,
            f"Speler {nummer:02}",
            organisatie=organisatie(proces, regisseur, f"O{nummer}"),
        )
        for niveau in NIVEAUS:
            beoordeel_speler(partij, regisseur, zichtbaarheid=niveau, toelichting=niveau)
    return proces


def proces_met_opdrachtgevers(regisseur: Any, n: int) -> Bestuursproces:
    """n opdrachtgevers, each of an organisatie, each with one assessment per level."""
    proces = open_proces(regisseur, met_idee=False)
    for nummer in range(n):
        partij = opdrachtgever(
            proces,
            regisseur,
            f"Opdrachtgever {nummer:02}",
            organisatie=organisatie(proces, regisseur, f"O{nummer}"),
        )
        for niveau in NIVEAUS:
            beoordeel_opdrachtgever(partij, regisseur, zichtbaarheid=niveau, toelichting=niveau)
    return proces


def partij_met_beoordelingen(regisseur: Any, n: int, soort: str) -> Speler | Opdrachtgever:
    """One speler or opdrachtgever with n assessments (of every level) and n betrokkenheid
    changes (afwachten and aanhaken in turn), beside another party with the same."""
    proces = open_proces(regisseur, met_idee=False)
    partijen = []
    for naam in ("Gemeten", "Ernaast"):
        if soort == "speler":
            partij: Any = speler(
                proces, regisseur, naam, organisatie=organisatie(proces, regisseur, naam)
            )
        else:
            partij = opdrachtgever(
                proces, regisseur, naam, organisatie=organisatie(proces, regisseur, naam)
            )
        for nummer in range(n):
            niveau = NIVEAUS[nummer % 3]
            if soort == "speler":
                beoordeel_speler(partij, regisseur, zichtbaarheid=niveau, toelichting=f"{nummer}")
            else:
                beoordeel_opdrachtgever(
                    partij, regisseur, zichtbaarheid=niveau, toelichting=f"{nummer}"
                )
            services.wijzig_betrokkenheid(
                actor=actor_voor(regisseur),
                partij=partij,
                actie="afwachten" if nummer % 2 == 0 else "aanhaken",
                reden=f"Reden {nummer}",
            )
        partijen.append(partij)
    return partijen[0]


def proces_met_notities(regisseur: Any, n: int) -> Bestuursproces:
    """n notes at every level, in turn about the case, a speler and an opdrachtgever."""
    proces = open_proces(regisseur, met_idee=False)
    over: list[dict[str, Any]] = [
        {},
        {"speler": speler(proces, regisseur)},
        {"opdrachtgever": opdrachtgever(proces, regisseur)},
    ]
    for nummer in range(n):
        services.maak_notitie(
            actor=actor_voor(regisseur),
            bestuursproces=proces,
            tekst=f"Notitie {nummer}",
            zichtbaarheid=NIVEAUS[nummer % 3],
            **over[nummer % 3],
        )
    return proces


def proces_met_stappen(regisseur: Any, n: int) -> Bestuursproces:
    """n steps: settled ones (with consolidatie and a consent) and open ones in turn."""
    proces = open_proces(regisseur, met_idee=False)
    for nummer in range(n):
        if nummer % 2 == 0:
            consolideer_stap(proces, regisseur, doel=f"Stap {nummer}")
        else:
            optie(stap(proces, regisseur, f"Stap {nummer}"), regisseur)
    return proces


def stap_met_partijen(regisseur: Any, n: int) -> WyberStap:
    """A step in consolideren with n options (one gekozen, one merged into it, the rest
    verworpen, each from a speler or opdrachtgever in turn) and n parties yet to consent
    (spelers and opdrachtgevers in turn); beside it another step."""
    proces = open_proces(regisseur, met_idee=False)
    stap(proces, regisseur, "Ernaast")
    wyberstap = stap(proces, regisseur)
    partijen: list[Speler | Opdrachtgever] = [
        speler(proces, regisseur, f"Partij {nummer:02}")
        if nummer % 2 == 0
        else opdrachtgever(proces, regisseur, f"Partij {nummer:02}")
        for nummer in range(n)
    ]
    opties = [
        optie(
            wyberstap,
            regisseur,
            f"Optie {nummer:02}",
            **{"speler" if isinstance(p, Speler) else "opdrachtgever": p},
        )
        for nummer, p in enumerate(partijen)
    ]
    fase(wyberstap, regisseur, "convergeren")
    besluit(opties[0], regisseur)
    for nummer, andere in enumerate(opties[1:]):
        if nummer == 0:
            besluit(andere, regisseur, "samengevoegd", samengevoegd_in=opties[0])
        else:
            besluit(andere, regisseur, "verworpen", reden="Nee")
    fase(wyberstap, regisseur, "consolideren")
    consolideer(wyberstap, regisseur, partijen)
    return wyberstap


def laatste_optie_url(regisseur: Any, n: int) -> str:
    laatste = Optie.objects.filter(stap=stap_met_partijen(regisseur, n)).order_by("-id").first()
    assert laatste is not None
    return optie_url(laatste)


def laatste_instemming_url(regisseur: Any, n: int) -> str:
    wyberstap = stap_met_partijen(regisseur, n)
    laatste = Instemming.objects.filter(stap=wyberstap).order_by("-id").first()
    assert laatste is not None
    return instemming_url(laatste)


def proces_met_gestarte_stappen(regisseur: Any, n: int) -> Bestuursproces:
    proces = open_proces(regisseur, met_idee=False)
    for nummer in range(n):
        stap(proces, regisseur, f"Stap {nummer}")
    return proces


def controleer_stap(body: dict[str, Any], n: int) -> None:
    assert body["fase"] == "consolideren"
    assert len(body["ontbrekend"]) == n


def controleer_optie(body: dict[str, Any], n: int) -> None:
    assert body["titel"] == f"Optie {n - 1:02}"
    assert body["status"] == ("gekozen" if n == 1 else "samengevoegd" if n == 2 else "verworpen")


def controleer_consolidatie(body: dict[str, Any], n: int) -> None:
    assert len(body["instemmingen"]) == n


def controleer_instemming(body: dict[str, Any], n: int) -> None:
    assert body["naam"] == f"Partij {n - 1:02}"


def controleer_huidige_beoordeling(body: dict[str, Any], n: int) -> None:
    assert body["huidigeBeoordeling"]["toelichting"] == f"{n - 1}"
    assert body["organisatie"] is not None


def controleer_krachtenveld(body: dict[str, Any], n: int) -> None:
    assert sum(len(groep["partijen"]) for groep in body["groepen"]) == n


def controleer_organisatie(body: dict[str, Any], n: int) -> None:
    assert body["naam"] == f"Organisatie {n - 1:02}"


EINDPUNTEN = {
    # 1 the case with mijnRol, 2 count, 3 the page.
    "organisaties": Eindpunt(
        lambda r, n: proces_url(proces_met_organisaties(r, n), "/organisaties"), 3, pagina(0)
    ),
    # 1 the case with mijnRol, 2 the organisatie.
    "organisaties/{uuid}": Eindpunt(laatste_organisatie_url, 2, controleer_organisatie),
    # 1 the case with mijnRol, 2 count, 3 the page with organisaties, 4 the assessments of the
    # page that I may see, with their authors.
    "spelers": Eindpunt(
        lambda r, n: proces_url(proces_met_spelers(r, n), "/spelers"), 4, pagina(0)
    ),
    # 1 the case with mijnRol, 2 the speler with its organisatie, 3 its assessments I may see.
    "spelers/{uuid}": Eindpunt(
        lambda r, n: url(partij_met_beoordelingen(r, n, "speler")),
        3,
        controleer_huidige_beoordeling,
    ),
    # 1 the case with mijnRol, 2 the speler, 3 count, 4 the page with their authors.
    "spelers/{uuid}/beoordelingen": Eindpunt(
        lambda r, n: url(partij_met_beoordelingen(r, n, "speler"), "/beoordelingen"), 4, pagina(0)
    ),
    # 1 the case with mijnRol, 2 the speler, 3 count, 4 the page with who made each change.
    "spelers/{uuid}/betrokkenheid": Eindpunt(
        lambda r, n: url(partij_met_beoordelingen(r, n, "speler"), "/betrokkenheid"),
        4,
        pagina(0),
    ),
    # 1 the case with mijnRol, 2 count, 3 the page with organisaties, 4 the assessments of the
    # page that I may see, with their authors.
    "opdrachtgevers": Eindpunt(
        lambda r, n: proces_url(proces_met_opdrachtgevers(r, n), "/opdrachtgevers"), 4, pagina(0)
    ),
    # 1 the case with mijnRol, 2 the opdrachtgever with its organisatie, 3 its assessments I
    # may see.
    "opdrachtgevers/{uuid}": Eindpunt(
        lambda r, n: url(partij_met_beoordelingen(r, n, "opdrachtgever")),
        3,
        controleer_huidige_beoordeling,
    ),
    # 1 the case with mijnRol, 2 the opdrachtgever, 3 count, 4 the page with their authors.
    "opdrachtgevers/{uuid}/beoordelingen": Eindpunt(
        lambda r, n: url(partij_met_beoordelingen(r, n, "opdrachtgever"), "/beoordelingen"),
        4,
        pagina(0),
    ),
    # 1 the case with mijnRol, 2 the opdrachtgever, 3 count, 4 the page with who made each.
    "opdrachtgevers/{uuid}/betrokkenheid": Eindpunt(
        lambda r, n: url(partij_met_beoordelingen(r, n, "opdrachtgever"), "/betrokkenheid"),
        4,
        pagina(0),
    ),
    # 1 the case with mijnRol, 2 count, 3 the page of notes I may see with authors and parties.
    "notities": Eindpunt(
        lambda r, n: proces_url(proces_met_notities(r, n), "/notities"), 3, pagina(0)
    ),
    # "Now" from the tables: the case with mijnRol, whether anything happened after now, the
    # case row afresh, the
    # last volgnummer, the besluitmomenten, the spelers and the opdrachtgevers, each with only
    # its latest visible assessment (a windowed prefetch).
    "krachtenveld": Eindpunt(
        lambda r, n: proces_url(proces_met_spelers(r, n), "/krachtenveld"),
        8,
        controleer_krachtenveld,
    ),
    # 1 the case with mijnRol, 2 the count, 3 the page of shifts with their events, 4 the
    # names of the page's parties (the tijdlijn's read model, in SQL).
    "krachtenveld/verschuivingen": Eindpunt(
        lambda r, n: proces_url(proces_met_spelers(r, n), "/krachtenveld/verschuivingen"),
        4,
        # Per speler, only the first assessment (null → voorstander) shifts its standpunt.
        pagina(0),
    ),
    # 1 the case with mijnRol, 2 count, 3 the page with heropent and consolidatie, 4 the
    # options of the page, 5 the consents of the page with their parties.
    "wyberstappen": Eindpunt(
        lambda r, n: proces_url(proces_met_stappen(r, n), "/wyberstappen"), 5, pagina(0)
    ),
    # 1 the case with mijnRol, 2 the step with heropent and consolidatie, 3 its options, 4 its
    # consents with their parties.
    "wyberstappen/{uuid}": Eindpunt(
        lambda r, n: stap_url(stap_met_partijen(r, n)), 4, controleer_stap
    ),
    # 1 the case with mijnRol, 2 the step, 3 count, 4 the page with parties and merge targets.
    "wyberstappen/{uuid}/opties": Eindpunt(
        lambda r, n: stap_url(stap_met_partijen(r, n), "/opties"), 4, pagina(0)
    ),
    # 1 the case with mijnRol, 2 the step, 3 the option with its party and merge target.
    "wyberstappen/{uuid}/opties/{uuid}": Eindpunt(laatste_optie_url, 3, controleer_optie),
    # 1 the case with mijnRol, 2 the step, 3 the step with its consolidatie and who made it,
    # 4 the consents with their parties.
    "wyberstappen/{uuid}/consolidatie": Eindpunt(
        lambda r, n: stap_url(stap_met_partijen(r, n), "/consolidatie"),
        4,
        controleer_consolidatie,
    ),
    # 1 the case with mijnRol, 2 the step, 3 count, 4 the page with their parties.
    "wyberstappen/{uuid}/instemmingen": Eindpunt(
        lambda r, n: stap_url(stap_met_partijen(r, n), "/instemmingen"), 4, pagina(0)
    ),
    # 1 the case with mijnRol, 2 the step, 3 the consent with its party.
    "wyberstappen/{uuid}/instemmingen/{uuid}": Eindpunt(
        laatste_instemming_url, 3, controleer_instemming
    ),
    # 1 the case with mijnRol, 2 the count, 3 the page of items with their events (the read
    # model, in SQL; only the page is told). The opening is on the tijdlijn too (the case is
    # opened without an idee).
    "tijdlijn": Eindpunt(
        lambda r, n: proces_url(proces_met_gestarte_stappen(r, n), "/tijdlijn"), 3, pagina(1)
    ),
}


@pytest.mark.parametrize("n", GROOTTES)
@pytest.mark.parametrize("naam", list(EINDPUNTEN))
def test_vast_aantal_queries(regisseur, django_assert_num_queries, naam, n):
    meet(EINDPUNTEN[naam], regisseur, n, django_assert_num_queries)


@pytest.mark.parametrize("n", GROOTTES)
def test_een_notitie_maken_kost_een_vast_aantal_queries(
    regisseur: Any, django_assert_num_queries: Any, n: int
) -> None:
    proces = proces_met_notities(regisseur, n)
    client = client_voor(regisseur)

    # In the request's transaction (a savepoint in the test's): the case with my role, locked
    # (the service takes that row and runs in this transaction), then the chain head moved,
    # the event, the note, the tijdlijn's item and its count; release. On PostgreSQL the head,
    # the event, the note and the tijdlijn's rows are one statement (cases/events/voorbereid.py
    # and bundel.py): 4 round trips instead of 8.
    with django_assert_num_queries(4 if connection.vendor == "postgresql" else 8):
        antwoord = client.post(
            proces_url(proces, "/notities"),
            {"tekst": "Na het gesprek", "zichtbaarheid": "kernteam"},
            format="json",
        )

    assert antwoord.status_code == 201, antwoord.content
    # The new note is on the list's last page (oldest first), as the answer gave it.
    laatste = -(-(n + 1) // PAGINA)
    lijst = client.get(proces_url(proces, f"/notities?page={laatste}")).json()
    assert lijst["results"][-1] == antwoord.json()
