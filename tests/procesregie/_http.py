"""Plain HTTP against the live server, as a third-party client would talk to the API."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Antwoord:
    status: int
    headers: dict[str, str]
    tekst: str

    def json(self) -> Any:
        return json.loads(self.tekst)


def verstuur(
    methode: str, url: str, *, token: str, body: Any = None, headers: dict[str, str] | None = None
) -> Antwoord:
    """One request with a fresh connection; any status comes back as an Antwoord."""
    data = None if body is None else json.dumps(body).encode()
    verzoek = urllib.request.Request(url, data=data, method=methode)
    verzoek.add_header("Authorization", f"Token {token}")
    if data is not None:
        verzoek.add_header("Content-Type", "application/json")
    for naam, waarde in (headers or {}).items():
        verzoek.add_header(naam, waarde)
    try:
        with urllib.request.urlopen(verzoek, timeout=120) as antwoord:
            return Antwoord(antwoord.status, dict(antwoord.headers), antwoord.read().decode())
    except urllib.error.HTTPError as fout:
        return Antwoord(fout.code, dict(fout.headers), fout.read().decode())
