"""Replay of besluiten (and what hangs on them): folding the log gives what the tables show,
for every viewer; a momentopname shows them as they stood; a corrected date moves them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from cases import selectors, services
from cases.events import herbouw
from cases.events.wereldtijd import geschiedenis
from cases.models import Bestuursproces, Bijeenkomstsoort, Gebeurtenis, Rol, Zichtbaarheid
from cases.services import DeelnemerInvoer
from tests.cases.services._hulp import maak_opdrachtgever, maak_organisatie
from tests.factories import actor_voor, open_proces

from ._rauw import _herbouwd, _toestand


def _geleden(dagen: int) -> dt.datetime:
    return timezone.now() - dt.timedelta(days=dagen)


def bouw(regisseur: Any) -> Bestuursproces:
    """A case opened a month ago with besluiten at every level, some entered late."""
    proces = open_proces(regisseur, tijdstip=_geleden(30))
    actor = actor_voor(regisseur)
    gemeente = maak_organisatie(actor, proces, tijdstip=_geleden(29))
    wethouder = maak_opdrachtgever(actor, proces, tijdstip=_geleden(29))
    besluiten = {}
    for dagen, niveau, besluitnemer in (
        (5, "proces", {"orgaan": "raad"}),
        (20, "kernteam", {"organisatie": gemeente}),
        (10, "regisseur", {"opdrachtgever": wethouder}),
        (15, "proces", {"orgaan": "anders", "orgaan_naam": "Waterschapsbestuur"}),
    ):
        besluiten[dagen] = services.leg_besluit_vast(
            actor=actor,
            bestuursproces=proces,
            titel=f"Besluit {niveau} {dagen}",
            datum=timezone.localdate(_geleden(dagen)),
            zichtbaarheid=niveau,
            **besluitnemer,
        )
    # Bijeenkomsten at every level, one with its attendance and verslag recorded afterwards.
    soort = Bijeenkomstsoort.objects.get(code="werksessie")
    for dagen, niveau in ((22, "proces"), (16, "kernteam"), (9, "regisseur")):
        bijeenkomst = services.leg_bijeenkomst_vast(
            actor=actor,
            bestuursproces=proces,
            titel=f"Bijeenkomst {niveau} {dagen}",
            soort=soort,
            datum=timezone.localdate(_geleden(dagen)),
            deelnemers=[
                DeelnemerInvoer(opdrachtgever=wethouder, aanwezig=True),
                DeelnemerInvoer(naam="Buurtbewoner"),
            ],
            zichtbaarheid=niveau,
        )
        if niveau == "kernteam":
            services.wijzig_bijeenkomst(
                actor=actor,
                bijeenkomst=bijeenkomst,
                wijzigingen={
                    "verslag": "Verslag",
                    "deelnemers": [DeelnemerInvoer(naam="Buurtbewoner", aanwezig=True)],
                },
            )
    # Afspraken at every level, one from a besluit, handled on days of their own.
    for dagen, niveau, status in (
        (18, "proces", "nagekomen"),
        (12, "kernteam", "niet_nagekomen"),
        (8, "regisseur", "vervallen"),
        (6, "proces", None),
    ):
        afspraak = services.maak_afspraak(
            actor=actor,
            bestuursproces=proces,
            wat=f"Afspraak {niveau} {dagen}",
            door=wethouder if dagen % 2 else gemeente,
            aan=gemeente if dagen == 12 else None,
            datum=timezone.localdate(_geleden(dagen)),
            uiterlijk=timezone.localdate(_geleden(dagen - 3)),
            besluit=besluiten[15] if dagen == 6 else None,
            zichtbaarheid=niveau,
        )
        if status is not None:
            services.handel_afspraak_af(
                actor=actor,
                afspraak=afspraak,
                status=status,
                reden="" if status == "nagekomen" else "Reden",
                op=timezone.localdate(_geleden(dagen - 2)),
            )
    return proces


def test_herbouw_is_gelijk_aan_de_tabellen_voor_elke_kijker(regisseur: Any) -> None:
    proces = bouw(regisseur)

    volledig = _toestand(proces)
    assert _herbouwd(proces) == volledig
    assert [b["titel"] for b in volledig["besluiten"]] == [
        "Besluit kernteam 20",
        "Besluit proces 15",
        "Besluit regisseur 10",
        "Besluit proces 5",
    ]
    for rol in Rol:
        zichtbaar = Zichtbaarheid.voor_rol(rol)
        gezien = _toestand(proces, zichtbaar)
        assert _herbouwd(proces, zichtbaar) == gezien, rol
        assert {b["zichtbaarheid"] for b in gezien["besluiten"]} <= zichtbaar
    assert [(a["wat"], a["status"]) for a in volledig["afspraken"]] == [
        ("Afspraak proces 18", "nagekomen"),
        ("Afspraak kernteam 12", "niet_nagekomen"),
        ("Afspraak regisseur 8", "vervallen"),
        ("Afspraak proces 6", "open"),
    ]
    assert [(b["titel"], len(b["deelnemers"])) for b in volledig["bijeenkomsten"]] == [
        ("Bijeenkomst proces 22", 2),
        ("Bijeenkomst kernteam 16", 1),
        ("Bijeenkomst regisseur 9", 2),
    ]
    opdrachtgever = _toestand(proces, Zichtbaarheid.voor_rol(Rol.OPDRACHTGEVER))
    assert [b["titel"] for b in opdrachtgever["bijeenkomsten"]] == ["Bijeenkomst proces 22"]
    assert [a["wat"] for a in opdrachtgever["afspraken"]] == [
        "Afspraak proces 18",
        "Afspraak proces 6",
    ]
    assert [b["titel"] for b in opdrachtgever["besluiten"]] == [
        "Besluit proces 15",
        "Besluit proces 5",
    ]


def test_momentopname_kent_alleen_de_besluiten_van_toen(regisseur: Any) -> None:
    proces = bouw(regisseur)
    toen = selectors.momentopname(proces, _geleden(12))
    assert toen is not None
    assert [b["titel"] for b in toen["besluiten"]] == ["Besluit kernteam 20", "Besluit proces 15"]
    # The kernteam afspraak was still open then; it was niet nagekomen ten days ago.
    assert [(a["wat"], a["status"]) for a in toen["afspraken"]] == [
        ("Afspraak proces 18", "nagekomen"),
        ("Afspraak kernteam 12", "open"),
    ]


def test_gecorrigeerde_datum_verplaatst_het_besluit_in_tabel_en_herbouw(regisseur: Any) -> None:
    proces = bouw(regisseur)
    laatste = Gebeurtenis.objects.filter(bestuursproces=proces, type="besluit.vastgelegd").latest(
        "volgnummer"
    )
    nieuw = _geleden(25)
    services.corrigeer_datum(
        actor=actor_voor(regisseur),
        bestuursproces=proces,
        volgnummer=laatste.volgnummer,
        tijdstip=nieuw,
        toelichting="Het waterschap besloot eerder",
    )
    volledig = _toestand(proces)
    # The history in world time, with the correction applied to the event it corrects.
    assert herbouw(geschiedenis(proces.pk)) == volledig
    assert volledig["besluiten"][0]["titel"] == "Besluit proces 15"
    assert volledig["besluiten"][0]["datum"] == timezone.localdate(nieuw).isoformat()


def test_gecorrigeerde_datum_van_een_afhandeling(regisseur: Any) -> None:
    proces = bouw(regisseur)
    nagekomen = Gebeurtenis.objects.get(bestuursproces=proces, type="afspraak.nagekomen")
    nieuw = _geleden(14)
    services.corrigeer_datum(
        actor=actor_voor(regisseur),
        bestuursproces=proces,
        volgnummer=nagekomen.volgnummer,
        tijdstip=nieuw,
        toelichting="Eerder geleverd",
    )
    volledig = _toestand(proces)
    assert herbouw(geschiedenis(proces.pk)) == volledig
    assert volledig["afspraken"][0]["afgehandeldOp"] == timezone.localdate(nieuw).isoformat()
