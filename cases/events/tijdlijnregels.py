"""The tijdlijn's read model kept in step with the log: its items, shifts and memory.

:func:`werk_bij` runs inside :func:`~cases.events.log.append_event`'s transaction for every
event; :func:`herbouw` builds a case's rows from its log (``manage.py herbouw_tijdlijn``, and
after ``migrate`` for cases built with an older version, see :data:`VERSIE`).

- An event that tells itself gets one :class:`~cases.models.Tijdlijnregel` with the moment it
  stands on and, per viewer level, the entries of the tijdlijn's memory its sentence reads
  (noted by :class:`~cases.events.geheugenspoor.Spoor`). The selector tells the sentence at
  read time from the event and those entries, in the reader's language.
- The memory at the end of the history is kept per viewer level in
  :class:`~cases.models.Tijdlijngeheugen`: an event appended at the end of the history reads
  only the entries it touches (one query for the keys its payload names), and writes back
  only what it changed.
- A viewer level remembers only what it may see, as the fold does; the sentence of an item
  is noted for every level, also those that may not see it now, so that a later release
  of the item only has to widen ``zichtbaarheid`` (an UPDATE of its rows).
- A fact entered late, or a corrected date, changes the memory at every later point of the
  history: the case's rows are then rebuilt in the same transaction (the write folds the
  whole history already to check the fact).
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, fields
from typing import Any

from django.db import connections, models, transaction
from django.utils import timezone

from cases.models import (
    Bestuursproces,
    Gebeurtenis,
    Tijdlijngeheugen,
    Tijdlijnregel,
    Tijdlijnstand,
    Verschuivingsregel,
    Zichtbaarheid,
)

from .geheugenspoor import ONBEKEND, Spoor
from .replay import zichtbaarheid_van
from .soorten import Soort, partijen, soort
from .verhaal import Geheugen
from .voorbereid import voeg_in
from .vrijgave import laad_vrijgaven
from .wereldtijd import correcties, geschiedenis, verplaats

# Raise when what a row keeps changes: every case is rebuilt after the next migrate.
VERSIE = 2  # 2: the counts of items and shifts on Tijdlijnstand

# Viewer levels from open to closed; a level sees its own and the more open ones.
NIVEAUS = tuple(niveau.value for niveau in Zichtbaarheid)
VELDEN = tuple(f.name for f in fields(Geheugen))
# What a party stood last (standpunt or steun), for the shifts.
STANDPUNTEN = "standpunten"
ALLE_VELDEN = (*VELDEN, STANDPUNTEN)
BATCH = 2000


def ziet(niveau: str, zichtbaarheid: str) -> bool:
    return NIVEAUS.index(zichtbaarheid) <= NIVEAUS.index(niveau)


def niveau_van(zichtbaar: frozenset[str]) -> str | None:
    """The viewer level whose rows answer for ``zichtbaar``; None for a set of levels that
    is not a role's (the selectors then fold the log)."""
    for i in range(len(NIVEAUS), 0, -1):
        if zichtbaar == frozenset(NIVEAUS[:i]):
            return NIVEAUS[i - 1]
    return None


def geheugen_van(sporen: Mapping[str, dict[str, Any]]) -> Geheugen:
    return Geheugen(**{veld: sporen[veld] for veld in VELDEN})  # type: ignore[arg-type]


def geheugen_voor(opgeslagen: dict[str, Any], niveau: str) -> Geheugen:
    """The memory a row's sentence reads, for a viewer of ``niveau``."""
    entries = opgeslagen.get(niveau, opgeslagen.get(NIVEAUS[0], {}))
    return Geheugen(**{veld: dict(entries.get(veld, {})) for veld in VELDEN})


def begin_van(datum: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(datum, dt.time.min))


def telt_mee(feit: Soort) -> bool:
    """Whether an event of this type can matter to the read model at all."""
    return (
        feit.op_tijdlijn
        or type(feit).onthoud is not Soort.onthoud
        or isinstance(feit, partijen.Beoordeeld | partijen.BetrokkenheidGewijzigd)
    )


Sporen = dict[str, Spoor]


@dataclass
class Verteld:
    regel: Tijdlijnregel | None = None
    verschuivingen: list[Verschuivingsregel] = field(default_factory=list)


def partij(uuid: str, naam: str | None, soort_: str | None) -> dict[str, str]:
    """A party of a shift as the shifts name it: a speler or opdrachtgever the viewer saw
    registered, by its latest name; anything else by its uuid alone."""
    if soort_ is None:
        return {"uuid": uuid, "naam": "", "soort": ""}
    return {"uuid": uuid, "naam": naam or "", "soort": soort_}


def _verschuiving(
    e: Gebeurtenis, feit: Soort, sporen: Sporen, niveau: str
) -> Verschuivingsregel | None:
    """The shift an event is for a viewer level (its party's standpunt learnt)."""
    if isinstance(feit, partijen.Beoordeeld):
        wie = e.payload[feit.partij]
        nieuw = e.payload["beoordeling"][feit.standpunt]
        oud = sporen[STANDPUNTEN].get(wie)
        sporen[STANDPUNTEN][wie] = nieuw
        if nieuw == oud:
            return None
        aspect, van, naar = "standpunt", oud, nieuw
    elif isinstance(feit, partijen.BetrokkenheidGewijzigd):
        w = e.payload["wijziging"]
        wie, aspect, van, naar = w["partij"], "betrokkenheid", w["van"], w["naar"]
    else:
        return None
    return Verschuivingsregel(
        bestuursproces_id=e.bestuursproces_id,
        gebeurtenis=e,
        volgnummer=e.volgnummer,
        tijdstip=e.tijdstip,
        niveau=niveau,
        partij=str(wie),
        aspect=aspect,
        van=van,
        naar=naar,
    )


def _erboven(onder: Sporen) -> Sporen:
    """A scratch memory over a level's memory: what an event would teach a level that may
    not see it, without teaching it."""

    def bron(spoor: Spoor) -> Callable[[str], Any]:
        return lambda sleutel: spoor.get(sleutel, ONBEKEND)

    return {veld: Spoor(bron(spoor)) for veld, spoor in onder.items()}


def vertel(
    e: Gebeurtenis,
    standen: dict[str, Sporen],
    verplaatst_naar: dt.datetime | None = None,
    vrijgaven: Mapping[int, str] | None = None,
) -> Verteld:
    """Teach every level's memory the event (the levels that see it) and note its item and
    shifts. The item's date, for types with a date of their own, is set by the caller.
    ``vrijgaven`` holds the levels events were released to later (volgnummer → level)."""
    feit = soort(e.type)
    verteld = Verteld()
    if not telt_mee(feit):
        return verteld
    zichtbaarheid = zichtbaarheid_van(e)
    vrijgegeven = (vrijgaven or {}).get(e.volgnummer)
    if (
        vrijgegeven is not None
        and Zichtbaarheid(vrijgegeven).rang < Zichtbaarheid(zichtbaarheid).rang
    ):
        zichtbaarheid = vrijgegeven
    per_niveau: dict[str, dict[str, Any]] = {}
    beschreven = False
    for niveau in NIVEAUS:
        gezien = ziet(niveau, zichtbaarheid)
        if not gezien and not feit.op_tijdlijn:
            continue
        sporen = standen[niveau] if gezien else _erboven(standen[niveau])
        g = geheugen_van(sporen)
        feit.onthoud(e, g)
        if feit.op_tijdlijn:
            for spoor in sporen.values():
                spoor.noteer()
            beschrijving = feit.beschrijf(e, g)
            per_niveau[niveau] = {
                veld: gelezen for veld, spoor in sporen.items() if (gelezen := spoor.genoteerd())
            }
            if niveau == zichtbaarheid:
                beschreven = beschrijving is not None
        if gezien and (verschuiving := _verschuiving(e, feit, sporen, niveau)) is not None:
            verteld.verschuivingen.append(verschuiving)
    if beschreven:
        basis = per_niveau.get(NIVEAUS[0], {})
        opgeslagen = {NIVEAUS[0]: basis} if basis else {}
        opgeslagen |= {n: g for n, g in per_niveau.items() if n != NIVEAUS[0] and g != basis}
        verteld.regel = Tijdlijnregel(
            bestuursproces_id=e.bestuursproces_id,
            gebeurtenis=e,
            volgnummer=e.volgnummer,
            soort=e.type,
            tijdstip=e.tijdstip,
            verplaatst_naar=verplaatst_naar,
            zichtbaarheid=zichtbaarheid,
            geheugen=opgeslagen,
        )
    return verteld


def dateer(regel: Tijdlijnregel, e: Gebeurtenis, sporen: Sporen) -> None:
    """Put an item on its own date as the memory knows it now, noting where it came from."""
    feit = soort(e.type)
    if not feit.eigen_datum:
        return
    for spoor in sporen.values():
        spoor.noteer()
    datum = feit.datum(e, geheugen_van(sporen))
    bronnen = [
        f"{veld}:{sleutel}" for veld, spoor in sporen.items() for sleutel in spoor.genoteerd()
    ]
    # Every registration reads at most one entry for its date (an interventie's own fields).
    regel.datumbron = bronnen[0] if bronnen else ""
    regel.tijdstip = begin_van(datum) if datum is not None else e.tijdstip


# ---- appending -----------------------------------------------------------------------------


def _sleutels(waarde: Any) -> Iterator[str]:
    """Every string in a payload that could be a key of the memory (uuids)."""
    if isinstance(waarde, dict):
        for v in waarde.values():
            yield from _sleutels(v)
    elif isinstance(waarde, list):
        for v in waarde:
            yield from _sleutels(v)
    elif isinstance(waarde, str) and len(waarde) == 36:
        yield waarde


class _Lader:
    """The memory entries of a case, read by key: those of the keys an event's payload names
    in one query up front, any other on first touch. Keys in ``nieuw`` (rows created in the
    event's transaction) have no entries yet and are never read."""

    def __init__(
        self, bestuursproces_id: int, sleutels: set[str], nieuw: frozenset[str] = frozenset()
    ) -> None:
        self.bestuursproces_id = bestuursproces_id
        self.gelezen: dict[tuple[str, str], dict[str, Any]] = {
            (veld, sleutel): {} for veld in ALLE_VELDEN for sleutel in nieuw
        }
        if sleutels := sleutels - nieuw:
            self._lees(models.Q(sleutel__in=sleutels), sleutels)

    def _lees(self, filter_: models.Q, sleutels: set[str]) -> None:
        for veld in ALLE_VELDEN:
            for sleutel in sleutels:
                self.gelezen[(veld, sleutel)] = {}
        rijen = Tijdlijngeheugen.objects.filter(filter_, bestuursproces_id=self.bestuursproces_id)
        for veld, sleutel, niveau, waarde in rijen.values_list(
            "veld", "sleutel", "niveau", "waarde"
        ):
            self.gelezen.setdefault((veld, sleutel), {})[niveau] = waarde

    def bron(self, veld: str, niveau: str) -> Callable[[str], Any]:
        def lees(sleutel: str) -> Any:
            if not sleutel:
                return ONBEKEND
            if (veld, sleutel) not in self.gelezen:
                self._lees(models.Q(sleutel=sleutel), {sleutel})
            return self.gelezen[(veld, sleutel)].get(niveau, ONBEKEND)

        return lees


def werk_bij(
    bestuursproces: Bestuursproces,
    e: Gebeurtenis,
    *,
    laat: bool,
    nieuw: set[str] | frozenset[str] = frozenset(),
) -> None:
    """Keep the read model in step with an event just appended (in its transaction).
    ``nieuw``: keys of rows created in this transaction, which no memory entry names yet."""
    if laat:
        herbouw(bestuursproces)
        return
    if e.volgnummer == 1:
        Tijdlijnstand.objects.create(bestuursproces=bestuursproces, versie=VERSIE)
    if not telt_mee(soort(e.type)):
        return
    lader = _Lader(bestuursproces.pk, set(_sleutels(e.payload)), frozenset(nieuw))
    standen = {
        niveau: {veld: Spoor(lader.bron(veld, niveau)) for veld in ALLE_VELDEN}
        for niveau in NIVEAUS
    }
    verteld = vertel(e, standen)
    if verteld.regel is not None:
        dateer(verteld.regel, e, standen[verteld.regel.zichtbaarheid])
        voeg_in(verteld.regel)
    if verteld.verschuivingen:
        Verschuivingsregel.objects.bulk_create(verteld.verschuivingen)
    erbij = aantallen([verteld.regel] if verteld.regel is not None else [], verteld.verschuivingen)
    if erbij:
        Tijdlijnstand.objects.filter(bestuursproces=bestuursproces).update(
            **{veld: models.F(veld) + aantal for veld, aantal in erbij.items()}
        )
    gewijzigd = [
        (niveau, veld, sleutel, waarde)
        for niveau, sporen in standen.items()
        for veld, spoor in sporen.items()
        for sleutel, waarde in spoor.gewijzigd().items()
    ]
    if not gewijzigd:
        return
    Tijdlijngeheugen.objects.bulk_create(
        [
            Tijdlijngeheugen(bestuursproces=bestuursproces, niveau=n, veld=v, sleutel=s, waarde=w)
            for n, v, s, w in gewijzigd
        ],
        update_conflicts=True,
        unique_fields=["bestuursproces", "sleutel", "veld", "niveau"],
        update_fields=["waarde"],
    )
    # Only an entry that existed can be the source of an item's date.
    verzet = {(n, f"{v}:{s}") for n, v, s, _w in gewijzigd if standen[n][v].bestond(s)}
    if verzet:
        _verzet(bestuursproces, e, standen, verzet)


def _verzet(
    bestuursproces: Bestuursproces,
    nieuw: Gebeurtenis,
    standen: dict[str, Sporen],
    gewijzigd: set[tuple[str, str]],
) -> None:
    """Move the items whose own date comes from an entry this event changed."""
    bronnen = {bron for _niveau, bron in gewijzigd}
    regels = (
        Tijdlijnregel.objects.filter(bestuursproces=bestuursproces, datumbron__in=bronnen)
        .exclude(gebeurtenis=nieuw)
        .select_related("gebeurtenis")
    )
    for regel in regels:
        if (regel.zichtbaarheid, regel.datumbron) not in gewijzigd:
            continue
        e = regel.gebeurtenis
        if regel.verplaatst_naar is not None:
            verplaats(e, regel.verplaatst_naar)
        voor = regel.tijdstip
        dateer(regel, e, standen[regel.zichtbaarheid])
        if regel.tijdstip != voor:
            regel.save(update_fields=["tijdstip"])


# ---- rebuilding ----------------------------------------------------------------------------


def herbouw(bestuursproces: Bestuursproces) -> int:
    """Build the case's read model from its log, replacing what was there; the number of
    tijdlijn items. Call inside a transaction (a partial rebuild must not be seen)."""
    Tijdlijnregel.objects.filter(bestuursproces=bestuursproces).delete()
    Verschuivingsregel.objects.filter(bestuursproces=bestuursproces).delete()
    Tijdlijngeheugen.objects.filter(bestuursproces=bestuursproces).delete()
    gecorrigeerd = correcties(Gebeurtenis.objects.filter(bestuursproces=bestuursproces))
    # Events released later are told at the level released to (cases.events.vrijgave).
    vrijgaven = laad_vrijgaven(bestuursproces.pk)
    standen: dict[str, Sporen] = {
        niveau: {veld: Spoor() for veld in ALLE_VELDEN} for niveau in NIVEAUS
    }
    klaar: list[Tijdlijnregel] = []
    # Items on a date of their own stand where the memory at the end of the history puts them.
    gedateerd: list[tuple[Tijdlijnregel, Gebeurtenis]] = []
    verschuivingen: list[Verschuivingsregel] = []
    geteld: dict[str, int] = {}
    aantal = 0
    with contextlib.closing(geschiedenis(bestuursproces.pk)) as reeks:
        for e in reeks:
            verteld = vertel(e, standen, gecorrigeerd.get(e.volgnummer), vrijgaven)
            verschuivingen += verteld.verschuivingen
            if verteld.regel is not None:
                aantal += 1
                if soort(e.type).eigen_datum:
                    gedateerd.append((verteld.regel, e))
                else:
                    klaar.append(verteld.regel)
            if len(klaar) >= BATCH:
                Tijdlijnregel.objects.bulk_create(klaar)
                geteld = _tel_op(geteld, aantallen(klaar, []))
                klaar = []
            if len(verschuivingen) >= BATCH:
                Verschuivingsregel.objects.bulk_create(verschuivingen)
                geteld = _tel_op(geteld, aantallen([], verschuivingen))
                verschuivingen = []
    for regel, e in gedateerd:
        dateer(regel, e, standen[regel.zichtbaarheid])
    Tijdlijnregel.objects.bulk_create(klaar + [regel for regel, _e in gedateerd], BATCH)
    Verschuivingsregel.objects.bulk_create(verschuivingen, BATCH)
    Tijdlijngeheugen.objects.bulk_create(
        (
            Tijdlijngeheugen(
                bestuursproces=bestuursproces, niveau=niveau, veld=veld, sleutel=s, waarde=w
            )
            for niveau, sporen in standen.items()
            for veld, spoor in sporen.items()
            for s, w in dict.items(spoor)
        ),
        BATCH,
    )
    geteld = _tel_op(geteld, aantallen(klaar + [regel for regel, _e in gedateerd], verschuivingen))
    Tijdlijnstand.objects.update_or_create(
        bestuursproces=bestuursproces,
        defaults={"versie": VERSIE, **dict.fromkeys(TELLERS, 0), **geteld},
    )
    return aantal


# The counts on Tijdlijnstand: items by their own level, shifts by the viewer level.
TELLERS = tuple(
    f"{soort_}_{niveau}" for soort_ in ("regels", "verschuivingen") for niveau in NIVEAUS
)


def _tel_op(a: dict[str, int], b: dict[str, int]) -> dict[str, int]:
    return {veld: a.get(veld, 0) + b.get(veld, 0) for veld in a.keys() | b.keys()}


def aantallen(
    regels: list[Tijdlijnregel], verschuivingen: list[Verschuivingsregel]
) -> dict[str, int]:
    """What the rows add to the counts on Tijdlijnstand (only the counts they change)."""
    erbij: dict[str, int] = {}
    for regel in regels:
        erbij[f"regels_{regel.zichtbaarheid}"] = erbij.get(f"regels_{regel.zichtbaarheid}", 0) + 1
    for v in verschuivingen:
        erbij[f"verschuivingen_{v.niveau}"] = erbij.get(f"verschuivingen_{v.niveau}", 0) + 1
    return erbij


def te_herbouwen() -> models.QuerySet[Bestuursproces]:
    """Cases whose read model is missing or was built by an older version."""
    actueel = Tijdlijnstand.objects.filter(versie=VERSIE).values("bestuursproces")
    return Bestuursproces.objects.exclude(pk__in=actueel)


def herbouw_vergrendeld(bestuursproces_id: int) -> int:
    """Rebuild one case in a transaction of its own, with the case row locked, so that no
    event is appended halfway."""
    with transaction.atomic():
        bestuursproces = Bestuursproces.objects.select_for_update().get(pk=bestuursproces_id)
        return herbouw(bestuursproces)


def herbouw_na_migratie(using: str = "default", **_: Any) -> None:
    """post_migrate: build the read model of cases from before it (or from an older
    :data:`VERSIE`), so that an upgraded database has a complete tijdlijn at once."""
    verbinding = connections[using]
    tabellen = set(verbinding.introspection.table_names())
    if not {Tijdlijnstand._meta.db_table, Bestuursproces._meta.db_table} <= tabellen:
        return  # migrated back to before the read model
    for pk in te_herbouwen().using(using).values_list("pk", flat=True).iterator():
        herbouw_vergrendeld(pk)
