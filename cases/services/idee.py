"""Revising the idee: every revision is a new numbered version, never an overwrite."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import asdict, dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from cases.events import Actor, append_event
from cases.events.payloads import idee_gegevens
from cases.exceptions import OngeldigeInvoer
from cases.models import Bestuursproces, IdeeEigenaar, IdeeVersie, Speler

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
    # Spelers of this case named as idee-eigenaar (book ch. 5), in order; the text field
    # ``eigenaren`` stays for owners that are not (yet) registered as spelers.
    eigenaar_spelers: tuple[uuid.UUID, ...] = ()

    def tekstvelden(self) -> dict[str, str]:
        return {k: v for k, v in asdict(self).items() if k != "eigenaar_spelers"}


def _eigenaar_spelers(bestuursproces: Bestuursproces, uuids: tuple[uuid.UUID, ...]) -> list[Speler]:
    if len(set(uuids)) != len(uuids):
        raise OngeldigeInvoer(
            {
                "eigenaar_spelers": [
                    ("unique", gettext("Een speler staat maar één keer bij de eigenaren."))
                ]
            }
        )
    gevonden = {
        s.uuid: s for s in Speler.objects.filter(bestuursproces=bestuursproces, uuid__in=uuids)
    }
    onbekend = [str(u) for u in uuids if u not in gevonden]
    if onbekend:
        raise OngeldigeInvoer(
            {
                "eigenaar_spelers": [
                    (
                        "does_not_exist",
                        gettext("Geen speler van dit bestuursproces: %s.") % ", ".join(onbekend),
                    )
                ]
            }
        )
    return [gevonden[u] for u in uuids]


def huidige_eigenaar_spelers(idee: IdeeVersie) -> list[uuid.UUID]:
    return list(
        IdeeEigenaar.objects.filter(ideeversie=idee)
        .order_by("volgorde")
        .values_list("speler__uuid", flat=True)
    )


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
        raise OngeldigeInvoer(
            {"gebruiker": [("required", gettext("Een ideeversie heeft een auteur."))]}
        )
    bestuursproces = vergrendel(bestuursproces)
    eis_open(bestuursproces, tijdstip)
    eigenaren = _eigenaar_spelers(bestuursproces, inhoud.eigenaar_spelers)
    huidig = IdeeVersie.objects.filter(bestuursproces=bestuursproces).order_by("-versie").first()
    if (
        huidig is not None
        and all(getattr(huidig, veld) == waarde for veld, waarde in inhoud.tekstvelden().items())
        and huidige_eigenaar_spelers(huidig) == list(inhoud.eigenaar_spelers)
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
        **inhoud.tekstvelden(),
    )
    valideer(idee, exclude=["auteur"])
    idee.save(force_insert=True)
    IdeeEigenaar.objects.bulk_create(
        IdeeEigenaar(bestuursproces=bestuursproces, ideeversie=idee, speler=speler, volgorde=index)
        for index, speler in enumerate(eigenaren)
    )
    append_event(
        bestuursproces=bestuursproces,
        type="idee.herzien",
        actor=actor,
        toelichting=toelichting,
        tijdstip=nu,
        payload={"idee": idee_gegevens(idee, [str(speler.uuid) for speler in eigenaren])},
    )
    return idee
