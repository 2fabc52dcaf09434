"""API tokens: trade a username and password for an expiring token, and end it again."""

from __future__ import annotations

from django.contrib.auth import authenticate, user_logged_in
from django.utils.translation import gettext
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import exceptions, serializers, status
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle
from rest_framework.views import APIView

from toegang.tokens import beeindig_token, geef_token

from .authenticatie import TokenAuthentication


class InlogPogingenPerAdres(AnonRateThrottle):
    """Guessing one user's password is limited by django-axes (per username and address);
    this limits trying many usernames from one address."""

    rate = "30/min"


class InloggegevensSerializer(serializers.Serializer[object]):
    gebruikersnaam = serializers.CharField(max_length=150)
    wachtwoord = serializers.CharField(max_length=512, trim_whitespace=False)


TOKEN_ANTWOORD = inline_serializer(
    "Token",
    {
        "token": serializers.CharField(
            help_text="Het token; stuur het mee als `Authorization: Token <token>`. Het wordt "
            "alleen nu getoond: bewaard wordt alleen een hash."
        ),
        "verlooptOp": serializers.DateTimeField(
            allow_null=True, help_text="Tot wanneer het token geldig is."
        ),
    },
)


class TokenView(APIView):
    # A login door: django-axes answers 429 after too many failures (see the OpenAPI hook).
    inlogdeur = True
    authentication_classes: list[type] = []
    permission_classes = [AllowAny]
    throttle_classes = [InlogPogingenPerAdres]

    @extend_schema(
        operation_id="token_aanvragen",
        summary="API-token aanvragen",
        description=(
            "Geeft een nieuw API-token dat na een vaste tijd verloopt (standaard 10 uur; zie "
            "`verlooptOp`). Stuur het daarna mee als `Authorization: Token <token>`. Elke "
            "aanvraag geeft een nieuw token; beëindig het met `DELETE /tokens/huidig`. Een "
            "nieuw wachtwoord of een gedeactiveerd account beëindigt alle tokens. Na te veel "
            "mislukte pogingen voor dezelfde gebruikersnaam vanaf hetzelfde adres volgt een "
            "tijdelijke blokkade (429)."
        ),
        request=InloggegevensSerializer,
        responses={200: TOKEN_ANTWOORD},
        auth=[],
        tags=["authenticatie"],
    )
    def post(self, request: Request) -> Response:
        invoer = InloggegevensSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        # The plain Django request: django-axes counts failures on it and answers a lockout.
        gebruiker = authenticate(
            request=request._request,
            username=invoer.validated_data["gebruikersnaam"],
            password=invoer.validated_data["wachtwoord"],
        )
        if gebruiker is None or not gebruiker.is_active:
            raise serializers.ValidationError(
                {"wachtwoord": [gettext("Gebruikersnaam of wachtwoord klopt niet.")]},
                code="ongeldige_inloggegevens",
            )
        token, verloopt = geef_token(gebruiker)
        # A successful login: resets the failure count of this username and address.
        user_logged_in.send(sender=type(gebruiker), request=request._request, user=gebruiker)
        verlooptop = serializers.DateTimeField().to_representation(verloopt) if verloopt else None
        return Response({"token": token, "verlooptOp": verlooptop})


class HuidigTokenView(APIView):
    # No case, no role: nothing here can be refused (403) or conflict (409).
    onmogelijke_fouten = frozenset({"403", "409"})
    authentication_classes = [TokenAuthentication]
    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="token_beeindigen",
        summary="Het gebruikte API-token beëindigen",
        description=(
            "Beëindigt het token waarmee dit verzoek is gedaan (uitloggen); daarna geeft het "
            "401. Andere tokens van dezelfde gebruiker blijven geldig."
        ),
        request=None,
        responses={204: OpenApiResponse(description="Het token is beëindigd.")},
        tags=["authenticatie"],
    )
    def delete(self, request: Request) -> Response:
        if request.auth is None:  # only a token can be ended, not a session
            raise exceptions.NotAuthenticated()
        beeindig_token(request.auth)
        return Response(status=status.HTTP_204_NO_CONTENT)
