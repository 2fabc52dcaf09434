"""Moving a case between stadia: forward one at a time, back any number, always with a reason.

Gates (poorten) plug in through :func:`registreer_poort`: each is asked about a forward move,
against the case as it stood at the move's moment, and returns its objections.
``CasesConfig.ready`` registers the wyber-stap gate
(:func:`cases.services.poorten.geconsolideerde_stap_vereist`). Only the procesregisseur of the
case may force a move past the objections; the event records that and what was missing.
"""

from __future__ import annotations

import datetime as dt

from django.utils import formats, timezone
from django.utils.translation import gettext

from cases.events import Actor, append_event
from cases.events.payloads import stadiumovergang_gegevens
from cases.events.poorten import bezwaren_tegen_vertrek, registreer_poort
from cases.exceptions import (
    ForcerenNietToegestaan,
    OngeldigeInvoer,
    OngeldigeOvergang,
    PoortGesloten,
)
from cases.models import (
    Bestuursproces,
    Lidmaatschap,
    Richting,
    Rol,
    Stadium,
    Stadiumovergang,
)
from procesregie.transacties import in_transactie

from ._common import eis_open, gebruiker_van, vergrendel
from ._wereldtijd import leg_over, stand_op

__all__ = ["controleer_stadiumovergang", "registreer_poort", "wijzig_stadium"]


def controleer_stadiumovergang(
    bestuursproces: Bestuursproces, naar: str, op: dt.datetime | None = None
) -> Richting:
    """The direction of a legal move, or OngeldigeOvergang saying why it is not legal.

    ``op`` is the moment of a dated move, for which ``bestuursproces`` holds the stadium as
    it stood then: the refusal names that moment, since the case may stand elsewhere now."""
    if naar not in Stadium.values:
        raise OngeldigeInvoer(
            {"naar": [("invalid_choice", gettext("'%s' is geen geldig stadium.") % (naar,))]}
        )
    huidig, doel = Stadium(bestuursproces.stadium), Stadium(naar)
    waarden = {"van": huidig.label.lower()}
    if op is not None:
        waarden["moment"] = formats.date_format(timezone.localtime(op), "j F Y")
    if doel == huidig:
        melding = (
            gettext("Op %(moment)s was het bestuursproces al %(van)s.")
            if op is not None
            else gettext("Het bestuursproces is al %(van)s.")
        )
        raise OngeldigeOvergang(melding % waarden, veld="naar", code="zelfde-stadium")
    if doel.rang > huidig.rang + 1:
        waarden["naar"] = list(Stadium)[huidig.rang + 1].label.lower()
        melding = (
            gettext(
                "Op %(moment)s was het bestuursproces %(van)s, en vooruit gaat één stadium "
                "tegelijk: van daar alleen naar %(naar)s."
            )
            if op is not None
            else gettext("Vooruit gaat één stadium tegelijk: van %(van)s alleen naar %(naar)s.")
        )
        raise OngeldigeOvergang(melding % waarden, veld="naar", code="stadium-overgeslagen")
    return Richting.VOORUIT if doel.rang > huidig.rang else Richting.TERUG


def eis_mag_forceren(bestuursproces: Bestuursproces, actor: Actor) -> None:
    """Only the case's procesregisseur may force; an actor without a user (a management
    command acting outside any role) may too."""
    if actor.gebruiker is None:
        return
    rol = (
        Lidmaatschap.objects.filter(bestuursproces=bestuursproces, gebruiker=actor.gebruiker)
        .values_list("rol", flat=True)
        .first()
    )
    if rol != Rol.PROCESREGISSEUR:
        raise ForcerenNietToegestaan()


@in_transactie
def wijzig_stadium(
    *,
    actor: Actor,
    bestuursproces: Bestuursproces,
    naar: str,
    toelichting: str,
    forceren: bool = False,
    tijdstip: dt.datetime | None = None,
) -> Stadiumovergang:
    if not toelichting.strip():
        raise OngeldigeInvoer(
            {"toelichting": [("required", gettext("Geef een toelichting bij de stadiumovergang."))]}
        )
    if actor.gebruiker is None:
        raise OngeldigeInvoer(
            {"gebruiker": [("required", gettext("Een stadiumovergang wordt door iemand gemaakt."))]}
        )
    bestuursproces = vergrendel(bestuursproces)
    if forceren:
        eis_mag_forceren(bestuursproces, actor)
    nu = tijdstip or timezone.now()
    # The gates read the case as it stood at the move (a rare write: folding is affordable).
    stand = stand_op(bestuursproces, nu)
    leg_over(stand, bestuursproces)
    eis_open(bestuursproces, tijdstip)
    richting = controleer_stadiumovergang(bestuursproces, naar, op=tijdstip)
    van = Stadium(bestuursproces.stadium)
    bezwaren: list[str] = []
    if richting == Richting.VOORUIT:
        bezwaren = bezwaren_tegen_vertrek(stand, van.value, naar)
    if bezwaren and not forceren:
        raise PoortGesloten(bezwaren)
    overgang = Stadiumovergang.objects.create(
        bestuursproces=bestuursproces,
        van=van,
        naar=naar,
        richting=richting,
        toelichting=toelichting,
        geforceerd=forceren,
        door=gebruiker_van(actor),
        tijdstip=nu,
    )
    bestuursproces.stadium = naar
    bestuursproces.save(update_fields=["stadium"])  # a late move: synchronised after the fold
    append_event(
        bestuursproces=bestuursproces,
        type="stadium.gewijzigd",
        actor=actor,
        toelichting=toelichting,
        tijdstip=nu,
        payload={"overgang": stadiumovergang_gegevens(overgang), "bezwaren": bezwaren},
    )
    return overgang
