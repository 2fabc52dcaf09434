"""The canary test in the admin: the same case as the API canary test, crawled per role through
every changelist and change page of the case's models (interventies with their reflecties,
positioneringen, the procesontwerp, the parties and the event log among them).

Each role finds exactly the canaries of the levels it may read; a change page of something
above its level does not open, and a search never counts what the role may not see.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.contrib import admin
from django.db.models import Model
from django.test import Client
from django.urls import reverse

from cases.models import Bestuursproces, Bijeenkomstsoort
from instruments.models import Instrument
from tests._mfa import log_in_met_tweede_factor
from tests.factories import GebruikerFactory

from ._kanaries import (
    BESTANDSINHOUD,
    GEZIEN_DOOR,
    KANARIE_PATROON,
    NIVEAUS,
    ROLLEN,
    Kanaries,
    open_in_het_verleden,
    schrijf_kanaries,
)

# Every admin of the case domain: a new one is crawled without changing this test.
# Bijeenkomstsoort is beheer's catalogue of kinds of meeting, no content of a case.
CASE_ADMINS: list[type[Model]] = [
    model
    for model in admin.site._registry
    if model._meta.app_label == "cases" and model is not Bijeenkomstsoort
]


@pytest.fixture
def bestuursproces(regisseur: Any) -> Bestuursproces:
    return open_in_het_verleden(regisseur)


@pytest.fixture
def kanaries(bestuursproces: Bestuursproces, leden: dict[str, Any], catalogus: Any) -> Kanaries:
    return schrijf_kanaries(bestuursproces, leden)


def _url(model: type[Model], actie: str, *args: Any) -> str:
    return reverse(f"admin:cases_{model._meta.model_name}_{actie}", args=args)


def _model(naam: str) -> type[Model]:
    [model] = [m for m in CASE_ADMINS if m._meta.model_name == naam]
    return model


def _mag_zien(obj: Model, rol: str) -> bool:
    # Rows without a level (the case, parties, events: those are redacted) open for every member.
    return getattr(obj, "zichtbaarheid", "proces") in GEZIEN_DOOR[rol]


def admin_crawl(client: Client, rol: str) -> tuple[str, set[str]]:
    """Every changelist (all rows on one page) and every change page of the case domain, as
    this role; and the models whose change pages were visited."""
    teksten: list[str] = []
    bezocht: set[str] = set()
    for model in CASE_ADMINS:
        lijst = client.get(_url(model, "changelist") + "?all=")
        assert lijst.status_code == 200, model
        teksten.append(lijst.content.decode())
        for obj in model._default_manager.all():
            pagina = client.get(_url(model, "change", obj.pk))
            if _mag_zien(obj, rol):
                assert pagina.status_code == 200, (model, obj)
                bezocht.add(model._meta.model_name or "")
            else:
                # The admin's "does not exist (perhaps deleted?)": back to the index.
                assert pagina.status_code == 302, (model, obj, pagina.status_code)
            teksten.append(pagina.content.decode())
    return "\n".join(teksten), bezocht


@pytest.mark.parametrize("rol", ROLLEN)
def test_elke_kanarie_in_de_admin_precies_waar_de_rol_hem_mag_zien(
    kanaries: Kanaries, leden: dict[str, Any], browser: Any, rol: str
) -> None:
    alles, bezocht = admin_crawl(browser(leden[rol]), rol)

    # The admin offers no download of a document's file.
    assert set(re.findall(KANARIE_PATROON, alles)) == {
        (soort, niveau) for soort, niveau in kanaries.verwacht(rol) if soort not in BESTANDSINHOUD
    }
    assert {"interventie", "positionering", "procesontwerpversie", "gebeurtenis"} <= bezocht


@pytest.mark.parametrize("rol", ["kernteam", "opdrachtgever", "evaluator"])
def test_zoeken_in_de_admin_telt_niets_boven_het_niveau_van_de_rol(
    kanaries: Kanaries, leden: dict[str, Any], browser: Any, rol: str
) -> None:
    client = browser(leden[rol])
    verborgen = [niveau for niveau in NIVEAUS if niveau not in GEZIEN_DOOR[rol]]
    for model in CASE_ADMINS:
        for niveau in verborgen:
            gezocht = client.get(_url(model, "changelist"), {"q": f"{niveau}-7f3a"})
            assert gezocht.status_code == 200
            assert gezocht.context["cl"].result_count == 0, (model, niveau)
    # The search itself works: what the role may read is found.
    gezocht = client.get(_url(_model("positionering"), "changelist"), {"q": "proces-7f3a"})
    assert gezocht.context["cl"].result_count > 0


def test_de_beheerder_ziet_bij_een_gebruikt_instrument_alleen_aantallen(
    kanaries: Kanaries, client: Client
) -> None:
    """The functioneel beheerder keeps the catalogue but is no member: deleting an instrument
    that interventies use says how often, not which."""
    beheerder: Any = GebruikerFactory(username="beheerder", is_staff=True, is_superuser=True)
    log_in_met_tweede_factor(client, beheerder)
    gebruikt = kanaries.interventies[0].instrument
    assert isinstance(gebruikt, Instrument)

    pagina = client.get(reverse("admin:instruments_instrument_delete", args=[gebruikt.pk]))

    assert pagina.status_code == 200
    assert "KANARIE" not in pagina.content.decode()
