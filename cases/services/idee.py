"""Revising the idee: every revision is a new numbered version, never an overwrite."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass

from django.db import transaction
from django.utils import timezone

from cases.events import Actor, append_event
from cases.events.payloads import idee_gegevens
from cases.exceptions import OngeldigeInvoer
from cases.models import Bestuursproces, GebeurtenisType, IdeeVersie

from ._common import eis_open, gebruiker_van, valideer, vergrendel


@dataclass(frozen=True)
class IdeeInhoud:
    """The seven sub-questions of the idee (book ch. 5) and the stip op de horizon."""

    wat: str
    context: str = ""
    sterkte: str = ""
    eigenaren: str = ""
    verrijking: str = ""
    concretisering: str = ""
    framing: str = ""
    stip_op_de_horizon: str = ""


@transaction.atomic
def herzie_idee(
    *,
    actor: Actor,
    bestuursproces: Bestuursproces,
    inhoud: IdeeInhoud,
    toelichting: str = "",
    tijdstip: dt.datetime | None = None,
) -> IdeeVersie:
    """Record a new version of the idee; it becomes the case's current idee."""
    if actor.gebruiker is None:
        raise OngeldigeInvoer({"gebruiker": [("required", "Een ideeversie heeft een auteur.")]})
    bestuursproces = vergrendel(bestuursproces)
    eis_open(bestuursproces)
    huidig = IdeeVersie.objects.filter(bestuursproces=bestuursproces).order_by("-versie").first()
    if huidig is not None and all(
        getattr(huidig, veld) == waarde for veld, waarde in asdict(inhoud).items()
    ):
        # Nothing to revise: the same content again is not a new version.
        return huidig
    nu = tijdstip or timezone.now()
    idee = IdeeVersie(
        bestuursproces=bestuursproces,
        versie=(huidig.versie if huidig is not None else 0) + 1,
        toelichting=toelichting,
        auteur=gebruiker_van(actor),
        aangemaakt_op=nu,
        **asdict(inhoud),
    )
    valideer(idee, exclude=["auteur"])
    idee.save(force_insert=True)
    append_event(
        bestuursproces=bestuursproces,
        type=GebeurtenisType.IDEE_HERZIEN,
        actor=actor,
        toelichting=toelichting,
        tijdstip=nu,
        payload={"idee": idee_gegevens(idee)},
    )
    return idee
