"""Between preview and import, the checked rows travel in the confirmation form as a signed
token, so that no file stays on the server."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict

from django.core import signing
from django.core.exceptions import ValidationError
from django.utils.translation import gettext

from cases.models import Bestuursproces

from .controle import Rij

# A token is valid for the time it takes to read the preview.
GELDIG_SECONDEN = 60 * 60
ZOUT = "werkruimte.krachtenveld.import"

_BEWAARD = [
    "nummer",
    "naam",
    "soort",
    "veld",
    "rol",
    "organisatie",
    "standpunt",
    "macht",
    "invloed",
    "vertrouwen",
    "unieke_macht",
    "belang",
    "belemmeringen",
    "datum",
    "toelichting",
    "dubbel",
    "dubbel_in_bestand",
]


def verpak(bestuursproces: Bestuursproces, gebruiker_id: int, rijen: Iterable[Rij]) -> str:
    """The checked rows, signed for this case and this user (compressed, no file on disk)."""
    return signing.dumps(
        {
            "zaak": str(bestuursproces.uuid),
            "door": gebruiker_id,
            "rijen": [{k: v for k, v in asdict(r).items() if k in _BEWAARD} for r in rijen],
        },
        salt=ZOUT,
        compress=True,
    )


def pak_uit(bestuursproces: Bestuursproces, gebruiker_id: int, token: str) -> list[Rij]:
    """The rows of a token made by :func:`verpak` for this case and user, or ValidationError."""
    try:
        inhoud = signing.loads(token, salt=ZOUT, max_age=GELDIG_SECONDEN)
    except signing.SignatureExpired as fout:
        raise ValidationError(
            gettext("Het voorbeeld is verlopen. Laad het bestand opnieuw."), code="verlopen"
        ) from fout
    except signing.BadSignature as fout:
        raise ValidationError(
            gettext("Het voorbeeld is niet meer te gebruiken. Laad het bestand opnieuw."),
            code="ongeldig",
        ) from fout
    if inhoud.get("zaak") != str(bestuursproces.uuid) or inhoud.get("door") != gebruiker_id:
        raise ValidationError(
            gettext("Dit voorbeeld hoort bij een ander proces. Laad het bestand opnieuw."),
            code="ongeldig",
        )
    return [Rij(**r) for r in inhoud["rijen"]]
