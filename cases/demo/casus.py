"""The demo case: a fictional bestuursproces loaded through the services, step by step.

The steps in ``fixtures/demo_bestuursproces.json`` are in time order and each names when it
happened, so the demo has a real history to browse, replay and check. It is entered as a
regisseur who started the file late would: the steps marked ``laterIngevoerd`` (the first
weeks' positioneringen, interventies, assessments and notes, found later in old notes) are
entered after all the others, and stand at their own dates all the same. Wyber-stappen are named
by a key of the file's own (``stap``), their options by titel, parties by name; every forward
stadium move rests on a step consolidated before it, as the stadium gate requires.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.dateparse import parse_date, parse_datetime

from cases import services
from cases.events import Actor
from cases.models import (
    Bestuursproces,
    Instemming,
    Interventie,
    Opdrachtgever,
    Optie,
    Organisatie,
    Speler,
    Stadium,
    WyberStap,
    Zichtbaarheid,
)
from cases.services.bestuursproces import BesluitmomentInvoer, Opdracht
from cases.services.idee import IdeeInhoud
from cases.services.zichtbaarheid import verruim_zichtbaarheid

from .gebruikers import eis_debug
from .regie import RegieHandelingen

DEMO_BESTAND = Path(settings.BASE_DIR) / "fixtures" / "demo_bestuursproces.json"
# The reason recorded with the demo's release for evaluation (case data, like the JSON's).
VRIJGAVE = (
    "Vrijgegeven voor de evaluatie: de interventies uit het stadium voorstelbaar, zodat de "
    "evaluator de aanloop naar het idee kan volgen."
)


def _tijd(tekst: str) -> Any:
    waarde = parse_datetime(tekst)
    if waarde is None:
        raise ValueError(f"Ongeldig tijdstip in demobestand: {tekst}")
    return waarde


class _Lader(RegieHandelingen):
    """Replays the demo file's steps; parties are referred to by name within the file,
    interventions by their titel."""

    def __init__(self, actor: Actor, bestuursproces: Bestuursproces) -> None:
        self.actor = actor
        self.bestuursproces = bestuursproces
        self.organisaties: dict[str, Organisatie] = {}
        self.partijen: dict[str, Speler | Opdrachtgever] = {}
        self.stappen: dict[str, WyberStap] = {}
        self.opties: dict[tuple[str, str], Optie] = {}
        self.interventies: dict[str, Interventie] = {}

    def stap(self, stap: dict[str, Any]) -> None:
        handelingen: dict[str, Callable[[dict[str, Any], Any], None]] = {
            "lid": self._lid,
            "idee": self._idee,
            "stadium": self._stadium,
            "organisatie": self._organisatie,
            "speler": self._speler,
            "opdrachtgever": self._opdrachtgever,
            "speler_beoordeling": self._speler_beoordeling,
            "opdrachtgever_beoordeling": self._opdrachtgever_beoordeling,
            "betrokkenheid": self._betrokkenheid,
            "notitie": self._notitie,
            "wyberstap": self._wyberstap,
            "optie": self._optie,
            "optiebesluit": self._optiebesluit,
            "fase": self._fase,
            "consolidatie": self._consolidatie,
            "instemming": self._instemming,
            "heropening": self._heropening,
            **self.regie_handelingen(),
        }
        if stap["soort"] not in handelingen:
            raise ValueError(f"Onbekende stap in demobestand: {stap['soort']}")
        handelingen[stap["soort"]](stap, _tijd(stap["tijdstip"]))

    def _lid(self, stap: dict[str, Any], tijdstip: Any) -> None:
        services.voeg_lid_toe(
            actor=self.actor,
            bestuursproces=self.bestuursproces,
            gebruiker=get_user_model().objects.get(username=stap["gebruiker"]),
            rol=stap["rol"],
            tijdstip=tijdstip,
        )

    def _idee(self, stap: dict[str, Any], tijdstip: Any) -> None:
        eigenaren = tuple(self.partijen[naam].uuid for naam in stap.get("eigenaar_spelers", []))
        services.herzie_idee(
            actor=self.actor,
            bestuursproces=self.bestuursproces,
            inhoud=IdeeInhoud(**stap["idee"], eigenaar_spelers=eigenaren),
            toelichting=stap["toelichting"],
            tijdstip=tijdstip,
        )

    def _stadium(self, stap: dict[str, Any], tijdstip: Any) -> None:
        services.wijzig_stadium(
            actor=self.actor,
            bestuursproces=self.bestuursproces,
            naar=stap["naar"],
            toelichting=stap["toelichting"],
            tijdstip=tijdstip,
        )

    def _organisatie(self, stap: dict[str, Any], tijdstip: Any) -> None:
        self.organisaties[stap["naam"]] = services.registreer_organisatie(
            actor=self.actor,
            bestuursproces=self.bestuursproces,
            naam=stap["naam"],
            soort=stap["organisatiesoort"],
            eigen_gemeente=stap.get("eigen_gemeente", False),
            tijdstip=tijdstip,
        )

    def _speler(self, stap: dict[str, Any], tijdstip: Any) -> None:
        self.partijen[stap["naam"]] = services.registreer_speler(
            actor=self.actor,
            bestuursproces=self.bestuursproces,
            naam=stap["naam"],
            soort=stap["spelersoort"],
            organisatie=self.organisaties.get(stap.get("organisatie", "")),
            veld=stap["veld"],
            rol_in_proces=stap["rol_in_proces"],
            belang=stap.get("belang", ""),
            belemmeringen=stap.get("belemmeringen", ""),
            waarden=stap.get("waarden", ""),
            commitment=stap.get("commitment"),
            symmetrie=stap.get("symmetrie"),
            tijdstip=tijdstip,
        )

    def _opdrachtgever(self, stap: dict[str, Any], tijdstip: Any) -> None:
        self.partijen[stap["naam"]] = services.registreer_opdrachtgever(
            actor=self.actor,
            bestuursproces=self.bestuursproces,
            naam=stap["naam"],
            rol=stap["rol"],
            organisatie=self.organisaties.get(stap.get("organisatie", "")),
            expliciete_opdracht=stap.get("expliciete_opdracht", ""),
            tijdstip=tijdstip,
        )

    def _speler_beoordeling(self, stap: dict[str, Any], tijdstip: Any) -> None:
        speler = self.partijen[stap["partij"]]
        assert isinstance(speler, Speler)
        services.beoordeel_speler(
            actor=self.actor,
            speler=speler,
            standpunt=stap["standpunt"],
            macht=stap["macht"],
            unieke_macht=stap["unieke_macht"],
            invloed=stap["invloed"],
            vertrouwen=stap["vertrouwen"],
            toelichting=stap["toelichting"],
            zichtbaarheid=stap["zichtbaarheid"],
            tijdstip=tijdstip,
        )

    def _opdrachtgever_beoordeling(self, stap: dict[str, Any], tijdstip: Any) -> None:
        opdrachtgever = self.partijen[stap["partij"]]
        assert isinstance(opdrachtgever, Opdrachtgever)
        services.beoordeel_opdrachtgever(
            actor=self.actor,
            opdrachtgever=opdrachtgever,
            stevigheid=stap["stevigheid"],
            steun=stap["steun"],
            onderling_vertrouwen=stap["onderling_vertrouwen"],
            mandaat=stap["mandaat"],
            open_rekeningen=stap["open_rekeningen"],
            impliciete_opdracht=stap["impliciete_opdracht"],
            toelichting=stap["toelichting"],
            zichtbaarheid=stap["zichtbaarheid"],
            tijdstip=tijdstip,
        )

    def _betrokkenheid(self, stap: dict[str, Any], tijdstip: Any) -> None:
        services.wijzig_betrokkenheid(
            actor=self.actor,
            partij=self.partijen[stap["partij"]],
            actie=stap["actie"],
            reden=stap["reden"],
            tijdstip=tijdstip,
        )

    def _notitie(self, stap: dict[str, Any], tijdstip: Any) -> None:
        partij = self.partijen.get(stap.get("partij", ""))
        services.maak_notitie(
            actor=self.actor,
            bestuursproces=self.bestuursproces,
            tekst=stap["tekst"],
            zichtbaarheid=stap["zichtbaarheid"],
            speler=partij if isinstance(partij, Speler) else None,
            opdrachtgever=partij if isinstance(partij, Opdrachtgever) else None,
            tijdstip=tijdstip,
        )

    # --- wyber-stappen ------------------------------------------------------------------------

    def _partij(self, naam: str | None) -> tuple[Speler | None, Opdrachtgever | None]:
        partij = self.partijen[naam] if naam else None
        return (
            partij if isinstance(partij, Speler) else None,
            partij if isinstance(partij, Opdrachtgever) else None,
        )

    def _wyberstap(self, stap: dict[str, Any], tijdstip: Any) -> None:
        self.stappen[stap["stap"]] = services.start_wyberstap(
            actor=self.actor,
            bestuursproces=self.bestuursproces,
            doel=stap["doel"],
            tijdstip=tijdstip,
        )

    def _optie(self, stap: dict[str, Any], tijdstip: Any) -> None:
        speler, opdrachtgever = self._partij(stap.get("partij"))
        self.opties[stap["stap"], stap["titel"]] = services.breng_optie_in(
            actor=self.actor,
            stap=self.stappen[stap["stap"]],
            titel=stap["titel"],
            omschrijving=stap.get("omschrijving", ""),
            speler=speler,
            opdrachtgever=opdrachtgever,
            tijdstip=tijdstip,
        )

    def _optiebesluit(self, stap: dict[str, Any], tijdstip: Any) -> None:
        samengevoegd_in = stap.get("samengevoegd_in")
        services.besluit_over_optie(
            actor=self.actor,
            optie=self.opties[stap["stap"], stap["optie"]],
            status=stap["status"],
            reden=stap.get("reden", ""),
            samengevoegd_in=self.opties[stap["stap"], samengevoegd_in] if samengevoegd_in else None,
            tijdstip=tijdstip,
        )

    def _fase(self, stap: dict[str, Any], tijdstip: Any) -> None:
        services.wijzig_fase(
            actor=self.actor,
            stap=self.stappen[stap["stap"]],
            naar=stap["naar"],
            toelichting=stap.get("toelichting", ""),
            tijdstip=tijdstip,
        )

    def _consolidatie(self, stap: dict[str, Any], tijdstip: Any) -> None:
        services.consolideer(
            actor=self.actor,
            stap=self.stappen[stap["stap"]],
            uitkomst=stap["uitkomst"],
            tekst=stap["tekst"],
            document_titel=stap.get("document_titel", ""),
            document_url=stap.get("document_url", ""),
            instemmers=[self.partijen[naam] for naam in stap["instemmers"]],
            toelichting=stap.get("toelichting", ""),
            tijdstip=tijdstip,
        )

    def _instemming(self, stap: dict[str, Any], tijdstip: Any) -> None:
        speler, opdrachtgever = self._partij(stap["partij"])
        besloten_op = stap.get("besloten_op")
        services.leg_instemming_vast(
            actor=self.actor,
            instemming=Instemming.objects.get(
                stap=self.stappen[stap["stap"]], speler=speler, opdrachtgever=opdrachtgever
            ),
            status=stap["status"],
            voorbehoud=stap.get("voorbehoud", ""),
            formeel_besloten=stap.get("formeel_besloten", False),
            besloten_op=parse_date(besloten_op) if besloten_op else None,
            besluitreferentie=stap.get("besluitreferentie", ""),
            toelichting=stap.get("toelichting", ""),
            tijdstip=tijdstip,
        )

    def _heropening(self, stap: dict[str, Any], tijdstip: Any) -> None:
        self.stappen[stap["nieuwe_stap"]] = services.heropen_wyberstap(
            actor=self.actor,
            stap=self.stappen[stap["stap"]],
            reden=stap["reden"],
            doel=stap.get("doel"),
            tijdstip=tijdstip,
        )


def _opdracht(gegevens: dict[str, Any]) -> Opdracht:
    return Opdracht(
        kaders=gegevens["kaders"],
        budget=Decimal(gegevens["budget"]),
        uren=gegevens["uren"],
        einddatum=parse_date(gegevens["einddatum"]),
        speelruimte=gegevens["speelruimte"],
        besluitmomenten=tuple(
            BesluitmomentInvoer(
                datum=parse_date(b["datum"]),  # type: ignore[arg-type]
                soort=b["soort"],
                gevraagd=b["gevraagd"],
            )
            for b in gegevens["besluitmomenten"]
        ),
    )


@transaction.atomic
def laad_demo_bestuursproces(bestand: Path = DEMO_BESTAND) -> tuple[Bestuursproces, bool]:
    """Load the demo case through the services (so it has its full event log), once."""
    eis_debug()
    demo = json.loads(bestand.read_text(encoding="utf-8"))
    gegevens = demo["bestuursproces"]
    regisseur = get_user_model().objects.get(username="regisseur")
    bestaand = Bestuursproces.objects.filter(
        titel=gegevens["titel"], lidmaatschappen__gebruiker=regisseur
    ).first()
    if bestaand is not None:
        return bestaand, False
    actor = Actor.beheer("laad_demo", regisseur)
    bestuursproces = services.open_bestuursproces(
        actor=actor,
        titel=gegevens["titel"],
        omschrijving=gegevens["omschrijving"],
        rol_gemeente=gegevens["rol_gemeente"],
        procesrol=gegevens["procesrol"],
        aanpak=gegevens["aanpak"],
        archiefnominatie=gegevens["archiefnominatie"],
        opdracht=_opdracht(gegevens["opdracht"]),
        idee=IdeeInhoud(**gegevens["idee"]),
        toelichting=demo["toelichting"],
        tijdstip=_tijd(demo["geopend"]),
    )
    lader = _Lader(actor, bestuursproces)
    stappen = demo["stappen"]
    for stap in [s for s in stappen if not s.get("laterIngevoerd")]:
        lader.stap(stap)
    for stap in [s for s in stappen if s.get("laterIngevoerd")]:
        lader.stap(stap)
    # After the process: the regisseur releases the first stadium's interventies for the
    # evaluator (README: Vrijgeven voor evaluatie); the rest stays withheld, and says so.
    verruim_zichtbaarheid(
        actor=actor,
        bestuursproces=bestuursproces,
        onderdeel="interventies",
        naar=Zichtbaarheid.EVALUATIE,
        selectie={"stadium": Stadium.VOORSTELBAAR},
        toelichting=VRIJGAVE,
    )
    return bestuursproces, True
