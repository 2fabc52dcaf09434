"""Overstappen uit Excel: a stakeholder list (xlsx or csv) becomes spelers with assessments.

Three steps, none of which leaves a file on the server:

1. ``lees_bestand`` turns the uploaded bytes into rows of text (the first row names the
   columns; ``;`` or ``,`` separated csv in UTF-8 with or without BOM, or the first sheet of
   an xlsx workbook), within a size and a row limit;
2. ``controleer`` checks every row (required columns, known values in Dutch labels or codes,
   dates as d-m-jjjj or ISO, not in the future nor before the case opened) and marks likely
   duplicates of parties already in the case or earlier in the file; the checked rows travel
   to the next step as a signed token (``verpak``/``pak_uit``) in the confirmation form;
3. ``importeer`` writes every row through the services in one transaction, each with its
   own date: ``organisatie.geregistreerd`` for an organisation the case does not know yet,
   ``speler.geregistreerd`` and, when the row has a standpunt, ``speler.beoordeeld``. One
   refused row refuses the whole file.
"""

from .bestand import KOLOMMEN, MAX_BYTES, MAX_RIJEN, MAX_UITGEPAKT, Bestandsfout, lees_bestand
from .controle import Rij, Voorbeeld, controleer
from .opslaan import STANDAARDSCORE, importeer, samenvatting
from .token import pak_uit, verpak

__all__ = [
    "KOLOMMEN",
    "MAX_BYTES",
    "MAX_RIJEN",
    "MAX_UITGEPAKT",
    "STANDAARDSCORE",
    "Bestandsfout",
    "Rij",
    "Voorbeeld",
    "controleer",
    "importeer",
    "lees_bestand",
    "pak_uit",
    "samenvatting",
    "verpak",
]
