"""Opening a case, changing its attributes and opdracht, and moving its opening earlier (its
status: ``status``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils import formats, timezone
from django.utils.translation import gettext

from cases.events import Actor, append_event
from cases.events.canonical import formatteer_tijdstip
from cases.events.payloads import (
    BESTUURSPROCES_VELDEN,
    OPDRACHT_VELDEN,
    bestuursproces_gegevens,
)
from cases.exceptions import OngeldigeInvoer
from cases.models import (
    Besluitmoment,
    Bestuursproces,
    Rol,
    Stadium,
    Status,
)
from procesregie.transacties import in_transactie

from ._common import eis_open, valideer, vergrendel
from .idee import IdeeInhoud, herzie_idee
from .lidmaatschap import voeg_lid_toe
from .status import wijzig_status


@dataclass(frozen=True)
class BesluitmomentInvoer:
    datum: dt.date
    soort: str
    gevraagd: str


@dataclass(frozen=True)
class Opdracht:
    """The opdracht's kaders (book §10.5); replaced as a whole when it changes."""

    kaders: str = ""
    budget: Decimal | None = None
    uren: int | None = None
    einddatum: dt.date | None = None
    speelruimte: str = ""
    besluitmomenten: tuple[BesluitmomentInvoer, ...] = field(default_factory=tuple)


def _zet_opdracht(bestuursproces: Bestuursproces, opdracht: Opdracht) -> None:
    for attr in OPDRACHT_VELDEN.values():
        setattr(bestuursproces, attr, getattr(opdracht, attr))


def _eis_einde_na_opening(bestuursproces: Bestuursproces) -> None:
    """A time-box ends on or after the day the case opened: an end before it is a typo (a
    year off), not a plan."""
    einde = bestuursproces.einddatum
    opening = timezone.localdate(bestuursproces.geopend_op)
    if einde is not None and einde < opening:
        raise OngeldigeInvoer(
            {
                "einddatum": [
                    (
                        "voor_opening",
                        gettext(
                            "De time-box kan niet eindigen vóór de opening van het "
                            "bestuursproces (%(datum)s)."
                        )
                        % {"datum": formats.date_format(opening, "j F Y")},
                    )
                ]
            }
        )


def _vervang_besluitmomenten(
    bestuursproces: Bestuursproces, besluitmomenten: tuple[BesluitmomentInvoer, ...]
) -> list[Besluitmoment]:
    nieuw = [
        Besluitmoment(
            bestuursproces=bestuursproces,
            datum=b.datum,
            soort=b.soort,
            gevraagd=b.gevraagd,
            volgorde=index,
        )
        for index, b in enumerate(besluitmomenten)
    ]
    fouten: dict[str, list[tuple[str, str]]] = {}
    for index, besluitmoment in enumerate(nieuw):
        try:
            valideer(besluitmoment, exclude=["bestuursproces"])
        except OngeldigeInvoer as fout:
            for veld, items in fout.fouten.items():
                fouten.setdefault(f"besluitmomenten.{index}.{veld}", []).extend(items)
    if fouten:
        raise OngeldigeInvoer(fouten)
    # Besluitmomenten are part of the opdracht, whose history lives in the event log.
    Besluitmoment.objects.filter(bestuursproces=bestuursproces).delete()
    return Besluitmoment.objects.bulk_create(nieuw)


@in_transactie
def open_bestuursproces(
    *,
    actor: Actor,
    titel: str,
    rol_gemeente: str,
    aanpak: str,
    omschrijving: str = "",
    procesrol: str = "procesregisseur",
    opdracht: Opdracht | None = None,
    idee: IdeeInhoud | None = None,
    archiefnominatie: str = "",
    archiefactiedatum: dt.date | None = None,
    toelichting: str = "",
    tijdstip: dt.datetime | None = None,
) -> Bestuursproces:
    """Open a case; its creator becomes its procesregisseur. Optionally with a first idee."""
    if actor.gebruiker is None:
        raise OngeldigeInvoer(
            {"gebruiker": [("required", gettext("Een bestuursproces heeft een opener."))]}
        )
    nu = tijdstip or timezone.now()
    opdracht = opdracht or Opdracht()
    bestuursproces = Bestuursproces(
        titel=titel,
        omschrijving=omschrijving,
        rol_gemeente=rol_gemeente,
        procesrol=procesrol,
        aanpak=aanpak,
        stadium=Stadium.VOORSTELBAAR,
        status=Status.ACTIEF,
        archiefnominatie=archiefnominatie,
        archiefactiedatum=archiefactiedatum,
        geopend_op=nu,
    )
    _zet_opdracht(bestuursproces, opdracht)
    valideer(bestuursproces)
    _eis_einde_na_opening(bestuursproces)
    bestuursproces.save(force_insert=True)
    bestuursproces = vergrendel(bestuursproces)
    besluitmomenten = _vervang_besluitmomenten(bestuursproces, opdracht.besluitmomenten)
    append_event(
        bestuursproces=bestuursproces,
        type="bestuursproces.geopend",
        actor=actor,
        toelichting=toelichting,
        tijdstip=nu,
        payload={"bestuursproces": bestuursproces_gegevens(bestuursproces, besluitmomenten)},
    )
    voeg_lid_toe(
        actor=actor,
        bestuursproces=bestuursproces,
        gebruiker=actor.gebruiker,
        rol=Rol.PROCESREGISSEUR,
        tijdstip=nu,
    )
    if idee is not None:
        herzie_idee(actor=actor, bestuursproces=bestuursproces, inhoud=idee, tijdstip=nu)
    return bestuursproces


@in_transactie
def wijzig_bestuursproces(
    *,
    actor: Actor,
    bestuursproces: Bestuursproces,
    wijzigingen: dict[str, Any],
    opdracht: Opdracht | None = None,
    status: str | None = None,
    uitkomst: str | None = None,
    uitkomst_soort: str | None = None,
    vervolg_url: str | None = None,
    bevestigd: bool = False,
    toelichting: str = "",
    tijdstip: dt.datetime | None = None,
    geopend_op: dt.datetime | None = None,
) -> Bestuursproces:
    """Change the case's descriptive attributes, replace its opdracht, and/or its status;
    ``geopend_op`` moves its opening earlier first (:func:`vervroeg_opening`).

    ``wijzigingen`` holds model attribute names from BESTUURSPROCES_VELDEN. The stadium has
    its own service (a transition with a reason); a status change is delegated to
    :func:`wijzig_status` so that reopening happens before, and closing after, the edits.
    """
    if geopend_op is not None:
        bestuursproces = vervroeg_opening(
            actor=actor,
            bestuursproces=bestuursproces,
            geopend_op=geopend_op,
            toelichting=toelichting,
        )
    afronding: dict[str, Any] = {
        "uitkomst": uitkomst,
        "uitkomst_soort": uitkomst_soort,
        "vervolg_url": vervolg_url,
    }
    if status is not None or any(w is not None for w in afronding.values()):
        # Read the current status under the lock: the caller's instance may be stale.
        doel = status or vergrendel(bestuursproces).status  # the status now, not at tijdstip
        if doel != Status.AFGEROND:
            bestuursproces = wijzig_status(
                actor=actor,
                bestuursproces=bestuursproces,
                status=doel,
                **afronding,
                toelichting=toelichting,
                tijdstip=tijdstip,
            )
            return wijzig_bestuursproces(
                actor=actor,
                bestuursproces=bestuursproces,
                wijzigingen=wijzigingen,
                opdracht=opdracht,
                toelichting=toelichting,
                tijdstip=tijdstip,
            )
        bestuursproces = wijzig_bestuursproces(
            actor=actor,
            bestuursproces=bestuursproces,
            wijzigingen=wijzigingen,
            opdracht=opdracht,
            toelichting=toelichting,
            tijdstip=tijdstip,
        )
        return wijzig_status(
            actor=actor,
            bestuursproces=bestuursproces,
            status=doel,
            **afronding,
            bevestigd=bevestigd,
            toelichting=toelichting,
            tijdstip=tijdstip,
        )
    toegestaan = set(BESTUURSPROCES_VELDEN.values())
    onbekend = set(wijzigingen) - toegestaan
    if onbekend:
        raise OngeldigeInvoer(
            {
                veld: [("read_only", gettext("Dit veld kan hier niet worden gewijzigd."))]
                for veld in onbekend
            }
        )
    bestuursproces = vergrendel(bestuursproces)
    eis_open(bestuursproces, tijdstip)
    huidige_momenten = list(bestuursproces.besluitmomenten.all())
    voor = bestuursproces_gegevens(bestuursproces, huidige_momenten)
    for attr, waarde in wijzigingen.items():
        setattr(bestuursproces, attr, waarde)
    einde_was = bestuursproces.einddatum
    if opdracht is not None:
        _zet_opdracht(bestuursproces, opdracht)
    valideer(bestuursproces)
    if bestuursproces.einddatum != einde_was:  # an older end stays as it was recorded
        _eis_einde_na_opening(bestuursproces)
    velden = list(wijzigingen)
    if opdracht is not None:
        velden += list(OPDRACHT_VELDEN.values())
        gevraagd = [(b.datum, b.soort, b.gevraagd) for b in opdracht.besluitmomenten]
        if gevraagd != [(b.datum, b.soort, b.gevraagd) for b in huidige_momenten]:
            huidige_momenten = _vervang_besluitmomenten(bestuursproces, opdracht.besluitmomenten)
    na = bestuursproces_gegevens(bestuursproces, huidige_momenten)
    gewijzigd = {sleutel: na[sleutel] for sleutel in na if na[sleutel] != voor[sleutel]}
    if not gewijzigd:
        return bestuursproces
    bestuursproces.save(update_fields=velden)
    append_event(
        bestuursproces=bestuursproces,
        type="bestuursproces.gewijzigd",
        actor=actor,
        toelichting=toelichting,
        tijdstip=tijdstip,
        payload={
            "wijzigingen": gewijzigd,
            "vorigeWaarden": {sleutel: voor[sleutel] for sleutel in gewijzigd},
        },
    )
    return bestuursproces


@in_transactie
def vervroeg_opening(
    *,
    actor: Actor,
    bestuursproces: Bestuursproces,
    geopend_op: dt.datetime,
    toelichting: str = "",
) -> Bestuursproces:
    """Move the opening of the case earlier: the process turned out to have begun before the
    date the file was opened with. Never later: facts may already stand at the old date."""
    bestuursproces = vergrendel(bestuursproces)
    eis_open(bestuursproces)
    van = bestuursproces.geopend_op
    if geopend_op >= van:
        raise OngeldigeInvoer(
            {
                "geopendOp": [
                    (
                        "niet_eerder",
                        gettext(
                            "De opening kan alleen eerder worden gezet dan %(datum)s; wat al "
                            "is vastgelegd, kan op die datum staan."
                        )
                        % {"datum": formats.date_format(timezone.localtime(van), "j F Y H:i")},
                    )
                ]
            }
        )
    bestuursproces.geopend_op = geopend_op
    bestuursproces.save(update_fields=["geopend_op"])
    append_event(
        bestuursproces=bestuursproces,
        type="bestuursproces.opening_vervroegd",
        actor=actor,
        toelichting=toelichting,
        tijdstip=geopend_op,
        payload={"van": formatteer_tijdstip(van), "naar": formatteer_tijdstip(geopend_op)},
    )
    return bestuursproces
