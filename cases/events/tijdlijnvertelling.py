"""How the tijdlijn's read model tells an event: its item (the moment it stands on, its level,
the memory its sentence reads per viewer level) and the shifts it makes, from the memory
noted per viewer level (:class:`~cases.events.geheugenspoor.Spoor`). Used by appending and
by rebuilding (:mod:`cases.events.tijdlijnregels`) and by the selectors that read the rows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import Any

from django.utils import timezone

from cases.models import (
    Gebeurtenis,
    Tijdlijnregel,
    Verschuivingsregel,
    Zichtbaarheid,
)

from .geheugenspoor import ONBEKEND, Spoor, Sporenbak, genoteerd, noteer
from .replay import zichtbaarheid_van
from .soorten import Soort, partijen, soort
from .verhaal import Geheugen

# Viewer levels from open to closed; a level sees its own and the more open ones.
NIVEAUS = tuple(niveau.value for niveau in Zichtbaarheid)
VELDEN = tuple(f.name for f in fields(Geheugen))
# What a party stood last (standpunt or steun), for the shifts.
STANDPUNTEN = "standpunten"
ALLE_VELDEN = (*VELDEN, STANDPUNTEN)


def ziet(niveau: str, zichtbaarheid: str) -> bool:
    return NIVEAUS.index(zichtbaarheid) <= NIVEAUS.index(niveau)


def niveau_van(zichtbaar: frozenset[str]) -> str | None:
    """The viewer level whose rows answer for ``zichtbaar``; None for a set of levels that
    is not a role's (the selectors then fold the log)."""
    for i in range(len(NIVEAUS), 0, -1):
        if zichtbaar == frozenset(NIVEAUS[:i]):
            return NIVEAUS[i - 1]
    return None


class _Lui(Geheugen):
    """The :class:`Geheugen` of a level's memory, taking each field from it when first read:
    a field that the registration never reads is never made (:class:`Sporenbak`), nor
    compared, taken over or written back for the other levels."""

    def __init__(self, sporen: Mapping[str, dict[str, Any]]) -> None:  # no field set yet
        self._sporen = sporen

    def __getattr__(self, naam: str) -> Any:
        if naam not in _VELDEN:
            raise AttributeError(naam)
        veld = self._sporen[naam]
        setattr(self, naam, veld)
        return veld


_VELDEN = frozenset(VELDEN)


def geheugen_van(sporen: Mapping[str, dict[str, Any]]) -> Geheugen:
    return _Lui(sporen)


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


# A shift: its party, aspect, from and to.
Verschuiving = tuple[str, str, Any, Any]


def _verschuiving(e: Gebeurtenis, feit: Soort, sporen: Sporen) -> Verschuiving | None:
    """The shift an event is for a viewer level's memory (its party's standpunt learnt)."""
    if isinstance(feit, partijen.Beoordeeld):
        wie = e.payload[feit.partij]
        nieuw = e.payload["beoordeling"][feit.standpunt]
        oud = sporen[STANDPUNTEN].get(wie)
        sporen[STANDPUNTEN][wie] = nieuw
        if nieuw == oud:
            return None
        return str(wie), "standpunt", oud, nieuw
    if isinstance(feit, partijen.BetrokkenheidGewijzigd):
        w = e.payload["wijziging"]
        return str(w["partij"]), "betrokkenheid", w["van"], w["naar"]
    return None


def _verschuivingsregel(e: Gebeurtenis, niveau: str, v: Verschuiving) -> Verschuivingsregel:
    partij_, aspect, van, naar = v
    return Verschuivingsregel(
        bestuursproces_id=e.bestuursproces_id,
        gebeurtenis=e,
        volgnummer=e.volgnummer,
        tijdstip=e.tijdstip,
        niveau=niveau,
        partij=partij_,
        aspect=aspect,
        van=van,
        naar=naar,
    )


def _als(voorbeeld: Sporen, sporen: Sporen) -> bool:
    """Whether an event told at the level of ``voorbeeld`` would be told the same at the
    level of ``sporen`` (untouched): every entry it touched holds the same there. A field
    that neither touched (or that ``sporen`` has not made yet, :class:`Sporenbak`) reads
    the same at both."""
    return all(
        sporen[veld].leest_als(spoor)
        for veld, spoor in voorbeeld.items()
        if spoor.oorspronkelijk or veld in sporen
    )


def _erboven(onder: Sporen) -> Sporen:
    """A scratch memory over a level's memory: what an event would teach a level that may
    not see it, without teaching it."""

    def erboven(veld: str) -> Spoor:
        spoor = onder[veld]
        return Spoor(lambda sleutel: spoor.get(sleutel, ONBEKEND))

    return Sporenbak(erboven)


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
    # When appending, an event is told once: another level whose memory holds the same for
    # every entry the telling touched takes over what it told (the usual case; the memory
    # differs only where a level was kept from something). A level that sees the event takes
    # over from one that saw it (the memory's new state, its shift); a level that may not
    # see it takes over only the entries its sentence reads, from either kind. The levels
    # that see it go first, so that their telling serves the others too.
    verteld_op: dict[bool, tuple[str, Verschuiving | None]] = {}
    for niveau in sorted(NIVEAUS, key=lambda n: not ziet(n, zichtbaarheid)):  # stable
        gezien = ziet(niveau, zichtbaarheid)
        if not gezien and not feit.op_tijdlijn:
            continue
        voorbeelden = [verteld_op[True]] if True in verteld_op else []
        if not gezien and False in verteld_op:
            voorbeelden.append(verteld_op[False])
        gevonden = next((v for v in voorbeelden if _als(standen[v[0]], standen[niveau])), None)
        if gevonden is not None:
            voorbeeld, verschuiving = gevonden
            if gezien:
                for veld, spoor in standen[voorbeeld].items():
                    if spoor.oorspronkelijk:  # else there is nothing to take over
                        standen[niveau][veld].neem_over(spoor)
            else:
                verschuiving = None
            if voorbeeld in per_niveau:
                per_niveau[niveau] = per_niveau[voorbeeld]
        else:
            sporen = standen[niveau] if gezien else _erboven(standen[niveau])
            g = geheugen_van(sporen)
            feit.onthoud(e, g)
            if feit.op_tijdlijn:
                noteer(sporen)
                beschrijving = feit.beschrijf(e, g)
                per_niveau[niveau] = genoteerd(sporen)
                if niveau == zichtbaarheid:
                    beschreven = beschrijving is not None
            verschuiving = _verschuiving(e, feit, sporen) if gezien else None
            verteld_op.setdefault(gezien, (niveau, verschuiving))
        if verschuiving is not None:
            verteld.verschuivingen.append(_verschuivingsregel(e, niveau, verschuiving))
    if beschreven:
        basis = per_niveau.get(NIVEAUS[0], {})
        opgeslagen = {NIVEAUS[0]: basis} if basis else {}
        opgeslagen |= {
            n: per_niveau[n] for n in NIVEAUS[1:] if n in per_niveau and per_niveau[n] != basis
        }
        # A stored event by its key: an instance set on a one-to-one relation is cached both
        # ways, a cycle per item that a rebuild of thousands leaves to the collector's full
        # passes (procesregie/opruimen.py). The event about to be appended has no key yet:
        # its item takes it when both are written.
        naar_gebeurtenis = {"gebeurtenis": e} if e.pk is None else {"gebeurtenis_id": e.pk}
        verteld.regel = Tijdlijnregel(
            bestuursproces_id=e.bestuursproces_id,
            **naar_gebeurtenis,
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
    g = geheugen_van(sporen)
    noteer(sporen)
    datum = feit.datum(e, g)
    bronnen = [
        f"{veld}:{sleutel}" for veld, gelezen in genoteerd(sporen).items() for sleutel in gelezen
    ]
    # Every registration reads at most one entry for its date (an interventie's own fields).
    regel.datumbron = bronnen[0] if bronnen else ""
    regel.tijdstip = begin_van(datum) if datum is not None else e.tijdstip
