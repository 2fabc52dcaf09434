"""One case with an object behind every path parameter of the API, built through the services.

Tests that walk the OpenAPI document (every operation, every PATCH) fill a path template
with ``Dossier.pad``. A new path parameter without an object here fails those tests with its
name, so that a new endpoint is covered as soon as it is documented.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from django.core.files.base import ContentFile
from django.utils import timezone

from cases import services
from cases.exports import taken
from cases.exports.rapporttaak import maak_rapport
from cases.exports.taken import vraag_rapport_aan
from cases.models import Bestuursproces, Bijeenkomstsoort, Instemming, WyberStap
from cases.services import DeelnemerInvoer
from cases.services.bestuursproces import BesluitmomentInvoer, Opdracht
from cases.services.procesontwerp import ProcesontwerpInhoud
from tests._bestanden import PDF, bestand
from tests.cases._interventies import instrument, strategie, veld
from tests.factories import GebruikerFactory, actor_voor, open_proces

from .helpers import API, HOST
from .register import consolideer, fase, optie, stap, stap_in_consolideren, stem_in


@dataclass
class Dossier:
    proces: Bestuursproces
    consoliderend: WyberStap  # instemmingen are recorded here
    convergerend: WyberStap  # opties are decided here
    waarden: dict[str, str] = field(default_factory=dict)  # path parameter → value
    # Property name → another valid value, where the schema alone cannot give one (relations
    # to other objects of the case, a strategie code, a whole opdracht).
    anderen: dict[str, Any] = field(default_factory=dict)

    def padwaarden(self, sjabloon: str) -> dict[str, str]:
        """The value of every path parameter of the template, from this case's objects."""
        waarden = dict(self.waarden)
        if "/opties" in sjabloon:
            waarden["stap"] = str(self.convergerend.uuid)
        if sjabloon.startswith(f"{API}/instrumenten/"):
            waarden["uuid"] = waarden["instrument"]
        if sjabloon.startswith(f"{API}/exports/"):
            waarden["taak"] = waarden["taak_over_processen"]
        namen = re.findall(r"{(\w+)}", sjabloon)
        ontbrekend = [naam for naam in namen if naam not in waarden]
        assert not ontbrekend, (
            f"Geen object voor padparameter {ontbrekend} van {sjabloon}: voeg er een toe in "
            "tests/cases/api/_dossier.py."
        )
        return {naam: waarden[naam] for naam in namen}

    def pad(self, sjabloon: str) -> str:
        """The path template of the OpenAPI document, filled with this case's objects."""
        return sjabloon.format(**self.padwaarden(sjabloon))


def _url(pad: str) -> str:
    return f"{HOST}{pad}"


def bouw_dossier(regisseur: Any) -> Dossier:
    """A case opened a month ago with every kind of object, each with every field filled."""
    actor = actor_voor(regisseur)
    proces = open_proces(
        regisseur,
        tijdstip=timezone.now() - dt.timedelta(days=30),
        omschrijving="Een nieuwe wijk aan het water.",
        opdracht=Opdracht(
            kaders="Binnen het bestemmingsplan",
            uren=120,
            speelruimte="Ruim",
            besluitmomenten=(
                BesluitmomentInvoer(
                    datum=timezone.localdate() + dt.timedelta(days=60),
                    soort="besluit",
                    gevraagd="Go of no-go",
                ),
            ),
        ),
    )
    p = proces
    org = services.registreer_organisatie(
        actor=actor,
        bestuursproces=p,
        naam="Gemeente Havenstad",
        soort="gemeentelijk_onderdeel",
        eigen_gemeente=True,
    )
    andere_org = services.registreer_organisatie(
        actor=actor, bestuursproces=p, naam="Havenwonen", soort="instelling"
    )
    speler = services.registreer_speler(
        actor=actor,
        bestuursproces=p,
        naam="Anouk de Wit",
        soort="persoon",
        veld="verbindende",
        rol_in_proces="sleutelpersoon",
        organisatie=org,
        belang="Betaalbare woningen",
        belemmeringen="Weinig tijd",
        waarden="Eerlijkheid",
        commitment=True,
        symmetrie=False,
    )
    andere_speler = services.registreer_speler(
        actor=actor,
        bestuursproces=p,
        naam="Zeilvereniging",
        soort="groep",
        veld="uitvoerende",
        rol_in_proces="betrokkene",
    )
    og = services.registreer_opdrachtgever(
        actor=actor,
        bestuursproces=p,
        naam="Wethouder Bakker",
        rol="bestuurlijk_opdrachtgever",
        organisatie=org,
        expliciete_opdracht="Breng de partijen bij elkaar",
    )
    ander_og = services.registreer_opdrachtgever(
        actor=actor, bestuursproces=p, naam="Directeur Ruimte", rol="ambtelijk_opdrachtgever"
    )
    for partij in (speler, og):
        services.wijzig_betrokkenheid(actor=actor, partij=partij, actie="aansluiten", reden="Ja")
    services.beoordeel_opdrachtgever(
        actor=actor,
        opdrachtgever=og,
        stevigheid=4,
        steun="voorstander",
        onderling_vertrouwen=4,
        mandaat="Mag namens het college instemmen",
    )
    kernlid: Any = GebruikerFactory(username="kernlid")
    lid = services.voeg_lid_toe(
        actor=actor,
        bestuursproces=p,
        gebruiker=kernlid,
        rol="kernteam",
    )
    overgang = services.wijzig_stadium(
        actor=actor, bestuursproces=p, naar="houdbaar", toelichting="Draagvlak", forceren=True
    )
    consoliderend = stap_in_consolideren(p, regisseur, "Waar komt de kade?")
    [instemming, _] = consolideer(consoliderend, regisseur, [speler, og])
    stem_in(
        instemming,
        regisseur,
        status="ingestemd_onder_voorbehoud",
        voorbehoud="Als de achterban akkoord is",
        formeel_besloten=False,
    )
    convergerend = stap(p, regisseur, "Hoe heet de wijk?")
    open_optie = optie(convergerend, regisseur, "Havenkwartier", omschrijving="Aan het water")
    andere_optie = optie(convergerend, regisseur, "Kadewijk")
    fase(convergerend, regisseur, "convergeren")
    middel = instrument()
    ander_middel = instrument("Krachtenveldanalyse")
    strategie("verbinden")
    strategie("ontwerpen")
    interventie = services.log_interventie(
        actor=actor,
        bestuursproces=p,
        titel="Keukentafelgesprek",
        datum=timezone.localdate() - dt.timedelta(days=10),
        velden=["verbindende"],
        niveau="individu",
        aangrijpingspunt="gevoel",
        zwaarte="licht",
        beoogd_effect="Vertrouwen",
        waarom="Hij haakt af",
        strategie=strategie("verbinden"),
        instrument=middel,
        spelers=[speler],
        opdrachtgevers=[og],
        wyberstap=consoliderend,
    )
    services.herzie_procesontwerp(
        actor=actor,
        bestuursproces=p,
        inhoud=ProcesontwerpInhoud(processtrategie="Eerst verbinden", aanpak="cyclisch"),
    )
    positionering = services.kies_positionering(
        actor=actor,
        bestuursproces=p,
        veld="verbindende",
        positie="faciliteren",
        omschrijving="Ik faciliteer",
        sinds=timezone.localdate() - dt.timedelta(days=5),
    )
    document = services.voeg_document_toe(
        actor=actor,
        bestuursproces=p,
        titel="Verslag keukentafelgesprek",
        bestand=bestand("verslag.pdf", PDF),
        zichtbaarheid="kernteam",
        interventie=interventie,
    )
    bijeenkomst = services.leg_bijeenkomst_vast(
        actor=actor,
        bestuursproces=p,
        titel="Werksessie",
        soort=Bijeenkomstsoort.objects.get(code="werksessie"),
        datum=timezone.localdate(),
        waar="Wijkcentrum",
        agenda="Opening",
        deelnemers=[DeelnemerInvoer(speler=speler, aanwezig=True), DeelnemerInvoer(naam="Gast")],
        zichtbaarheid="proces",
    )
    besluit = services.leg_besluit_vast(
        actor=actor,
        bestuursproces=p,
        titel="Raadsbesluit",
        orgaan="raad",
        datum=timezone.localdate(),
        kenmerk="RB 1",
        bijeenkomst=bijeenkomst,
        zichtbaarheid="proces",
    )
    afspraak = services.maak_afspraak(
        actor=actor,
        bestuursproces=p,
        wat="Cijfers aanleveren",
        door=speler,
        aan=og,
        uiterlijk=timezone.localdate(),
        besluit=besluit,
        zichtbaarheid="proces",
    )
    # A finished report job, for the paths below exports/{taak} (run here: the test's
    # transaction never commits, so the queue would not see it).
    taak = vraag_rapport_aan(bestuursproces=p, aanvrager=regisseur, formaat="html")
    maak_rapport.call(taak.pk)
    # A finished job across cases, for the paths below /exports/{taak}: made by the job's own
    # writes, since the regisseur may not export across cases (the worker would refuse).
    taak_over_processen = vraag_rapport_aan(bestuursproces=None, aanvrager=regisseur, formaat="csv")
    taken.begin(taak_over_processen)
    taken.rond_af(
        taak_over_processen,
        ContentFile(b"\xef\xbb\xbfbestuursproces\r\n"),
        taken.Kenmerken("bestuursprocessen.csv", "proces", 0, None, ""),
    )
    basis = f"{API}/bestuursprocessen/{p.uuid}"
    return Dossier(
        proces=p,
        consoliderend=consoliderend,
        convergerend=convergerend,
        waarden={
            "uuid": str(p.uuid),
            "volgnummer": "1",
            "organisatie": str(org.uuid),
            "speler": str(speler.uuid),
            "opdrachtgever": str(og.uuid),
            "lidmaatschap": str(lid.uuid),
            "overgang": str(overgang.uuid),
            "interventie": str(interventie.uuid),
            "positionering": str(positionering.uuid),
            "stap": str(consoliderend.uuid),
            "instemming": str(instemming.uuid),
            "optie": str(open_optie.uuid),
            "instrument": str(middel.uuid),
            "code": veld().code,
            "taak": str(taak.uuid),
            "taak_over_processen": str(taak_over_processen.uuid),
            "document": str(document.uuid),
            "nummer": "1",
            "besluit": str(besluit.uuid),
            "afspraak": str(afspraak.uuid),
            "bijeenkomst": str(bijeenkomst.uuid),
        },
        anderen={
            "organisatie": _url(f"{basis}/organisaties/{andere_org.uuid}"),
            "spelers": [_url(f"{basis}/spelers/{andere_speler.uuid}")],
            "opdrachtgevers": [_url(f"{basis}/opdrachtgevers/{ander_og.uuid}")],
            "instrument": _url(f"{API}/instrumenten/{ander_middel.uuid}"),
            "wyberstap": _url(f"{basis}/wyberstappen/{convergerend.uuid}"),
            "samengevoegdIn": _url(
                f"{basis}/wyberstappen/{convergerend.uuid}/opties/{andere_optie.uuid}"
            ),
            "strategie": "ontwerpen",
            "vervolgUrl": "https://zaken.havenstad.example/vervolg",
            "besluit": _url(f"{basis}/besluiten/{besluit.uuid}"),
            "interventies": [_url(f"{basis}/interventies/{interventie.uuid}")],
            "deelnemers": [{"naam": "Nieuwe gast", "aanwezig": True}],
            "opdracht": {
                "kaders": "Nieuwe kaders",
                "uren": 80,
                "speelruimte": "Krap",
                "besluitmomenten": [],
            },
            # World time: a moment after the opening (sent alone it changes nothing), and an
            # opening moved earlier.
            "tijdstip": (timezone.now() - dt.timedelta(hours=1)).isoformat(),
            "geopendOp": (proces.geopend_op - dt.timedelta(days=30)).isoformat(),
        },
    )


def instemmingen(dossier: Dossier) -> list[Instemming]:
    return list(Instemming.objects.filter(stap=dossier.consoliderend).order_by("id"))
