"""A refusal speaks the client's language: with Accept-Language: en, the problem's title,
detail and invalidParams reasons of the domain services are English (Dutch stays the default)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from rest_framework.test import APIClient

from cases import services
from cases.models import Bestuursproces
from tests.factories import actor_voor, consolideer_stap

from . import register as r
from .helpers import assert_probleem, proces_url

# What a refusal builds: the case and the regisseur in, (method, URL, body) out.
Opzet = Callable[[Bestuursproces, Any], tuple[str, str, dict[str, Any]]]


@dataclass(frozen=True)
class Weigering:
    opzet: Opzet
    status: int
    code: str
    detail: str
    redenen: dict[str, str] = field(default_factory=dict)
    nederlands: str = ""  # a fragment of the Dutch detail, to show the default is unchanged


def _stadium(naar: str) -> Opzet:
    def opzet(proces: Bestuursproces, regisseur: Any) -> tuple[str, str, dict[str, Any]]:
        body = {"naar": naar, "toelichting": "Door"}
        return "post", proces_url(proces, "/stadiumovergangen"), body

    return opzet


def _wacht_op_besluit(proces: Bestuursproces, regisseur: Any) -> tuple[str, str, dict[str, Any]]:
    stap = r.stap_in_consolideren(proces, regisseur)
    partij = r.speler(proces, regisseur)
    (instemming,) = r.consolideer(stap, regisseur, [partij])
    r.stem_in(instemming, regisseur, formeel_besloten=False)
    return _stadium("houdbaar")(proces, regisseur)


def _optie_tijdens_convergeren(
    proces: Bestuursproces, regisseur: Any
) -> tuple[str, str, dict[str, Any]]:
    stap = r.stap(proces, regisseur)
    r.optie(stap, regisseur)
    r.fase(stap, regisseur, "convergeren")
    return "post", r.stap_url(stap, "/opties"), {"titel": "Te laat"}


def _fase_overslaan(proces: Bestuursproces, regisseur: Any) -> tuple[str, str, dict[str, Any]]:
    stap = r.stap(proces, regisseur)
    return "post", r.stap_url(stap, "/faseovergangen"), {"naar": "consolideren"}


def _twee_keer_consolideren(
    proces: Bestuursproces, regisseur: Any
) -> tuple[str, str, dict[str, Any]]:
    stap = r.stap_in_consolideren(proces, regisseur)
    partij = r.speler(proces, regisseur)
    r.consolideer(stap, regisseur, [partij])
    body = {"uitkomst": "consensus", "tekst": "Nog eens.", "instemmers": [r.url(partij)]}
    return "post", r.stap_url(stap, "/consolidatie"), body


def _niet_vereiste_partij_weghalen(
    proces: Bestuursproces, regisseur: Any
) -> tuple[str, str, dict[str, Any]]:
    stap = r.stap_in_consolideren(proces, regisseur)
    vereist = r.speler(proces, regisseur)
    ander = r.speler(proces, regisseur, naam="Bewonersraad")
    r.consolideer(stap, regisseur, [vereist])
    body = {"verwijderen": [r.url(ander)], "reden": "Hoeft niet"}
    return "post", r.stap_url(stap, "/instemmingen"), body


def _twee_keer_afhaken(proces: Bestuursproces, regisseur: Any) -> tuple[str, str, dict[str, Any]]:
    partij = r.speler(proces, regisseur)
    services.wijzig_betrokkenheid(
        actor=actor_voor(regisseur), partij=partij, actie="afhaken", reden="Eerste keer"
    )
    return "post", r.url(partij, "/betrokkenheid"), {"actie": "afhaken", "reden": "Nog eens"}


def _afgerond(proces: Bestuursproces, regisseur: Any) -> None:
    services.wijzig_status(
        actor=actor_voor(regisseur), bestuursproces=proces, status="afgerond", uitkomst="Klaar"
    )


def _afgerond_opnieuw_afronden(
    proces: Bestuursproces, regisseur: Any
) -> tuple[str, str, dict[str, Any]]:
    _afgerond(proces, regisseur)
    return "patch", proces_url(proces), {"status": "afgerond", "uitkomst": "Toch anders"}


def _stap_in_afgerond_proces(
    proces: Bestuursproces, regisseur: Any
) -> tuple[str, str, dict[str, Any]]:
    _afgerond(proces, regisseur)
    return "post", proces_url(proces, "/wyberstappen"), {"doel": "Te laat"}


def _na_consolidatie_terug(
    proces: Bestuursproces, regisseur: Any
) -> tuple[str, str, dict[str, Any]]:
    stap = consolideer_stap(proces, regisseur)
    return "post", r.stap_url(stap, "/faseovergangen"), {"naar": "consolideren"}


AFGEROND = (
    "The governance process is completed and can no longer be changed. "
    "Reopen it first by setting its status to 'actief'."
)

WEIGERINGEN = {
    "stadium-overgeslagen": Weigering(
        _stadium("maakbaar"),
        409,
        "stadium-overgeslagen",
        "Forward moves go one stage at a time: from conceivable only to tenable.",
        {"naar": "Forward moves go one stage at a time: from conceivable only to tenable."},
        nederlands="Vooruit gaat één stadium tegelijk",
    ),
    "stadium-zelfde": Weigering(
        _stadium("voorstelbaar"),
        409,
        "zelfde-stadium",
        "The governance process is already conceivable.",
        nederlands="Het bestuursproces is al voorstelbaar.",
    ),
    "poorten-geen-geconsolideerde-stap": Weigering(
        _stadium("houdbaar"),
        409,
        "poort-gesloten",
        "No wyber step has been consolidated since the process reached the stage conceivable. "
        "Use 'forceren' to go ahead anyway.",
        nederlands="geen wyber-stap geconsolideerd",
    ),
    "poorten-wacht-op-besluit": Weigering(
        _wacht_op_besluit,
        409,
        "poort-gesloten",
        "Step 1 (Waar komt de brug?) is not consolidated yet; waiting for: Wethouder Wonen "
        "(no formal decision yet). Use 'forceren' to go ahead anyway.",
        nederlands="(nog niet formeel besloten)",
    ),
    "wyberen-optie-buiten-divergeren": Weigering(
        _optie_tijdens_convergeren,
        409,
        "verkeerde-fase",
        "Bringing in an option is only possible while diverging; step 1 is converging.",
        nederlands="Een optie inbrengen kan alleen tijdens divergeren",
    ),
    "wyberen-fase-overslaan": Weigering(
        _fase_overslaan,
        409,
        "fase-overgeslagen",
        "From diverging a step only moves on to converging.",
        {"naar": "From diverging a step only moves on to converging."},
        nederlands="Van divergeren gaat een stap alleen naar convergeren.",
    ),
    "consolidatie-twee-keer": Weigering(
        _twee_keer_consolideren,
        409,
        "al-geconsolideerd",
        "Step 1 already has a consolidation.",
        nederlands="Stap 1 heeft al een consolidatie.",
    ),
    "consolidatie-partij-niet-vereist": Weigering(
        _niet_vereiste_partij_weghalen,
        400,
        "invalid",
        "This party is not required to consent.",
        {"verwijderen": "This party is not required to consent."},
        nederlands="Deze partij hoeft niet in te stemmen.",
    ),
    "consolidatie-geconsolideerde-stap": Weigering(
        _na_consolidatie_terug,
        409,
        "fase-overgeslagen",
        "Step 1 is consolidated and no longer changes phase; put it up for discussion again "
        "by reopening it.",
        nederlands="is geconsolideerd en verandert niet meer van fase",
    ),
    "partijen-twee-keer-afhaken": Weigering(
        _twee_keer_afhaken,
        409,
        "ongeldige-betrokkenheidsactie",
        "Drop out is only possible from: engaged, waiting, yet to involve (now: dropped out).",
        {
            "actie": "Drop out is only possible from: engaged, waiting, yet to involve "
            "(now: dropped out)."
        },
        nederlands="Afhaken kan alleen vanuit",
    ),
    "bestuursproces-afgerond-afronden": Weigering(
        _afgerond_opnieuw_afronden,
        409,
        "proces-afgerond",
        AFGEROND,
        nederlands="Het bestuursproces is afgerond en kan niet meer worden gewijzigd.",
    ),
    "bestuursproces-afgerond-wyberstap": Weigering(
        _stap_in_afgerond_proces,
        409,
        "proces-afgerond",
        AFGEROND,
        nederlands="Het bestuursproces is afgerond en kan niet meer worden gewijzigd.",
    ),
}


def _weiger(naam: str, bestuursproces: Bestuursproces, regisseur: Any, taal: str) -> dict[str, Any]:
    weigering = WEIGERINGEN[naam]
    methode, url, body = weigering.opzet(bestuursproces, regisseur)
    client = APIClient()
    client.force_authenticate(regisseur)
    response = getattr(client, methode)(url, body, format="json", HTTP_ACCEPT_LANGUAGE=taal)
    return assert_probleem(response, weigering.status, weigering.code)


@pytest.mark.parametrize("naam", list(WEIGERINGEN))
def test_weigering_in_het_engels(naam: str, bestuursproces: Bestuursproces, regisseur: Any):
    weigering = WEIGERINGEN[naam]

    body = _weiger(naam, bestuursproces, regisseur, "en")

    assert body["detail"] == weigering.detail
    redenen = {param["name"]: param["reason"] for param in body.get("invalidParams", [])}
    for veld, reden in weigering.redenen.items():
        assert redenen[veld] == reden


@pytest.mark.parametrize("naam", list(WEIGERINGEN))
def test_weigering_standaard_in_het_nederlands(
    naam: str, bestuursproces: Bestuursproces, regisseur: Any
):
    body = _weiger(naam, bestuursproces, regisseur, "nl")

    assert WEIGERINGEN[naam].nederlands in body["detail"]


def test_titel_van_een_domeinfout_in_het_engels(bestuursproces: Bestuursproces, regisseur: Any):
    body = _weiger("bestuursproces-afgerond-afronden", bestuursproces, regisseur, "en")

    assert body["title"] == "The governance process is completed."


# Refusals of the views themselves (lookups, query parameters, pages), not of a service.
LEESWEIGERINGEN = [
    (
        "/organisaties/6f1b5c1e-8a52-4d3e-9a55-3f5e2c1d0b7a",
        404,
        "detail",
        "This organisation does not exist in this governance process.",
    ),
    ("/tijdlijn?page=999", 404, "detail", "This page does not exist."),
    ("/tijdlijn?pageSize=500", 400, "pageSize", "At most 100 per page."),
    ("/tijdlijn?page=nul", 400, "page", "Give a whole number of 1 or more."),
    (
        "/tijdlijn?van=2026-01-02T00:00:00Z&tot=2026-01-01T00:00:00Z",
        400,
        "van",
        "van lies after tot.",
    ),
    (
        "/tijdlijn?tot=gisteren",
        400,
        "tot",
        "Give a moment in ISO 8601, for example 2026-05-01T12:00:00+02:00.",
    ),
    (
        "/besluiten?organisatie=geen-url",
        400,
        "organisatie",
        "Give the URL or the uuid of the organisation (of this governance process).",
    ),
]


@pytest.mark.parametrize(("pad", "status", "waar", "engels"), LEESWEIGERINGEN)
def test_weigering_van_een_view_in_het_engels(
    pad: str, status: int, waar: str, engels: str, bestuursproces: Bestuursproces, regisseur: Any
) -> None:
    client = APIClient()
    client.force_authenticate(regisseur)

    response = client.get(proces_url(bestuursproces, pad), HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == status, response.content
    body = response.json()
    if waar == "detail":
        assert body["detail"] == engels
    else:
        redenen = {param["name"]: param["reason"] for param in body["invalidParams"]}
        assert redenen[waar] == engels
