"""Small files of every allowed type (and some that pretend), for the document tests."""

from __future__ import annotations

import hashlib
import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
TEKST = b"Verslag van de werksessie: twaalf uitgenodigd, vijf aanwezig.\n"


def zip_met(bestanden: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as pakket:
        for naam, inhoud in bestanden.items():
            pakket.writestr(naam, inhoud)
    return buffer.getvalue()


DOCX = zip_met({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})
ODT = zip_met({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"})


def bestand(naam: str = "verslag.pdf", inhoud: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(naam, inhoud)


def sha256(inhoud: bytes) -> str:
    return hashlib.sha256(inhoud).hexdigest()


def opgeslagen(map: str = "") -> list[str]:
    """Every file name in the documenten storage (recursively)."""
    from django.core.files.storage import storages

    opslag = storages["documenten"]
    try:
        mappen, bestanden = opslag.listdir(map)
    except FileNotFoundError:
        return []
    namen = [f"{map}/{b}".lstrip("/") for b in bestanden]
    for sub in mappen:
        namen.extend(opgeslagen(f"{map}/{sub}".lstrip("/")))
    return sorted(namen)
