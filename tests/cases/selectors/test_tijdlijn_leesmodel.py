"""The tijdlijn's read model on the histories that are hard for it: a renamed party, a fact
entered late and a corrected date, an opening moved earlier, an item moved by a later change
of its own date, a case from before the read model, a release of an item; and the rich case
of ``_tijdlijn``."""

from __future__ import annotations

import datetime as dt
import importlib
from types import SimpleNamespace
from typing import Any

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection
from django.utils import timezone, translation

from cases import services
from cases.events.soorten import soort
from cases.events.tijdlijnregels import herbouw_na_migratie, te_herbouwen
from cases.models import (
    Bestuursproces,
    Foldstand,
    Gebeurtenis,
    Tijdlijngeheugen,
    Tijdlijnregel,
    Tijdlijnstand,
    Verschuivingsregel,
    Zichtbaarheid,
)
from cases.selectors import verschuivingen, verschuivingenreeks
from cases.selectors.krachtenveld import verschuivingen_gevouwen
from cases.selectors.tijdlijn import gevouwen, tijdlijn, tijdlijnreeks
from tests.cases._interventies import log
from tests.cases._leesmodel import controleer_leesmodel, leesmodel
from tests.cases.services._hulp import beoordeel, maak_speler
from tests.factories import actor_voor, open_proces

from ._tijdlijn import Tijdlijn

GEOPEND = dt.datetime(2026, 1, 5, 9, 0, tzinfo=dt.UTC)
ALLES = Zichtbaarheid.voor_rol("procesregisseur")
OPDRACHTGEVER = Zichtbaarheid.voor_rol("opdrachtgever")


def _op(dag: int) -> dt.datetime:
    return GEOPEND + dt.timedelta(days=dag)


@pytest.fixture
def proces(regisseur: Any) -> Bestuursproces:
    return open_proces(regisseur, titel="Leesmodel", tijdstip=GEOPEND)


def test_het_rijke_proces_van_de_tijdlijntests(
    tijdlijn: Tijdlijn, leden_tijdlijn: dict[str, Any]
) -> None:
    controleer_leesmodel(tijdlijn.bestuursproces)


def test_een_hernoemde_partij_heet_in_elke_verschuiving_zoals_op_tot(
    regisseur: Any, proces: Bestuursproces
) -> None:
    actor = actor_voor(regisseur)
    speler = maak_speler(actor, proces, naam="Dijkgraaf", tijdstip=_op(1))
    beoordeel(actor, speler, standpunt="tegenstander", tijdstip=_op(2))
    services.wijzig_speler(
        actor=actor, speler=speler, wijzigingen={"naam": "Hoogheemraad"}, tijdstip=_op(3)
    )
    beoordeel(actor, speler, standpunt="voorstander", tijdstip=_op(4))

    controleer_leesmodel(proces)
    nu = timezone.now()
    assert [v["partij"]["naam"] for v in verschuivingen(proces, None, nu, ALLES)] == [
        "Hoogheemraad",
        "Hoogheemraad",
    ]
    # Up to a moment before the new name: the name it had then (the log folded).
    voor = verschuivingen(proces, None, _op(2) + dt.timedelta(hours=1), ALLES)
    assert [v["partij"]["naam"] for v in voor] == ["Dijkgraaf"]
    assert voor == verschuivingen_gevouwen(proces, None, _op(2) + dt.timedelta(hours=1), ALLES)
    # The read model answers only up to a moment after which no party changed.
    assert verschuivingenreeks(proces, None, _op(2) + dt.timedelta(hours=1), ALLES) is None
    na = verschuivingenreeks(proces, None, _op(4) + dt.timedelta(hours=1), ALLES)
    assert na is not None
    assert [v["partij"]["naam"] for v in na] == ["Hoogheemraad", "Hoogheemraad"]
    # A change whose date was corrected may have moved across any moment: the log is folded.
    wijziging = Gebeurtenis.objects.get(bestuursproces=proces, type="speler.gewijzigd")
    services.corrigeer_datum(
        actor=actor,
        bestuursproces=proces,
        volgnummer=wijziging.volgnummer,
        tijdstip=_op(3) + dt.timedelta(hours=2),
        toelichting="Later op de dag",
    )
    assert verschuivingenreeks(proces, None, _op(4) + dt.timedelta(hours=1), ALLES) is None


def test_een_niveau_dat_iets_niet_zag_krijgt_het_feit_verteld_zoals_het_dat_kent(
    regisseur: Any, proces: Bestuursproces
) -> None:
    # Appending tells an event once for the levels whose memory holds the same for it; here
    # the kernteam's and the regisseur's memory knows a standpunt the others were kept from.
    actor = actor_voor(regisseur)
    speler = maak_speler(actor, proces, naam="Dijkgraaf", tijdstip=_op(1))
    beoordeel(actor, speler, standpunt="tegenstander", zichtbaarheid="kernteam", tijdstip=_op(2))
    beoordeel(actor, speler, standpunt="voorstander", tijdstip=_op(3))

    controleer_leesmodel(proces)
    laatste = Gebeurtenis.objects.filter(bestuursproces=proces).latest("volgnummer")
    assert {
        v.niveau: (v.van, v.naar) for v in Verschuivingsregel.objects.filter(gebeurtenis=laatste)
    } == {
        "proces": (None, "voorstander"),
        "evaluatie": (None, "voorstander"),
        "kernteam": ("tegenstander", "voorstander"),
        "regisseur": ("tegenstander", "voorstander"),
    }


def test_wie_een_feit_niet_mag_zien_neemt_de_zin_over_van_wie_hetzelfde_kent(
    regisseur: Any, proces: Bestuursproces, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A kernteam note about a party every level knows by the same name: its sentence is
    # noted for the levels that may not see it without telling it to them again.
    actor = actor_voor(regisseur)
    speler = maak_speler(actor, proces, naam="Dijkgraaf", tijdstip=_op(1))
    verteld = []
    beschrijf = soort("notitie.gemaakt").beschrijf

    def tel(e: Gebeurtenis, g: Any) -> Any:
        verteld.append(e.volgnummer)
        return beschrijf(e, g)

    monkeypatch.setattr(soort("notitie.gemaakt"), "beschrijf", tel)
    services.maak_notitie(
        actor=actor,
        bestuursproces=proces,
        speler=speler,
        tekst="Belt liever dan dat hij mailt.",
        zichtbaarheid="kernteam",
        tijdstip=_op(2),
    )
    assert len(verteld) == 1
    regel = Tijdlijnregel.objects.get(bestuursproces=proces, soort="notitie.gemaakt")
    assert regel.geheugen == {"proces": {"partijen": {str(speler.uuid): "Dijkgraaf"}}}
    controleer_leesmodel(proces)


def test_wie_iets_anders_kent_krijgt_een_beperkt_feit_op_zich_verteld(
    regisseur: Any, proces: Bestuursproces
) -> None:
    # The execution of a kernteam interventie reads its title, which only the levels that saw
    # the interventie know: the others are told it on their own, and read nothing.
    actor = actor_voor(regisseur)
    interventie = log(
        actor, proces, titel="Keukentafelgesprek", datum=_op(2).date(), tijdstip=_op(1)
    )
    services.voer_interventie_uit(
        actor=actor, interventie=interventie, wat_gedaan="Koffie gedronken.", tijdstip=_op(3)
    )
    regel = Tijdlijnregel.objects.get(bestuursproces=proces, soort="interventie.uitgevoerd")
    # The evaluatie level reads what the proces level reads (only what the event itself
    # says), so it is not stored apart.
    assert set(regel.geheugen) == {"proces", "kernteam", "regisseur"}
    gelezen = {n: g["gegevens"][str(interventie.uuid)] for n, g in regel.geheugen.items()}
    assert "titel" not in gelezen["proces"]
    assert gelezen["kernteam"]["titel"] == gelezen["regisseur"]["titel"] == "Keukentafelgesprek"
    controleer_leesmodel(proces)


def test_een_laat_feit_en_een_gecorrigeerde_datum_bouwen_het_leesmodel_opnieuw(
    regisseur: Any, proces: Bestuursproces
) -> None:
    actor = actor_voor(regisseur)
    speler = maak_speler(actor, proces, naam="Waterschap", tijdstip=_op(1))
    beoordeel(actor, speler, standpunt="tegenstander", tijdstip=_op(10))
    # Entered afterwards, dated before the assessment: the earlier standpunt changes the
    # shift of the later one.
    beoordeel(actor, speler, standpunt="afwachtend", tijdstip=_op(5))
    controleer_leesmodel(proces)
    standpunten = [
        (v["van"], v["naar"]) for v in verschuivingen(proces, None, timezone.now(), ALLES)
    ]
    assert standpunten == [(None, "afwachtend"), ("afwachtend", "tegenstander")]

    fout = Gebeurtenis.objects.filter(bestuursproces=proces).latest("volgnummer")
    services.corrigeer_datum(
        actor=actor,
        bestuursproces=proces,
        volgnummer=fout.volgnummer,
        tijdstip=_op(12),
        toelichting="Verkeerde dag ingetypt",
    )
    controleer_leesmodel(proces)
    regel = Tijdlijnregel.objects.get(gebeurtenis=fout)
    assert (regel.tijdstip, regel.verplaatst_naar) == (_op(12), _op(12))
    standpunten = [
        (v["van"], v["naar"]) for v in verschuivingen(proces, None, timezone.now(), ALLES)
    ]
    assert standpunten == [(None, "tegenstander"), ("tegenstander", "afwachtend")]
    # As known before the correction: the old moment (the log folded).
    voor = tijdlijn(proces, None, timezone.now(), ALLES, bekend_op=fout.geregistreerd)
    assert next(i for i in voor if i.volgnummer == fout.volgnummer).tijdstip == _op(5)


def _vervroegd(regisseur: Any, proces: Bestuursproces) -> dt.datetime:
    """The case of a process that began two months before its file was opened: an
    assessment on the file, the opening moved earlier, one entered dated in between."""
    actor = actor_voor(regisseur)
    speler = maak_speler(actor, proces, naam="Dijkgraaf", tijdstip=GEOPEND)
    beoordeel(actor, speler, standpunt="afwachtend", tijdstip=_op(1))
    nieuw = _op(-60)
    services.vervroeg_opening(
        actor=actor, bestuursproces=proces, geopend_op=nieuw, toelichting="Eerste gesprek"
    )
    waterschap = maak_speler(actor, proces, naam="Waterschap", tijdstip=_op(-30))
    beoordeel(actor, waterschap, standpunt="voorstander", tijdstip=_op(-20))
    return nieuw


def test_een_vervroegde_opening_staat_vooraan_op_haar_nieuwe_moment(
    regisseur: Any, proces: Bestuursproces
) -> None:
    """As in the exports: the case began at the new opening, so "Bestuursproces geopend"
    stands there, before what happened since, and says it was recorded later."""
    nieuw = _vervroegd(regisseur, proces)
    controleer_leesmodel(proces)

    items = tijdlijn(proces, None, timezone.now(), ALLES)
    assert [(i.soort, i.tijdstip) for i in items] == [
        ("bestuursproces.geopend", nieuw),
        ("bestuursproces.opening_vervroegd", nieuw),
        ("speler.beoordeeld", _op(-20)),
        ("idee.herzien", GEOPEND),
        ("speler.beoordeeld", _op(1)),
    ]
    assert items[0].volgnummer == 1
    assert items[0].later_vastgelegd
    opening = Tijdlijnregel.objects.get(bestuursproces=proces, volgnummer=1)
    assert (opening.tijdstip, opening.verplaatst_naar) == (nieuw, nieuw)
    # As known before the move: the opening on the date the file was opened with.
    verzet = Gebeurtenis.objects.get(bestuursproces=proces, type="bestuursproces.opening_vervroegd")
    voor = Gebeurtenis.objects.get(bestuursproces=proces, volgnummer=verzet.volgnummer - 1)
    toen = tijdlijn(proces, None, timezone.now(), ALLES, bekend_op=voor.geregistreerd)
    assert [(i.soort, i.tijdstip) for i in toen] == [
        ("bestuursproces.geopend", GEOPEND),
        ("idee.herzien", GEOPEND),
        ("speler.beoordeeld", _op(1)),
    ]


def test_de_migratie_bouwt_de_tijdlijn_van_een_vervroegde_opening_opnieuw(
    regisseur: Any, proces: Bestuursproces
) -> None:
    nieuw = _vervroegd(regisseur, proces)
    ander = open_proces(regisseur, titel="Niet vervroegd", tijdstip=GEOPEND)
    verwacht = leesmodel(proces)
    # What the previous version built: the opening on its recorded moment.
    Tijdlijnregel.objects.filter(bestuursproces=proces, volgnummer=1).update(
        tijdstip=GEOPEND, verplaatst_naar=None
    )
    Foldstand.objects.create(
        bestuursproces=proces, zicht="x", tijdstip=GEOPEND, volgnummer=1, aantal=1, staat="{}"
    )
    assert list(te_herbouwen()) == []

    migratie = importlib.import_module("cases.migrations.0043_opening_op_vervroegd_moment")
    migratie.markeer_voor_herbouw(apps, SimpleNamespace(connection=connection))

    assert list(te_herbouwen()) == [proces]
    assert not Foldstand.objects.filter(bestuursproces=proces).exists()
    herbouw_na_migratie(using=connection.alias)
    assert leesmodel(proces) == verwacht
    assert tijdlijn(proces, None, timezone.now(), ALLES)[0].tijdstip == nieuw
    assert Tijdlijnstand.objects.get(bestuursproces=ander).versie > 0


def test_een_gewijzigde_datum_verplaatst_het_item(regisseur: Any, proces: Bestuursproces) -> None:
    actor = actor_voor(regisseur)
    interventie = services.log_interventie(
        actor=actor,
        bestuursproces=proces,
        titel="Keukentafelgesprek",
        datum=dt.date(2026, 3, 2),
        velden=["verbindende"],
        niveau="individu",
        aangrijpingspunt="gevoel",
        zwaarte="licht",
        beoogd_effect="De dijkgraaf voelt zich gehoord.",
    )
    gelogd = Tijdlijnregel.objects.get(soort="interventie.gelogd", bestuursproces=proces)
    assert timezone.localdate(gelogd.tijdstip) == dt.date(2026, 3, 2)

    services.wijzig_interventie(
        actor=actor, interventie=interventie, wijzigingen={"datum": dt.date(2026, 2, 20)}
    )
    gelogd.refresh_from_db()
    assert timezone.localdate(gelogd.tijdstip) == dt.date(2026, 2, 20)
    controleer_leesmodel(proces)


def test_de_zin_volgt_de_taal_van_de_lezer(regisseur: Any, proces: Bestuursproces) -> None:
    actor = actor_voor(regisseur)
    beoordeel(actor, maak_speler(actor, proces, naam="Dijkgraaf"), standpunt="voorstander")
    nu = timezone.now()
    with translation.override("nl"):
        nederlands = [i.omschrijving for i in tijdlijn(proces, None, nu, ALLES)]
    with translation.override("en"):
        engels = [i.omschrijving for i in tijdlijn(proces, None, nu, ALLES)]
    assert len(nederlands) == len(engels) > 0
    assert nederlands != engels
    assert not Tijdlijnregel.objects.filter(geheugen__icontains="beoordeeld").exists()


def test_een_vrijgave_is_een_update_van_de_zichtbaarheid(
    regisseur: Any, proces: Bestuursproces
) -> None:
    """What the release of issue 15 needs: widening an item's zichtbaarheid in its rows shows
    it to the wider viewers, told with the names they know."""
    actor = actor_voor(regisseur)
    speler = maak_speler(actor, proces, naam="Dijkgraaf")
    beoordeling = beoordeel(actor, speler, standpunt="tegenstander", zichtbaarheid="regisseur")
    nu = timezone.now()
    soorten = [i.soort for i in tijdlijn(proces, None, nu, OPDRACHTGEVER)]
    assert "speler.beoordeeld" not in soorten

    Tijdlijnregel.objects.filter(bestuursproces=proces, soort="speler.beoordeeld").update(
        zichtbaarheid="proces"
    )
    item = next(
        i for i in tijdlijn(proces, None, nu, OPDRACHTGEVER) if i.soort == "speler.beoordeeld"
    )
    alles = next(i for i in tijdlijn(proces, None, nu, ALLES) if i.soort == "speler.beoordeeld")
    assert item.omschrijving == alles.omschrijving
    assert "Dijkgraaf" in item.omschrijving
    assert beoordeling.zichtbaarheid == "regisseur"


def _wis_leesmodel(proces: Bestuursproces) -> None:
    """The case as a database from before the read model holds it."""
    for model in (Tijdlijnregel, Verschuivingsregel, Tijdlijngeheugen, Tijdlijnstand):
        model.objects.filter(bestuursproces=proces).delete()


def test_na_een_upgrade_bouwt_migrate_de_tijdlijn_van_bestaande_processen(
    regisseur: Any, proces: Bestuursproces
) -> None:
    actor = actor_voor(regisseur)
    beoordeel(actor, maak_speler(actor, proces, naam="Dijkgraaf"), standpunt="tegenstander")
    verwacht = leesmodel(proces)
    nu = timezone.now()
    _wis_leesmodel(proces)
    assert tijdlijn(proces, None, nu, ALLES) == []
    assert list(te_herbouwen()) == [proces]

    if connection.vendor == "sqlite":
        call_command("migrate", verbosity=0)
    else:
        # migrate reconnects as the database owner (cases.rollen), which would end this
        # test's transaction: the handler it runs afterwards, by itself.
        herbouw_na_migratie(using=connection.alias)

    assert leesmodel(proces) == verwacht
    assert tijdlijn(proces, None, nu, ALLES) == gevouwen(proces, None, nu, ALLES)
    assert list(te_herbouwen()) == []


def test_het_commando_herbouwt_een_proces(regisseur: Any, proces: Bestuursproces) -> None:
    actor = actor_voor(regisseur)
    beoordeel(actor, maak_speler(actor, proces, naam="Dijkgraaf"), standpunt="tegenstander")
    verwacht = leesmodel(proces)
    _wis_leesmodel(proces)

    call_command("herbouw_tijdlijn", bestuursproces=proces.uuid, verbosity=0)

    assert leesmodel(proces) == verwacht


def test_het_totaal_van_een_pagina_komt_uit_de_bijgehouden_aantallen(
    regisseur: Any, proces: Bestuursproces, django_assert_num_queries: Any
) -> None:
    """A page's total is the kept count less the items dated after ``tot`` (a planned
    intervention ahead), per role, without counting the rows; with a period it counts them."""
    actor = actor_voor(regisseur)
    speler = maak_speler(actor, proces, naam="Dijkgraaf", tijdstip=_op(1))
    beoordeel(actor, speler, standpunt="tegenstander", zichtbaarheid="regisseur", tijdstip=_op(2))
    beoordeel(actor, speler, standpunt="voorstander", zichtbaarheid="kernteam", tijdstip=_op(3))
    services.log_interventie(
        actor=actor,
        bestuursproces=proces,
        titel="Gesprek met de dijkgraaf",
        datum=timezone.localdate() + dt.timedelta(days=10),
        velden=["verbindende"],
        niveau="individu",
        aangrijpingspunt="gevoel",
        zwaarte="licht",
        beoogd_effect="Hij voelt zich gehoord.",
        status="gepland",
    )
    nu = timezone.now()
    for rol in ("procesregisseur", "kernteam", "evaluator", "opdrachtgever"):
        zichtbaar = Zichtbaarheid.voor_rol(rol)
        reeks = tijdlijnreeks(proces, None, nu, zichtbaar)
        assert reeks is not None
        with django_assert_num_queries(1):
            totaal = len(reeks)
        assert totaal == len(gevouwen(proces, None, nu, zichtbaar)) > 0, rol
        # Later than the planned intervention: it counts too, where it may be seen.
        verder = nu + dt.timedelta(days=30)
        later = len(tijdlijnreeks(proces, None, verder, zichtbaar) or [])
        assert later == len(gevouwen(proces, None, verder, zichtbaar)), rol
        if rol == "procesregisseur":
            assert later == totaal + 1
        periode = tijdlijnreeks(proces, _op(2), nu, zichtbaar)
        assert len(periode or []) == len(gevouwen(proces, _op(2), nu, zichtbaar)), rol
    schuiven = verschuivingenreeks(proces, None, None, ALLES)
    assert schuiven is not None
    with django_assert_num_queries(1):
        assert len(schuiven) == 2  # known as tegenstander, then voorstander
    controleer_leesmodel(proces)
