"""Revising the idee: every revision is a new numbered version, never an overwrite."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import asdict, dataclass

from django.utils import timezone
from django.utils.translation import gettext

from cases.events import Actor, append_event
from cases.events.payloads import idee_gegevens
from cases.exceptions import OngeldigeInvoer
from cases.models import (
    Bestuursproces,
    IdeeEigenaar,
    IdeeVersie,
    Opdrachtgever,
    Organisatie,
    Speler,
)
from procesregie.transacties import in_transactie

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
    # Parties of this case named as idee-eigenaar (book §5.4: anyone who came up with the idea
    # is one), each kind in order; the text field ``eigenaren`` stays for owners that are not
    # (yet) registered as parties.
    eigenaar_spelers: tuple[uuid.UUID, ...] = ()
    eigenaar_opdrachtgevers: tuple[uuid.UUID, ...] = ()
    eigenaar_organisaties: tuple[uuid.UUID, ...] = ()

    def tekstvelden(self) -> dict[str, str]:
        return {k: v for k, v in asdict(self).items() if k not in EIGENAARSOORTEN}

    def eigenaar_partijen(self) -> dict[str, list[uuid.UUID]]:
        """Per kind (the IdeeEigenaar field), the uuids named, in order."""
        return {veld: list(getattr(self, attr)) for attr, (veld, _m) in EIGENAARSOORTEN.items()}


# IdeeInhoud attribute → (IdeeEigenaar field, model).
EIGENAARSOORTEN: dict[str, tuple[str, type[Speler | Opdrachtgever | Organisatie]]] = {
    "eigenaar_spelers": ("speler", Speler),
    "eigenaar_opdrachtgevers": ("opdrachtgever", Opdrachtgever),
    "eigenaar_organisaties": ("organisatie", Organisatie),
}


def _eigenaren(
    bestuursproces: Bestuursproces, inhoud: IdeeInhoud
) -> dict[str, list[Speler | Opdrachtgever | Organisatie]]:
    """Per IdeeEigenaar field, the parties of this case the uuids name, in order; each kind
    refused on its own field (a repeat, or no party of this case)."""
    fouten: dict[str, list[tuple[str, str]]] = {}
    gevonden: dict[str, list[Speler | Opdrachtgever | Organisatie]] = {}
    meldingen = {
        "speler": gettext("Geen speler van dit bestuursproces: %s."),
        "opdrachtgever": gettext("Geen opdrachtgever van dit bestuursproces: %s."),
        "organisatie": gettext("Geen organisatie van dit bestuursproces: %s."),
    }
    for attr, (veld, model) in EIGENAARSOORTEN.items():
        uuids: tuple[uuid.UUID, ...] = getattr(inhoud, attr)
        if not uuids:
            gevonden[veld] = []
            continue
        if len(set(uuids)) != len(uuids):
            fouten[attr] = [("unique", gettext("Een partij staat maar één keer bij de eigenaren."))]
            continue
        per_uuid = {
            p.uuid: p for p in model.objects.filter(bestuursproces=bestuursproces, uuid__in=uuids)
        }
        onbekend = [str(u) for u in uuids if u not in per_uuid]
        if onbekend:
            fouten[attr] = [("does_not_exist", meldingen[veld] % ", ".join(onbekend))]
            continue
        gevonden[veld] = [per_uuid[u] for u in uuids]
    if fouten:
        raise OngeldigeInvoer(fouten)
    return gevonden


def huidige_eigenaren(idee: IdeeVersie) -> dict[str, list[uuid.UUID]]:
    """Per IdeeEigenaar field, the uuids of the owners of this version, in order."""
    eigenaren: dict[str, list[uuid.UUID]] = {veld: [] for veld, _m in EIGENAARSOORTEN.values()}
    rijen = (
        IdeeEigenaar.objects.filter(ideeversie=idee)
        .order_by("volgorde", "id")
        .values_list("speler__uuid", "opdrachtgever__uuid", "organisatie__uuid")
    )
    for rij in rijen:
        for veld, waarde in zip(("speler", "opdrachtgever", "organisatie"), rij, strict=True):
            if waarde is not None:
                eigenaren[veld].append(waarde)
    return eigenaren


@in_transactie
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
    eigenaren = _eigenaren(bestuursproces, inhoud)
    huidig = IdeeVersie.objects.filter(bestuursproces=bestuursproces).order_by("-versie").first()
    if (
        huidig is not None
        and all(getattr(huidig, veld) == waarde for veld, waarde in inhoud.tekstvelden().items())
        and huidige_eigenaren(huidig) == inhoud.eigenaar_partijen()
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
        IdeeEigenaar(
            bestuursproces=bestuursproces, ideeversie=idee, volgorde=index, **{veld: partij}
        )
        for veld, partijen in eigenaren.items()
        for index, partij in enumerate(partijen)
    )
    uuids = {veld: [str(p.uuid) for p in partijen] for veld, partijen in eigenaren.items()}
    append_event(
        bestuursproces=bestuursproces,
        type="idee.herzien",
        actor=actor,
        toelichting=toelichting,
        tijdstip=nu,
        payload={
            "idee": idee_gegevens(
                idee,
                uuids["speler"],
                eigenaar_opdrachtgevers=uuids["opdrachtgever"],
                eigenaar_organisaties=uuids["organisatie"],
            )
        },
    )
    return idee
