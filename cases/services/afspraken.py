"""Afspraken: what one party delivers, to whom, by when, and whether it was kept (issue 14).

An afspraak is made on a date (``datum``, world time; default today) and stays open until it
is nagekomen, niet nagekomen or vervallen: each a fact on its own date with its own event.
Niet nagekomen and vervallen need a reason; a status never goes back (a new afspraak is made
instead). ``uiterlijk`` may lie in the future: an open afspraak past it is overdue.

Its visibility is chosen when it is made and never changes. A besluit it came from may not be
less visible than the afspraak itself, or its URL would reach readers who may not see it.
"""

from __future__ import annotations

import datetime as dt

from django.utils import formats, timezone
from django.utils.translation import gettext

from cases.events import Actor, append_event
from cases.events.payloads_besluiten import afhandeling_gegevens, afspraak_gegevens
from cases.events.wereldtijd import moment_van_datum
from cases.exceptions import OngeldigeInvoer, OngeldigeOvergang
from cases.models import (
    Afspraak,
    AfspraakStatus,
    Besluit,
    Bestuursproces,
    Bijeenkomst,
    WyberStap,
    Zichtbaarheid,
)
from cases.models.partijvelden import Partij, partijvelden
from procesregie.transacties import in_transactie

from ._common import eis_open, eis_zichtbaar_voor_auteur, gebruiker_van, valideer, vergrendel
from ._partijen import eis_van_proces
from .besluiten import eis_bijeenkomst


def _fout(veld: str, code: str, melding: str) -> OngeldigeInvoer:
    return OngeldigeInvoer({veld: [(code, melding)]})


def moment_op_datum(bestuursproces: Bestuursproces, datum: dt.date, veld: str) -> dt.datetime:
    """The moment of a fact's date: not in the future, not before the case was opened."""
    if datum > timezone.localdate():
        raise _fout(veld, "toekomst", gettext("Deze datum ligt in de toekomst."))
    if datum < timezone.localdate(bestuursproces.geopend_op):
        raise _fout(
            veld,
            "voor_opening",
            gettext("Deze datum ligt vóór de opening van het bestuursproces (%(datum)s).")
            % {"datum": formats.date_format(timezone.localtime(bestuursproces.geopend_op))},
        )
    moment = moment_van_datum(datum, niet_voor=bestuursproces.geopend_op)
    assert moment is not None
    return moment


@in_transactie
def maak_afspraak(
    *,
    actor: Actor,
    bestuursproces: Bestuursproces,
    wat: str,
    door: Partij,
    zichtbaarheid: str,
    aan: Partij | None = None,
    aan_naam: str = "",
    uiterlijk: dt.date | None = None,
    datum: dt.date | None = None,
    wyberstap: WyberStap | None = None,
    besluit: Besluit | None = None,
    bijeenkomst: Bijeenkomst | None = None,
    toelichting: str = "",
) -> Afspraak:
    """Record that ``door`` will deliver ``wat`` (to ``aan`` or someone named), by
    ``uiterlijk``; made on ``datum`` (default today), perhaps in a consolidatie or besluit."""
    if not wat.strip():
        raise _fout("wat", "blank", gettext("Zeg wat er is afgesproken."))
    bestuursproces = vergrendel(bestuursproces)
    datum = datum or timezone.localdate()
    moment = moment_op_datum(bestuursproces, datum, "datum")
    eis_open(bestuursproces, moment)
    eis_zichtbaar_voor_auteur(bestuursproces, actor, zichtbaarheid)
    for veld, obj in (
        ("door", door),
        ("aan", aan),
        ("wyberstap", wyberstap),
        ("besluit", besluit),
    ):
        eis_van_proces(bestuursproces, veld, obj)
    if aan is not None and aan_naam.strip():
        raise _fout(
            "aan_naam", "invalid", gettext("Geef een partij óf een naam als ontvanger, niet beide.")
        )
    if uiterlijk is not None and uiterlijk < datum:
        raise _fout(
            "uiterlijk", "voor_datum", gettext("Uiterlijk ligt niet vóór de dag van de afspraak.")
        )
    if besluit is not None and (
        Zichtbaarheid(besluit.zichtbaarheid).rang > Zichtbaarheid(zichtbaarheid).rang
    ):
        raise _fout(
            "besluit",
            "zichtbaarheid",
            gettext(
                "Dit besluit is minder zichtbaar dan de afspraak; kies voor de afspraak "
                "dezelfde of een beperktere zichtbaarheid."
            ),
        )
    eis_bijeenkomst(bestuursproces, bijeenkomst, zichtbaarheid)
    afspraak = Afspraak(
        bestuursproces=bestuursproces,
        wat=wat,
        **partijvelden(door),
        **partijvelden(aan, voorvoegsel="aan_"),
        aan_naam=aan_naam,
        datum=datum,
        uiterlijk=uiterlijk,
        wyberstap=wyberstap,
        besluit=besluit,
        bijeenkomst=bijeenkomst,
        zichtbaarheid=zichtbaarheid,
        vastgelegd_door=gebruiker_van(actor),
    )
    valideer(afspraak)
    afspraak.save(force_insert=True)
    append_event(
        bestuursproces=bestuursproces,
        type="afspraak.gemaakt",
        actor=actor,
        toelichting=toelichting,
        tijdstip=moment,
        zichtbaarheid=zichtbaarheid,
        payload={"afspraak": afspraak_gegevens(afspraak)},
    )
    return afspraak


@in_transactie
def handel_afspraak_af(
    *,
    actor: Actor,
    afspraak: Afspraak,
    status: str,
    reden: str = "",
    op: dt.date | None = None,
    toelichting: str = "",
) -> Afspraak:
    """An open afspraak nagekomen, niet nagekomen or vervallen on ``op`` (default today);
    the last two with a reason. Appends ``afspraak.<status>``."""
    bestuursproces = vergrendel(afspraak.bestuursproces_id)
    afspraak = Afspraak.objects.select_related("besluit", "wyberstap").get(pk=afspraak.pk)
    eindstatussen = [s for s in AfspraakStatus.values if s != AfspraakStatus.OPEN]
    if status not in eindstatussen:
        raise _fout(
            "status",
            "invalid_choice",
            gettext("Kies nagekomen, niet_nagekomen of vervallen."),
        )
    if afspraak.status != AfspraakStatus.OPEN:
        raise OngeldigeOvergang(
            gettext("Deze afspraak is al %(status)s; maak zo nodig een nieuwe afspraak.")
            % {"status": AfspraakStatus(afspraak.status).label.lower()},
            veld="status",
            code="afspraak-afgehandeld",
        )
    if status != AfspraakStatus.NAGEKOMEN and not reden.strip():
        raise _fout("reden", "required", gettext("Geef de reden."))
    op = op or timezone.localdate()
    moment = moment_op_datum(bestuursproces, op, "op")
    if op < afspraak.datum:
        raise _fout("op", "voor_datum", gettext("Dit ligt vóór de dag van de afspraak."))
    eis_open(bestuursproces, moment)
    afspraak.status = status
    afspraak.afgehandeld_op = op
    afspraak.reden = reden
    afspraak.save(update_fields=["status", "afgehandeld_op", "reden"])
    append_event(
        bestuursproces=bestuursproces,
        type=f"afspraak.{status}",
        actor=actor,
        toelichting=toelichting,
        tijdstip=moment,
        zichtbaarheid=afspraak.zichtbaarheid,
        payload={"afhandeling": afhandeling_gegevens(afspraak)},
    )
    return afspraak
