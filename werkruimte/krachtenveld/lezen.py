"""What the Krachtenveld page shows: every party with the latest assessment the viewer may see,
the organisations, and the standpunt × macht chart drawn from the same rows.

Built on ``cases.selectors.partijen`` (one query per kind of party plus one for its visible
assessments), so the page runs a fixed number of queries whatever the number of parties.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count
from django.utils.safestring import SafeString
from django.utils.translation import gettext

from cases.grafieken import krachtenveld_grafiek
from cases.models import (
    Bestuursproces,
    Betrokkenheid,
    BetrokkenheidsActie,
    Betrokkenheidswijziging,
    Macht,
    Opdrachtgever,
    OpdrachtgeverBeoordeling,
    Organisatie,
    Speler,
    SpelerBeoordeling,
    Standpunt,
    Veld,
    Zichtbaarheid,
)
from cases.selectors import partijen as selectie
from cases.selectors.krachtenveld import DOORZETTINGSMACHT, MACHT_VOLGORDE, STANDPUNT_VOLGORDE
from cases.services.partijen import ACTIES


def naamsleutel(naam: str) -> str:
    """A name as compared for duplicates: without case, accents and extra spaces."""
    ontleed = unicodedata.normalize("NFKD", naam)
    zonder = "".join(teken for teken in ontleed if not unicodedata.combining(teken))
    return " ".join(zonder.casefold().split())


@dataclass(frozen=True)
class Partijregel:
    """One row of the table: a speler or an opdrachtgever as this viewer sees it."""

    soort: str  # 'speler' or 'opdrachtgever'
    uuid: str
    naam: str
    soort_label: str
    veld_label: str
    organisatie: str
    betrokkenheid: str
    betrokkenheid_label: str
    standpunt: str | None
    standpunt_label: str
    macht: str | None
    macht_label: str
    invloed: int | None
    beoordeeld_op: dt.datetime | None

    @property
    def beoordeeld(self) -> bool:
        return self.standpunt is not None


@dataclass(frozen=True)
class Organisatieregel:
    naam: str
    soort_label: str
    eigen_gemeente: bool
    aantal_spelers: int


@dataclass
class Krachtenveld:
    partijen: list[Partijregel]
    organisaties: list[Organisatieregel]
    grafiek: SafeString
    # The case has assessments above the viewer's levels: the page says so rather than
    # letting 'not assessed' or an older assessment pass for the whole truth.
    verborgen_beoordelingen: bool = False
    niet_beoordeeld: list[Partijregel] = field(default_factory=list)


def _macht_label(macht: str | None) -> str:
    if macht is None:
        return ""
    if macht == DOORZETTINGSMACHT:
        return gettext("Doorzettingsmacht")
    return str(Macht(macht).label)


def _speler(speler: Speler) -> Partijregel:
    b = selectie.huidige_beoordeling(speler)
    return Partijregel(
        soort="speler",
        uuid=str(speler.uuid),
        naam=speler.naam,
        soort_label=str(Speler.Soort(speler.soort).label),
        veld_label=str(Veld(speler.veld).label),
        organisatie=speler.organisatie.naam if speler.organisatie else "",
        betrokkenheid=speler.betrokkenheid,
        betrokkenheid_label=str(Betrokkenheid(speler.betrokkenheid).label),
        standpunt=b.standpunt if b else None,
        standpunt_label=str(Standpunt(b.standpunt).label) if b else "",
        macht=b.macht if b else None,
        macht_label=_macht_label(b.macht) if b else "",
        invloed=b.invloed if b else None,
        beoordeeld_op=b.tijdstip if b else None,
    )


def _opdrachtgever(opdrachtgever: Opdrachtgever) -> Partijregel:
    b = selectie.huidige_beoordeling(opdrachtgever)
    return Partijregel(
        soort="opdrachtgever",
        uuid=str(opdrachtgever.uuid),
        naam=opdrachtgever.naam,
        soort_label=str(Opdrachtgever.Rol(opdrachtgever.rol).label),
        veld_label=gettext("Opdrachtgevende veld"),
        organisatie=opdrachtgever.organisatie.naam if opdrachtgever.organisatie else "",
        betrokkenheid=opdrachtgever.betrokkenheid,
        betrokkenheid_label=str(Betrokkenheid(opdrachtgever.betrokkenheid).label),
        standpunt=b.steun if b else None,
        standpunt_label=str(Standpunt(b.steun).label) if b else "",
        macht=DOORZETTINGSMACHT if b else None,
        macht_label=_macht_label(DOORZETTINGSMACHT) if b else "",
        invloed=b.stevigheid if b else None,
        beoordeeld_op=b.tijdstip if b else None,
    )


def _volgorde(regel: Partijregel) -> tuple[Any, ...]:
    if regel.standpunt is None:
        return (1, 0, 0, 0, regel.naam.casefold(), regel.uuid)
    return (
        0,
        STANDPUNT_VOLGORDE.index(regel.standpunt),  # type: ignore[arg-type]
        MACHT_VOLGORDE.index(regel.macht),  # type: ignore[arg-type]
        -(regel.invloed or 0),
        regel.naam.casefold(),
        regel.uuid,
    )


def grafiek(regels: list[Partijregel]) -> SafeString:
    """The standpunt × macht chart of ``cases.grafieken`` for these rows."""
    groepen: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for regel in regels:
        if regel.standpunt is None or regel.macht is None:
            continue
        groepen.setdefault((regel.standpunt, regel.macht), []).append(
            {"naam": regel.naam, "betrokkenheid": regel.betrokkenheid, "invloed": regel.invloed}
        )
    document = {
        "groepen": [
            {"standpunt": standpunt, "macht": macht, "partijen": partijen}
            for (standpunt, macht), partijen in groepen.items()
        ]
    }
    return krachtenveld_grafiek(document, titel=gettext("Krachtenveld: standpunt tegen macht"))


def _verborgen(bestuursproces: Bestuursproces, zichtbaar: frozenset[str]) -> bool:
    """Whether the case has assessments above these levels (no query for the regisseur)."""
    if zichtbaar >= set(Zichtbaarheid.values):
        return False
    return (
        SpelerBeoordeling.objects.filter(bestuursproces=bestuursproces)
        .exclude(zichtbaarheid__in=zichtbaar)
        .exists()
        or OpdrachtgeverBeoordeling.objects.filter(bestuursproces=bestuursproces)
        .exclude(zichtbaarheid__in=zichtbaar)
        .exists()
    )


def krachtenveld(bestuursproces: Bestuursproces, rol: str) -> Krachtenveld:
    """Every party of the case as a member with ``rol`` sees it (5 queries: spelers, their
    visible assessments, opdrachtgevers, theirs, the organisations with their speler count;
    for a role that does not see every level at most 2 more, whether anything is hidden)."""
    zichtbaar = Zichtbaarheid.voor_rol(rol)
    regels = [_speler(s) for s in selectie.spelers(bestuursproces, zichtbaar)]
    regels += [_opdrachtgever(o) for o in selectie.opdrachtgevers(bestuursproces, zichtbaar)]
    regels.sort(key=_volgorde)
    organisaties = [
        Organisatieregel(
            naam=o.naam,
            soort_label=str(Organisatie.Soort(o.soort).label),
            eigen_gemeente=o.eigen_gemeente,
            aantal_spelers=int(getattr(o, "aantal_spelers", 0)),
        )
        for o in selectie.organisaties(bestuursproces)
        .annotate(aantal_spelers=Count("spelers"))
        .order_by("naam", "id")
    ]
    return Krachtenveld(
        partijen=[r for r in regels if r.beoordeeld],
        niet_beoordeeld=[r for r in regels if not r.beoordeeld],
        organisaties=organisaties,
        grafiek=grafiek(regels),
        verborgen_beoordelingen=_verborgen(bestuursproces, zichtbaar),
    )


# --- one party ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Beoordelingsregel:
    tijdstip: dt.datetime
    standpunt_label: str
    macht_label: str
    invloed: int
    vertrouwen: int | None
    toelichting: str
    auteur: str
    zichtbaarheid_label: str


@dataclass(frozen=True)
class Betrokkenheidsregel:
    tijdstip: dt.datetime
    actie_label: str
    van_label: str
    naar_label: str
    reden: str
    door: str


@dataclass
class Partijdossier:
    """One party with the history the viewer may see and the actions open to it now."""

    partij: Speler | Opdrachtgever
    regel: Partijregel
    beoordelingen: list[Beoordelingsregel]
    betrokkenheid: list[Betrokkenheidsregel]
    acties: list[tuple[str, str]]

    @property
    def is_speler(self) -> bool:
        return isinstance(self.partij, Speler)


def _naam(gebruiker: Any) -> str:
    return str(gebruiker.get_full_name() or gebruiker.get_username())


def mogelijke_acties(betrokkenheid: str) -> list[tuple[str, str]]:
    """The betrokkenheid actions that may start from ``betrokkenheid`` (the service's table)."""
    return [
        (actie.value, str(actie.label))
        for actie in BetrokkenheidsActie
        if betrokkenheid in ACTIES[actie.value][1]
    ]


def partijdossier(
    bestuursproces: Bestuursproces, rol: str, partij_uuid: str
) -> Partijdossier | None:
    """A speler or opdrachtgever of this case with its visible history, or None."""
    zichtbaar = Zichtbaarheid.voor_rol(rol)
    partij: Speler | Opdrachtgever | None = (
        selectie.spelers(bestuursproces, zichtbaar).filter(uuid=partij_uuid).first()
    )
    if partij is None:
        partij = selectie.opdrachtgevers(bestuursproces, zichtbaar).filter(uuid=partij_uuid).first()
    if partij is None:
        return None
    if isinstance(partij, Speler):
        regel = _speler(partij)
        beoordelingen = [
            Beoordelingsregel(
                tijdstip=b.tijdstip,
                standpunt_label=str(Standpunt(b.standpunt).label),
                macht_label=_macht_label(b.macht),
                invloed=b.invloed,
                vertrouwen=b.vertrouwen,
                toelichting=b.toelichting,
                auteur=_naam(b.auteur),
                zichtbaarheid_label=str(Zichtbaarheid(b.zichtbaarheid).label),
            )
            for b in selectie.spelerbeoordelingen(bestuursproces, zichtbaar).filter(speler=partij)
        ]
        wijzigingen = Betrokkenheidswijziging.objects.filter(speler=partij)
    else:
        regel = _opdrachtgever(partij)
        beoordelingen = [
            Beoordelingsregel(
                tijdstip=b.tijdstip,
                standpunt_label=str(Standpunt(b.steun).label),
                macht_label=_macht_label(DOORZETTINGSMACHT),
                invloed=b.stevigheid,
                vertrouwen=b.onderling_vertrouwen,
                toelichting=b.toelichting,
                auteur=_naam(b.auteur),
                zichtbaarheid_label=str(Zichtbaarheid(b.zichtbaarheid).label),
            )
            for b in selectie.opdrachtgeverbeoordelingen(bestuursproces, zichtbaar).filter(
                opdrachtgever=partij
            )
        ]
        wijzigingen = Betrokkenheidswijziging.objects.filter(opdrachtgever=partij)
    betrokkenheid = [
        Betrokkenheidsregel(
            tijdstip=w.tijdstip,
            actie_label=str(BetrokkenheidsActie(w.actie).label),
            van_label=str(Betrokkenheid(w.van).label),
            naar_label=str(Betrokkenheid(w.naar).label),
            reden=w.reden,
            door=_naam(w.door),
        )
        for w in wijzigingen.select_related("door").order_by("tijdstip", "id")
    ]
    return Partijdossier(
        partij=partij,
        regel=regel,
        beoordelingen=list(reversed(beoordelingen)),
        betrokkenheid=list(reversed(betrokkenheid)),
        acties=mogelijke_acties(partij.betrokkenheid),
    )


def bestaande_namen(bestuursproces: Bestuursproces) -> dict[str, str]:
    """Name key → name of every speler and opdrachtgever of the case (two queries)."""
    namen = {
        naamsleutel(naam): naam
        for naam in Speler.objects.filter(bestuursproces=bestuursproces).values_list(
            "naam", flat=True
        )
    }
    for naam in Opdrachtgever.objects.filter(bestuursproces=bestuursproces).values_list(
        "naam", flat=True
    ):
        namen.setdefault(naamsleutel(naam), naam)
    return namen
