"""Betrokkenheid of several parties at once, by changelist actions: refused as a whole with a
message, or an intermediate page asking the reason, then every party in one transaction."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from cases import services
from cases.exceptions import OngeldigeOvergang
from cases.models import Bestuursproces, Betrokkenheidswijziging, Opdrachtgever, Speler

from ..factories import GebruikerFactory, actor_voor, open_proces
from .admin_helpers import als_staf, gebeurtenistypen, laatste

ACTIES = [
    "betrokkenheid_aansluiten",
    "betrokkenheid_aanhaken",
    "betrokkenheid_afwachten",
    "betrokkenheid_afhaken",
]
TEMPLATE = "admin/cases/betrokkenheid_wijzigen.html"
REDEN = "Eerste gesprekken waren positief"


@pytest.fixture
def browser(client: Client) -> Any:
    return lambda gebruiker: als_staf(client, gebruiker)


def _speler(bestuursproces: Bestuursproces, regisseur: Any, naam: str) -> Speler:
    return services.registreer_speler(
        actor=actor_voor(regisseur),
        bestuursproces=bestuursproces,
        naam=naam,
        soort="persoon",
        veld="verbindende",
        rol_in_proces="betrokkene",
    )


def _opdrachtgever(bestuursproces: Bestuursproces, regisseur: Any, naam: str) -> Opdrachtgever:
    return services.registreer_opdrachtgever(
        actor=actor_voor(regisseur),
        bestuursproces=bestuursproces,
        naam=naam,
        rol="bestuurlijk_opdrachtgever",
    )


@pytest.fixture
def spelers(bestuursproces: Bestuursproces, regisseur: Any) -> list[Speler]:
    return [_speler(bestuursproces, regisseur, naam) for naam in ("Anouk de Wit", "Bram Visser")]


@pytest.fixture
def opdrachtgevers(bestuursproces: Bestuursproces, regisseur: Any) -> list[Opdrachtgever]:
    return [
        _opdrachtgever(bestuursproces, regisseur, naam)
        for naam in ("Wethouder Bakker", "Directeur Jansen")
    ]


def _lijst(model: str) -> str:
    return reverse(f"admin:cases_{model}_changelist")


def _kies(client: Client, model: str, actie: str, partijen: list[Any], **extra: Any) -> Any:
    """Choose an action for the selected rows on the changelist, as its Go button does."""
    data = {"action": actie, "_selected_action": [p.pk for p in partijen], "index": "0"}
    return client.post(_lijst(model), data, **extra)


def _bevestig(client: Client, model: str, actie: str, partijen: list[Any], reden: str) -> Any:
    """Confirm on the intermediate page: what its form posts back."""
    data = {
        "action": actie,
        "_selected_action": [p.pk for p in partijen],
        "bevestigd": "ja",
        "reden": reden,
    }
    return client.post(_lijst(model), data)


def _meldingen(response: Any) -> list[str]:
    return [str(melding) for melding in get_messages(response.wsgi_request)]


def _aangehaakt(partij: Any) -> None:
    services.wijzig_betrokkenheid(
        actor=actor_voor(
            partij.bestuursproces.lidmaatschappen.get(rol="procesregisseur").gebruiker
        ),
        partij=partij,
        actie="aansluiten",
        reden="Al eerder",
    )


def _betrokkenheden(partijen: list[Any]) -> list[str]:
    return [type(p).objects.get(pk=p.pk).betrokkenheid for p in partijen]


# --- the happy path ---------------------------------------------------------------------------


def test_twee_spelers_tegelijk_aansluiten(
    browser: Any, leden: dict[str, Any], spelers: list[Speler]
) -> None:
    bestuursproces = spelers[0].bestuursproces
    client = browser(leden["kernteam"])

    lijst = client.get(_lijst("speler"))
    keuzes = [naam for naam, _ in lijst.context["action_form"].fields["action"].choices]
    assert keuzes == ["", *ACTIES]  # and no delete_selected
    voor = laatste(bestuursproces)

    pagina = _kies(client, "speler", "betrokkenheid_aansluiten", spelers)

    assert pagina.status_code == 200
    assert TEMPLATE in [t.name for t in pagina.templates]
    html = pagina.content.decode()
    assert "Anouk de Wit" in html
    assert "Bram Visser" in html
    assert '<label class="required" for="id_reden">' in html
    assert 'name="bevestigd" value="ja"' in html
    assert 'name="action" value="betrokkenheid_aansluiten"' in html
    assert laatste(bestuursproces) == voor  # the page writes nothing

    response = _bevestig(client, "speler", "betrokkenheid_aansluiten", spelers, REDEN)

    assert response.status_code == 302
    assert response["Location"] == _lijst("speler")
    assert _meldingen(response) == ["De betrokkenheid van 2 spelers is gewijzigd (aansluiten)."]
    assert gebeurtenistypen(bestuursproces, voor) == ["speler.betrokkenheid_gewijzigd"] * 2
    gebeurtenissen = bestuursproces.gebeurtenissen.filter(volgnummer__gt=voor)
    assert {g.payload["wijziging"]["partij"] for g in gebeurtenissen} == {
        str(s.uuid) for s in spelers
    }
    assert {g.toelichting for g in gebeurtenissen} == {REDEN}
    assert {g.herkomst.split("@")[0] for g in gebeurtenissen} == {"web"}
    assert _betrokkenheden(spelers) == ["aangehaakt", "aangehaakt"]
    for speler in spelers:
        [wijziging] = Betrokkenheidswijziging.objects.filter(speler=speler)
        assert (wijziging.van, wijziging.naar, wijziging.reden) == (
            "nog_te_betrekken",
            "aangehaakt",
            REDEN,
        )
        assert wijziging.door == leden["kernteam"]


def test_opdrachtgevers_tegelijk_afwachten(
    browser: Any, leden: dict[str, Any], opdrachtgevers: list[Opdrachtgever]
) -> None:
    bestuursproces = opdrachtgevers[0].bestuursproces
    client = browser(leden["procesregisseur"])
    lijst = client.get(_lijst("opdrachtgever"))
    keuzes = [naam for naam, _ in lijst.context["action_form"].fields["action"].choices]
    assert keuzes == ["", *ACTIES]
    voor = laatste(bestuursproces)

    pagina = _kies(client, "opdrachtgever", "betrokkenheid_afwachten", opdrachtgevers)
    assert TEMPLATE in [t.name for t in pagina.templates]
    assert "Wethouder Bakker" in pagina.content.decode()
    response = _bevestig(
        client, "opdrachtgever", "betrokkenheid_afwachten", opdrachtgevers, "Na de verkiezingen"
    )

    assert response.status_code == 302
    assert _meldingen(response) == [
        "De betrokkenheid van 2 opdrachtgevers is gewijzigd (afwachten)."
    ]
    assert gebeurtenistypen(bestuursproces, voor) == ["opdrachtgever.betrokkenheid_gewijzigd"] * 2
    gebeurtenissen = bestuursproces.gebeurtenissen.filter(volgnummer__gt=voor)
    assert {g.toelichting for g in gebeurtenissen} == {"Na de verkiezingen"}
    assert _betrokkenheden(opdrachtgevers) == ["afwachtend", "afwachtend"]


# --- refused as a whole: a message, no page, nothing written ---------------------------------


@pytest.mark.parametrize("model", ["speler", "opdrachtgever"])
def test_ongeldige_actie_voor_een_van_hen_weigert_alles(
    browser: Any,
    leden: dict[str, Any],
    spelers: list[Speler],
    opdrachtgevers: list[Opdrachtgever],
    model: str,
) -> None:
    partijen: list[Any] = spelers if model == "speler" else opdrachtgevers
    _aangehaakt(partijen[0])
    bestuursproces = partijen[0].bestuursproces
    client = browser(leden["procesregisseur"])
    voor = laatste(bestuursproces)

    # The same refusal if the page is skipped and the confirmation posted straight away.
    for post in (
        lambda: _kies(client, model, "betrokkenheid_aansluiten", partijen),
        lambda: _bevestig(client, model, "betrokkenheid_aansluiten", partijen, REDEN),
    ):
        response = post()
        assert response.status_code == 302
        assert TEMPLATE not in [t.name for t in response.templates]
        [melding] = _meldingen(response)
        assert melding.startswith("Aansluiten kan alleen vanuit: nog te betrekken.")
        assert f"Dat geldt niet voor: {partijen[0].naam} (aangehaakt)." in melding
        assert partijen[1].naam not in melding
        assert melding.endswith("Er is niets gewijzigd.")
        client.get(_lijst(model))  # the message is shown there, and gone
    assert laatste(bestuursproces) == voor
    assert _betrokkenheden(partijen) == ["aangehaakt", "nog_te_betrekken"]


def test_afgerond_proces_weigert_de_actie(
    browser: Any, leden: dict[str, Any], spelers: list[Speler]
) -> None:
    bestuursproces = spelers[0].bestuursproces
    services.wijzig_status(
        actor=actor_voor(leden["procesregisseur"]),
        bestuursproces=bestuursproces,
        status="afgerond",
        uitkomst="Plan vastgesteld",
    )
    client = browser(leden["procesregisseur"])
    voor = laatste(bestuursproces)

    response = _kies(client, "speler", "betrokkenheid_afhaken", spelers)

    assert response.status_code == 302
    assert _meldingen(response) == [
        "Het bestuursproces is afgerond voor: Anouk de Wit, Bram Visser. Er is niets gewijzigd."
    ]
    assert laatste(bestuursproces) == voor
    assert _betrokkenheden(spelers) == ["nog_te_betrekken"] * 2


def test_alleen_lezen_in_het_proces_van_een_partij_weigert_de_actie(
    browser: Any, leden: dict[str, Any], spelers: list[Speler], bestuursproces: Bestuursproces
) -> None:
    """A regisseur elsewhere sees the actions, but may not use them where they only read."""
    gast: Any = GebruikerFactory(username="regisseur-elders")
    open_proces(gast, titel="Eigen proces van de gast")
    services.voeg_lid_toe(
        actor=actor_voor(leden["procesregisseur"]),
        bestuursproces=bestuursproces,
        gebruiker=gast,
        rol="evaluator",
    )
    client = browser(gast)
    lijst = client.get(_lijst("speler"))
    assert lijst.context["action_form"] is not None
    voor = laatste(bestuursproces)

    response = _kies(client, "speler", "betrokkenheid_afhaken", spelers[:1])

    assert response.status_code == 302
    assert _meldingen(response) == [
        "U mag de betrokkenheid niet wijzigen van: Anouk de Wit. Er is niets gewijzigd."
    ]
    assert laatste(bestuursproces) == voor


# --- the reason is required --------------------------------------------------------------------


@pytest.mark.parametrize("reden", ["", "   "])
def test_zonder_reden_toont_de_pagina_opnieuw_met_fout(
    browser: Any, leden: dict[str, Any], spelers: list[Speler], reden: str
) -> None:
    bestuursproces = spelers[0].bestuursproces
    client = browser(leden["procesregisseur"])
    voor = laatste(bestuursproces)

    response = _bevestig(client, "speler", "betrokkenheid_afwachten", spelers, reden)

    assert response.status_code == 200
    assert TEMPLATE in [t.name for t in response.templates]
    assert response.context["form"].errors == {"reden": ["Geef de reden van deze wijziging."]}
    html = response.content.decode()
    assert 'role="alert"' in html  # the error summary
    assert '<a href="#id_reden">Reden: Geef de reden van deze wijziging.</a>' in html
    assert 'aria-invalid="true"' in html
    assert 'aria-describedby="id_reden_helptext id_reden_error"' in html
    assert 'id="id_reden_error"' in html
    assert laatste(bestuursproces) == voor
    assert _betrokkenheden(spelers) == ["nog_te_betrekken"] * 2


# --- one transaction: all of them, or none -----------------------------------------------------


def test_weigering_halverwege_draait_alles_terug(
    browser: Any, leden: dict[str, Any], spelers: list[Speler], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Should the service refuse the second party (a change in between), the first is undone."""
    bestuursproces = spelers[0].bestuursproces
    echt = services.wijzig_betrokkenheid
    aanroepen: list[Any] = []

    def tweede_weigert(**kwargs: Any) -> Any:
        aanroepen.append(kwargs["partij"])
        if len(aanroepen) == 2:
            raise OngeldigeOvergang("Intussen al gewijzigd.")
        return echt(**kwargs)

    monkeypatch.setattr(services, "wijzig_betrokkenheid", tweede_weigert)
    client = browser(leden["procesregisseur"])
    voor = laatste(bestuursproces)

    response = _bevestig(client, "speler", "betrokkenheid_afhaken", spelers, REDEN)

    assert response.status_code == 302
    assert _meldingen(response) == ["Er is niets gewijzigd: Intussen al gewijzigd."]
    assert len(aanroepen) == 2
    assert laatste(bestuursproces) == voor
    assert not Betrokkenheidswijziging.objects.filter(speler__in=spelers).exists()
    assert _betrokkenheden(spelers) == ["nog_te_betrekken"] * 2


# --- readers see no actions, and a forged post changes nothing -------------------------------


@pytest.mark.parametrize("rol", ["opdrachtgever", "evaluator"])
def test_lezers_zien_geen_acties_en_vervalsen_niets(
    browser: Any,
    leden: dict[str, Any],
    spelers: list[Speler],
    opdrachtgevers: list[Opdrachtgever],
    rol: str,
) -> None:
    bestuursproces = spelers[0].bestuursproces
    client = browser(leden[rol])
    voor = laatste(bestuursproces)

    for model, partijen in (("speler", spelers), ("opdrachtgever", opdrachtgevers)):
        lijst = client.get(_lijst(model))
        assert lijst.status_code == 200
        assert lijst.context["action_form"] is None
        assert "betrokkenheid_afhaken" not in lijst.content.decode()

        for response in (
            _kies(client, model, "betrokkenheid_afhaken", partijen),
            _bevestig(client, model, "betrokkenheid_afhaken", partijen, "Gekaapt"),
        ):
            # Without actions the changelist ignores the post and shows itself.
            assert response.status_code in (200, 302, 403)
            assert TEMPLATE not in [t.name for t in response.templates]

    assert laatste(bestuursproces) == voor
    assert _betrokkenheden(spelers) == ["nog_te_betrekken"] * 2
    assert _betrokkenheden(opdrachtgevers) == ["nog_te_betrekken"] * 2


def test_buitenstaander_kan_geen_vreemde_partijen_wijzigen(
    browser: Any, leden: dict[str, Any], spelers: list[Speler]
) -> None:
    """A regisseur of another case: the rows of this case are not even in the queryset."""
    elders = GebruikerFactory(username="regisseur-van-elders")
    open_proces(elders, titel="Elders")
    client = browser(elders)
    voor = laatste(spelers[0].bestuursproces)

    response = _bevestig(client, "speler", "betrokkenheid_afhaken", spelers, "Gekaapt")

    assert response.status_code == 302
    assert laatste(spelers[0].bestuursproces) == voor
    assert _betrokkenheden(spelers) == ["nog_te_betrekken"] * 2


# --- in English on request ---------------------------------------------------------------------


def test_tussenpagina_in_het_engels(
    browser: Any, leden: dict[str, Any], spelers: list[Speler]
) -> None:
    client = browser(leden["procesregisseur"])

    lijst = client.get(_lijst("speler"), HTTP_ACCEPT_LANGUAGE="en")
    labels = [str(label) for _, label in lijst.context["action_form"].fields["action"].choices]
    assert labels[1:] == ["Join…", "Re-engage…", "Wait and see…", "Drop out…"]

    pagina = _kies(client, "speler", "betrokkenheid_aansluiten", spelers, HTTP_ACCEPT_LANGUAGE="en")

    assert pagina.status_code == 200
    html = pagina.content.decode()
    assert '<html lang="en"' in html
    assert "Change involvement: Join" in html
    assert ">Reason <" in html
    assert "Reden" not in html
    assert "Betrokkenheid" not in html
