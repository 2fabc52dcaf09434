"""The Uitvoerder's actions on interventies (issue 5): logging one, correcting it, carrying
it out and evaluating it (kiezen – doen – leren – beter), and reflecting on it.

The model restates the services' rules (:func:`._replay_model.interventie_fout`); the dates
are exact because each call is given the moment the prediction used (see
:mod:`._replay_regiebasis`).
"""

from __future__ import annotations

from typing import Any

from cases import services
from cases.exceptions import DomainError, OngeldigeInvoer, OngeldigeOvergang, ProcesAfgerond
from cases.models import Zichtbaarheid
from cases.services.reflecties import ReflectieNietToegestaan

from ._replay_model import InterventieStand, genormaliseerd, interventie_fout, relaties_fout
from ._replay_regiebasis import RegieBasis


def _rang(niveau: str) -> int:
    return Zichtbaarheid(niveau).rang


class InterventieHandelingen(RegieBasis):
    """Mixin for the Uitvoerder: the handlers of the actions on interventies and reflecties."""

    def _interventie(self, invoer: dict[str, Any], auteur: str, reden: str) -> Any:
        nu, vandaag = self._nu()
        argumenten, eigen = self._relaties(invoer, vandaag)
        status, niveau = argumenten.pop("status"), argumenten.pop("zichtbaarheid")
        zichtbaarheid = niveau or Zichtbaarheid.KERNTEAM.value
        attrs = {
            **argumenten,
            # log_interventie's default: what was done, was done on the day itself
            "uitgevoerd_op": argumenten["uitgevoerd_op"]
            or (argumenten["datum"] if status == "uitgevoerd" else None),
            "waargenomen_effect": "",
            "uitgepakt": "",
            "vervolg": "",
            "geevalueerd_op": None,
        }
        fout: type[DomainError] | None = None
        if self.model.afgerond:
            fout = ProcesAfgerond
        elif (
            not self.model.mag_vastleggen(auteur, zichtbaarheid)
            or status not in ("gepland", "uitgevoerd")
            or relaties_fout(argumenten, eigen)
            or interventie_fout(attrs, status, self.geopend, vandaag)
        ):
            fout = OngeldigeInvoer
        niveau_arg: dict[str, Any] = {} if niveau is None else {"zichtbaarheid": niveau}

        def doe() -> None:
            with self._een_gebeurtenis("interventie.gelogd", zichtbaarheid):
                interventie = services.log_interventie(
                    actor=self.auteurs[auteur],
                    bestuursproces=self.bestuursproces,
                    status=status,
                    toelichting=reden,
                    tijdstip=nu,
                    **argumenten,
                    **niveau_arg,
                )
            self.interventies.append(interventie)
            self.model.interventies.append(
                InterventieStand(auteur, zichtbaarheid, status, genormaliseerd(attrs))
            )

        return fout, doe

    def _interventie_wijzig(
        self, n: int, invoer: dict[str, Any], verboden: str | None, reden: str
    ) -> Any:
        if not self.interventies:
            return self._geen_interventie()
        i, stand = self._interventie_bij(n)
        nu, vandaag = self._nu()
        wijzigingen, eigen = self._relaties(invoer, vandaag)
        nieuw = {**stand.attrs, **genormaliseerd(wijzigingen)}
        if verboden:
            # Even to a value it has: these change only by logging, carrying out, evaluating.
            wijzigingen[verboden] = {"zichtbaarheid": "proces", "status": "geevalueerd"}[verboden]
        fout: type[DomainError] | None = None
        if verboden:
            fout = OngeldigeInvoer  # checked before the case is read, so also when it is closed
        elif self.model.afgerond:
            fout = ProcesAfgerond
        elif relaties_fout(wijzigingen, eigen) or interventie_fout(
            nieuw, stand.status, self.geopend, vandaag
        ):
            fout = OngeldigeInvoer
        # Nothing that differs from what is stored (or nothing given) is no new fact.
        ongewijzigd = fout is None and nieuw == stand.attrs

        def doe() -> None:
            with (
                self._niets_nieuws("interventie_wijzig")
                if ongewijzigd
                else self._een_gebeurtenis("interventie.gewijzigd", stand.zichtbaarheid)
            ):
                services.wijzig_interventie(
                    actor=self.actor,
                    interventie=self.interventies[i],
                    wijzigingen=wijzigingen,
                    toelichting=reden,
                    tijdstip=nu,
                )
            stand.attrs = nieuw

        return fout, doe

    def _interventie_uitvoer(
        self, n: int, passend: bool, wat_gedaan: str, uitgevoerd_dagen: int | None, reden: str
    ) -> Any:
        if not self.interventies:
            return self._geen_interventie()
        i, stand = self._interventie_bij(n, "gepland" if passend else None)
        nu, vandaag = self._nu()
        uitgevoerd_op = self._dag(uitgevoerd_dagen, vandaag)
        nieuw = {**stand.attrs, "wat_gedaan": wat_gedaan, "uitgevoerd_op": uitgevoerd_op or vandaag}
        fout: type[DomainError] | None = None
        if self.model.afgerond:
            fout = ProcesAfgerond
        elif stand.status != "gepland":
            fout = OngeldigeOvergang
        elif interventie_fout(nieuw, "uitgevoerd", self.geopend, vandaag):
            fout = OngeldigeInvoer

        def doe() -> None:
            with self._een_gebeurtenis("interventie.uitgevoerd", stand.zichtbaarheid):
                services.voer_interventie_uit(
                    actor=self.actor,
                    interventie=self.interventies[i],
                    wat_gedaan=wat_gedaan,
                    uitgevoerd_op=uitgevoerd_op,
                    toelichting=reden,
                    tijdstip=nu,
                )
            stand.status, stand.attrs = "uitgevoerd", nieuw

        return fout, doe

    def _interventie_evalueer(
        self,
        n: int,
        passend: bool,
        waargenomen: str,
        uitgepakt: str,
        vervolg: str,
        geevalueerd_dagen: int | None,
        reden: str,
    ) -> Any:
        if not self.interventies:
            return self._geen_interventie()
        i, stand = self._interventie_bij(n, "uitgevoerd" if passend else None)
        nu, vandaag = self._nu()
        geevalueerd_op = self._dag(geevalueerd_dagen, vandaag)
        nieuw = {
            **stand.attrs,
            "waargenomen_effect": waargenomen,
            "uitgepakt": uitgepakt,
            "vervolg": vervolg,
            "geevalueerd_op": geevalueerd_op or vandaag,
        }
        fout: type[DomainError] | None = None
        if self.model.afgerond:
            fout = ProcesAfgerond
        elif stand.status != "uitgevoerd":
            fout = OngeldigeOvergang
        elif interventie_fout(nieuw, "geevalueerd", self.geopend, vandaag):
            fout = OngeldigeInvoer

        def doe() -> None:
            with self._een_gebeurtenis("interventie.geevalueerd", stand.zichtbaarheid):
                services.evalueer_interventie(
                    actor=self.actor,
                    interventie=self.interventies[i],
                    waargenomen_effect=waargenomen,
                    uitgepakt=uitgepakt,
                    vervolg=vervolg,
                    geevalueerd_op=geevalueerd_op,
                    toelichting=reden,
                    tijdstip=nu,
                )
            stand.status, stand.attrs = "geevalueerd", nieuw

        return fout, doe

    def _reflectie(self, n: int, tekst: str, niveau: str | None, auteur: str) -> Any:
        if not self.interventies:
            return self._geen_interventie()
        i, stand = self._interventie_bij(n)
        zichtbaarheid = niveau or Zichtbaarheid.REGISSEUR.value
        fout: type[DomainError] | None = None
        if not tekst.strip():
            fout = OngeldigeInvoer  # the service checks the text before the case
        elif self.model.afgerond:
            fout = ProcesAfgerond
        elif self.model.leden.get(auteur) != "procesregisseur" and stand.auteur != auteur:
            fout = ReflectieNietToegestaan
        elif not self.model.mag_vastleggen(auteur, zichtbaarheid) or _rang(zichtbaarheid) < _rang(
            stand.zichtbaarheid
        ):
            fout = OngeldigeInvoer  # never wider than what the author, or the interventie, has
        niveau_arg: dict[str, Any] = {} if niveau is None else {"zichtbaarheid": niveau}

        def doe() -> None:
            with self._een_gebeurtenis("reflectie.vastgelegd", zichtbaarheid):
                services.leg_reflectie_vast(
                    actor=self.auteurs[auteur],
                    interventie=self.interventies[i],
                    tekst=tekst,
                    **niveau_arg,
                )
            stand.reflecties.append(zichtbaarheid)

        return fout, doe
