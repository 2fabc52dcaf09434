"""The X-Export headers of a case's download, the same from every door: the API and the
workspace, the export made at once and the one made as a job. They say what the file holds
for the viewer: the levels applied, how much was withheld (in all and per section), and the
chain's head the file ends with."""

from __future__ import annotations

from django.http.response import HttpResponseBase

from cases.models import Exporttaak

from .formaten import afgeschermde_onderdelen
from .gebeurtenissen import Exportopdracht


def zet_koppen(response: HttpResponseBase, opdracht: Exportopdracht) -> None:
    """The headers of an export made at once."""
    response["X-Export-Zichtbaarheid"] = " ".join(opdracht.niveaus)
    response["X-Export-Afgeschermd"] = str(opdracht.afgeschermd)
    response["X-Export-Afgeschermd-Onderdelen"] = afgeschermde_onderdelen(opdracht)
    response["X-Export-Ketenkop"] = f"{opdracht.kop_volgnummer} {opdracht.kop_hash}"


def zet_taakkoppen(response: HttpResponseBase, exporttaak: Exporttaak) -> None:
    """The headers of a job's file, as the job noted them when it was made."""
    response["X-Export-Zichtbaarheid"] = exporttaak.niveaus
    response["X-Export-Afgeschermd"] = str(exporttaak.afgeschermd)
    # Jobs made before the job noted it (API 1.8.0) have none: left out, not guessed.
    if exporttaak.afgeschermd_onderdelen is not None:
        response["X-Export-Afgeschermd-Onderdelen"] = exporttaak.afgeschermd_onderdelen
    response["X-Export-Ketenkop"] = f"{exporttaak.kop_volgnummer} {exporttaak.kop_hash}"
