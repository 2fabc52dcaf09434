"""XES (IEEE 1849-2016) for process-mining tools: the case as one trace, an event per entry,
in the order the events happened (world time, a corrected fact at its corrected moment; the
opening first, at the moment it was moved to if it was moved earlier), since tools read a
trace in file order.

Each event carries the standard attributes that tools such as pm4py, ProM and Disco read:
``concept:name`` (the Dutch label of the event type, the activity), ``time:timestamp``,
``org:resource`` (the actor's username) and ``lifecycle:transition`` (always ``complete``: an
entry in the log records something done). The type code, volgnummer and hashes go along as
``procesregie:*`` attributes so that a mined event can be traced back to the chain; a
corrected event keeps its recorded moment in ``procesregie:tijdstipVoorCorrectie``, and an
item on a date of its own (an interventie, a besluit, a positionering) carries that date, as
the tijdlijn places it, in ``procesregie:eigenDatum`` (the start of the day, Dutch time):
``time:timestamp`` stays the event's world time (see :class:`~.wereldtijd.Wereldtijd`).

Written element by element with :mod:`xml.sax.saxutils` escaping, never as a tree, so that a
case of any size streams at constant memory.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterator
from xml.sax.saxutils import quoteattr

from cases.events import soorten
from cases.events.vrijgave import leesbaar

from .gebeurtenissen import (
    FORMAATVERSIE,
    Exportopdracht,
    Rij,
    Weergave,
    gebeurtenis_van_rij,
    gebundeld,
    inhoud_van_rij,
)
from .wereldtijd import Wereldtijd, wereldtijd

MEDIA_TYPE = "application/xml"
# Characters XML 1.0 does not allow at all, not even escaped.
ONGELDIG_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
ONBEKEND = "onbekend"

KOP = """<?xml version="1.0" encoding="UTF-8"?>
<log xes.version="1849-2016" xmlns="http://www.xes-standard.org/">
  <extension name="Concept" prefix="concept" uri="http://www.xes-standard.org/concept.xesext"/>
  <extension name="Time" prefix="time" uri="http://www.xes-standard.org/time.xesext"/>
  <extension name="Organizational" prefix="org" uri="http://www.xes-standard.org/org.xesext"/>
  <extension name="Lifecycle" prefix="lifecycle" uri="http://www.xes-standard.org/lifecycle.xesext"/>
  <global scope="trace">
    <string key="concept:name" value="onbekend"/>
  </global>
  <global scope="event">
    <string key="concept:name" value="onbekend"/>
    <date key="time:timestamp" value="1970-01-01T00:00:00.000+00:00"/>
    <string key="org:resource" value="onbekend"/>
    <string key="lifecycle:transition" value="complete"/>
  </global>
  <classifier name="Activiteit" keys="concept:name"/>
  <classifier name="Activiteit en levenscyclus" keys="concept:name lifecycle:transition"/>
"""


def _attr(soort: str, sleutel: str, waarde: object, diepte: int = 3) -> str:
    tekst = ONGELDIG_IN_XML.sub("", str(waarde))
    inspringen = "  " * diepte
    return f"{inspringen}<{soort} key={quoteattr(sleutel)} value={quoteattr(tekst)}/>\n"


def _tijd(waarde: dt.datetime, weergave: Weergave) -> str:
    # xs:dateTime with the Dutch offset; milliseconds, which every XES reader accepts.
    return weergave.lokaal(waarde).isoformat(timespec="milliseconds")


def _tekst(waarde: str) -> str:
    """An attribute value from users' text: invalid characters dropped, then escaped."""
    return quoteattr(ONGELDIG_IN_XML.sub("", waarde))


# The same few values on every event (a type's label, a visibility level): escaped once.
_vaste_tekst = functools.lru_cache(maxsize=512)(_tekst)


def _gebeurtenis(
    rij: Rij, zichtbaar: frozenset[str], weergave: Weergave, wereldtijd: Wereldtijd
) -> str:
    # One template per event: at 100,000 events the number of string operations counts.
    # Only text that users or translators wrote is escaped; codes, numbers, times and hashes
    # cannot contain markup.
    volgnummer, type_, tijdstip, geregistreerd, actor = rij[:5]
    inhoud = inhoud_van_rij(rij, zichtbaar)
    toelichting = (
        f'      <string key="procesregie:toelichting" value={_tekst(inhoud.toelichting)}/>\n'
        if inhoud.toelichting
        else ""
    )
    # A corrected moment is when it happened; the recorded one stays beside it (the hash
    # covers that one). A correction the viewer may not read is not in ``wereldtijd``.
    oorspronkelijk = (
        f'      <date key="procesregie:tijdstipVoorCorrectie" '
        f'value="{_tijd(tijdstip, weergave)}"/>\n'
        if volgnummer in wereldtijd.gecorrigeerd
        else ""
    )
    # The date an item stands on is part of its content: withheld with it.
    eigen = None if inhoud.afgeschermd else wereldtijd.eigen_begin(rij)
    eigen_datum = (
        f'      <date key="procesregie:eigenDatum" value="{_tijd(eigen, weergave)}"/>\n'
        if eigen is not None
        else ""
    )
    return (
        "    <event>\n"
        f'      <string key="concept:name" value={_vaste_tekst(weergave.label(type_))}/>\n'
        f'      <date key="time:timestamp" '
        f'value="{_tijd(wereldtijd.moment(rij), weergave)}"/>\n'
        f"{oorspronkelijk}"
        f"{eigen_datum}"
        f'      <string key="org:resource" '
        f"value={_tekst(actor or ONBEKEND)}/>\n"
        '      <string key="lifecycle:transition" value="complete"/>\n'
        f'      <string key="procesregie:type" value="{type_}"/>\n'
        f'      <int key="procesregie:volgnummer" value="{volgnummer}"/>\n'
        f'      <date key="procesregie:geregistreerd" '
        f'value="{_tijd(geregistreerd, weergave)}"/>\n'
        f'      <string key="procesregie:zichtbaarheid" '
        f"value={_vaste_tekst(inhoud.zichtbaarheid)}/>\n"
        f'      <boolean key="procesregie:afgeschermd" '
        f'value="{"true" if inhoud.afgeschermd else "false"}"/>\n'
        f'      <string key="procesregie:vorigeHash" value="{rij[9]}"/>\n'
        f'      <string key="procesregie:hash" value="{rij[10]}"/>\n'
        f"{toelichting}"
        "    </event>\n"
    )


def _regels(opdracht: Exportopdracht) -> Iterator[str]:
    bestuursproces = opdracht.bestuursproces
    weergave = Weergave()
    yield KOP
    yield _attr("string", "concept:name", f"Procesregie: {bestuursproces.titel}", 1)
    yield _attr("int", "procesregie:formaatversie", FORMAATVERSIE, 1)
    yield _attr("date", "procesregie:geexporteerdOp", _tijd(opdracht.geexporteerd_op, weergave), 1)
    yield _attr("string", "procesregie:exporteur", opdracht.exporteur or ONBEKEND, 1)
    yield _attr("string", "procesregie:zichtbaarheid", " ".join(opdracht.niveaus), 1)
    yield _attr("int", "procesregie:afgeschermd", opdracht.afgeschermd, 1)
    for onderdeel, aantal in opdracht.afgeschermd_per_onderdeel.items():
        yield _attr("int", f"procesregie:afgeschermd:{onderdeel}", aantal, 1)
    yield _attr("int", "procesregie:ketenkopVolgnummer", opdracht.kop_volgnummer, 1)
    yield _attr("string", "procesregie:ketenkopHash", opdracht.kop_hash, 1)
    yield _attr("string", "procesregie:casus", opdracht.casus, 1)
    tijden = wereldtijd(opdracht)
    if opdracht.casus != "bestuursproces":
        yield from _traces_per_object(opdracht, weergave, tijden)
        yield "</log>\n"
        return
    yield "  <trace>\n"
    yield _attr("string", "concept:name", bestuursproces.titel, 2)
    yield _attr("id", "procesregie:bestuursproces", bestuursproces.uuid, 2)
    # Tools read a trace in file order: the events go as they happened, not as recorded.
    for rij in opdracht.rijen_in_wereldvolgorde(tijden.gecorrigeerd):
        yield _gebeurtenis(rij, opdracht.zichtbaar, weergave, tijden)
    yield "  </trace>\n</log>\n"


# The attribute that names an object of each case notion in its trace.
NAAMKENMERKEN = ("naam", "titel", "doel")


def _traces_per_object(
    opdracht: Exportopdracht, weergave: Weergave, tijden: Wereldtijd
) -> Iterator[str]:
    """One trace per object of the chosen type, with the events the viewer may read that are
    about it (an event about two objects is in both traces). Unlike the case trace this holds
    the rendered events in memory until the end: traces are grouped by object."""
    traces: dict[str, list[str]] = {}
    namen: dict[str, str] = {}
    for rij in opdracht.rijen_in_wereldvolgorde(tijden.gecorrigeerd):
        gebeurtenis = gebeurtenis_van_rij(rij)
        if not leesbaar(gebeurtenis, opdracht.zichtbaar):
            continue
        soort = soorten.soort(gebeurtenis.type)
        for wijziging in soort.wijzigingen(gebeurtenis):
            if wijziging.objecttype == opdracht.casus and wijziging.attribuut in NAAMKENMERKEN:
                namen[wijziging.id] = str(wijziging.waarde)
        ids = {r.id for r in soort.objecten(gebeurtenis) if r.objecttype == opdracht.casus}
        if not ids:
            continue
        regel = _gebeurtenis(rij, opdracht.zichtbaar, weergave, tijden)
        for id in sorted(ids):
            traces.setdefault(id, []).append(regel)
    for id, regels in traces.items():
        yield "  <trace>\n"
        yield _attr("string", "concept:name", namen.get(id, id), 2)
        yield _attr("id", f"procesregie:{opdracht.casus}", id, 2)
        yield _attr("id", "procesregie:bestuursproces", opdracht.bestuursproces.uuid, 2)
        yield from regels
        yield "  </trace>\n"


def schrijf(opdracht: Exportopdracht) -> Iterator[bytes]:
    return gebundeld(_regels(opdracht))
