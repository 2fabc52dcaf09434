"""The case of the canary tests: a unique string at every visibility level in every kind of
content that carries one, and the plan it was written from.

The plan (``INTERVENTIES``, ``POSITIONERINGEN``) is plain data, so that the tests compute what
each role must see (counts, dates, the current position per veld) from the plan itself and
not from the endpoints they check.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone
from rest_framework.test import APIClient

from cases import services
from cases.models import (
    Bestuursproces,
    Bijeenkomstsoort,
    Interventie,
    Positionering,
    Zichtbaarheid,
)
from cases.services import DeelnemerInvoer
from cases.services.procesontwerp import ProcesontwerpInhoud
from instruments.models import Instrument
from tests._bestanden import bestand
from tests.factories import actor_voor, open_proces

NIVEAUS = [z.value for z in Zichtbaarheid]
ROLLEN = ["procesregisseur", "kernteam", "opdrachtgever", "evaluator"]
GEZIEN_DOOR = {
    "procesregisseur": {"proces", "evaluatie", "kernteam", "regisseur"},
    "kernteam": {"proces", "evaluatie", "kernteam"},
    "opdrachtgever": {"proces"},
    # Released for evaluation: the evaluator reads it, the opdrachtgever does not.
    "evaluator": {"proces", "evaluatie"},
}
KANARIE_PATROON = r"KANARIE-([a-z]+)-([a-z]+)-7f3a"
# Canaries inside uploaded files: only a download (through the API) shows them.
BESTANDSINHOUD = frozenset({"documentinhoud", "versieinhoud"})
# The case is opened this long ago, so that interventies and positions can lie in the past
# and the attention balance has velden that were neglected for longer than six weeks.
GEOPEND_DAGEN_GELEDEN = 60


def canary(soort: str, niveau: str) -> str:
    return f"KANARIE-{soort}-{niveau}-7f3a"


def dagen_geleden(dagen: int) -> dt.date:
    return timezone.localdate() - dt.timedelta(days=dagen)


@dataclass(frozen=True)
class Plan:
    """One interventie of the fixture, by the attributes the counts depend on."""

    niveau: str
    velden: tuple[str, ...]
    instrument: tuple[str, int]  # (veld code, index in the catalogue order of that veld)
    status: str  # where its cycle ends: gepland, uitgevoerd or geevalueerd
    dagen: int  # its datum is this many days ago


INTERVENTIES: tuple[Plan, ...] = (
    Plan("proces", ("interne", "verbindende"), ("verbindende", 0), "geevalueerd", 50),
    Plan("kernteam", ("verbindende",), ("verbindende", 1), "geevalueerd", 20),
    Plan(
        "regisseur", ("opdrachtgevende", "positionerende"), ("opdrachtgevende", 0), "geevalueerd", 3
    ),
    Plan("proces", ("opdrachtgevende",), ("opdrachtgevende", 0), "gepland", 0),
    Plan("kernteam", ("interne", "uitvoerende"), ("verbindende", 0), "uitgevoerd", 10),
    Plan("regisseur", ("verbindende",), ("verbindende", 1), "uitgevoerd", 1),
    Plan("regisseur", ("idee",), ("verbindende", 2), "gepland", 0),
)
# The velden whose instrument suggestions the tests read: those of the instruments used.
SUGGESTIEVELDEN = sorted({plan.instrument[0] for plan in INTERVENTIES})


@dataclass(frozen=True)
class Positiekeuze:
    """One positionering of the fixture, in the order it is recorded."""

    veld: str
    positie: str
    dagen: int  # sinds this many days ago
    niveau: str


POSITIONERINGEN: tuple[Positiekeuze, ...] = (
    Positiekeuze("verbindende", "sturen", 50, "proces"),
    Positiekeuze("verbindende", "faciliteren", 30, "kernteam"),
    Positiekeuze("verbindende", "observeren", 10, "regisseur"),
    Positiekeuze("opdrachtgevende", "secretarisrol", 5, "proces"),
    # Recorded later but in force since earlier: the proces position above stays current.
    Positiekeuze("opdrachtgevende", "beslissende_rol", 20, "regisseur"),
    Positiekeuze("uitvoerende", "meewerkend", 0, "kernteam"),
    Positiekeuze("interne", "faciliteren", 15, "regisseur"),
)


@dataclass
class Kanaries:
    """What the fixture wrote: every (soort, niveau) canary and the objects of the plan."""

    bestuursproces: Bestuursproces
    geschreven: set[tuple[str, str]] = field(default_factory=set)
    interventies: list[Interventie] = field(default_factory=list)  # in the order of the plan
    positioneringen: list[Positionering] = field(default_factory=list)

    def tekst(self, soort: str, niveau: str) -> str:
        self.geschreven.add((soort, niveau))
        return canary(soort, niveau)

    def verwacht(self, rol: str, soorten: set[str] | None = None) -> set[tuple[str, str]]:
        """The canaries this role must find (of the given soorten, or all)."""
        return {
            (soort, niveau)
            for soort, niveau in self.geschreven
            if niveau in GEZIEN_DOOR[rol] and (soorten is None or soort in soorten)
        }


def open_in_het_verleden(regisseur: Any) -> Bestuursproces:
    tijdstip = timezone.now() - dt.timedelta(days=GEOPEND_DAGEN_GELEDEN)
    return open_proces(regisseur, tijdstip=tijdstip)


def catalogusinstrument(veld: str, index: int) -> Instrument:
    return Instrument.objects.filter(veld__code=veld).order_by("volgorde", "naam")[index]


def schrijf_kanaries(bestuursproces: Bestuursproces, leden: dict[str, Any]) -> Kanaries:
    """Write the canaries of every kind through the services (the catalogue must be loaded)."""
    k = Kanaries(bestuursproces)
    regisseur = actor_voor(leden["procesregisseur"])
    _partijen(k, regisseur)
    _besluiten(k, regisseur)
    services.herzie_procesontwerp(
        actor=regisseur,
        bestuursproces=bestuursproces,
        # The procesontwerp has no level: every member reads it.
        inhoud=ProcesontwerpInhoud(
            processtrategie=k.tekst("procesontwerp", "proces"), aanpak="cyclisch"
        ),
    )
    for positie in POSITIONERINGEN:
        k.positioneringen.append(
            services.kies_positionering(
                actor=regisseur,
                bestuursproces=bestuursproces,
                veld=positie.veld,
                positie=positie.positie,
                omschrijving=k.tekst("positieomschrijving", positie.niveau),
                toelichting=k.tekst("positietoelichting", positie.niveau),
                sinds=dagen_geleden(positie.dagen),
                zichtbaarheid=positie.niveau,
            )
        )
    for plan in INTERVENTIES:
        k.interventies.append(_interventie(k, regisseur, plan))
    _documenten(k, regisseur)
    return k


def _documenten(k: Kanaries, regisseur: Any) -> None:
    """A document at every level, its titel, file and toelichting a canary, with a second
    version whose file is another (issue 14)."""
    for niveau in NIVEAUS:
        document = services.voeg_document_toe(
            actor=regisseur,
            bestuursproces=k.bestuursproces,
            titel=k.tekst("documenttitel", niveau),
            bestand=bestand("verslag.txt", k.tekst("documentinhoud", niveau).encode()),
            zichtbaarheid=niveau,
            toelichting=k.tekst("documenttoelichting", niveau),
        )
        services.voeg_versie_toe(
            actor=regisseur,
            document=document,
            bestand=bestand("verslag-2.txt", k.tekst("versieinhoud", niveau).encode()),
        )


def _partijen(k: Kanaries, regisseur: Any) -> None:
    """Assessments and notes of a speler and an opdrachtgever (issue 3)."""
    speler = services.registreer_speler(
        actor=regisseur,
        bestuursproces=k.bestuursproces,
        naam="Grondeigenaar",
        soort="persoon",
        veld="verbindende",
        rol_in_proces="sleutelpersoon",
    )
    opdrachtgever = services.registreer_opdrachtgever(
        actor=regisseur,
        bestuursproces=k.bestuursproces,
        naam="Wethouder",
        rol="bestuurlijk_opdrachtgever",
    )
    services.wijzig_betrokkenheid(
        actor=regisseur, partij=speler, actie="aansluiten", reden="Aan tafel"
    )
    for niveau in NIVEAUS:
        services.beoordeel_speler(
            actor=regisseur,
            speler=speler,
            standpunt="tegenstander" if niveau == "regisseur" else "voorstander",
            macht="blokkademacht",
            invloed=4,
            vertrouwen=2,
            toelichting=k.tekst("speleroordeel", niveau),
            zichtbaarheid=niveau,
        )
        services.beoordeel_opdrachtgever(
            actor=regisseur,
            opdrachtgever=opdrachtgever,
            stevigheid=3,
            steun="afwachtend",
            onderling_vertrouwen=3,
            impliciete_opdracht=k.tekst("impliciet", niveau),
            open_rekeningen=k.tekst("rekening", niveau),
            toelichting=k.tekst("opdrachtgeveroordeel", niveau),
            zichtbaarheid=niveau,
        )
        services.maak_notitie(
            actor=regisseur,
            bestuursproces=k.bestuursproces,
            tekst=k.tekst("notitie", niveau),
            zichtbaarheid=niveau,
            speler=speler,
        )
        services.maak_notitie(
            actor=regisseur,
            bestuursproces=k.bestuursproces,
            tekst=k.tekst("procesnotitie", niveau),
            zichtbaarheid=niveau,
        )


def _besluiten(k: Kanaries, regisseur: Any) -> None:
    """A bijeenkomst (its verslag added afterwards), a besluit from it and an afspraak from
    that at every level (issue 14), by a body of its own or a party of the case, so that no
    canary depends on a party's name; every afspraak niet nagekomen (with a reason)."""
    gemeente = services.registreer_organisatie(
        actor=regisseur, bestuursproces=k.bestuursproces, naam="Buurgemeente", soort="instelling"
    )
    # Seeded by a migration; a transactional test (the browser's) flushes it away.
    soort, _ = Bijeenkomstsoort.objects.get_or_create(
        code="werksessie", defaults={"naam": "Werksessie"}
    )
    for niveau in NIVEAUS:
        bijeenkomst = services.leg_bijeenkomst_vast(
            actor=regisseur,
            bestuursproces=k.bestuursproces,
            titel=k.tekst("bijeenkomst", niveau),
            soort=soort,
            datum=timezone.localdate(),
            waar=k.tekst("waar", niveau),
            agenda=k.tekst("agenda", niveau),
            deelnemers=[DeelnemerInvoer(naam=k.tekst("gast", niveau), aanwezig=True)],
            zichtbaarheid=niveau,
        )
        services.wijzig_bijeenkomst(
            actor=regisseur,
            bijeenkomst=bijeenkomst,
            wijzigingen={"verslag": k.tekst("verslag", niveau)},
        )
        besluit = services.leg_besluit_vast(
            actor=regisseur,
            bestuursproces=k.bestuursproces,
            titel=k.tekst("besluittitel", niveau),
            inhoud=k.tekst("besluitinhoud", niveau),
            orgaan="anders",
            orgaan_naam=k.tekst("besluitorgaan", niveau),
            kenmerk=k.tekst("kenmerk", niveau)[:100],
            datum=timezone.localdate(),
            bijeenkomst=bijeenkomst,
            zichtbaarheid=niveau,
        )
        afspraak = services.maak_afspraak(
            actor=regisseur,
            bestuursproces=k.bestuursproces,
            wat=k.tekst("afspraak", niveau),
            door=gemeente,
            aan_naam=k.tekst("afspraakaan", niveau),
            uiterlijk=timezone.localdate(),
            besluit=besluit,
            zichtbaarheid=niveau,
        )
        services.handel_afspraak_af(
            actor=regisseur,
            afspraak=afspraak,
            status="niet_nagekomen",
            reden=k.tekst("afspraakreden", niveau),
        )
        _geplande_bijeenkomsten(k, regisseur, soort, niveau)


def _geplande_bijeenkomsten(k: Kanaries, regisseur: Any, soort: Any, niveau: str) -> None:
    """Bijeenkomsten recorded ahead of time: one still to come, one held today (its verslag
    given then) and one cancelled (with a reason)."""
    gepland: dict[str, Any] = {
        "actor": regisseur,
        "bestuursproces": k.bestuursproces,
        "soort": soort,
        "zichtbaarheid": niveau,
        "gepland": True,
    }
    services.leg_bijeenkomst_vast(
        **gepland,
        titel=k.tekst("bijeenkomst", niveau),
        datum=timezone.localdate() + dt.timedelta(days=14),
        agenda=k.tekst("agenda", niveau),
        deelnemers=[DeelnemerInvoer(naam=k.tekst("gast", niveau))],
    )
    vandaag = services.leg_bijeenkomst_vast(
        **gepland, titel=k.tekst("bijeenkomst", niveau), datum=timezone.localdate()
    )
    services.markeer_bijeenkomst_gehouden(
        actor=regisseur, bijeenkomst=vandaag, verslag=k.tekst("verslag", niveau)
    )
    afgelast = services.leg_bijeenkomst_vast(
        **gepland,
        titel=k.tekst("bijeenkomst", niveau),
        datum=timezone.localdate() + dt.timedelta(days=7),
    )
    services.annuleer_bijeenkomst(
        actor=regisseur, bijeenkomst=afgelast, reden=k.tekst("annuleringsreden", niveau)
    )


def _interventie(k: Kanaries, regisseur: Any, plan: Plan) -> Interventie:
    """Log the planned interventie, correct its waarom, and carry it as far as the plan says;
    an evaluated one gets a reflectie at every level its own level allows."""
    niveau = plan.niveau
    datum = dagen_geleden(plan.dagen)
    interventie = services.log_interventie(
        actor=regisseur,
        bestuursproces=k.bestuursproces,
        titel=k.tekst("titel", niveau),
        datum=datum,
        velden=plan.velden,
        niveau="groep",
        aangrijpingspunt="interactie",
        zwaarte="middel",
        beoogd_effect=k.tekst("beoogd", niveau),
        waarom=k.tekst("waarom", niveau),
        instrument=catalogusinstrument(*plan.instrument),
        zichtbaarheid=niveau,
        toelichting=k.tekst("logtoelichting", niveau),
    )
    # The old waarom now lives on only in the events: interventie.gelogd and, in
    # vorigeWaarden, interventie.gewijzigd.
    services.wijzig_interventie(
        actor=regisseur,
        interventie=interventie,
        wijzigingen={"waarom": k.tekst("waaromnieuw", niveau)},
        toelichting=k.tekst("wijzigtoelichting", niveau),
    )
    if plan.status in ("uitgevoerd", "geevalueerd"):
        services.voer_interventie_uit(
            actor=regisseur,
            interventie=interventie,
            wat_gedaan=k.tekst("gedaan", niveau),
            uitgevoerd_op=datum,
        )
    if plan.status == "geevalueerd":
        services.evalueer_interventie(
            actor=regisseur,
            interventie=interventie,
            waargenomen_effect=k.tekst("waargenomen", niveau),
            uitgepakt="deels",
            vervolg=k.tekst("vervolg", niveau),
        )
        for reflectieniveau in NIVEAUS[NIVEAUS.index(niveau) :]:
            services.leg_reflectie_vast(
                actor=regisseur,
                interventie=interventie,
                tekst=k.tekst(f"reflectieonder{niveau}", reflectieniveau),
                zichtbaarheid=reflectieniveau,
            )
    return interventie


# --- the crawler -------------------------------------------------------------------------------


def _urls(waarde: Any, prefix: str) -> set[str]:
    if isinstance(waarde, dict):
        return set().union(*(_urls(v, prefix) for v in waarde.values())) if waarde else set()
    if isinstance(waarde, list):
        return set().union(*(_urls(v, prefix) for v in waarde)) if waarde else set()
    if isinstance(waarde, str) and waarde.startswith(prefix):
        return {waarde}
    return set()


def basis_url(bestuursproces: Bestuursproces) -> str:
    return f"http://testserver/api/v1/bestuursprocessen/{bestuursproces.uuid}"


def startpunten(k: Kanaries, zichtbaar: set[str]) -> list[str]:
    """Where the crawl starts: the case, and what is reachable only by query or is append-only
    without a detail (reflecties of the interventies this viewer may see)."""
    basis = basis_url(k.bestuursproces)
    return [
        basis,
        f"{basis}/gebeurtenissen?pageSize=100",
        f"{basis}/momentopname",
        f"{basis}/krachtenveld",
        f"{basis}/krachtenveld/verschuivingen",
        f"{basis}/notities",
        f"{basis}/besluiten",
        f"{basis}/besluitmomenten",
        f"{basis}/afspraken",
        f"{basis}/bijeenkomsten",
        f"{basis}/bijeenkomsten/aanwezigheid",
        f"{basis}/lidmaatschappen",
        f"{basis}/organisaties",
        f"{basis}/spelers",
        f"{basis}/opdrachtgevers",
        f"{basis}/positioneringen",
        f"{basis}/positioneringen/huidig",
        f"{basis}/procesontwerp",
        f"{basis}/interventies",
        f"{basis}/documenten",
        f"{basis}/tijdlijn?pageSize=100",
        f"{basis}/aandacht",
        *(f"{basis}/instrument-suggesties?veld={veld}" for veld in SUGGESTIEVELDEN),
        *(
            f"{basis}/interventies/{i.uuid}/reflecties"
            for i in k.interventies
            if i.zichtbaarheid in zichtbaar
        ),
    ]


def crawl(client: APIClient, k: Kanaries, zichtbaar: set[str]) -> dict[str, str]:
    """Every response body reachable from the case by URL, following links, relations and
    pages."""
    basis = basis_url(k.bestuursproces)
    te_doen = startpunten(k, zichtbaar)
    bodies: dict[str, str] = {}
    while te_doen:
        url = te_doen.pop()
        if url in bodies:
            continue
        assert len(bodies) < 600, "the crawl does not end"
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        if response.streaming:  # a downloaded document: read, not followed
            bodies[url] = b"".join(response.streaming_content).decode()  # type: ignore[attr-defined]
            continue
        bodies[url] = response.content.decode()
        te_doen.extend(_urls(json.loads(bodies[url]), basis) - set(bodies))
    return bodies
