"""One export over every case a user may see (issue 15, "across cases"): OCEL 2.0 or CSV.

Which cases and with which levels is :mod:`cases.selectors.overzicht`'s; each case is then
an ordinary :class:`Exportopdracht` (its chain head fixed at the start, its redaction its
own), and the format modules write them one after the other (``schrijf_over_processen``), so
nothing about a case's content is decided here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.utils import timezone

from cases.selectors.afscherming import afscherming
from cases.selectors.overzicht import zichtbare_processen

from . import csvbestand, ocel
from .gebeurtenissen import Exportopdracht, bereid_voor_alle, niveaus_op_volgorde


@dataclass(frozen=True)
class Overzichtsformaat:
    code: str
    extensie: str
    media_type: str
    schrijver: Callable[[Sequence[Exportopdracht]], Iterator[bytes]]


FORMATEN: dict[str, Overzichtsformaat] = {
    f.code: f
    for f in (
        Overzichtsformaat("ocel", "ocel.json", ocel.MEDIA_TYPE, ocel.schrijf_over_processen),
        Overzichtsformaat("csv", "csv", csvbestand.MEDIA_TYPE, csvbestand.schrijf_over_processen),
    )
}


@dataclass(frozen=True)
class Overzichtsopdracht:
    """An export across cases: one :class:`Exportopdracht` per case, by title."""

    exporteur: str
    geexporteerd_op: dt.datetime
    opdrachten: tuple[Exportopdracht, ...]

    @property
    def aantal(self) -> int:
        return sum(o.aantal for o in self.opdrachten)

    @property
    def afgeschermd(self) -> int:
        return sum(o.afgeschermd for o in self.opdrachten)

    @property
    def niveaus(self) -> list[str]:
        """Every level applied in at least one case (each case says its own in the file)."""
        return niveaus_op_volgorde(frozenset().union(*(o.zichtbaar for o in self.opdrachten)))


def bereid_voor(
    gebruiker: AbstractBaseUser | AnonymousUser, *, kanaal: str = "api", recht_gezien: bool = False
) -> Overzichtsopdracht:
    """The export across cases of ``gebruiker`` as their rights stand now (three queries, and
    the right unless ``recht_gezien``); no case at all without the right."""
    processen = zichtbare_processen(gebruiker, recht_gezien=recht_gezien)
    exporteur = gebruiker.get_username()
    opdrachten = bereid_voor_alle(
        [(p.bestuursproces, p.rol, p.zichtbaar) for p in processen],
        exporteur=exporteur,
        kanaal=kanaal,
    )
    return Overzichtsopdracht(
        exporteur=exporteur, geexporteerd_op=timezone.now(), opdrachten=tuple(opdrachten)
    )


def schrijf(opdracht: Overzichtsopdracht, formaat: str) -> Iterator[bytes]:
    # Per case what its viewer may not read, per section, as its own export says it (one
    # query per case, when the export is written rather than when it is prepared).
    opdrachten = [
        replace(
            o, afgeschermd_per_onderdeel=afscherming(o.bestuursproces, o.zichtbaar).per_onderdeel
        )
        for o in opdracht.opdrachten
    ]
    return FORMATEN[formaat].schrijver(opdrachten)


def bestandsnaam(opdracht: Overzichtsopdracht, formaat: str) -> str:
    datum = timezone.localdate(opdracht.geexporteerd_op)
    return f"bestuursprocessen-{datum.isoformat()}.{FORMATEN[formaat].extensie}"
