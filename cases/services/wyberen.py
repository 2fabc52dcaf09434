"""Wyber-stappen: start a step, bring in options, choose among them, move through the phases.

Phases only move forward, one at a time: divergeren → convergeren (needs at least one optie)
→ consolideren (needs a gekozen optie and no open ones). The last move, to geconsolideerd,
is not made by hand: it follows when every required party has consented and decided (see
:mod:`cases.services.consolidatie`).
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext

from cases.events import Actor, append_event
from cases.events.payloads import optie_gegevens, wyberstap_gegevens
from cases.exceptions import OngeldigeInvoer, OngeldigeOvergang
from cases.models import (
    Bestuursproces,
    Fase,
    Opdrachtgever,
    Optie,
    Speler,
    WyberStap,
)
from procesregie.transacties import in_transactie

from ._common import eis_open, valideer, vergrendel
from ._wereldtijd import is_laat, leg_over, stand_op

FASEN = list(Fase)


def vergrendel_stap(
    stap: WyberStap, tijdstip: dt.datetime | None = None
) -> tuple[Bestuursproces, WyberStap]:
    """Lock the case (which serialises every write to its steps) and re-read the step; for a
    fact entered late, the step's phase is the one it was in at ``tijdstip``."""
    bestuursproces = vergrendel(stap.bestuursproces_id)
    eis_open(bestuursproces, tijdstip)
    stap = WyberStap.objects.select_related("heropent").get(pk=stap.pk)
    if tijdstip is not None and is_laat(bestuursproces, tijdstip):
        leg_over(stand_op(bestuursproces, tijdstip), stap)
    return bestuursproces, stap


def eis_fase(stap: WyberStap, fase: Fase, wat: str) -> None:
    if stap.fase != fase:
        raise OngeldigeOvergang(
            gettext("%(wat)s kan alleen tijdens %(fase)s; stap %(nummer)d is in %(huidig)s.")
            % {
                "wat": wat,
                "fase": fase.label.lower(),
                "nummer": stap.volgnummer,
                "huidig": Fase(stap.fase).label.lower(),
            },
            code="verkeerde-fase",
        )


@in_transactie
def start_wyberstap(
    *,
    actor: Actor,
    bestuursproces: Bestuursproces,
    doel: str,
    heropent: WyberStap | None = None,
    heropeningsreden: str = "",
    toelichting: str = "",
    tijdstip: dt.datetime | None = None,
) -> WyberStap:
    """Open a new step in the case's current stadium; it starts by divergeren."""
    bestuursproces = vergrendel(bestuursproces)
    eis_open(bestuursproces, tijdstip)
    if heropent is not None:
        # Only a settled step of this very case can be reopened, and always with a reason.
        if heropent.bestuursproces_id != bestuursproces.pk:
            raise OngeldigeInvoer(
                {"heropent": [("does_not_exist", gettext("Deze stap hoort niet bij dit proces."))]}
            )
        heropent = WyberStap.objects.get(pk=heropent.pk)
        eis_fase(heropent, Fase.GECONSOLIDEERD, gettext("Een stap heropenen"))
        if not heropeningsreden.strip():
            raise OngeldigeInvoer(
                {"heropeningsreden": [("required", gettext("Geef de reden van de heropening."))]}
            )
    elif heropeningsreden:
        raise OngeldigeInvoer(
            {
                "heropeningsreden": [
                    ("invalid", gettext("Een heropeningsreden hoort bij een heropening."))
                ]
            }
        )
    nu = tijdstip or timezone.now()
    hoogste = WyberStap.objects.filter(bestuursproces=bestuursproces).aggregate(m=Max("volgnummer"))
    stap = WyberStap(
        bestuursproces=bestuursproces,
        volgnummer=(hoogste["m"] or 0) + 1,
        doel=doel,
        stadium=bestuursproces.stadium,
        fase=Fase.DIVERGEREN,
        gestart_op=nu,
        heropent=heropent,
        heropeningsreden=heropeningsreden,
    )
    valideer(stap)
    stap.save(force_insert=True)
    append_event(
        bestuursproces=bestuursproces,
        type="wyberstap.gestart",
        actor=actor,
        toelichting=toelichting or heropeningsreden,
        tijdstip=nu,
        payload={"stap": wyberstap_gegevens(stap, heropent.uuid if heropent else None)},
    )
    return stap


@in_transactie
def breng_optie_in(
    *,
    actor: Actor,
    stap: WyberStap,
    titel: str,
    omschrijving: str = "",
    speler: Speler | None = None,
    opdrachtgever: Opdrachtgever | None = None,
    toelichting: str = "",
    tijdstip: dt.datetime | None = None,
) -> Optie:
    """An option brought in while divergeren, by a speler, an opdrachtgever or the regisseur."""
    bestuursproces, stap = vergrendel_stap(stap, tijdstip)
    eis_fase(stap, Fase.DIVERGEREN, gettext("Een optie inbrengen"))
    for naam, partij in (("speler", speler), ("opdrachtgever", opdrachtgever)):
        if partij is not None and partij.bestuursproces_id != bestuursproces.pk:
            raise OngeldigeInvoer(
                {naam: [("does_not_exist", gettext("Hoort niet bij dit proces."))]}
            )
    if speler is not None and opdrachtgever is not None:
        raise OngeldigeInvoer(
            {
                "opdrachtgever": [
                    ("invalid", gettext("Een optie komt van één partij of van de regisseur."))
                ]
            }
        )
    nu = tijdstip or timezone.now()
    optie = Optie(
        bestuursproces=bestuursproces,
        stap=stap,
        titel=titel,
        omschrijving=omschrijving,
        speler=speler,
        opdrachtgever=opdrachtgever,
        ingebracht_op=nu,
    )
    valideer(optie)
    optie.save(force_insert=True)
    append_event(
        bestuursproces=bestuursproces,
        type="optie.ingebracht",
        actor=actor,
        toelichting=toelichting,
        tijdstip=nu,
        payload={
            "stap": str(stap.uuid),
            "optie": optie_gegevens(
                optie,
                speler.uuid if speler else None,
                opdrachtgever.uuid if opdrachtgever else None,
            ),
        },
    )
    return optie


@in_transactie
def besluit_over_optie(
    *,
    actor: Actor,
    optie: Optie,
    status: str,
    reden: str = "",
    samengevoegd_in: Optie | None = None,
    tijdstip: dt.datetime | None = None,
) -> Optie:
    """While convergeren: choose an option, reject it (with a reason) or merge it into another."""
    bestuursproces, stap = vergrendel_stap(optie.stap, tijdstip)
    eis_fase(stap, Fase.CONVERGEREN, gettext("Over een optie besluiten"))
    optie = Optie.objects.get(pk=optie.pk)
    if samengevoegd_in is not None:
        # Judge the target as it stands now, not as the caller last read it.
        samengevoegd_in = Optie.objects.get(pk=samengevoegd_in.pk)
    fouten: dict[str, list[tuple[str, str]]] = {}
    if status not in Optie.Status.values:
        fouten["status"] = [("invalid_choice", gettext("'%s' is geen geldige status.") % (status,))]
    if status == Optie.Status.VERWORPEN and not reden.strip():
        fouten["reden"] = [("required", gettext("Geef de reden waarom de optie is verworpen."))]
    if status == Optie.Status.SAMENGEVOEGD and (
        samengevoegd_in is None
        or samengevoegd_in.stap_id != stap.pk
        or samengevoegd_in.pk == optie.pk
        or samengevoegd_in.status == Optie.Status.SAMENGEVOEGD
    ):
        fouten["samengevoegd_in"] = [
            (
                "invalid",
                gettext("Voeg samen met een andere, niet zelf samengevoegde optie van deze stap."),
            )
        ]
    if fouten:
        raise OngeldigeInvoer(fouten)
    optie.status = status
    optie.reden = reden
    optie.samengevoegd_in = samengevoegd_in if status == Optie.Status.SAMENGEVOEGD else None
    optie.save(update_fields=["status", "reden", "samengevoegd_in"])
    append_event(
        bestuursproces=bestuursproces,
        type="optie.besloten",
        actor=actor,
        toelichting=reden,
        tijdstip=tijdstip,
        payload={
            "stap": str(stap.uuid),
            "optie": str(optie.uuid),
            "status": status,
            "reden": reden,
            "samengevoegdIn": str(optie.samengevoegd_in.uuid) if optie.samengevoegd_in else None,
        },
    )
    return optie


def _eis_fase_klaar(stap: WyberStap, naar: str) -> None:
    """What a phase needs before the step may leave it."""
    opties = Optie.objects.filter(stap=stap)
    if naar == Fase.CONVERGEREN and not opties.exists():
        raise OngeldigeOvergang(
            gettext("Convergeren kan pas als er tijdens divergeren opties zijn ingebracht."),
            veld="naar",
            code="geen-opties",
        )
    if naar == Fase.CONSOLIDEREN:
        if not opties.filter(status=Optie.Status.GEKOZEN).exists():
            raise OngeldigeOvergang(
                gettext("Consolideren kan pas als er een optie is gekozen."),
                veld="naar",
                code="geen-gekozen-optie",
            )
        open_ = list(opties.filter(status=Optie.Status.OPEN).values_list("titel", flat=True))
        if open_:
            raise OngeldigeOvergang(
                gettext("Besluit eerst over de open opties: %s.") % ", ".join(open_),
                veld="naar",
                code="open-opties",
            )


@in_transactie
def wijzig_fase(
    *,
    actor: Actor,
    stap: WyberStap,
    naar: str,
    toelichting: str = "",
    tijdstip: dt.datetime | None = None,
) -> WyberStap:
    """Move a step one phase on: divergeren → convergeren → consolideren."""
    bestuursproces, stap = vergrendel_stap(stap, tijdstip)
    if naar not in Fase.values:
        raise OngeldigeInvoer(
            {"naar": [("invalid_choice", gettext("'%s' is geen geldige fase.") % (naar,))]}
        )
    if naar == Fase.GECONSOLIDEERD:
        raise OngeldigeOvergang(
            gettext(
                "Een stap wordt geconsolideerd zodra alle vereiste partijen hebben ingestemd en "
                "formeel hebben besloten; leg hun instemming vast."
            ),
            veld="naar",
            code="consolidatie-via-instemming",
        )
    van = Fase(stap.fase)
    if van == Fase.GECONSOLIDEERD:
        raise OngeldigeOvergang(
            gettext(
                "Stap %d is geconsolideerd en verandert niet meer van fase; "
                "stel haar opnieuw ter discussie met een heropening."
            )
            % (stap.volgnummer,),
            veld="naar",
            code="fase-overgeslagen",
        )
    if FASEN.index(Fase(naar)) != FASEN.index(van) + 1:
        raise OngeldigeOvergang(
            gettext("Van %(van)s gaat een stap alleen naar %(naar)s.")
            % {"van": van.label.lower(), "naar": FASEN[FASEN.index(van) + 1].label.lower()},
            veld="naar",
            code="fase-overgeslagen",
        )
    _eis_fase_klaar(stap, naar)
    nu = tijdstip or timezone.now()
    stap.fase = naar
    veld = "convergeren_op" if naar == Fase.CONVERGEREN else "consolideren_op"
    setattr(stap, veld, nu)
    stap.save(update_fields=["fase", veld])
    append_event(
        bestuursproces=bestuursproces,
        type="wyberstap.fase_gewijzigd",
        actor=actor,
        toelichting=toelichting,
        tijdstip=nu,
        payload={"stap": str(stap.uuid), "van": van.value, "naar": naar},
    )
    return stap
