"""POST /api/v1/tokens: trade a username and password for an API token."""

from __future__ import annotations

from django.contrib.auth import authenticate
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.authtoken.models import Token
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle
from rest_framework.views import APIView


class InlogPogingen(AnonRateThrottle):
    rate = "20/min"


class InloggegevensSerializer(serializers.Serializer[object]):
    gebruikersnaam = serializers.CharField(max_length=150)
    wachtwoord = serializers.CharField(max_length=512, trim_whitespace=False)


class TokenView(APIView):
    authentication_classes: list[type] = []
    permission_classes = [AllowAny]
    throttle_classes = [InlogPogingen]

    @extend_schema(
        operation_id="token_aanvragen",
        summary="API-token aanvragen",
        description=(
            "Geeft het API-token van de gebruiker. Stuur het daarna mee als "
            "`Authorization: Token <token>`."
        ),
        request=InloggegevensSerializer,
        responses={200: inline_serializer("Token", {"token": serializers.CharField()})},
        auth=[],
        tags=["authenticatie"],
    )
    def post(self, request: Request) -> Response:
        invoer = InloggegevensSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        gebruiker = authenticate(
            request=request._request,
            username=invoer.validated_data["gebruikersnaam"],
            password=invoer.validated_data["wachtwoord"],
        )
        if gebruiker is None or not gebruiker.is_active:
            raise serializers.ValidationError(
                {"wachtwoord": ["Gebruikersnaam of wachtwoord klopt niet."]},
                code="ongeldige_inloggegevens",
            )
        # A token is the user's credential, not case data: it is not an event of any case.
        token, _ = Token.objects.get_or_create(user=gebruiker)
        return Response({"token": token.key})
