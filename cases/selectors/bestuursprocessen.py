"""Reads of the case itself: membership scoping and the query shape of its parts."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any

from django.contrib.auth import get_user_model
from django.db import router
from django.db.models import Prefetch, QuerySet, prefetch_related_objects
from django.http import Http404
from django.utils.translation import gettext

from cases.models import (
    Bestuursproces,
    Gebeurtenis,
    IdeeEigenaar,
    IdeeVersie,
    Lidmaatschap,
    Speler,
    Stadiumovergang,
)
from cases.vooraf_gebouwd import VoorafGebouwd

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, User

    Gebruiker = AbstractBaseUser | AnonymousUser


# The idee-eigenaren of each version, in their order, with the parties they name.
EIGENAARS = Prefetch(
    "eigenaars",
    queryset=IdeeEigenaar.objects.select_related("speler", "opdrachtgever", "organisatie").order_by(
        "volgorde", "id"
    ),
    to_attr="eigenaars_op_volgorde",
)


def bestuursprocessen_voor(gebruiker: Gebruiker) -> QuerySet[Bestuursproces]:
    """The cases a user is a member of, each annotated with ``mijn_rol``."""
    return Bestuursproces.objects.voor_lid(gebruiker)


def bestuursproces_voor(
    gebruiker: Gebruiker,
    bestuursproces_uuid: uuid.UUID,
    *,
    met_details: bool = False,
    vergrendel: bool = False,
) -> Bestuursproces:
    """One case the user is a member of, or Http404: non-members must not learn it exists.

    With ``met_details`` the besluitmomenten and the current idee come along (2 queries more).
    With ``vergrendel`` the case row is locked for the rest of the transaction (a write
    request's lookup, see :mod:`procesregie.transacties`).
    """
    if not gebruiker.is_authenticated:
        raise Http404(gettext("Bestuursproces niet gevonden."))
    try:
        gevonden = (_VAN_LID_VERGRENDELD if vergrendel else _VAN_LID).rijen(
            router.db_for_write(Bestuursproces)
            if vergrendel
            else router.db_for_read(Bestuursproces),
            gebruiker=gebruiker.pk,
            uuid=bestuursproces_uuid,
        )
    except ValueError as fout:  # not a uuid
        raise Http404(gettext("Bestuursproces niet gevonden.")) from fout
    if not gevonden:
        raise Http404(gettext("Bestuursproces niet gevonden."))
    if met_details:
        prefetch_related_objects(
            gevonden,
            "besluitmomenten",
            Prefetch(
                "ideeversies",
                queryset=IdeeVersie.objects.select_related("auteur")
                .prefetch_related(EIGENAARS)
                .order_by("-aangemaakt_op", "-versie")[:1],
                to_attr="_huidig_idee",
            ),
        )
    return gevonden[0]


# Every request below a case runs this lookup: compiled once per database (building it through
# the ORM cost more than running it). One row by its uuid: the model's ordering would only add
# a sort.
_VAN_LID = VoorafGebouwd(
    Bestuursproces,
    lambda gebruiker, uuid: Bestuursproces.objects.van_lid(gebruiker).filter(uuid=uuid).order_by(),
    gebruiker=-730_100_002,
    uuid=uuid.UUID("00000000-0000-0000-0000-000073010003"),
)
_VAN_LID_VERGRENDELD = VoorafGebouwd(
    Bestuursproces,
    lambda gebruiker, uuid: (
        Bestuursproces.objects.van_lid(gebruiker)
        .filter(uuid=uuid)
        .order_by()
        .select_for_update(of=("self",))
    ),
    gebruiker=-730_100_002,
    uuid=uuid.UUID("00000000-0000-0000-0000-000073010003"),
)


def huidig_idee(bestuursproces: Bestuursproces) -> IdeeVersie | None:
    vooraf = getattr(bestuursproces, "_huidig_idee", None)
    if vooraf is not None:
        return vooraf[0] if vooraf else None
    return (
        IdeeVersie.objects.filter(bestuursproces=bestuursproces)
        .select_related("auteur")
        .prefetch_related(EIGENAARS)
        # The current idee is the latest revision in world time (one may be entered late).
        .order_by("-aangemaakt_op", "-versie")
        .first()
    )


def ideeversies(bestuursproces: Bestuursproces) -> QuerySet[IdeeVersie]:
    return (
        IdeeVersie.objects.filter(bestuursproces=bestuursproces)
        .select_related("auteur")
        .prefetch_related(EIGENAARS)
    )


def eigenaren_van(idee: IdeeVersie) -> dict[str, list[Any]]:
    """Per kind (``speler``, ``opdrachtgever``, ``organisatie``), the parties named as
    idee-eigenaar in this version, in order (prefetched if possible)."""
    eigenaars = getattr(idee, "eigenaars_op_volgorde", None)
    if eigenaars is None:
        eigenaars = idee.eigenaars.select_related(
            "speler", "opdrachtgever", "organisatie"
        ).order_by("volgorde", "id")
    soorten: dict[str, list[Any]] = {"speler": [], "opdrachtgever": [], "organisatie": []}
    for eigenaar in eigenaars:
        for soort, partijen in soorten.items():
            partij = getattr(eigenaar, soort)
            if partij is not None:
                partijen.append(partij)
    return soorten


def eigenaar_spelers(idee: IdeeVersie) -> list[Speler]:
    """The spelers named as idee-eigenaar in this version, in order (prefetched if possible)."""
    return list(eigenaren_van(idee)["speler"])


def stadiumovergangen(bestuursproces: Bestuursproces) -> QuerySet[Stadiumovergang]:
    return Stadiumovergang.objects.filter(bestuursproces=bestuursproces).select_related("door")


def gebeurtenissen(bestuursproces: Bestuursproces) -> QuerySet[Gebeurtenis]:
    """The case's log in volgnummer order; counted from the chain head on the case row as
    long as nothing filters it (a page of a long log then needs no COUNT)."""
    return (
        Gebeurtenis.objects.filter(bestuursproces=bestuursproces)
        .order_by("volgnummer")
        .met_aantal(bestuursproces.keten_volgnummer)
    )


def lidmaatschappen(bestuursproces: Bestuursproces) -> QuerySet[Lidmaatschap]:
    return Lidmaatschap.objects.filter(bestuursproces=bestuursproces).select_related("gebruiker")


def actieve_gebruiker(gebruikersnaam: str) -> User | None:
    """An active user by username, for adding members; None when there is no such user."""
    return get_user_model().objects.filter(username=gebruikersnaam, is_active=True).first()
