"""Keeping the read model of each party's current assessment in step with its assessments.

A viewer's current assessment of a party is the latest one (in world time, then the order of
recording) among those at a level the viewer may see. Viewers see every level up to their
highest, so one row per party and highest level (:class:`HuidigeSpelerBeoordeling`,
:class:`HuidigeOpdrachtgeverBeoordeling`) answers every viewer with one indexed read.

The services call :func:`beoordeling_vastgelegd` after saving an assessment with its event
and :func:`na_datumcorrectie` after a corrected moment was set in the tables; anything that
changes the level of assessments already recorded (making them visible to more viewers)
calls :func:`herbereken` for that party. ``manage.py herbouw_leesmodellen`` rebuilds the rows
from the log.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.db import models

from cases.events.replay import vouw
from cases.events.wereldtijd import geschiedenis
from cases.models import (
    Bestuursproces,
    Foldstand,
    Gebeurtenis,
    HuidigeOpdrachtgeverBeoordeling,
    HuidigeSpelerBeoordeling,
    Opdrachtgever,
    OpdrachtgeverBeoordeling,
    Speler,
    SpelerBeoordeling,
    Zichtbaarheid,
)

Partij = Speler | Opdrachtgever
Beoordeling = SpelerBeoordeling | OpdrachtgeverBeoordeling

# The assessment events and the party key of their payload.
BEOORDEELD = {"speler.beoordeeld": "speler", "opdrachtgever.beoordeeld": "opdrachtgever"}


def zichtbaar_tot(niveau: str) -> frozenset[str]:
    """The levels a viewer whose highest level is ``niveau`` may see."""
    rang = Zichtbaarheid(niveau).rang
    return frozenset(n.value for n in Zichtbaarheid if n.rang <= rang)


def _leesmodel(partij: Partij) -> tuple[Any, str]:
    """The read model's class and its party key (the two models share every field but the
    party's, so they are handled alike)."""
    if isinstance(partij, Speler):
        return HuidigeSpelerBeoordeling, "speler"
    return HuidigeOpdrachtgeverBeoordeling, "opdrachtgever"


def _positie(beoordeling: Beoordeling) -> tuple[Any, int]:
    return beoordeling.tijdstip, beoordeling.pk


def beoordeling_vastgelegd(beoordeling: Beoordeling, partij: Partij) -> None:
    """A new assessment becomes current for every level that sees it, unless a later one
    (in world time) is current there already: an assessment entered late stays behind."""
    model, sleutel = _leesmodel(partij)
    huidig: dict[str, Any] = {
        rij.niveau: rij
        for rij in model.objects.filter(**{sleutel: partij}).select_related("beoordeling")
    }
    rang = Zichtbaarheid(beoordeling.zichtbaarheid).rang
    for niveau in Zichtbaarheid:
        if niveau.rang < rang:
            continue
        rij = huidig.get(niveau.value)
        if rij is None:
            model.objects.create(
                bestuursproces_id=partij.bestuursproces_id,
                niveau=niveau.value,
                beoordeling=beoordeling,
                **{sleutel: partij},
            )
        elif _positie(rij.beoordeling) < _positie(beoordeling):
            rij.beoordeling = beoordeling
            rij.save(update_fields=["beoordeling"])


def herbereken(partij: Partij) -> None:
    """Set a party's rows from its assessments as they stand (after a moment or a level of
    an assessment changed)."""
    model, sleutel = _leesmodel(partij)
    beoordelingen = (
        SpelerBeoordeling.objects.filter(speler=partij)
        if isinstance(partij, Speler)
        else OpdrachtgeverBeoordeling.objects.filter(opdrachtgever=partij)
    )
    model.objects.filter(**{sleutel: partij}).delete()
    nieuw = []
    for niveau in Zichtbaarheid:
        laatste = (
            beoordelingen.filter(zichtbaarheid__in=zichtbaar_tot(niveau))
            .order_by("-tijdstip", "-id")
            .values_list("pk", flat=True)
            .first()
        )
        if laatste is not None:
            nieuw.append(
                model(
                    bestuursproces_id=partij.bestuursproces_id,
                    niveau=niveau.value,
                    beoordeling_id=laatste,
                    **{sleutel: partij},
                )
            )
    model.objects.bulk_create(nieuw)


def na_datumcorrectie(feit: Gebeurtenis) -> None:
    """After the moment of ``feit`` was corrected in its table: an assessment may have moved
    before or past its party's others."""
    sleutel = BEOORDEELD.get(feit.type)
    if sleutel is None:
        return
    model = Speler if sleutel == "speler" else Opdrachtgever
    partij = model.objects.filter(uuid=feit.payload[sleutel]).first()
    if partij is not None:
        herbereken(partij)


def herbouw_leesmodellen(bestuursproces: Bestuursproces) -> dict[str, int]:
    """Rebuild a case's read models from its log (``manage.py herbouw_leesmodellen``).

    The current assessments come from folding the history once per visibility level (the
    fold's ``huidigeBeoordeling`` of each party is the latest it may see); the stored stands of
    the fold are dropped, and the next look back stores them again. Returns the rows written.
    """
    HuidigeSpelerBeoordeling.objects.filter(bestuursproces=bestuursproces).delete()
    HuidigeOpdrachtgeverBeoordeling.objects.filter(bestuursproces=bestuursproces).delete()
    Foldstand.objects.filter(bestuursproces=bestuursproces).delete()
    rijen: dict[str, list[models.Model]] = {"speler": [], "opdrachtgever": []}
    for niveau in Zichtbaarheid:
        staat = vouw(geschiedenis(bestuursproces.pk), zichtbaar_tot(niveau))
        for sleutel, model, huidig_model, verzameling in (
            ("speler", SpelerBeoordeling, HuidigeSpelerBeoordeling, "spelers"),
            (
                "opdrachtgever",
                OpdrachtgeverBeoordeling,
                HuidigeOpdrachtgeverBeoordeling,
                "opdrachtgevers",
            ),
        ):
            huidig = {
                partij: gegevens["huidigeBeoordeling"]["uuid"]
                for partij, gegevens in staat[verzameling].items()
                if gegevens.get("huidigeBeoordeling")
            }
            gevonden = {
                uuid: (pk, partij_id)
                for uuid, pk, partij_id in model.objects.filter(
                    uuid__in=huidig.values()
                ).values_list("uuid", "pk", f"{sleutel}_id")
            }
            for beoordeling in huidig.values():
                pk, partij_id = gevonden[UUID(beoordeling)]
                rijen[sleutel].append(
                    huidig_model(
                        bestuursproces=bestuursproces,
                        niveau=niveau.value,
                        beoordeling_id=pk,
                        **{f"{sleutel}_id": partij_id},
                    )
                )
    HuidigeSpelerBeoordeling.objects.bulk_create(rijen["speler"])  # type: ignore[arg-type]
    HuidigeOpdrachtgeverBeoordeling.objects.bulk_create(rijen["opdrachtgever"])  # type: ignore[arg-type]
    return {sleutel: len(lijst) for sleutel, lijst in rijen.items()}
