"""A party without formal decision-making (residents, a platform): its consent alone makes it
rond, so the regisseur need not invent a "formal decision" (issue 14, item 6)."""

from __future__ import annotations

from typing import Any

from cases import services
from cases.events import Actor, herbouw
from cases.events.wereldtijd import geschiedenis
from cases.models import Bestuursproces, Instemming
from cases.selectors import huidige_toestand

from ._hulp import (
    consolideer,
    gebeurtenissen_na,
    instemmende_opdrachtgever,
    instemmende_speler,
    laatste_volgnummer,
    naar_consolideren,
)


def test_instemming_volstaat_zonder_formeel_besluit_en_de_stap_wordt_geconsolideerd(
    bestuursproces: Bestuursproces, actor: Actor
) -> None:
    bewoners = instemmende_speler(
        actor, bestuursproces, "Bewonersplatform", soort="groep", formeel_besluit_nodig=False
    )
    raad = instemmende_opdrachtgever(actor, bestuursproces, "Gemeenteraad")
    stap, _ = naar_consolideren(actor, bestuursproces, "Wonen")
    consolideer(actor, stap, [bewoners, raad])
    [van_bewoners] = Instemming.objects.filter(stap=stap, speler=bewoners)
    [van_raad] = Instemming.objects.filter(stap=stap, opdrachtgever=raad)
    assert (van_bewoners.formeel_besluit_nodig, van_raad.formeel_besluit_nodig) == (False, True)

    volgnummer = laatste_volgnummer(bestuursproces)
    services.leg_instemming_vast(actor=actor, instemming=van_bewoners, status="ingestemd")
    [gebeurtenis] = gebeurtenissen_na(bestuursproces, volgnummer)
    assert gebeurtenis.payload["instemming"]["formeelBesluitNodig"] is False
    assert gebeurtenis.payload["instemming"]["formeelBesloten"] is False
    van_bewoners.refresh_from_db()
    assert van_bewoners.rond

    # The raad must still decide formally; its consent alone leaves the step open.
    services.leg_instemming_vast(actor=actor, instemming=van_raad, status="ingestemd")
    stap.refresh_from_db()
    assert stap.fase == "consolideren"
    volgnummer = laatste_volgnummer(bestuursproces)
    services.leg_instemming_vast(
        actor=actor, instemming=van_raad, status="ingestemd", formeel_besloten=True
    )
    stap.refresh_from_db()
    assert stap.fase == "geconsolideerd"
    assert [g.type for g in gebeurtenissen_na(bestuursproces, volgnummer)] == [
        "instemming.vastgelegd",
        "wyberstap.fase_gewijzigd",
    ]
    assert herbouw(geschiedenis(bestuursproces.pk)) == huidige_toestand(bestuursproces)
    # The stadium gate reads the same rule from the history.
    services.wijzig_stadium(
        actor=actor, bestuursproces=bestuursproces, naar="houdbaar", toelichting="Draagvlak"
    )


def test_later_gemarkeerd_telt_bij_het_volgende_antwoord(
    bestuursproces: Bestuursproces, actor: Actor, regisseur: Any
) -> None:
    platform = instemmende_speler(actor, bestuursproces, "Filmgroep", soort="groep")
    stap, _ = naar_consolideren(actor, bestuursproces, "Wonen")
    consolideer(actor, stap, [platform])
    [instemming] = Instemming.objects.filter(stap=stap)
    assert instemming.formeel_besluit_nodig

    services.wijzig_speler(
        actor=actor,
        speler=platform,
        wijzigingen={"formeel_besluit_nodig": False},
        toelichting="De filmgroep besluit niets formeel",
    )
    laatste = gebeurtenissen_na(bestuursproces, laatste_volgnummer(bestuursproces) - 1)[0]
    assert laatste.payload["wijzigingen"] == {"formeelBesluitNodig": False}
    services.leg_instemming_vast(actor=actor, instemming=instemming, status="ingestemd")
    stap.refresh_from_db()
    assert stap.fase == "geconsolideerd"
    assert herbouw(geschiedenis(bestuursproces.pk)) == huidige_toestand(bestuursproces)
