"""Export a case history to a file, as the API does, for evaluators and archives."""

from __future__ import annotations

import contextlib
import os
import tempfile
import uuid
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.http import Http404

from cases import selectors
from cases.exports.formaten import FORMATEN
from cases.exports.gebeurtenissen import Exportopdracht, bereid_voor
from cases.models import ALLE_NIVEAUS, Bestuursproces, Rol, Zichtbaarheid


def schrijf_atomair(pad: Path, stukken: Any) -> None:
    """Write ``stukken`` to a temporary file beside ``pad`` and rename it into place, so that
    a failure halfway never leaves a half-written export under the real name."""
    map_ = pad.parent
    descriptor, tijdelijk = tempfile.mkstemp(dir=map_, prefix=f".{pad.name}.", suffix=".deel")
    try:
        with os.fdopen(descriptor, "wb") as bestand:
            for stuk in stukken:
                bestand.write(stuk)
            bestand.flush()
            os.fsync(bestand.fileno())
        os.replace(tijdelijk, pad)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tijdelijk)
        raise


class Command(BaseCommand):
    help = (
        "Exporteert de geschiedenis van een bestuursproces naar een bestand (jsonl, csv, xes, "
        "html of pdf). Standaard met volledige zichtbaarheid (die van de procesregisseur); "
        "met --als met de zichtbaarheid van de rol van dat lid."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("bestuursproces", type=uuid.UUID, help="Uuid van het bestuursproces.")
        parser.add_argument("--formaat", required=True, choices=list(FORMATEN))
        parser.add_argument("--uitvoer", required=True, help="Het bestand om naar te schrijven.")
        parser.add_argument(
            "--als",
            metavar="GEBRUIKERSNAAM",
            help="Exporteer zoals dit lid (procesregisseur of evaluator) het mag zien.",
        )

    def handle(self, *args: Any, **opties: Any) -> None:
        opdracht = self._opdracht(opties["bestuursproces"], opties["als"])
        formaat = FORMATEN[opties["formaat"]]
        pad = Path(opties["uitvoer"])
        if not pad.parent.is_dir():
            raise CommandError(f"De map {pad.parent} bestaat niet.")
        try:
            schrijf_atomair(pad, formaat.schrijver(opdracht))
        except OSError as fout:
            raise CommandError(f"Export niet geschreven: {fout}") from fout
        self.stdout.write(
            self.style.SUCCESS(
                f"Export geschreven naar {pad} ({formaat.code}): {opdracht.aantal} "
                f"gebeurtenissen van '{opdracht.bestuursproces.titel}', zichtbaarheid "
                f"{', '.join(opdracht.niveaus)}, {opdracht.afgeschermd} afgeschermd. Kop van "
                f"de keten: volgnummer {opdracht.kop_volgnummer}, hash {opdracht.kop_hash}."
            )
        )

    def _opdracht(self, bestuursproces_uuid: uuid.UUID, als: str | None) -> Exportopdracht:
        if als is None:
            bestuursproces = Bestuursproces.objects.filter(uuid=bestuursproces_uuid).first()
            if bestuursproces is None:
                raise CommandError(f"Bestuursproces {bestuursproces_uuid} bestaat niet.")
            return bereid_voor(
                bestuursproces,
                exporteur=None,
                rol=None,
                kanaal="beheer",
                zichtbaar=ALLE_NIVEAUS,
            )
        gebruiker = selectors.actieve_gebruiker(als)
        if gebruiker is None:
            raise CommandError(f"Er is geen actieve gebruiker '{als}'.")
        try:
            bestuursproces = selectors.bestuursproces_voor(gebruiker, bestuursproces_uuid)
        except Http404 as fout:
            raise CommandError(
                f"Bestuursproces {bestuursproces_uuid} bestaat niet of '{als}' is er geen lid van."
            ) from fout
        rol = getattr(bestuursproces, "mijn_rol", None)
        if rol not in Rol.exporterend():
            raise CommandError(
                f"'{als}' is {rol} in dit bestuursproces; alleen de procesregisseur en de "
                f"evaluator mogen exporteren."
            )
        return bereid_voor(
            bestuursproces,
            exporteur=gebruiker.get_username(),
            rol=rol,
            kanaal="beheer",
            zichtbaar=Zichtbaarheid.voor_rol(rol),
        )
