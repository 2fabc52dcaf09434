"""A TOTP device for every demo beheerder, with its secret printed (development only)."""

from __future__ import annotations

import base64
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice


class Command(BaseCommand):
    help = (
        "Alleen met DEBUG aan: geeft elke demogebruiker met beheerrechten een TOTP-apparaat en "
        "print het geheim (voor een authenticator-app) en de code van nu."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--code", metavar="GEBRUIKER", help="Print alleen de code van nu.")

    def handle(self, *args: Any, **opties: Any) -> None:
        if not settings.DEBUG:
            raise CommandError("Demo-apparaten alleen op een ontwikkelmachine (DEBUG aan).")
        beheerders = get_user_model().objects.filter(is_staff=True, is_active=True)
        if opties["code"]:
            beheerders = beheerders.filter(username=opties["code"])
            apparaat = TOTPDevice.objects.filter(user__in=beheerders, confirmed=True).first()
            if apparaat is None:
                raise CommandError(f"{opties['code']} heeft geen TOTP-apparaat.")
            self.stdout.write(f"{totp(apparaat.bin_key):06d}")
            return
        self.stdout.write("Tweede factor voor het beheer (TOTP, in een authenticator-app):")
        for gebruiker in beheerders.order_by("username"):
            apparaat, _ = TOTPDevice.objects.get_or_create(
                user=gebruiker, name="demo", defaults={"confirmed": True}
            )
            geheim = base64.b32encode(apparaat.bin_key).decode("ascii")
            self.stdout.write(
                f"  {gebruiker.get_username():<14} geheim {geheim}  code nu "
                f"{totp(apparaat.bin_key):06d}"
            )
        self.stdout.write(
            "Een code van nu: .venv/bin/python manage.py demo_tweede_factor --code GEBRUIKER"
        )
