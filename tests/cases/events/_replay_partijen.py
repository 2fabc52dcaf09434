"""The Uitvoerder's actions on a case's parties: organisaties, spelers and opdrachtgevers, their
assessments and betrokkenheid, and notes."""

from __future__ import annotations

from typing import Any

from cases import services
from cases.events import Actor
from cases.exceptions import DomainError, OngeldigeInvoer, OngeldigeOvergang, ProcesAfgerond
from cases.models import Bestuursproces, Opdrachtgever, Organisatie, Speler

from ._replay_model import Model
from ._replay_strategieen import BETROKKENHEID, VELDEN


class PartijHandelingen:
    """Mixin for the Uitvoerder: the handlers of the actions on parties.

    Each handler returns (the error it expects or None, a callable doing the call), or
    (None, None) when the case has no party of that kind yet. The model is updated only inside
    the callable's success path.
    """

    # Set by the Uitvoerder's __init__.
    bestuursproces: Bestuursproces
    actor: Actor
    model: Model
    auteurs: dict[str, Actor]
    # The case's parties, in registration order (the model keeps what it predicts by).
    organisaties: list[Organisatie]
    spelers: list[Speler]
    opdrachtgevers: list[Opdrachtgever]

    def _niets(self) -> Any:
        """For an action on a party when the case has none of that kind yet: nothing to do."""
        return None, None

    def _organisatie_bij(self, n: int | None) -> Organisatie | None:
        if n is None or not self.organisaties:
            return None
        return self.organisaties[n % len(self.organisaties)]

    def _organisatie(self, naam: str, soort: str, eigen: bool, reden: str) -> Any:
        fout: type[DomainError] | None = None
        if self.model.afgerond:
            fout = ProcesAfgerond
        elif not naam or soort not in Organisatie.Soort.values or self.model.naam_bezet(naam):
            fout = OngeldigeInvoer

        def doe() -> None:
            organisatie = services.registreer_organisatie(
                actor=self.actor,
                bestuursproces=self.bestuursproces,
                naam=naam,
                soort=soort,
                eigen_gemeente=eigen,
                toelichting=reden,
            )
            self.organisaties.append(organisatie)
            self.model.organisaties.append(naam)

        return fout, doe

    def _organisatie_wijzig(
        self, n: int, wijzigingen: dict[str, Any], onbekend: str | None, reden: str
    ) -> Any:
        if not self.organisaties:
            return self._niets()
        i = n % len(self.organisaties)
        if onbekend:
            wijzigingen = {**wijzigingen, onbekend: "x"}
        naam = wijzigingen.get("naam")
        fout: type[DomainError] | None = None
        if self.model.afgerond:
            fout = ProcesAfgerond
        elif (
            onbekend
            or naam == ""
            or (naam is not None and self.model.naam_bezet(naam, behalve=i))
            or wijzigingen.get("soort", "bedrijf") not in Organisatie.Soort.values
        ):
            fout = OngeldigeInvoer

        def doe() -> None:
            services.wijzig_organisatie(
                actor=self.actor,
                organisatie=self.organisaties[i],
                wijzigingen=wijzigingen,
                toelichting=reden,
            )
            if naam is not None:
                self.model.organisaties[i] = naam

        return fout, doe

    def _speler(
        self,
        naam: str,
        soort: str,
        veld: str,
        rol: str,
        organisatie: int | None,
        commitment: bool | None,
        reden: str,
    ) -> Any:
        fout: type[DomainError] | None = None
        if self.model.afgerond:
            fout = ProcesAfgerond
        elif not naam or veld not in VELDEN[:3]:
            fout = OngeldigeInvoer

        def doe() -> None:
            speler = services.registreer_speler(
                actor=self.actor,
                bestuursproces=self.bestuursproces,
                naam=naam,
                soort=soort,
                veld=veld,
                rol_in_proces=rol,
                organisatie=self._organisatie_bij(organisatie),
                commitment=commitment,
                toelichting=reden,
            )
            self.spelers.append(speler)
            self.model.spelers.append("nog_te_betrekken")

        return fout, doe

    def _speler_wijzig(
        self, n: int, wijzigingen: dict[str, Any], onbekend: str | None, reden: str
    ) -> Any:
        if not self.spelers:
            return self._niets()
        speler = self.spelers[n % len(self.spelers)]
        wijzigingen = dict(wijzigingen)
        if "organisatie" in wijzigingen:
            wijzigingen["organisatie"] = self._organisatie_bij(wijzigingen["organisatie"])
        if onbekend:
            wijzigingen[onbekend] = "aangehaakt"
        fout: type[DomainError] | None = None
        if self.model.afgerond:
            fout = ProcesAfgerond
        elif onbekend or wijzigingen.get("naam") == "" or wijzigingen.get("veld") == VELDEN[3]:
            fout = OngeldigeInvoer

        def doe() -> None:
            services.wijzig_speler(
                actor=self.actor, speler=speler, wijzigingen=wijzigingen, toelichting=reden
            )

        return fout, doe

    def _opdrachtgever(
        self, naam: str, rol: str, organisatie: int | None, opdracht: str, reden: str
    ) -> Any:
        fout: type[DomainError] | None = None
        if self.model.afgerond:
            fout = ProcesAfgerond
        elif not naam or rol not in Opdrachtgever.Rol.values:
            fout = OngeldigeInvoer

        def doe() -> None:
            opdrachtgever = services.registreer_opdrachtgever(
                actor=self.actor,
                bestuursproces=self.bestuursproces,
                naam=naam,
                rol=rol,
                organisatie=self._organisatie_bij(organisatie),
                expliciete_opdracht=opdracht,
                toelichting=reden,
            )
            self.opdrachtgevers.append(opdrachtgever)
            self.model.opdrachtgevers.append("nog_te_betrekken")

        return fout, doe

    def _opdrachtgever_wijzig(
        self, n: int, wijzigingen: dict[str, Any], onbekend: str | None, reden: str
    ) -> Any:
        if not self.opdrachtgevers:
            return self._niets()
        opdrachtgever = self.opdrachtgevers[n % len(self.opdrachtgevers)]
        wijzigingen = dict(wijzigingen)
        if "organisatie" in wijzigingen:
            wijzigingen["organisatie"] = self._organisatie_bij(wijzigingen["organisatie"])
        if onbekend:
            wijzigingen[onbekend] = "aangehaakt"
        fout: type[DomainError] | None = None
        if self.model.afgerond:
            fout = ProcesAfgerond
        elif (
            onbekend
            or wijzigingen.get("naam") == ""
            or wijzigingen.get("rol", "gemeenteraad") not in Opdrachtgever.Rol.values
        ):
            fout = OngeldigeInvoer

        def doe() -> None:
            services.wijzig_opdrachtgever(
                actor=self.actor,
                opdrachtgever=opdrachtgever,
                wijzigingen=wijzigingen,
                toelichting=reden,
            )

        return fout, doe

    def _speler_beoordeling(
        self,
        n: int,
        standpunt: str,
        macht: str,
        invloed: int,
        vertrouwen: int,
        uniek: bool,
        niveau: str,
        auteur: str,
        reden: str,
    ) -> Any:
        if not self.spelers:
            return self._niets()
        speler = self.spelers[n % len(self.spelers)]
        fout: type[DomainError] | None = None
        if self.model.afgerond:
            fout = ProcesAfgerond
        elif not self.model.mag_vastleggen(auteur, niveau) or not (
            1 <= invloed <= 5 and 1 <= vertrouwen <= 5
        ):
            fout = OngeldigeInvoer

        def doe() -> None:
            services.beoordeel_speler(
                actor=self.auteurs[auteur],
                speler=speler,
                standpunt=standpunt,
                macht=macht,
                invloed=invloed,
                vertrouwen=vertrouwen,
                unieke_macht=uniek,
                zichtbaarheid=niveau,
                toelichting=reden,
            )

        return fout, doe

    def _opdrachtgever_beoordeling(
        self,
        n: int,
        steun: str,
        stevigheid: int,
        vertrouwen: int,
        niveau: str | None,
        auteur: str,
        impliciet: str,
        reden: str,
    ) -> Any:
        if not self.opdrachtgevers:
            return self._niets()
        opdrachtgever = self.opdrachtgevers[n % len(self.opdrachtgevers)]
        fout: type[DomainError] | None = None
        if self.model.afgerond:
            fout = ProcesAfgerond
        elif not self.model.mag_vastleggen(auteur, niveau or "regisseur") or not (
            1 <= stevigheid <= 5 and 1 <= vertrouwen <= 5
        ):
            fout = OngeldigeInvoer
        niveau_arg: dict[str, Any] = {} if niveau is None else {"zichtbaarheid": niveau}

        def doe() -> None:
            services.beoordeel_opdrachtgever(
                actor=self.auteurs[auteur],
                opdrachtgever=opdrachtgever,
                steun=steun,
                stevigheid=stevigheid,
                onderling_vertrouwen=vertrouwen,
                impliciete_opdracht=impliciet,
                toelichting=reden,
                **niveau_arg,
            )

        return fout, doe

    def _betrokkenheid(self, soort: str, n: int, actie: str, reden: str) -> Any:
        partijen: list[Any] = self.spelers if soort == "speler" else self.opdrachtgevers
        standen = self.model.spelers if soort == "speler" else self.model.opdrachtgevers
        if not partijen:
            return self._niets()
        i = n % len(partijen)
        vanaf, naar = BETROKKENHEID[actie]
        fout: type[DomainError] | None = None
        if not reden.strip():
            fout = OngeldigeInvoer
        elif self.model.afgerond:
            fout = ProcesAfgerond
        elif standen[i] not in vanaf:
            fout = OngeldigeOvergang

        def doe() -> None:
            services.wijzig_betrokkenheid(
                actor=self.actor, partij=partijen[i], actie=actie, reden=reden
            )
            standen[i] = naar

        return fout, doe

    def _notitie(self, tekst: str, niveau: str, auteur: str, over: str, n: int) -> Any:
        partijen: list[Any] = []
        if over == "speler":
            partijen = self.spelers
        elif over == "opdrachtgever":
            partijen = self.opdrachtgevers
        partij: dict[str, Any] = {over: partijen[n % len(partijen)]} if partijen else {}
        fout: type[DomainError] | None = None
        if not tekst.strip():
            fout = OngeldigeInvoer  # the service checks its input before the case
        elif self.model.afgerond:
            fout = ProcesAfgerond
        elif not self.model.mag_vastleggen(auteur, niveau):
            fout = OngeldigeInvoer

        def doe() -> None:
            services.maak_notitie(
                actor=self.auteurs[auteur],
                bestuursproces=self.bestuursproces,
                tekst=tekst,
                zichtbaarheid=niveau,
                **partij,
            )

        return fout, doe
