"""The DRF side: every authenticated POST of a view with this mixin honours Idempotency-Key."""

from __future__ import annotations

from typing import Any

from django.http.response import HttpResponseBase
from rest_framework.request import Request
from rest_framework.views import APIView

from .verzoeken import inhoud_van, lees_sleutel, voer_eenmaal_uit


class IdempotentePostMixin(APIView):
    """A POST with an ``Idempotency-Key`` is done once per user and key (see ``verzoeken``)."""

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)
        if request.method != "POST" or not request.user.is_authenticated:
            return
        sleutel = lees_sleutel(request._request)
        if sleutel is None:
            return
        gebruiker_id = request.user.pk
        methode = request.method.lower()
        post = getattr(self, methode)

        def eenmalig(request: Request, *args: Any, **kwargs: Any) -> HttpResponseBase:
            def uitvoeren() -> HttpResponseBase:
                antwoord = self.finalize_response(
                    request, post(request, *args, **kwargs), *args, **kwargs
                )
                # Rendered here, inside the transaction, so that the body can be kept.
                render = getattr(antwoord, "render", None)
                return render() if callable(render) else antwoord

            return voer_eenmaal_uit(
                request._request,
                gebruiker_id=gebruiker_id,
                sleutel=sleutel,
                uitvoeren=uitvoeren,
                inhoud=inhoud_van(request),
            )

        # DRF looks the handler up (by method name, as here) right after initial(), so
        # replacing it here puts the key after authentication and permissions and around the
        # whole write, in one transaction.
        setattr(self, methode, eenmalig)
