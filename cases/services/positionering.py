"""The regisseur chooses a position per veld (book ch. 6, §9.3): a new choice is a new record.

A positionering is never edited. The current position in a veld is the latest one; the list
per veld is its history.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext

from cases.events import Actor, append_event
from cases.events.payloads_positionering import positionering_gegevens
from cases.events.wereldtijd import moment_van_datum
from cases.exceptions import OngeldigeInvoer
from cases.models import (
    POSITIES_PER_VELD,
    Bestuursproces,
    Positie,
    Positionering,
    PositioneringsVeld,
    WyberStap,
    Zichtbaarheid,
)
from procesregie.transacties import in_transactie

from ._common import eis_open, eis_zichtbaar_voor_auteur, gebruiker_van, valideer, vergrendel

Fouten = dict[str, list[tuple[str, str]]]


def positie_fouten(veld: str, positie: str, omschrijving: str) -> Fouten:
    """What is wrong with this position in this veld (empty when nothing is)."""
    if veld not in PositioneringsVeld.values:
        keuzes = ", ".join(PositioneringsVeld.values)
        return {"veld": [("invalid_choice", gettext("Kies een veld uit: %s.") % keuzes)]}
    fouten: Fouten = {}
    toegestaan = POSITIES_PER_VELD[veld]
    if positie not in toegestaan:
        melding = gettext("In het %(veld)s kies je uit: %(posities)s.") % {
            "veld": str(PositioneringsVeld(veld).label).lower(),
            "posities": ", ".join(str(Positie(p).label).lower() for p in toegestaan),
        }
        fouten["positie"] = [("invalid_choice", melding)]
    if veld == PositioneringsVeld.INTERNE and not omschrijving.strip():
        fouten["omschrijving"] = [
            (
                "required",
                gettext(
                    "In het interne veld beschrijf je je positie ook in eigen woorden, naast "
                    "de plek op de sturings-as."
                ),
            )
        ]
    return fouten


def sinds_fouten(bestuursproces: Bestuursproces, sinds: dt.date, vandaag: dt.date) -> Fouten:
    """A position starts no later than today and not before the case was opened."""
    geopend = timezone.localdate(bestuursproces.geopend_op)
    if sinds > vandaag:
        melding = gettext("Een positionering kan niet in de toekomst ingaan.")
        return {"sinds": [("invalid", melding)]}
    if sinds < geopend:
        melding = gettext(
            "Een positionering kan niet ingaan vóór de opening van het bestuursproces (%s)."
        ) % date_format(geopend, "j F Y")
        return {"sinds": [("invalid", melding)]}
    return {}


def wyberstap_fouten(bestuursproces: Bestuursproces, wyberstap: WyberStap | None) -> Fouten:
    if wyberstap is not None and wyberstap.bestuursproces_id != bestuursproces.pk:
        melding = gettext("Deze wyber-stap hoort niet bij dit bestuursproces.")
        return {"wyberstap": [("does_not_exist", melding)]}
    return {}


@in_transactie
def kies_positionering(
    *,
    actor: Actor,
    bestuursproces: Bestuursproces,
    veld: str,
    positie: str,
    omschrijving: str = "",
    sinds: dt.date | None = None,
    wyberstap: WyberStap | None = None,
    toelichting: str = "",
    zichtbaarheid: str = Zichtbaarheid.KERNTEAM,
    tijdstip: dt.datetime | None = None,
) -> Positionering:
    """Record the regisseur's position in a veld from ``sinds`` (default: today, Dutch time)."""
    bestuursproces = vergrendel(bestuursproces, actor=actor)
    eis_open(bestuursproces, tijdstip)
    nu = tijdstip or timezone.now()
    vandaag = timezone.localdate(nu)
    sinds = vandaag if sinds is None else sinds
    fouten = {
        **positie_fouten(veld, positie, omschrijving),
        **sinds_fouten(bestuursproces, sinds, vandaag),
        **wyberstap_fouten(bestuursproces, wyberstap),
    }
    if fouten:
        raise OngeldigeInvoer(fouten)
    eis_zichtbaar_voor_auteur(bestuursproces, actor, zichtbaarheid)
    positionering = Positionering(
        bestuursproces=bestuursproces,
        veld=veld,
        positie=positie,
        omschrijving=omschrijving,
        sinds=sinds,
        wyberstap=wyberstap,
        toelichting=toelichting,
        zichtbaarheid=zichtbaarheid,
        auteur=gebruiker_van(actor),
        vastgelegd_op=timezone.now(),  # when recorded; its sinds is when it holds
    )
    valideer(positionering)
    positionering.save(force_insert=True)
    append_event(
        bestuursproces=bestuursproces,
        type="positionering.gekozen",
        actor=actor,
        toelichting=toelichting,
        # Its sinds is when it happened.
        tijdstip=tijdstip or moment_van_datum(sinds, nu=nu, niet_voor=bestuursproces.geopend_op),
        zichtbaarheid=zichtbaarheid,
        payload={
            "positionering": positionering_gegevens(
                positionering, wyberstap.uuid if wyberstap else None
            )
        },
    )
    return positionering
