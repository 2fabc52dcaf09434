"""Pausing, resuming, closing (with its uitkomst) and reopening a case: the status and what
closing leaves open."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.utils.translation import gettext, gettext_lazy

from cases.events import Actor, append_event
from cases.events.verhaal import kort
from cases.exceptions import DomainError, OngeldigeInvoer, ProcesAfgerond
from cases.models import (
    ALLE_NIVEAUS,
    Afspraak,
    AfspraakStatus,
    Bestuursproces,
    Fase,
    Lidmaatschap,
    Status,
    UitkomstSoort,
    WyberStap,
    Zichtbaarheid,
)
from procesregie.transacties import in_transactie

from ._common import valideer, vergrendel
from ._wereldtijd import is_laat, leg_over, stand_op


@in_transactie
def wijzig_status(
    *,
    actor: Actor,
    bestuursproces: Bestuursproces,
    status: str,
    uitkomst: str | None = None,
    uitkomst_soort: str | None = None,
    vervolg_url: str | None = None,
    bevestigd: bool = False,
    toelichting: str = "",
    tijdstip: dt.datetime | None = None,
) -> Bestuursproces:
    """Pause, resume, close (afgerond, with its uitkomst) or reopen a case.

    Closing records a structured outcome: ``uitkomst_soort`` (``anders`` when not given, as
    the free text of clients that know no soort), the uitkomst as its omschrijving and
    ``vervolg_url``, what follows. Wyber-stappen that are not geconsolideerd and afspraken
    still open make closing ask for ``bevestigd`` (else :class:`OpenStappen`, 409); the event
    names what was left open (the afspraken by uuid only: the event is read at every level).
    """
    bestuursproces = vergrendel(bestuursproces)
    if tijdstip is not None and is_laat(bestuursproces, tijdstip):
        leg_over(stand_op(bestuursproces, tijdstip), bestuursproces)
    if status not in Status.values:
        raise OngeldigeInvoer(
            {"status": [("invalid_choice", gettext("'%s' is geen geldige status.") % (status,))]}
        )
    afronding = {"uitkomst": uitkomst, "uitkomst_soort": uitkomst_soort, "vervolg_url": vervolg_url}
    for veld, waarde in afronding.items():
        # The outcome is what the case ended with: set when closing, not along the way.
        if (
            waarde is not None
            and waarde != getattr(bestuursproces, veld)
            and status != Status.AFGEROND
        ):
            raise OngeldigeInvoer(
                {
                    veld: [
                        (
                            "invalid",
                            gettext("De uitkomst leg je vast bij het afronden van het proces."),
                        )
                    ]
                }
            )
    nieuwe_uitkomst = bestuursproces.uitkomst if uitkomst is None else uitkomst
    if status == Status.AFGEROND and not nieuwe_uitkomst.strip():
        raise OngeldigeInvoer(
            {"uitkomst": [("required", gettext("Vul de uitkomst in om het proces af te ronden."))]}
        )
    nieuwe_soort = bestuursproces.uitkomst_soort if uitkomst_soort is None else uitkomst_soort
    nieuw_vervolg = bestuursproces.vervolg_url if vervolg_url is None else vervolg_url
    if status == Status.AFGEROND and not nieuwe_soort:
        nieuwe_soort = UitkomstSoort.ANDERS
    ongewijzigd = (nieuwe_uitkomst, nieuwe_soort, nieuw_vervolg) == (
        bestuursproces.uitkomst,
        bestuursproces.uitkomst_soort,
        bestuursproces.vervolg_url,
    )
    if status == bestuursproces.status and ongewijzigd:
        return bestuursproces
    if status == bestuursproces.status == Status.AFGEROND:
        # A closed case is not edited, its uitkomst included: reopen it first.
        raise ProcesAfgerond()
    van = bestuursproces.status
    bestuursproces.status = status
    bestuursproces.uitkomst = nieuwe_uitkomst
    bestuursproces.uitkomst_soort = nieuwe_soort
    bestuursproces.vervolg_url = nieuw_vervolg
    valideer(bestuursproces)
    payload: dict[str, Any] = {"van": van, "naar": status, "uitkomst": nieuwe_uitkomst}
    if status == Status.AFGEROND:
        open_stappen = stappen_open(bestuursproces)
        open_afspraken = afspraken_open(bestuursproces)
        if (open_stappen or open_afspraken) and not bevestigd:
            # The refusal names only the afspraken the actor may read, and counts the rest.
            leesbaar = _leesbaar(bestuursproces, actor)
            raise OpenStappen(
                open_stappen,
                [a for a in open_afspraken if a.zichtbaarheid in leesbaar],
                verborgen=sum(a.zichtbaarheid not in leesbaar for a in open_afspraken),
            )
        payload.update(
            {
                "uitkomstSoort": nieuwe_soort,
                "vervolgUrl": nieuw_vervolg,
                "openGelaten": [
                    {"stap": str(stap.uuid), "volgnummer": stap.volgnummer, "fase": stap.fase}
                    for stap in open_stappen
                ],
                "openAfspraken": [str(afspraak.uuid) for afspraak in open_afspraken],
            }
        )
    bestuursproces.save(update_fields=["status", "uitkomst", "uitkomst_soort", "vervolg_url"])
    append_event(
        bestuursproces=bestuursproces,
        type="status.gewijzigd",
        actor=actor,
        toelichting=toelichting,
        tijdstip=tijdstip,
        payload=payload,
    )
    return bestuursproces


def stappen_open(bestuursproces: Bestuursproces) -> list[WyberStap]:
    """The case's wyber-stappen that are not geconsolideerd, in order."""
    return list(
        WyberStap.objects.filter(bestuursproces=bestuursproces)
        .exclude(fase=Fase.GECONSOLIDEERD)
        .order_by("volgnummer")
    )


def afspraken_open(bestuursproces: Bestuursproces) -> list[Afspraak]:
    """The case's afspraken still open, at every level, in the order they were made."""
    return list(
        Afspraak.objects.filter(bestuursproces=bestuursproces, status=AfspraakStatus.OPEN)
        .select_related("speler", "opdrachtgever", "organisatie")
        .order_by("datum", "id")
    )


def _leesbaar(bestuursproces: Bestuursproces, actor: Actor) -> frozenset[str]:
    """The levels the actor reads (every level for a command acting outside any role)."""
    if actor.gebruiker is None:
        return ALLE_NIVEAUS
    rol = (
        Lidmaatschap.objects.filter(bestuursproces=bestuursproces, gebruiker=actor.gebruiker)
        .values_list("rol", flat=True)
        .first()
    )
    return Zichtbaarheid.voor_rol(rol)


class OpenStappen(DomainError):
    """Closing a case while steps or afspraken are still open asks for confirmation. The
    code stays ``open-stappen`` when a step is open (as before afspraken counted), and is
    ``open-afspraken`` when only afspraken are."""

    status = 409
    code = "open-stappen"
    titel = gettext_lazy("Er staat nog werk open.")

    def __init__(
        self,
        stappen: list[WyberStap],
        afspraken: Sequence[Afspraak] = (),
        *,
        verborgen: int = 0,
    ) -> None:
        self.stappen = stappen
        self.afspraken = list(afspraken)
        delen = []
        if stappen:
            namen = ", ".join(
                gettext("stap %(nummer)s (%(fase)s)")
                % {"nummer": stap.volgnummer, "fase": stap.get_fase_display().lower()}
                for stap in stappen
            )
            delen.append(gettext("Nog niet geconsolideerd: %(stappen)s.") % {"stappen": namen})
        if self.afspraken or verborgen:
            namen = "; ".join(
                gettext("'%(wat)s' (%(door)s)")
                % {
                    "wat": kort(afspraak.wat),
                    "door": afspraak.partij,
                }
                for afspraak in self.afspraken
            )
            if verborgen:
                namen = (namen + "; " if namen else "") + gettext(
                    "%(aantal)s die u niet mag zien"
                ) % {"aantal": verborgen}
            delen.append(gettext("Nog open afspraken: %(afspraken)s.") % {"afspraken": namen})
        delen.append(
            gettext(
                "Rond je toch af, stuur dan 'bevestigd': true mee; de gebeurtenis legt vast "
                "wat open bleef."
            )
        )
        super().__init__(
            " ".join(delen),
            veld="bevestigd",
            code=None if stappen else "open-afspraken",
        )
