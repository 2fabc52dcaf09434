"""The demo steps for the regisseur's own work: positioneringen, procesontwerp, interventies.

Instruments and strategieën are named as in the catalogue, which must be loaded first
(``manage.py laad_catalogus``; ``make run`` does so before the demo).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.dateparse import parse_date

from cases import services
from cases.events import Actor
from cases.models import Bestuursproces, Interventie, Opdrachtgever, Speler, WyberStap
from cases.services.procesontwerp import ProcesontwerpInhoud
from instruments.models import Instrument, Strategie


class CatalogusOntbreekt(Exception):
    pass


def _datum(tekst: str | None) -> dt.date | None:
    return parse_date(tekst) if tekst else None


def _uit_catalogus(model: Any, **sleutel: str) -> Any:
    try:
        return model.objects.get(**sleutel)
    except model.DoesNotExist:
        raise CatalogusOntbreekt(
            f"{model._meta.verbose_name} {next(iter(sleutel.values()))!r} staat niet in de "
            "catalogus: laad die eerst met 'manage.py laad_catalogus'."
        ) from None


class RegieHandelingen:
    """Demo steps for positioneringen, procesontwerp, interventies and reflecties."""

    actor: Actor
    bestuursproces: Bestuursproces
    partijen: dict[str, Speler | Opdrachtgever]
    stappen: dict[str, WyberStap]
    interventies: dict[str, Interventie]

    def regie_handelingen(self) -> dict[str, Any]:
        return {
            "positionering": self._positionering,
            "procesontwerp": self._procesontwerp,
            "interventie": self._interventie,
            "interventie_uitgevoerd": self._interventie_uitgevoerd,
            "interventie_geevalueerd": self._interventie_geevalueerd,
            "reflectie": self._reflectie,
        }

    def _positionering(self, stap: dict[str, Any], tijdstip: Any) -> None:
        services.kies_positionering(
            actor=self.actor,
            bestuursproces=self.bestuursproces,
            veld=stap["veld"],
            positie=stap["positie"],
            omschrijving=stap.get("omschrijving", ""),
            sinds=_datum(stap.get("sinds")),
            wyberstap=self.stappen[stap["stap"]] if stap.get("stap") else None,
            toelichting=stap.get("toelichting", ""),
            zichtbaarheid=stap.get("zichtbaarheid", "kernteam"),
            tijdstip=tijdstip,
        )

    def _procesontwerp(self, stap: dict[str, Any], tijdstip: Any) -> None:
        services.herzie_procesontwerp(
            actor=self.actor,
            bestuursproces=self.bestuursproces,
            inhoud=ProcesontwerpInhoud(**stap["procesontwerp"]),
            toelichting=stap.get("toelichting", ""),
            tijdstip=tijdstip,
        )

    def _interventie(self, stap: dict[str, Any], tijdstip: Any) -> None:
        spelers = [self.partijen[naam] for naam in stap.get("spelers", [])]
        opdrachtgevers = [self.partijen[naam] for naam in stap.get("opdrachtgevers", [])]
        self.interventies[stap["titel"]] = services.log_interventie(
            actor=self.actor,
            bestuursproces=self.bestuursproces,
            titel=stap["titel"],
            datum=_datum(stap["datum"]),  # type: ignore[arg-type]
            velden=stap["velden"],
            niveau=stap["niveau"],
            aangrijpingspunt=stap["aangrijpingspunt"],
            zwaarte=stap["zwaarte"],
            beoogd_effect=stap["beoogd_effect"],
            waarom=stap.get("waarom", ""),
            strategie=(
                _uit_catalogus(Strategie, code=stap["strategie"]) if stap.get("strategie") else None
            ),
            instrument=(
                _uit_catalogus(Instrument, naam=stap["instrument"])
                if stap.get("instrument")
                else None
            ),
            spelers=[p for p in spelers if isinstance(p, Speler)],
            opdrachtgevers=[p for p in opdrachtgevers if isinstance(p, Opdrachtgever)],
            wyberstap=self.stappen[stap["stap"]] if stap.get("stap") else None,
            status=stap.get("status", "gepland"),
            wat_gedaan=stap.get("wat_gedaan", ""),
            uitgevoerd_op=_datum(stap.get("uitgevoerd_op")),
            zichtbaarheid=stap.get("zichtbaarheid", "kernteam"),
            tijdstip=tijdstip,
        )

    def _interventie_uitgevoerd(self, stap: dict[str, Any], tijdstip: Any) -> None:
        services.voer_interventie_uit(
            actor=self.actor,
            interventie=self.interventies[stap["interventie"]],
            wat_gedaan=stap["wat_gedaan"],
            uitgevoerd_op=_datum(stap.get("uitgevoerd_op")),
            tijdstip=tijdstip,
        )

    def _interventie_geevalueerd(self, stap: dict[str, Any], tijdstip: Any) -> None:
        services.evalueer_interventie(
            actor=self.actor,
            interventie=self.interventies[stap["interventie"]],
            waargenomen_effect=stap["waargenomen_effect"],
            uitgepakt=stap["uitgepakt"],
            vervolg=stap.get("vervolg", ""),
            geevalueerd_op=_datum(stap.get("geevalueerd_op")),
            tijdstip=tijdstip,
        )

    def _reflectie(self, stap: dict[str, Any], tijdstip: Any) -> None:
        services.leg_reflectie_vast(
            actor=self.actor,
            interventie=self.interventies[stap["interventie"]],
            tekst=stap["tekst"],
            zichtbaarheid=stap.get("zichtbaarheid", "regisseur"),
            tijdstip=tijdstip,
        )
