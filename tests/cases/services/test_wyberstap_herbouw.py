"""Replaying a whole scripted story of wyber-stappen gives the current state, and a
momentopname in between gives the state as it stood then."""

from __future__ import annotations

from django.utils import timezone

from cases import selectors, services
from cases.events import Actor, herbouw
from cases.models import Bestuursproces, Optie

from ._hulp import (
    breng_in,
    consolideer,
    gebeurtenissen_na,
    instemmende_opdrachtgever,
    instemmende_speler,
    laatste_volgnummer,
    maak_speler,
    start_stap,
    stem_in,
)

# --- replay ------------------------------------------------------------------------------------


def test_herbouw_van_het_hele_verhaal_is_de_huidige_toestand(
    bestuursproces: Bestuursproces, actor: Actor
) -> None:
    """Several steps, options, a consolidation, consents, a change of instemmers and a
    reopening: replaying the log gives the tables, and a momentopname in between gives the
    tables as they stood then."""
    anna = instemmende_speler(actor, bestuursproces, "Anna Aannemer")
    bart = instemmende_speler(actor, bestuursproces, "Bart Bewoners")
    carla = maak_speler(actor, bestuursproces, naam="Carla Corporatie")
    haven = instemmende_opdrachtgever(actor, bestuursproces, "Wethouder Haven")

    # Step 1, in voorstelbaar: three options from three sources, one merged into another.
    stap1 = start_stap(actor, bestuursproces, doel="Welke functies krijgt het kwartier?")
    wonen = services.breng_optie_in(actor=actor, stap=stap1, titel="Wonen", speler=anna)
    werken = services.breng_optie_in(
        actor=actor, stap=stap1, titel="Werken", opdrachtgever=haven, omschrijving="Bedrijven"
    )
    mix = services.breng_optie_in(actor=actor, stap=stap1, titel="Gemengd")
    services.wijzig_fase(actor=actor, stap=stap1, naar="convergeren", toelichting="Genoeg")
    services.besluit_over_optie(actor=actor, optie=mix, status="gekozen")
    services.besluit_over_optie(
        actor=actor, optie=wonen, status="samengevoegd", samengevoegd_in=mix, reden="Past erin"
    )
    services.besluit_over_optie(actor=actor, optie=werken, status="verworpen", reden="Te eenzijdig")
    services.wijzig_fase(actor=actor, stap=stap1, naar="consolideren")
    consolideer(
        actor,
        stap1,
        [anna, bart, haven],  # Carla is asked later (wijzig_instemmers)
        uitkomst="commitment",
        document_titel="Intentieovereenkomst",
        document_url="https://havenstad.example/intentie.pdf",
    )
    stem_in(actor, stap1, anna)
    stem_in(actor, stap1, bart, status="ingestemd_onder_voorbehoud", voorbehoud="Mits groen")

    # Step 2 starts alongside; the moment in between is taken here.
    stap2 = start_stap(actor, bestuursproces, doel="Hoeveel woningen?")
    breng_in(actor, stap2, "Vierhonderd", "Zeshonderd")
    bestuursproces.refresh_from_db()
    midden = selectors.huidige_toestand(bestuursproces)
    midden_volgnummer = laatste_volgnummer(bestuursproces)
    midden_tijdstip = gebeurtenissen_na(bestuursproces, midden_volgnummer - 1)[0].tijdstip

    # Step 1 settles: Bart consents after all, the opdrachtgever decides.
    stem_in(actor, stap1, bart)
    stem_in(
        actor, stap1, haven, besloten_op=timezone.localdate(), besluitreferentie="Collegebesluit"
    )
    services.wijzig_stadium(
        actor=actor, bestuursproces=bestuursproces, naar="houdbaar", toelichting="Stap 1 staat"
    )

    # Step 2 goes on after the move: one merged, one chosen; the instemmers change, then settle.
    vierhonderd, zeshonderd = Optie.objects.filter(stap=stap2)
    services.wijzig_fase(actor=actor, stap=stap2, naar="convergeren")
    services.besluit_over_optie(actor=actor, optie=zeshonderd, status="gekozen")
    services.besluit_over_optie(
        actor=actor, optie=vierhonderd, status="samengevoegd", samengevoegd_in=zeshonderd
    )
    services.wijzig_fase(actor=actor, stap=stap2, naar="consolideren")
    consolideer(actor, stap2, [anna, bart, haven], uitkomst="tolerantie")
    stem_in(actor, stap2, anna)
    services.wijzig_instemmers(
        actor=actor,
        stap=stap2,
        reden="De corporatie bouwt; de bewoners zijn via de wethouder vertegenwoordigd",
        toevoegen=[carla],
        verwijderen=[bart],
    )
    stem_in(actor, stap2, carla, status="niet_ingestemd", formeel_besloten=True)
    stem_in(actor, stap2, carla)
    services.wijzig_instemmers(
        actor=actor, stap=stap2, reden="Het mandaat ligt nu bij de corporatie", verwijderen=[haven]
    )

    # Step 1 goes back on the table, in a new step that is still open.
    stap3 = services.heropen_wyberstap(
        actor=actor, stap=stap1, reden="De rijksbijdrage is vervallen", doel="Opnieuw: functies"
    )
    breng_in(actor, stap3, "Minder wonen")

    bestuursproces.refresh_from_db()
    nu = selectors.huidige_toestand(bestuursproces)
    alle = list(selectors.gebeurtenissen(bestuursproces))
    assert herbouw(alle) == nu
    assert [(s["volgnummer"], s["fase"], s["stadium"]) for s in nu["wyberstappen"]] == [
        (1, "geconsolideerd", "voorstelbaar"),
        (2, "geconsolideerd", "voorstelbaar"),  # started before the case moved on
        (3, "divergeren", "houdbaar"),
    ]
    assert nu["wyberstappen"][2]["heropent"] == str(stap1.uuid)
    assert nu["wyberstappen"][0]["consolidatie"]["uitkomst"] == "commitment"
    assert len(nu["wyberstappen"][1]["instemmingen"]) == 2

    # The moment in between: what the tables said then is what the log says about then.
    assert alle[midden_volgnummer].tijdstip > midden_tijdstip  # nothing later shares it
    assert selectors.momentopname(bestuursproces, midden_tijdstip) == midden
    assert herbouw(alle[:midden_volgnummer]) == midden
    assert [s["fase"] for s in midden["wyberstappen"]] == ["consolideren", "divergeren"]
    assert [i["status"] for i in midden["wyberstappen"][0]["instemmingen"]] == [
        "ingestemd",
        "ingestemd_onder_voorbehoud",
        "nog_geen_reactie",
    ]
