"""The regisseur's own work on the tijdlijn: positioneringen, procesontwerp and interventies,
each at the date it happened in the world."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from cases import services
from cases.models import Bestuursproces, Interventie, Zichtbaarheid
from cases.selectors.tijdlijn import TijdlijnItem, tijdlijn
from cases.services.procesontwerp import ProcesontwerpInhoud
from tests.factories import actor_voor, open_proces

GEOPEND = dt.datetime(2026, 1, 5, 9, 0, tzinfo=dt.UTC)
ALLES = Zichtbaarheid.voor_rol("procesregisseur")
OPDRACHTGEVER = Zichtbaarheid.voor_rol("opdrachtgever")


def _op(jaar: int, maand: int, dag: int, uur: int = 12) -> dt.datetime:
    return timezone.make_aware(dt.datetime(jaar, maand, dag, uur))


def _begin_van(datum: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(datum, dt.time.min))


@pytest.fixture
def proces(regisseur: Any) -> Bestuursproces:
    return open_proces(regisseur, titel="Tijdlijn regie", tijdstip=GEOPEND)


def _log(regisseur: Any, proces: Bestuursproces, **extra: Any) -> Interventie:
    gegevens: dict[str, Any] = {
        "titel": "Keukentafelgesprek",
        "datum": dt.date(2026, 3, 2),
        "velden": ["verbindende"],
        "niveau": "individu",
        "aangrijpingspunt": "gevoel",
        "zwaarte": "licht",
        "beoogd_effect": "De dijkgraaf voelt zich gehoord.",
    }
    gegevens.update(extra)
    return services.log_interventie(actor=actor_voor(regisseur), bestuursproces=proces, **gegevens)


# What opening the case puts on the tijdlijn (the opening and the first idee version).
OPENING = {"bestuursproces.geopend", "idee.herzien"}


def _items(proces: Bestuursproces, tot: dt.datetime, zichtbaar: Any = ALLES) -> list[TijdlijnItem]:
    return [i for i in tijdlijn(proces, None, tot, zichtbaar) if i.soort not in OPENING]


def test_interventie_staat_op_haar_datum_ook_als_ze_later_is_gelogd(
    regisseur: Any, proces: Bestuursproces
) -> None:
    interventie = _log(regisseur, proces, tijdstip=_op(2026, 3, 20))

    items = _items(proces, tot=_op(2026, 3, 10))

    assert [(i.soort, i.tijdstip) for i in items] == [
        ("interventie.gelogd", _begin_van(dt.date(2026, 3, 2)))
    ]
    assert items[0].omschrijving == (
        "Interventie 'Keukentafelgesprek' (verbindende veld) gepland: De dijkgraaf voelt zich "
        "gehoord."
    )
    assert items[0].verwijzing is not None
    assert items[0].verwijzing.kwargs == {"interventie": str(interventie.uuid)}
    assert items[0].later_vastgelegd  # recorded now, long after 2 March


def test_uitvoering_en_evaluatie_op_hun_eigen_datum(regisseur: Any, proces: Bestuursproces) -> None:
    actor = actor_voor(regisseur)
    interventie = _log(regisseur, proces, tijdstip=_op(2026, 2, 27))
    services.voer_interventie_uit(
        actor=actor,
        interventie=interventie,
        wat_gedaan="Gesprek aan de keukentafel gevoerd.",
        uitgevoerd_op=dt.date(2026, 3, 3),
        tijdstip=_op(2026, 3, 4),
    )
    services.evalueer_interventie(
        actor=actor,
        interventie=interventie,
        waargenomen_effect="Hij belt nu zelf.",
        uitgepakt="deels",
        geevalueerd_op=dt.date(2026, 3, 10),
        tijdstip=_op(2026, 3, 11),
    )

    items = _items(proces, tot=_op(2026, 4, 1))

    assert [(i.soort, timezone.localdate(i.tijdstip)) for i in items] == [
        ("interventie.gelogd", dt.date(2026, 3, 2)),
        ("interventie.uitgevoerd", dt.date(2026, 3, 3)),
        ("interventie.geevalueerd", dt.date(2026, 3, 10)),
    ]
    assert items[1].omschrijving == (
        "Interventie 'Keukentafelgesprek' uitgevoerd: Gesprek aan de keukentafel gevoerd."
    )
    assert items[2].omschrijving == (
        "Interventie 'Keukentafelgesprek' geëvalueerd: pakte deels uit zoals bedoeld; Hij belt "
        "nu zelf."
    )


def test_een_gecorrigeerde_datum_verplaatst_het_item(
    regisseur: Any, proces: Bestuursproces
) -> None:
    interventie = _log(regisseur, proces, tijdstip=_op(2026, 2, 27))
    services.wijzig_interventie(
        actor=actor_voor(regisseur),
        interventie=interventie,
        wijzigingen={"datum": dt.date(2026, 3, 9), "titel": "Gesprek met de dijkgraaf"},
        tijdstip=_op(2026, 2, 28),
    )

    items = _items(proces, tot=_op(2026, 4, 1))

    assert [(i.soort, timezone.localdate(i.tijdstip)) for i in items] == [
        ("interventie.gelogd", dt.date(2026, 3, 9))
    ]
    assert _items(proces, tot=_op(2026, 3, 5)) == []


def test_geplande_interventie_na_tot_staat_er_nog_niet(
    regisseur: Any, proces: Bestuursproces
) -> None:
    _log(regisseur, proces, datum=dt.date(2026, 3, 30), tijdstip=_op(2026, 3, 1))

    assert _items(proces, tot=_op(2026, 3, 15)) == []
    assert len(_items(proces, tot=_op(2026, 3, 30, 8))) == 1


def test_wat_de_kijker_niet_mag_zien_ontbreekt(regisseur: Any, proces: Bestuursproces) -> None:
    _log(regisseur, proces, tijdstip=_op(2026, 3, 1))
    _log(regisseur, proces, titel="Open brief", zichtbaarheid="proces", tijdstip=_op(2026, 3, 2))

    items = _items(proces, tot=_op(2026, 4, 1), zichtbaar=OPDRACHTGEVER)

    assert [i.omschrijving.split(" (")[0] for i in items] == ["Interventie 'Open brief'"]


def test_positionering_vanaf_sinds(regisseur: Any, proces: Bestuursproces) -> None:
    services.kies_positionering(
        actor=actor_voor(regisseur),
        bestuursproces=proces,
        veld="opdrachtgevende",
        positie="adviserende_rol",
        sinds=dt.date(2026, 2, 1),
        toelichting="De stuurgroep werkt goed",
        tijdstip=_op(2026, 2, 3),
    )

    (item,) = _items(proces, tot=_op(2026, 3, 1))

    assert item.tijdstip == _begin_van(dt.date(2026, 2, 1))
    assert item.omschrijving == (
        "Positie in het opdrachtgevende veld: adviserende rol: De stuurgroep werkt goed"
    )
    assert item.verwijzing is not None
    assert item.verwijzing.route == "positionering-detail"


def test_procesontwerp_herziening(regisseur: Any, proces: Bestuursproces) -> None:
    services.herzie_procesontwerp(
        actor=actor_voor(regisseur),
        bestuursproces=proces,
        inhoud=ProcesontwerpInhoud(
            processtrategie="Eerst de grond, dan de rest.", aanpak="cyclisch"
        ),
        tijdstip=_op(2026, 2, 10),
    )

    (item,) = _items(proces, tot=_op(2026, 3, 1))

    assert item.tijdstip == _op(2026, 2, 10)
    assert item.omschrijving == "Procesontwerp versie 1: Eerst de grond, dan de rest."
    assert item.verwijzing is not None
    assert item.verwijzing.route == "procesontwerp"


def test_zoals_bekend_op_een_moment(regisseur: Any, proces: Bestuursproces) -> None:
    # Recorded now with datum 2 March: as known before it was recorded, it is not there yet.
    voor = timezone.now()
    _log(regisseur, proces)

    toen = tijdlijn(proces, None, _op(2026, 3, 10), ALLES, bekend_op=voor)
    later = tijdlijn(proces, None, _op(2026, 3, 10), ALLES, bekend_op=timezone.now())

    assert "bestuursproces.geopend" in {i.soort for i in toen}
    assert "interventie.gelogd" not in {i.soort for i in toen}
    (gelogd,) = [i for i in later if i.soort == "interventie.gelogd"]
    assert gelogd.tijdstip == _begin_van(dt.date(2026, 3, 2))
    assert gelogd.later_vastgelegd
