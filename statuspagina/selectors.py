"""Reads of the status page: the list of a user's cases and one case as a page model.

Now, the page reads only what it shows, in a fixed number of queries (:mod:`.nu`); for the
end of a chosen day it starts from the case document rebuilt from its event log
(:func:`cases.selectors.momentopname`), both for the viewer's visibility levels. Either way
one builder makes the page (:func:`_pagina`), and the krachtenveld, the tijdlijn and the
attention balance follow the same moment and levels, so the page never shows what the
viewer's role may not see.
"""

from __future__ import annotations

import calendar
import datetime as dt
from decimal import Decimal
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext

from cases.events import soorten
from cases.events.wereldtijd import einde_van
from cases.models import (
    Besluitmoment,
    Bestuursproces,
    Betrokkenheid,
    Fase,
    Instemming,
    Macht,
    Rol,
    Stadium,
    Standpunt,
    Status,
    UitkomstSoort,
    Zichtbaarheid,
)
from cases.selectors import momentopname, stadiumovergangen
from cases.selectors.aandacht import aandacht_uit_staat, verborgen_annotaties, verborgen_uit
from cases.selectors.afscherming import afscherming_annotaties, afscherming_uit
from cases.selectors.krachtenveld import DOORZETTINGSMACHT, krachtenveld_uit_staat
from cases.selectors.tijdlijn import tijdlijn
from instruments.models import VeldCode

from .besluiten import afspraken, recente_besluiten, verlopen_besluitmomenten
from .bijeenkomsten import bijeenkomsten, uit_staat
from .grafieken import grafieken
from .nu import lees_nu
from .pagina import (
    BesluitmomentRegel,
    Delen,
    HuidigeStap,
    IdeeSamenvatting,
    KrachtenveldGroep,
    KrachtenveldPartij,
    Ontbrekend,
    OpdrachtSamenvatting,
    StadiumStap,
    Statuspagina,
    TijdlijnRegel,
    Uitkomst,
)

# The parts of a case document the page shows (the krachtenveld comes from the same spelers
# and opdrachtgevers; at a past moment the attention balance from the interventies, with the
# status each had then). Now the page reads the same parts its own way (.nu).
DELEN_TOEN = frozenset(
    {
        "idee",
        "wyberstappen",
        "spelers",
        "opdrachtgevers",
        "organisaties",
        "besluiten",
        "afspraken",
        "bijeenkomsten",
        "interventies",
    }
)

# How far back the tijdlijn and the attention balance look from the moment shown.
TIJDLIJN_MAANDEN = 3


def _rol(bestuursproces: Bestuursproces) -> str:
    # Annotated by the membership scoping (BestuursprocesQuerySet.voor_lid).
    return str(getattr(bestuursproces, "mijn_rol"))  # noqa: B009


def maanden_terug(moment: dt.datetime, maanden: int) -> dt.datetime:
    """The same local time ``maanden`` calendar months earlier (the day clipped to the month)."""
    lokaal = timezone.localtime(moment)
    jaar, maand = divmod(lokaal.year * 12 + lokaal.month - 1 - maanden, 12)
    dag = min(lokaal.day, calendar.monthrange(jaar, maand + 1)[1])
    return timezone.make_aware(
        dt.datetime.combine(dt.date(jaar, maand + 1, dag), lokaal.time().replace(tzinfo=None))
    )


def statuspagina(bestuursproces: Bestuursproces, *, op: dt.date | None = None) -> Statuspagina:
    """The page of a case for the member it was read for (``bestuursproces.mijn_rol``).

    ``op``: show the case as it stood at the end of that day (Dutch time) instead of now; the
    caller has checked that the case existed by then (see ``forms.MomentFormulier``).
    """
    rol = _rol(bestuursproces)
    zichtbaar = Zichtbaarheid.voor_rol(rol)
    if op is None:
        return pagina_nu(bestuursproces, rol, timezone.now())
    moment = einde_van(op)
    staat = momentopname(bestuursproces, moment, zichtbaar, delen=DELEN_TOEN)
    if staat is None:
        raise ValueError("Het bestuursproces bestond op die datum nog niet.")
    return pagina_uit_document(bestuursproces, rol, staat, moment, op=op)


def pagina_nu(bestuursproces: Bestuursproces, rol: str, moment: dt.datetime) -> Statuspagina:
    """The page of the case now (``moment``), read for the page alone (:mod:`.nu`)."""
    van = maanden_terug(moment, TIJDLIJN_MAANDEN)
    delen = lees_nu(bestuursproces, Zichtbaarheid.voor_rol(rol), moment, van)
    return _pagina(bestuursproces, rol, moment, None, van, delen)


def pagina_uit_document(
    bestuursproces: Bestuursproces,
    rol: str,
    staat: dict[str, Any],
    moment: dt.datetime,
    *,
    op: dt.date | None,
) -> Statuspagina:
    """The page of a case document (a momentopname with :data:`DELEN_TOEN`, as the role
    sees it) at ``moment``: the attention balance from its interventies (with the status each
    had then), the rest of the page from the tables up to ``moment``."""
    zichtbaar = Zichtbaarheid.voor_rol(rol)
    van = maanden_terug(moment, TIJDLIJN_MAANDEN)
    tot = timezone.localdate(moment)
    balans = aandacht_uit_staat(staat, van=timezone.localdate(van), tot=tot)
    afgeschermd = _afgeschermd(bestuursproces, zichtbaar, tot=tot, weken=balans.weken)
    overgangen = list(
        stadiumovergangen(bestuursproces).filter(tijdstip__lte=moment).order_by("tijdstip", "id")
    )
    delen = Delen(
        staat=staat,
        begin=overgangen[0].van if overgangen else None,
        bereikt={overgang.naar: overgang.tijdstip for overgang in overgangen},
        aandacht=balans,
        verborgen_aandacht=verborgen_uit(afgeschermd),
        afscherming=afscherming_uit(afgeschermd),
        bijeenkomsten=uit_staat(staat),
        tijdlijn=tijdlijn(bestuursproces, van, moment, zichtbaar),
    )
    return _pagina(bestuursproces, rol, moment, op, van, delen)


def _afgeschermd(
    bestuursproces: Bestuursproces, zichtbaar: frozenset[str], *, tot: dt.date, weken: int
) -> dict[str, Any]:
    """What the viewer may not read, per section and per veld of the attention window, in
    one query (none for a role that reads every level)."""
    annotaties = afscherming_annotaties(zichtbaar) | verborgen_annotaties(
        zichtbaar, tot=tot, weken=weken
    )
    if not annotaties:
        return {}
    return dict(
        Bestuursproces.objects.filter(pk=bestuursproces.pk)
        .annotate(**annotaties)
        .values(*annotaties)
        .get()
    )


def _pagina(
    bestuursproces: Bestuursproces,
    rol: str,
    moment: dt.datetime,
    op: dt.date | None,
    van: dt.datetime,
    delen: Delen,
) -> Statuspagina:
    staat = delen.staat
    proces = staat["bestuursproces"]
    veld = krachtenveld_uit_staat(staat)
    vandaag = timezone.localdate(moment)
    groepen = [_groep(groep) for groep in veld["groepen"]]
    niet_beoordeeld = [_partij(partij, None, None) for partij in veld["nietBeoordeeld"]]
    stadia = _stadia(bestuursproces.geopend_op, proces["stadium"], delen.begin, delen.bereikt)
    komend, recent = bijeenkomsten(delen.bijeenkomsten, vandaag)
    return Statuspagina(
        uuid=bestuursproces.uuid,
        titel=proces["titel"],
        status=str(Status(proces["status"]).label),
        rol=str(Rol(rol).label),
        rol_code=rol,
        moment=moment,
        op=op,
        geopend_op=bestuursproces.geopend_op,
        idee=_idee(staat["idee"]),
        stadium=str(Stadium(proces["stadium"]).label),
        stadia=stadia,
        stap=_huidige_stap(staat),
        besluitmomenten=_besluitmomenten(proces, vandaag),
        krachtenveld=groepen,
        niet_beoordeeld=niet_beoordeeld,
        tijdlijn_van=van,
        tijdlijn=[
            TijdlijnRegel(
                item.tijdstip,
                soort_label(item.soort),
                item.omschrijving,
                item.geregistreerd if item.later_vastgelegd else None,
            )
            for item in reversed(delen.tijdlijn)
        ],
        aandacht=delen.aandacht,
        grafieken=grafieken(stadia=stadia, krachtenveld=veld, aandacht=delen.aandacht),
        stadium_code=proces["stadium"],
        opdracht=_opdracht(proces["opdracht"]),
        uitkomst=_uitkomst(proces),
        aandacht_afgeschermd={
            str(VeldCode(code).label): aantal for code, aantal in delen.verborgen_aandacht.items()
        },
        besluiten=recente_besluiten(staat),
        verlopen_besluitmomenten=verlopen_besluitmomenten(staat, vandaag),
        afspraken=afspraken(staat, vandaag),
        afscherming=delen.afscherming,
        komende_bijeenkomsten=komend,
        recente_bijeenkomsten=recent,
    )


def _uitkomst(proces: dict[str, Any]) -> Uitkomst | None:
    if proces["status"] != Status.AFGEROND:
        return None
    soort = proces.get("uitkomstSoort", "")
    return Uitkomst(
        soort=str(UitkomstSoort(soort).label) if soort else "",
        omschrijving=proces["uitkomst"],
        vervolg_url=proces.get("vervolgUrl", ""),
    )


def _opdracht(opdracht: dict[str, Any]) -> OpdrachtSamenvatting:
    budget, uren, einddatum = (
        opdracht.get("budget"),
        opdracht.get("uren"),
        opdracht.get("einddatum"),
    )
    return OpdrachtSamenvatting(
        kaders=opdracht.get("kaders") or "",
        budget=Decimal(str(budget)) if budget not in (None, "") else None,
        uren=int(uren) if uren not in (None, "") else None,
        einddatum=dt.date.fromisoformat(einddatum) if einddatum else None,
        speelruimte=opdracht.get("speelruimte") or "",
    )


def _idee(idee: dict[str, Any] | None) -> IdeeSamenvatting | None:
    if idee is None:
        return None
    return IdeeSamenvatting(
        versie=idee["versie"], wat=idee["wat"], stip_op_de_horizon=idee["stipOpDeHorizon"]
    )


def _stadia(
    geopend_op: dt.datetime, huidig: str, begin: str | None, laatst: dict[str, dt.datetime]
) -> list[StadiumStap]:
    """The five stadia with the moment each was last reached (``laatst``: by a move).

    The stadium a case starts in (``begin``, the current one when it never moved) is reached
    when it opens; every recorded move reaches its ``naar``. A stadium beyond the current one
    may have been reached before a fall back.
    """
    bereikt = {begin or huidig: geopend_op} | laatst
    rang = Stadium(huidig).rang
    stappen = []
    for stadium in Stadium:
        if stadium == huidig:
            toestand = "huidig"
        elif stadium.rang < rang:
            toestand = "bereikt"
        else:
            toestand = "eerder" if stadium.value in bereikt else "open"
        stappen.append(
            StadiumStap(
                code=stadium.value,
                naam=str(stadium.label),
                toestand=toestand,
                bereikt_op=bereikt.get(stadium.value),
            )
        )
    return stappen


def _rond(instemming: dict[str, Any]) -> bool:
    # As Instemming.rond: consented and formally decided in the party's own organisation
    # (or consented, for a party that decides nothing formally).
    return bool(
        instemming["status"] == Instemming.Status.INGESTEMD
        and (instemming["formeelBesloten"] or not instemming.get("formeelBesluitNodig", True))
    )


def _huidige_stap(staat: dict[str, Any]) -> HuidigeStap | None:
    """The latest wyber-stap and the parties it still waits for, with their names."""
    if not staat["wyberstappen"]:
        return None
    stap = staat["wyberstappen"][-1]
    namen = {p["uuid"]: p["naam"] for p in (*staat["spelers"], *staat["opdrachtgevers"])}
    onbekend = gettext("een onbekende partij")
    return HuidigeStap(
        volgnummer=stap["volgnummer"],
        doel=stap["doel"],
        fase=stap["fase"],
        fase_naam=str(Fase(stap["fase"]).label),
        stadium_naam=str(Stadium(stap["stadium"]).label),
        gestart_op=dt.datetime.fromisoformat(stap["gestartOp"]),
        heeft_consolidatie=stap["consolidatie"] is not None,
        stadium=stap["stadium"],
        ontbrekend=[
            Ontbrekend(
                naam=namen.get(i["speler"] or i["opdrachtgever"], onbekend),
                status=str(Instemming.Status(i["status"]).label),
                formeel_besloten=i["formeelBesloten"],
            )
            for i in stap["instemmingen"]
            if not _rond(i)
        ],
    )


def _besluitmomenten(proces: dict[str, Any], vanaf: dt.date) -> list[BesluitmomentRegel]:
    """The besluitmomenten of the opdracht on or after ``vanaf``, soonest first."""
    momenten = (
        BesluitmomentRegel(
            datum=dt.date.fromisoformat(b["datum"]),
            soort=str(Besluitmoment.Soort(b["soort"]).label),
            gevraagd=b["gevraagd"],
        )
        for b in proces["opdracht"]["besluitmomenten"]
    )
    return sorted((b for b in momenten if b.datum >= vanaf), key=lambda b: b.datum)


def _label(keuzes: Any, waarde: str | None) -> str:
    if waarde is None:
        return gettext("niet beoordeeld")
    try:
        return str(keuzes(waarde).label)
    except ValueError:
        return waarde


def _macht(macht: str) -> str:
    return gettext("Doorzettingsmacht") if macht == DOORZETTINGSMACHT else _label(Macht, macht)


def _partij(partij: dict[str, Any], standpunt: str | None, macht: str | None) -> KrachtenveldPartij:
    return KrachtenveldPartij(
        naam=partij["naam"],
        soort=gettext("Speler") if partij["soort"] == "speler" else gettext("Opdrachtgever"),
        standpunt=_label(Standpunt, standpunt),
        macht=_macht(macht) if macht is not None else gettext("niet beoordeeld"),
        betrokkenheid=_label(Betrokkenheid, partij["betrokkenheid"]),
        invloed=partij["invloed"],
    )


def _groep(groep: dict[str, Any]) -> KrachtenveldGroep:
    standpunt, macht = groep["standpunt"], groep["macht"]
    return KrachtenveldGroep(
        standpunt_code=standpunt,
        standpunt=_label(Standpunt, standpunt),
        macht_code=macht,
        macht=_macht(macht),
        partijen=[_partij(p, standpunt, macht) for p in groep["partijen"]],
    )


def soort_label(type_: str) -> str:
    """The label of an event type in the active language (its code when unknown)."""
    return soorten.label(type_)
