"""Reads of documents: the ones a viewer may see, with their versions and links."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from cases.events.payloads_documenten import (
    document_gegevens,
    documenten_op_volgorde,
    versie_gegevens,
)
from cases.models import Bestuursproces, Document, DocumentVersie
from cases.models.documenten import KOPPELINGEN


def documenten(bestuursproces: Bestuursproces, zichtbaar: frozenset[str]) -> QuerySet[Document]:
    """The documents at the viewer's levels, oldest first, with authors, links and versions."""
    return (
        Document.objects.filter(bestuursproces=bestuursproces, zichtbaarheid__in=zichtbaar)
        .select_related("auteur", "consolidatie__stap", "interventie", "besluit", "bijeenkomst")
        .prefetch_related(
            Prefetch(
                "versies",
                queryset=DocumentVersie.objects.select_related("auteur").order_by("nummer"),
                to_attr="versies_op_nummer",
            )
        )
        .order_by("toegevoegd_op", "uuid")
    )


def met_documenten(reeks: QuerySet[Any], zichtbaar: frozenset[str]) -> QuerySet[Any]:
    """Besluiten or bijeenkomsten with the documents the viewer may see that belong to each,
    as ``zichtbare_documenten`` (one query more)."""
    return reeks.prefetch_related(
        Prefetch(
            "documenten",
            queryset=Document.objects.filter(zichtbaarheid__in=zichtbaar).order_by(
                "toegevoegd_op", "uuid"
            ),
            to_attr="zichtbare_documenten",
        )
    )


def document_voor(bestuursproces: Bestuursproces, zichtbaar: frozenset[str], uuid: Any) -> Document:
    """One document the viewer may see; 404 for another case's or one above their level."""
    gevonden = documenten(bestuursproces, zichtbaar).filter(uuid=uuid).first()
    if gevonden is None:
        raise Http404
    return gevonden


def versie_van(document: Document, nummer: int) -> DocumentVersie:
    for versie in document.versies_op_nummer:  # type: ignore[attr-defined]
        if versie.nummer == nummer:
            return versie
    raise Http404


def document_vorm(document: Document) -> dict[str, Any]:
    """A document with its versions, as replay has it."""
    return {
        **document_gegevens(
            document,
            {naam: getattr(getattr(document, naam), "uuid", None) for naam in KOPPELINGEN},
        ),
        "versies": [versie_gegevens(v) for v in document.versies_op_nummer],  # type: ignore[attr-defined]
    }


def documenten_toestand(
    bestuursproces: Bestuursproces, zichtbaar: frozenset[str]
) -> list[dict[str, Any]]:
    return documenten_op_volgorde(document_vorm(d) for d in documenten(bestuursproces, zichtbaar))
