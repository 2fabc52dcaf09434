"""The evaluation report names how a closed case ended and what follows (issue 14, item 5)."""

from __future__ import annotations

from typing import Any

from cases import services
from cases.models import Bestuursproces
from tests.factories import actor_voor

from .conftest import exporteer

ZAAK = "https://zaken.havenstad.example/programmas/energie"


def test_rapport_toont_de_uitkomst(bestuursproces: Bestuursproces, regisseur: Any) -> None:
    services.wijzig_status(
        actor=actor_voor(regisseur),
        bestuursproces=bestuursproces,
        status="afgerond",
        uitkomst="Opgegaan in het energieprogramma",
        uitkomst_soort="programma",
        vervolg_url=ZAAK,
    )
    html = exporteer(bestuursproces, "html", "evaluator").decode()
    assert "Afgerond: Opgegaan in het energieprogramma" in html
    assert f"<dd>Omgezet in een programma (vervolg: {ZAAK})</dd>" in html
