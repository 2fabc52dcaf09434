"""Wyber-stappen in the admin: what the domain refuses is a message or a form error and
writes nothing; readers only look, and non-members see nothing."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.messages import get_messages

from cases import services
from cases.models import Fase, Optie, WyberStap

from ..factories import actor_voor
from .admin_helpers import _actie, _bewaar, _fase, _inlines, _opties, _url, laatste

# What members need for these screens besides GEBRUIKERSRECHTEN (cases/demo/gebruikers.py).
LEZERS = ["opdrachtgever", "evaluator"]


def _meldingen(response: Any) -> list[str]:
    return [str(melding) for melding in get_messages(response.wsgi_request)]


# --- refusals: a message or a form error, and nothing written ---------------------------------


def test_ongeldige_faseovergang_is_een_melding(
    staf: Any, leden: dict[str, Any], stap: WyberStap, consoliderende_stap: WyberStap
) -> None:
    tweede = services.start_wyberstap(
        actor=actor_voor(leden["procesregisseur"]),
        bestuursproces=stap.bestuursproces,
        doel="Zonder opties",
    )
    client = staf(leden["procesregisseur"])
    voor = laatste(stap.bestuursproces)

    # Both selected: the one that may move does not move either.
    response = _actie(client, "naar_volgende_fase", [consoliderende_stap, tweede])
    [melding] = _meldingen(response)
    assert "Er is niets gewijzigd" in melding
    assert "stemming" in melding  # consolideren ends by consent, not by hand
    response = _actie(client, "naar_volgende_fase", [tweede])
    assert (
        "Convergeren kan pas als er tijdens divergeren opties zijn ingebracht"
        in (_meldingen(response)[-1])
    )
    response = _actie(client, "heropenen", [tweede])
    assert "alleen een geconsolideerde stap" in _meldingen(response)[-1]
    assert response.status_code == 302
    assert laatste(stap.bestuursproces) == voor
    assert WyberStap.objects.get(pk=tweede.pk).fase == "divergeren"


def test_verouderde_pagina_schrijft_niets(
    staf: Any, leden: dict[str, Any], stap: WyberStap
) -> None:
    regisseur = leden["procesregisseur"]
    client = staf(regisseur)
    pagina = client.get(_url("wyberstap", "change", stap.pk))
    nieuw = _inlines(pagina)["NieuweOptieInline"].prefix
    _opties(stap, regisseur, "Noord")
    _fase(stap, regisseur, Fase.CONVERGEREN)  # meanwhile, in another tab
    voor = laatste(stap.bestuursproces)

    response = _bewaar(client, stap, pagina, {f"{nieuw}-0-titel": "Te laat"})

    assert response.status_code == 200
    [optie] = _inlines(response)["NieuweOptieInline"].forms
    assert optie["titel"].value() == "Te laat"
    assert " ".join(optie.non_field_errors()).startswith(
        "Een optie inbrengen kan alleen tijdens divergeren"
    )
    assert laatste(stap.bestuursproces) == voor
    assert not Optie.objects.filter(titel="Te laat").exists()


def test_verwerpen_zonder_reden_is_een_formulierfout(
    staf: Any, leden: dict[str, Any], stap: WyberStap
) -> None:
    regisseur = leden["procesregisseur"]
    _opties(stap, regisseur, "Noord", "Zuid")
    _fase(stap, regisseur, Fase.CONVERGEREN)
    client = staf(regisseur)
    pagina = client.get(_url("wyberstap", "change", stap.pk))
    rij = {f.instance.titel: f.prefix for f in _inlines(pagina)["OptieBesluitInline"].forms}
    voor = laatste(stap.bestuursproces)

    response = _bewaar(
        client,
        stap,
        pagina,
        {f"{rij['Noord']}-status": "gekozen", f"{rij['Zuid']}-status": "verworpen"},
    )

    assert response.status_code == 200
    fouten = {f.instance.titel: f.errors for f in _inlines(response)["OptieBesluitInline"].forms}
    assert "reden" in fouten["Zuid"]
    assert laatste(stap.bestuursproces) == voor
    assert set(stap.opties.values_list("status", flat=True)) == {"open"}


# --- access -----------------------------------------------------------------------------------


@pytest.mark.parametrize("rol", LEZERS)
def test_lezers_zien_maar_wijzigen_niets(
    staf: Any, leden: dict[str, Any], consoliderende_stap: WyberStap, rol: str
) -> None:
    stap = consoliderende_stap
    client = staf(leden[rol])
    lijst = client.get(_url("wyberstap", "changelist"))
    assert stap.doel in lijst.content.decode()
    assert lijst.context["action_form"] is None  # no actions for readers
    pagina = client.get(_url("wyberstap", "change", stap.pk))
    assert pagina.status_code == 200
    assert pagina.context["has_change_permission"] is False
    assert set(_inlines(pagina)) == {"OptiesInline", "ConsolidatieInline", "InstemmingenInline"}
    assert "naar_volgende_fase" not in pagina.content.decode()
    assert client.get(_url("wyberstap", "add")).status_code == 403
    voor = laatste(stap.bestuursproces)

    [instemming] = stap.instemmingen.filter(speler__isnull=False)
    assert client.post(_url("wyberstap", "change", stap.pk), {}).status_code == 403
    _actie(client, "naar_volgende_fase", [stap])
    _actie(client, "heropenen", [stap], bevestigd="ja", reden="Ik lees alleen")
    assert client.post(_url("wyberstap", "delete", stap.pk), {"post": "yes"}).status_code == 403

    assert laatste(stap.bestuursproces) == voor
    instemming.refresh_from_db()
    assert instemming.status == "nog_geen_reactie"


def test_buitenstaander_ziet_geen_stappen(
    staf: Any, leden: dict[str, Any], consoliderende_stap: WyberStap
) -> None:
    stap = consoliderende_stap
    client = staf(leden["buitenstaander"])
    assert stap.doel not in client.get(_url("wyberstap", "changelist")).content.decode()
    assert client.get(_url("wyberstap", "change", stap.pk)).status_code == 302
    assert client.get(_url("wyberstap", "add")).status_code == 403
    voor = laatste(stap.bestuursproces)
    assert client.post(_url("wyberstap", "change", stap.pk), {}).status_code == 302
    _actie(client, "naar_volgende_fase", [stap])
    assert laatste(stap.bestuursproces) == voor


def test_stappen_worden_niet_verwijderd(staf: Any, leden: dict[str, Any], stap: WyberStap) -> None:
    client = staf(leden["procesregisseur"])
    assert client.post(_url("wyberstap", "delete", stap.pk), {"post": "yes"}).status_code == 403
    lijst = client.get(_url("wyberstap", "changelist"))
    acties = dict(lijst.context["action_form"].fields["action"].choices)
    assert set(acties) == {"", "naar_volgende_fase", "instemmers_wijzigen", "heropenen"}
    assert WyberStap.objects.filter(pk=stap.pk).exists()
