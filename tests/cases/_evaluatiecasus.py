"""A case with something of every figure an evaluator asks for, at known moments.

Built through the services, in world time from ``BEGIN`` (5 January 2026, 10:00 Dutch time):

- stadia: voorstelbaar → houdbaar (day 20) → voorstelbaar (day 35, back) → houdbaar (day 45)
  → maakbaar (day 70);
- wyber-stappen: one in voorstelbaar (day 5–9, consolidated), one in houdbaar (day 22–30);
- spelers: "Gemeente Aardam" tegenstander (day 2) → voorstander (day 40), both for every
  member; "Waterschap Delfland" afwachtend (day 2) and tegenstander (day 30, kernteam only);
  opdrachtgever "Wethouder Jansen" steun afwachtend (day 3) → voorstander (day 50), regisseur
  only;
- betrokkenheid: Aardam aansluiten (day 3), Waterschap aansluiten (day 4) and afhaken (day 60);
- interventies: I1 verbindende+interne, strategie verbinden, ja (proces); I2 opdrachtgevende,
  nee (proces); I3 idee, strategie verbinden, uitgevoerd, not evaluated (proces); I4
  positionerende, gepland (kernteam); I5 ontwerpende, deels (regisseur);
- positionering: verbindende faciliteren (day 5) → sturen (day 40), proces; opdrachtgevende
  adviserende rol (day 10), kernteam;
- afspraken: nagekomen, niet nagekomen, open (uiterlijk day 80), all proces; one open with
  uiterlijk day 50, kernteam.

``extra`` adds that many spelers (each assessed twice), interventies and afspraken, for
query-count tests; ``lang`` makes the texts very long, for layout tests.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils import timezone

from cases import services
from cases.models import Bestuursproces, Instemming, Interventie, Speler, WyberStap
from cases.services.bestuursproces import Opdracht
from tests.cases._interventies import strategie
from tests.factories import actor_voor, open_proces

BEGIN = dt.datetime(2026, 1, 5, 9, 0, tzinfo=dt.UTC)
# The moment the figures are asked for: day 100.
NU = BEGIN + dt.timedelta(days=100)
LANGE_TEKST = (
    "Na het tweede keukentafelgesprek bleek dat de gemeenteraad van Aardam de plannen voor de "
    "kade pas wil steunen wanneer de financiering van de tweede fase door de provincie is "
    "toegezegd en het waterschap schriftelijk heeft bevestigd dat de waterkering niet wordt "
    "aangetast; daarom is afgesproken eerst een gezamenlijke verkenning te doen. "
)
HEEL_LANG_WOORD = "Gebiedsontwikkelingsovereenkomstonderhandelingsvoorbereidingsdocumentatie" * 2


@dataclass
class Evaluatiecasus:
    proces: Bestuursproces
    spelers: dict[str, Speler]
    interventies: dict[str, Interventie]
    stappen: list[WyberStap]


def dag(n: float) -> dt.datetime:
    return BEGIN + dt.timedelta(days=n)


def datum(n: float) -> dt.date:
    return timezone.localdate(dag(n))


def _tekst(kort: str, lang: bool) -> str:
    return f"{kort}. {LANGE_TEKST * 4}{HEEL_LANG_WOORD}" if lang else kort


def _stap(proces: Bestuursproces, actor: Any, doel: str, van: float, tot: float) -> WyberStap:
    """A wyber-stap started on day ``van`` and settled, with every consent, on day ``tot``."""
    stap = services.start_wyberstap(
        actor=actor, bestuursproces=proces, doel=doel, tijdstip=dag(van)
    )
    optie = services.breng_optie_in(actor=actor, stap=stap, titel="Doorgaan", tijdstip=dag(van))
    services.wijzig_fase(actor=actor, stap=stap, naar="convergeren", tijdstip=dag(tot))
    services.besluit_over_optie(actor=actor, optie=optie, status="gekozen", tijdstip=dag(tot))
    services.wijzig_fase(actor=actor, stap=stap, naar="consolideren", tijdstip=dag(tot))
    stuurgroep = Speler.objects.get(bestuursproces=proces, naam="Stuurgroep")
    services.consolideer(
        actor=actor,
        stap=stap,
        uitkomst="consensus",
        tekst="Doorgaan zoals besproken.",
        instemmers=[stuurgroep],
        tijdstip=dag(tot),
    )
    for instemming in Instemming.objects.filter(stap=stap).order_by("id"):
        services.leg_instemming_vast(
            actor=actor,
            instemming=instemming,
            status="ingestemd",
            formeel_besloten=True,
            besloten_op=datum(tot),
            besluitreferentie="Besluit in de eigen organisatie",
            tijdstip=dag(tot),
        )
    stap.refresh_from_db()
    return stap


def _interventie(
    proces: Bestuursproces,
    actor: Any,
    titel: str,
    op: float,
    velden: list[str],
    *,
    zichtbaarheid: str = "proces",
    uitgepakt: str | None = None,
    gepland: bool = False,
    lang: bool = False,
    **extra: Any,
) -> Interventie:
    interventie = services.log_interventie(
        actor=actor,
        bestuursproces=proces,
        titel=titel,
        datum=datum(op),
        velden=velden,
        niveau="groep",
        aangrijpingspunt="interactie",
        zwaarte="middel",
        beoogd_effect=_tekst("Partijen aan tafel", lang),
        status="gepland" if gepland else "uitgevoerd",
        wat_gedaan="" if gepland else _tekst("Gesprekken gevoerd", lang),
        zichtbaarheid=zichtbaarheid,
        tijdstip=dag(op),
        **extra,
    )
    if uitgepakt is not None:
        interventie = services.evalueer_interventie(
            actor=actor,
            interventie=interventie,
            waargenomen_effect=_tekst("Het werkte zo", lang),
            uitgepakt=uitgepakt,
            tijdstip=dag(op + 2),
        )
    return interventie


def bouw_evaluatiecasus(regisseur: Any, *, extra: int = 0, lang: bool = False) -> Evaluatiecasus:
    actor = actor_voor(regisseur)
    proces = open_proces(
        regisseur,
        titel=_tekst("Herinrichting Havenkwartier", lang)[:200],
        opdracht=Opdracht(kaders="Binnen de begroting", budget=Decimal("1185000.00"), uren=400),
        tijdstip=BEGIN,
    )
    spelers = {}
    for naam in ("Gemeente Aardam", "Waterschap Delfland", "Stuurgroep"):
        spelers[naam] = services.registreer_speler(
            actor=actor,
            bestuursproces=proces,
            naam=naam,
            soort="groep",
            veld="verbindende",
            rol_in_proces="betrokkene",
            tijdstip=dag(1),
        )
    aardam, waterschap = spelers["Gemeente Aardam"], spelers["Waterschap Delfland"]
    wethouder = services.registreer_opdrachtgever(
        actor=actor,
        bestuursproces=proces,
        naam="Wethouder Jansen",
        rol="bestuurlijk_opdrachtgever",
        tijdstip=dag(1),
    )

    def beoordeel(speler: Speler, standpunt: str, op: float, zichtbaarheid: str = "proces") -> None:
        services.beoordeel_speler(
            actor=actor,
            speler=speler,
            standpunt=standpunt,
            macht="blokkademacht",
            invloed=3,
            vertrouwen=3,
            toelichting=_tekst(f"{speler.naam} is {standpunt}", lang),
            zichtbaarheid=zichtbaarheid,
            tijdstip=dag(op),
        )

    beoordeel(aardam, "tegenstander", 2)
    beoordeel(waterschap, "afwachtend", 2)
    for steun, op in (("afwachtend", 3), ("voorstander", 50)):
        services.beoordeel_opdrachtgever(
            actor=actor,
            opdrachtgever=wethouder,
            stevigheid=4,
            steun=steun,
            onderling_vertrouwen=3,
            tijdstip=dag(op),
        )
    services.wijzig_betrokkenheid(
        actor=actor, partij=aardam, actie="aansluiten", reden="Sluit aan", tijdstip=dag(3)
    )
    services.wijzig_betrokkenheid(
        actor=actor, partij=waterschap, actie="aansluiten", reden="Sluit aan", tijdstip=dag(4)
    )
    services.kies_positionering(
        actor=actor,
        bestuursproces=proces,
        veld="verbindende",
        positie="faciliteren",
        sinds=datum(5),
        zichtbaarheid="proces",
        toelichting=_tekst("Eerst ruimte geven", lang),
        tijdstip=dag(5),
    )
    stappen = [_stap(proces, actor, _tekst("Kiezen waar de kade komt", lang), 5, 9)]
    verbinden = strategie("verbinden", "Verbinden")
    interventies = {
        "I1": _interventie(
            proces,
            actor,
            "Keukentafelgesprekken",
            6,
            ["verbindende", "interne"],
            uitgepakt="ja",
            strategie=verbinden,
            lang=lang,
        ),
        "I2": _interventie(
            proces, actor, "Gesprek wethouder", 8, ["opdrachtgevende"], uitgepakt="nee", lang=lang
        ),
    }
    services.kies_positionering(
        actor=actor,
        bestuursproces=proces,
        veld="opdrachtgevende",
        positie="adviserende_rol",
        sinds=datum(10),
        zichtbaarheid="kernteam",
        tijdstip=dag(10),
    )
    nagekomen = services.maak_afspraak(
        actor=actor,
        bestuursproces=proces,
        wat=_tekst("Aardam levert de grondkaart", lang),
        door=aardam,
        zichtbaarheid="proces",
        datum=datum(10),
        uiterlijk=datum(30),
    )
    niet = services.maak_afspraak(
        actor=actor,
        bestuursproces=proces,
        wat="Waterschap toetst de kering",
        door=waterschap,
        zichtbaarheid="proces",
        datum=datum(12),
        uiterlijk=datum(20),
    )
    interventies["I3"] = _interventie(
        proces, actor, "Ideeënmarkt", 12, ["idee"], strategie=verbinden, lang=lang
    )
    interventies["I4"] = _interventie(
        proces,
        actor,
        "Spiegelgesprek",
        15,
        ["positionerende"],
        gepland=True,
        zichtbaarheid="kernteam",
        lang=lang,
    )
    interventies["I5"] = _interventie(
        proces,
        actor,
        "Ontwerpatelier",
        16,
        ["ontwerpende"],
        uitgepakt="deels",
        zichtbaarheid="regisseur",
        lang=lang,
    )
    services.wijzig_stadium(
        actor=actor,
        bestuursproces=proces,
        naar="houdbaar",
        toelichting="Draagvlak",
        forceren=True,
        tijdstip=dag(20),
    )
    services.handel_afspraak_af(
        actor=actor, afspraak=niet, status="niet_nagekomen", reden="Geen capaciteit", op=datum(21)
    )
    stappen.append(_stap(proces, actor, "Verkenning financiering", 22, 30))
    services.handel_afspraak_af(actor=actor, afspraak=nagekomen, status="nagekomen", op=datum(25))
    beoordeel(waterschap, "tegenstander", 30, zichtbaarheid="kernteam")
    services.wijzig_stadium(
        actor=actor,
        bestuursproces=proces,
        naar="voorstelbaar",
        toelichting="Financiering valt weg",
        forceren=True,
        tijdstip=dag(35),
    )
    beoordeel(aardam, "voorstander", 40)
    services.kies_positionering(
        actor=actor,
        bestuursproces=proces,
        veld="verbindende",
        positie="sturen",
        sinds=datum(40),
        zichtbaarheid="proces",
        tijdstip=dag(40),
    )
    services.wijzig_stadium(
        actor=actor,
        bestuursproces=proces,
        naar="houdbaar",
        toelichting="Toch",
        forceren=True,
        tijdstip=dag(45),
    )
    services.maak_afspraak(
        actor=actor,
        bestuursproces=proces,
        wat="Wethouder agendeert het voorstel",
        door=wethouder,
        zichtbaarheid="kernteam",
        datum=datum(46),
        uiterlijk=datum(50),
    )
    services.maak_afspraak(
        actor=actor,
        bestuursproces=proces,
        wat="Aardam stelt een projectleider aan",
        door=aardam,
        zichtbaarheid="proces",
        datum=datum(47),
        uiterlijk=datum(80),
    )
    services.wijzig_betrokkenheid(
        actor=actor,
        partij=waterschap,
        actie="afhaken",
        reden=_tekst("Geen capaciteit", lang),
        tijdstip=dag(60),
    )
    services.wijzig_stadium(
        actor=actor,
        bestuursproces=proces,
        naar="maakbaar",
        toelichting="Plan rond",
        forceren=True,
        tijdstip=dag(70),
    )
    voeg_toe(proces, regisseur, extra, lang=lang)
    proces.refresh_from_db()
    return Evaluatiecasus(
        proces=proces, spelers=spelers, interventies=interventies, stappen=stappen
    )


def voeg_toe(proces: Bestuursproces, regisseur: Any, aantal: int, *, lang: bool = False) -> None:
    """``aantal`` more spelers (each assessed twice), interventies and afspraken, from day 71."""
    actor = actor_voor(regisseur)
    for n in range(aantal):
        speler = services.registreer_speler(
            actor=actor,
            bestuursproces=proces,
            naam=f"Bewonersgroep {n + 1:03d}",
            soort="groep",
            veld="uitvoerende",
            rol_in_proces="betrokkene",
            tijdstip=dag(71),
        )
        for standpunt, op in (("afwachtend", 72), ("voorstander", 73)):
            services.beoordeel_speler(
                actor=actor,
                speler=speler,
                standpunt=standpunt,
                macht="diffuse_macht",
                invloed=2,
                vertrouwen=3,
                toelichting=_tekst("Wisselt", lang),
                tijdstip=dag(op),
            )
        _interventie(proces, actor, f"Buurtgesprek {n + 1}", 74, ["uitvoerende"], uitgepakt="ja")
        services.maak_afspraak(
            actor=actor,
            bestuursproces=proces,
            wat=f"Bewonersgroep {n + 1} levert namen",
            door=speler,
            zichtbaarheid="proces",
            datum=datum(75),
            uiterlijk=datum(90),
        )
