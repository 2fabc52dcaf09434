"""What spelers and opdrachtgevers share: betrokkenheid actions and free-text notes."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext

from cases.events import Actor, append_event
from cases.events.bundel import Bundel
from cases.events.payloads import betrokkenheidswijziging_gegevens, notitie_gegevens
from cases.events.voorbereid import voeg_in
from cases.exceptions import OngeldigeInvoer, OngeldigeOvergang
from cases.models import (
    Bestuursproces,
    Betrokkenheid,
    BetrokkenheidsActie,
    Betrokkenheidswijziging,
    Notitie,
    Opdrachtgever,
    Speler,
)
from procesregie.transacties import in_transactie

from ._common import eis_open, eis_zichtbaar_voor_auteur, gebruiker_van, valideer, vergrendel
from ._wereldtijd import is_laat, leg_over, stand_op

B = Betrokkenheid
# Each action: the betrokkenheid it leads to, and where it may start from.
ACTIES: dict[str, tuple[Betrokkenheid, frozenset[Betrokkenheid]]] = {
    BetrokkenheidsActie.AANSLUITEN: (B.AANGEHAAKT, frozenset({B.NOG_TE_BETREKKEN})),
    BetrokkenheidsActie.AANHAKEN: (B.AANGEHAAKT, frozenset({B.AFWACHTEND, B.AFGEHAAKT})),
    BetrokkenheidsActie.AFWACHTEN: (B.AFWACHTEND, frozenset({B.NOG_TE_BETREKKEN, B.AANGEHAAKT})),
    BetrokkenheidsActie.AFHAKEN: (
        B.AFGEHAAKT,
        frozenset({B.NOG_TE_BETREKKEN, B.AANGEHAAKT, B.AFWACHTEND}),
    ),
}


def controleer_betrokkenheidsactie(huidig: str, actie: str, *, toen: bool = False) -> Betrokkenheid:
    """The betrokkenheid an action leads to, or a clear error why it cannot be taken.

    ``toen``: ``huidig`` is the betrokkenheid at the moment of a fact entered late, not now."""
    if actie not in ACTIES:
        raise OngeldigeInvoer(
            {"actie": [("invalid_choice", gettext("'%s' is geen geldige actie.") % (actie,))]}
        )
    naar, vanaf = ACTIES[actie]
    if huidig not in vanaf:
        toegestaan = ", ".join(sorted(Betrokkenheid(b).label.lower() for b in vanaf))
        melding = (
            gettext("%(actie)s kan alleen vanuit: %(toegestaan)s (toen: %(huidig)s).")
            if toen
            else gettext("%(actie)s kan alleen vanuit: %(toegestaan)s (nu: %(huidig)s).")
        )
        raise OngeldigeOvergang(
            melding
            % {
                "actie": BetrokkenheidsActie(actie).label,
                "toegestaan": toegestaan,
                "huidig": Betrokkenheid(huidig).label.lower(),
            },
            veld="actie",
            code="ongeldige-betrokkenheidsactie",
        )
    return naar


@in_transactie
def wijzig_betrokkenheid(
    *,
    actor: Actor,
    partij: Speler | Opdrachtgever,
    actie: str,
    reden: str,
    tijdstip: dt.datetime | None = None,
) -> Betrokkenheidswijziging:
    """Aansluiten, aanhaken, afhaken or afwachten of a speler or opdrachtgever, with a reason."""
    if not reden.strip():
        raise OngeldigeInvoer(
            {"reden": [("required", gettext("Geef de reden van deze wijziging."))]}
        )
    bestuursproces = vergrendel(partij.bestuursproces_id)
    eis_open(bestuursproces, tijdstip)
    partij = type(partij).objects.get(pk=partij.pk)
    nu = tijdstip or timezone.now()
    laat = is_laat(bestuursproces, tijdstip)
    if laat:
        leg_over(stand_op(bestuursproces, nu), partij)
    naar = controleer_betrokkenheidsactie(partij.betrokkenheid, actie, toen=laat)
    is_speler = isinstance(partij, Speler)
    wijziging = Betrokkenheidswijziging.objects.create(
        bestuursproces=bestuursproces,
        speler=partij if isinstance(partij, Speler) else None,
        opdrachtgever=partij if isinstance(partij, Opdrachtgever) else None,
        actie=actie,
        van=partij.betrokkenheid,
        naar=naar,
        reden=reden,
        tijdstip=nu,
        door=gebruiker_van(actor),
    )
    partij.betrokkenheid = naar
    partij.save(update_fields=["betrokkenheid"])
    append_event(
        bestuursproces=bestuursproces,
        type=(
            "speler.betrokkenheid_gewijzigd"
            if is_speler
            else "opdrachtgever.betrokkenheid_gewijzigd"
        ),
        actor=actor,
        toelichting=reden,
        tijdstip=nu,
        payload={"wijziging": betrokkenheidswijziging_gegevens(wijziging, partij.uuid)},
    )
    return wijziging


@in_transactie
def maak_notitie(
    *,
    actor: Actor,
    bestuursproces: Bestuursproces,
    tekst: str,
    zichtbaarheid: str,
    speler: Speler | None = None,
    opdrachtgever: Opdrachtgever | None = None,
    tijdstip: dt.datetime | None = None,
) -> Notitie:
    """A free-text note on the case, or on one speler or opdrachtgever, at a chosen level."""
    if not tekst.strip():
        raise OngeldigeInvoer({"tekst": [("blank", gettext("Een notitie heeft tekst."))]})
    bestuursproces = vergrendel(bestuursproces, actor=actor)
    eis_open(bestuursproces, tijdstip)
    eis_zichtbaar_voor_auteur(bestuursproces, actor, zichtbaarheid)
    for naam, partij in (("speler", speler), ("opdrachtgever", opdrachtgever)):
        if partij is not None and partij.bestuursproces_id != bestuursproces.pk:
            raise OngeldigeInvoer(
                {naam: [("does_not_exist", gettext("Hoort niet bij dit proces."))]}
            )
    if speler is not None and opdrachtgever is not None:
        raise OngeldigeInvoer(
            {
                "opdrachtgever": [
                    ("invalid", gettext("Een notitie gaat over één partij, of over het proces."))
                ]
            }
        )
    notitie = Notitie(
        bestuursproces=bestuursproces,
        speler=speler,
        opdrachtgever=opdrachtgever,
        tekst=tekst,
        zichtbaarheid=zichtbaarheid,
        auteur=gebruiker_van(actor),
        tijdstip=tijdstip or timezone.now(),
    )
    # The related rows are ones the service holds (locked, or checked to be of this case), and
    # its one constraint (at most one party) was checked above: validating would only read.
    valideer(
        notitie,
        exclude=["bestuursproces", "speler", "opdrachtgever", "auteur"],
        beperkingen=False,
    )
    # Nothing reads the note before its event: it is written with the event (in the same
    # statement on PostgreSQL) and has its key when append_event returns.
    bundel = Bundel()
    voeg_in(notitie, bundel=bundel)
    append_event(
        bestuursproces=bestuursproces,
        type="notitie.gemaakt",
        bundel=bundel,
        actor=actor,
        tijdstip=notitie.tijdstip,
        zichtbaarheid=zichtbaarheid,
        nieuw=[notitie.uuid],
        payload={
            "notitie": notitie_gegevens(
                notitie,
                speler.uuid if speler else None,
                opdrachtgever.uuid if opdrachtgever else None,
            )
        },
    )
    return notitie
