"""The documents an export covers, read from the chain itself: every visible version with the
SHA-256 its event carries, so that the list and the events it rests on can never disagree."""

from __future__ import annotations

from typing import Any

from django.db.models import F

from cases.models import Gebeurtenis
from cases.models.documenten import KOPPELINGEN
from cases.models.gebeurtenissen import DOCUMENTVERSIES
from cases.vaste_termen import IsEenVan

from .gebeurtenissen import Exportopdracht


def documentversies(opdracht: Exportopdracht) -> list[dict[str, Any]]:
    """Per visible version: document, titel, versie, bestandsnaam, grootte, sha256, what the
    document belongs to (``koppeling``: soort and uuid, or None) and the volgnummer of the
    event that vouches for it, in chain order (one query, on the index of these events:
    ``gebeurtenis_documenten``)."""
    rijen = (
        Gebeurtenis.objects.filter(
            IsEenVan(F("type"), DOCUMENTVERSIES),
            bestuursproces=opdracht.bestuursproces,
            volgnummer__lte=opdracht.kop_volgnummer,
        )
        .order_by("volgnummer")
        .values_list("volgnummer", "type", "payload")
    )
    titels: dict[str, str] = {}
    koppelingen: dict[str, dict[str, str] | None] = {}
    versies: list[dict[str, Any]] = []
    for volgnummer, soort, payload in rijen:
        if payload.get("zichtbaarheid", "proces") not in opdracht.zichtbaar:
            continue
        if soort == "document.toegevoegd":
            document = payload["document"]["uuid"]
            titels[document] = payload["document"]["titel"]
            koppelingen[document] = _koppeling(payload["document"])
        else:
            document = payload["document"]
        versie = payload["versie"]
        versies.append(
            {
                "document": document,
                "titel": titels.get(document, ""),
                "versie": versie["nummer"],
                "bestandsnaam": versie["bestandsnaam"],
                "grootte": versie["grootte"],
                "sha256": versie["sha256"],
                "koppeling": koppelingen.get(document),
                "volgnummer": volgnummer,
            }
        )
    return versies


def _koppeling(document: dict[str, Any]) -> dict[str, str] | None:
    for soort in KOPPELINGEN:
        if document.get(soort):
            return {"soort": soort, "uuid": document[soort]}
    return None
