"""Helpers every service uses: locking the case and turning model validation into domain errors."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import connections, models, router
from django.db.models import OuterRef, Subquery
from django.db.transaction import TransactionManagementError
from django.utils.translation import gettext

from cases.events import Actor
from cases.exceptions import OngeldigeInvoer, ProcesAfgerond
from cases.models import ALLE_NIVEAUS, Bestuursproces, Lidmaatschap, Status, Zichtbaarheid
from cases.vooraf_gebouwd import VoorafGebouwd
from procesregie.beperkingen import valideer_beperkingen
from procesregie.transacties import neem_vergrendeling

from ._wereldtijd import is_laat

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def vergrendel(
    bestuursproces: Bestuursproces | int, *, actor: Actor | None = None
) -> Bestuursproces:
    """Lock the case row for the rest of the transaction and return a fresh copy.

    With ``actor`` the same query reads the actor's role in the case, which
    :func:`eis_zichtbaar_voor_auteur` then needs not read again. In a write request whose
    access lookup locked the row already (with the same member's role), that copy is it,
    and nothing is read (:func:`procesregie.transacties.neem_vergrendeling`).
    """
    pk = bestuursproces if isinstance(bestuursproces, int) else bestuursproces.pk
    gebruiker = actor.gebruiker if actor is not None else None
    vergrendeld: Bestuursproces | None = neem_vergrendeling(
        pk, gebruiker.pk if gebruiker is not None else None
    )
    if vergrendeld is not None:
        if gebruiker is not None:
            vergrendeld._rol_van_actor = vergrendeld.mijn_rol  # type: ignore[attr-defined]
            vergrendeld._rol_van = gebruiker.pk  # type: ignore[attr-defined]
        return vergrendeld
    alias = router.db_for_write(Bestuursproces)
    verbinding = connections[alias]
    if verbinding.features.has_select_for_update and verbinding.get_autocommit():
        raise TransactionManagementError(
            "select_for_update cannot be used outside of a transaction."
        )
    if gebruiker is not None:
        gevonden = _VERGRENDEL_MET_ROL.rijen(alias, pk=pk, gebruiker=gebruiker.pk)
    else:
        gevonden = _VERGRENDEL.rijen(alias, pk=pk)
    if not gevonden:
        raise Bestuursproces.DoesNotExist("Bestuursproces matching query does not exist.")
    vergrendeld = gevonden[0]
    if gebruiker is not None:
        vergrendeld._rol_van = gebruiker.pk  # type: ignore[attr-defined]
    return vergrendeld


def _vergrendeld(pk: int) -> models.QuerySet[Bestuursproces]:
    return Bestuursproces.objects.select_for_update(of=("self",)).filter(pk=pk).order_by()


def _vergrendeld_met_rol(pk: int, gebruiker: int) -> models.QuerySet[Bestuursproces]:
    # At most one membership per member and case: the model's ordering would only add a join
    # to the case and a sort to every write's lock.
    rol = Lidmaatschap.objects.filter(
        bestuursproces=OuterRef("pk"), gebruiker_id=gebruiker
    ).order_by()
    return _vergrendeld(pk).annotate(_rol_van_actor=Subquery(rol.values("rol")[:1]))


# Every write runs the lock, and building it through the ORM cost more than running it (on
# SQLite 2 ms against 0.3 ms): it is compiled once per database.
_VERGRENDEL = VoorafGebouwd(Bestuursproces, _vergrendeld, pk=-730_100_001)
_VERGRENDEL_MET_ROL = VoorafGebouwd(
    Bestuursproces, _vergrendeld_met_rol, pk=-730_100_001, gebruiker=-730_100_002
)


def eis_open(bestuursproces: Bestuursproces, tijdstip: dt.datetime | None = None) -> None:
    """Refuse a fact about a closed case; a fact entered late needs the case open at its own
    moment, which the strict fold of the history checks (see ``append_event``)."""
    if bestuursproces.status == Status.AFGEROND and not is_laat(bestuursproces, tijdstip):
        raise ProcesAfgerond()


def valideer(
    instance: models.Model, *, exclude: list[str] | None = None, beperkingen: bool = True
) -> None:
    """Run the model's own validation; raise every field error at once as OngeldigeInvoer.

    A foreign key whose object the instance holds is not looked up again: services are given
    or read their related objects from the database (and check that they belong to the
    case), so Django's query whether the object exists would only read it again; the
    database's constraint still guards the key. A key given as a bare id, or left empty, is
    validated as ever, and so are the model's constraints over such keys. Check constraints
    are decided in Python where the answer is certain (procesregie/beperkingen.py), the rest
    by the database, as Django does.

    ``beperkingen=False`` leaves the model's constraints to a service that checked them
    itself (with its own message); the database still enforces them.
    """
    uitgezonderd = set(exclude or ())
    vastgehouden = {
        veld.name
        for veld in instance._meta.concrete_fields
        if veld.many_to_one and instance._state.fields_cache.get(veld.name) is not None
    }
    fout: dict[str, Any] = {}
    # Model.full_clean's steps (without the unique checks), the keys held left out of the
    # fields' own checks only.
    try:
        instance.clean_fields(exclude=uitgezonderd | vastgehouden)
    except ValidationError as e:
        fout = e.update_error_dict(fout)
    try:
        instance.clean()
    except ValidationError as e:
        fout = e.update_error_dict(fout)
    if beperkingen:
        try:
            valideer_beperkingen(
                instance, uitgezonderd | {naam for naam in fout if naam != NON_FIELD_ERRORS}
            )
        except ValidationError as e:
            fout = e.update_error_dict(fout)
    if not fout:
        return
    fouten: dict[str, list[tuple[str, str]]] = {}
    for veld, meldingen in fout.items():
        for melding in meldingen:
            fouten.setdefault(veld, []).append(
                (melding.code or "invalid", " ".join(melding.messages))
            )
    raise OngeldigeInvoer(fouten) from ValidationError(fout)


def gebruiker_van(actor: Actor) -> User:
    """The user behind an actor, for records that must name a person."""
    if actor.gebruiker is None:
        raise OngeldigeInvoer(
            {"gebruiker": [("required", gettext("Deze handeling vraagt een gebruiker."))]}
        )
    return actor.gebruiker


def eis_zichtbaar_voor_auteur(
    bestuursproces: Bestuursproces, actor: Actor, zichtbaarheid: str
) -> None:
    """Nobody records content at a level they may not read themselves."""
    if zichtbaarheid not in ALLE_NIVEAUS:
        raise OngeldigeInvoer(
            {
                "zichtbaarheid": [
                    ("invalid_choice", gettext("'%s' is geen geldige keuze.") % (zichtbaarheid,))
                ]
            }
        )
    if actor.gebruiker is None:
        return  # management commands act outside any role
    if getattr(bestuursproces, "_rol_van", None) == actor.gebruiker.pk:
        rol = getattr(bestuursproces, "_rol_van_actor", None)  # read with the lock
    else:
        rol = (
            Lidmaatschap.objects.filter(bestuursproces=bestuursproces, gebruiker=actor.gebruiker)
            .values_list("rol", flat=True)
            .first()
        )
    if zichtbaarheid not in Zichtbaarheid.voor_rol(rol):
        raise OngeldigeInvoer(
            {
                "zichtbaarheid": [
                    (
                        "niet_toegestaan",
                        gettext(
                            "U kunt niets vastleggen dat u zelf niet mag zien; kies een "
                            "zichtbaarheid die bij uw rol past."
                        ),
                    )
                ]
            }
        )
