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
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from cases.events import Actor, append_event
from cases.events.payloads_documenten import document_gegevens, versie_gegevens
from cases.exceptions import OngeldigeInvoer
from cases.models import (
    Bestuursproces,
    Consolidatie,
    Document,
    DocumentVersie,
    Interventie,
    Lidmaatschap,
    Zichtbaarheid,
)

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
    consolidatie: Consolidatie | None,
    interventie: Interventie | None,
) -> None:
    fouten: dict[str, list[tuple[str, str]]] = {}
    if consolidatie is not None and interventie is not None:
        fouten["interventie"] = [
            (
                "invalid",
                gettext("Een document hoort bij hoogstens één consolidatie of interventie."),
            )
        ]
    bestaat_niet = ("does_not_exist", gettext("Hoort niet bij dit proces."))
    if consolidatie is not None and consolidatie.bestuursproces_id != bestuursproces.pk:
        fouten["consolidatie"] = [bestaat_niet]
    if interventie is not None:
        leesbaar = _eigen_rol(bestuursproces, actor)
        if interventie.bestuursproces_id != bestuursproces.pk or (
            leesbaar is not None and interventie.zichtbaarheid not in leesbaar
        ):
            fouten["interventie"] = [bestaat_niet]
        elif Zichtbaarheid(zichtbaarheid).rang < Zichtbaarheid(interventie.zichtbaarheid).rang:
            niveau = Zichtbaarheid(interventie.zichtbaarheid).label.lower()
            fouten["zichtbaarheid"] = [
                (
                    "ruimer_dan_interventie",
                    gettext("Een document is niet ruimer zichtbaar dan zijn interventie (%s).")
                    % niveau,
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


@transaction.atomic
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
) -> Document:
    """Add a document with its first version; event ``document.toegevoegd``."""
    if not titel.strip():
        raise OngeldigeInvoer({"titel": [("blank", gettext("Een document heeft een titel."))]})
    bestuursproces = vergrendel(bestuursproces)
    eis_open(bestuursproces)
    eis_zichtbaar_voor_auteur(bestuursproces, actor, zichtbaarheid)
    _controleer_koppelingen(bestuursproces, actor, zichtbaarheid, consolidatie, interventie)
    nu = timezone.now()
    document = Document(
        bestuursproces=bestuursproces,
        titel=titel.strip(),
        zichtbaarheid=zichtbaarheid,
        consolidatie=consolidatie,
        interventie=interventie,
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
                    {
                        "consolidatie": consolidatie.uuid if consolidatie else None,
                        "interventie": interventie.uuid if interventie else None,
                    },
                ),
                "versie": versie_gegevens(versie),
            },
        )
    except BaseException:
        _ruim_op(versie)
        raise
    return document


@transaction.atomic
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
