"""Closing a case records a structured outcome, and asks for confirmation while wyber-stappen
are open (issue 14, item 5)."""

from __future__ import annotations

from typing import Any

import pytest

from cases import services
from cases.events import Actor, herbouw
from cases.events.wereldtijd import geschiedenis
from cases.exceptions import OngeldigeInvoer
from cases.models import Bestuursproces, Status
from cases.selectors import huidige_toestand
from cases.services.status import OpenStappen

from ._hulp import (
    REGISSEUR_NAAM,
    gebeurtenissen_na,
    laatste_volgnummer,
    naar_consolideren,
    samenvatting,
    schrijft_niets,
    start_stap,
    verwacht,
)

ZAAK = "https://zaken.havenstad.example/projecten/havenkwartier"


def sluit(actor: Actor, proces: Bestuursproces, **velden: Any) -> Bestuursproces:
    gegevens: dict[str, Any] = {
        "status": "afgerond",
        "uitkomst": "Het idee gaat verder als project Havenkwartier",
        "uitkomst_soort": "project",
        "vervolg_url": ZAAK,
    }
    gegevens.update(velden)
    return services.wijzig_status(actor=actor, bestuursproces=proces, **gegevens)


def test_afronden_legt_soort_omschrijving_en_vervolg_vast(
    bestuursproces: Bestuursproces, regisseur: Any, actor: Actor
) -> None:
    sluit(actor, bestuursproces, toelichting="Raad stemde in")

    bestuursproces.refresh_from_db()
    assert (
        bestuursproces.status,
        bestuursproces.uitkomst_soort,
        bestuursproces.uitkomst,
        bestuursproces.vervolg_url,
    ) == ("afgerond", "project", "Het idee gaat verder als project Havenkwartier", ZAAK)
    [gebeurtenis] = gebeurtenissen_na(bestuursproces, 3)
    assert samenvatting(gebeurtenis) == verwacht(
        4,
        "status.gewijzigd",
        {
            "van": "actief",
            "naar": "afgerond",
            "uitkomst": "Het idee gaat verder als project Havenkwartier",
            "uitkomstSoort": "project",
            "vervolgUrl": ZAAK,
            "openGelaten": [],
            "openAfspraken": [],
        },
        door=regisseur,
        naam=REGISSEUR_NAAM,
        toelichting="Raad stemde in",
    )
    toestand = huidige_toestand(bestuursproces)
    assert herbouw(geschiedenis(bestuursproces.pk)) == toestand
    assert (
        toestand["bestuursproces"]["uitkomstSoort"],
        toestand["bestuursproces"]["vervolgUrl"],
    ) == (
        "project",
        ZAAK,
    )


def test_open_stappen_vragen_bevestiging_en_komen_in_de_gebeurtenis(
    bestuursproces: Bestuursproces, regisseur: Any, actor: Actor
) -> None:
    divergerend = start_stap(actor, bestuursproces)
    consoliderend, _ = naar_consolideren(actor, bestuursproces, "Wonen")

    with schrijft_niets(), pytest.raises(OpenStappen) as fout:
        sluit(actor, bestuursproces)
    assert fout.value.status == 409
    assert fout.value.detail.startswith(
        "Nog niet geconsolideerd: stap 1 (divergeren), stap 2 (consolideren)."
    )

    volgnummer = laatste_volgnummer(bestuursproces)
    sluit(actor, bestuursproces, uitkomst_soort="gestopt", vervolg_url="", bevestigd=True)
    [gebeurtenis] = gebeurtenissen_na(bestuursproces, volgnummer)
    assert gebeurtenis.payload["openGelaten"] == [
        {"stap": str(divergerend.uuid), "volgnummer": 1, "fase": "divergeren"},
        {"stap": str(consoliderend.uuid), "volgnummer": 2, "fase": "consolideren"},
    ]
    assert gebeurtenis.payload["uitkomstSoort"] == "gestopt"
    bestuursproces.refresh_from_db()
    assert herbouw(geschiedenis(bestuursproces.pk)) == huidige_toestand(bestuursproces)


@pytest.mark.parametrize(
    ("velden", "fout"),
    [
        ({"uitkomst_soort": "verdampt"}, "uitkomst_soort"),
        ({"vervolg_url": "geen url"}, "vervolg_url"),
    ],
)
def test_ongeldige_uitkomst_wordt_geweigerd(
    bestuursproces: Bestuursproces, actor: Actor, velden: dict[str, Any], fout: str
) -> None:
    with schrijft_niets(), pytest.raises(OngeldigeInvoer) as gevangen:
        sluit(actor, bestuursproces, **velden)
    assert list(gevangen.value.fouten) == [fout]


def test_soort_alleen_bij_afronden_en_heropenen_houdt_haar(
    bestuursproces: Bestuursproces, actor: Actor
) -> None:
    with schrijft_niets(), pytest.raises(OngeldigeInvoer):
        services.wijzig_status(
            actor=actor,
            bestuursproces=bestuursproces,
            status="gepauzeerd",
            uitkomst_soort="project",
        )
    sluit(actor, bestuursproces)
    services.wijzig_status(actor=actor, bestuursproces=bestuursproces, status="actief")
    bestuursproces.refresh_from_db()
    assert (bestuursproces.status, bestuursproces.uitkomst_soort) == (Status.ACTIEF, "project")
    assert herbouw(geschiedenis(bestuursproces.pk)) == huidige_toestand(bestuursproces)
