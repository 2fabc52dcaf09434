"""Interventies: log what the regisseur deliberately does, carry it through the cycle
kiezen – doen – leren – beter (book ch. 7), and correct it.

Status moves forward only: gepland → uitgevoerd (doen) → geevalueerd (leren, beter). An
intervention that was already done may be logged as uitgevoerd at once. An evaluated
intervention is not evaluated a second time: the book's next step after learning is to do
better or to choose another intervention, which is a new interventie; the evaluation itself
can be corrected with :func:`wijzig_interventie`, and later insight goes in a reflectie.

Rules on dates (``vandaag`` is the Dutch date of the event's moment):

- ``datum`` (when it takes or took place) is not before the day the case was opened; a
  planned intervention may lie in the future;
- ``uitgevoerd_op`` lies between ``datum`` and vandaag; ``geevalueerd_op`` between
  ``uitgevoerd_op`` and vandaag;
- doen is recorded from uitgevoerd on, leren and beter only once geevalueerd.

The zichtbaarheid is chosen when logging and never changes: every event of the interventie is
written at that level, so the log redacts all of them alike for those who may not see it.
Spelers, opdrachtgevers and wyber-stappen have no visibility level of their own (every member
of the case sees them), so any of the case's may be linked at any level.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy

from cases.events import Actor, append_event
from cases.events.bundel import Bundel
from cases.events.payloads_interventies import (
    PAYLOAD_SLEUTEL,
    evaluatie_gegevens,
    uitvoering_gegevens,
)
from cases.events.voorbereid import voeg_in
from cases.events.wereldtijd import moment_van_datum
from cases.exceptions import OngeldigeInvoer, OngeldigeOvergang
from cases.models import (
    Bestuursproces,
    Interventie,
    InterventieStatus,
    Opdrachtgever,
    Speler,
    WyberStap,
    Zichtbaarheid,
)
from instruments.models import Instrument, Strategie
from procesregie.transacties import in_transactie

from ._common import eis_open, eis_zichtbaar_voor_auteur, gebruiker_van, vergrendel
from ._interventieregels import (
    Fouten,
    eis_wyberstap_van,
    gegevens_van,
    houd_nieuw_vast,
    huidige_relaties,
    koppel,
    koppel_nieuw,
    laad,
    valideer_alles,
    van_proces,
    vandaag_van,
    velden_van,
)

S = InterventieStatus

# What wijzig_interventie may change (model attributes; the relations as whole new values).
WIJZIGBAAR = {
    "titel",
    "datum",
    "niveau",
    "aangrijpingspunt",
    "zwaarte",
    "beoogd_effect",
    "waarom",
    "wat_gedaan",
    "uitgevoerd_op",
    "waargenomen_effect",
    "uitgepakt",
    "vervolg",
    "geevalueerd_op",
    "strategie",
    "instrument",
    "wyberstap",
    "velden",
    "spelers",
    "opdrachtgevers",
}
NIET_WIJZIGBAAR = {
    "zichtbaarheid": gettext_lazy(
        "De zichtbaarheid van een interventie ligt vast vanaf het loggen: haar hele "
        "geschiedenis staat op dat niveau in de log. Log een nieuwe interventie als een "
        "ander niveau nodig is."
    ),
    "status": gettext_lazy(
        "De status wijzigt alleen door de interventie uit te voeren of te evalueren."
    ),
}


# --- the services ----------------------------------------------------------------------------


@in_transactie
def log_interventie(
    *,
    actor: Actor,
    bestuursproces: Bestuursproces,
    titel: str,
    datum: dt.date,
    velden: Iterable[str],
    niveau: str,
    aangrijpingspunt: str,
    zwaarte: str,
    beoogd_effect: str,
    waarom: str = "",
    strategie: Strategie | None = None,
    instrument: Instrument | None = None,
    spelers: Iterable[Speler] = (),
    opdrachtgevers: Iterable[Opdrachtgever] = (),
    wyberstap: WyberStap | None = None,
    status: str = InterventieStatus.GEPLAND,
    wat_gedaan: str = "",
    uitgevoerd_op: dt.date | None = None,
    zichtbaarheid: str = Zichtbaarheid.KERNTEAM,
    toelichting: str = "",
    tijdstip: dt.datetime | None = None,
) -> Interventie:
    """Log a planned intervention (kiezen), or one already done (uitgevoerd, with what was
    done; ``uitgevoerd_op`` defaults to its ``datum``)."""
    bestuursproces = vergrendel(bestuursproces, actor=actor)
    eis_open(bestuursproces, tijdstip)
    eis_zichtbaar_voor_auteur(bestuursproces, actor, zichtbaarheid)
    if status not in (S.GEPLAND, S.UITGEVOERD):
        raise OngeldigeInvoer(
            {
                "status": [
                    (
                        "invalid_choice",
                        gettext(
                            "Log een interventie als gepland of als uitgevoerd; evalueren komt "
                            "daarna."
                        ),
                    )
                ]
            }
        )
    geregistreerd = timezone.now()
    nu = tijdstip or geregistreerd
    fouten: Fouten = {}
    codes = velden_van(velden, fouten)
    spelers_ = van_proces("spelers", spelers, bestuursproces, fouten)
    opdrachtgevers_ = van_proces("opdrachtgevers", opdrachtgevers, bestuursproces, fouten)
    eis_wyberstap_van(wyberstap, bestuursproces, fouten)
    interventie = Interventie(
        bestuursproces=bestuursproces,
        titel=titel,
        datum=datum,
        status=status,
        niveau=niveau,
        aangrijpingspunt=aangrijpingspunt,
        zwaarte=zwaarte,
        strategie=strategie,
        instrument=instrument,
        wyberstap=wyberstap,
        beoogd_effect=beoogd_effect,
        waarom=waarom,
        wat_gedaan=wat_gedaan,
        uitgevoerd_op=uitgevoerd_op or (datum if status == S.UITGEVOERD else None),
        zichtbaarheid=zichtbaarheid,
        auteur=gebruiker_van(actor),
        vastgelegd_op=geregistreerd,  # when recorded; its datum is when it happens
    )
    valideer_alles(interventie, bestuursproces, vandaag_van(nu), fouten)
    # It and its links are written with its event (one statement on PostgreSQL); the links
    # take its key there. It has its key when append_event returns.
    bundel = Bundel()
    voeg_in(interventie, bundel=bundel)
    veldrijen = koppel_nieuw(
        interventie, bundel, velden=codes, spelers=spelers_, opdrachtgevers=opdrachtgevers_
    )
    append_event(
        bestuursproces=bestuursproces,
        type="interventie.gelogd",
        actor=actor,
        toelichting=toelichting,
        # Its datum is when it happened (or, for one planned ahead, when it was planned).
        tijdstip=tijdstip or moment_van_datum(datum, nu=nu, niet_voor=bestuursproces.geopend_op),
        zichtbaarheid=zichtbaarheid,
        nieuw=[interventie.uuid],
        payload={"interventie": gegevens_van(interventie, codes, spelers_, opdrachtgevers_)},
        bundel=bundel,
    )
    houd_nieuw_vast(interventie, veldrijen, spelers_, opdrachtgevers_)
    return interventie


@in_transactie
def wijzig_interventie(
    *,
    actor: Actor,
    interventie: Interventie,
    wijzigingen: Mapping[str, Any],
    toelichting: str = "",
    tijdstip: dt.datetime | None = None,
) -> Interventie:
    """Correct or complete an interventie; the event names only what changed.

    ``wijzigingen`` uses the model's attribute names, with ``velden``, ``spelers`` and
    ``opdrachtgevers`` as whole new lists. Nothing changed (or nothing given) writes nothing:
    the same edit twice is no new fact. Status and zichtbaarheid are not changed here.
    """
    onbekend = set(wijzigingen) - WIJZIGBAAR
    if onbekend:
        raise OngeldigeInvoer(
            {
                veld: [
                    (
                        "read_only",
                        str(
                            NIET_WIJZIGBAAR.get(
                                veld, gettext("Dit veld kan hier niet worden gewijzigd.")
                            )
                        ),
                    )
                ]
                for veld in sorted(onbekend)
            }
        )
    bestuursproces, interventie = laad(interventie)
    velden, spelers, opdrachtgevers = huidige_relaties(interventie)
    voor = gegevens_van(interventie, velden, spelers, opdrachtgevers)
    fouten: Fouten = {}
    if "velden" in wijzigingen:
        velden = velden_van(wijzigingen["velden"], fouten)
    if "spelers" in wijzigingen:
        spelers = van_proces("spelers", wijzigingen["spelers"], bestuursproces, fouten)
    if "opdrachtgevers" in wijzigingen:
        opdrachtgevers = van_proces(
            "opdrachtgevers", wijzigingen["opdrachtgevers"], bestuursproces, fouten
        )
    if "wyberstap" in wijzigingen:
        eis_wyberstap_van(wijzigingen["wyberstap"], bestuursproces, fouten)
    attributen = [a for a in wijzigingen if a not in {"velden", "spelers", "opdrachtgevers"}]
    for attr in attributen:
        setattr(interventie, attr, wijzigingen[attr])
    valideer_alles(interventie, bestuursproces, vandaag_van(tijdstip or timezone.now()), fouten)
    na = gegevens_van(interventie, velden, spelers, opdrachtgevers)
    gewijzigd = {sleutel: na[sleutel] for sleutel in na if na[sleutel] != voor[sleutel]}
    if not gewijzigd:
        return interventie
    opslaan = [a for a in attributen if PAYLOAD_SLEUTEL[a] in gewijzigd]
    if opslaan:
        interventie.save(update_fields=opslaan)
    koppel(
        interventie,
        velden=velden if "velden" in gewijzigd else None,
        spelers=spelers if "spelers" in gewijzigd else None,
        opdrachtgevers=opdrachtgevers if "opdrachtgevers" in gewijzigd else None,
    )
    append_event(
        bestuursproces=bestuursproces,
        type="interventie.gewijzigd",
        actor=actor,
        toelichting=toelichting,
        tijdstip=tijdstip,
        zichtbaarheid=interventie.zichtbaarheid,
        payload={
            "interventie": str(interventie.uuid),
            "wijzigingen": gewijzigd,
            "vorigeWaarden": {sleutel: voor[sleutel] for sleutel in gewijzigd},
        },
    )
    return interventie


def eis_status(interventie: Interventie, nodig: str, wat: str) -> None:
    if interventie.status == nodig:
        return
    huidig = S(interventie.status)
    if nodig == S.UITGEVOERD and huidig == S.GEPLAND:
        uitleg = gettext("Voer de interventie eerst uit; evalueren kan pas daarna.")
    elif huidig == S.GEEVALUEERD:
        uitleg = gettext(
            "Deze interventie is al geëvalueerd. Corrigeer de evaluatie met een wijziging, "
            "leg nieuw inzicht vast in een reflectie, of log een vervolginterventie."
        )
    else:
        uitleg = gettext("Deze interventie is al %(status)s.") % {
            "status": str(huidig.label).lower()
        }
    raise OngeldigeOvergang(
        gettext("%(wat)s kan alleen als de interventie %(status)s is.")
        % {"wat": wat, "status": str(S(nodig).label).lower()}
        + " "
        + uitleg,
        veld="status",
        code="ongeldige-statusovergang",
    )


@in_transactie
def voer_interventie_uit(
    *,
    actor: Actor,
    interventie: Interventie,
    wat_gedaan: str,
    uitgevoerd_op: dt.date | None = None,
    toelichting: str = "",
    tijdstip: dt.datetime | None = None,
) -> Interventie:
    """Doen: a planned intervention was carried out (``uitgevoerd_op`` defaults to today)."""
    bestuursproces, interventie = laad(interventie)
    eis_status(interventie, S.GEPLAND, gettext("Uitvoeren"))
    vandaag = vandaag_van(tijdstip or timezone.now())
    interventie.status = S.UITGEVOERD
    interventie.wat_gedaan = wat_gedaan
    interventie.uitgevoerd_op = uitgevoerd_op or vandaag
    valideer_alles(interventie, bestuursproces, vandaag, {})
    interventie.save(update_fields=["status", "wat_gedaan", "uitgevoerd_op"])
    append_event(
        bestuursproces=bestuursproces,
        type="interventie.uitgevoerd",
        actor=actor,
        toelichting=toelichting,
        tijdstip=tijdstip
        or moment_van_datum(interventie.uitgevoerd_op, niet_voor=bestuursproces.geopend_op),
        zichtbaarheid=interventie.zichtbaarheid,
        payload=uitvoering_gegevens(interventie),
    )
    return interventie


@in_transactie
def evalueer_interventie(
    *,
    actor: Actor,
    interventie: Interventie,
    waargenomen_effect: str,
    uitgepakt: str,
    vervolg: str = "",
    geevalueerd_op: dt.date | None = None,
    toelichting: str = "",
    tijdstip: dt.datetime | None = None,
) -> Interventie:
    """Leren and beter: the observed effect, whether it worked out as intended, what next."""
    bestuursproces, interventie = laad(interventie)
    eis_status(interventie, S.UITGEVOERD, gettext("Evalueren"))
    vandaag = vandaag_van(tijdstip or timezone.now())
    interventie.status = S.GEEVALUEERD
    interventie.waargenomen_effect = waargenomen_effect
    interventie.uitgepakt = uitgepakt
    interventie.vervolg = vervolg
    interventie.geevalueerd_op = geevalueerd_op or vandaag
    valideer_alles(interventie, bestuursproces, vandaag, {})
    interventie.save(
        update_fields=["status", "waargenomen_effect", "uitgepakt", "vervolg", "geevalueerd_op"]
    )
    append_event(
        bestuursproces=bestuursproces,
        type="interventie.geevalueerd",
        actor=actor,
        toelichting=toelichting,
        tijdstip=tijdstip
        or moment_van_datum(interventie.geevalueerd_op, niet_voor=bestuursproces.geopend_op),
        zichtbaarheid=interventie.zichtbaarheid,
        payload=evaluatie_gegevens(interventie),
    )
    return interventie
