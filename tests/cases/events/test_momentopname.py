"""Point in time: the case as it stood at a moment in the past, and replay across a rename."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from cases import selectors, services
from cases.events import Actor
from cases.exceptions import OngeldigeInvoer
from cases.models import Bestuursproces
from cases.services.bestuursproces import Opdracht
from cases.services.idee import IdeeInhoud
from tests.factories import actor_voor, consolideer_stap, open_proces

from ._rauw import _herbouwd, _toestand

# --- point in time ---------------------------------------------------------------------------


def _na(moment: dt.datetime) -> None:
    """Wait until the clock has passed ``moment`` (microseconds at most)."""
    while timezone.now() <= moment:
        pass


def test_momentopname_tussen_twee_wijzigingen_is_de_toestand_na_de_eerste(
    regisseur: Any, kees: Any
) -> None:
    actor = actor_voor(regisseur)
    voor_opening = timezone.now()
    _na(voor_opening)
    bestuursproces = open_proces(regisseur)
    services.wijzig_bestuursproces(
        actor=actor,
        bestuursproces=bestuursproces,
        wijzigingen={"titel": "Eerste wijziging"},
        opdracht=Opdracht(budget=Decimal("10.00")),
    )
    na_eerste = _toestand(bestuursproces)
    tussen = timezone.now()
    _na(tussen)

    services.wijzig_bestuursproces(
        actor=actor, bestuursproces=bestuursproces, wijzigingen={"titel": "Tweede wijziging"}
    )
    consolideer_stap(bestuursproces, regisseur)
    services.wijzig_stadium(
        actor=actor, bestuursproces=bestuursproces, naar="houdbaar", toelichting="Verder"
    )
    services.voeg_lid_toe(
        actor=actor, bestuursproces=bestuursproces, gebruiker=kees, rol="kernteam"
    )

    momentopname = selectors.momentopname(bestuursproces, tussen)
    assert momentopname == na_eerste
    assert momentopname is not None
    assert momentopname["bestuursproces"]["titel"] == "Eerste wijziging"
    assert momentopname["bestuursproces"]["opdracht"]["budget"] == "10.00"
    assert momentopname["volgnummer"] == 4
    assert selectors.momentopname(bestuursproces, timezone.now()) == _toestand(bestuursproces)
    assert selectors.momentopname(bestuursproces, voor_opening) is None


def test_momentopname_met_expliciete_tijdstippen(regisseur: Any) -> None:
    actor = actor_voor(regisseur)
    januari = dt.datetime(2026, 1, 5, 9, 0, tzinfo=dt.UTC)
    bestuursproces = open_proces(regisseur, tijdstip=januari)
    services.herzie_idee(
        actor=actor,
        bestuursproces=bestuursproces,
        inhoud=IdeeInhoud(wat="Februari-idee"),
        tijdstip=januari + dt.timedelta(days=31),
    )
    consolideer_stap(bestuursproces, regisseur, tijdstip=januari + dt.timedelta(days=59))
    services.wijzig_stadium(
        actor=actor,
        bestuursproces=bestuursproces,
        naar="houdbaar",
        toelichting="Maart",
        tijdstip=januari + dt.timedelta(days=60),
    )

    def op(dagen: int) -> dict[str, Any] | None:
        return selectors.momentopname(bestuursproces, januari + dt.timedelta(days=dagen))

    assert op(-1) is None
    in_januari = op(0)
    assert in_januari is not None
    assert (in_januari["idee"]["versie"], in_januari["bestuursproces"]["stadium"]) == (
        1,
        "voorstelbaar",
    )
    in_februari = op(40)
    assert in_februari is not None
    assert (in_februari["idee"]["wat"], in_februari["stadiumovergangen"]) == ("Februari-idee", [])
    assert op(60) == _toestand(bestuursproces)


def test_gebeurtenis_van_voor_de_opening_wordt_geweigerd(regisseur: Any) -> None:
    """No fact may be dated before the opening of its case (it is refused on ``tijdstip``
    with code ``voor_opening``), so a case never appears to exist before it was opened."""
    geopend = dt.datetime(2026, 3, 1, 12, 0, tzinfo=dt.UTC)
    bestuursproces = open_proces(regisseur, tijdstip=geopend)
    consolideer_stap(bestuursproces, regisseur, tijdstip=geopend)  # only the tijdstip is wrong
    aantal = bestuursproces.gebeurtenissen.count()
    with pytest.raises(OngeldigeInvoer) as fout:
        services.wijzig_stadium(
            actor=actor_voor(regisseur),
            bestuursproces=bestuursproces,
            naar="houdbaar",
            toelichting="Al eerder besloten, later vastgelegd",
            tijdstip=geopend - dt.timedelta(days=7),
        )
    assert [code for code, _ in fout.value.fouten["tijdstip"]] == ["voor_opening"]
    assert bestuursproces.gebeurtenissen.count() == aantal

    assert selectors.momentopname(bestuursproces, geopend - dt.timedelta(days=1)) is None
    assert selectors.momentopname(bestuursproces, geopend) is not None


def test_herbouw_overleeft_een_hernoemde_gebruiker(
    bestuursproces: Bestuursproces, regisseur: Any, kees: Any
) -> None:
    """Memberships replay by their uuid: a username may change between two events."""
    actor = actor_voor(regisseur)
    lid = services.voeg_lid_toe(
        actor=actor, bestuursproces=bestuursproces, gebruiker=kees, rol="kernteam"
    )
    # Renaming a user is an auth operation outside the case domain (no service for it).
    kees.username = "kees.van.dijk"
    kees.save(update_fields=["username"])
    services.wijzig_lidmaatschap(actor=actor, lidmaatschap=lid, rol="evaluator")

    herbouwd = _herbouwd(bestuursproces)
    assert herbouwd == _toestand(bestuursproces)
    assert herbouwd is not None
    assert {lid["gebruiker"]: lid["rol"] for lid in herbouwd["lidmaatschappen"]} == {
        "kees.van.dijk": "evaluator",
        "regisseur": "procesregisseur",
    }

    services.beeindig_lidmaatschap(actor=Actor(gebruiker=regisseur), lidmaatschap=lid)
    assert _herbouwd(bestuursproces) == _toestand(bestuursproces)
