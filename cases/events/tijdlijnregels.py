"""The tijdlijn's read model kept in step with the log: its items, shifts and memory.

:func:`vertel_bij` runs inside :func:`~cases.events.log.append_event`'s transaction for every
event appended at the end of the history (its rows are written with the event);
:func:`herbouw` builds a case's rows from its log (``manage.py herbouw_tijdlijn``, after
``migrate`` for cases built with an older version, see :data:`VERSIE`, and after a fact
entered late). How an event
is told (its item, its shifts) is :mod:`cases.events.tijdlijnvertelling`.

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
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import connections, models, transaction
from django.db.models.functions import Coalesce

from cases.models import (
    Bestuursproces,
    Gebeurtenis,
    Geheugenstand,
    Tijdlijngeheugen,
    Tijdlijnregel,
    Tijdlijnstand,
    Verschuivingsregel,
)
from procesregie.opruimen import zonder_volledige_opruiming

from . import geheugenstanden
from .bundel import Bundel
from .geheugenspoor import ONBEKEND, Spoor, Sporenbak
from .soorten import alle, soort
from .tijdlijnvertelling import ALLE_VELDEN, NIVEAUS, Sporen, dateer, telt_mee, vertel
from .veel_rijen import voeg_veel_in
from .voorbereid import tel_bij, voeg_in, voeg_in_of_vervang
from .vrijgave import laad_vrijgaven
from .wereldtijd import correcties, geschiedenis, verplaats

# Raise when what a row keeps changes: every case is rebuilt after the next migrate.
VERSIE = 2  # 2: the counts of items and shifts on Tijdlijnstand
BATCH = 2000

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

    def sporen(self, niveau: str) -> Sporenbak:
        """A viewer level's memory, each field read from here when first asked for."""
        return Sporenbak(lambda veld: Spoor(self.bron(veld, niveau)))

    def bron(self, veld: str, niveau: str) -> Callable[[str], Any]:
        def lees(sleutel: str) -> Any:
            if not sleutel:
                return ONBEKEND
            if (veld, sleutel) not in self.gelezen:
                self._lees(models.Q(sleutel=sleutel), {sleutel})
            return self.gelezen[(veld, sleutel)].get(niveau, ONBEKEND)

        return lees


@dataclass
class Nazorg:
    """What follows the telling of an event once the event is written: its shifts (rows that
    name the event) and the items whose own date came from an entry the event changed."""

    bestuursproces: Bestuursproces
    e: Gebeurtenis
    standen: dict[str, Sporen] = field(default_factory=dict)
    verschuivingen: list[Verschuivingsregel] = field(default_factory=list)
    verzet: set[tuple[str, str]] = field(default_factory=set)

    def voer_uit(self) -> None:
        if self.verschuivingen:
            voeg_veel_in(self.verschuivingen)
        if self.verzet:
            _verzet(self.bestuursproces, self.e, self.standen, self.verzet)


def vertel_bij(
    bestuursproces: Bestuursproces,
    e: Gebeurtenis,
    bundel: Bundel,
    *,
    nieuw: set[str] | frozenset[str] = frozenset(),
) -> Nazorg:
    """Tell an event about to be appended at the end of the history (in its transaction):
    its item, the tijdlijn's counts and the memory it changed go into ``bundel``, which is
    sent with the event (:meth:`~cases.events.bundel.Bundel.hoort_bij`, so that the item
    takes the event's key); what must wait until the event is written comes back.
    ``nieuw``: keys of rows created in this transaction, which no memory entry names yet."""
    if e.volgnummer == 1:
        Tijdlijnstand.objects.create(bestuursproces=bestuursproces, versie=VERSIE)
    nazorg = Nazorg(bestuursproces, e)
    if not telt_mee(soort(e.type)):
        return nazorg
    lader = _Lader(bestuursproces.pk, set(_sleutels(e.payload)), frozenset(nieuw))
    standen: dict[str, Sporen] = {niveau: lader.sporen(niveau) for niveau in NIVEAUS}
    verteld = vertel(e, standen)
    if verteld.regel is not None:
        dateer(verteld.regel, e, standen[verteld.regel.zichtbaarheid])
        voeg_in(verteld.regel, bundel=bundel)  # it takes the key of the event
    erbij = aantallen([verteld.regel] if verteld.regel is not None else [], verteld.verschuivingen)
    if erbij:
        tel_bij(bestuursproces.pk, erbij, bundel=bundel)
    gewijzigd = [
        (niveau, veld, sleutel, waarde)
        for niveau, sporen in standen.items()
        for veld, spoor in sporen.items()
        if spoor.oorspronkelijk  # untouched: nothing changed
        for sleutel, waarde in spoor.gewijzigd().items()
    ]
    if gewijzigd:
        voeg_in_of_vervang(
            [
                Tijdlijngeheugen(
                    bestuursproces=bestuursproces, niveau=n, veld=v, sleutel=s, waarde=w
                )
                for n, v, s, w in gewijzigd
            ],
            uniek=("bestuursproces", "sleutel", "veld", "niveau"),
            vervang=("waarde",),
            bundel=bundel,
        )
    nazorg.standen = standen
    nazorg.verschuivingen = verteld.verschuivingen
    # Only an entry that existed can be the source of an item's date.
    nazorg.verzet = {(n, f"{v}:{s}") for n, v, s, _w in gewijzigd if standen[n][v].bestond(s)}
    return nazorg


def _verzet(
    bestuursproces: Bestuursproces,
    nieuw: Gebeurtenis,
    standen: dict[str, Sporen],
    gewijzigd: set[tuple[str, str]],
) -> None:
    """Move the items whose own date comes from an entry this event changed."""
    andere = Tijdlijnregel.objects.filter(bestuursproces=bestuursproces).exclude(gebeurtenis=nieuw)
    _herdateer(andere, standen, gewijzigd)


# ---- rebuilding ----------------------------------------------------------------------------


@zonder_volledige_opruiming()
def herbouw(bestuursproces: Bestuursproces, *, vanaf: dt.datetime | None = None) -> int:
    """Build the case's read model from its log, replacing what was there; the number of
    tijdlijn items. Call inside a transaction (a partial rebuild must not be seen).

    ``vanaf`` is the earliest moment a change touches (a fact entered late, a corrected
    date): what lies before it is told as before, so the rebuild starts from the nearest
    stand of the memory before that moment (:class:`~cases.models.Geheugenstand`) and tells
    again only the events after it. Without a stand there, or without ``vanaf``, it tells
    the whole history; either way it stores a stand every ``FOLDSTAND_INTERVAL`` events."""
    stand = _stand_voor(bestuursproces, vanaf) if vanaf is not None else None
    if stand is None:
        Tijdlijnregel.objects.filter(bestuursproces=bestuursproces).delete()
        Verschuivingsregel.objects.filter(bestuursproces=bestuursproces).delete()
        Geheugenstand.objects.filter(bestuursproces=bestuursproces).delete()
        standen: dict[str, Sporen] = {
            niveau: {veld: Spoor() for veld in ALLE_VELDEN} for niveau in NIVEAUS
        }
        _vertel_opnieuw(bestuursproces, standen)
        Tijdlijngeheugen.objects.filter(bestuursproces=bestuursproces).delete()
    else:
        na = (stand.tijdstip, stand.volgnummer)
        _vergeet_na(bestuursproces, na)
        standen = geheugenstanden.decodeer(stand.geheugen)
        # Items before the stand keep their row; one on a date of its own moves when the
        # entry its date comes from is no longer what the memory at the end held.
        eerder = _eigen_datums(bestuursproces)
        bronnen = set(eerder.values_list("zichtbaarheid", "datumbron").distinct())
        was = _geheugen_van(bestuursproces, bronnen)
        _vertel_opnieuw(bestuursproces, standen, na=na, aantal=stand.aantal)
        Tijdlijngeheugen.objects.filter(bestuursproces=bestuursproces).delete()
        verschoven = {
            (niveau, bron)
            for niveau, bron in bronnen
            if not bron or _waarde(standen, niveau, bron) != was.get((niveau, bron), ONBEKEND)
        }
        _herdateer(eerder, standen, verschoven)
    voeg_veel_in(
        (
            Tijdlijngeheugen(
                bestuursproces=bestuursproces, niveau=niveau, veld=veld, sleutel=s, waarde=w
            )
            for niveau, sporen in standen.items()
            for veld, spoor in sporen.items()
            for s, w in dict.items(spoor)
        ),
        per_statement=BATCH,
    )
    geteld = _tel(bestuursproces)
    Tijdlijnstand.objects.update_or_create(
        bestuursproces=bestuursproces, defaults={"versie": VERSIE, **geteld}
    )
    return sum(aantal for teller, aantal in geteld.items() if teller.startswith("regels_"))


def _vertel_opnieuw(
    bestuursproces: Bestuursproces,
    standen: dict[str, Sporen],
    *,
    na: tuple[dt.datetime, int] | None = None,
    aantal: int = 0,
) -> None:
    """Tell the events after the position ``na`` (from the opening: None) into rows, with
    ``standen`` the memory at that position and ``aantal`` the events up to it, storing a
    stand of the memory every ``FOLDSTAND_INTERVAL`` events. Items on a date of their own
    stand where the memory at the end of the history puts them."""
    gecorrigeerd = correcties(Gebeurtenis.objects.filter(bestuursproces=bestuursproces))
    # Events released later are told at the level released to (cases.events.vrijgave).
    vrijgaven = laad_vrijgaven(bestuursproces.pk)
    interval = max(int(settings.FOLDSTAND_INTERVAL), 1)
    klaar: list[Tijdlijnregel] = []
    gedateerd: list[tuple[Tijdlijnregel, Gebeurtenis]] = []
    verschuivingen: list[Verschuivingsregel] = []
    with contextlib.closing(geschiedenis(bestuursproces.pk, na=na)) as reeks:
        for e in reeks:
            verteld = vertel(e, standen, gecorrigeerd.get(e.volgnummer), vrijgaven)
            verschuivingen += verteld.verschuivingen
            if verteld.regel is not None:
                if soort(e.type).eigen_datum:
                    gedateerd.append((verteld.regel, e))
                else:
                    klaar.append(verteld.regel)
            aantal += 1
            if aantal % interval == 0:
                geheugenstanden.bewaar(bestuursproces, e, aantal, standen, VERSIE)
            if len(klaar) >= BATCH:
                voeg_veel_in(klaar)
                klaar = []
            if len(verschuivingen) >= BATCH:
                voeg_veel_in(verschuivingen)
                verschuivingen = []
    for regel, e in gedateerd:
        dateer(regel, e, standen[regel.zichtbaarheid])
    voeg_veel_in(klaar + [regel for regel, _e in gedateerd])
    voeg_veel_in(verschuivingen)


def _stand_voor(bestuursproces: Bestuursproces, moment: dt.datetime) -> Geheugenstand | None:
    """The nearest stand of the memory before ``moment``, if the case's rows were built by
    this version of the read model."""
    actueel = Tijdlijnstand.objects.filter(bestuursproces=bestuursproces, versie=VERSIE)
    if not actueel.exists():
        return None
    return geheugenstanden.dichtstbij_voor(bestuursproces, moment, VERSIE)


def _vergeet_na(bestuursproces: Bestuursproces, na: tuple[dt.datetime, int]) -> None:
    """Delete the rows and stands of the events after the position ``na``: an item stands in
    the history at its corrected moment if it has one, else at its event's."""
    moment, volgnummer = na
    na_positie = models.Q(tijdstip__gt=moment) | models.Q(
        tijdstip=moment, volgnummer__gt=volgnummer
    )
    Verschuivingsregel.objects.filter(na_positie, bestuursproces=bestuursproces).delete()
    Geheugenstand.objects.filter(na_positie, bestuursproces=bestuursproces).delete()
    Tijdlijnregel.objects.filter(bestuursproces=bestuursproces).alias(
        positie=Coalesce("verplaatst_naar", "gebeurtenis__tijdstip")
    ).filter(
        models.Q(positie__gt=moment) | models.Q(positie=moment, volgnummer__gt=volgnummer)
    ).delete()


def _eigen_datums(bestuursproces: Bestuursproces) -> models.QuerySet[Tijdlijnregel]:
    """The case's items on a date of their own."""
    return Tijdlijnregel.objects.filter(
        bestuursproces=bestuursproces,
        soort__in=[code for code, s in alle().items() if s.eigen_datum],
    )


def _geheugen_van(
    bestuursproces: Bestuursproces, bronnen: set[tuple[str, str]]
) -> dict[tuple[str, str], Any]:
    """The stored memory's entries named by ``bronnen`` (level, "veld:sleutel")."""
    sleutels = {bron.partition(":")[2] for _niveau, bron in bronnen if bron}
    if not sleutels:
        return {}
    rijen = Tijdlijngeheugen.objects.filter(bestuursproces=bestuursproces, sleutel__in=sleutels)
    return {
        (niveau, f"{veld}:{sleutel}"): waarde
        for niveau, veld, sleutel, waarde in rijen.values_list(
            "niveau", "veld", "sleutel", "waarde"
        )
    }


def _waarde(standen: dict[str, Sporen], niveau: str, bron: str) -> Any:
    """An entry of the memory as it is stored (JSON: a tuple reads back as a list)."""
    veld, _, sleutel = bron.partition(":")
    waarde = dict.get(standen[niveau][veld], sleutel, ONBEKEND)
    return waarde if waarde is ONBEKEND else json.loads(json.dumps(waarde))


def _herdateer(
    regels: models.QuerySet[Tijdlijnregel],
    standen: dict[str, Sporen],
    verschoven: set[tuple[str, str]],
) -> None:
    """Put the items whose date comes from an entry in ``verschoven`` (level, "veld:sleutel";
    an empty source: no entry) where the memory ``standen`` now puts them."""
    bronnen = {bron for _niveau, bron in verschoven}
    for regel in regels.filter(datumbron__in=bronnen).select_related("gebeurtenis"):
        if (regel.zichtbaarheid, regel.datumbron) not in verschoven:
            continue
        e = regel.gebeurtenis
        if regel.verplaatst_naar is not None:
            verplaats(e, regel.verplaatst_naar)
        voor = regel.tijdstip, regel.datumbron
        dateer(regel, e, standen[regel.zichtbaarheid])
        if (regel.tijdstip, regel.datumbron) != voor:
            regel.save(update_fields=["tijdstip", "datumbron"])


# The counts on Tijdlijnstand: items by their own level, shifts by the viewer level.
TELLERS = tuple(
    f"{soort_}_{niveau}" for soort_ in ("regels", "verschuivingen") for niveau in NIVEAUS
)


def _tel(bestuursproces: Bestuursproces) -> dict[str, int]:
    """The counts of the case's rows, as Tijdlijnstand keeps them."""
    geteld = dict.fromkeys(TELLERS, 0)
    for model, soort_, niveau in (
        (Tijdlijnregel, "regels", "zichtbaarheid"),
        (Verschuivingsregel, "verschuivingen", "niveau"),
    ):
        rijen = (
            model.objects.filter(bestuursproces=bestuursproces)
            .values_list(niveau)
            .annotate(aantal=models.Count("pk"))
            .order_by()
        )
        for waarde, aantal in rijen:
            geteld[f"{soort_}_{waarde}"] = aantal
    return geteld


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
