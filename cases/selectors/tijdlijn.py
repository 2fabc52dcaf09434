"""The tijdlijn: one ordered list of what happened in a case, told from its event log.

Each event type that belongs on the tijdlijn has a *beschrijver* in :data:`BESCHRIJVERS`: a
function of the event and what the tijdlijn remembers of earlier events (names of parties,
numbers of steps, titles of options) that returns a short Dutch description and, where the
resource has a URL, a :class:`Verwijzing` to it. A later issue adds its events to the
tijdlijn by registering a beschrijver (``@beschrijft(GebeurtenisType.X)``); types without
one are not on the tijdlijn.

Items stand at the moment they happened (world time) and are told in that order, whenever
they were recorded; an item recorded on a later day than it happened says so
(``later_vastgelegd``). Some happen on a date of their own that can be corrected afterwards
(an intervention on its datum, a positionering from its sinds): their type is also
registered with ``@op_datum(...)``, a function giving that date from the event and what the
tijdlijn knows at the end, so that a later change of the date moves the item. Such an item
stands at the start of that day (Dutch time).

Events the viewer may not see (:func:`cases.events.zichtbaarheid_van`) are left out
entirely, and nothing they say is remembered.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from cases.events import zichtbaarheid_van
from cases.events.wereldtijd import geschiedenis
from cases.models import (
    Bestuursproces,
    BetrokkenheidsActie,
    Consolidatie,
    Fase,
    Gebeurtenis,
    GebeurtenisType,
    Instemming,
    Optie,
    Stadium,
    Standpunt,
    Status,
)

MAX_TEKST = 80


@dataclass(frozen=True)
class Verwijzing:
    """A resource of the case: its API route (without namespace) and its path parameters
    besides the case's uuid. The API turns it into a URL."""

    route: str
    kwargs: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class TijdlijnItem:
    volgnummer: int
    tijdstip: dt.datetime
    soort: str
    omschrijving: str
    verwijzing: Verwijzing | None
    geregistreerd: dt.datetime | None = None

    @property
    def later_vastgelegd(self) -> bool:
        """Recorded on a later day (Dutch time) than it happened."""
        return self.geregistreerd is not None and timezone.localdate(
            self.geregistreerd
        ) > timezone.localdate(self.tijdstip)


@dataclass
class Geheugen:
    """What the tijdlijn remembers of the events it has read (only the visible ones)."""

    partijen: dict[str, str] = field(default_factory=dict)  # uuid → naam
    soorten: dict[str, str] = field(default_factory=dict)  # partij uuid → speler/opdrachtgever
    stappen: dict[str, int] = field(default_factory=dict)  # uuid → volgnummer
    opties: dict[str, tuple[str, str]] = field(default_factory=dict)  # uuid → (titel, stap)
    instemmingen: dict[str, str] = field(default_factory=dict)  # uuid → partij uuid
    # Per uuid, the latest known fields of dated resources (interventies), for their items.
    gegevens: dict[str, dict[str, Any]] = field(default_factory=dict)

    def naam(self, partij: str | None) -> str:
        return self.partijen.get(partij or "", "een onbekende partij")

    def stap(self, uuid: str) -> str:
        nummer = self.stappen.get(uuid)
        return f"Stap {nummer}" if nummer is not None else "Een stap"

    def optie(self, uuid: str | None) -> str:
        titel = self.opties.get(uuid or "", ("?", ""))[0]
        return f"'{titel}'"

    def onthoud(self, e: Gebeurtenis) -> None:
        """Learn names and numbers from an event, whether or not it is on the tijdlijn."""
        p = e.payload
        t = e.type
        for soort in ("speler", "opdrachtgever"):
            if t == f"{soort}.geregistreerd":
                self.partijen[p[soort]["uuid"]] = p[soort]["naam"]
                self.soorten[p[soort]["uuid"]] = soort
            elif t == f"{soort}.gewijzigd" and "naam" in p.get("wijzigingen", {}):
                self.partijen[p[soort]] = p["wijzigingen"]["naam"]
        if t == GebeurtenisType.ORGANISATIE_GEREGISTREERD:
            self.partijen[p["organisatie"]["uuid"]] = p["organisatie"]["naam"]
        elif t == GebeurtenisType.ORGANISATIE_GEWIJZIGD and "naam" in p["wijzigingen"]:
            self.partijen[p["organisatie"]] = p["wijzigingen"]["naam"]
        if t == GebeurtenisType.WYBERSTAP_GESTART:
            self.stappen[p["stap"]["uuid"]] = p["stap"]["volgnummer"]
        elif t == GebeurtenisType.OPTIE_INGEBRACHT:
            self.opties[p["optie"]["uuid"]] = (p["optie"]["titel"], p["stap"])
        elif t == GebeurtenisType.CONSOLIDATIE_VASTGELEGD:
            self.onthoud_instemmingen(p["instemmingen"])
        elif t == GebeurtenisType.INSTEMMERS_GEWIJZIGD:
            self.onthoud_instemmingen(p["toegevoegd"])
        for onthouder in ONTHOUDERS.get(t, ()):
            onthouder(e, self)

    def onthoud_instemmingen(self, instemmingen: list[dict[str, Any]]) -> None:
        for i in instemmingen:
            self.instemmingen[i["uuid"]] = i["speler"] or i["opdrachtgever"]


Beschrijving = tuple[str, Verwijzing | None]
Beschrijver = Callable[[Gebeurtenis, Geheugen], Beschrijving]

Datering = Callable[[Gebeurtenis, Geheugen], dt.date | None]
Onthouder = Callable[[Gebeurtenis, Geheugen], None]

BESCHRIJVERS: dict[str, Beschrijver] = {}
DATERINGEN: dict[str, Datering] = {}
# What other modules teach the Geheugen about their event types (see ``onthoudt``).
ONTHOUDERS: dict[str, list[Onthouder]] = {}


def beschrijft(*types: GebeurtenisType) -> Callable[[Beschrijver], Beschrijver]:
    """Register a beschrijver for these event types: they are on the tijdlijn from then on."""

    def registreer(functie: Beschrijver) -> Beschrijver:
        for type_ in types:
            BESCHRIJVERS[type_.value] = functie
        return functie

    return registreer


def op_datum(*types: GebeurtenisType) -> Callable[[Datering], Datering]:
    """Register the date these event types' items stand at, instead of their recording time."""

    def registreer(functie: Datering) -> Datering:
        for type_ in types:
            DATERINGEN[type_.value] = functie
        return functie

    return registreer


def onthoudt(*types: GebeurtenisType) -> Callable[[Onthouder], Onthouder]:
    """Register what the Geheugen should learn from these event types (visible ones only)."""

    def registreer(functie: Onthouder) -> Onthouder:
        for type_ in types:
            ONTHOUDERS.setdefault(type_.value, []).append(functie)
        return functie

    return registreer


def kort(tekst: str) -> str:
    tekst = " ".join(tekst.split())
    return tekst if len(tekst) <= MAX_TEKST else tekst[: MAX_TEKST - 1].rstrip() + "…"


def met_reden(tekst: str, reden: str) -> str:
    return f"{tekst}: {kort(reden)}" if reden.strip() else tekst


def label(keuzes: Any, waarde: Any) -> str:
    try:
        return str(keuzes(waarde).label).lower()
    except ValueError:
        return str(waarde)


def stap_verwijzing(stap: str, route: str = "wyberstap-detail") -> Verwijzing:
    return Verwijzing(route, {"stap": stap})


# --- the beschrijvers of issue 4 ------------------------------------------------------------


@beschrijft(GebeurtenisType.STADIUM_GEWIJZIGD)
def _stadium(e: Gebeurtenis, g: Geheugen) -> Beschrijving:
    overgang = e.payload["overgang"]
    tekst = f"Stadium van {label(Stadium, overgang['van'])} naar {label(Stadium, overgang['naar'])}"
    if overgang.get("geforceerd"):
        tekst += " (geforceerd)"
    return met_reden(tekst, overgang.get("toelichting") or e.toelichting), Verwijzing(
        "stadiumovergang-detail", {"overgang": overgang["uuid"]}
    )


@beschrijft(GebeurtenisType.WYBERSTAP_GESTART)
def _stap_gestart(e: Gebeurtenis, g: Geheugen) -> Beschrijving:
    stap = e.payload["stap"]
    if stap.get("heropent"):
        tekst = met_reden(
            f"Stap {stap['volgnummer']} heropent {g.stap(stap['heropent']).lower()}",
            stap.get("heropeningsreden", ""),
        )
    else:
        tekst = f"Stap {stap['volgnummer']} gestart: {kort(stap['doel'])}"
    return tekst, stap_verwijzing(stap["uuid"])


@beschrijft(GebeurtenisType.WYBERSTAP_FASE_GEWIJZIGD)
def _fase(e: Gebeurtenis, g: Geheugen) -> Beschrijving:
    p = e.payload
    if p["naar"] == Fase.GECONSOLIDEERD:
        tekst = f"{g.stap(p['stap'])} geconsolideerd"
    else:
        tekst = f"{g.stap(p['stap'])} naar {label(Fase, p['naar'])}"
    return tekst, stap_verwijzing(p["stap"])


@beschrijft(GebeurtenisType.OPTIE_INGEBRACHT)
def _optie_ingebracht(e: Gebeurtenis, g: Geheugen) -> Beschrijving:
    optie = e.payload["optie"]
    tekst = f"Optie '{optie['titel']}' ingebracht in {g.stap(e.payload['stap']).lower()}"
    inbrenger = optie["speler"] or optie["opdrachtgever"]
    if inbrenger:
        tekst += f" door {g.naam(inbrenger)}"
    return tekst, Verwijzing("optie-detail", {"stap": e.payload["stap"], "optie": optie["uuid"]})


@beschrijft(GebeurtenisType.OPTIE_BESLOTEN)
def _optie_besloten(e: Gebeurtenis, g: Geheugen) -> Beschrijving:
    p = e.payload
    naam = f"Optie {g.optie(p['optie'])}"
    if p["status"] == Optie.Status.SAMENGEVOEGD:
        tekst = f"{naam} samengevoegd in {g.optie(p.get('samengevoegdIn'))}"
    else:
        tekst = f"{naam} {label(Optie.Status, p['status'])}"
    return met_reden(tekst, p.get("reden", "")), Verwijzing(
        "optie-detail", {"stap": p["stap"], "optie": p["optie"]}
    )


def opsomming(namen: list[str]) -> str:
    if len(namen) <= 1:
        return "".join(namen)
    return ", ".join(namen[:-1]) + " en " + namen[-1]


@beschrijft(GebeurtenisType.CONSOLIDATIE_VASTGELEGD)
def _consolidatie(e: Gebeurtenis, g: Geheugen) -> Beschrijving:
    p = e.payload
    uitkomst = label(Consolidatie.Uitkomst, p["consolidatie"]["uitkomst"])
    partijen = opsomming([g.naam(g.instemmingen.get(i["uuid"])) for i in p["instemmingen"]])
    tekst = (
        f"Consolidatie van {g.stap(p['stap']).lower()} vastgelegd ({uitkomst.lower()}): "
        f"{kort(p['consolidatie']['tekst'])} (instemming nodig van {partijen})"
    )
    return tekst, stap_verwijzing(p["stap"], "wyberstap-consolidatie")


@beschrijft(GebeurtenisType.INSTEMMING_VASTGELEGD)
def _instemming(e: Gebeurtenis, g: Geheugen) -> Beschrijving:
    p = e.payload
    i = p["instemming"]
    tekst = f"{g.naam(i['speler'] or i['opdrachtgever'])}: {label(Instemming.Status, i['status'])}"
    if i["voorbehoud"].strip():
        tekst += f" ({kort(i['voorbehoud'])})"
    if i["formeelBesloten"]:
        tekst += ", formeel besloten"
        if i["besluitreferentie"]:
            tekst += f" ({i['besluitreferentie']})"
    tekst += f" in {g.stap(p['stap']).lower()}"
    return tekst, Verwijzing("instemming-detail", {"stap": p["stap"], "instemming": i["uuid"]})


@beschrijft(GebeurtenisType.INSTEMMERS_GEWIJZIGD)
def _instemmers(e: Gebeurtenis, g: Geheugen) -> Beschrijving:
    p = e.payload
    delen = []
    erbij = [g.naam(i["speler"] or i["opdrachtgever"]) for i in p["toegevoegd"]]
    eraf = [g.naam(g.instemmingen.get(uuid)) for uuid in p["verwijderd"]]
    if erbij:
        delen.append(f"{opsomming(erbij)} moet{'en' if len(erbij) > 1 else ''} instemmen")
    if eraf:
        delen.append(f"{opsomming(eraf)} hoeft niet meer in te stemmen")
    tekst = f"Instemmers van {g.stap(p['stap']).lower()} gewijzigd: " + "; ".join(delen)
    return met_reden(tekst, e.toelichting), stap_verwijzing(p["stap"], "wyberstap-instemmingen")


BETROKKENHEID_WERKWOORD = {
    BetrokkenheidsActie.AANSLUITEN: "sloot aan",
    BetrokkenheidsActie.AANHAKEN: "haakte aan",
    BetrokkenheidsActie.AFWACHTEN: "wacht af",
    BetrokkenheidsActie.AFHAKEN: "haakte af",
}


@beschrijft(
    GebeurtenisType.SPELER_BETROKKENHEID_GEWIJZIGD,
    GebeurtenisType.OPDRACHTGEVER_BETROKKENHEID_GEWIJZIGD,
)
def _betrokkenheid(e: Gebeurtenis, g: Geheugen) -> Beschrijving:
    w = e.payload["wijziging"]
    soort = e.type.split(".")[0]
    werkwoord = BETROKKENHEID_WERKWOORD.get(w["actie"], w["actie"])
    return met_reden(f"{g.naam(w['partij'])} {werkwoord}", w["reden"]), Verwijzing(
        f"{soort}-betrokkenheid", {soort: w["partij"]}
    )


@beschrijft(GebeurtenisType.SPELER_BEOORDEELD, GebeurtenisType.OPDRACHTGEVER_BEOORDEELD)
def _beoordeeld(e: Gebeurtenis, g: Geheugen) -> Beschrijving:
    soort = e.type.split(".")[0]
    partij = e.payload[soort]
    b = e.payload["beoordeling"]
    standpunt = b.get("standpunt") or b.get("steun")
    tekst = f"{g.naam(partij)} beoordeeld"
    if standpunt:
        tekst += f": {label(Standpunt, standpunt)}"
    return tekst, Verwijzing(f"{soort}-beoordelingen", {soort: partij})


@beschrijft(GebeurtenisType.BESTUURSPROCES_GEOPEND)
def _geopend(e: Gebeurtenis, g: Geheugen) -> Beschrijving:
    return f"Bestuursproces geopend: {kort(e.payload['bestuursproces']['titel'])}", None


@beschrijft(GebeurtenisType.OPENING_VERVROEGD)
def _opening_vervroegd(e: Gebeurtenis, g: Geheugen) -> Beschrijving:
    van = timezone.localtime(dt.datetime.fromisoformat(e.payload["van"]))
    tekst = f"Het proces begon eerder: opening vervroegd (was {van:%d-%m-%Y})"
    return met_reden(tekst, e.toelichting), None


@beschrijft(GebeurtenisType.IDEE_HERZIEN)
def _idee(e: Gebeurtenis, g: Geheugen) -> Beschrijving:
    idee = e.payload["idee"]
    tekst = f"Idee versie {idee['versie']}: {kort(idee['wat'])}"
    return met_reden(tekst, e.toelichting), Verwijzing("idee")


@beschrijft(GebeurtenisType.STATUS_GEWIJZIGD)
def _status(e: Gebeurtenis, g: Geheugen) -> Beschrijving:
    p = e.payload
    if p["naar"] == Status.AFGEROND:
        return f"Bestuursproces afgerond: {kort(p['uitkomst'])}", None
    return met_reden(
        f"Status van {label(Status, p['van'])} naar {label(Status, p['naar'])}", e.toelichting
    ), None


@beschrijft(
    GebeurtenisType.SPELER_GEWIJZIGD,
    GebeurtenisType.OPDRACHTGEVER_GEWIJZIGD,
    GebeurtenisType.ORGANISATIE_GEWIJZIGD,
    GebeurtenisType.BESTUURSPROCES_GEWIJZIGD,
)
def _gecorrigeerd(e: Gebeurtenis, g: Geheugen) -> Beschrijving:
    """A correction is a fact of its own: the original stays, the tijdlijn says what changed."""
    soort = e.type.split(".")[0]
    velden = ", ".join(sorted(e.payload["wijzigingen"]))
    if soort == "bestuursproces":
        return met_reden(f"Bestuursproces gecorrigeerd: {velden}", e.toelichting), None
    tekst = f"{g.naam(e.payload[soort])} gecorrigeerd: {velden}"
    return met_reden(tekst, e.toelichting), Verwijzing(f"{soort}-detail", {soort: e.payload[soort]})


@beschrijft(GebeurtenisType.NOTITIE_GEMAAKT)
def _notitie(e: Gebeurtenis, g: Geheugen) -> Beschrijving:
    n = e.payload["notitie"]
    over = n.get("speler") or n.get("opdrachtgever")
    tekst = f"Notitie over {g.naam(over)}" if over else "Notitie"
    return f"{tekst}: {kort(n['tekst'])}", Verwijzing("notities")


def _begin_van(datum: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(datum, dt.time.min))


def tijdlijn(
    bestuursproces: Bestuursproces,
    van: dt.datetime | None,
    tot: dt.datetime,
    zichtbaar: frozenset[str],
    *,
    bekend_op: dt.datetime | None = None,
) -> list[TijdlijnItem]:
    """What happened between ``van`` and ``tot`` that the viewer may see, in world-time order.

    With ``bekend_op`` only what the log held at that moment counts (the case as it was known
    then); without it, items recorded later still stand on the dates they happened, with
    their latest dates.
    """
    geheugen = Geheugen()
    beschreven: list[tuple[Gebeurtenis, Beschrijving]] = []
    # Items after tot are not described; dated ones may still stand before it (a corrected
    # date), so those are read to the end.
    # A read stopped by an error ends at once, inside the transaction.
    with contextlib.closing(geschiedenis(bestuursproces.pk, bekend=bekend_op)) as reeks:
        for e in reeks:
            if zichtbaarheid_van(e) not in zichtbaar:
                continue
            geheugen.onthoud(e)
            beschrijver = BESCHRIJVERS.get(e.type)
            if beschrijver is not None and (e.type in DATERINGEN or e.tijdstip <= tot):
                beschreven.append((e, beschrijver(e, geheugen)))
    items: list[TijdlijnItem] = []
    for e, (omschrijving, verwijzing) in beschreven:
        tijdstip = e.tijdstip
        datering = DATERINGEN.get(e.type)
        if datering is not None:
            datum = datering(e, geheugen)
            tijdstip = _begin_van(datum) if datum is not None else e.tijdstip
        if (van is None or tijdstip >= van) and tijdstip <= tot:
            items.append(
                TijdlijnItem(
                    e.volgnummer, tijdstip, e.type, omschrijving, verwijzing, e.geregistreerd
                )
            )
    items.sort(key=lambda item: (item.tijdstip, item.volgnummer))
    return items
