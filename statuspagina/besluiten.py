"""What the status page shows of besluiten and afspraken, read from the case document (the
tables now, or a momentopname for a past day), so a role sees only what it may see."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils import formats
from django.utils.translation import gettext

from cases.models import AfspraakStatus, Besluitmoment, Orgaan

# How many of the latest besluiten the page lists.
RECENTE_BESLUITEN = 5


@dataclass(frozen=True)
class BesluitRegel:
    datum: dt.date
    titel: str
    door: str
    kenmerk: str


@dataclass(frozen=True)
class VerlopenBesluitmoment:
    """A besluitmoment of the opdracht whose date passed without a besluit fulfilling it."""

    datum: dt.date
    soort: str
    gevraagd: str


def _namen(staat: dict[str, Any]) -> dict[str, str]:
    return {
        partij["uuid"]: partij["naam"]
        for verzameling in ("opdrachtgevers", "organisaties")
        for partij in staat[verzameling]
    }


def _door(besluit: dict[str, Any], namen: dict[str, str]) -> str:
    partij = besluit["opdrachtgever"] or besluit["organisatie"]
    if partij:
        return namen.get(partij, gettext("een onbekende partij"))
    if besluit["orgaanNaam"]:
        return str(besluit["orgaanNaam"])
    return str(Orgaan(besluit["orgaan"]).label)


def recente_besluiten(staat: dict[str, Any]) -> list[BesluitRegel]:
    """The latest besluiten of the case document, newest first."""
    namen = _namen(staat)
    laatste = sorted(staat["besluiten"], key=lambda b: (b["datum"], b["uuid"]), reverse=True)
    return [
        BesluitRegel(
            datum=dt.date.fromisoformat(b["datum"]),
            titel=b["titel"],
            door=_door(b, namen),
            kenmerk=b["kenmerk"],
        )
        for b in laatste[:RECENTE_BESLUITEN]
    ]


def verlopen_besluitmomenten(
    staat: dict[str, Any], vandaag: dt.date
) -> list[VerlopenBesluitmoment]:
    """The opdracht's besluitmomenten before ``vandaag`` that no besluit (the viewer may see)
    fulfils, oldest first."""
    genomen = {b["besluitmoment"] for b in staat["besluiten"] if b["besluitmoment"]}
    momenten = [
        VerlopenBesluitmoment(
            datum=dt.date.fromisoformat(b["datum"]),
            soort=str(Besluitmoment.Soort(b["soort"]).label),
            gevraagd=b["gevraagd"],
        )
        for b in staat["bestuursproces"]["opdracht"]["besluitmomenten"]
        if b["datum"] not in genomen
    ]
    return sorted((m for m in momenten if m.datum < vandaag), key=lambda m: m.datum)


@dataclass(frozen=True)
class AfspraakRegel:
    wat: str
    door: str
    uiterlijk: dt.date | None
    stand: str
    verlopen: bool


def _stand(afspraak: dict[str, Any], verlopen: bool) -> str:
    if verlopen:
        return gettext("Verlopen")
    if afspraak["status"] == AfspraakStatus.OPEN:
        return str(AfspraakStatus.OPEN.label)
    return gettext("%(status)s op %(datum)s") % {
        "status": AfspraakStatus(afspraak["status"]).label,
        "datum": formats.date_format(dt.date.fromisoformat(afspraak["afgehandeldOp"])),
    }


def afspraken(staat: dict[str, Any], vandaag: dt.date) -> list[AfspraakRegel]:
    """Every afspraak of the case document: the overdue ones first, then the other open ones
    by uiterlijk (none last), then those handled, latest first."""
    namen = _namen(staat) | {s["uuid"]: s["naam"] for s in staat["spelers"]}
    verlopen, lopend, afgehandeld = [], [], []
    for a in staat["afspraken"]:
        uiterlijk = dt.date.fromisoformat(a["uiterlijk"]) if a["uiterlijk"] else None
        is_open = a["status"] == AfspraakStatus.OPEN
        te_laat = is_open and uiterlijk is not None and uiterlijk < vandaag
        door = namen.get(a["speler"] or a["opdrachtgever"] or a["organisatie"], "?")
        regel = AfspraakRegel(a["wat"], door, uiterlijk, _stand(a, te_laat), te_laat)
        if te_laat:
            verlopen.append((a["uiterlijk"], regel))
        elif is_open:
            lopend.append((a["uiterlijk"] or "9999-12-31", regel))
        else:
            afgehandeld.append((a["afgehandeldOp"], regel))
    afgehandeld.sort(key=lambda paar: paar[0], reverse=True)
    return [
        regel
        for groep in (sorted(verlopen, key=_eerste), sorted(lopend, key=_eerste), afgehandeld)
        for _, regel in groep
    ]


def _eerste(paar: tuple[str, AfspraakRegel]) -> str:
    return paar[0]
