"""What the krachtenveld task's tests share: its URLs, the events a case got, a new party's
form data and a speler assessed 20 days ago."""

from __future__ import annotations

from typing import Any

from cases import services
from cases.models import Bestuursproces, Gebeurtenis, Speler
from tests.factories import actor_voor
from werkruimte.versie import versie_van

from .conftest import dagen_geleden


def url(zaak: Bestuursproces, *deel: str) -> str:
    return "/".join([f"/processen/{zaak.uuid}/krachtenveld", *deel, ""])


def typen(zaak: Bestuursproces, na: int = 0) -> list[str]:
    return list(
        Gebeurtenis.objects.filter(bestuursproces=zaak, volgnummer__gt=na)
        .order_by("volgnummer")
        .values_list("type", flat=True)
    )


def nieuwe_speler(zaak: Bestuursproces, **extra: Any) -> dict[str, Any]:
    return {
        "naam": "Woningcorporatie Havenstad",
        "soort": "groep",
        "veld": "uitvoerende",
        "rol_in_proces": "sleutelpersoon",
        "standpunt": "afwachtend",
        "macht": "productiemacht",
        "invloed": "4",
        "vertrouwen": "3",
        "zichtbaarheid": "proces",
        "toelichting": "Bouwt de woningen, wacht op de grondprijs",
        "versie": versie_van(zaak),
        **extra,
    }


def beoordeelde_speler(
    zaak: Bestuursproces, regisseur: Any, naam: str = "Ondernemersvereniging"
) -> Speler:
    """A speler known since 20 days ago, assessed then."""
    speler = services.registreer_speler(
        tijdstip=dagen_geleden(20),
        actor=actor_voor(regisseur),
        bestuursproces=zaak,
        naam=naam,
        soort="groep",
        veld="verbindende",
        rol_in_proces="betrokkene",
    )
    services.beoordeel_speler(
        actor=actor_voor(regisseur),
        speler=speler,
        standpunt="tegenstander",
        macht="blokkademacht",
        invloed=4,
        vertrouwen=2,
        tijdstip=dagen_geleden(20),
    )
    return speler
