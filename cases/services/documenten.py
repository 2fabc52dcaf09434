"""Documenten: files in the case file, with versions, a visibility level and an optional link.

Each version's file is written to the ``documenten`` storage before its event, and the
version's SHA-256 goes into that event. Should anything after the write fail (a rule, the
event, the database), the stored file is removed again before the error travels on, so a
refused or failed upload leaves no file behind.
"""

from __future__ import annotations

import secrets
from typing import Any

from django.core.files.storage import storages
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone
from django.utils.translation import gettext

from cases.events import Actor, append_event
from cases.events.payloads_documenten import document_gegevens, versie_gegevens
from cases.exceptions import OngeldigeInvoer
from cases.models import (
    Besluit,
    Bestuursproces,
    Bijeenkomst,
    Consolidatie,
    Document,
    DocumentVersie,
    Interventie,
    Lidmaatschap,
    Zichtbaarheid,
)
from procesregie.transacties import in_transactie

from ._bestandscontrole import controleer_bestand
from ._common import eis_open, eis_zichtbaar_voor_auteur, gebruiker_van, valideer, vergrendel


def opslag() -> Any:
    """The storage documents live in (settings.STORAGES["documenten"])."""
    return storages["documenten"]


def _eigen_rol(bestuursproces: Bestuursproces, actor: Actor) -> frozenset[str] | None:
    """The levels the actor may read; None for a command acting outside any role."""
    if actor.gebruiker is None:
        return None
    rol = (
        Lidmaatschap.objects.filter(bestuursproces=bestuursproces, gebruiker=actor.gebruiker)
        .values_list("rol", flat=True)
        .first()
    )
    return Zichtbaarheid.voor_rol(rol)


def _controleer_koppelingen(
    bestuursproces: Bestuursproces,
    actor: Actor,
    zichtbaarheid: str,
    koppelingen: dict[str, Any],
) -> None:
    """At most one link; of this case; a linked interventie, besluit or bijeenkomst visible
    to the author (else it is as if it does not exist) and at least as visible as the
    document, so whoever reads the document can follow its link."""
    fouten: dict[str, list[tuple[str, str]]] = {}
    gekoppeld = [naam for naam, obj in koppelingen.items() if obj is not None]
    if len(gekoppeld) > 1:
        fouten[gekoppeld[-1]] = [
            (
                "invalid",
                gettext(
                    "Een document hoort bij hoogstens één consolidatie, interventie, besluit "
                    "of bijeenkomst."
                ),
            )
        ]
    bestaat_niet = ("does_not_exist", gettext("Hoort niet bij dit proces."))
    leesbaar = _eigen_rol(bestuursproces, actor) if gekoppeld else None
    for naam in gekoppeld:
        obj = koppelingen[naam]
        niveau = getattr(obj, "zichtbaarheid", None)
        if obj.bestuursproces_id != bestuursproces.pk or (
            niveau is not None and leesbaar is not None and niveau not in leesbaar
        ):
            fouten[naam] = [bestaat_niet]
        elif niveau is not None and Zichtbaarheid(zichtbaarheid).rang < Zichtbaarheid(niveau).rang:
            fouten["zichtbaarheid"] = [
                (
                    f"ruimer_dan_{naam}",
                    gettext("Een document is niet ruimer zichtbaar dan waar het bij hoort (%s).")
                    % Zichtbaarheid(niveau).label.lower(),
                )
            ]
    if fouten:
        raise OngeldigeInvoer(fouten)


def _bewaar_versie(
    *, actor: Actor, document: Document, nummer: int, bestand: UploadedFile
) -> DocumentVersie:
    """Check the file, write it to storage and its row to the database. The caller appends
    the event and removes the file again (``_ruim_op``) if anything fails after this."""
    gecontroleerd = controleer_bestand(bestand)
    naam = f"{document.bestuursproces.uuid}/{document.uuid}/{nummer}-{secrets.token_hex(8)}"
    versie = DocumentVersie(
        bestuursproces=document.bestuursproces,
        document=document,
        nummer=nummer,
        bestandsnaam=gecontroleerd.bestandsnaam,
        inhoudstype=gecontroleerd.inhoudstype,
        grootte=gecontroleerd.grootte,
        sha256=gecontroleerd.sha256,
        auteur=gebruiker_van(actor),
        toegevoegd_op=timezone.now(),
    )
    valideer(versie, exclude=["document", "opslagnaam"])
    versie.opslagnaam = opslag().save(naam, bestand)
    return versie


def _ruim_op(versie: DocumentVersie | None) -> None:
    if versie is not None and versie.opslagnaam:
        opslag().delete(versie.opslagnaam)


@in_transactie
def voeg_document_toe(
    *,
    actor: Actor,
    bestuursproces: Bestuursproces,
    titel: str,
    bestand: UploadedFile,
    zichtbaarheid: str = Zichtbaarheid.KERNTEAM,
    consolidatie: Consolidatie | None = None,
    interventie: Interventie | None = None,
    toelichting: str = "",
    besluit: Besluit | None = None,
    bijeenkomst: Bijeenkomst | None = None,
) -> Document:
    """Add a document with its first version; event ``document.toegevoegd``. It may belong
    to one consolidatie, interventie, besluit or bijeenkomst (its verslag, say)."""
    if not titel.strip():
        raise OngeldigeInvoer({"titel": [("blank", gettext("Een document heeft een titel."))]})
    bestuursproces = vergrendel(bestuursproces)
    eis_open(bestuursproces)
    eis_zichtbaar_voor_auteur(bestuursproces, actor, zichtbaarheid)
    koppelingen = {
        "consolidatie": consolidatie,
        "interventie": interventie,
        "besluit": besluit,
        "bijeenkomst": bijeenkomst,
    }
    _controleer_koppelingen(bestuursproces, actor, zichtbaarheid, koppelingen)
    nu = timezone.now()
    document = Document(
        bestuursproces=bestuursproces,
        titel=titel.strip(),
        zichtbaarheid=zichtbaarheid,
        **koppelingen,
        auteur=gebruiker_van(actor),
        toegevoegd_op=nu,
    )
    valideer(document)
    versie: DocumentVersie | None = None
    try:
        document.save(force_insert=True)
        versie = _bewaar_versie(actor=actor, document=document, nummer=1, bestand=bestand)
        versie.toegevoegd_op = nu
        versie.save(force_insert=True)
        append_event(
            bestuursproces=bestuursproces,
            type="document.toegevoegd",
            actor=actor,
            toelichting=toelichting,
            tijdstip=nu,
            zichtbaarheid=zichtbaarheid,
            payload={
                "document": document_gegevens(
                    document,
                    {naam: obj.uuid if obj else None for naam, obj in koppelingen.items()},
                ),
                "versie": versie_gegevens(versie),
            },
        )
    except BaseException:
        _ruim_op(versie)
        raise
    return document


@in_transactie
def voeg_versie_toe(
    *, actor: Actor, document: Document, bestand: UploadedFile, toelichting: str = ""
) -> DocumentVersie:
    """Add the next version of a document; event ``document.versie_toegevoegd``."""
    bestuursproces = vergrendel(document.bestuursproces_id)
    eis_open(bestuursproces)
    document = Document.objects.select_related("bestuursproces").get(pk=document.pk)
    eis_zichtbaar_voor_auteur(bestuursproces, actor, document.zichtbaarheid)
    laatste = document.versies.order_by("-nummer").values_list("nummer", flat=True).first()
    versie: DocumentVersie | None = None
    try:
        versie = _bewaar_versie(
            actor=actor, document=document, nummer=(laatste or 0) + 1, bestand=bestand
        )
        versie.save(force_insert=True)
        append_event(
            bestuursproces=bestuursproces,
            type="document.versie_toegevoegd",
            actor=actor,
            toelichting=toelichting,
            tijdstip=versie.toegevoegd_op,
            zichtbaarheid=document.zichtbaarheid,
            payload={"document": str(document.uuid), "versie": versie_gegevens(versie)},
        )
    except BaseException:
        _ruim_op(versie)
        raise
    return versie
