"""Doing a keyed POST once: claim the key, run the request, keep its answer; replay it on a
retry with the same content, refuse other content under the same key (422)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from contextlib import nullcontext

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext
from rest_framework import exceptions, serializers, status
from rest_framework.request import Request

from procesregie.transacties import in_schrijfverzoek

from .models import IdempotentVerzoek

HEADER = "Idempotency-Key"
MAX_LENGTE = 255


class SleutelHergebruikt(exceptions.APIException):
    status_code = status.HTTP_422_UNPROCESSABLE_ENTITY
    default_code = "idempotentiesleutel_hergebruikt"

    def __init__(self) -> None:
        super().__init__(
            gettext(
                "Deze Idempotency-Key is al gebruikt voor een ander verzoek (een andere methode, "
                "URL of inhoud). Gebruik voor elk nieuw verzoek een nieuwe sleutel."
            )
        )


def lees_sleutel(request: HttpRequest) -> str | None:
    """The request's Idempotency-Key, or None; a 400 naming the header when it is unusable.

    The draft makes the value a structured-field string (``"…"``); a bare key is accepted too.
    """
    waarde = request.headers.get(HEADER)
    if waarde is None:
        return None
    if len(waarde) >= 2 and waarde[0] == waarde[-1] == '"':
        waarde = waarde[1:-1]
    if not 1 <= len(waarde) <= MAX_LENGTE or not (waarde.isascii() and waarde.isprintable()):
        raise exceptions.ValidationError(
            {
                HEADER: [
                    serializers.ErrorDetail(
                        gettext(
                            "Geef een sleutel van 1 tot %(max)d zichtbare ASCII-tekens, "
                            "bijvoorbeeld een UUID."
                        )
                        % {"max": MAX_LENGTE},
                        code="invalid",
                    )
                ]
            }
        )
    return waarde


def vingerafdruk(request: HttpRequest, inhoud: bytes | None = None) -> str:
    """SHA-256 over method, path with query and the body's content (``inhoud``, see
    :func:`inhoud_van`; without it the body as sent)."""
    afdruk = hashlib.sha256()
    for deel in (
        (request.method or "").encode(),
        request.get_full_path().encode(),
        request.body if inhoud is None else inhoud,
    ):
        afdruk.update(len(deel).to_bytes(8, "big"))
        afdruk.update(deel)
    return afdruk.hexdigest()


def inhoud_van(request: Request) -> bytes:
    """What a retry must repeat of the body: for JSON its data (the same object written out
    again, with other spacing or key order, is the same request), for a multipart form its
    fields and its files' names and contents (a client picks a new boundary for every send),
    else the bytes as sent."""
    soort = (request.content_type or "").split(";")[0].strip().lower()
    if soort == "application/json" or soort.endswith("+json"):
        try:
            gegevens = json.loads(request._request.body)
        except (ValueError, UnicodeDecodeError):
            return request._request.body  # the view answers 400, which keeps nothing
        return json.dumps(
            gegevens, sort_keys=True, separators=(",", ":"), ensure_ascii=False
        ).encode()
    if soort == "multipart/form-data":
        velden = request.data
        delen: list[list[str]] = []
        for naam in sorted(velden):
            waarden = velden.getlist(naam) if isinstance(velden, MultiValueDict) else [velden[naam]]
            for waarde in waarden:
                if isinstance(waarde, UploadedFile):
                    delen.append([naam, "bestand", waarde.name or "", _sha256_van(waarde)])
                else:
                    delen.append([naam, "veld", str(waarde)])
        return json.dumps(delen, ensure_ascii=False).encode()
    return request._request.body


def _sha256_van(bestand: UploadedFile) -> str:
    afdruk = hashlib.sha256()
    for stuk in bestand.chunks():
        afdruk.update(stuk)
    bestand.seek(0)  # the view reads it again
    return afdruk.hexdigest()


def _herhaling(eerder: IdempotentVerzoek) -> HttpResponse:
    antwoord = HttpResponse(
        bytes(eerder.inhoud), status=eerder.status, content_type=eerder.inhoudstype or None
    )
    if eerder.locatie:
        antwoord["Location"] = eerder.locatie
    return antwoord


def neem_sleutel(gebruiker_id: int, sleutel: str, afdruk: str) -> tuple[IdempotentVerzoek, bool]:
    """Claim the key in the caller's transaction: the new row and True, or the row a request
    with this key kept before and False (one still running is waited for, by the unique
    constraint). The row is kept exactly when the caller's transaction commits."""
    # An expired key is forgotten before it is looked at; the command
    # ruim_idempotentiesleutels_op removes the rest.
    IdempotentVerzoek.objects.filter(
        gebruiker_id=gebruiker_id, aangemaakt__lt=IdempotentVerzoek.verlopen_voor()
    ).delete()
    try:
        with transaction.atomic():
            verzoek = IdempotentVerzoek.objects.create(
                gebruiker_id=gebruiker_id, sleutel=sleutel, vingerafdruk=afdruk
            )
    except IntegrityError:
        # Another request with this key committed first (we waited for it): its row.
        return IdempotentVerzoek.objects.get(gebruiker_id=gebruiker_id, sleutel=sleutel), False
    return verzoek, True


def voer_eenmaal_uit(
    request: HttpRequest,
    *,
    gebruiker_id: int,
    sleutel: str,
    uitvoeren: Callable[[], HttpResponseBase],
    inhoud: bytes | None = None,
) -> HttpResponseBase:
    """Run ``uitvoeren`` (the view's handler, returning a rendered response) once for this
    user and key.

    Everything happens in one transaction with the request's own write, so the key is kept
    exactly when the write is: an error, or any answer outside 2xx (which writes nothing),
    rolls back and forgets the key, and the client may retry with it. In a write request
    (:mod:`procesregie.transacties`) that is the request's transaction, which the service
    then runs in as well.
    """
    afdruk = vingerafdruk(request, inhoud)
    with nullcontext() if in_schrijfverzoek() else transaction.atomic():
        verzoek, nieuw = neem_sleutel(gebruiker_id, sleutel, afdruk)
        if not nieuw:
            if verzoek.vingerafdruk != afdruk:
                raise SleutelHergebruikt()
            return _herhaling(verzoek)
        antwoord = uitvoeren()
        if not 200 <= antwoord.status_code < 300 or antwoord.streaming:
            transaction.set_rollback(True)
            return antwoord
        assert isinstance(antwoord, HttpResponse)
        verzoek.status = antwoord.status_code
        verzoek.inhoudstype = antwoord.get("Content-Type", "")
        verzoek.inhoud = antwoord.content
        verzoek.locatie = antwoord.get("Location", "")
        verzoek.save(update_fields=["status", "inhoudstype", "inhoud", "locatie"])
        return antwoord
