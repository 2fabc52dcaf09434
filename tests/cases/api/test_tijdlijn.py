"""/bestuursprocessen/{uuid}/tijdlijn: what happened, told from the event log, per viewer."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from cases import services
from cases.models import Bestuursproces, Instemming, Stadiumovergang
from tests.factories import actor_voor, open_proces

from .helpers import absoluut, client_voor, fouten, proces_url
from .register import (
    instemming_url,
    optie_url,
    speler,
    stap_url,
    url,
)

# Depends on today's date: also run at awkward moments (tests/lastige_momenten.py).
pytestmark = pytest.mark.datumgevoelig

# One day per event, so that van/tot can cut between them.
DAG = [dt.datetime(2026, 2, 1, 9, 0, tzinfo=dt.UTC) + dt.timedelta(days=n) for n in range(40)]


def tijdlijn_url(proces: Bestuursproces) -> str:
    return absoluut(proces_url(proces, "/tijdlijn"))


def alles(client: Any, proces: Bestuursproces, **query: str) -> list[dict[str, Any]]:
    """Every item of the tijdlijn, page after page."""
    items: list[dict[str, Any]] = []
    volgende: str | None = tijdlijn_url(proces)
    eerste = True
    while volgende:
        body = client.get(volgende, query if eerste else None).json()
        eerste = False
        items += body["results"]
        volgende = body["next"]
    return items


@pytest.fixture
def verhaal(regisseur: Any) -> dict[str, Any]:
    """A case told day by day: parties, a step with three options through consolidation with
    three parties, a stadium move, a party dropping out, and a reopening."""
    actor = actor_voor(regisseur)
    dag = iter(DAG)
    proces = open_proces(regisseur, met_idee=False, tijdstip=next(dag))
    jan = services.registreer_speler(
        actor=actor,
        bestuursproces=proces,
        naam="Jan van Houten",
        soort="persoon",
        veld="verbindende",
        rol_in_proces="sleutelpersoon",
        tijdstip=next(dag),
    )
    corporatie = services.registreer_speler(
        actor=actor,
        bestuursproces=proces,
        naam="Havenwonen",
        soort="groep",
        veld="uitvoerende",
        rol_in_proces="betrokkene",
        tijdstip=next(dag),
    )
    wethouder = services.registreer_opdrachtgever(
        actor=actor,
        bestuursproces=proces,
        naam="Wethouder Ruimte",
        rol="bestuurlijk_opdrachtgever",
        tijdstip=next(dag),
    )
    services.wijzig_betrokkenheid(
        actor=actor, partij=jan, actie="aansluiten", reden="Wil meedenken", tijdstip=next(dag)
    )
    wyberstap = services.start_wyberstap(
        actor=actor, bestuursproces=proces, doel="Waar komt de brug?", tijdstip=next(dag)
    )
    oost, west, geen = (
        services.breng_optie_in(actor=actor, stap=wyberstap, tijdstip=next(dag), **velden)
        for velden in (
            {"titel": "Oostelijke route", "speler": jan},
            {"titel": "Westelijke route", "opdrachtgever": wethouder},
            {"titel": "Geen brug"},
        )
    )
    services.wijzig_fase(actor=actor, stap=wyberstap, naar="convergeren", tijdstip=next(dag))
    services.besluit_over_optie(actor=actor, optie=oost, status="gekozen", tijdstip=next(dag))
    services.besluit_over_optie(
        actor=actor, optie=west, status="verworpen", reden="Te duur", tijdstip=next(dag)
    )
    services.besluit_over_optie(
        actor=actor, optie=geen, status="samengevoegd", samengevoegd_in=oost, tijdstip=next(dag)
    )
    services.wijzig_fase(actor=actor, stap=wyberstap, naar="consolideren", tijdstip=next(dag))
    services.consolideer(
        actor=actor,
        stap=wyberstap,
        uitkomst="consensus",
        tekst="De brug komt aan de oostkant.",
        instemmers=[jan, corporatie, wethouder],
        tijdstip=next(dag),
    )
    i_jan, _, i_wethouder = Instemming.objects.filter(stap=wyberstap).order_by("id")
    services.leg_instemming_vast(
        actor=actor,
        instemming=i_jan,
        status="ingestemd_onder_voorbehoud",
        voorbehoud="Eerst de buurt",
        tijdstip=next(dag),
    )
    services.wijzig_instemmers(
        actor=actor,
        stap=wyberstap,
        verwijderen=[corporatie],
        reden="Betaalt niet mee",
        tijdstip=next(dag),
    )
    for instemming in (i_jan, i_wethouder):
        services.leg_instemming_vast(
            actor=actor,
            instemming=instemming,
            status="ingestemd",
            formeel_besloten=True,
            besluitreferentie="B-1",
            tijdstip=next(dag),
        )
    services.wijzig_stadium(
        actor=actor,
        bestuursproces=proces,
        naar="houdbaar",
        toelichting="Brug afgesproken",
        tijdstip=next(dag),
    )
    services.wijzig_betrokkenheid(
        actor=actor,
        partij=jan,
        actie="afhaken",
        reden="Voelt zich niet gehoord",
        tijdstip=next(dag),
    )
    services.heropen_wyberstap(
        actor=actor, stap=wyberstap, reden="Jan haakte af", tijdstip=next(dag)
    )
    return {
        "proces": proces,
        "jan": jan,
        "wethouder": wethouder,
        "stap": wyberstap,
        "opties": (oost, west, geen),
        "instemmingen": (i_jan, i_wethouder),
        "dag": next(dag),
    }


def test_tijdlijn_vertelt_het_verhaal(regisseur, verhaal):
    proces = verhaal["proces"]
    wyberstap = verhaal["stap"]
    oost, west, geen = verhaal["opties"]
    i_jan, i_wethouder = verhaal["instemmingen"]
    tweede = wyberstap.heropeningen.get()
    overgang = Stadiumovergang.objects.get(bestuursproces=proces)

    items = alles(client_voor(regisseur), proces)

    assert [(i["soort"], i["omschrijving"], i["url"]) for i in items] == [
        ("bestuursproces.geopend", "Bestuursproces geopend: Herinrichting Havenkwartier", None),
        (
            "speler.betrokkenheid_gewijzigd",
            "Jan van Houten sloot aan: Wil meedenken",
            url(verhaal["jan"], "/betrokkenheid"),
        ),
        ("wyberstap.gestart", "Stap 1 gestart: Waar komt de brug?", stap_url(wyberstap)),
        (
            "optie.ingebracht",
            "Optie 'Oostelijke route' ingebracht in stap 1 door Jan van Houten",
            optie_url(oost),
        ),
        (
            "optie.ingebracht",
            "Optie 'Westelijke route' ingebracht in stap 1 door Wethouder Ruimte",
            optie_url(west),
        ),
        ("optie.ingebracht", "Optie 'Geen brug' ingebracht in stap 1", optie_url(geen)),
        ("wyberstap.fase_gewijzigd", "Stap 1 naar convergeren", stap_url(wyberstap)),
        ("optie.besloten", "Optie 'Oostelijke route' gekozen", optie_url(oost)),
        ("optie.besloten", "Optie 'Westelijke route' verworpen: Te duur", optie_url(west)),
        (
            "optie.besloten",
            "Optie 'Geen brug' samengevoegd in 'Oostelijke route'",
            optie_url(geen),
        ),
        ("wyberstap.fase_gewijzigd", "Stap 1 naar consolideren", stap_url(wyberstap)),
        (
            "consolidatie.vastgelegd",
            "Consolidatie van stap 1 vastgelegd (consensus): De brug komt aan de oostkant. "
            "(instemming nodig van Jan van Houten, Havenwonen en Wethouder Ruimte)",
            stap_url(wyberstap, "/consolidatie"),
        ),
        (
            "instemming.vastgelegd",
            "Jan van Houten: ingestemd onder voorbehoud (Eerst de buurt) in stap 1",
            instemming_url(i_jan),
        ),
        (
            "instemmers.gewijzigd",
            "Instemmers van stap 1 gewijzigd: Havenwonen hoeft niet meer in te stemmen: "
            "Betaalt niet mee",
            stap_url(wyberstap, "/instemmingen"),
        ),
        (
            "instemming.vastgelegd",
            "Jan van Houten: ingestemd, formeel besloten (B-1) in stap 1",
            instemming_url(i_jan),
        ),
        (
            "instemming.vastgelegd",
            "Wethouder Ruimte: ingestemd, formeel besloten (B-1) in stap 1",
            instemming_url(i_wethouder),
        ),
        ("wyberstap.fase_gewijzigd", "Stap 1 geconsolideerd", stap_url(wyberstap)),
        (
            "stadium.gewijzigd",
            "Stadium van voorstelbaar naar houdbaar: Brug afgesproken",
            absoluut(proces_url(proces, f"/stadiumovergangen/{overgang.uuid}")),
        ),
        (
            "speler.betrokkenheid_gewijzigd",
            "Jan van Houten haakte af: Voelt zich niet gehoord",
            url(verhaal["jan"], "/betrokkenheid"),
        ),
        ("wyberstap.gestart", "Stap 2 heropent stap 1: Jan haakte af", stap_url(tweede)),
    ]
    # Every item's link leads somewhere; only the opening (the case itself) has none.
    assert [i["soort"] for i in items if i["url"] is None] == ["bestuursproces.geopend"]
    for item in items[1:]:
        assert client_voor(regisseur).get(item["url"]).status_code == 200, item


def test_item_vorm(regisseur, verhaal):
    proces = verhaal["proces"]
    body = client_voor(regisseur).get(tijdlijn_url(proces)).json()

    assert set(body) == {"count", "next", "previous", "results"}
    opening, eerste = body["results"][:2]
    # Each item also says when it was recorded: now, long after the days of the story.
    for item in (opening, eerste):
        geregistreerd = dt.datetime.fromisoformat(item.pop("geregistreerd"))
        assert geregistreerd > dt.datetime.fromisoformat(item["tijdstip"])
    assert opening == {
        "volgnummer": 1,
        "tijdstip": "2026-02-01T10:00:00+01:00",
        "soort": "bestuursproces.geopend",
        "omschrijving": "Bestuursproces geopend: Herinrichting Havenkwartier",
        "url": None,
        "laterVastgelegd": True,
    }
    assert eerste == {
        "volgnummer": 6,
        "tijdstip": "2026-02-05T10:00:00+01:00",
        "soort": "speler.betrokkenheid_gewijzigd",
        "omschrijving": "Jan van Houten sloot aan: Wil meedenken",
        "url": url(verhaal["jan"], "/betrokkenheid"),
        "laterVastgelegd": True,
    }
    volgnummers = [i["volgnummer"] for i in alles(client_voor(regisseur), proces)]
    assert volgnummers == sorted(volgnummers)


@pytest.mark.parametrize(
    ("query", "soorten"),
    [
        (
            {"van": "2026-02-20T00:00:00Z"},
            ["stadium.gewijzigd", "speler.betrokkenheid_gewijzigd", "wyberstap.gestart"],
        ),
        (
            {"tot": "2026-02-06T09:00:00Z"},
            ["bestuursproces.geopend", "speler.betrokkenheid_gewijzigd", "wyberstap.gestart"],
        ),
        (
            {"van": "2026-02-06T09:00:00Z", "tot": "2026-02-07T09:00:00Z"},
            ["wyberstap.gestart", "optie.ingebracht"],
        ),
        ({"van": "2026-02-06T09:00:01Z", "tot": "2026-02-06T09:00:02Z"}, []),
    ],
)
def test_van_en_tot(regisseur, verhaal, query, soorten):
    items = alles(client_voor(regisseur), verhaal["proces"], **query)

    assert [i["soort"] for i in items] == soorten


def test_van_na_tot_of_onleesbaar_is_400(regisseur, verhaal):
    client = client_voor(regisseur)
    doel = tijdlijn_url(verhaal["proces"])

    assert fouten(client.get(doel, {"van": "2026-03-01", "tot": "2026-02-01"})) == {
        "van": "invalid"
    }
    assert fouten(client.get(doel, {"tot": "gisteren"})) == {"tot": "invalid"}


def test_tijdlijn_met_stadium_en_namen_van_andere_wijzigingen(regisseur, regisseur_api):
    proces = open_proces(regisseur, met_idee=False)
    partij = speler(proces, regisseur, "Oude naam")
    services.wijzig_speler(
        actor=actor_voor(regisseur), speler=partij, wijzigingen={"naam": "Nieuwe naam"}
    )
    services.wijzig_betrokkenheid(
        actor=actor_voor(regisseur), partij=partij, actie="afwachten", reden="Even niet"
    )

    items = alles(regisseur_api, proces)

    # The correction of the name is a fact of its own, told with the name it gave; the later
    # item knows the party by that name too.
    assert [i["omschrijving"] for i in items] == [
        "Bestuursproces geopend: Herinrichting Havenkwartier",
        "Nieuwe naam gecorrigeerd: naam",
        "Nieuwe naam wacht af: Even niet",
    ]
    # Recorded as it happened: nothing is marked as recorded later.
    assert [i["laterVastgelegd"] for i in items] == [False, False, False]
