"""Kengetallen: the figures an evaluator asks of one case, computed from the tables.

Everything is in world time (when things happened, not when they were typed in) and as one
viewer may see it: ``zichtbaar`` is the set of visibility levels of the viewer's role, as for
the other selectors. What the viewer may not see is counted per section
(:func:`tel_afgeschermd`), so that a reader never takes withheld for absent.

The figures come in groups, each a frozen dataclass: the duration of each stadium (from the
stadium moves), the wyber-stappen per stadium, the interventies per veld and per strategie
with how they worked out, the balance over the four sides of the creatielemniscaat (IK, WIJ,
HET, ZIJ, book §2.3), the standpunt history per party in the krachtenveld, the regisseur's
positionering over time, the afspraken kept, and who joined or left when. Each group has a
function of its own, so that a page that needs one group (a comparison across cases, say)
reads only that; :func:`kengetallen` reads them all in a fixed number of queries.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext

from cases.models import (
    Afspraak,
    AfspraakStatus,
    Bestuursproces,
    Betrokkenheid,
    BetrokkenheidsActie,
    Betrokkenheidswijziging,
    Interventie,
    InterventieStatus,
    InterventieVeld,
    OpdrachtgeverBeoordeling,
    Positie,
    Positionering,
    PositioneringsVeld,
    SpelerBeoordeling,
    Stadium,
    Stadiumovergang,
    Standpunt,
    Uitgepakt,
    WyberStap,
)
from cases.models.interventies import INTERVENTIEVELD_KEUZES
from cases.selectors.aandacht import KantAandacht, balans
from cases.selectors.afscherming import afscherming

# A standpunt as a place on one line, so that a shift has a size: tegenstander → voorstander
# is two steps. Onbekend has no place: a shift from or to it is a change, not a size.
STANDPUNTSCHAAL: dict[str, int] = {
    Standpunt.TEGENSTANDER: -1,
    Standpunt.AFWACHTEND: 0,
    Standpunt.VOORSTANDER: 1,
}
# The betrokkenheid actions by which a party comes in, and by which it goes.
AANSLUITEN = frozenset({BetrokkenheidsActie.AANSLUITEN, BetrokkenheidsActie.AANHAKEN})
AFHAKEN = frozenset({BetrokkenheidsActie.AFHAKEN})
ZONDER_STRATEGIE = ""


def dagen_tussen(van: dt.datetime, tot: dt.datetime) -> int:
    """Calendar days in Dutch time, as a reader counts them between two dates of the case."""
    return (timezone.localdate(tot) - timezone.localdate(van)).days


# --- stadia ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class StadiumDuur:
    """How long the case stood in one stadium, over all its stays there."""

    stadium: str
    naam: str
    dagen: int
    keren: int  # how often the case entered it (more than once after falling back)
    eerst_bereikt: dt.datetime | None
    huidig: bool


# The columns of a stadium move the figures read, in this order (also read for many cases at
# once by cases.selectors.vergelijking).
OVERGANGKOLOMMEN = ("van", "naar", "tijdstip")


def stadiumduur(bestuursproces: Bestuursproces, nu: dt.datetime) -> tuple[StadiumDuur, ...]:
    """Per stadium, in the book's order, the days spent in it: from each move into it until
    the next move (the current stay until ``nu``). One query."""
    overgangen = list(
        Stadiumovergang.objects.filter(bestuursproces=bestuursproces)
        .order_by("tijdstip", "id")
        .values_list(*OVERGANGKOLOMMEN)
    )
    return stadiumduur_uit(bestuursproces, overgangen, nu)


def stadiumduur_uit(
    bestuursproces: Bestuursproces,
    overgangen: list[tuple[str, str, dt.datetime]],
    nu: dt.datetime,
) -> tuple[StadiumDuur, ...]:
    """:func:`stadiumduur` of the case's moves (:data:`OVERGANGKOLOMMEN`, in world-time
    order), already read."""
    eerste = overgangen[0][0] if overgangen else bestuursproces.stadium
    # (stadium, from, until) for every stay, the first from the opening of the case.
    verblijven: list[tuple[str, dt.datetime, dt.datetime]] = []
    stadium, sinds = eerste, bestuursproces.geopend_op
    for _van, naar, tijdstip in overgangen:
        verblijven.append((stadium, sinds, tijdstip))
        stadium, sinds = naar, tijdstip
    verblijven.append((stadium, sinds, max(nu, sinds)))
    dagen: dict[str, int] = defaultdict(int)
    keren: dict[str, int] = defaultdict(int)
    bereikt: dict[str, dt.datetime] = {}
    for code, van, tot in verblijven:
        dagen[code] += dagen_tussen(van, tot)
        keren[code] += 1
        bereikt.setdefault(code, van)
    return tuple(
        StadiumDuur(
            stadium=s.value,
            naam=str(s.label),
            dagen=dagen[s.value],
            keren=keren[s.value],
            eerst_bereikt=bereikt.get(s.value),
            huidig=s.value == stadium,
        )
        for s in Stadium
    )


# --- wyber-stappen --------------------------------------------------------------------------


@dataclass(frozen=True)
class StappenInStadium:
    stadium: str
    naam: str
    aantal: int
    geconsolideerd: int
    heropeningen: int  # steps that reopened an earlier, consolidated one
    gemiddelde_dagen: float | None  # from start to consolidation, of the consolidated steps


# The columns of a wyber-stap the figures read, in this order.
STAPKOLOMMEN = ("stadium", "gestart_op", "geconsolideerd_op", "heropent_id")


def stappen_per_stadium(bestuursproces: Bestuursproces) -> tuple[StappenInStadium, ...]:
    """Per stadium the wyber-stappen taken in it. Steps are visible to every member. One
    query."""
    return stappen_uit(
        WyberStap.objects.filter(bestuursproces=bestuursproces).values_list(*STAPKOLOMMEN)
    )


def stappen_uit(
    rijen: Iterable[tuple[str, dt.datetime, dt.datetime | None, int | None]],
) -> tuple[StappenInStadium, ...]:
    """:func:`stappen_per_stadium` of a case's steps (:data:`STAPKOLOMMEN`), already read."""
    aantal: dict[str, int] = defaultdict(int)
    heropeningen: dict[str, int] = defaultdict(int)
    doorlooptijden: dict[str, list[int]] = defaultdict(list)
    for stadium, gestart, geconsolideerd, heropent in rijen:
        aantal[stadium] += 1
        heropeningen[stadium] += heropent is not None
        if geconsolideerd is not None:
            doorlooptijden[stadium].append(dagen_tussen(gestart, geconsolideerd))
    return tuple(
        StappenInStadium(
            stadium=s.value,
            naam=str(s.label),
            aantal=aantal[s.value],
            geconsolideerd=len(doorlooptijden[s.value]),
            heropeningen=heropeningen[s.value],
            gemiddelde_dagen=(
                round(sum(doorlooptijden[s.value]) / len(doorlooptijden[s.value]), 1)
                if doorlooptijden[s.value]
                else None
            ),
        )
        for s in Stadium
    )


# --- interventies ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Uitkomsten:
    """How interventies worked out: the three answers of their evaluation (book ch. 7: leren),
    and those not evaluated (yet): planned or done but not looked back on."""

    ja: int = 0
    deels: int = 0
    nee: int = 0
    niet_geevalueerd: int = 0

    @property
    def totaal(self) -> int:
        return self.ja + self.deels + self.nee + self.niet_geevalueerd

    @property
    def geevalueerd(self) -> int:
        return self.ja + self.deels + self.nee


@dataclass(frozen=True)
class InterventiesIn:
    """The interventies aimed at one veld, or following one strategie, and their outcome."""

    code: str
    naam: str
    uitkomsten: Uitkomsten


@dataclass(frozen=True)
class Interventiecijfers:
    totaal: Uitkomsten
    gepland: int
    per_veld: tuple[InterventiesIn, ...]
    per_strategie: tuple[InterventiesIn, ...]


def _uitkomsten(uitgepakt: Iterable[str]) -> Uitkomsten:
    tellingen: dict[str, int] = defaultdict(int)
    for waarde in uitgepakt:
        tellingen[waarde or "niet_geevalueerd"] += 1
    return Uitkomsten(
        ja=tellingen[Uitgepakt.JA],
        deels=tellingen[Uitgepakt.DEELS],
        nee=tellingen[Uitgepakt.NEE],
        niet_geevalueerd=tellingen["niet_geevalueerd"],
    )


class Interventierij(NamedTuple):
    id: int
    status: str
    uitgepakt: str
    datum: dt.date
    strategie: str | None  # code
    strategie_naam: str | None
    strategie_volgorde: int | None


# The columns of an interventie (the fields of Interventierij) and of its velden, in order.
INTERVENTIEKOLOMMEN = (
    "id",
    "status",
    "uitgepakt",
    "datum",
    "strategie__code",
    "strategie__naam",
    "strategie__volgorde",
)
VELDKOLOMMEN = ("interventie_id", "veld")


def _interventierijen(
    bestuursproces: Bestuursproces, zichtbaar: frozenset[str]
) -> tuple[list[Interventierij], list[tuple[int, str]]]:
    """A row per visible interventie and (interventie id, veld) per veld it aims at: two
    queries."""
    interventies = [
        Interventierij(*rij)
        for rij in Interventie.objects.filter(
            bestuursproces=bestuursproces, zichtbaarheid__in=zichtbaar
        )
        .order_by("datum", "id")
        .values_list(*INTERVENTIEKOLOMMEN)
    ]
    velden = list(
        InterventieVeld.objects.filter(
            bestuursproces=bestuursproces, interventie__zichtbaarheid__in=zichtbaar
        ).values_list(*VELDKOLOMMEN)
    )
    return interventies, velden


def interventiecijfers(
    interventies: list[Interventierij], velden: list[tuple[int, str]]
) -> Interventiecijfers:
    """The interventies per veld (an interventie aiming at two velden counts for both) and per
    strategie used (the catalogue's order; those without one last), each with its outcomes."""
    uitgepakt = {i.id: i.uitgepakt for i in interventies}
    per_veld: dict[str, list[str]] = defaultdict(list)
    for interventie, veld in velden:
        per_veld[veld].append(uitgepakt[interventie])
    per_strategie: dict[str, list[str]] = defaultdict(list)
    volgorde: dict[str, tuple[int, str]] = {ZONDER_STRATEGIE: (2**31, "")}
    namen = {ZONDER_STRATEGIE: gettext("Zonder strategie")}
    for i in interventies:
        code = i.strategie or ZONDER_STRATEGIE
        per_strategie[code].append(i.uitgepakt)
        if i.strategie:
            namen[code] = i.strategie_naam or code
            volgorde[code] = (i.strategie_volgorde or 0, namen[code])
    return Interventiecijfers(
        totaal=_uitkomsten(uitgepakt.values()),
        gepland=sum(i.status == InterventieStatus.GEPLAND for i in interventies),
        per_veld=tuple(
            InterventiesIn(code, str(naam), _uitkomsten(per_veld[code]))
            for code, naam in INTERVENTIEVELD_KEUZES
        ),
        per_strategie=tuple(
            InterventiesIn(code, namen[code], _uitkomsten(per_strategie[code]))
            for code in sorted(per_strategie, key=volgorde.__getitem__)
        ),
    )


@dataclass(frozen=True)
class Lemniscaatbalans:
    """The attention over the four sides of the creatielemniscaat (book §2.3): interventies
    done (uitgevoerd or geëvalueerd) whose velden lie on each side."""

    totaal: int
    kanten: tuple[KantAandacht, ...]


def lemniscaatbalans(
    interventies: list[Interventierij], velden: list[tuple[int, str]], tot: dt.date
) -> Lemniscaatbalans:
    """The balance of :mod:`cases.selectors.aandacht` over the whole case up to ``tot``."""
    per_id = {i.id: i for i in interventies}
    rijen = [
        (interventie, veld, per_id[interventie].status, per_id[interventie].datum)
        for interventie, veld in velden
        if per_id[interventie].datum <= tot
    ]
    resultaat = balans(rijen, van=None, tot=tot)
    return Lemniscaatbalans(totaal=resultaat.totaal, kanten=tuple(resultaat.kanten))


# --- krachtenveld ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Standpuntmoment:
    tijdstip: dt.datetime
    standpunt: str
    naam: str


@dataclass(frozen=True)
class Standpuntverloop:
    """How one party's standpunt (an opdrachtgever's steun for the process) moved through its
    assessments, in world time."""

    partij: str  # uuid
    naam: str
    soort: str  # speler or opdrachtgever
    momenten: tuple[Standpuntmoment, ...]
    wisselingen: int
    # The last known place on the scale minus the first; 0 when one end is onbekend.
    verschuiving: int
    # The largest single step between two assessments on the scale.
    grootste_stap: int

    @property
    def eerste(self) -> Standpuntmoment:
        return self.momenten[0]

    @property
    def laatste(self) -> Standpuntmoment:
        return self.momenten[-1]


def _verloop(
    partij: str, naam: str, soort: str, reeks: list[tuple[dt.datetime, str]]
) -> Standpuntverloop:
    momenten = tuple(Standpuntmoment(t, s, str(Standpunt(s).label)) for t, s in reeks)
    wisselingen = sum(a.standpunt != b.standpunt for a, b in itertools.pairwise(momenten))
    plaatsen = [STANDPUNTSCHAAL.get(m.standpunt) for m in momenten]
    stappen = [
        abs(b - a) for a, b in itertools.pairwise(plaatsen) if a is not None and b is not None
    ]
    bekend = [p for p in plaatsen if p is not None]
    return Standpuntverloop(
        partij=partij,
        naam=naam,
        soort=soort,
        momenten=momenten,
        wisselingen=wisselingen,
        verschuiving=bekend[-1] - bekend[0] if len(bekend) > 1 else 0,
        grootste_stap=max(stappen, default=0),
    )


def standpuntverloop(
    bestuursproces: Bestuursproces, zichtbaar: frozenset[str]
) -> tuple[Standpuntverloop, ...]:
    """Every party with a visible assessment, the largest shifts first (by the size of the net
    shift, then the largest step, then the number of changes). Two queries."""
    reeksen: dict[tuple[str, str, str], list[tuple[dt.datetime, str]]] = defaultdict(list)
    for uuid, naam, tijdstip, standpunt in (
        SpelerBeoordeling.objects.filter(bestuursproces=bestuursproces, zichtbaarheid__in=zichtbaar)
        .order_by("tijdstip", "id")
        .values_list("speler__uuid", "speler__naam", "tijdstip", "standpunt")
    ):
        reeksen[(str(uuid), naam, "speler")].append((tijdstip, standpunt))
    for uuid, naam, tijdstip, steun in (
        OpdrachtgeverBeoordeling.objects.filter(
            bestuursproces=bestuursproces, zichtbaarheid__in=zichtbaar
        )
        .order_by("tijdstip", "id")
        .values_list("opdrachtgever__uuid", "opdrachtgever__naam", "tijdstip", "steun")
    ):
        reeksen[(str(uuid), naam, "opdrachtgever")].append((tijdstip, steun))
    verlopen = [_verloop(*sleutel, reeks) for sleutel, reeks in reeksen.items()]
    return tuple(
        sorted(
            verlopen,
            key=lambda v: (-abs(v.verschuiving), -v.grootste_stap, -v.wisselingen, v.naam),
        )
    )


# --- positionering --------------------------------------------------------------------------


@dataclass(frozen=True)
class Positieperiode:
    """One position of the regisseur in one veld, from its date until the next one."""

    veld: str
    veld_naam: str
    positie: str
    positie_naam: str
    omschrijving: str
    van: dt.date
    tot: dt.date | None  # None: still in force
    dagen: int


def positionering_in_de_tijd(
    bestuursproces: Bestuursproces, zichtbaar: frozenset[str], nu: dt.datetime
) -> tuple[Positieperiode, ...]:
    """Per veld (the book's order) the visible positions as periods, oldest first. Of two
    positions from the same day the one recorded later holds. One query."""
    per_veld: dict[str, list[tuple[str, str, dt.date]]] = defaultdict(list)
    for veld, positie, omschrijving, sinds in (
        Positionering.objects.filter(bestuursproces=bestuursproces, zichtbaarheid__in=zichtbaar)
        .order_by("sinds", "vastgelegd_op", "id")
        .values_list("veld", "positie", "omschrijving", "sinds")
    ):
        reeks = per_veld[veld]
        if reeks and reeks[-1][2] == sinds:
            reeks.pop()
        reeks.append((positie, omschrijving, sinds))
    vandaag = timezone.localdate(nu)
    result = []
    for veld in PositioneringsVeld:
        reeks = per_veld[veld.value]
        for nummer, (positie, omschrijving, sinds) in enumerate(reeks):
            tot = reeks[nummer + 1][2] if nummer + 1 < len(reeks) else None
            result.append(
                Positieperiode(
                    veld=veld.value,
                    veld_naam=str(veld.label),
                    positie=positie,
                    positie_naam=str(Positie(positie).label),
                    omschrijving=omschrijving,
                    van=sinds,
                    tot=tot,
                    dagen=max(((tot or vandaag) - sinds).days, 0),
                )
            )
    return tuple(result)


# --- afspraken ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Afspraakcijfers:
    open: int
    nagekomen: int
    niet_nagekomen: int
    vervallen: int
    verlopen: int  # open with an uiterlijk before today

    @property
    def totaal(self) -> int:
        return self.open + self.nagekomen + self.niet_nagekomen + self.vervallen


def afspraakcijfers(
    bestuursproces: Bestuursproces, zichtbaar: frozenset[str], nu: dt.datetime
) -> Afspraakcijfers:
    """The visible afspraken by status. One query."""
    vandaag = timezone.localdate(nu)
    open_ = Q(status=AfspraakStatus.OPEN)
    tellingen = Afspraak.objects.filter(
        bestuursproces=bestuursproces, zichtbaarheid__in=zichtbaar
    ).aggregate(
        open=Count("id", filter=open_),
        nagekomen=Count("id", filter=Q(status=AfspraakStatus.NAGEKOMEN)),
        niet_nagekomen=Count("id", filter=Q(status=AfspraakStatus.NIET_NAGEKOMEN)),
        vervallen=Count("id", filter=Q(status=AfspraakStatus.VERVALLEN)),
        verlopen=Count("id", filter=open_ & Q(uiterlijk__lt=vandaag)),
    )
    return Afspraakcijfers(**tellingen)


# --- betrokkenheid --------------------------------------------------------------------------


@dataclass(frozen=True)
class Betrokkenheidsmoment:
    """A party that joined (aansluiten, aanhaken), left (afhaken) or stood aside (afwachten)."""

    tijdstip: dt.datetime
    partij: str  # uuid
    naam: str
    soort: str  # speler or opdrachtgever
    actie: str
    actie_naam: str
    naar: str
    naar_naam: str
    reden: str

    @property
    def sluit_aan(self) -> bool:
        return self.actie in AANSLUITEN

    @property
    def haakt_af(self) -> bool:
        return self.actie in AFHAKEN


def wie_kwam_en_ging(bestuursproces: Bestuursproces) -> tuple[Betrokkenheidsmoment, ...]:
    """Every change of betrokkenheid in world-time order (visible to every member, as the
    events are). One query."""
    return tuple(
        Betrokkenheidsmoment(
            tijdstip=w.tijdstip,
            partij=str(w.speler.uuid if w.speler else w.opdrachtgever.uuid),  # type: ignore[union-attr]
            naam=w.speler.naam if w.speler else w.opdrachtgever.naam,  # type: ignore[union-attr]
            soort="speler" if w.speler else "opdrachtgever",
            actie=w.actie,
            actie_naam=str(BetrokkenheidsActie(w.actie).label),
            naar=w.naar,
            naar_naam=str(Betrokkenheid(w.naar).label),
            reden=w.reden,
        )
        for w in Betrokkenheidswijziging.objects.filter(bestuursproces=bestuursproces)
        .select_related("speler", "opdrachtgever")
        .order_by("tijdstip", "id")
    )


# --- what the viewer cannot see -------------------------------------------------------------


@dataclass(frozen=True)
class Afgeschermd:
    """Per section the items above the viewer's visibility: counted, never shown."""

    interventies: int = 0
    beoordelingen: int = 0  # of spelers and opdrachtgevers (the krachtenveld)
    positioneringen: int = 0
    afspraken: int = 0

    @property
    def totaal(self) -> int:
        return self.interventies + self.beoordelingen + self.positioneringen + self.afspraken

    @property
    def melding(self) -> str:
        """The sentence for the reader, naming only the sections with something withheld."""
        delen = [
            (gettext("interventies"), self.interventies),
            (gettext("beoordelingen van partijen"), self.beoordelingen),
            (gettext("positioneringen"), self.positioneringen),
            (gettext("afspraken"), self.afspraken),
        ]
        opsomming = "; ".join(
            f"{naam}: {number_format(aantal, force_grouping=True)}"
            for naam, aantal in delen
            if aantal
        )
        return gettext(
            "Voor deze rol afgeschermd — %(opsomming)s. De cijfers in dit rapport gaan alleen "
            "over wat deze rol mag zien: wat ontbreekt, is afgeschermd, niet afwezig."
        ) % {"opsomming": opsomming}


def tel_afgeschermd(bestuursproces: Bestuursproces, zichtbaar: frozenset[str]) -> Afgeschermd:
    """How many items of each section the viewer may not see, as the exports and the status
    page count them (:func:`cases.selectors.afscherming.afscherming`: one query, none for a
    viewer of every level)."""
    telling = afscherming(bestuursproces, zichtbaar)
    return Afgeschermd(
        interventies=telling.aantal("interventies"),
        beoordelingen=telling.aantal("spelerbeoordelingen")
        + telling.aantal("opdrachtgeverbeoordelingen"),
        positioneringen=telling.aantal("positioneringen"),
        afspraken=telling.aantal("afspraken"),
    )


# --- all of them ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Kengetallen:
    nu: dt.datetime
    stadia: tuple[StadiumDuur, ...]
    stappen: tuple[StappenInStadium, ...]
    interventies: Interventiecijfers
    balans: Lemniscaatbalans
    standpunten: tuple[Standpuntverloop, ...]
    positionering: tuple[Positieperiode, ...]
    afspraken: Afspraakcijfers
    betrokkenheid: tuple[Betrokkenheidsmoment, ...]
    afgeschermd: Afgeschermd

    @property
    def dagen(self) -> int:
        return sum(s.dagen for s in self.stadia)


# The queries of kengetallen() for a viewer below the closed level, whatever the size of the
# case (tested); one less for a viewer of every level, from whom nothing is withheld.
QUERIES = 10


def kengetallen(
    bestuursproces: Bestuursproces, zichtbaar: frozenset[str], *, nu: dt.datetime | None = None
) -> Kengetallen:
    """All figures of the case as a viewer with ``zichtbaar`` sees it, open periods counted
    until ``nu`` (default now). :data:`QUERIES` queries: the stadium moves, the wyber-stappen,
    the interventies, their velden, the two kinds of assessment, the
    positioneringen, the afspraken, the betrokkenheid changes and the withheld counts."""
    nu = nu or timezone.now()
    interventies, velden = _interventierijen(bestuursproces, zichtbaar)
    return Kengetallen(
        nu=nu,
        stadia=stadiumduur(bestuursproces, nu),
        stappen=stappen_per_stadium(bestuursproces),
        interventies=interventiecijfers(interventies, velden),
        balans=lemniscaatbalans(interventies, velden, timezone.localdate(nu)),
        standpunten=standpuntverloop(bestuursproces, zichtbaar),
        positionering=positionering_in_de_tijd(bestuursproces, zichtbaar, nu),
        afspraken=afspraakcijfers(bestuursproces, zichtbaar, nu),
        betrokkenheid=wie_kwam_en_ging(bestuursproces),
        afgeschermd=tel_afgeschermd(bestuursproces, zichtbaar),
    )
