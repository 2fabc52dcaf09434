"""What the tijdlijn tells with: links, the memory of names and numbers, short texts.

The event types' registrations (:mod:`cases.events.soorten`) describe their events with these;
:mod:`cases.selectors.tijdlijn` puts the items in order for a viewer.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from cases.models import Gebeurtenis

MAX_TEKST = 80


@dataclass(frozen=True)
class Verwijzing:
    """A resource of the case: its API route (without namespace) and its path parameters
    besides the case's uuid. The API turns it into a URL."""

    route: str
    kwargs: dict[str, str] = field(default_factory=dict)


Beschrijving = tuple[str, Verwijzing | None]


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
    # Per volgnummer, the moment a later correction gave an event (see gebeurtenis.datum_*).
    correcties: dict[int, str] = field(default_factory=dict)

    def naam(self, partij: str | None) -> str:
        gevonden = self.partijen.get(partij or "")
        return gevonden if gevonden is not None else _("een onbekende partij")

    def stap(self, uuid: str) -> str:
        nummer = self.stappen.get(uuid)
        return _("Stap %(nummer)s") % {"nummer": nummer} if nummer is not None else _("Een stap")

    def stap_klein(self, uuid: str) -> str:
        """The step in the middle of a sentence."""
        nummer = self.stappen.get(uuid)
        return _("stap %(nummer)s") % {"nummer": nummer} if nummer is not None else _("een stap")

    def optie(self, uuid: str | None) -> str:
        titel = self.opties.get(uuid or "", ("?", ""))[0]
        return f"'{titel}'"

    def onthoud(self, e: Gebeurtenis) -> None:
        """Learn names and numbers from an event, whether or not it is on the tijdlijn."""
        from .soorten import soort

        soort(e.type).onthoud(e, self)

    def onthoud_instemmingen(self, instemmingen: list[dict[str, Any]]) -> None:
        for i in instemmingen:
            self.instemmingen[i["uuid"]] = i["speler"] or i["opdrachtgever"]


def kort(tekst: str) -> str:
    tekst = " ".join(tekst.split())
    return tekst if len(tekst) <= MAX_TEKST else tekst[: MAX_TEKST - 1].rstrip() + "…"


def met_reden(tekst: str, reden: str | None) -> str:
    return f"{tekst}: {kort(reden)}" if reden and reden.strip() else tekst


def label(keuzes: Any, waarde: Any) -> str:
    """The label of a choice in a sentence; the code itself when it is not (or no longer) one."""
    try:
        return str(keuzes(waarde).label).lower()
    except ValueError:
        return str(waarde)


def opsomming(namen: list[str]) -> str:
    if len(namen) <= 1:
        return "".join(namen)
    return _("%(eerste)s en %(laatste)s") % {
        "eerste": ", ".join(namen[:-1]),
        "laatste": namen[-1],
    }


def stap_verwijzing(stap: str, route: str = "wyberstap-detail") -> Verwijzing:
    return Verwijzing(route, {"stap": stap})
