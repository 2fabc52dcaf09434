"""The payload of documents and their versions: the same dict in events, replay and tables."""

from __future__ import annotations

from typing import Any

from cases.events.canonical import formatteer_tijdstip
from cases.models import Document, DocumentVersie
from cases.models.documenten import KOPPELINGEN


def _uuid(waarde: Any) -> str | None:
    return str(waarde) if waarde else None


def document_gegevens(document: Document, koppelingen: dict[str, Any]) -> dict[str, Any]:
    """A document without its versions; ``koppelingen`` maps each link field to a uuid or
    None (passed in, so callers choose the queries)."""
    return {
        "uuid": str(document.uuid),
        "titel": document.titel,
        "zichtbaarheid": document.zichtbaarheid,
        **{
            naam: (str(koppelingen[naam]) if koppelingen.get(naam) else None)
            for naam in KOPPELINGEN
        },
        "auteur": document.auteur.get_username(),
        "toegevoegdOp": formatteer_tijdstip(document.toegevoegd_op),
    }


def versie_gegevens(versie: DocumentVersie) -> dict[str, Any]:
    """One version, with the SHA-256 that lets the chain vouch for the file."""
    return {
        "nummer": versie.nummer,
        "bestandsnaam": versie.bestandsnaam,
        "inhoudstype": versie.inhoudstype,
        "grootte": versie.grootte,
        "sha256": versie.sha256,
        "auteur": versie.auteur.get_username(),
        "toegevoegdOp": formatteer_tijdstip(versie.toegevoegd_op),
    }


def documenten_op_volgorde(documenten: Any) -> list[dict[str, Any]]:
    """Documents as replay and the tables list them: by when added, then uuid."""
    return sorted(documenten, key=lambda d: (d["toegevoegdOp"], d["uuid"]))
