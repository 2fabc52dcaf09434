"""The Uitvoerder's actions on besluiten and afspraken (issue 14), so that the property test
also folds them: any sequence of valid calls, replayed, rebuilds the same tables."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from cases import services
from cases.exceptions import DomainError, OngeldigeInvoer, OngeldigeOvergang, ProcesAfgerond


class BesluitHandelingen:
    """Mixin for the Uitvoerder (which provides model, actor, auteurs, bestuursproces and the
    party lists)."""

    model: Any
    auteurs: dict[str, Any]
    bestuursproces: Any
    spelers: list[Any]
    opdrachtgevers: list[Any]
    # The afspraken made, each with whether it is still open, in order.
    afspraken: list[list[Any]]

    def _besluit(self, titel: str, niveau: str, auteur: str, door: str, n: int) -> Any:
        besluitnemer: dict[str, Any] = {"orgaan": "raad"}
        if door == "opdrachtgever" and self.opdrachtgevers:
            besluitnemer = {"opdrachtgever": self.opdrachtgevers[n % len(self.opdrachtgevers)]}
        fout: type[DomainError] | None = None
        if not titel.strip():
            fout = OngeldigeInvoer  # the service checks its input before the case
        elif self.model.afgerond:
            fout = ProcesAfgerond
        elif not self.model.mag_vastleggen(auteur, niveau):
            fout = OngeldigeInvoer

        def doe() -> None:
            services.leg_besluit_vast(
                actor=self.auteurs[auteur],
                bestuursproces=self.bestuursproces,
                titel=titel,
                datum=timezone.localdate(),
                zichtbaarheid=niveau,
                **besluitnemer,
            )

        return fout, doe

    def _afspraak(self, wat: str, niveau: str, auteur: str, n: int) -> Any:
        if not self.spelers:
            return None, None
        fout: type[DomainError] | None = None
        if not wat.strip():
            fout = OngeldigeInvoer
        elif self.model.afgerond:
            fout = ProcesAfgerond
        elif not self.model.mag_vastleggen(auteur, niveau):
            fout = OngeldigeInvoer

        def doe() -> None:
            afspraak = services.maak_afspraak(
                actor=self.auteurs[auteur],
                bestuursproces=self.bestuursproces,
                wat=wat,
                door=self.spelers[n % len(self.spelers)],
                uiterlijk=timezone.localdate(),
                zichtbaarheid=niveau,
            )
            self.afspraken.append([afspraak, True])

        return fout, doe

    def _afhandeling(self, n: int, status: str, reden: str) -> Any:
        if not self.afspraken:
            return None, None
        paar = self.afspraken[n % len(self.afspraken)]
        afspraak, is_open = paar
        fout: type[DomainError] | None = None
        if not is_open:
            fout = OngeldigeOvergang
        elif status != "nagekomen" and not reden.strip():
            fout = OngeldigeInvoer
        elif self.model.afgerond:
            fout = ProcesAfgerond

        def doe() -> None:
            services.handel_afspraak_af(
                actor=self.auteurs["regisseur"], afspraak=afspraak, status=status, reden=reden
            )
            paar[1] = False

        return fout, doe
