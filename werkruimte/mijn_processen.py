"""Mijn processen: per case where it stands and what needs doing, for one member.

A fixed number of queries whatever the number of cases (see ``mijn_processen``): every signal
is read for all the member's active cases at once and grouped in Python. What a role may not
see is never shown, but counted where leaving it out would mislead ("no attention" when the
attention was given in items the role cannot see).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db.models import Max
from django.utils import timezone

from cases.models import (
    Afspraak,
    AfspraakStatus,
    Besluitmoment,
    Betrokkenheid,
    Fase,
    Instemming,
    Interventie,
    InterventieStatus,
    InterventieVeld,
    OpdrachtgeverBeoordeling,
    Rol,
    SpelerBeoordeling,
    Stadium,
    Status,
    Zichtbaarheid,
)
from cases.selectors import bestuursprocessen_voor
from instruments.models import INTERVENTIEVELDEN, VeldCode

if TYPE_CHECKING:
    from cases.selectors.bestuursprocessen import Gebruiker

# Besluitmomenten this far ahead are "coming up".
KOMEND_DAGEN = 28
# Velden without attention: the default window (the page lets the member choose).
STANDAARD_WEKEN = 4
# An assessment older than this is due for renewal.
BEOORDELING_WEKEN = 13


@dataclass(frozen=True)
class Wachtende:
    partij: str
    stap: int
    formeel_open: bool  # consented, but its own organisation has not decided formally yet
    status: str


@dataclass(frozen=True)
class Moment:
    datum: dt.date
    soort: str
    gevraagd: str


@dataclass(frozen=True)
class Achterstallig:
    titel: str
    datum: dt.date


@dataclass(frozen=True)
class VerlopenAfspraak:
    wat: str
    door: str
    uiterlijk: dt.date


@dataclass(frozen=True)
class Verouderd:
    naam: str
    laatste: dt.date


@dataclass
class Procesoverzicht:
    uuid: uuid.UUID
    titel: str
    stadium: str
    status: str
    rol: str
    geopend_op: dt.datetime
    actief: bool
    wacht_op: list[Wachtende] = field(default_factory=list)
    besluitmomenten_komend: list[Moment] = field(default_factory=list)
    besluitmomenten_verlopen: list[Moment] = field(default_factory=list)
    interventies_over_datum: list[Achterstallig] = field(default_factory=list)
    interventies_over_datum_afgeschermd: int = 0
    velden_zonder_aandacht: list[str] = field(default_factory=list)
    # Velden whose only recent attention lies in items this role may not see.
    velden_afgeschermd: list[str] = field(default_factory=list)
    beoordelingen_verouderd: list[Verouderd] = field(default_factory=list)
    afspraken_verlopen: list[VerlopenAfspraak] = field(default_factory=list)
    afspraken_verlopen_afgeschermd: int = 0

    @property
    def aandachtspunten(self) -> int:
        return (
            len(self.wacht_op)
            + len(self.besluitmomenten_komend)
            + len(self.besluitmomenten_verlopen)
            + len(self.interventies_over_datum)
            + self.interventies_over_datum_afgeschermd
            + len(self.velden_zonder_aandacht)
            + len(self.beoordelingen_verouderd)
            + len(self.afspraken_verlopen)
            + self.afspraken_verlopen_afgeschermd
        )


def _veldnaam(code: str) -> str:
    return str(VeldCode(code).label)


def mijn_processen(
    gebruiker: Gebruiker,
    *,
    weken: int = STANDAARD_WEKEN,
    vandaag: dt.date | None = None,
) -> list[Procesoverzicht]:
    """The member's cases, newest first, each with its signals (8 queries: the cases, then
    per signal one over all active cases: consents, besluitmomenten, overdue interventies,
    attention per veld, speler and opdrachtgever assessments, overdue afspraken)."""
    vandaag = vandaag or timezone.localdate()
    processen = list(bestuursprocessen_voor(gebruiker))
    # The member's role in each, annotated by the membership scoping.
    rollen = {bp.pk: str(getattr(bp, "mijn_rol")) for bp in processen}  # noqa: B009
    overzichten = {
        bp.pk: Procesoverzicht(
            uuid=bp.uuid,
            titel=bp.titel,
            stadium=str(Stadium(bp.stadium).label),
            status=str(Status(bp.status).label),
            rol=str(Rol(rollen[bp.pk]).label),
            geopend_op=bp.geopend_op,
            actief=bp.status == Status.ACTIEF,
        )
        for bp in processen
    }
    zichtbaar = {bp.pk: Zichtbaarheid.voor_rol(rollen[bp.pk]) for bp in processen}
    actief = [bp.pk for bp in processen if bp.status == Status.ACTIEF]
    if not actief:
        return list(overzichten.values())

    _wachtenden(overzichten, actief)
    _besluitmomenten(overzichten, actief, vandaag, weken)
    _interventies_over_datum(overzichten, actief, zichtbaar, vandaag)
    _aandacht(overzichten, actief, zichtbaar, vandaag, weken)
    _beoordelingen(overzichten, actief, zichtbaar, vandaag)
    _afspraken_verlopen(overzichten, actief, zichtbaar, vandaag)
    return list(overzichten.values())


def _wachtenden(overzichten: dict[int, Procesoverzicht], actief: list[int]) -> None:
    rijen = (
        Instemming.objects.filter(bestuursproces__in=actief, stap__fase=Fase.CONSOLIDEREN)
        .select_related("speler", "opdrachtgever", "stap")
        .order_by("stap__volgnummer", "id")
    )
    for rij in rijen:
        if rij.status == Instemming.Status.INGESTEMD and rij.formeel_besloten:
            continue
        partij = rij.speler or rij.opdrachtgever
        overzichten[rij.bestuursproces_id].wacht_op.append(
            Wachtende(
                partij=partij.naam if partij else "?",
                stap=rij.stap.volgnummer,
                formeel_open=rij.status == Instemming.Status.INGESTEMD,
                status=str(Instemming.Status(rij.status).label).lower(),
            )
        )


def _besluitmomenten(
    overzichten: dict[int, Procesoverzicht], actief: list[int], vandaag: dt.date, weken: int
) -> None:
    # Passed ones are listed for the chosen window: the case file does not yet record which
    # besluitmoment a decision fulfilled, so a passed date is a question, not a certainty.
    rijen = Besluitmoment.objects.filter(
        bestuursproces__in=actief,
        datum__gte=vandaag - dt.timedelta(weeks=weken),
        datum__lte=vandaag + dt.timedelta(days=KOMEND_DAGEN),
    ).order_by("datum", "volgorde")
    for rij in rijen:
        moment = Moment(rij.datum, str(Besluitmoment.Soort(rij.soort).label), rij.gevraagd)
        overzicht = overzichten[rij.bestuursproces_id]
        if rij.datum < vandaag:
            overzicht.besluitmomenten_verlopen.append(moment)
        else:
            overzicht.besluitmomenten_komend.append(moment)


def _interventies_over_datum(
    overzichten: dict[int, Procesoverzicht],
    actief: list[int],
    zichtbaar: dict[int, frozenset[str]],
    vandaag: dt.date,
) -> None:
    rijen = (
        Interventie.objects.filter(
            bestuursproces__in=actief, status=InterventieStatus.GEPLAND, datum__lt=vandaag
        )
        .order_by("datum", "id")
        .values_list("bestuursproces_id", "titel", "datum", "zichtbaarheid")
    )
    for bestuursproces, titel, datum, niveau in rijen:
        overzicht = overzichten[bestuursproces]
        if niveau in zichtbaar[bestuursproces]:
            overzicht.interventies_over_datum.append(Achterstallig(titel, datum))
        else:
            overzicht.interventies_over_datum_afgeschermd += 1


def _aandacht(
    overzichten: dict[int, Procesoverzicht],
    actief: list[int],
    zichtbaar: dict[int, frozenset[str]],
    vandaag: dt.date,
    weken: int,
) -> None:
    # Attention given is what was done (uitgevoerd or geëvalueerd), as on the status page.
    rijen = (
        InterventieVeld.objects.filter(
            bestuursproces__in=actief,
            interventie__status__in=[InterventieStatus.UITGEVOERD, InterventieStatus.GEEVALUEERD],
            interventie__datum__gt=vandaag - dt.timedelta(weeks=weken),
            interventie__datum__lte=vandaag,
        )
        .values_list("bestuursproces_id", "veld", "interventie__zichtbaarheid")
        .distinct()
    )
    gezien: dict[int, set[str]] = defaultdict(set)
    verborgen: dict[int, set[str]] = defaultdict(set)
    for bestuursproces, veld, niveau in rijen:
        if niveau in zichtbaar[bestuursproces]:
            gezien[bestuursproces].add(veld)
        else:
            verborgen[bestuursproces].add(veld)
    for bestuursproces in actief:
        overzicht = overzichten[bestuursproces]
        for veld in INTERVENTIEVELDEN:
            if veld in gezien[bestuursproces]:
                continue
            if veld in verborgen[bestuursproces]:
                overzicht.velden_afgeschermd.append(_veldnaam(veld))
            else:
                overzicht.velden_zonder_aandacht.append(_veldnaam(veld))


def _beoordelingen(
    overzichten: dict[int, Procesoverzicht],
    actief: list[int],
    zichtbaar: dict[int, frozenset[str]],
    vandaag: dt.date,
) -> None:
    """Parties whose latest assessment the member may see is older than BEOORDELING_WEKEN
    (a party that has dropped out, afgehaakt, needs none)."""
    grens = vandaag - dt.timedelta(weeks=BEOORDELING_WEKEN)
    laatste: dict[tuple[int, str, int], tuple[str, dt.datetime]] = {}
    bronnen: list[tuple[str, Any]] = [
        ("speler", SpelerBeoordeling.objects),
        ("opdrachtgever", OpdrachtgeverBeoordeling.objects),
    ]
    for soort, beheer in bronnen:
        rijen = (
            beheer.filter(bestuursproces__in=actief)
            .exclude(**{f"{soort}__betrokkenheid": Betrokkenheid.AFGEHAAKT})
            .values_list("bestuursproces_id", soort, f"{soort}__naam", "zichtbaarheid")
            .annotate(laatste=Max("tijdstip"))
            .order_by()
        )
        for bestuursproces, partij, naam, niveau, moment in rijen:
            if niveau not in zichtbaar[bestuursproces]:
                continue
            sleutel = (bestuursproces, soort, partij)
            if sleutel not in laatste or laatste[sleutel][1] < moment:
                laatste[sleutel] = (naam, moment)
    for (bestuursproces, _soort, _partij), (naam, moment) in sorted(
        laatste.items(), key=lambda item: item[1][1]
    ):
        datum = timezone.localdate(moment)
        if datum < grens:
            overzichten[bestuursproces].beoordelingen_verouderd.append(Verouderd(naam, datum))


def _afspraken_verlopen(
    overzichten: dict[int, Procesoverzicht],
    actief: list[int],
    zichtbaar: dict[int, frozenset[str]],
    vandaag: dt.date,
) -> None:
    """Open afspraken past their uiterlijk, oldest first; those above the member's level
    counted, not shown (one query, the delivering party's name joined)."""
    rijen = (
        Afspraak.objects.filter(
            bestuursproces__in=actief, status=AfspraakStatus.OPEN, uiterlijk__lt=vandaag
        )
        .order_by("uiterlijk", "id")
        .values_list(
            "bestuursproces_id",
            "wat",
            "uiterlijk",
            "zichtbaarheid",
            "speler__naam",
            "opdrachtgever__naam",
            "organisatie__naam",
        )
    )
    for bestuursproces, wat, uiterlijk, niveau, *namen in rijen:
        overzicht = overzichten[bestuursproces]
        assert uiterlijk is not None  # filtered on it
        if niveau in zichtbaar[bestuursproces]:
            door = next((naam for naam in namen if naam), "")
            overzicht.afspraken_verlopen.append(VerlopenAfspraak(wat, door, uiterlijk))
        else:
            overzicht.afspraken_verlopen_afgeschermd += 1
