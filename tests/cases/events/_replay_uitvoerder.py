"""The Uitvoerder of the replay property test: runs each generated service call against the
services, expecting the refusals the model predicts, and keeps the model up to date."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pytest
from hypothesis import event

from cases import services
from cases.exceptions import (
    DomainError,
    ForcerenNietToegestaan,
    LidmaatschapConflict,
    OngeldigeInvoer,
    OngeldigeOvergang,
    PoortGesloten,
    ProcesAfgerond,
)
from cases.models import Bestuursproces, Lidmaatschap
from cases.services.bestuursproces import Opdracht
from cases.services.idee import IdeeInhoud
from cases.services.status import OpenStappen
from tests.cases.services._hulp import laatste_volgnummer
from tests.factories import GebruikerFactory, actor_voor, consolideer_stap

from ._replay_besluiten import BesluitHandelingen
from ._replay_model import Model, _opdracht_geldig, _status_fout, nieuwe_soort
from ._replay_partijen import PartijHandelingen
from ._replay_regie import RegieHandelingen
from ._replay_regiebasis import schrijft_niets
from ._replay_strategieen import KERNTEAMLID, VOLGORDE


def _gebruiker(gebruikersnaam: str) -> Any:
    return GebruikerFactory(username=gebruikersnaam)


class Uitvoerder(PartijHandelingen, RegieHandelingen, BesluitHandelingen):
    """Runs one generated action against the services and keeps the model up to date.

    ``voer_uit`` dispatches an action ``(soort, *args)`` to the handler ``_<soort>``: the
    case-level ones here, those on parties in ``PartijHandelingen``, those on the regisseur's
    own work (positioneringen, procesontwerp, interventies) in ``RegieHandelingen``.
    """

    def __init__(self, bestuursproces: Bestuursproces, regisseur: Any) -> None:
        self.bestuursproces = bestuursproces
        self.actor = actor_voor(regisseur)
        self.model = Model()
        services.voeg_lid_toe(
            actor=self.actor,
            bestuursproces=bestuursproces,
            gebruiker=_gebruiker(KERNTEAMLID),
            rol="kernteam",
        )
        self.model.leden[KERNTEAMLID] = "kernteam"
        self.auteurs = {"regisseur": self.actor, KERNTEAMLID: actor_voor(_gebruiker(KERNTEAMLID))}
        # The case's parties, in registration order (the model keeps what it predicts by).
        self.organisaties = []
        self.spelers = []
        self.opdrachtgevers = []
        # The consolidated wyber-stappen and the interventies, in order (ditto).
        self.wyberstappen = []
        self.interventies = []
        self.laatste_ontwerp = None
        self.afspraken = []

    def voer_uit(self, actie: tuple[Any, ...]) -> None:
        soort, *args = actie
        fout, doe = getattr(self, f"_{soort}")(*args)
        # --hypothesis-show-statistics shows how often each action ran or was refused.
        event(f"{soort}: {fout.__name__ if fout else 'uitgevoerd' if doe else 'geen partij'}")
        if doe is None:
            return
        if fout is None:
            doe()
            return
        volgnummer = laatste_volgnummer(self.bestuursproces)
        with schrijft_niets(self.bestuursproces), pytest.raises(fout):
            doe()
        assert laatste_volgnummer(self.bestuursproces) == volgnummer

    # Each handler returns (the error it expects or None, a callable doing the call). The
    # model is updated only inside the callable's success path.

    def _idee(
        self,
        wat: str,
        context: str,
        eigenaren: list[int],
        reden: str,
        opdrachtgevers: Sequence[int] = (),
        organisaties: Sequence[int] = (),
    ) -> Any:
        def kies(partijen: Sequence[Any], indices: Sequence[int]) -> tuple[Any, ...]:
            return tuple(partijen[i % len(partijen)].uuid for i in indices) if partijen else ()

        uuids = kies(self.spelers, eigenaren)
        og_uuids = kies(self.opdrachtgevers, opdrachtgevers)
        org_uuids = kies(self.organisaties, organisaties)
        fout: type[DomainError] | None = None
        if self.model.afgerond:
            fout = ProcesAfgerond
        elif not wat or any(len(set(u)) != len(u) for u in (uuids, og_uuids, org_uuids)):
            fout = OngeldigeInvoer

        def doe() -> None:
            services.herzie_idee(
                actor=self.actor,
                bestuursproces=self.bestuursproces,
                inhoud=IdeeInhoud(
                    wat=wat,
                    context=context,
                    eigenaar_spelers=uuids,
                    eigenaar_opdrachtgevers=og_uuids,
                    eigenaar_organisaties=org_uuids,
                ),
                toelichting=reden,
            )

        return fout, doe

    def _stadium(self, naar: str, reden: str, forceren: bool, door: str = "regisseur") -> Any:
        huidig = VOLGORDE.index(self.model.stadium)
        doel = VOLGORDE.index(naar)
        fout: type[DomainError] | None = None
        if not reden.strip():
            fout = OngeldigeInvoer
        elif forceren and self.model.leden.get(door) != "procesregisseur":
            fout = ForcerenNietToegestaan
        elif self.model.afgerond:
            fout = ProcesAfgerond
        elif doel == huidig:
            fout = OngeldigeOvergang
        elif doel > huidig and not self.model.geconsolideerd and not forceren:
            fout = PoortGesloten

        def doe() -> None:
            services.wijzig_stadium(
                actor=self.auteurs[door],
                bestuursproces=self.bestuursproces,
                naar=naar,
                toelichting=reden,
                forceren=forceren,
            )
            self.model.stadium = naar
            self.model.geconsolideerd = False  # a new stadium asks for a step of its own

        return fout, doe

    def _vooruit(self, forceren: bool, reden: str, door_kernteamlid: bool) -> Any:
        huidig = VOLGORDE.index(self.model.stadium)
        door = KERNTEAMLID if door_kernteamlid else "regisseur"
        return self._stadium(VOLGORDE[min(huidig + 1, 4)], reden, forceren, door)

    def _stap(self) -> Any:
        """A wyber-stap in the current stadium, consolidated with the first party's consent
        (the helper registers a party when the case has none yet)."""
        fout = ProcesAfgerond if self.model.afgerond else None
        partij = (self.spelers or self.opdrachtgevers or [None])[0]

        def doe() -> None:
            stap = consolideer_stap(
                self.bestuursproces,
                self.actor.gebruiker,
                instemmers=None if partij is None else [partij],
            )
            self.wyberstappen.append(stap)
            if partij is None:
                self.spelers.append(self.bestuursproces.spelers.get())
                self.model.spelers.append("nog_te_betrekken")
            self.model.geconsolideerd = True

        return fout, doe

    def _terug(self, n: int, reden: str) -> Any:
        huidig = VOLGORDE.index(self.model.stadium)
        return self._stadium(VOLGORDE[n % (huidig + 1)], reden, False)

    def _velden(self, wijzigingen: dict[str, Any], reden: str) -> Any:
        fout: type[DomainError] | None = None
        if self.model.afgerond:
            fout = ProcesAfgerond
        elif wijzigingen.get("titel") == "":
            fout = OngeldigeInvoer

        def doe() -> None:
            services.wijzig_bestuursproces(
                actor=self.actor,
                bestuursproces=self.bestuursproces,
                wijzigingen=wijzigingen,
                toelichting=reden,
            )
            # The procesontwerp compares with the case's aanpak, which this also sets.
            self.model.aanpak = wijzigingen.get("aanpak", self.model.aanpak)

        return fout, doe

    def _opdracht(self, opdracht: Opdracht, reden: str) -> Any:
        fout: type[DomainError] | None = None
        if self.model.afgerond:
            fout = ProcesAfgerond
        elif not _opdracht_geldig(opdracht) or (
            opdracht.einddatum is not None
            and opdracht.einddatum != self.model.einddatum
            and opdracht.einddatum < self.geopend
        ):
            fout = OngeldigeInvoer

        def doe() -> None:
            services.wijzig_bestuursproces(
                actor=self.actor,
                bestuursproces=self.bestuursproces,
                wijzigingen={},
                opdracht=opdracht,
                toelichting=reden,
            )
            self.model.einddatum = opdracht.einddatum

        return fout, doe

    def _status(
        self, doel: str, uitkomst: str | None, via_wijzig: bool, bevestigd: bool = False
    ) -> Any:
        # A close with a new text names a soort too (which one follows from the text).
        soort = None
        if doel == "afgerond" and uitkomst is not None:
            soort = "project" if len(uitkomst) % 2 else "gestopt"
        fout = _status_fout(self.model, doel, uitkomst, soort)
        if via_wijzig and doel == "afgerond" and self.model.afgerond:
            # The edits come before the close, and a closed case takes no edits.
            fout = ProcesAfgerond
        elif (
            fout is None
            and doel == "afgerond"
            and not self.model.afgerond
            and not bevestigd
            and any(is_open for _, is_open in self.afspraken)
        ):
            fout = OpenStappen  # the steps run to geconsolideerd; afspraken may stay open

        def doe() -> None:
            if via_wijzig:
                services.wijzig_bestuursproces(
                    actor=self.actor,
                    bestuursproces=self.bestuursproces,
                    wijzigingen={"omschrijving": f"Status naar {doel}"},
                    status=doel,
                    uitkomst=uitkomst,
                    uitkomst_soort=soort,
                    bevestigd=bevestigd,
                )
            else:
                services.wijzig_status(
                    actor=self.actor,
                    bestuursproces=self.bestuursproces,
                    status=doel,
                    uitkomst=uitkomst,
                    uitkomst_soort=soort,
                    bevestigd=bevestigd,
                )
            self.model.uitkomst_soort = nieuwe_soort(self.model, doel, soort)
            self.model.status = doel
            if uitkomst is not None:
                self.model.uitkomst = uitkomst

        return fout, doe

    def _lid_erbij(self, gebruikersnaam: str, rol: str) -> Any:
        fout = LidmaatschapConflict if gebruikersnaam in self.model.leden else None

        def doe() -> None:
            services.voeg_lid_toe(
                actor=self.actor,
                bestuursproces=self.bestuursproces,
                gebruiker=_gebruiker(gebruikersnaam),
                rol=rol,
            )
            self.model.leden[gebruikersnaam] = rol

        return fout, doe

    def _lid(self, n: int) -> tuple[str, Lidmaatschap]:
        gebruikersnaam = sorted(self.model.leden)[n % len(self.model.leden)]
        return gebruikersnaam, Lidmaatschap.objects.get(
            bestuursproces=self.bestuursproces, gebruiker__username=gebruikersnaam
        )

    def _lid_rol(self, n: int, rol: str) -> Any:
        gebruikersnaam, lid = self._lid(n)
        fout = None
        if rol != lid.rol and self.model.laatste_regisseur(gebruikersnaam):
            fout = LidmaatschapConflict

        def doe() -> None:
            services.wijzig_lidmaatschap(actor=self.actor, lidmaatschap=lid, rol=rol)
            self.model.leden[gebruikersnaam] = rol

        return fout, doe

    def _lid_eraf(self, n: int) -> Any:
        gebruikersnaam, lid = self._lid(n)
        fout = LidmaatschapConflict if self.model.laatste_regisseur(gebruikersnaam) else None

        def doe() -> None:
            services.beeindig_lidmaatschap(actor=self.actor, lidmaatschap=lid)
            del self.model.leden[gebruikersnaam]

        return fout, doe
