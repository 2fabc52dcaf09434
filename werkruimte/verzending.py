"""A form sent twice is written once: the web's Idempotency-Key.

A browser sends a form again when its user presses Save a second time because the answer
was slow or the connection dropped, or goes Back to the filled-in page and saves it again.
Every form of the workspace carries a key made when the page was shown (``verzendsleutel``,
hidden). A write claims that key, with a fingerprint of what was typed, in the write's own
transaction (the API's :func:`idempotentie.verzoeken.neem_sleutel`): the key is kept exactly
when the write is, with the page the user was sent to after it. The same form sent again
with the same content finds the key and writes nothing: the user goes to that page, and is
told so. Other content under the same key (the page edited after going Back) is a new
submission, checked as any other (the version check shows what changed meanwhile).

A refused write keeps nothing, so the corrected form may be sent with its key again.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass

from django import forms
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from idempotentie.models import IdempotentVerzoek
from idempotentie.verzoeken import neem_sleutel

VELD = "verzendsleutel"
# What the fingerprint leaves out: what the page sets rather than what the user typed (the
# version changes after a conflict; the CSRF token is not the user's input).
NIET_GETYPT = ("versie", VELD)

AL_VERWERKT = _(
    "Dit formulier was al verstuurd en is toen opgeslagen. Er is niets dubbel vastgelegd; "
    "hieronder staat wat er nu is."
)


@dataclass(frozen=True)
class AlVerwerkt:
    """The form was sent before with this content and saved: where that took the user."""

    url: str


class Verzending:
    """One submission of a form with its key, inside the write's transaction; ``naar`` gives
    the page a write's result leads to."""

    def __init__(
        self, gebruiker_id: int, sleutel: str, afdruk: str, naar: Callable[[object], str]
    ) -> None:
        self.gebruiker_id = gebruiker_id
        self.naar = naar
        # The fingerprint is part of the key: other content under it is another submission.
        self.sleutel = f"werkruimte:{sleutel}:{afdruk}"
        self.afdruk = afdruk
        self._verzoek: IdempotentVerzoek | None = None

    @classmethod
    def van(
        cls, request: HttpRequest, formulier: forms.Form, naar: Callable[[object], str]
    ) -> Verzending | None:
        """The submission of ``formulier``, or None when it carries no key (or nobody is
        logged in)."""
        sleutel = str(formulier.data.get(formulier.add_prefix(VELD), "")).strip()
        if not sleutel or not request.user.is_authenticated:
            return None
        return cls(int(request.user.pk), sleutel[:64], afdruk(request, formulier), naar)

    def eerder(self) -> AlVerwerkt | None:
        """Claim the key; if this form was saved before, where that took the user."""
        verzoek, nieuw = neem_sleutel(self.gebruiker_id, self.sleutel, self.afdruk)
        if not nieuw:
            return AlVerwerkt(verzoek.locatie)
        self._verzoek = verzoek
        return None

    def onthoud(self, resultaat: object) -> None:
        """Keep, with the key, the page the write's ``resultaat`` leads the user to."""
        if self._verzoek is None:
            raise RuntimeError("Claim the key (eerder) before the write.")
        self._verzoek.status = 302
        self._verzoek.locatie = self.naar(resultaat)
        self._verzoek.save(update_fields=["status", "locatie"])


def afdruk(request: HttpRequest, formulier: forms.Form) -> str:
    """SHA-256 over the page's path and what the user typed: every field of the form as sent
    (in order of name) but the version and the key, and the name and content of every file."""
    overslaan = {formulier.add_prefix(naam) for naam in NIET_GETYPT} | {"csrfmiddlewaretoken"}
    velden = [
        [naam, request.POST.getlist(naam)] for naam in sorted(request.POST) if naam not in overslaan
    ]
    bestanden = []
    for naam in sorted(request.FILES):
        for bestand in request.FILES.getlist(naam):
            inhoud = hashlib.sha256()
            for stuk in bestand.chunks():
                inhoud.update(stuk)
            bestand.seek(0)  # the service reads it again
            bestanden.append([naam, bestand.name or "", inhoud.hexdigest()])
    tekst = json.dumps([request.path, velden, bestanden], ensure_ascii=False)
    return hashlib.sha256(tekst.encode()).hexdigest()
