"""JSON request bodies with a bounded nesting depth.

Python's json module recurses per level: a body nested about a thousand deep raises
RecursionError (a 500), and one a little less deep still reaches serializers and the canonical
event encoder, which recurse too. No resource of this API is deeper than a handful of levels,
so anything beyond ``MAX_DIEPTE`` is refused before it reaches a view.

A body that is no JSON gets a Dutch sentence (English on request) that names the place of the
error, never Python's own message. A string with a lone surrogate (``"\\ud800"``) is valid
JSON but no Unicode text: no database or hash can take it, so it is refused here too, named
by its field as DRF's CharField would, but in the request's language.
"""

from __future__ import annotations

import codecs
import json
import re
import sys
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _
from rest_framework.exceptions import ErrorDetail, ParseError, ValidationError
from rest_framework.parsers import JSONParser

# Levels of objects and arrays; the deepest input today (opdracht.besluitmomenten[i]) has 3.
MAX_DIEPTE = 32

# A decoded body holds no surrogate, so only a \uD800-\uDFFF escape can make one; without
# such an escape the parsed data need not be searched.
SURROGAATESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
SURROGAAT = re.compile("[\ud800-\udfff]")
# DRF's code for the same refusal by its CharField.
SURROGAATCODE = "surrogate_characters_not_allowed"


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


def los_surrogaat(waarde: Any) -> tuple[str, str] | None:
    """The first string of parsed JSON with a surrogate, as (dotted path, the code point as
    U+D800), without recursion; None when there is none. A key counts for its object."""
    stapel: list[tuple[Any, str]] = [(waarde, "")]
    while stapel:
        item, pad = stapel.pop()
        if isinstance(item, str):
            if gevonden := SURROGAAT.search(item):
                return pad, f"U+{ord(gevonden.group()):04X}"
        elif isinstance(item, dict | list):
            paren = item.items() if isinstance(item, dict) else enumerate(item)
            kinderen = []
            for sleutel, kind in paren:
                if isinstance(sleutel, str) and (gevonden := SURROGAAT.search(sleutel)):
                    return pad, f"U+{ord(gevonden.group()):04X}"
                kinderen.append((kind, f"{pad}.{sleutel}" if pad else str(sleutel)))
            stapel.extend(reversed(kinderen))  # in the order of the body
    return None


def te_diep() -> ParseError:
    return ParseError(
        _("De JSON is te diep genest: hoogstens %(max)s niveaus van objecten en lijsten.")
        % {"max": MAX_DIEPTE},
        code="te_diep_genest",
    )


def ongeldig(melding: str) -> ParseError:
    return ParseError(melding, code="parse_error")


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
            data = json.loads(
                tekst, parse_constant=self._geen_constanten, parse_int=self._geheel_getal
            )
        except RecursionError:
            raise te_diep() from None
        except json.JSONDecodeError as exc:
            raise ongeldig(
                _("De inhoud is geen geldige JSON (regel %(regel)s, kolom %(kolom)s).")
                % {"regel": exc.lineno, "kolom": exc.colno}
            ) from None
        except UnicodeDecodeError:
            raise ongeldig(
                _("De inhoud is geen geldige %(codering)s-tekst.") % {"codering": encoding.upper()}
            ) from None
        except ValueError:
            raise ongeldig(_("De inhoud is geen geldige JSON.")) from None
        if diepte(data) > MAX_DIEPTE:
            raise te_diep()
        if SURROGAATESCAPE.search(tekst) and (surrogaat := los_surrogaat(data)):
            pad, teken = surrogaat
            melding = _("Surrogaattekens zijn niet toegestaan: %(teken)s.") % {"teken": teken}
            # As DRF's CharField reports it (400 with invalidParams), but in our language.
            raise ValidationError(
                {pad or "non_field_errors": [ErrorDetail(melding, code=SURROGAATCODE)]}
            )
        return data

    @staticmethod
    def _geen_constanten(naam: str) -> Any:
        # NaN and Infinity are not JSON (RFC 8259); DRF's strict mode refuses them likewise.
        raise ongeldig(_("'%(naam)s' is geen geldige JSON-waarde.") % {"naam": naam})

    @staticmethod
    def _geheel_getal(cijfers: str) -> int:
        try:
            return int(cijfers)
        except ValueError:
            # Python converts at most sys.get_int_max_str_digits() digits (CVE-2020-10735).
            raise ongeldig(
                _("Een getal in de inhoud is te lang: hoogstens %(max)s cijfers.")
                % {"max": sys.get_int_max_str_digits()}
            ) from None
