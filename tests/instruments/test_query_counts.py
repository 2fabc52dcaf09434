"""Every catalogue endpoint runs a fixed number of queries, whatever the data size: each is
called at 1, 10 and 50 rows of what it shows (how: tests/cases/api/_query_counts)."""

from __future__ import annotations

from typing import Any

import pytest
from rest_framework.test import APIClient

from instruments.models import Competentie, Instrument, Kracht, VeldCode
from tests.cases.api._query_counts import GROOTTES, Eindpunt, pagina
from tests.cases.api.helpers import API

from .factories import (
    InstrumentFactory,
    StrategieFactory,
    SubVraagFactory,
    ThemaFactory,
    VeldFactory,
)


def n_instrumenten(n: int) -> str:
    """n instruments spread over the velden, each with a thema and sub-vraag of its veld."""
    for nummer in range(n):
        InstrumentFactory(veld=VeldFactory(code=VeldCode.values[nummer % 9]), met_thema=True)
    return f"{API}/instrumenten"


def laatste_instrument(n: int) -> str:
    n_instrumenten(n)
    laatste = Instrument.objects.order_by("-pk").first()
    assert laatste is not None
    return f"{API}/instrumenten/{laatste.uuid}"


def velden_met_n_rijen(n: int) -> str:
    """All nine velden; n sub-vragen, thema's (each with a sub-vraag) and competenties."""
    velden: list[Any] = [VeldFactory(code=code) for code in VeldCode.values]
    for nummer in range(n):
        veld = velden[nummer % 9]
        subvraag = SubVraagFactory(veld=veld)
        ThemaFactory(veld=veld, subvraag=subvraag)
        Competentie.objects.create(veld=veld, naam=f"Competentie {nummer}", omschrijving="-")
    return f"{API}/velden"


def veld_met_n_rijen(n: int) -> str:
    veld: Any = VeldFactory(code="interne")
    for nummer in range(n):
        ThemaFactory(veld=veld, subvraag=SubVraagFactory(veld=veld))
        Competentie.objects.create(veld=veld, naam=f"Competentie {nummer}", omschrijving="-")
    return f"{API}/velden/interne"


def n_strategieen(n: int) -> str:
    StrategieFactory.create_batch(n)
    return f"{API}/strategieen"


def n_krachten(n: int) -> str:
    for nummer in range(n):
        Kracht.objects.create(naam=f"Kracht {nummer}", omschrijving="-", volgorde=nummer)
    return f"{API}/krachten"


def controleer_velden(body: dict[str, Any], n: int) -> None:
    assert body["count"] == 9
    assert sum(len(veld["themas"]) for veld in body["results"]) == n
    assert all(thema["subvraag"] for veld in body["results"] for thema in veld["themas"])


def controleer_veld(body: dict[str, Any], n: int) -> None:
    assert (len(body["subvragen"]), len(body["themas"]), len(body["competenties"])) == (n, n, n)


def controleer_instrument(body: dict[str, Any], n: int) -> None:
    assert body["thema"]
    assert body["subvraag"]
    assert body["veldNaam"]


EINDPUNTEN = {
    # 1 count, 2 the page of velden, 3 their sub-vragen, 4 their thema's with each one's
    # sub-vraag, 5 their competenties.
    "velden": Eindpunt(lambda _, n: velden_met_n_rijen(n), 5, controleer_velden),
    # 1 the veld, 2 its sub-vragen, 3 its thema's with their sub-vraag, 4 its competenties.
    "velden/{code}": Eindpunt(lambda _, n: veld_met_n_rijen(n), 4, controleer_veld),
    # 1 count, 2 the page of instruments joined with veld, sub-vraag and thema.
    "instrumenten": Eindpunt(lambda _, n: n_instrumenten(n), 2, pagina(0)),
    # 1 the instrument joined with veld, sub-vraag and thema.
    "instrumenten/{uuid}": Eindpunt(lambda _, n: laatste_instrument(n), 1, controleer_instrument),
    # 1 count, 2 the page of strategieën.
    "strategieen": Eindpunt(lambda _, n: n_strategieen(n), 2, pagina(0)),
    # 1 count, 2 the page of krachten.
    "krachten": Eindpunt(lambda _, n: n_krachten(n), 2, pagina(0)),
}


@pytest.mark.parametrize("n", GROOTTES)
@pytest.mark.parametrize("naam", list(EINDPUNTEN))
def test_vast_aantal_queries(gebruiker, django_assert_num_queries, naam, n):
    eindpunt = EINDPUNTEN[naam]
    url = eindpunt.bouw(gebruiker, n)
    client = APIClient()
    client.force_authenticate(gebruiker)

    with django_assert_num_queries(eindpunt.queries):
        response = client.get(url)

    assert response.status_code == 200, response.content
    eindpunt.rijen(response.json(), n)


def test_filters_en_zoeken_voegen_geen_queries_toe(catalogus, gebruiker, django_assert_num_queries):
    client = APIClient()
    client.force_authenticate(gebruiker)
    params = {"zoek": "inter", "veld": "interventie", "thema": "Interventie vormen", "doel": ""}
    # 1 count, 2 the page: the filters are part of both queries.
    with django_assert_num_queries(2):
        response = client.get(f"{API}/instrumenten", params)
    assert response.json()["count"] == 1
