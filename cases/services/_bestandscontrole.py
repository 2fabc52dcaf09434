"""What a document upload must be: not too large, of an allowed type by name and by content.

The extension alone is what a client claims; the first bytes (and for the zipped office
formats the package's own manifest) are what the file is. Both must name the same type, so a
renamed executable or an HTML page called ``verslag.pdf`` is refused.
"""

from __future__ import annotations

import codecs
import hashlib
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePath
from typing import IO

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext, gettext_lazy

from cases.exceptions import DomainError, OngeldigeInvoer

BLOK = 64 * 1024


def _zip_met(naam: str, inhoud: bytes | None = None) -> Callable[[IO[bytes]], bool]:
    """A zip package holding ``naam`` (with ``inhoud`` when given): the office formats."""

    def past(bestand: IO[bytes]) -> bool:
        bestand.seek(0)
        try:
            with zipfile.ZipFile(bestand) as pakket:
                if naam not in pakket.namelist():
                    return False
                if inhoud is None:
                    return True
                # Read a declared-small entry only: a crafted package cannot expand here.
                if pakket.getinfo(naam).file_size > 2 * len(inhoud):
                    return False
                return pakket.read(naam).strip() == inhoud
        except (zipfile.BadZipFile, OSError, KeyError, RuntimeError):
            return False

    return past


def _begint_met(*handtekeningen: bytes) -> Callable[[IO[bytes]], bool]:
    def past(bestand: IO[bytes]) -> bool:
        bestand.seek(0)
        kop = bestand.read(16)
        return any(kop.startswith(h) for h in handtekeningen)

    return past


def _tekst(bestand: IO[bytes]) -> bool:
    """Plain text: UTF-8 without NUL bytes (a binary file renamed to .txt fails)."""
    bestand.seek(0)
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        while blok := bestand.read(BLOK):
            if b"\x00" in blok:
                return False
            decoder.decode(blok)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


@dataclass(frozen=True)
class Bestandssoort:
    inhoudstype: str
    past: Callable[[IO[bytes]], bool]


# Extension → what its content must look like. The allow-list of the service.
SOORTEN: dict[str, Bestandssoort] = {
    ".pdf": Bestandssoort("application/pdf", _begint_met(b"%PDF-")),
    ".docx": Bestandssoort(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        _zip_met("word/document.xml"),
    ),
    ".xlsx": Bestandssoort(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        _zip_met("xl/workbook.xml"),
    ),
    ".odt": Bestandssoort(
        "application/vnd.oasis.opendocument.text",
        _zip_met("mimetype", b"application/vnd.oasis.opendocument.text"),
    ),
    ".ods": Bestandssoort(
        "application/vnd.oasis.opendocument.spreadsheet",
        _zip_met("mimetype", b"application/vnd.oasis.opendocument.spreadsheet"),
    ),
    ".png": Bestandssoort("image/png", _begint_met(b"\x89PNG\r\n\x1a\n")),
    ".jpg": Bestandssoort("image/jpeg", _begint_met(b"\xff\xd8\xff")),
    ".jpeg": Bestandssoort("image/jpeg", _begint_met(b"\xff\xd8\xff")),
    ".txt": Bestandssoort("text/plain", _tekst),
}


class BestandTeGroot(DomainError):
    status = 413
    code = "bestand-te-groot"
    titel = gettext_lazy("Het bestand is te groot.")

    def __init__(self, grootte: int, maximum: int) -> None:
        super().__init__(
            gettext(
                "Het bestand is %(grootte)s bytes; een document mag hoogstens %(max)s bytes "
                "(%(mb)s MB) zijn."
            )
            % {"grootte": grootte, "max": maximum, "mb": round(maximum / 1024 / 1024, 1)},
            veld="bestand",
        )


@dataclass(frozen=True)
class Gecontroleerd:
    """An accepted upload: its clean name, type, size and SHA-256."""

    bestandsnaam: str
    inhoudstype: str
    grootte: int
    sha256: str


def _ongeldig(code: str, tekst: str) -> OngeldigeInvoer:
    return OngeldigeInvoer({"bestand": [(code, tekst)]})


def controleer_bestand(bestand: UploadedFile) -> Gecontroleerd:
    """Check size and type of an upload and hash it; raise what is wrong with it."""
    maximum = settings.DOCUMENT_MAX_BYTES
    grootte = bestand.size or 0
    if grootte > maximum:
        raise BestandTeGroot(grootte, maximum)
    if grootte == 0:
        raise _ongeldig("leeg", gettext("Het bestand is leeg."))
    naam = PurePath((bestand.name or "").replace("\\", "/")).name.strip()
    extensie = PurePath(naam).suffix.lower()
    soort = SOORTEN.get(extensie)
    if not naam or soort is None:
        toegestaan = ", ".join(sorted(e.lstrip(".") for e in SOORTEN))
        raise _ongeldig(
            "bestandstype_niet_toegestaan",
            gettext("Dit bestandstype is niet toegestaan; toegestaan zijn: %(soorten)s.")
            % {"soorten": toegestaan},
        )
    if bestand.file is None or not soort.past(bestand.file):
        raise _ongeldig(
            "inhoud_past_niet",
            gettext("De inhoud van het bestand is geen %(soort)s, al eindigt de naam op %(ext)s.")
            % {"soort": extensie.lstrip(".").upper(), "ext": extensie},
        )
    hasher = hashlib.sha256()
    bestand.seek(0)
    for blok in bestand.chunks(BLOK):
        hasher.update(blok)
    bestand.seek(0)
    return Gecontroleerd(naam[:255], soort.inhoudstype, grootte, hasher.hexdigest())
