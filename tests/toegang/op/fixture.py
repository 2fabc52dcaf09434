"""The test OpenID Provider as a pytest fixture: a real provider in its own process on
loopback (tests/toegang/op/start.py), and the app configured to use it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
import requests
from django.conf import settings

from .start import WACHTWOORD


@dataclass(frozen=True)
class IdentityProvider:
    basis: str
    issuer: str
    client_id: str
    client_secret: str
    sub: dict[str, str]
    configuratie: dict[str, Any]
    wachtwoord: str = WACHTWOORD


@pytest.fixture(scope="session")
def test_op(
    live_server: Any, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[IdentityProvider]:
    omgeving = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    # Its database and key in pytest's directory of this run, which pytest clears later:
    # the provider is stopped by a signal and cannot remove a directory of its own.
    omgeving["TEST_OP_WERKMAP"] = str(tmp_path_factory.mktemp("test-op"))
    proces = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.toegang.op.start",
            f"{live_server.url}/oidc/callback/",
            f"{live_server.url}/inloggen/",
        ],
        cwd=settings.BASE_DIR,
        env=omgeving,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        regel = proces.stdout.readline() if proces.stdout else ""
        if not regel:
            fout = proces.stderr.read() if proces.stderr else ""
            pytest.fail(f"De test-identity provider startte niet:\n{fout}")
        gegevens = json.loads(regel)
        basis = f"http://127.0.0.1:{gegevens['poort']}"
        configuratie = requests.get(f"{basis}/o/.well-known/openid-configuration", timeout=30)
        configuratie.raise_for_status()
        yield IdentityProvider(
            basis=basis,
            issuer=configuratie.json()["issuer"],
            client_id=gegevens["client_id"],
            client_secret=gegevens["client_secret"],
            sub=gegevens["sub"],
            configuratie=configuratie.json(),
        )
    finally:
        proces.terminate()
        proces.wait(timeout=30)
        for stroom in (proces.stdout, proces.stderr):
            if stroom:
                stroom.close()


@pytest.fixture
def sso(test_op: IdentityProvider, settings: Any) -> IdentityProvider:
    """The app's SSO settings pointed at the test provider, as an installation sets them from
    the provider's discovery document."""
    c = test_op.configuratie
    settings.OIDC_RP_CLIENT_ID = test_op.client_id
    settings.OIDC_RP_CLIENT_SECRET = test_op.client_secret
    settings.OIDC_OP_ISSUER = test_op.issuer
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = c["authorization_endpoint"]
    settings.OIDC_OP_TOKEN_ENDPOINT = c["token_endpoint"]
    settings.OIDC_OP_USER_ENDPOINT = c["userinfo_endpoint"]
    settings.OIDC_OP_JWKS_ENDPOINT = c["jwks_uri"]
    settings.OIDC_OP_LOGOUT_ENDPOINT = c["end_session_endpoint"]
    return test_op
