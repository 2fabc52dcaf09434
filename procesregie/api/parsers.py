"""JSON request bodies with a bounded nesting depth.

Python's json module recurses per level: a body nested about a thousand deep raises
RecursionError (a 500), and one a little less deep still reaches serializers and the canonical
event encoder, which recurse too. No resource of this API is deeper than a handful of levels,
so anything beyond ``MAX_DIEPTE`` is refused before it reaches a view.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

# Levels of objects and arrays; the deepest input today (opdracht.besluitmomenten[i]) has 3.
MAX_DIEPTE = 32


def diepte(waarde: Any) -> int:
    """Nesting depth of parsed JSON (a scalar is 0), without recursion."""
    diepste = 0
    stapel: list[tuple[Any, int]] = [(waarde, 0)]
    while stapel:
        item, niveau = stapel.pop()
        if isinstance(item, dict | list):
            niveau += 1
            diepste = max(diepste, niveau)
            if niveau > MAX_DIEPTE:
                return niveau
            kinderen = item.values() if isinstance(item, dict) else item
            stapel.extend((kind, niveau) for kind in kinderen)
    return diepste


def te_diep() -> ParseError:
    return ParseError(
        _("De JSON is te diep genest: hoogstens %(max)s niveaus van objecten en lijsten.")
        % {"max": MAX_DIEPTE},
        code="te_diep_genest",
    )


class BegrensdeJSONParser(JSONParser):
    """DRF's JSON parser with a depth limit and Dutch messages."""

    def parse(
        self,
        stream: Any,
        media_type: str | None = None,
        parser_context: Mapping[str, Any] | None = None,
    ) -> Any:
        encoding = (parser_context or {}).get("encoding", settings.DEFAULT_CHARSET)
        try:
            tekst = codecs.getreader(encoding)(stream).read()
            data = json.loads(tekst, parse_constant=self._geen_constanten)
        except RecursionError:
            raise te_diep() from None
        except ValueError as exc:
            raise ParseError(
                _("Ongeldige JSON: %(fout)s") % {"fout": exc}, code="parse_error"
            ) from None
        if diepte(data) > MAX_DIEPTE:
            raise te_diep()
        return data

    @staticmethod
    def _geen_constanten(naam: str) -> Any:
        # NaN and Infinity are not JSON (RFC 8259); DRF's strict mode refuses them likewise.
        raise ValueError(_("'%(naam)s' is geen geldige JSON-waarde") % {"naam": naam})
