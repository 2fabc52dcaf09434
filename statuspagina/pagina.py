"""The status page as data: what the templates render, built by :mod:`statuspagina.selectors`.

Labels are already translated here, so that the templates only lay out; codes are kept
beside them where a template or a chart needs to tell values apart.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from cases.selectors.aandacht import Aandacht
from cases.selectors.afscherming import Afscherming
from cases.selectors.tijdlijn import TijdlijnItem

from .besluiten import AfspraakRegel, BesluitRegel, VerlopenBesluitmoment
from .bijeenkomsten import Bijeenkomstgegevens, BijeenkomstRegel


@dataclass(frozen=True)
class IdeeSamenvatting:
    versie: int
    wat: str
    stip_op_de_horizon: str


@dataclass(frozen=True)
class StadiumStap:
    """One step of the progress indicator: the stadium and when it was last reached.

    ``toestand`` is ``bereikt`` (before the current one), ``huidig``, ``eerder`` (after the
    current one but reached before the case fell back) or ``open`` (never reached yet).
    """

    code: str
    naam: str
    toestand: str
    bereikt_op: dt.datetime | None

    @property
    def huidig(self) -> bool:
        return self.toestand == "huidig"


@dataclass(frozen=True)
class Ontbrekend:
    """A party whose consent the current step still needs (not yet *rond*)."""

    naam: str
    status: str
    formeel_besloten: bool


@dataclass(frozen=True)
class HuidigeStap:
    volgnummer: int
    doel: str
    fase: str
    fase_naam: str
    stadium_naam: str
    gestart_op: dt.datetime
    heeft_consolidatie: bool
    ontbrekend: list[Ontbrekend]
    # The step's own stadium; after a (forced) move it differs from the case's.
    stadium: str = ""


@dataclass(frozen=True)
class OpdrachtSamenvatting:
    """The opdracht (book §10.5): kaders, middelen, time-box and speelruimte."""

    kaders: str
    budget: Decimal | None
    uren: int | None
    einddatum: dt.date | None
    speelruimte: str

    @property
    def leeg(self) -> bool:
        return not (self.kaders or self.speelruimte) and (
            self.budget is None and self.uren is None and self.einddatum is None
        )


@dataclass(frozen=True)
class BesluitmomentRegel:
    datum: dt.date
    soort: str
    gevraagd: str


@dataclass(frozen=True)
class KrachtenveldPartij:
    naam: str
    soort: str
    standpunt: str
    macht: str
    betrokkenheid: str
    invloed: int | None


@dataclass(frozen=True)
class KrachtenveldGroep:
    standpunt_code: str
    standpunt: str
    macht_code: str
    macht: str
    partijen: list[KrachtenveldPartij]


@dataclass(frozen=True)
class TijdlijnRegel:
    tijdstip: dt.datetime
    soort: str
    omschrijving: str
    # Recorded on a later day than it happened: the reader sees the file was filled in later.
    vastgelegd_op: dt.datetime | None = None


@dataclass(frozen=True)
class Grafieken:
    """Server-side SVG of the charts (``cases.grafieken``), empty strings when unavailable."""

    stadia: str = ""
    krachtenveld: str = ""
    aandacht: str = ""


@dataclass(frozen=True)
class Uitkomst:
    """How a closed case ended; ``soort`` is empty for cases closed before it was recorded."""

    soort: str
    omschrijving: str
    vervolg_url: str


@dataclass(frozen=True)
class Statuspagina:
    """One case as a member sees it, now or at the end of a chosen day (``op``)."""

    uuid: uuid.UUID
    titel: str
    status: str
    rol: str
    rol_code: str
    moment: dt.datetime
    op: dt.date | None
    geopend_op: dt.datetime
    idee: IdeeSamenvatting | None
    stadium: str
    stadia: list[StadiumStap]
    stap: HuidigeStap | None
    besluitmomenten: list[BesluitmomentRegel]
    krachtenveld: list[KrachtenveldGroep]
    niet_beoordeeld: list[KrachtenveldPartij]
    tijdlijn_van: dt.datetime
    tijdlijn: list[TijdlijnRegel]
    aandacht: Aandacht
    grafieken: Grafieken = field(default_factory=Grafieken)
    stadium_code: str = ""
    opdracht: OpdrachtSamenvatting | None = None
    uitkomst: Uitkomst | None = None
    # Per veld name: interventies in the attention window that the viewer's role may not see
    # (so the page does not call a veld neglected when the attention is only hidden).
    aandacht_afgeschermd: dict[str, int] = field(default_factory=dict)
    # Per section, what the viewer's role may not read now (cases.selectors.afscherming), so
    # that an empty section never says "geen …" when its items are only withheld.
    afscherming: Afscherming = field(default_factory=Afscherming)

    @property
    def stap_in_ander_stadium(self) -> bool:
        return self.stap is not None and self.stap.stadium != self.stadium_code

    besluiten: list[BesluitRegel] = field(default_factory=list)
    verlopen_besluitmomenten: list[VerlopenBesluitmoment] = field(default_factory=list)
    afspraken: list[AfspraakRegel] = field(default_factory=list)
    komende_bijeenkomsten: list[BijeenkomstRegel] = field(default_factory=list)
    recente_bijeenkomsten: list[BijeenkomstRegel] = field(default_factory=list)

    @property
    def verlopen_afspraken(self) -> int:
        """How many open afspraken are past their uiterlijk (the workspace lists them)."""
        return sum(a.verlopen for a in self.afspraken)

    @property
    def verleden(self) -> bool:
        """The page shows a past moment, not the current state."""
        return self.op is not None


@dataclass(frozen=True)
class Delen:
    """What a page is built from, read now (:mod:`statuspagina.nu`) or for a past day.

    ``staat`` holds the parts of the case document the page reads, in the shape replay gives:
    ``bestuursproces``, ``idee``, ``wyberstappen`` (at least the latest), ``spelers``,
    ``opdrachtgevers``, ``organisaties``, ``besluiten``, ``afspraken`` and ``volgnummer``.
    """

    staat: dict[str, Any]
    # The stadium the case started in (None: it never moved) and when each stadium was last
    # reached by a move, up to the moment.
    begin: str | None
    bereikt: dict[str, dt.datetime]
    aandacht: Aandacht
    # Per veld code: interventies of the attention window hidden from the viewer.
    verborgen_aandacht: dict[str, int]
    afscherming: Afscherming
    bijeenkomsten: list[Bijeenkomstgegevens]
    # Of the period shown, oldest first.
    tijdlijn: list[TijdlijnItem]
