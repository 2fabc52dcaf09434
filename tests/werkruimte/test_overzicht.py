"""The Overzicht (the status page inside the workspace) and the gaps an opdrachtgever found:
the opdracht, the uitkomst, the step after a forced move, what the role cannot see."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from cases import services
from cases.models import Bestuursproces
from cases.services.bestuursproces import Opdracht
from tests.factories import actor_voor, open_proces, voeg_leden_toe

from .conftest import dagen_geleden

pytestmark = pytest.mark.django_db


def _html(web: Any, gebruiker: Any, bestuursproces: Bestuursproces) -> str:
    antwoord = web(gebruiker).get(f"/processen/{bestuursproces.uuid}/")
    assert antwoord.status_code == 200
    return str(antwoord.content.decode())


def _sectie(html: str, kop: str) -> str:
    return html.split(f'id="{kop}"')[1].split("</section>")[0]


def test_de_opdracht_staat_op_de_pagina(regisseur: Any, web: Any) -> None:
    einde = dt.date(2099, 12, 6)
    bestuursproces = open_proces(
        regisseur,
        opdracht=Opdracht(
            kaders="Binnen de bestaande begroting",
            budget=Decimal("25000"),
            uren=400,
            einddatum=einde,
            speelruimte="Vrij in de keuze van de werkvorm",
        ),
    )
    leden = voeg_leden_toe(bestuursproces, regisseur)
    opdracht = _sectie(_html(web, leden["opdrachtgever"], bestuursproces), "kop-opdracht")
    assert "Binnen de bestaande begroting" in opdracht
    assert "25.000,00" in opdracht
    assert "400" in opdracht
    assert "6 december 2099" in opdracht
    assert "Vrij in de keuze van de werkvorm" in opdracht


def test_de_uitkomst_van_een_afgerond_proces(regisseur: Any, web: Any) -> None:
    bestuursproces = open_proces(regisseur)
    html = _html(web, regisseur, bestuursproces)
    assert 'id="kop-uitkomst"' not in html
    services.wijzig_status(
        actor=actor_voor(regisseur),
        bestuursproces=bestuursproces,
        status="afgerond",
        uitkomst="Omgezet in het project Havenkwartier",
    )
    uitkomst = _sectie(_html(web, regisseur, bestuursproces), "kop-uitkomst")
    assert "Omgezet in het project Havenkwartier" in uitkomst


def test_na_een_geforceerde_overgang_spreekt_de_stap_het_stadium_niet_tegen(
    zaak: Bestuursproces, regisseur: Any, web: Any
) -> None:
    actor = actor_voor(regisseur)
    services.start_wyberstap(actor=actor, bestuursproces=zaak, doel="Verkennen")
    services.wijzig_stadium(
        actor=actor, bestuursproces=zaak, naar="houdbaar", toelichting="Door", forceren=True
    )
    stap = _sectie(_html(web, regisseur, zaak), "kop-stap")
    assert "Laatste wyber-stap" in stap
    assert "In stadium houdbaar is nog geen wyber-stap gestart" in stap
    assert "hoort bij stadium voorstelbaar" in stap


def test_afgeschermde_aandacht_heet_niet_geen_aandacht(
    zaak: Bestuursproces, regisseur: Any, web: Any
) -> None:
    leden = voeg_leden_toe(zaak, regisseur)
    for i in range(6):
        services.log_interventie(
            actor=actor_voor(regisseur),
            bestuursproces=zaak,
            titel=f"Gesprek {i}",
            datum=timezone.localdate(dagen_geleden(i + 1)),
            velden=("verbindende",),
            niveau="groep",
            aangrijpingspunt="interactie",
            zwaarte="licht",
            beoogd_effect="Effect",
            status="uitgevoerd",
            wat_gedaan="Gedaan",
            zichtbaarheid="kernteam",
        )

    def rij(html: str) -> str:
        tabel = _sectie(html, "kop-aandacht")
        return re.search(r"Verbindende veld</th>(.*?)</tr>", tabel, re.S).group(1)  # type: ignore[union-attr]

    voor_opdrachtgever = _html(web, leden["opdrachtgever"], zaak)
    assert "niet te zien voor uw rol (6 interventies die u niet kunt inzien)" in rij(
        voor_opdrachtgever
    )
    assert "<strong>nee</strong>" not in rij(voor_opdrachtgever)
    assert 'id="aandacht-afgeschermd"' in voor_opdrachtgever
    voor_kernteam = _html(web, leden["kernteam"], zaak)
    assert rij(voor_kernteam).strip().endswith('<td class="utrecht-table__cell">ja</td>')
    assert 'id="aandacht-afgeschermd"' not in voor_kernteam


def test_acties_voor_wie_werkt_en_de_datumkeuze_onder_de_kop(
    zaak: Bestuursproces, regisseur: Any, web: Any
) -> None:
    leden = voeg_leden_toe(zaak, regisseur)
    kernteam = _html(web, leden["kernteam"], zaak)
    acties = kernteam.split('aria-label="Wat u hier kunt doen"')[1].split("</nav>")[0]
    assert f'href="/processen/{zaak.uuid}/stadium/"' in acties
    assert 'aria-label="Wat u hier kunt doen"' not in _html(web, leden["opdrachtgever"], zaak)
    # The date switch follows the case header and the task navigation.
    assert kernteam.index('class="zaakkop"') < kernteam.index("Stand op een eerdere datum")
