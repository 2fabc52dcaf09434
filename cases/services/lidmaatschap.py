"""Who is a member of a case, in which role. Every change is an event of the case."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User
from django.utils import timezone
from django.utils.translation import gettext

from cases.events import Actor, append_event
from cases.events.payloads import lidmaatschap_gegevens
from cases.exceptions import LidmaatschapConflict, OngeldigeInvoer
from cases.models import Bestuursproces, Lidmaatschap, Rol
from procesregie.transacties import in_transactie

from ._common import vergrendel


def _eis_geldige_rol(rol: str) -> None:
    if rol not in Rol.values:
        raise OngeldigeInvoer(
            {"rol": [("invalid_choice", gettext("'%s' is geen geldige rol.") % (rol,))]}
        )


def _eis_andere_regisseur(bestuursproces: Bestuursproces, lidmaatschap: Lidmaatschap) -> None:
    if lidmaatschap.rol != Rol.PROCESREGISSEUR:
        return
    anderen = (
        Lidmaatschap.objects.filter(bestuursproces=bestuursproces, rol=Rol.PROCESREGISSEUR)
        .exclude(pk=lidmaatschap.pk)
        .exists()
    )
    if not anderen:
        raise LidmaatschapConflict(
            gettext("Een bestuursproces houdt altijd minstens één procesregisseur."), veld="rol"
        )


@in_transactie
def voeg_lid_toe(
    *,
    actor: Actor,
    bestuursproces: Bestuursproces,
    gebruiker: User,
    rol: str,
    toelichting: str = "",
    tijdstip: dt.datetime | None = None,
) -> Lidmaatschap:
    bestuursproces = vergrendel(bestuursproces)
    _eis_geldige_rol(rol)
    if Lidmaatschap.objects.filter(bestuursproces=bestuursproces, gebruiker=gebruiker).exists():
        raise LidmaatschapConflict(
            gettext("%s is al lid van dit bestuursproces.") % (gebruiker.get_username(),),
            veld="gebruiker",
        )
    nu = tijdstip or timezone.now()
    lidmaatschap = Lidmaatschap.objects.create(
        bestuursproces=bestuursproces, gebruiker=gebruiker, rol=rol, sinds=nu
    )
    append_event(
        bestuursproces=bestuursproces,
        type="lidmaatschap.toegevoegd",
        actor=actor,
        toelichting=toelichting,
        tijdstip=nu,
        payload={"lidmaatschap": lidmaatschap_gegevens(lidmaatschap)},
    )
    return lidmaatschap


@in_transactie
def wijzig_lidmaatschap(
    *, actor: Actor, lidmaatschap: Lidmaatschap, rol: str, toelichting: str = ""
) -> Lidmaatschap:
    bestuursproces = vergrendel(lidmaatschap.bestuursproces_id)
    lidmaatschap = Lidmaatschap.objects.select_related("gebruiker").get(pk=lidmaatschap.pk)
    _eis_geldige_rol(rol)
    if rol == lidmaatschap.rol:
        return lidmaatschap
    _eis_andere_regisseur(bestuursproces, lidmaatschap)
    van = lidmaatschap.rol
    lidmaatschap.rol = rol
    lidmaatschap.save(update_fields=["rol"])
    append_event(
        bestuursproces=bestuursproces,
        type="lidmaatschap.gewijzigd",
        actor=actor,
        toelichting=toelichting,
        payload={"lidmaatschap": lidmaatschap_gegevens(lidmaatschap), "vorigeRol": van},
    )
    return lidmaatschap


@in_transactie
def beeindig_lidmaatschap(
    *, actor: Actor, lidmaatschap: Lidmaatschap, toelichting: str = ""
) -> None:
    bestuursproces = vergrendel(lidmaatschap.bestuursproces_id)
    lidmaatschap = Lidmaatschap.objects.select_related("gebruiker").get(pk=lidmaatschap.pk)
    _eis_andere_regisseur(bestuursproces, lidmaatschap)
    gegevens = lidmaatschap_gegevens(lidmaatschap)
    # The row goes; the membership's whole history stays in the event log.
    lidmaatschap.delete()
    append_event(
        bestuursproces=bestuursproces,
        type="lidmaatschap.beeindigd",
        actor=actor,
        toelichting=toelichting,
        payload={"lidmaatschap": gegevens},
    )
