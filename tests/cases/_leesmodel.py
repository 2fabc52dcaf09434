"""The tijdlijn's read model against the log: what the property tests check after a history.

1. Rebuilding the read model from the log gives exactly the rows the appends kept in step
   (items, shifts and the memory at the end, per viewer level), and the same counts.
2. For every role, in Dutch and in English, the tijdlijn and the shifts read from the read
   model are those folded from the log, and a page's total (the kept counts) is their number.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone, translation

from cases.events.tijdlijnregels import herbouw
from cases.models import (
    Bestuursproces,
    Rol,
    Tijdlijngeheugen,
    Tijdlijnregel,
    Tijdlijnstand,
    Verschuivingsregel,
    Zichtbaarheid,
)
from cases.selectors import verschuivingen, verschuivingenreeks
from cases.selectors.krachtenveld import verschuivingen_gevouwen
from cases.selectors.tijdlijn import gevouwen, tijdlijn, tijdlijnreeks


def leesmodel(bestuursproces: Bestuursproces) -> dict[str, Any]:
    """The case's read-model rows without their ids, in a fixed order."""

    def rijen(model: Any, *sorteer: str) -> list[dict[str, Any]]:
        return [
            {k: v for k, v in rij.items() if k != "id"}
            for rij in model.objects.filter(bestuursproces=bestuursproces)
            .order_by(*sorteer)
            .values()
        ]

    return {
        "regels": rijen(Tijdlijnregel, "volgnummer"),
        "verschuivingen": rijen(Verschuivingsregel, "volgnummer", "niveau"),
        "geheugen": rijen(Tijdlijngeheugen, "veld", "sleutel", "niveau"),
        # The version and the counts of items and shifts kept beside the rows.
        "stand": [
            {k: v for k, v in r.items() if k != "bestuursproces_id"}
            for r in rijen(Tijdlijnstand, "versie")
        ],
    }


def controleer_leesmodel(bestuursproces: Bestuursproces) -> None:
    bijgehouden = leesmodel(bestuursproces)
    assert bijgehouden["stand"], "the case has no read model"
    with transaction.atomic():
        herbouw(bestuursproces)
    assert leesmodel(bestuursproces) == bijgehouden
    nu = timezone.now()
    for rol in Rol:
        zichtbaar = Zichtbaarheid.voor_rol(rol)
        for taal in ("nl", "en"):
            with translation.override(taal):
                assert tijdlijn(bestuursproces, None, nu, zichtbaar) == gevouwen(
                    bestuursproces, None, nu, zichtbaar
                ), (rol, taal)
        assert verschuivingen(bestuursproces, None, nu, zichtbaar) == verschuivingen_gevouwen(
            bestuursproces, None, nu, zichtbaar
        ), rol
        # A page's total from the kept counts is the number of items and shifts there are.
        reeks = tijdlijnreeks(bestuursproces, None, nu, zichtbaar)
        assert reeks is not None
        assert len(reeks) == len(gevouwen(bestuursproces, None, nu, zichtbaar)), rol
        schuiven = verschuivingenreeks(bestuursproces, None, None, zichtbaar)
        assert schuiven is not None
        assert len(schuiven) == len(verschuivingen_gevouwen(bestuursproces, None, nu, zichtbaar)), (
            rol
        )
