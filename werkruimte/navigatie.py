"""The case header and the task navigation that every task page shows."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse

from cases.models import Stadium, Status

from .toegang import Zaak


@dataclass(frozen=True)
class Navigatieitem:
    code: str
    label: str
    url: str
    actief: bool


@dataclass(frozen=True)
class Zaakkop:
    """What the layout shows above every task: the case, where it stands, and the viewer."""

    zaak: Zaak
    titel: str
    stadium: str
    status: str
    rol: str
    mag_werken: bool
    taken: list[Navigatieitem]

    @property
    def uuid(self) -> str:
        return str(self.zaak.bestuursproces.uuid)


def zaakkop(zaak: Zaak, actief: str) -> Zaakkop:
    # The task list lives with the URLs, so that adding a task is one line in one place.
    from .urls import taken

    bestuursproces = zaak.bestuursproces
    return Zaakkop(
        zaak=zaak,
        titel=bestuursproces.titel,
        stadium=str(Stadium(bestuursproces.stadium).label),
        status=str(Status(bestuursproces.status).label),
        rol=zaak.rol_label,
        mag_werken=zaak.mag_werken,
        taken=[
            Navigatieitem(
                code=taak.code,
                label=str(taak.label),
                url=reverse(taak.url_naam, args=[bestuursproces.uuid]),
                actief=taak.code == actief,
            )
            for taak in taken()
        ],
    )
