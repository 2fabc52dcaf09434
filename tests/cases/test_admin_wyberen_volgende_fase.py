"""Naar de volgende fase in the admin: irreversible, so a page first asks why and when; the
service decides whether the moment fits the case, and a refusal keeps what was typed."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.utils import timezone

from cases import services
from cases.models import Bestuursproces, WyberStap

from ..factories import actor_voor, open_proces
from .admin_helpers import _actie, laatste


def _invoer(moment: dt.datetime) -> str:
    """A moment as the browser's date-and-time field sends it (Dutch time, minutes)."""
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


@pytest.fixture
def vroeg(regisseur: Any) -> tuple[Bestuursproces, WyberStap]:
    """A case written down afterwards: opened 30 days ago, a step with one option 20 days ago."""
    actor = actor_voor(regisseur)
    nu = timezone.now()
    bestuursproces = open_proces(regisseur, tijdstip=nu - dt.timedelta(days=30))
    stap = services.start_wyberstap(
        actor=actor,
        bestuursproces=bestuursproces,
        doel="Kiezen waar de kade komt",
        tijdstip=nu - dt.timedelta(days=20),
    )
    services.breng_optie_in(
        actor=actor, stap=stap, titel="Noordkade", tijdstip=nu - dt.timedelta(days=20)
    )
    return bestuursproces, stap


@pytest.fixture
def regisseur_client(browser: Any, regisseur: Any) -> Client:
    return browser(regisseur)


def test_eerst_een_bevestiging_met_verplichte_toelichting(
    regisseur_client: Client, vroeg: tuple[Bestuursproces, WyberStap]
) -> None:
    bestuursproces, stap = vroeg
    voor = laatste(bestuursproces)

    pagina = _actie(regisseur_client, "naar_volgende_fase", [stap])

    assert pagina.status_code == 200
    inhoud = pagina.content.decode()
    assert "Dit kan niet worden teruggedraaid" in inhoud
    assert "Convergeren" in inhoud  # what the step becomes
    zonder = _actie(regisseur_client, "naar_volgende_fase", [stap], bevestigd="ja")
    assert zonder.status_code == 200
    assert zonder.context["form"].errors["toelichting"] == [
        "Geef een toelichting bij deze faseovergang."
    ]
    assert laatste(bestuursproces) == voor
    stap.refresh_from_db()
    assert stap.fase == "divergeren"


def test_met_toelichting_en_een_moment_in_het_verleden(
    regisseur_client: Client, vroeg: tuple[Bestuursproces, WyberStap]
) -> None:
    bestuursproces, stap = vroeg
    moment = timezone.now() - dt.timedelta(days=10)
    voor = laatste(bestuursproces)

    response = _actie(
        regisseur_client,
        "naar_volgende_fase",
        [stap],
        bevestigd="ja",
        toelichting="Na de werksessie met de bewoners",
        tijdstip=_invoer(moment),
    )

    assert response.status_code == 302
    [gebeurtenis] = bestuursproces.gebeurtenissen.filter(volgnummer__gt=voor)
    assert gebeurtenis.type == "wyberstap.fase_gewijzigd"
    assert gebeurtenis.toelichting == "Na de werksessie met de bewoners"
    assert _invoer(gebeurtenis.tijdstip) == _invoer(moment)
    assert gebeurtenis.payload == {
        "stap": str(stap.uuid),
        "van": "divergeren",
        "naar": "convergeren",
    }
    stap.refresh_from_db()
    assert stap.fase == "convergeren"
    assert stap.convergeren_op is not None
    assert _invoer(stap.convergeren_op) == _invoer(moment)


def test_leeg_tijdstip_is_nu(
    regisseur_client: Client, vroeg: tuple[Bestuursproces, WyberStap]
) -> None:
    bestuursproces, stap = vroeg
    voor = laatste(bestuursproces)
    vooraf = timezone.now()

    _actie(regisseur_client, "naar_volgende_fase", [stap], bevestigd="ja", toelichting="Nu")

    [gebeurtenis] = bestuursproces.gebeurtenissen.filter(volgnummer__gt=voor)
    assert vooraf <= gebeurtenis.tijdstip <= timezone.now()


@pytest.mark.parametrize(
    ("verschuiving", "reden"),
    [
        (dt.timedelta(days=2), "Dit tijdstip ligt in de toekomst."),
        (dt.timedelta(days=-40), "Dit tijdstip ligt vóór de opening van het bestuursproces"),
    ],
)
def test_een_moment_buiten_het_proces_weigert_de_service_bij_het_veld(
    regisseur_client: Client,
    vroeg: tuple[Bestuursproces, WyberStap],
    verschuiving: dt.timedelta,
    reden: str,
) -> None:
    bestuursproces, stap = vroeg
    ingevuld = _invoer(timezone.now() + verschuiving)
    voor = laatste(bestuursproces)

    response = _actie(
        regisseur_client,
        "naar_volgende_fase",
        [stap],
        bevestigd="ja",
        toelichting="Mijn toelichting",
        tijdstip=ingevuld,
    )

    assert response.status_code == 200
    form = response.context["form"]
    assert reden in " ".join(form.errors["tijdstip"])
    # What was typed stays, so only the moment needs correcting.
    assert (form["toelichting"].value(), form["tijdstip"].value()) == ("Mijn toelichting", ingevuld)
    assert f'value="{ingevuld}"' in response.content.decode()
    assert laatste(bestuursproces) == voor
    stap.refresh_from_db()
    assert stap.fase == "divergeren"


def test_een_stap_zonder_opties_wordt_geweigerd_voordat_er_iets_gevraagd_wordt(
    regisseur_client: Client, vroeg: tuple[Bestuursproces, WyberStap], regisseur: Any
) -> None:
    bestuursproces, _stap = vroeg
    leeg = services.start_wyberstap(
        actor=actor_voor(regisseur), bestuursproces=bestuursproces, doel="Nog niets"
    )
    voor = laatste(bestuursproces)

    response = _actie(regisseur_client, "naar_volgende_fase", [leeg])

    assert response.status_code == 302
    [melding] = [str(m) for m in get_messages(response.wsgi_request)]
    assert melding.startswith("Er is niets gewijzigd: Convergeren kan pas als")
    assert laatste(bestuursproces) == voor  # the trial run left nothing behind
