"""Mijn processen (/processen/): per case where it stands and what needs doing, as the member's
role may see it; a fixed number of queries; opening a new case, also one that began earlier."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from cases import services
from cases.models import Bestuursproces, Gebeurtenis
from cases.services.bestuursproces import BesluitmomentInvoer, Opdracht
from tests.factories import GebruikerFactory, actor_voor, open_proces, voeg_leden_toe
from werkruimte.mijn_processen import mijn_processen

from ._html import veldfout
from .conftest import dagen_geleden

pytestmark = [pytest.mark.django_db, pytest.mark.datumgevoelig]


def _dag(dagen: int) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=dagen)


def _interventie(bestuursproces: Bestuursproces, regisseur: Any, **velden: Any) -> None:
    gegevens: dict[str, Any] = {
        "titel": "Interventie",
        "datum": _dag(-3),
        "velden": ("verbindende",),
        "niveau": "groep",
        "aangrijpingspunt": "interactie",
        "zwaarte": "licht",
        "beoogd_effect": "Effect",
        "zichtbaarheid": "proces",
    }
    gegevens.update(velden)
    services.log_interventie(actor=actor_voor(regisseur), bestuursproces=bestuursproces, **gegevens)


def bouw_signalen(regisseur: Any) -> Bestuursproces:
    """A case with one of every signal: a party still to consent, a besluitmoment passed and
    one coming, a planned interventie past its date (kernteam only), recent attention for the
    verbindende veld only in a kernteam item, and an assessment of 120 days ago."""
    actor = actor_voor(regisseur)
    bestuursproces = open_proces(
        regisseur,
        titel="Signalen",
        tijdstip=dagen_geleden(150),
        opdracht=Opdracht(
            besluitmomenten=(
                BesluitmomentInvoer(_dag(-10), "mandaat", "Mandaat voor de verkenning"),
                BesluitmomentInvoer(_dag(14), "besluit", "Besluit over de kade"),
                BesluitmomentInvoer(_dag(60), "besluit", "Krediet voor later"),
            )
        ),
    )
    speler = services.registreer_speler(
        actor=actor,
        bestuursproces=bestuursproces,
        naam="Havenbedrijf",
        soort="persoon",
        veld="verbindende",
        rol_in_proces="betrokkene",
        tijdstip=dagen_geleden(130),
    )
    services.beoordeel_speler(
        actor=actor,
        speler=speler,
        standpunt="voorstander",
        macht="geen",
        invloed=2,
        vertrouwen=2,
        tijdstip=dagen_geleden(120),
    )
    stap = services.start_wyberstap(actor=actor, bestuursproces=bestuursproces, doel="Kade")
    optie = services.breng_optie_in(actor=actor, stap=stap, titel="Noordkade")
    services.wijzig_fase(actor=actor, stap=stap, naar="convergeren")
    services.besluit_over_optie(actor=actor, optie=optie, status="gekozen")
    services.wijzig_fase(actor=actor, stap=stap, naar="consolideren")
    services.consolideer(
        actor=actor, stap=stap, uitkomst="consensus", tekst="Noordkade", instemmers=[speler]
    )
    _interventie(
        bestuursproces,
        regisseur,
        titel="Gesprek met de wethouder",
        datum=_dag(-5),
        zichtbaarheid="kernteam",
    )
    _interventie(
        bestuursproces,
        regisseur,
        titel="Werksessie",
        status="uitgevoerd",
        wat_gedaan="Gedaan",
        zichtbaarheid="kernteam",
    )
    return bestuursproces


def test_de_signalen_per_rol(regisseur: Any) -> None:
    bestuursproces = bouw_signalen(regisseur)
    leden = voeg_leden_toe(bestuursproces, regisseur)

    [voor_regisseur] = mijn_processen(regisseur, weken=4)
    assert [(w.partij, w.stap, w.formeel_open) for w in voor_regisseur.wacht_op] == [
        ("Havenbedrijf", 1, False)
    ]
    assert [m.gevraagd for m in voor_regisseur.besluitmomenten_verlopen] == [
        "Mandaat voor de verkenning"
    ]
    assert [m.gevraagd for m in voor_regisseur.besluitmomenten_komend] == ["Besluit over de kade"]
    assert [i.titel for i in voor_regisseur.interventies_over_datum] == ["Gesprek met de wethouder"]
    assert voor_regisseur.interventies_over_datum_afgeschermd == 0
    assert "Verbindende veld" not in voor_regisseur.velden_zonder_aandacht
    assert "Interne veld" in voor_regisseur.velden_zonder_aandacht
    assert voor_regisseur.velden_afgeschermd == []
    assert [(b.naam, b.laatste) for b in voor_regisseur.beoordelingen_verouderd] == [
        ("Havenbedrijf", timezone.localdate(dagen_geleden(120)))
    ]

    # The opdrachtgever does not see the kernteam items, and is told so instead of being told
    # that nothing happened.
    [voor_opdrachtgever] = mijn_processen(leden["opdrachtgever"], weken=4)
    assert voor_opdrachtgever.interventies_over_datum == []
    assert voor_opdrachtgever.interventies_over_datum_afgeschermd == 1
    assert voor_opdrachtgever.velden_afgeschermd == ["Verbindende veld"]
    assert "Verbindende veld" not in voor_opdrachtgever.velden_zonder_aandacht


def test_de_pagina_zegt_wat_er_moet_gebeuren(regisseur: Any, client: Client) -> None:
    bestuursproces = bouw_signalen(regisseur)
    leden = voeg_leden_toe(bestuursproces, regisseur)
    client.force_login(regisseur)
    html = client.get("/processen/").content.decode()
    assert "Havenbedrijf moet nog instemmen met stap 1" in html
    assert "Besluitmoment voorbij" in html
    assert "Geplande interventie over datum: Gesprek met de wethouder" in html
    assert "De beoordeling van Havenbedrijf is van" in html
    assert "Nieuw bestuursproces" in html

    client.force_login(leden["opdrachtgever"])
    html = client.get("/processen/").content.decode()
    assert "Gesprek met de wethouder" not in html
    assert "1 geplande interventie is over datum; u kunt haar met uw rol niet inzien." in html
    assert "in interventies die uw rol niet kan inzien" in html
    assert "Nieuw bestuursproces" not in html


def test_het_aantal_weken_is_te_kiezen(regisseur: Any, client: Client) -> None:
    bouw_signalen(regisseur)
    client.force_login(regisseur)
    # The besluitmoment 10 days ago is outside a window of one week.
    html = client.get("/processen/?weken=1").content.decode()
    assert "Besluitmoment voorbij" not in html
    assert "in de afgelopen week" in html
    fout = client.get("/processen/?weken=nul")
    assert fout.status_code == 400
    assert "Vul een aantal weken in" in veldfout(fout.content.decode(), "weken")


def test_een_afgerond_proces_vraagt_niets(regisseur: Any) -> None:
    bestuursproces = bouw_signalen(regisseur)
    services.wijzig_status(
        actor=actor_voor(regisseur),
        bestuursproces=bestuursproces,
        status="afgerond",
        uitkomst="Omgezet in een project",
        bevestigd=True,  # its step is still open: closing it anyway is what this tests
    )
    [overzicht] = mijn_processen(regisseur)
    assert not overzicht.actief
    assert overzicht.aandachtspunten == 0


@pytest.mark.parametrize("n", [1, 10, 50])
def test_vast_aantal_queries(
    client: Client, regisseur: Any, n: int, django_assert_num_queries: Any
) -> None:
    actor = actor_voor(regisseur)
    for i in range(n):
        bestuursproces = open_proces(
            regisseur,
            titel=f"Proces {i}",
            tijdstip=dagen_geleden(20),
            opdracht=Opdracht(besluitmomenten=(BesluitmomentInvoer(_dag(7), "besluit", "B"),)),
        )
        _interventie(bestuursproces, regisseur, titel=f"Te laat {i}", datum=_dag(-2))
        speler = services.registreer_speler(
            actor=actor,
            bestuursproces=bestuursproces,
            naam=f"Speler {i}",
            soort="persoon",
            veld="verbindende",
            rol_in_proces="betrokkene",
            tijdstip=dagen_geleden(19),
        )
        services.beoordeel_speler(
            actor=actor,
            speler=speler,
            standpunt="voorstander",
            macht="geen",
            invloed=2,
            vertrouwen=2,
            tijdstip=dagen_geleden(18),
        )
        services.maak_afspraak(
            actor=actor,
            bestuursproces=bestuursproces,
            wat=f"Afspraak {i}",
            door=speler,
            datum=_dag(-15),
            uiterlijk=_dag(-1),
            zichtbaarheid="proces",
        )
    client.force_login(regisseur)
    # session; user; the cases; the right to open (user and group permissions); consents;
    # besluitmomenten; overdue interventies; attention per veld; speler and opdrachtgever
    # assessments; overdue afspraken with the delivering party; whether I am an evaluator
    # anywhere (the link to the comparison).
    with django_assert_num_queries(13):
        antwoord = client.get("/processen/")
    html = antwoord.content.decode()
    assert html.count('class="kaart"') == n
    assert html.count("Geplande interventie over datum") == n
    assert html.count("Afspraak verlopen: Speler") == n


def test_verlopen_afspraken_per_rol(regisseur: Any, client: Client) -> None:
    """Open afspraken past their uiterlijk: shown at the member's level, counted above it;
    one not yet due, one handled and one without uiterlijk ask nothing."""
    actor = actor_voor(regisseur)
    bestuursproces = open_proces(regisseur, tijdstip=dagen_geleden(40))
    leden = voeg_leden_toe(bestuursproces, regisseur)
    corporatie = services.registreer_organisatie(
        actor=actor,
        bestuursproces=bestuursproces,
        naam="Woningcorporatie",
        soort="instelling",
        tijdstip=dagen_geleden(30),
    )

    def afspraak(wat: str, **velden: Any) -> Any:
        gegevens: dict[str, Any] = {"datum": _dag(-20), "zichtbaarheid": "proces"}
        gegevens.update(velden)
        return services.maak_afspraak(
            actor=actor, bestuursproces=bestuursproces, wat=wat, door=corporatie, **gegevens
        )

    afspraak("Grondprijs doorrekenen", uiterlijk=_dag(-3))
    afspraak("Huurafspraken delen", uiterlijk=_dag(-2), zichtbaarheid="kernteam")
    afspraak("Later", uiterlijk=_dag(5))
    afspraak("Zonder datum")
    services.handel_afspraak_af(
        actor=actor, afspraak=afspraak("Gedaan", uiterlijk=_dag(-4)), status="nagekomen"
    )

    [voor_regisseur] = mijn_processen(regisseur)
    assert [(a.wat, a.door, a.uiterlijk) for a in voor_regisseur.afspraken_verlopen] == [
        ("Grondprijs doorrekenen", "Woningcorporatie", _dag(-3)),
        ("Huurafspraken delen", "Woningcorporatie", _dag(-2)),
    ]
    assert voor_regisseur.afspraken_verlopen_afgeschermd == 0
    [voor_opdrachtgever] = mijn_processen(leden["opdrachtgever"])
    assert [a.wat for a in voor_opdrachtgever.afspraken_verlopen] == ["Grondprijs doorrekenen"]
    assert voor_opdrachtgever.afspraken_verlopen_afgeschermd == 1

    client.force_login(leden["opdrachtgever"])
    html = client.get("/processen/").content.decode()
    assert "Afspraak verlopen: Woningcorporatie zou uiterlijk" in html
    assert "Huurafspraken" not in html
    assert "1 afspraak is verlopen; u kunt haar met uw rol niet inzien." in html
    assert f"/processen/{bestuursproces.uuid}/afspraken/?status=verlopen" in html


def test_een_nieuw_proces_openen_dat_eerder_begon(regisseur: Any, client: Client) -> None:
    client.force_login(regisseur)
    assert client.get("/processen/nieuw/").status_code == 200
    begin = _dag(-40)
    antwoord = client.post(
        "/processen/nieuw/",
        {
            "titel": "Stadshart",
            "rol_gemeente": "initierend",
            "aanpak": "flipperkast",
            "procesrol": "procesregisseur",
            "idee": "Een levendig stadshart",
            "kaders": "Binnen de begroting",
            "budget": "25000",
            "uren": "300",
            "einddatum": _dag(200).isoformat(),
            "tijdstip": begin.strftime("%d-%m-%Y"),
            "toelichting": "Overgenomen uit Word",
        },
    )
    assert antwoord.status_code == 302
    bestuursproces = Bestuursproces.objects.get(titel="Stadshart")
    assert antwoord["Location"] == f"/processen/{bestuursproces.uuid}/"
    assert timezone.localdate(bestuursproces.geopend_op) == begin
    assert (bestuursproces.uren, bestuursproces.kaders) == (300, "Binnen de begroting")
    geopend = Gebeurtenis.objects.get(bestuursproces=bestuursproces, volgnummer=1)
    assert geopend.type == "bestuursproces.geopend"
    assert geopend.toelichting == "Overgenomen uit Word"
    assert "Het bestuursproces is geopend." in client.get(antwoord["Location"]).content.decode()


def test_een_geweigerde_opening_houdt_de_invoer(regisseur: Any, client: Client) -> None:
    client.force_login(regisseur)
    morgen = _dag(1)
    antwoord = client.post(
        "/processen/nieuw/",
        {
            "titel": "",
            "rol_gemeente": "initierend",
            "aanpak": "lineair",
            "procesrol": "procesregisseur",
            "kaders": "Mijn kaders",
            "tijdstip": morgen.isoformat(),
        },
    )
    assert antwoord.status_code == 400
    html = antwoord.content.decode()
    assert veldfout(html, "titel")
    assert "ligt in de toekomst" in veldfout(html, "tijdstip")
    assert "Mijn kaders</textarea>" in html
    assert 'value="initierend" checked' in html
    assert not Bestuursproces.objects.exists()


def test_een_time_box_die_eindigt_voor_de_opening_is_een_veldfout(
    regisseur: Any, client: Client
) -> None:
    """A year off in the end date (6-12-2016 for 6-12-2026) is refused at the field, not
    kept as a time-box that ended before the process began."""
    client.force_login(regisseur)
    begin = _dag(-40)
    gegevens = {
        "titel": "Stadshart",
        "rol_gemeente": "initierend",
        "aanpak": "lineair",
        "procesrol": "procesregisseur",
        "tijdstip": begin.strftime("%d-%m-%Y"),
    }
    te_vroeg = begin - dt.timedelta(days=1)
    antwoord = client.post(
        "/processen/nieuw/", {**gegevens, "einddatum": te_vroeg.strftime("%d-%m-%Y")}
    )
    assert antwoord.status_code == 400
    assert "kan niet eindigen vóór de opening" in veldfout(antwoord.content.decode(), "einddatum")
    assert not Bestuursproces.objects.exists()

    antwoord = client.post("/processen/nieuw/", {**gegevens, "einddatum": begin.isoformat()})
    assert antwoord.status_code == 302
    assert Bestuursproces.objects.get().einddatum == begin


def test_openen_alleen_met_het_recht(client: Client, db: None) -> None:
    lezer: Any = GebruikerFactory(username="lezer")
    client.force_login(lezer)
    assert client.get("/processen/nieuw/").status_code == 403
    assert client.post("/processen/nieuw/", {"titel": "X"}).status_code == 403
    assert not Bestuursproces.objects.exists()
