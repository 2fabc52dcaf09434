"""The model of the replay property test: what the test expects of the case, to predict which
service calls the domain refuses."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from cases.exceptions import DomainError, OngeldigeInvoer, ProcesAfgerond
from cases.models import Aangrijpingspunt, Aanpak, Niveau, Uitgepakt, Zichtbaarheid, Zwaarte
from cases.services.bestuursproces import Opdracht
from instruments.models import INTERVENTIEVELDEN


@dataclass
class Model:
    """What the test expects of the case, to predict which calls the domain refuses."""

    stadium: str = "voorstelbaar"
    # Whether a wyber-stap was consolidated in the current stadium since the case entered it:
    # the stadium gate lets a forward move pass only then (or when the regisseur forces it).
    geconsolideerd: bool = False
    status: str = "actief"
    uitkomst: str = ""
    uitkomst_soort: str = ""
    leden: dict[str, str] = field(default_factory=lambda: {"regisseur": "procesregisseur"})
    # In registration order: organisatie names, and the betrokkenheid of each party.
    organisaties: list[str] = field(default_factory=list)
    spelers: list[str] = field(default_factory=list)
    opdrachtgevers: list[str] = field(default_factory=list)
    # The case's aanpak (set by a procesontwerp revision or a plain edit of the case), the
    # content of the current procesontwerp (None before the first) and its version number.
    aanpak: str = "cyclisch"
    ontwerp: tuple[Any, ...] | None = None
    ontwerpversie: int = 0
    # Per positionering recorded, its zichtbaarheid; per interventie logged, what it holds.
    positioneringen: list[str] = field(default_factory=list)
    interventies: list[InterventieStand] = field(default_factory=list)
    # The end of the opdracht's time-box: a new one may not lie before the opening.
    einddatum: dt.date | None = None

    @property
    def afgerond(self) -> bool:
        return self.status == "afgerond"

    def mag_vastleggen(self, auteur: str, niveau: str) -> bool:
        """Whether a member may record content at this level (what its role may read)."""
        return niveau in Zichtbaarheid.voor_rol(self.leden.get(auteur))

    def naam_bezet(self, naam: str, behalve: int | None = None) -> bool:
        """Whether another organisatie already has this name, ignoring case."""
        return any(
            andere.lower() == naam.lower()
            for i, andere in enumerate(self.organisaties)
            if i != behalve
        )

    def laatste_regisseur(self, gebruiker: str) -> bool:
        regisseurs = [g for g, rol in self.leden.items() if rol == "procesregisseur"]
        return regisseurs == [gebruiker]


def _opdracht_geldig(opdracht: Opdracht) -> bool:
    return (
        (opdracht.budget is None or opdracht.budget >= 0)
        and (opdracht.uren is None or opdracht.uren >= 0)
        and all(b.gevraagd for b in opdracht.besluitmomenten)
    )


def nieuwe_soort(model: Model, doel: str, soort: str | None) -> str:
    """The soort of uitkomst after the change: a close without one records anders."""
    gekozen = model.uitkomst_soort if soort is None else soort
    return "anders" if doel == "afgerond" and not gekozen else gekozen


def _status_fout(
    model: Model, doel: str, uitkomst: str | None, soort: str | None = None
) -> type[DomainError] | None:
    nieuwe_uitkomst = model.uitkomst if uitkomst is None else uitkomst
    if uitkomst is not None and uitkomst != model.uitkomst and doel != "afgerond":
        return OngeldigeInvoer  # an uitkomst is recorded when closing, not along the way
    if doel == "afgerond" and not nieuwe_uitkomst.strip():
        return OngeldigeInvoer
    if doel == model.status == "afgerond" and (
        nieuwe_uitkomst != model.uitkomst
        or nieuwe_soort(model, doel, soort) != model.uitkomst_soort
    ):
        return ProcesAfgerond
    return None


# --- interventies: the rules of cases/services/_interventieregels.py, restated ---------------


@dataclass
class InterventieStand:
    """What the test expects of one interventie: who logged it, at which level, its status,
    and its attributes as the service stores them (relations as in the payload: velden and
    party uuids sorted, the others as objects)."""

    auteur: str
    zichtbaarheid: str
    status: str
    attrs: dict[str, Any]
    reflecties: list[str] = field(default_factory=list)  # their zichtbaarheid, in order


def relaties_fout(wijzigingen: dict[str, Any], eigen_stap: bool = True) -> bool:
    """Whether the raw relation lists break a rule: no veld, an unknown veld, a veld or party
    named twice, or a wyber-stap of another case (``eigen_stap`` False)."""
    velden = wijzigingen.get("velden")
    if velden is not None and (
        not velden
        or any(v not in INTERVENTIEVELDEN for v in velden)
        or len(set(velden)) != len(velden)
    ):
        return True
    for soort in ("spelers", "opdrachtgevers"):
        partijen = wijzigingen.get(soort, [])
        if len({p.pk for p in partijen}) != len(partijen):
            return True
    return not eigen_stap


def genormaliseerd(wijzigingen: dict[str, Any]) -> dict[str, Any]:
    """The relation lists in the form the payload compares them (order does not matter)."""
    uit = dict(wijzigingen)
    if "velden" in uit:
        uit["velden"] = tuple(sorted(set(uit["velden"])))
    for soort in ("spelers", "opdrachtgevers"):
        if soort in uit:
            uit[soort] = tuple(sorted(str(p.uuid) for p in uit[soort]))
    return uit


def _tussen(datum: dt.date | None, vanaf: dt.date | None, vandaag: dt.date) -> bool:
    return datum is None or datum > vandaag or (vanaf is not None and datum < vanaf)


def interventie_fout(
    attrs: dict[str, Any], status: str, geopend: dt.date, vandaag: dt.date
) -> bool:
    """Whether an interventie with these attributes and this status is refused: the model's
    own validation (full_clean) and the cycle's rules with their dates."""
    if (
        attrs["titel"] == ""
        or attrs["beoogd_effect"] == ""  # full_clean refuses only the empty string
        or attrs["niveau"] not in Niveau.values
        or attrs["aangrijpingspunt"] not in Aangrijpingspunt.values
        or attrs["zwaarte"] not in Zwaarte.values
        or attrs["uitgepakt"] not in ["", *Uitgepakt.values]
        or attrs["datum"] < geopend
    ):
        return True
    if status == "gepland" and (attrs["wat_gedaan"] or attrs["uitgevoerd_op"]):
        return True
    leren = ("waargenomen_effect", "uitgepakt", "vervolg", "geevalueerd_op")
    if status != "geevalueerd" and any(attrs[a] for a in leren):
        return True
    if status != "gepland" and (
        not attrs["wat_gedaan"].strip() or _tussen(attrs["uitgevoerd_op"], attrs["datum"], vandaag)
    ):
        return True
    return status == "geevalueerd" and (
        not attrs["waargenomen_effect"].strip()
        or not attrs["uitgepakt"]
        or _tussen(attrs["geevalueerd_op"], attrs["uitgevoerd_op"], vandaag)
    )


# --- the procesontwerp: the rules of cases/services/procesontwerp.py, restated ----------------

# The planned dates the strategies give a geplande stap, and how the service stores each;
# None where it refuses the date (a 30 February, a date not written as JJJJ-MM-DD). Only
# these, so that the outcome is clear without restating the parsing of ISO dates.
GEPLAND: dict[Any, str | None] = {
    None: None,
    "": None,
    dt.date(2026, 5, 1): "2026-05-01",
    "2026-05-01": "2026-05-01",
}
GEPLAND_FOUT = ("2026-02-30", "1-5-2026")


def ontwerp_inhoud(
    processtrategie: str, aanpak: str, spelregels: str, stappen: list[dict[str, Any]]
) -> tuple[Any, ...] | None:
    """The content of a procesontwerp version as stored (to compare with the current one),
    or None when the service refuses it."""
    if not processtrategie.strip() or len(processtrategie) > 1000 or aanpak not in Aanpak.values:
        return None
    opgeslagen = []
    for stap in stappen:
        titel, gepland = stap["titel"], stap.get("gepland")
        if not titel.strip() or len(titel) > 200 or gepland in GEPLAND_FOUT:
            return None
        opgeslagen.append((titel, GEPLAND[gepland], stap.get("omschrijving", "")))
    return (processtrategie, aanpak, spelregels, tuple(opgeslagen))
