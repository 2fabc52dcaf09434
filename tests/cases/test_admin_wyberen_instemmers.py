"""Changing who must consent to a step's consolidation, in the admin (wijzig_instemmers)."""

from __future__ import annotations

from typing import Any

from cases import services
from cases.models import Instemming, Opdrachtgever, Speler, WyberStap

from ..factories import actor_voor
from .admin_helpers import _actie, _url, gebeurtenistypen, laatste


def test_instemmers_wijzigen_met_een_reden(
    staf: Any, leden: dict[str, Any], consoliderende_stap: WyberStap, partijen: Any
) -> None:
    stap = consoliderende_stap
    speler, opdrachtgever = partijen
    regisseur = leden["procesregisseur"]
    nieuw = services.registreer_speler(
        actor=actor_voor(regisseur),
        bestuursproces=stap.bestuursproces,
        naam="Dorpsraad",
        soort="groep",
        veld="verbindende",
        rol_in_proces="betrokkene",
    )
    client = staf(regisseur)
    assert (
        'value="instemmers_wijzigen"'
        in client.get(_url("wyberstap", "change", stap.pk)).content.decode()
    )
    voor = laatste(stap.bestuursproces)

    tussen = _actie(client, "instemmers_wijzigen", [stap], _vanaf_stap="ja")
    assert tussen.templates[0].name == "admin/cases/wyberstap_instemmers.html"
    keuzes = tussen.context["form"]
    # Only parties of the case not yet asked can be added; only those asked can go.
    te_vragen = set(keuzes.fields["spelers"].queryset)
    assert nieuw in te_vragen
    assert speler not in te_vragen
    assert opdrachtgever not in set(keuzes.fields["opdrachtgevers"].queryset)
    assert {str(i) for i in keuzes.fields["verwijderen"].queryset} == {
        str(i) for i in Instemming.objects.filter(stap=stap)
    }
    leeg = _actie(
        client, "instemmers_wijzigen", [stap], bevestigd="ja", _vanaf_stap="ja", reden="Niets"
    )
    assert leeg.status_code == 200
    assert leeg.context["form"].non_field_errors()
    assert laatste(stap.bestuursproces) == voor

    weg = Instemming.objects.get(stap=stap, opdrachtgever=opdrachtgever)
    response = _actie(
        client,
        "instemmers_wijzigen",
        [stap],
        bevestigd="ja",
        _vanaf_stap="ja",
        reden="De dorpsraad tekent mee; de wethouder besluit via het college",
        spelers=[nieuw.pk],
        verwijderen=[weg.pk],
    )

    assert response["Location"] == _url("wyberstap", "change", stap.pk)
    assert gebeurtenistypen(stap.bestuursproces, voor) == ["instemmers.gewijzigd"]
    gevraagd = {(i.speler_id, i.opdrachtgever_id) for i in Instemming.objects.filter(stap=stap)}
    assert gevraagd == {(speler.pk, None), (nieuw.pk, None)}
    assert isinstance(speler, Speler)
    assert isinstance(opdrachtgever, Opdrachtgever)


def test_alleen_in_de_fase_consolideren_met_een_consolidatie(
    staf: Any, leden: dict[str, Any], stap: WyberStap
) -> None:
    client = staf(leden["procesregisseur"])
    assert (
        'value="instemmers_wijzigen"'
        not in client.get(_url("wyberstap", "change", stap.pk)).content.decode()
    )
    voor = laatste(stap.bestuursproces)

    response = _actie(client, "instemmers_wijzigen", [stap], bevestigd="ja", reden="x")

    # The form asks for a change; the step has no consolidation, so nothing is written.
    assert response.status_code == 200
    assert laatste(stap.bestuursproces) == voor
