"""Every message the API or a form gives a client goes through gettext: a literal sentence
in an exception (``NotFound("...")``, ``Http404("...")``, ``ErrorDetail("...")``,
``ValidationError({"veld": ["..."]})``, also as a default of a lookup), in a DRF message
attribute or in a constant named as a message (``MELDING_...``) reaches an English client in
Dutch. Found by reading the code, so that a new literal fails here rather than in front of a
client."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from django.conf import settings

APPS = (
    "cases",
    "instruments",
    "idempotentie",
    "procesregie",
    "statuspagina",
    "toegang",
    "werkruimte",
)
# Exceptions and details whose first argument a client reads.
MELDINGEN = {
    "APIException",
    "ErrorDetail",
    "Http404",
    "NotFound",
    "ParseError",
    "PermissionDenied",
    "ValidationError",
}


def _bronnen() -> list[Path]:
    return sorted(
        pad
        for app in APPS
        for pad in (settings.BASE_DIR / app).rglob("*.py")
        if "migrations" not in pad.parts
    )


def _naam(functie: ast.expr) -> str:
    if isinstance(functie, ast.Name):
        return functie.id
    return functie.attr if isinstance(functie, ast.Attribute) else ""


def _letterlijk(waarde: ast.expr) -> bool:
    """A sentence written out: a string constant with a letter in it, or an f-string."""
    if isinstance(waarde, ast.JoinedStr):
        return True
    return (
        isinstance(waarde, ast.Constant)
        and isinstance(waarde.value, str)
        and any(teken.isalpha() for teken in waarde.value)
    )


# Calls whose text is translated (or is no sentence for a client), and so not looked into.
VERTAALD = {"gettext", "gettext_lazy", "ngettext", "pgettext", "_", "format_lazy"}


def _bevat_letterlijk(waarde: ast.expr) -> bool:
    """Whether a message's argument holds a sentence written out: itself, an element of a
    list, a value (not a key) of a dict, or an argument of a call other than gettext's (a
    default such as ``redenen.get(naam, "...")``)."""
    if _letterlijk(waarde):
        return True
    if isinstance(waarde, ast.List | ast.Tuple):
        return any(_bevat_letterlijk(element) for element in waarde.elts)
    if isinstance(waarde, ast.Dict):
        return any(_bevat_letterlijk(element) for element in waarde.values)
    if isinstance(waarde, ast.Call) and _naam(waarde.func) not in VERTAALD:
        return any(_bevat_letterlijk(argument) for argument in waarde.args)
    return False


def _is_meldingnaam(naam: str) -> bool:
    return naam.endswith("_message") or naam.lower().startswith("melding")


def _letterlijke_meldingen(pad: Path) -> list[str]:
    gevonden = []
    for knoop in ast.walk(ast.parse(pad.read_text(), str(pad))):
        if (
            isinstance(knoop, ast.Call)
            and _naam(knoop.func) in MELDINGEN
            and knoop.args
            and _bevat_letterlijk(knoop.args[0])
        ):
            gevonden.append(f"{pad.relative_to(settings.BASE_DIR)}:{knoop.lineno}")
        if isinstance(knoop, ast.Assign) and _letterlijk(knoop.value):
            for doel in knoop.targets:
                if isinstance(doel, ast.Name) and _is_meldingnaam(doel.id):
                    gevonden.append(f"{pad.relative_to(settings.BASE_DIR)}:{knoop.lineno}")
    return gevonden


@pytest.mark.databaseonafhankelijk
def test_geen_letterlijke_meldingen_aan_clients() -> None:
    assert [plek for pad in _bronnen() for plek in _letterlijke_meldingen(pad)] == []
