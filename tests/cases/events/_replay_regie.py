"""The Uitvoerder's actions on the regisseur's own work (issue 5): positioneringen and
procesontwerp versions here, interventies and reflecties in :mod:`._replay_interventies`, the
helpers they share in :mod:`._replay_regiebasis`.
"""

from __future__ import annotations

from typing import Any

from cases import services
from cases.exceptions import DomainError, OngeldigeInvoer, ProcesAfgerond
from cases.models import POSITIES_PER_VELD, Zichtbaarheid
from cases.services.procesontwerp import ProcesontwerpInhoud

from ._replay_interventies import InterventieHandelingen
from ._replay_model import ontwerp_inhoud


class RegieHandelingen(InterventieHandelingen):
    """Mixin for the Uitvoerder: the handlers of the actions on the regisseur's own work."""

    def _positionering(
        self,
        veld_positie: tuple[str, str],
        omschrijving: str,
        sinds_dagen: int | None,
        stapkeuze: int | str | None,
        niveau: str | None,
        auteur: str,
        reden: str,
    ) -> Any:
        veld, positie = veld_positie
        nu, vandaag = self._nu()
        sinds = self._dag(sinds_dagen, vandaag)
        stap, eigen = self._stap_keuze(stapkeuze)
        zichtbaarheid = niveau or Zichtbaarheid.KERNTEAM.value
        fout: type[DomainError] | None = None
        if self.model.afgerond:
            fout = ProcesAfgerond
        elif (
            positie not in POSITIES_PER_VELD.get(veld, ())
            or (veld == "interne" and not omschrijving.strip())
            or not self.geopend <= (sinds or vandaag) <= vandaag
            or not eigen
            or not self.model.mag_vastleggen(auteur, zichtbaarheid)
        ):
            fout = OngeldigeInvoer
        niveau_arg: dict[str, Any] = {} if niveau is None else {"zichtbaarheid": niveau}

        def doe() -> None:
            with self._een_gebeurtenis("positionering.gekozen", zichtbaarheid):
                services.kies_positionering(
                    actor=self.auteurs[auteur],
                    bestuursproces=self.bestuursproces,
                    veld=veld,
                    positie=positie,
                    omschrijving=omschrijving,
                    sinds=sinds,
                    wyberstap=stap,
                    toelichting=reden,
                    tijdstip=nu,
                    **niveau_arg,
                )
            self.model.positioneringen.append(zichtbaarheid)

        return fout, doe

    def _procesontwerp(
        self,
        processtrategie: str,
        aanpak: str,
        spelregels: str,
        stappen: list[dict[str, Any]],
        herhaal: bool,
        auteur: str,
        reden: str,
    ) -> Any:
        argumenten = (processtrategie, aanpak, spelregels, stappen)
        if herhaal and self.laatste_ontwerp is not None:
            argumenten = self.laatste_ontwerp
        inhoud = ontwerp_inhoud(*argumenten)
        fout: type[DomainError] | None = None
        if self.model.afgerond:
            fout = ProcesAfgerond
        elif inhoud is None:
            fout = OngeldigeInvoer
        # The same content with the case's aanpak unchanged (a plain edit of the case may have
        # changed it since) is not a new version.
        ongewijzigd = (
            fout is None and inhoud == self.model.ontwerp and argumenten[1] == self.model.aanpak
        )

        def doe() -> None:
            strategie, nieuwe_aanpak, regels, geplande_stappen = argumenten
            with (
                self._niets_nieuws("procesontwerp")
                if ongewijzigd
                else self._een_gebeurtenis("procesontwerp.herzien", Zichtbaarheid.PROCES)
            ):
                services.herzie_procesontwerp(
                    actor=self.auteurs[auteur],
                    bestuursproces=self.bestuursproces,
                    inhoud=ProcesontwerpInhoud(
                        processtrategie=strategie,
                        aanpak=nieuwe_aanpak,
                        spelregels=regels,
                        geplande_stappen=geplande_stappen,
                    ),
                    toelichting=reden,
                )
            if not ongewijzigd:
                self.model.ontwerp = inhoud
                self.model.ontwerpversie += 1
                self.model.aanpak = nieuwe_aanpak
                self.laatste_ontwerp = argumenten

        return fout, doe
