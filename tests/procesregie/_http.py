"""Plain HTTP against the live server, as a third-party client would talk to the API."""

from __future__ import annotations

import json
import threading
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

T = TypeVar("T")


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


def tegelijk(aantal: int, doe: Callable[[int], T]) -> list[T]:
    """``doe(n)`` for n in range(aantal), each in its own thread, released at one moment."""
    start = threading.Barrier(aantal, timeout=60)
    antwoorden: list[T] = []
    fouten: list[BaseException] = []

    def draai(n: int) -> None:
        try:
            start.wait()
            antwoorden.append(doe(n))
        except BaseException as fout:
            fouten.append(fout)
            start.abort()

    draden = [threading.Thread(target=draai, args=(n,), name=f"client-{n}") for n in range(aantal)]
    for draad in draden:
        draad.start()
    for draad in draden:
        draad.join(timeout=600)
    assert not any(draad.is_alive() for draad in draden)
    assert fouten == []
    return antwoorden
