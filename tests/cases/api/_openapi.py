"""The operations of the committed OpenAPI document, for tests that must cover every one."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

import yaml
from django.conf import settings

GECOMMIT = settings.BASE_DIR / "openapi.yaml"
METHODEN = ("get", "post", "put", "patch", "delete")


@dataclass(frozen=True)
class Operatie:
    pad: str  # the full path template, e.g. /api/v1/bestuursprocessen/{uuid}
    methode: str
    gegevens: dict[str, Any]

    @property
    def sleutel(self) -> str:
        """The path as the document lists it, relative to its server (``/api/v1``)."""
        return self.pad.removeprefix(server())

    @property
    def heeft_body(self) -> bool:
        return "requestBody" in self.gegevens

    @property
    def neemt_json(self) -> bool:
        """Whether the body is JSON (uploads take multipart/form-data only)."""
        inhoud = self.gegevens.get("requestBody", {}).get("content", {"application/json": {}})
        return "application/json" in inhoud

    @property
    def met_sessie(self) -> bool:
        """Whether a session login (and so the CSRF check) applies."""
        vereist = self.gegevens.get("security", [])
        return any("cookieAuth" in eis for eis in vereist)

    def __str__(self) -> str:
        return f"{self.methode.upper()} {self.pad}"


@functools.cache
def document() -> dict[str, Any]:
    laden = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return dict(yaml.load(GECOMMIT.read_text(encoding="utf-8"), Loader=laden))


def server() -> str:
    """The base path of every operation (the document's one server)."""
    return str(document().get("servers", [{"url": ""}])[0]["url"]).rstrip("/")


def operaties(*methoden: str) -> list[Operatie]:
    gevraagd = methoden or METHODEN
    return [
        Operatie(server() + pad, methode, gegevens)
        for pad, per_methode in document()["paths"].items()
        for methode, gegevens in per_methode.items()
        if methode in gevraagd
    ]
