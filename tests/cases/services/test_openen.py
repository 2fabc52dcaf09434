"""open_bestuursproces: the events it writes, its defaults, and the input it refuses."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from cases import services
from cases.events import Actor
from cases.exceptions import OngeldigeInvoer
from cases.models import Bestuursproces, IdeeVersie, Lidmaatschap, Status
from cases.services.bestuursproces import BesluitmomentInvoer, Opdracht
from cases.services.idee import IdeeInhoud
from tests.factories import open_proces

from ._hulp import (
    OPDRACHT,
    OPDRACHT_GEGEVENS,
    REGISSEUR_NAAM,
    STANDAARD_OPDRACHT,
    gebeurtenissen_na,
    samenvatting,
    schrijft_niets,
    verwacht,
)

GEOPEND = dt.datetime(2026, 3, 2, 9, 30, 15, 123456, tzinfo=dt.UTC)


def _open_volledig(actor: Actor) -> Bestuursproces:
    return services.open_bestuursproces(
        actor=actor,
        titel="Herinrichting Havenkwartier",
        omschrijving="Van bedrijventerrein naar gemengd stadsdeel",
        rol_gemeente="participerend",
        procesrol="procesmanager",
        aanpak="flipperkast",
        opdracht=OPDRACHT,
        idee=IdeeInhoud(wat="Wonen en werken aan het water", stip_op_de_horizon="2035"),
        archiefnominatie="blijvend_bewaren",
        archiefactiedatum=dt.date(2040, 1, 1),
        toelichting="Start na collegebesluit",
        tijdstip=GEOPEND,
    )


# --- open_bestuursproces -------------------------------------------------------------------


def test_open_bestuursproces_schrijft_geopend_lid_en_idee(regisseur: Any, actor: Actor) -> None:
    bp = _open_volledig(actor)

    bp.refresh_from_db()
    assert bp.titel == "Herinrichting Havenkwartier"
    assert bp.stadium == "voorstelbaar"
    assert bp.status == Status.ACTIEF
    assert bp.uitkomst == ""
    assert bp.budget == Decimal("125000.50")
    assert bp.geopend_op == GEOPEND
    momenten = list(bp.besluitmomenten.order_by("volgorde"))
    assert [(m.datum, m.soort, m.gevraagd, m.volgorde) for m in momenten] == [
        (dt.date(2026, 6, 1), "mandaat", "Mandaat voor verkenning", 0),
        (dt.date(2026, 11, 15), "besluit", "Raadsbesluit over het plan", 1),
    ]
    lid = Lidmaatschap.objects.get(bestuursproces=bp)
    assert (lid.gebruiker, lid.rol, lid.sinds) == (regisseur, "procesregisseur", GEOPEND)
    idee = IdeeVersie.objects.get(bestuursproces=bp)
    assert (idee.versie, idee.wat, idee.auteur, idee.aangemaakt_op) == (
        1,
        "Wonen en werken aan het water",
        regisseur,
        GEOPEND,
    )

    gebeurtenissen = gebeurtenissen_na(bp, 0)
    assert [samenvatting(e) for e in gebeurtenissen] == [
        verwacht(
            1,
            "bestuursproces.geopend",
            {
                "bestuursproces": {
                    "uuid": str(bp.uuid),
                    "titel": "Herinrichting Havenkwartier",
                    "omschrijving": "Van bedrijventerrein naar gemengd stadsdeel",
                    "rolGemeente": "participerend",
                    "procesrol": "procesmanager",
                    "aanpak": "flipperkast",
                    "archiefnominatie": "blijvend_bewaren",
                    "archiefactiedatum": "2040-01-01",
                    "stadium": "voorstelbaar",
                    "status": "actief",
                    "uitkomst": "",
                    "opdracht": OPDRACHT_GEGEVENS,
                    "geopendOp": "2026-03-02T09:30:15.123456Z",
                }
            },
            door=regisseur,
            naam=REGISSEUR_NAAM,
            toelichting="Start na collegebesluit",
        ),
        verwacht(
            2,
            "lidmaatschap.toegevoegd",
            {
                "lidmaatschap": {
                    "uuid": str(lid.uuid),
                    "gebruiker": "regisseur",
                    "rol": "procesregisseur",
                }
            },
            door=regisseur,
            naam=REGISSEUR_NAAM,
        ),
        verwacht(
            3,
            "idee.herzien",
            {
                "idee": {
                    "uuid": str(idee.uuid),
                    "versie": 1,
                    "wat": "Wonen en werken aan het water",
                    "context": "",
                    "sterkte": "",
                    "eigenaren": "",
                    "verrijking": "",
                    "concretisering": "",
                    "framing": "",
                    "stipOpDeHorizon": "2035",
                    "eigenaarSpelers": [],
                    "eigenaarOpdrachtgevers": [],
                    "eigenaarOrganisaties": [],
                }
            },
            door=regisseur,
            naam=REGISSEUR_NAAM,
        ),
    ]
    assert all(e.tijdstip == GEOPEND for e in gebeurtenissen)


def test_open_bestuursproces_zonder_idee_en_zonder_tijdstip(regisseur: Any) -> None:
    voor = timezone.now()
    bp = open_proces(regisseur, met_idee=False)
    na = timezone.now()

    gebeurtenissen = gebeurtenissen_na(bp, 0)
    assert [e.type for e in gebeurtenissen] == [
        "bestuursproces.geopend",
        "lidmaatschap.toegevoegd",
    ]
    assert gebeurtenissen[0].payload["bestuursproces"]["opdracht"] == STANDAARD_OPDRACHT
    assert gebeurtenissen[0].payload["bestuursproces"]["archiefactiedatum"] is None
    assert voor <= bp.geopend_op <= na
    assert {e.tijdstip for e in gebeurtenissen} == {bp.geopend_op}
    assert not IdeeVersie.objects.filter(bestuursproces=bp).exists()


def test_open_bestuursproces_vraagt_een_gebruiker(db: None) -> None:
    with schrijft_niets(), pytest.raises(OngeldigeInvoer) as fout:
        services.open_bestuursproces(
            actor=Actor.beheer("laad_demo"),
            titel="Zonder opener",
            rol_gemeente="initierend",
            aanpak="lineair",
        )
    assert set(fout.value.fouten) == {"gebruiker"}


def test_open_bestuursproces_meldt_alle_ongeldige_velden_en_schrijft_niets(actor: Actor) -> None:
    with schrijft_niets(), pytest.raises(OngeldigeInvoer) as fout:
        services.open_bestuursproces(
            actor=actor,
            titel="",
            rol_gemeente="dictatoriaal",
            aanpak="lineair",
            procesrol="bemiddelaar",
            opdracht=Opdracht(budget=Decimal("-1"), einddatum=dt.date(2026, 1, 1)),
            archiefnominatie="weggooien",
        )
    assert set(fout.value.fouten) == {
        "titel",
        "rol_gemeente",
        "procesrol",
        "budget",
        "archiefnominatie",
    }
    assert fout.value.fouten["rol_gemeente"][0][0] == "invalid_choice"
    assert fout.value.fouten["titel"][0][0] == "blank"


def test_open_bestuursproces_weigert_ongeldige_besluitmomenten_en_schrijft_niets(
    actor: Actor,
) -> None:
    opdracht = Opdracht(
        besluitmomenten=(
            BesluitmomentInvoer(dt.date(2026, 6, 1), "mandaat", "Goed"),
            BesluitmomentInvoer(dt.date(2026, 7, 1), "gok", "Foute soort"),
            BesluitmomentInvoer(dt.date(2026, 8, 1), "besluit", ""),
        )
    )
    with schrijft_niets(), pytest.raises(OngeldigeInvoer) as fout:
        services.open_bestuursproces(
            actor=actor,
            titel="Met foute momenten",
            rol_gemeente="initierend",
            aanpak="lineair",
            opdracht=opdracht,
        )
    assert set(fout.value.fouten) == {"besluitmomenten.1.soort", "besluitmomenten.2.gevraagd"}


def test_een_time_box_eindigt_niet_voor_de_opening(actor: Actor) -> None:
    geopend = dt.datetime(2025, 3, 3, 9, 0, tzinfo=dt.UTC)
    with schrijft_niets(), pytest.raises(OngeldigeInvoer) as fout:
        services.open_bestuursproces(
            actor=actor,
            titel="Tikfout in het jaar",
            rol_gemeente="initierend",
            aanpak="lineair",
            opdracht=Opdracht(einddatum=dt.date(2015, 3, 3)),
            tijdstip=geopend,
        )
    ((code, melding),) = fout.value.fouten["einddatum"]
    assert code == "voor_opening"
    assert "3 maart 2025" in melding
    # The day of the opening itself is a (short) time-box.
    proces = services.open_bestuursproces(
        actor=actor,
        titel="Een dag",
        rol_gemeente="initierend",
        aanpak="lineair",
        opdracht=Opdracht(einddatum=dt.date(2025, 3, 3)),
        tijdstip=geopend,
    )
    with schrijft_niets(), pytest.raises(OngeldigeInvoer) as fout:
        services.wijzig_bestuursproces(
            actor=actor,
            bestuursproces=proces,
            wijzigingen={},
            opdracht=Opdracht(einddatum=dt.date(2025, 3, 2)),
        )
    assert [code for code, _ in fout.value.fouten["einddatum"]] == ["voor_opening"]
