"""Besluiten: who decided what, when, under which kenmerk (issue 14).

A besluit is a fact of the case on its own date (``datum``, world time): its event stands on
that day (today: now), so a raadsbesluit of last spring entered today is a late fact and must
fit the case as it stood then (the opdrachtgever or organisatie that decided must have been
known).

It may fulfil one of the opdracht's besluitmomenten, named by the date that besluitmoment was
planned on; the besluitmoment then counts as genomen (see :mod:`cases.selectors.besluiten`).
"""

from __future__ import annotations

import datetime as dt

from django.utils import formats, timezone
from django.utils.translation import gettext

from cases.events import Actor, append_event
from cases.events.payloads_besluiten import besluit_gegevens
from cases.events.wereldtijd import moment_van_datum
from cases.exceptions import OngeldigeInvoer
from cases.models import (
    Besluit,
    Bestuursproces,
    Bijeenkomst,
    BijeenkomstStatus,
    Instemming,
    Opdrachtgever,
    Orgaan,
    Organisatie,
    Zichtbaarheid,
)
from procesregie.transacties import in_transactie

from ._common import eis_open, eis_zichtbaar_voor_auteur, gebruiker_van, valideer, vergrendel
from ._partijen import eis_precies_een, eis_van_proces


def _fout(veld: str, code: str, melding: str) -> OngeldigeInvoer:
    return OngeldigeInvoer({veld: [(code, melding)]})


def _eis_een_besluitnemer(
    bestuursproces: Bestuursproces,
    opdrachtgever: Opdrachtgever | None,
    organisatie: Organisatie | None,
    orgaan: str,
) -> None:
    eis_precies_een(
        "opdrachtgever" if opdrachtgever is not None else "orgaan",
        "een_besluitnemer",
        gettext(
            "Geef precies één besluitnemer: een opdrachtgever, een organisatie of een "
            "orgaan (raad, college of een ander orgaan)."
        ),
        opdrachtgever,
        organisatie,
        orgaan,
    )
    eis_van_proces(bestuursproces, "opdrachtgever", opdrachtgever)
    eis_van_proces(bestuursproces, "organisatie", organisatie)


def _eis_besluitmoment(bestuursproces: Bestuursproces, datum: dt.date | None) -> None:
    if datum is None or bestuursproces.besluitmomenten.filter(datum=datum).exists():
        return
    geplande = ", ".join(
        d.isoformat()
        for d in bestuursproces.besluitmomenten.order_by("datum").values_list("datum", flat=True)
    )
    raise _fout(
        "besluitmoment",
        "does_not_exist",
        gettext("De opdracht heeft geen besluitmoment op deze datum (wel op: %(datums)s).")
        % {"datums": geplande or "-"},
    )


def eis_bijeenkomst(
    bestuursproces: Bestuursproces, bijeenkomst: Bijeenkomst | None, zichtbaarheid: str
) -> None:
    """The bijeenkomst something came out of: of this case, held, and at least as visible."""
    if bijeenkomst is None:
        return
    eis_van_proces(bestuursproces, "bijeenkomst", bijeenkomst)
    if bijeenkomst.status != BijeenkomstStatus.GEHOUDEN:
        raise _fout(
            "bijeenkomst",
            "niet_gehouden",
            gettext("Er komt pas iets uit een bijeenkomst wanneer ze is gehouden."),
        )
    eis_zichtbaar_binnen("bijeenkomst", bijeenkomst.zichtbaarheid, zichtbaarheid)


def _moment(bestuursproces: Bestuursproces, datum: dt.date) -> dt.datetime:
    """The moment of a besluit's date: not in the future, not before the case was opened."""
    if datum > timezone.localdate():
        raise _fout("datum", "toekomst", gettext("Een besluit ligt niet in de toekomst."))
    if datum < timezone.localdate(bestuursproces.geopend_op):
        raise _fout(
            "datum",
            "voor_opening",
            gettext("Deze datum ligt vóór de opening van het bestuursproces (%(datum)s).")
            % {
                "datum": formats.date_format(timezone.localtime(bestuursproces.geopend_op), "j F Y")
            },
        )
    moment = moment_van_datum(datum, niet_voor=bestuursproces.geopend_op)
    assert moment is not None
    return moment


@in_transactie
def leg_besluit_vast(
    *,
    actor: Actor,
    bestuursproces: Bestuursproces,
    titel: str,
    datum: dt.date,
    zichtbaarheid: str,
    inhoud: str = "",
    opdrachtgever: Opdrachtgever | None = None,
    organisatie: Organisatie | None = None,
    orgaan: str = "",
    orgaan_naam: str = "",
    kenmerk: str = "",
    besluitmoment: dt.date | None = None,
    bijeenkomst: Bijeenkomst | None = None,
    toelichting: str = "",
) -> Besluit:
    """Record a besluit taken on ``datum`` by an opdrachtgever, an organisatie or a named
    body, optionally fulfilling the besluitmoment planned on ``besluitmoment``."""
    if not titel.strip():
        raise _fout("titel", "blank", gettext("Een besluit heeft een titel."))
    bestuursproces = vergrendel(bestuursproces)
    moment = _moment(bestuursproces, datum)
    eis_open(bestuursproces, moment)
    eis_zichtbaar_voor_auteur(bestuursproces, actor, zichtbaarheid)
    _eis_een_besluitnemer(bestuursproces, opdrachtgever, organisatie, orgaan)
    if orgaan == Orgaan.ANDERS and not orgaan_naam.strip():
        raise _fout("orgaan_naam", "required", gettext("Geef de naam van het orgaan."))
    _eis_besluitmoment(bestuursproces, besluitmoment)
    eis_bijeenkomst(bestuursproces, bijeenkomst, zichtbaarheid)
    besluit = Besluit(
        bestuursproces=bestuursproces,
        titel=titel,
        inhoud=inhoud,
        opdrachtgever=opdrachtgever,
        organisatie=organisatie,
        orgaan=orgaan,
        orgaan_naam=orgaan_naam,
        datum=datum,
        kenmerk=kenmerk,
        besluitmoment=besluitmoment,
        bijeenkomst=bijeenkomst,
        zichtbaarheid=zichtbaarheid,
        vastgelegd_door=gebruiker_van(actor),
    )
    valideer(besluit)
    besluit.save(force_insert=True)
    append_event(
        bestuursproces=bestuursproces,
        type="besluit.vastgelegd",
        actor=actor,
        toelichting=toelichting,
        tijdstip=moment,
        zichtbaarheid=zichtbaarheid,
        payload={"besluit": besluit_gegevens(besluit)},
    )
    return besluit


def besluit_als_formeel_besluit(
    instemming: Instemming,
    besluit: Besluit,
    besluitreferentie: str,
    tijdstip: dt.datetime | None,
) -> tuple[bool, dt.date, str, dt.datetime | None]:
    """A besluit of the case as the formal decision behind a consent: (formeel besloten,
    besloten op, besluitreferentie, the consent's moment).

    The besluit must be of the same case and visible to every member, as the consent is: its
    kenmerk becomes part of the consent."""
    if besluit.bestuursproces_id != instemming.bestuursproces_id:
        raise _fout("besluit", "does_not_exist", gettext("Hoort niet bij dit proces."))
    if besluit.zichtbaarheid != Zichtbaarheid.PROCES:
        raise _fout(
            "besluit",
            "zichtbaarheid",
            gettext(
                "Een instemming is voor alle leden zichtbaar; het besluit erachter moet dat "
                "ook zijn (zichtbaarheid proces)."
            ),
        )
    # Without a moment of its own the consent stands on the besluit's date, as any formal
    # decision does (see leg_instemming_vast).
    if tijdstip is not None and timezone.localdate(tijdstip) < besluit.datum:
        raise _fout(
            "tijdstip",
            "voor_besluit",
            gettext("Een instemming op grond van een besluit ligt niet vóór dat besluit."),
        )
    referentie = besluitreferentie or besluit.kenmerk or besluit.titel
    return True, besluit.datum, referentie[:200], tijdstip


def eis_zichtbaar_binnen(veld: str, bron: str, eigen: str) -> None:
    """What a fact links to (``bron``) is at least as visible as the fact (``eigen``): who
    reads the fact must be able to read what its link points at."""
    if Zichtbaarheid(bron).rang > Zichtbaarheid(eigen).rang:
        raise _fout(
            veld,
            "zichtbaarheid",
            gettext(
                "Dit is minder zichtbaar dan wat u vastlegt; kies dezelfde of een beperktere "
                "zichtbaarheid."
            ),
        )
