"""A client generated from the committed openapi.yaml with openapi-python-client, as a
third-party integrator would generate one, talking to the app in-process.

The client is generated once per version of the document into the temporary directory (a
lock keeps parallel test workers from generating it twice) and imported from there; the
package of another version that no run has used for a day is removed. Its requests go
through Django's test client, so they run inside the test's transaction.
"""

from __future__ import annotations

import fcntl
import hashlib
import importlib
import inspect
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from importlib.metadata import version
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx
from django.test import Client

from ._openapi import GECOMMIT, Operatie, server

PAKKET = "procesregie_client"
# No formatting hooks (ruff is not on PATH in every environment); the package name fixed.
CONFIG = f"post_hooks: []\npackage_name_override: {PAKKET}\n"


def genereer() -> Path:
    """The directory holding the generated package for the committed document."""
    sleutel = hashlib.sha256(
        GECOMMIT.read_bytes() + CONFIG.encode() + version("openapi-python-client").encode()
    ).hexdigest()[:16]
    basis = Path(tempfile.gettempdir()) / f"{VOORVOEGSEL}{sleutel}"
    klaar = basis / PAKKET / "__init__.py"
    basis.mkdir(exist_ok=True)
    ruim_op(basis)
    with open(basis / ".slot", "w") as slot:
        fcntl.flock(slot, fcntl.LOCK_EX)
        if not klaar.exists():
            werk = Path(tempfile.mkdtemp(dir=basis))
            (werk / "config.yaml").write_text(CONFIG)
            subprocess.run(
                [
                    str(Path(sys.executable).with_name("openapi-python-client")),
                    "generate",
                    "--path",
                    str(GECOMMIT),
                    "--output-path",
                    str(werk / PAKKET),
                    "--meta",
                    "none",
                    "--config",
                    str(werk / "config.yaml"),
                    "--fail-on-warning",
                ],
                check=True,
                capture_output=True,
            )
            (werk / PAKKET).rename(basis / PAKKET)
            shutil.rmtree(werk)
    return basis


VOORVOEGSEL = "procesregie-client-"
# A package no run has opened for this long belongs to a document no checkout uses any more.
ONGEBRUIKT = 24 * 3600


def ruim_op(huidig: Path) -> None:
    """Remove the packages of other versions of the document that no run has used for a
    day (each run opens its version's lock file, which marks the use)."""
    grens = time.time() - ONGEBRUIKT
    for ander in huidig.parent.glob(f"{VOORVOEGSEL}*"):
        if ander == huidig or not ander.is_dir():
            continue
        try:
            laatst = (ander / ".slot").stat().st_mtime
        except FileNotFoundError:
            laatst = ander.stat().st_mtime
        if laatst < grens:
            shutil.rmtree(ander, ignore_errors=True)


def laad() -> ModuleType:
    basis = str(genereer())
    if basis not in sys.path:
        sys.path.insert(0, basis)
    return importlib.import_module(PAKKET)


class DjangoTransport(httpx.BaseTransport):
    """httpx → Django's test client: the app answers in this thread, in this transaction."""

    def __init__(self) -> None:
        self.django = Client()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        inhoud = request.read()
        headers = {
            k: v
            for k, v in request.headers.items()
            if k.lower() not in {"host", "content-length", "content-type"}
        }
        response = self.django.generic(
            request.method,
            request.url.raw_path.decode(),
            data=inhoud,
            content_type=request.headers.get("content-type", ""),
            headers=headers,
        )
        return httpx.Response(
            response.status_code, headers=list(response.items()), content=response.content
        )


class GegenereerdeClient:
    """Calls operations of the generated package by their operationId."""

    def __init__(self, pakket: ModuleType, token: str) -> None:
        self.pakket = pakket
        self.client = pakket.AuthenticatedClient(
            base_url="http://testserver" + server(),
            token=token,
            prefix="Token",
            httpx_args={"transport": DjangoTransport()},
        )

    def module(self, operatie: Operatie) -> ModuleType:
        naam = operatie.gegevens["operationId"]
        assert self.pakket.__file__ is not None
        gevonden = list((Path(self.pakket.__file__).parent / "api").glob(f"*/{naam}.py"))
        assert len(gevonden) == 1, f"{naam}: {gevonden}"
        tag = gevonden[0].parent.name
        return importlib.import_module(f"{PAKKET}.api.{tag}.{naam}")

    def model(self, naam: str) -> Any:
        return getattr(self.pakket.models, naam)

    def roep(
        self, operatie: Operatie, padwaarden: dict[str, str], body: Any = None
    ) -> httpx.Response:
        """Call the operation; the raw response (status, headers, content)."""
        functie = self.module(operatie).sync_detailed
        argumenten: dict[str, Any] = {"client": self.client}
        for naam, parameter in inspect.signature(functie).parameters.items():
            if parameter.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD:
                waarde = padwaarden[naam]
                argumenten[naam] = (
                    uuid.UUID(waarde) if "UUID" in str(parameter.annotation) else waarde
                )
        if body is not None:
            argumenten["body"] = body
        return functie(**argumenten)
