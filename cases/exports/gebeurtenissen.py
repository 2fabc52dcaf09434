"""What every export shares: who exports with which visibility, and the events as rows.

The redaction rule lives here too, because the API's event list and every export must withhold
exactly the same: an event above the viewer's level keeps its place, times, actor and hashes
(so the chain's shape stays visible), but its payload becomes ``{"afgeschermd": true,
"zichtbaarheid": ...}`` and its toelichting is withheld.
"""

from __future__ import annotations

import datetime as dt
import heapq
import json
import operator
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import reduce
from typing import Any, cast

from django.db import connection
from django.db.models import Count, F, Max, Q, QuerySet
from django.utils import timezone

from cases.events import GENESIS_HASH, soorten, zichtbaarheid_van
from cases.events.canonical import formatteer_tijdstip
from cases.events.vrijgave import als_zicht, laad_vrijgaven_van, niveau_van
from cases.models import ALLE_NIVEAUS, Bestuursproces, Gebeurtenis, Zichtbaarheid
from cases.selectors.afscherming import afscherming
from cases.vaste_termen import HeeftSleutel

# Rows fetched per round trip while streaming (a server-side cursor on PostgreSQL): a few
# megabytes in hand at most (the streaming test holds it to a tenth of the file), and
# few enough round trips (50 for 100,000 events) that they do not count.
CHUNK = 2000
# Streamed pieces are bundled to about this many bytes, so a response is not 100,000 writes.
BUNDEL = 64 * 1024
# 2: event lines carry the content hash of hash scheme 2 and the level they were released to.
FORMAATVERSIE = 2
# Sorted keys, no whitespace, UTF-8 kept: the canonical form of :mod:`cases.events.canonical`
# for values that are plain JSON already (rows read back from the database), without the
# float check and the encoder set-up per call, which a 100,000-line export notices.
JSON_REGEL = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False)


# The columns of an event row as the exports read them, in this order.
VELDEN = (
    "volgnummer",
    "type",
    "tijdstip",
    "geregistreerd",
    "actor_gebruikersnaam",
    "actor_naam",
    "herkomst",
    "toelichting",
    "payload",
    "vorige_hash",
    "hash",
    "inhoud_hash",
    "inhoud_zout",
)
Rij = tuple[
    int,
    str,
    dt.datetime,
    dt.datetime,
    str,
    str,
    str,
    str,
    dict[str, Any],
    str,
    str,
    str | None,
    str | None,
]


@dataclass(frozen=True)
class Inhoud:
    """What a viewer gets to read of one event."""

    payload: dict[str, Any]
    toelichting: str | None
    zichtbaarheid: str  # the level it was logged at (its hash covers it)
    afgeschermd: bool
    # The more open level it is read at since a release (None: not released).
    vrijgegeven: str | None = None


def zichtbare_inhoud(gebeurtenis: Gebeurtenis, zichtbaar: frozenset[str]) -> Inhoud:
    """The payload and toelichting of an event as a viewer with levels ``zichtbaar`` sees them."""
    niveau = zichtbaarheid_van(gebeurtenis)
    if niveau in zichtbaar:
        return Inhoud(gebeurtenis.payload, gebeurtenis.toelichting, niveau, afgeschermd=False)
    gelezen = niveau_van(gebeurtenis, zichtbaar)
    if gelezen in zichtbaar:
        return Inhoud(gebeurtenis.payload, gebeurtenis.toelichting, niveau, False, gelezen)
    afgeschermd = soorten.soort(gebeurtenis.type).afgeschermd(gebeurtenis, niveau)
    return Inhoud(afgeschermd, None, niveau, afgeschermd=True)


def _sjabloon() -> list[tuple[int | None, Any]]:
    """Per column of the event table in the model's order: where the row has it, else the
    field's default (all of them None or empty; none is made per call)."""
    positie = {naam: i for i, naam in enumerate(VELDEN)}
    sjabloon: list[tuple[int | None, Any]] = []
    for veld in Gebeurtenis._meta.concrete_fields:
        if veld.attname in positie:
            sjabloon.append((positie[veld.attname], None))
            continue
        standaard = veld.get_default()
        if standaard not in (None, ""):
            raise ValueError(f"{veld.attname}: een standaard die per gebeurtenis verschilt")
        sjabloon.append((None, standaard))
    return sjabloon


_SJABLOON = _sjabloon()


def gebeurtenis_van_rij(rij: Rij) -> Gebeurtenis:
    """An unsaved event with the row's fields (the others at their defaults), for exports
    that ask the event types' registrations what an event is about (OCEL, XES per object).
    Made with the values in the model's column order, Django's fast path: by keyword, with
    a default looked up per missing field, it took most of an OCEL row's time."""
    return Gebeurtenis(*[rij[i] if i is not None else standaard for i, standaard in _SJABLOON])


def inhoud_van_rij(rij: Rij, zichtbaar: frozenset[str]) -> Inhoud:
    """:func:`zichtbare_inhoud` of an export row; the same rule (an unsaved event carries a
    withheld one to its type's ``afgeschermd``, which only withheld rows need)."""
    payload = rij[8]
    niveau = str(payload.get("zichtbaarheid", Zichtbaarheid.PROCES))
    if niveau in zichtbaar:
        return Inhoud(payload, rij[7], niveau, afgeschermd=False)
    # Export rows do not carry their case: the export's Zicht is bound to it (bereid_voor).
    gelezen = als_zicht(zichtbaar).niveau_van(rij[0], niveau)
    if gelezen in zichtbaar:
        return Inhoud(payload, rij[7], niveau, False, gelezen)
    gebeurtenis = Gebeurtenis(volgnummer=rij[0], type=rij[1], toelichting=rij[7], payload=payload)
    afgeschermd = soorten.soort(rij[1]).afgeschermd(gebeurtenis, niveau)
    return Inhoud(afgeschermd, None, niveau, afgeschermd=True)


def utc_tekst(waarde: dt.datetime) -> str:
    """:func:`~cases.events.canonical.formatteer_tijdstip`, about four times faster: the
    database hands back UTC already, and ``isoformat`` is cheaper than ``strftime``."""
    if waarde.utcoffset():
        waarde = waarde.astimezone(dt.UTC)
    elif waarde.tzinfo is None:
        raise ValueError("Tijdstippen in gebeurtenissen moeten een tijdzone hebben.")
    return waarde.isoformat(timespec="microseconds")[:26] + "Z"


def niveaus_op_volgorde(zichtbaar: frozenset[str]) -> list[str]:
    """The levels from open to closed, for headers that a reader compares by eye."""
    return [niveau.value for niveau in Zichtbaarheid if niveau.value in zichtbaar]


# The case notions of the XES export: one trace for the whole case, or one per object of a
# type, following the objects the event types' registrations name.
CASUSSEN = ("bestuursproces", "interventie", "wyberstap", "speler", "opdrachtgever")


@dataclass(frozen=True)
class Exportopdracht:
    """One export: of which case, for whom, and the part of the chain it covers.

    The chain head is fixed when the export starts, so that events appended while it streams
    do not make the header's counts disagree with the lines that follow.
    """

    bestuursproces: Bestuursproces
    exporteur: str | None
    rol: str | None
    kanaal: str
    zichtbaar: frozenset[str]
    geexporteerd_op: dt.datetime
    aantal: int
    afgeschermd: int
    kop_volgnummer: int
    kop_hash: str
    # What one trace follows in a case-centric export (XES): the case, or each object of a
    # type (see CASUSSEN).
    casus: str = "bestuursproces"
    # The event types a per-type export (CSV) holds: one registered code, or a sub-domain
    # (the part before the dot) for all its types; empty for every event.
    gebeurtenistype: str = ""
    # Per section (interventies, positioneringen, ...), the items of the case the viewer may
    # not read (cases.selectors.afscherming); sections with none are left out.
    afgeschermd_per_onderdeel: dict[str, int] = field(default_factory=dict)

    @property
    def niveaus(self) -> list[str]:
        return niveaus_op_volgorde(self.zichtbaar)

    def rijen(self) -> Iterator[Rij]:
        """The covered events in volgnummer order as plain tuples of :data:`VELDEN`, fetched in
        chunks (constant memory) from a server-side cursor on PostgreSQL.

        No model instance per row, and not even Django's per-value converters: at 100,000
        events those (a regex per timestamp on SQLite, a generator per row) cost more than
        writing the file. The query is the ORM's; only the conversion of the two timestamps
        and the JSON text is done here, once per row.
        """
        return _rijen(self._gedekt())

    def rijen_in_wereldvolgorde(self, gecorrigeerd: dict[int, dt.datetime]) -> Iterator[Rij]:
        """The covered events as the case's history orders them, for tools that read a trace
        in file order (XES): the opening first, then by world time and volgnummer, a fact
        whose moment was corrected (``gecorrigeerd``) at its corrected moment. Streamed as
        :meth:`rijen` (on the world-time index); the opening and the few corrected facts are
        read apart and merged in."""
        apart = {1, *gecorrigeerd}
        verplaatst = list(_rijen(self._gedekt().filter(volgnummer__in=apart)))
        if verplaatst and verplaatst[0][0] == 1:
            yield verplaatst.pop(0)

        def positie(rij: Rij) -> tuple[dt.datetime, int]:
            return gecorrigeerd.get(rij[0], rij[2]), rij[0]

        stroom = _rijen(
            self._gedekt().exclude(volgnummer__in=apart).order_by("tijdstip", "volgnummer")
        )
        yield from heapq.merge(stroom, sorted(verplaatst, key=positie), key=positie)

    def _gedekt(self) -> QuerySet[Gebeurtenis]:
        return Gebeurtenis.objects.filter(
            bestuursproces=self.bestuursproces, volgnummer__lte=self.kop_volgnummer
        ).order_by("volgnummer")


def _rijen(gebeurtenissen: QuerySet[Gebeurtenis]) -> Iterator[Rij]:
    sql, params = gebeurtenissen.values_list(*VELDEN).query.sql_with_params()
    converteer = _rij_uit_sqlite if connection.vendor == "sqlite" else _rij_uit_database
    with connection.chunked_cursor() as cursor:
        cursor.execute(sql, params)
        while blok := cursor.fetchmany(CHUNK):
            for rij in blok:
                yield converteer(rij)


def _json(waarde: Any) -> dict[str, Any]:
    # Django has the drivers hand jsonb and JSON text over as text; decoded once here.
    return json.loads(waarde) if isinstance(waarde, str | bytes) else cast("dict[str, Any]", waarde)


def _rij_uit_database(r: tuple[Any, ...]) -> Rij:
    # PostgreSQL: timestamptz arrives as an aware datetime already.
    return (r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], _json(r[8]), r[9], r[10], r[11], r[12])


def _rij_uit_sqlite(r: tuple[Any, ...]) -> Rij:
    # SQLite's driver parses the stored UTC text into a naive datetime (Django registers the
    # converter); it only needs its zone.
    return (
        r[0],
        r[1],
        r[2].replace(tzinfo=dt.UTC),
        r[3].replace(tzinfo=dt.UTC),
        r[4],
        r[5],
        r[6],
        r[7],
        _json(r[8]),
        r[9],
        r[10],
        r[11],
        r[12],
    )


def _afgeschermd_filter(zichtbaar: frozenset[str], vrijgegeven: dict[int, str]) -> Q:
    """The events withheld from a viewer with ``zichtbaar``, given the case's releases
    (volgnummer → level released to)."""
    # Absent means "proces", which every member reads; only an explicit higher level hides,
    # unless a release opened the event to this viewer.
    if zichtbaar >= ALLE_NIVEAUS:
        return Q(pk__in=[])  # sees every level: nothing is withheld
    vrij = [volgnummer for volgnummer, niveau in vrijgegeven.items() if niveau in zichtbaar]
    verborgen = Q(HeeftSleutel(F("payload"), "zichtbaarheid")) & ~Q(
        payload__zichtbaarheid__in=sorted(zichtbaar)
    )
    return verborgen & ~Q(volgnummer__in=vrij) if vrij else verborgen


def bereid_voor(
    bestuursproces: Bestuursproces,
    *,
    exporteur: str | None,
    rol: str | None,
    kanaal: str,
    zichtbaar: frozenset[str],
    casus: str = "bestuursproces",
    gebeurtenistype: str = "",
) -> Exportopdracht:
    """Fix the chain head and count what the export will hold (four queries: the head,
    the releases of the case, the withheld events, the withheld items per section; the last
    three only for a viewer below the closed level)."""
    # Bound to the case, so that rows (which do not carry it) are read at released levels.
    zichtbaar = als_zicht(zichtbaar).gebonden(bestuursproces.pk)
    gebeurtenissen: QuerySet[Gebeurtenis] = Gebeurtenis.objects.filter(
        bestuursproces=bestuursproces
    )
    kop = gebeurtenissen.order_by("-volgnummer").values_list("volgnummer", "hash").first()
    kop_volgnummer, kop_hash = kop if kop is not None else (0, GENESIS_HASH)
    afgeschermd = 0
    if not zichtbaar >= ALLE_NIVEAUS:
        afgeschermd = (
            gebeurtenissen.filter(volgnummer__lte=kop_volgnummer)
            .filter(_afgeschermd_filter(zichtbaar, zichtbaar.vrijgegeven(bestuursproces.pk)))
            .count()
        )
    return Exportopdracht(
        bestuursproces=bestuursproces,
        exporteur=exporteur,
        rol=rol,
        kanaal=kanaal,
        zichtbaar=zichtbaar,
        geexporteerd_op=timezone.now(),
        # Volgnummers run from 1 without gaps: the head is the number of events covered.
        aantal=kop_volgnummer,
        afgeschermd=afgeschermd,
        kop_volgnummer=kop_volgnummer,
        kop_hash=kop_hash,
        casus=casus,
        gebeurtenistype=gebeurtenistype,
        afgeschermd_per_onderdeel=afscherming(bestuursproces, zichtbaar).per_onderdeel,
    )


def bereid_voor_alle(
    processen: Sequence[tuple[Bestuursproces, str | None, frozenset[str]]],
    *,
    exporteur: str | None,
    kanaal: str,
) -> list[Exportopdracht]:
    """:func:`bereid_voor` for many cases at once, each (case, role, levels), in two queries
    whatever their number: per case its chain head and counts, then the heads' hashes."""
    if not processen:
        return []
    per_niveaus: dict[frozenset[str], list[int]] = {}
    for bestuursproces, _rol, zichtbaar in processen:
        per_niveaus.setdefault(zichtbaar, []).append(bestuursproces.pk)
    # One count per distinct set of levels (at most three), each over its own cases: the
    # redaction filter is the one bereid_voor counts with.
    # The releases of every case at once: a released event is not withheld from the levels
    # it was released to.
    vrijgaven = laad_vrijgaven_van([p.pk for p, _, _ in processen])
    afgeschermd = {
        f"afgeschermd_{n}": Count(
            "id",
            filter=reduce(
                operator.or_,
                (
                    Q(bestuursproces_id=pk) & _afgeschermd_filter(zichtbaar, vrijgaven.get(pk, {}))
                    for pk in pks
                ),
            ),
        )
        for n, (zichtbaar, pks) in enumerate(per_niveaus.items())
    }
    tellingen: dict[int, dict[str, Any]] = {
        rij["bestuursproces_id"]: dict(rij)
        for rij in Gebeurtenis.objects.filter(bestuursproces_id__in=[p.pk for p, _, _ in processen])
        .order_by()
        .values("bestuursproces_id")
        .annotate(kop=Max("volgnummer"), aantal=Count("id"), **afgeschermd)
    }
    koppen: Q = Q(pk__in=[])
    for pk, telling in tellingen.items():
        koppen |= Q(bestuursproces_id=pk, volgnummer=telling["kop"])
    hashes = dict(Gebeurtenis.objects.filter(koppen).values_list("bestuursproces_id", "hash"))
    nu = timezone.now()
    groep = {z: n for n, z in enumerate(per_niveaus)}
    opdrachten = []
    for bestuursproces, rol, zichtbaar in processen:
        rij = tellingen.get(bestuursproces.pk)
        # Bound to the case with its releases already read, as bereid_voor binds it.
        zicht = als_zicht(zichtbaar).gebonden(bestuursproces.pk)
        zicht._vrij[bestuursproces.pk] = vrijgaven.get(bestuursproces.pk, {})
        opdrachten.append(
            Exportopdracht(
                bestuursproces=bestuursproces,
                exporteur=exporteur,
                rol=rol,
                kanaal=kanaal,
                zichtbaar=zicht,
                geexporteerd_op=nu,
                aantal=rij["aantal"] if rij else 0,
                afgeschermd=rij[f"afgeschermd_{groep[zichtbaar]}"] if rij else 0,
                kop_volgnummer=rij["kop"] if rij else 0,
                kop_hash=hashes.get(bestuursproces.pk, GENESIS_HASH),
            )
        )
    return opdrachten


def gebeurtenis_rij(rij: Rij, zichtbaar: frozenset[str]) -> dict[str, Any]:
    """One event as the exports carry it: every field its hash covers (the case uuid is in the
    export's header), with the content redacted where the viewer may not read it. The JSON
    Lines writer formats the same object without building it
    (:func:`cases.exports.jsonl_regels.regel`)."""
    volgnummer, type_, tijdstip, geregistreerd, actor, actor_naam, herkomst = rij[:7]
    inhoud = inhoud_van_rij(rij, zichtbaar)
    return {
        "volgnummer": volgnummer,
        "type": type_,
        "tijdstip": formatteer_tijdstip(tijdstip),
        "geregistreerd": formatteer_tijdstip(geregistreerd),
        "actor": actor,
        "actorNaam": actor_naam,
        "herkomst": herkomst,
        "toelichting": inhoud.toelichting,
        "payload": inhoud.payload,
        "zichtbaarheid": inhoud.zichtbaarheid,
        "afgeschermd": inhoud.afgeschermd,
        "vorigeHash": rij[9],
        "hash": rij[10],
        # Hash scheme 2 (None for older events): the envelope's content hash, and the salt
        # only with the content it belongs to.
        "inhoudHash": rij[11],
        "inhoudZout": None if inhoud.afgeschermd else rij[12],
        "vrijgegeven": inhoud.vrijgegeven,
    }


class Weergave:
    """Dutch labels of event types and local times, looked up once per export: the active
    language and time zone do not change while one export streams."""

    def __init__(self) -> None:
        self.tijdzone = timezone.get_current_timezone()
        self._labels: dict[str, str] = {}

    def label(self, type_code: str) -> str:
        label = self._labels.get(type_code)
        if label is None:
            label = soorten.label(type_code)
            self._labels[type_code] = label
        return label

    def lokaal(self, waarde: dt.datetime) -> dt.datetime:
        return waarde.astimezone(self.tijdzone)


def gebundeld(stukken: Iterable[str], grootte: int = BUNDEL) -> Iterator[bytes]:
    """UTF-8 bytes of ``stukken`` in bundles of about ``grootte``; the first bundle goes out
    as soon as it is full, never after the last piece has been produced."""
    buffer: list[str] = []
    lengte = 0
    for stuk in stukken:
        buffer.append(stuk)
        lengte += len(stuk)
        if lengte >= grootte:
            yield "".join(buffer).encode("utf-8")
            buffer, lengte = [], 0
    if buffer:
        yield "".join(buffer).encode("utf-8")
