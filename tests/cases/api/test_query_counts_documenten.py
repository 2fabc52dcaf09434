"""The documenten list, one document and one version run a fixed number of queries, whatever
the number of documents or versions.

How each endpoint is measured: _query_counts.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from cases import services
from cases.models import Bestuursproces, Document
from tests._bestanden import PNG, bestand
from tests.factories import actor_voor, open_proces

from ._query_counts import GROOTTES, Eindpunt, meet, pagina
from .helpers import proces_url
from .register import NIVEAUS

pytestmark = pytest.mark.usefixtures("documentopslag")


def proces_met_documenten(regisseur: Any, n: int) -> Bestuursproces:
    """n documents at the three levels, each with two versions, every other one linked to an
    interventie."""
    proces = open_proces(regisseur, met_idee=False)
    actor = actor_voor(regisseur)
    interventie = services.log_interventie(
        actor=actor,
        bestuursproces=proces,
        titel="Werksessie",
        datum=timezone.localdate(proces.geopend_op),
        velden=["verbindende"],
        niveau="groep",
        aangrijpingspunt="inhoud",
        zwaarte="licht",
        beoogd_effect="Ideeën",
        zichtbaarheid="proces",
    )
    for nummer in range(n):
        document = services.voeg_document_toe(
            actor=actor,
            bestuursproces=proces,
            titel=f"Document {nummer}",
            bestand=bestand(),
            zichtbaarheid=NIVEAUS[nummer % 3],
            interventie=interventie if nummer % 2 else None,
        )
        services.voeg_versie_toe(actor=actor, document=document, bestand=bestand("b.png", PNG))
    return proces


def document_met_versies(regisseur: Any, n: int) -> str:
    proces = open_proces(regisseur, met_idee=False)
    actor = actor_voor(regisseur)
    document = services.voeg_document_toe(
        actor=actor, bestuursproces=proces, titel="Verslag", bestand=bestand()
    )
    for _ in range(n - 1):
        services.voeg_versie_toe(actor=actor, document=document, bestand=bestand())
    return proces_url(proces, f"/documenten/{document.uuid}")


def laatste_versie(regisseur: Any, n: int) -> str:
    url = document_met_versies(regisseur, n)
    return f"{url}/versies/{n}"


def controleer_document(body: dict[str, Any], n: int) -> None:
    assert [v["nummer"] for v in body["versies"]] == list(range(1, n + 1))


def controleer_versie(body: dict[str, Any], n: int) -> None:
    assert body["nummer"] == n


def controleer_lijst(body: dict[str, Any], n: int) -> None:
    pagina(0)(body, n)
    assert all(len(d["versies"]) == 2 for d in body["results"])
    assert Document.objects.count() == n


EINDPUNTEN = {
    # 1 the case with mijnRol, 2 count, 3 the page with authors, consolidatie (and its step)
    # and interventie, 4 their versions with authors.
    "documenten": Eindpunt(
        lambda r, n: proces_url(proces_met_documenten(r, n), "/documenten"), 4, controleer_lijst
    ),
    # 1 the case with mijnRol, 2 the document with author and links, 3 its versions.
    "documenten/{uuid}": Eindpunt(document_met_versies, 3, controleer_document),
    # The same three: the version is read from the document's prefetched versions.
    "documenten/{uuid}/versies/{n}": Eindpunt(laatste_versie, 3, controleer_versie),
}


@pytest.mark.parametrize("n", GROOTTES)
@pytest.mark.parametrize("naam", list(EINDPUNTEN))
def test_vast_aantal_queries(
    regisseur: Any, django_assert_num_queries: Any, naam: str, n: int
) -> None:
    meet(EINDPUNTEN[naam], regisseur, n, django_assert_num_queries)
