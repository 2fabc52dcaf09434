"""Opening a case, changing its attributes and opdracht, pausing and closing it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext, gettext_lazy

from cases.events import Actor, append_event
from cases.events.canonical import formatteer_tijdstip
from cases.events.payloads import (
    BESTUURSPROCES_VELDEN,
    OPDRACHT_VELDEN,
    bestuursproces_gegevens,
)
from cases.events.verhaal import kort
from cases.exceptions import DomainError, OngeldigeInvoer, ProcesAfgerond
from cases.models import (
    Afspraak,
    AfspraakStatus,
    Besluitmoment,
    Bestuursproces,
    Fase,
    Lidmaatschap,
    Rol,
    Stadium,
    Status,
    UitkomstSoort,
    WyberStap,
    Zichtbaarheid,
)

from ._common import eis_open, valideer, vergrendel
from ._wereldtijd import is_laat, leg_over, stand_op
from .idee import IdeeInhoud, herzie_idee
from .lidmaatschap import voeg_lid_toe


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


@transaction.atomic
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


@transaction.atomic
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
    if opdracht is not None:
        _zet_opdracht(bestuursproces, opdracht)
    valideer(bestuursproces)
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


@transaction.atomic
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


@transaction.atomic
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
    if uitkomst is not None and uitkomst != bestuursproces.uitkomst and status != Status.AFGEROND:
        # The uitkomst is what the case ended with; it is set when closing, not along the way.
        raise OngeldigeInvoer(
            {
                "uitkomst": [
                    (
                        "invalid",
                        gettext("De uitkomst leg je vast bij het afronden van het proces."),
                    )
                ]
            }
        )
    afronding = {"uitkomst_soort": uitkomst_soort, "vervolg_url": vervolg_url}
    for veld, waarde in afronding.items():
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
        return frozenset(Zichtbaarheid.values)
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
