"""A beheerder's session as it is after the second factor (toegang.beheer.BeheerSite asks
for one): a confirmed TOTP device, and the session verified by it."""

from __future__ import annotations

from typing import Any

from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice


def log_in_met_tweede_factor(client: Client, gebruiker: Any) -> Client:
    client.force_login(gebruiker)
    apparaat, _ = TOTPDevice.objects.get_or_create(
        user=gebruiker, name="test", defaults={"confirmed": True}
    )
    sessie = client.session
    sessie[DEVICE_ID_SESSION_KEY] = apparaat.persistent_id
    sessie.save()
    return client
