"""Start the test OpenID Provider on a free loopback port.

    python -m tests.toegang.op.start REDIRECT_URI POST_LOGOUT_URI

Makes a fresh sqlite database and RSA key in ``$TEST_OP_WERKMAP`` (the test fixture passes
pytest's directory of the run) or a new temporary directory, the users
(``WACHTWOORD`` each) and the client ``procesregie``, prints one JSON line (port, client
secret, the users' ids, which are their ``sub``) and serves until it is stopped.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

GEBRUIKERS = ["ambtenaar", "beheerder", "mfa-beheerder"]
WACHTWOORD = "op-wachtwoord-123"
CLIENT_ID = "procesregie"
CLIENT_SECRET = "test-op-geheim-" + "s" * 20


def _rsa_sleutel() -> str:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    sleutel = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return sleutel.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode("ascii")


def main(redirect_uri: str, post_logout_uri: str) -> None:
    werkmap = Path(os.environ.get("TEST_OP_WERKMAP") or tempfile.mkdtemp(prefix="test-op-"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "tests.toegang.op.instellingen"
    os.environ["TEST_OP_DB"] = str(werkmap / "op.sqlite3")
    os.environ["TEST_OP_SLEUTEL"] = _rsa_sleutel()

    import django

    django.setup()
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler
    from django.core.wsgi import get_wsgi_application
    from oauth2_provider.models import Application

    call_command("migrate", verbosity=0)
    ids = {}
    for naam in GEBRUIKERS:
        gebruiker = User.objects.create_user(
            naam, f"{naam}@gemeente.test", WACHTWOORD, first_name=naam.title(), last_name="Test"
        )
        ids[naam] = str(gebruiker.pk)
    Application.objects.create(
        name="Procesregie",
        client_id=CLIENT_ID,
        client_secret=CLIENT_SECRET,
        client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
        redirect_uris=redirect_uri,
        post_logout_redirect_uris=post_logout_uri,
        algorithm=Application.RS256_ALGORITHM,
        skip_authorization=True,
    )

    class StilleHandler(WSGIRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    server = ThreadedWSGIServer(("127.0.0.1", 0), StilleHandler)
    server.set_app(get_wsgi_application())
    poort = server.server_address[1]
    print(
        json.dumps(
            {"poort": poort, "client_id": CLIENT_ID, "client_secret": CLIENT_SECRET, "sub": ids}
        ),
        flush=True,
    )
    server.serve_forever()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
