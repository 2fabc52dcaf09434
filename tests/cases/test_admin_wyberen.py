"""Wyber-stappen in the admin: each step of divergeren, convergeren and consolideren goes
through the services with exactly its events. What the domain refuses, and who may see and
change what, is in test_admin_wyberen_weigeringen."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from cases import services
from cases.models import Bestuursproces, Fase, Instemming, Opdrachtgever, Speler, WyberStap

from ..factories import GebruikerFactory, actor_voor, open_proces
from .admin_helpers import (
    _actie,
    _bewaar,
    _fase,
    _inlines,
    _opties,
    _url,
    gebeurtenistypen,
    laatste,
)

# --- the whole way through the admin, with exactly the expected events ------------------------


def test_stap_starten_alleen_in_processen_waar_de_gebruiker_schrijft(
    staf: Any, leden: dict[str, Any], bestuursproces: Bestuursproces
) -> None:
    regisseur = leden["procesregisseur"]
    elders = open_proces(GebruikerFactory(username="ander"), titel="Meelezen elders")
    services.voeg_lid_toe(
        actor=actor_voor(elders.lidmaatschappen.get().gebruiker),
        bestuursproces=elders,
        gebruiker=regisseur,
        rol="evaluator",
    )
    client = staf(leden["kernteam"])
    pagina = client.get(_url("wyberstap", "add"))
    assert pagina.status_code == 200
    assert set(pagina.context["adminform"].form.fields["bestuursproces"].queryset) == {
        bestuursproces
    }
    client = staf(regisseur)
    assert set(
        client.get(_url("wyberstap", "add"))
        .context["adminform"]
        .form.fields["bestuursproces"]
        .queryset
    ) == {bestuursproces}
    voor = laatste(bestuursproces)

    response = client.post(
        _url("wyberstap", "add"),
        {"bestuursproces": bestuursproces.pk, "doel": "Kiezen waar de kade komt"},
    )

    assert response.status_code == 302, response.context and response.context["errors"]
    assert gebeurtenistypen(bestuursproces, voor) == ["wyberstap.gestart"]
    stap = WyberStap.objects.get()
    assert (stap.volgnummer, stap.fase, stap.stadium) == (1, "divergeren", bestuursproces.stadium)
    voor_elders = laatste(elders)
    geweigerd = client.post(
        _url("wyberstap", "add"), {"bestuursproces": elders.pk, "doel": "Niet hier"}
    )
    assert "bestuursproces" in geweigerd.context["adminform"].form.errors  # where it only reads
    assert laatste(elders) == voor_elders
    assert WyberStap.objects.count() == 1


def test_opties_inbrengen_en_naar_convergeren(
    staf: Any, leden: dict[str, Any], stap: WyberStap, partijen: Any
) -> None:
    speler, _ = partijen
    client = staf(leden["kernteam"])
    pagina = client.get(_url("wyberstap", "change", stap.pk))
    inlines = _inlines(pagina)
    assert set(inlines) == {"OptiesInline", "NieuweOptieInline"}
    nieuw = inlines["NieuweOptieInline"].prefix
    voor = laatste(stap.bestuursproces)

    response = _bewaar(
        client,
        stap,
        pagina,
        {f"{nieuw}-0-titel": "Kade aan de noordzijde", f"{nieuw}-0-speler": speler.pk},
    )
    assert response.status_code == 302, response.context and response.context["errors"]
    pagina = client.get(_url("wyberstap", "change", stap.pk))
    response = _bewaar(client, stap, pagina, {f"{nieuw}-0-titel": "Kade aan de zuidzijde"})
    assert response.status_code == 302

    assert gebeurtenistypen(stap.bestuursproces, voor) == ["optie.ingebracht"] * 2
    noord, zuid = stap.opties.all()
    assert (noord.speler, zuid.speler, zuid.opdrachtgever) == (speler, None, None)
    assert "de procesregisseur" in client.get(_url("wyberstap", "change", stap.pk)).content.decode()

    voor = laatste(stap.bestuursproces)
    actie = {"action": "naar_volgende_fase", "_selected_action": [stap.pk], "_vanaf_stap": "ja"}
    # Irreversible: first a page that asks why; nothing moves yet.
    bevestiging = client.post(_url("wyberstap", "changelist"), actie)
    assert bevestiging.status_code == 200
    assert laatste(stap.bestuursproces) == voor
    response = client.post(
        _url("wyberstap", "changelist"),
        {**actie, "bevestigd": "ja", "toelichting": "Genoeg opties op tafel"},
    )
    assert response["Location"] == _url("wyberstap", "change", stap.pk)
    assert gebeurtenistypen(stap.bestuursproces, voor) == ["wyberstap.fase_gewijzigd"]
    stap.refresh_from_db()
    assert stap.fase == "convergeren"


def test_besluiten_over_opties_en_naar_consolideren(
    staf: Any, leden: dict[str, Any], stap: WyberStap
) -> None:
    regisseur = leden["procesregisseur"]
    noord, zuid, oost = _opties(stap, regisseur, "Noord", "Zuid", "Oost")
    _fase(stap, regisseur, Fase.CONVERGEREN)
    client = staf(regisseur)
    pagina = client.get(_url("wyberstap", "change", stap.pk))
    besluiten = _inlines(pagina)["OptieBesluitInline"]
    assert "NieuweOptieInline" not in _inlines(pagina)
    rij = {form.instance.titel: form.prefix for form in besluiten.forms}
    voor = laatste(stap.bestuursproces)

    response = _bewaar(
        client,
        stap,
        pagina,
        {
            f"{rij['Noord']}-status": "gekozen",
            f"{rij['Zuid']}-status": "verworpen",
            f"{rij['Zuid']}-reden": "Te duur",
            f"{rij['Oost']}-status": "samengevoegd",
            f"{rij['Oost']}-samengevoegd_in": noord.pk,
        },
    )

    assert response.status_code == 302, response.context and response.context["errors"]
    assert gebeurtenistypen(stap.bestuursproces, voor) == ["optie.besloten"] * 3
    for optie in (noord, zuid, oost):
        optie.refresh_from_db()
    assert (noord.status, zuid.status, zuid.reden) == ("gekozen", "verworpen", "Te duur")
    assert (oost.status, oost.samengevoegd_in) == ("samengevoegd", noord)
    assert (
        _inlines(client.get(_url("wyberstap", "change", stap.pk)))["OptieBesluitInline"].forms == []
    )  # no open options left

    voor = laatste(stap.bestuursproces)
    response = _actie(
        client, "naar_volgende_fase", [stap], bevestigd="ja", toelichting="Noord is gekozen"
    )
    assert response.status_code == 302
    assert gebeurtenistypen(stap.bestuursproces, voor) == ["wyberstap.fase_gewijzigd"]
    stap.refresh_from_db()
    assert stap.fase == "consolideren"


def test_consolideren_met_standaard_instemmers(
    staf: Any, leden: dict[str, Any], stap: WyberStap, partijen: Any
) -> None:
    regisseur = leden["procesregisseur"]
    [optie] = _opties(stap, regisseur, "Noord")
    _fase(stap, regisseur, Fase.CONVERGEREN)
    services.besluit_over_optie(actor=actor_voor(regisseur), optie=optie, status="gekozen")
    _fase(stap, regisseur, Fase.CONSOLIDEREN)
    client = staf(regisseur)
    pagina = client.get(_url("wyberstap", "change", stap.pk))
    formset = _inlines(pagina)["NieuweConsolidatieInline"]
    keuzes = dict(formset.forms[0].fields["instemmers"].choices)
    assert len(keuzes) == 3  # every speler and opdrachtgever of the case
    nieuw = formset.prefix
    voor = laatste(stap.bestuursproces)

    response = _bewaar(
        client,
        stap,
        pagina,
        {
            f"{nieuw}-0-uitkomst": "commitment",
            f"{nieuw}-0-tekst": "De kade komt aan de noordzijde",
            f"{nieuw}-0-document_titel": "Intentieovereenkomst",
            f"{nieuw}-0-document_url": "https://example.org/intentie.pdf",
        },
    )

    assert response.status_code == 302, response.context and response.context["errors"]
    assert gebeurtenistypen(stap.bestuursproces, voor) == ["consolidatie.vastgelegd"]
    assert stap.consolidatie.document_titel == "Intentieovereenkomst"
    # The default: every party that has not afgehaakt (here all three of the case).
    gevraagd = {partij_van(i) for i in stap.instemmingen.all()}
    assert set(partijen) < gevraagd
    assert len(gevraagd) == len(keuzes)
    inlines = _inlines(client.get(_url("wyberstap", "change", stap.pk)))
    assert "NieuweConsolidatieInline" not in inlines
    assert "ConsolidatieInline" in inlines


def partij_van(instemming: Instemming) -> Speler | Opdrachtgever:
    return instemming.speler or instemming.opdrachtgever  # type: ignore[return-value]


def test_instemmingen_vastleggen_tot_de_stap_geconsolideerd_is(
    staf: Any, leden: dict[str, Any], consoliderende_stap: WyberStap
) -> None:
    stap = consoliderende_stap
    client = staf(leden["kernteam"])

    def rijen(pagina: Any) -> dict[str, str]:
        forms = _inlines(pagina)["InstemmingenInline"].forms
        return {partij_van(f.instance).naam: f.prefix for f in forms}

    pagina = client.get(_url("wyberstap", "change", stap.pk))
    rij = rijen(pagina)
    voor = laatste(stap.bestuursproces)
    response = _bewaar(
        client,
        stap,
        pagina,
        {
            f"{rij['Anouk de Wit']}-status": "ingestemd",
            f"{rij['Anouk de Wit']}-formeel_besloten": "on",
            # The moment of the decision: today, in a case opened today.
            f"{rij['Anouk de Wit']}-besloten_op": timezone.localdate().isoformat(),
            f"{rij['Anouk de Wit']}-besluitreferentie": "DB-2026-14",
            f"{rij['Wethouder Bakker']}-status": "ingestemd_onder_voorbehoud",
            f"{rij['Wethouder Bakker']}-voorbehoud": "Na het raadsdebat",
        },
    )
    assert response.status_code == 302, response.context and response.context["errors"]
    assert gebeurtenistypen(stap.bestuursproces, voor) == ["instemming.vastgelegd"] * 2
    stap.refresh_from_db()
    assert stap.fase == "consolideren"

    pagina = client.get(_url("wyberstap", "change", stap.pk))
    rij = rijen(pagina)
    voor = laatste(stap.bestuursproces)
    response = _bewaar(
        client,
        stap,
        pagina,
        {
            f"{rij['Wethouder Bakker']}-status": "ingestemd",
            f"{rij['Wethouder Bakker']}-voorbehoud": "",
            f"{rij['Wethouder Bakker']}-formeel_besloten": "on",
        },
    )
    assert response.status_code == 302, response.context and response.context["errors"]
    assert gebeurtenistypen(stap.bestuursproces, voor) == [
        "instemming.vastgelegd",
        "wyberstap.fase_gewijzigd",
    ]
    stap.refresh_from_db()
    assert stap.fase == "geconsolideerd"
    pagina = client.get(_url("wyberstap", "change", stap.pk))
    [instemmingen] = [
        inline
        for inline in pagina.context["inline_admin_formsets"]
        if type(inline.opts).__name__ == "InstemmingenInline"
    ]
    assert instemmingen.has_change_permission is False  # settled: the consents are history


def test_alle_instemmingen_in_een_keer(
    staf: Any, leden: dict[str, Any], consoliderende_stap: WyberStap
) -> None:
    stap = consoliderende_stap
    client = staf(leden["procesregisseur"])
    pagina = client.get(_url("wyberstap", "change", stap.pk))
    data = {}
    for form in _inlines(pagina)["InstemmingenInline"].forms:
        data[f"{form.prefix}-status"] = "ingestemd"
        data[f"{form.prefix}-formeel_besloten"] = "on"
    voor = laatste(stap.bestuursproces)

    response = _bewaar(client, stap, pagina, data)

    assert response.status_code == 302, response.context and response.context["errors"]
    assert gebeurtenistypen(stap.bestuursproces, voor) == [
        "instemming.vastgelegd",
        "instemming.vastgelegd",
        "wyberstap.fase_gewijzigd",
    ]


def test_heropenen_vraagt_een_reden(
    staf: Any, leden: dict[str, Any], consoliderende_stap: WyberStap
) -> None:
    stap = consoliderende_stap
    regisseur = leden["procesregisseur"]
    for instemming in stap.instemmingen.all():
        services.leg_instemming_vast(
            actor=actor_voor(regisseur),
            instemming=instemming,
            status="ingestemd",
            formeel_besloten=True,
        )
    client = staf(regisseur)
    pagina = client.get(_url("wyberstap", "change", stap.pk))
    assert 'value="heropenen"' in pagina.content.decode()
    voor = laatste(stap.bestuursproces)

    tussen = _actie(client, "heropenen", [stap], _vanaf_stap="ja")
    assert tussen.status_code == 200
    assert tussen.templates[0].name == "admin/cases/wyberstap_heropenen.html"
    zonder_reden = _actie(client, "heropenen", [stap], bevestigd="ja", _vanaf_stap="ja")
    assert zonder_reden.status_code == 200
    assert "reden" in zonder_reden.context["form"].errors
    assert laatste(stap.bestuursproces) == voor

    response = _actie(
        client, "heropenen", [stap], bevestigd="ja", _vanaf_stap="ja", reden="Raad wil zuid"
    )

    nieuw = WyberStap.objects.get(heropent=stap)
    assert response["Location"] == _url("wyberstap", "change", nieuw.pk)
    assert gebeurtenistypen(stap.bestuursproces, voor) == ["wyberstap.gestart"]
    assert (nieuw.volgnummer, nieuw.fase, nieuw.heropeningsreden) == (
        2,
        "divergeren",
        "Raad wil zuid",
    )
    assert nieuw.doel == stap.doel
