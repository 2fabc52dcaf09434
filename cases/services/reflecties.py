"""Reflecties: the regisseur's personal reflection on an interventie (book §7.1, "wat doet het
bestuursproces met mij?").

Who may reflect: the procesregisseur of the case, and the author of the interventie (a
kernteam member reflecting on what they did themselves). A reflectie is personal, so by
default only the procesregisseur sees it; it is never more visible than its interventie (a
reader of the reflectie must be able to read what it is about) and, as everything, never more
visible than the author may read.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext

from cases.events import Actor, append_event
from cases.events.payloads_interventies import reflectie_gegevens
from cases.exceptions import DomainError, OngeldigeInvoer
from cases.models import (
    Interventie,
    Lidmaatschap,
    Reflectie,
    Rol,
    Zichtbaarheid,
)
from procesregie.transacties import in_transactie

from ._common import eis_open, eis_zichtbaar_voor_auteur, gebruiker_van, valideer, vergrendel


class ReflectieNietToegestaan(DomainError):
    """Only the procesregisseur and the interventie's author reflect on it."""

    status = 403
    code = "reflectie-niet-toegestaan"
    titel = "U mag op deze interventie geen reflectie vastleggen."

    def __init__(self) -> None:
        super().__init__(
            gettext(
                "Een reflectie op een interventie leggen de procesregisseur en de auteur van de "
                "interventie vast."
            )
        )


@in_transactie
def leg_reflectie_vast(
    *,
    actor: Actor,
    interventie: Interventie,
    tekst: str,
    zichtbaarheid: str = Zichtbaarheid.REGISSEUR,
    tijdstip: dt.datetime | None = None,
) -> Reflectie:
    """Record a reflection on an interventie, at a level no wider than the interventie's."""
    if not tekst.strip():
        raise OngeldigeInvoer({"tekst": [("blank", gettext("Een reflectie heeft tekst."))]})
    bestuursproces = vergrendel(interventie.bestuursproces_id, actor=actor)
    eis_open(bestuursproces, tijdstip)
    interventie = Interventie.objects.get(pk=interventie.pk)
    auteur = gebruiker_van(actor)
    regisseur = Lidmaatschap.objects.filter(
        bestuursproces=bestuursproces, gebruiker=auteur, rol=Rol.PROCESREGISSEUR
    ).exists()
    if not regisseur and interventie.auteur_id != auteur.pk:
        raise ReflectieNietToegestaan()
    eis_zichtbaar_voor_auteur(bestuursproces, actor, zichtbaarheid)
    if Zichtbaarheid(zichtbaarheid).rang < Zichtbaarheid(interventie.zichtbaarheid).rang:
        niveau = Zichtbaarheid(interventie.zichtbaarheid).label.lower()
        raise OngeldigeInvoer(
            {
                "zichtbaarheid": [
                    (
                        "ruimer_dan_interventie",
                        gettext("Een reflectie is niet ruimer zichtbaar dan haar interventie (%s).")
                        % niveau,
                    )
                ]
            }
        )
    reflectie = Reflectie(
        bestuursproces=bestuursproces,
        interventie=interventie,
        tekst=tekst,
        zichtbaarheid=zichtbaarheid,
        auteur=auteur,
        vastgelegd_op=tijdstip or timezone.now(),
    )
    valideer(reflectie)
    reflectie.save(force_insert=True)
    append_event(
        bestuursproces=bestuursproces,
        type="reflectie.vastgelegd",
        actor=actor,
        tijdstip=reflectie.vastgelegd_op,
        zichtbaarheid=zichtbaarheid,
        payload={"interventie": str(interventie.uuid), "reflectie": reflectie_gegevens(reflectie)},
    )
    return reflectie
