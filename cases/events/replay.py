"""Replay: fold a case's events, in world-time order, into the case as it stood.

The state has the same shape as :func:`cases.selectors.huidige_toestand`, so a replay of the
whole log can be compared with the tables (the property test does exactly that).

Each event type's registration (:mod:`cases.events.soorten`) folds it (``pas_toe``) and
states the rules a fact relies on with :func:`~cases.events.wereldtijd.eis`: a stadium
move starts from the stadium the case was in and, going forward, passes the gates as they
stood then; a consent needs its step in consolideren; a betrokkenheid change starts from the
party's betrokkenheid at that moment. A strict fold (checking a fact entered late) refuses the
first fact that breaks one; an ordinary fold reads on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.utils.translation import gettext as _

from cases.models import Gebeurtenis, Status, Zichtbaarheid

from .payloads_besluiten import (
    afspraken_op_volgorde,
    besluiten_op_volgorde,
    bijeenkomsten_op_volgorde,
)
from .payloads_documenten import documenten_op_volgorde
from .payloads_interventies import interventies_op_volgorde, reflecties_op_volgorde
from .payloads_positionering import positionering_volgorde
from .replay_typen import Momentopname
from .soorten import soort
from .vrijgave import als_zicht, niveau_van
from .wereldtijd import Schending, bestond_niet, eis, is_streng


def zichtbaarheid_van(gebeurtenis: Gebeurtenis) -> str:
    """The level an event was logged at; absent in the payload means every member. What a
    viewer reads it at after a release is :func:`cases.events.vrijgave.niveau_van`."""
    waarde = gebeurtenis.payload.get("zichtbaarheid", Zichtbaarheid.PROCES)
    return str(waarde)


def op_naam(items: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Registers are listed by name (then uuid, so that equal names stay in a fixed order)."""
    return sorted(items, key=lambda item: (item["naam"], item["uuid"]))


def lege_staat() -> Momentopname:
    return {
        "bestuursproces": None,
        "idee": None,
        "lidmaatschappen": {},
        "stadiumovergangen": [],
        "organisaties": {},
        "spelers": {},
        "opdrachtgevers": {},
        "notities": [],
        "wyberstappen": {},
        "positioneringen": [],
        "procesontwerp": None,
        "interventies": {},
        "documenten": {},
        "besluiten": {},
        "afspraken": {},
        "bijeenkomsten": {},
        "volgnummer": 0,
        # What the rules of the fold need besides the state; not part of the result.
        "_tijden": {"stadiumSinds": None, "geconsolideerdOp": {}},
    }


def vouw(
    gebeurtenissen: Iterable[Gebeurtenis],
    zichtbaar: frozenset[str] | None = None,
    *,
    begin: Momentopname | None = None,
    na_elk: Callable[[Momentopname, Gebeurtenis], None] | None = None,
) -> Momentopname:
    """Fold events (in world-time order) into the raw state reducers work on.

    In a strict fold (:func:`~cases.events.wereldtijd.streng_vouwen`) the first fact that does
    not fit the case as it stood at its moment raises :class:`Schending` naming it.

    ``begin`` is a state to go on from (a stored stand of the fold, :mod:`.standen`) instead
    of the empty one; ``na_elk`` is told the state after every event read, visible or not.
    """
    staat = lege_staat() if begin is None else begin
    # Read at the level released to, if widened later (loaded once for the whole fold).
    zicht = None if zichtbaar is None else als_zicht(zichtbaar)
    try:
        for gebeurtenis in gebeurtenissen:
            if zicht is None or niveau_van(gebeurtenis, zicht) in zicht:
                try:
                    _pas_toe(staat, gebeurtenis)
                except Schending as schending:
                    schending.gebeurtenis = gebeurtenis
                    raise
            staat["volgnummer"] = max(staat["volgnummer"], gebeurtenis.volgnummer)
            if na_elk is not None:
                na_elk(staat, gebeurtenis)
    finally:
        # A fold stopped by a broken rule leaves a streaming read half done: end it now, in
        # this transaction, rather than when the generator is collected after the connection.
        sluit = getattr(gebeurtenissen, "close", None)
        if sluit is not None:
            sluit()
    return staat


def _pas_toe(staat: Momentopname, gebeurtenis: Gebeurtenis) -> None:
    proces = staat["bestuursproces"]
    geregistreerd = soort(gebeurtenis.type)
    eis(
        proces is None or proces["status"] != Status.AFGEROND or geregistreerd.na_afronding,
        lambda: _("het bestuursproces was toen afgerond"),
    )
    try:
        geregistreerd.pas_toe(staat, gebeurtenis)
    except (KeyError, TypeError) as fout:
        if not is_streng():
            raise
        sleutel = fout.args[0] if isinstance(fout, KeyError) and fout.args else None
        raise Schending(
            bestond_niet(),
            onbekend=sleutel if isinstance(sleutel, str) else None,
        ) from fout


def rond_af(staat: Momentopname) -> Momentopname | None:
    """The raw state in the shape of :func:`cases.selectors.huidige_toestand`."""
    staat.pop("_tijden", None)
    if staat["bestuursproces"] is None:
        return None
    staat["lidmaatschappen"] = sorted(
        staat["lidmaatschappen"].values(), key=lambda lid: lid["gebruiker"]
    )
    for verzameling in ("organisaties", "spelers", "opdrachtgevers"):
        staat[verzameling] = op_naam(staat[verzameling].values())
    staat["wyberstappen"] = [
        {
            **stap,
            "opties": list(stap["opties"].values()),
            "instemmingen": list(stap["instemmingen"].values()),
        }
        for stap in sorted(staat["wyberstappen"].values(), key=lambda s: s["volgnummer"])
    ]
    staat["positioneringen"].sort(key=positionering_volgorde)
    staat["interventies"] = interventies_op_volgorde(
        {**interventie, "reflecties": reflecties_op_volgorde(interventie["reflecties"])}
        for interventie in staat["interventies"].values()
    )
    staat["documenten"] = documenten_op_volgorde(
        {**document, "versies": sorted(document["versies"], key=lambda v: v["nummer"])}
        for document in staat["documenten"].values()
    )
    staat["besluiten"] = besluiten_op_volgorde(staat["besluiten"].values())
    staat["afspraken"] = afspraken_op_volgorde(staat["afspraken"].values())
    staat["bijeenkomsten"] = bijeenkomsten_op_volgorde(staat["bijeenkomsten"].values())
    return staat


def herbouw(
    gebeurtenissen: Iterable[Gebeurtenis], zichtbaar: frozenset[str] | None = None
) -> Momentopname | None:
    """Fold events (in world-time order) into a state; None when the case was not opened yet.

    With ``zichtbaar`` only events at those visibility levels are folded: the case as a viewer
    with that role may see it (the latest assessment they may see is their current one).
    ``volgnummer`` is the highest volgnummer read, so it says how far the log was read.
    """
    return rond_af(vouw(gebeurtenissen, zichtbaar))
