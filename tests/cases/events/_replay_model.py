"""The model of the replay property test: what the test expects of the case, to predict which
service calls the domain refuses."""

from __future__ import annotations

from dataclasses import dataclass, field

from cases.exceptions import DomainError, OngeldigeInvoer, ProcesAfgerond
from cases.models import Zichtbaarheid
from cases.services.bestuursproces import Opdracht


@dataclass
class Model:
    """What the test expects of the case, to predict which calls the domain refuses."""

    stadium: str = "voorstelbaar"
    # Whether a wyber-stap was consolidated in the current stadium since the case entered it:
    # the stadium gate lets a forward move pass only then (or when the regisseur forces it).
    geconsolideerd: bool = False
    status: str = "actief"
    uitkomst: str = ""
    leden: dict[str, str] = field(default_factory=lambda: {"regisseur": "procesregisseur"})
    # In registration order: organisatie names, and the betrokkenheid of each party.
    organisaties: list[str] = field(default_factory=list)
    spelers: list[str] = field(default_factory=list)
    opdrachtgevers: list[str] = field(default_factory=list)

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


def _status_fout(model: Model, doel: str, uitkomst: str | None) -> type[DomainError] | None:
    nieuwe_uitkomst = model.uitkomst if uitkomst is None else uitkomst
    if uitkomst is not None and uitkomst != model.uitkomst and doel != "afgerond":
        return OngeldigeInvoer  # an uitkomst is recorded when closing, not along the way
    if doel == "afgerond" and not nieuwe_uitkomst.strip():
        return OngeldigeInvoer
    if doel == model.status == "afgerond" and nieuwe_uitkomst != model.uitkomst:
        return ProcesAfgerond
    return None
