"""A bijeenkomst planned ahead in the workspace, and afterwards recorded as held (who came, the
verslag) or cancelled (why); a refusal keeps the input; readers and a held one get no form."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from cases.models import Bestuursproces, Bijeenkomst, BijeenkomstStatus, Gebeurtenis
from tests.factories import voeg_leden_toe
from werkruimte.versie import versie_van

from ._dossier import Dossier, bouw_dossier, werksessie
from ._html import LEZEND, formulieren, veldfout

pytestmark = pytest.mark.django_db


@pytest.fixture
def dossier(regisseur: Any) -> Dossier:
    return bouw_dossier(regisseur)


@pytest.fixture
def leden(dossier: Dossier, regisseur: Any) -> dict[str, Any]:
    return voeg_leden_toe(dossier.zaak, regisseur)


def _url(zaak: Bestuursproces, rest: str = "") -> str:
    return f"/processen/{zaak.uuid}/bijeenkomsten/{rest}"


def _typen(zaak: Bestuursproces, na: int) -> list[str]:
    return list(
        Gebeurtenis.objects.filter(bestuursproces=zaak, volgnummer__gt=na)
        .order_by("volgnummer")
        .values_list("type", flat=True)
    )


def _plan(dossier: Dossier, client: Any) -> Bijeenkomst:
    """Today's werksessie, planned with the speler, the opdrachtgever and a resident invited."""
    laatste = versie_van(dossier.zaak)
    antwoord = client.post(
        _url(dossier.zaak, "nieuw/"),
        {
            "bijeenkomst-titel": "Werksessie kadeprofiel",
            "bijeenkomst-soort": werksessie().code,
            "bijeenkomst-datum": timezone.localdate().strftime("%d-%m-%Y"),
            "bijeenkomst-gepland": "on",
            "bijeenkomst-uitgenodigd": [
                f"speler:{dossier.speler.uuid}",
                f"opdrachtgever:{dossier.opdrachtgever.uuid}",
            ],
            "bijeenkomst-anderen_uitgenodigd": "Bewoner Jansen",
            "bijeenkomst-zichtbaarheid": "proces",
            "bijeenkomst-versie": laatste,
        },
    )
    assert antwoord.status_code == 302, antwoord.content.decode()[:2000]
    assert _typen(dossier.zaak, laatste) == ["bijeenkomst.gepland"]
    bijeenkomst = Bijeenkomst.objects.get()
    assert bijeenkomst.status == BijeenkomstStatus.GEPLAND
    return bijeenkomst


def test_gepland_en_daarna_gehouden(dossier: Dossier, leden: dict[str, Any], web: Any) -> None:
    client = web(leden["procesregisseur"])
    bijeenkomst = _plan(dossier, client)
    pagina = client.get(_url(dossier.zaak, f"{bijeenkomst.uuid}/")).content.decode()
    assert "Afloop vastleggen" in pagina

    laatste = versie_van(dossier.zaak)
    antwoord = client.post(
        _url(dossier.zaak, f"{bijeenkomst.uuid}/afloop/"),
        {
            "afloop-afloop": "gehouden",
            "afloop-datum": timezone.localdate().strftime("%d-%m-%Y"),
            "afloop-aanwezig": [f"speler:{dossier.speler.uuid}", "naam:Bewoner Jansen"],
            "afloop-anderen_aanwezig": "Buurman De Vries",
            "afloop-verslag": "Drie kwamen; het kadeprofiel ligt er.",
            "afloop-versie": laatste,
        },
    )
    assert antwoord.status_code == 302
    assert _typen(dossier.zaak, laatste) == ["bijeenkomst.gehouden"]
    bijeenkomst.refresh_from_db()
    assert bijeenkomst.status == BijeenkomstStatus.GEHOUDEN
    assert bijeenkomst.verslag == "Drie kwamen; het kadeprofiel ligt er."
    deelnemers = {
        (d.speler_id is not None, d.opdrachtgever_id is not None, d.naam): (
            d.uitgenodigd,
            d.aanwezig,
        )
        for d in bijeenkomst.deelnemers.all()
    }
    assert deelnemers == {
        (True, False, ""): (True, True),
        (False, True, ""): (True, False),
        (False, False, "Bewoner Jansen"): (True, True),
        (False, False, "Buurman De Vries"): (False, True),
    }
    pagina = client.get(_url(dossier.zaak, f"{bijeenkomst.uuid}/")).content.decode()
    assert "Aanwezigheid: 3 aanwezig van 3 uitgenodigden" in pagina
    assert "Afloop vastleggen" not in pagina
    # Held: the form is gone.
    assert client.get(_url(dossier.zaak, f"{bijeenkomst.uuid}/afloop/")).status_code == 302


def test_afgelast_met_reden_en_een_weigering_houdt_de_invoer(
    dossier: Dossier, leden: dict[str, Any], web: Any
) -> None:
    client = web(leden["procesregisseur"])
    bijeenkomst = _plan(dossier, client)
    adres = _url(dossier.zaak, f"{bijeenkomst.uuid}/afloop/")
    laatste = versie_van(dossier.zaak)

    # Cancelled without a reason: refused at the field, nothing written.
    antwoord = client.post(
        adres,
        {"afloop-afloop": "afgelast", "afloop-verslag": "Bewaard", "afloop-versie": laatste},
        HTTP_HX_REQUEST="true",
    )
    assert antwoord.status_code == 400
    html = antwoord.content.decode()
    assert "afgelast" in veldfout(html, "afloop-reden")
    assert "Bewaard</textarea>" in html
    assert _typen(dossier.zaak, laatste) == []

    antwoord = client.post(
        adres,
        {
            "afloop-afloop": "afgelast",
            "afloop-reden": "De wethouder is ziek.",
            "afloop-versie": laatste,
        },
    )
    assert antwoord.status_code == 302
    assert _typen(dossier.zaak, laatste) == ["bijeenkomst.geannuleerd"]
    bijeenkomst.refresh_from_db()
    assert bijeenkomst.status == BijeenkomstStatus.GEANNULEERD
    pagina = client.get(_url(dossier.zaak, f"{bijeenkomst.uuid}/")).content.decode()
    assert "De wethouder is ziek." in pagina


@pytest.mark.parametrize("rol", LEZEND)
def test_lezers_krijgen_geen_afloopformulier(
    dossier: Dossier, leden: dict[str, Any], web: Any, rol: str
) -> None:
    bijeenkomst = _plan(dossier, web(leden["procesregisseur"]))
    client = web(leden[rol])
    pagina = client.get(_url(dossier.zaak, f"{bijeenkomst.uuid}/")).content.decode()
    assert "Afloop vastleggen" not in pagina
    antwoord = client.get(_url(dossier.zaak, f"{bijeenkomst.uuid}/afloop/"))
    assert antwoord.status_code == 302
    assert not formulieren(client.get(antwoord["Location"]).content.decode())
    laatste = versie_van(dossier.zaak)
    client.post(
        _url(dossier.zaak, f"{bijeenkomst.uuid}/afloop/"),
        {"afloop-afloop": "afgelast", "afloop-reden": "X", "afloop-versie": laatste},
    )
    assert _typen(dossier.zaak, laatste) == []
