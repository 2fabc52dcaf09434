"""verify_gebeurtenissen, checkpoint_gebeurtenissen and laad_demo."""

from __future__ import annotations

import datetime as dt
from io import StringIO
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import connection

from cases import selectors
from cases.models import Bestuursproces, Gebeurtenis, Instemming, WyberStap, Zichtbaarheid

from .._rollen import word_eigenaar
from ..factories import GebruikerFactory, open_proces

# The last intervention of the demo story is on 10 November 2026.
EINDE = dt.date(2026, 11, 20)


def _knoei(gebeurtenis: Gebeurtenis) -> None:
    """Change one event behind the chain's back (the trigger is lifted inside the test's
    transaction, whose rollback restores it)."""
    with connection.cursor() as cursor:
        word_eigenaar(cursor)  # only the owner can lift the trigger
        if connection.vendor == "postgresql":
            # Deferred FK checks of this transaction's inserts would block the ALTER TABLE.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute(
                "ALTER TABLE cases_gebeurtenis DISABLE TRIGGER cases_gebeurtenis_geen_wijziging"
            )
        else:
            cursor.execute("DROP TRIGGER cases_gebeurtenis_geen_update")
        cursor.execute(
            "UPDATE cases_gebeurtenis SET toelichting = %s WHERE id = %s",
            ["achteraf herschreven", gebeurtenis.pk],
        )


def test_verify_slaagt_op_intacte_ketens(bestuursproces: Bestuursproces) -> None:
    uit = StringIO()
    call_command("verify_gebeurtenissen", stdout=uit)
    aantal = bestuursproces.gebeurtenissen.count()
    assert (
        f"1 keten(s) gecontroleerd: alle intact; {aantal} gebeurtenis(sen) met een geldige "
        "handtekening, 0 zonder"
    ) in uit.getvalue()
    # The test settings' checkpoint directory is empty: verify says so instead of passing
    # silently.
    assert "GEEN CHECKPOINT in " in uit.getvalue()


def test_verify_noemt_eerste_breuk_en_eindigt_met_1(bestuursproces: Bestuursproces) -> None:
    tweede = GebruikerFactory(username="tweede")
    open_proces(tweede, titel="Ander proces")
    _knoei(bestuursproces.gebeurtenissen.get(volgnummer=2))
    fout = StringIO()
    with pytest.raises(SystemExit) as einde:
        call_command("verify_gebeurtenissen", stderr=fout)
    assert einde.value.code == 1
    assert f"bestuursproces {bestuursproces.uuid}, volgnummer 2" in fout.getvalue()


def test_verify_een_bestuursproces(bestuursproces: Bestuursproces) -> None:
    ander = open_proces(GebruikerFactory(username="tweede"), titel="Ander proces")
    _knoei(ander.gebeurtenissen.get(volgnummer=1))
    uit = StringIO()
    call_command("verify_gebeurtenissen", "--bestuursproces", str(bestuursproces.uuid), stdout=uit)
    assert "1 keten(s) gecontroleerd" in uit.getvalue()
    with pytest.raises(SystemExit):
        call_command(
            "verify_gebeurtenissen", "--bestuursproces", str(ander.uuid), stderr=StringIO()
        )


def test_verify_onbekend_bestuursproces(db: None) -> None:
    with pytest.raises(CommandError, match="bestaat niet"):
        call_command(
            "verify_gebeurtenissen", "--bestuursproces", "00000000-0000-0000-0000-000000000000"
        )


def test_checkpoint_toont_kop_van_elke_keten(bestuursproces: Bestuursproces) -> None:
    uit = StringIO()
    call_command("checkpoint_gebeurtenissen", stdout=uit)
    kop = bestuursproces.gebeurtenissen.order_by("-volgnummer").first()
    assert kop is not None
    # uuid, volgnummer, hash and the line's HMAC under the configured key.
    assert uit.getvalue().split()[:3] == [str(bestuursproces.uuid), str(kop.volgnummer), kop.hash]
    assert len(uit.getvalue().split()) == 4


def test_laad_demo_is_idempotent_en_volledig(catalogus: Any, settings: Any) -> None:
    settings.DEBUG = True
    settings.DEMO_PASSWORD = "demo-wachtwoord-123"
    uit = StringIO()
    call_command("laad_demo", stdout=uit)
    call_command("laad_demo", stdout=uit)
    assert "was al geladen" in uit.getvalue()
    assert "demo-wachtwoord-123" in uit.getvalue()
    demo = Bestuursproces.objects.get()
    assert demo.stadium == "houdbaar"
    rollen = {
        lid["gebruiker"]: lid["rol"] for lid in selectors.huidige_toestand(demo)["lidmaatschappen"]
    }
    assert rollen == {
        "regisseur": "procesregisseur",
        "kernteam": "kernteam",
        "opdrachtgever": "opdrachtgever",
        "evaluator": "evaluator",
    }
    assert demo.ideeversies.count() == 3
    assert demo.stadiumovergangen.filter(richting="terug").exists()
    # Every forward move rests on a step consolidated in the stadium it left; none was forced.
    assert not demo.stadiumovergangen.filter(geforceerd=True).exists()
    stappen = list(WyberStap.objects.filter(bestuursproces=demo).order_by("volgnummer"))
    geconsolideerd = [s for s in stappen if s.fase == "geconsolideerd"]
    assert [(s.volgnummer, s.stadium) for s in geconsolideerd] == [
        (1, "voorstelbaar"),
        (2, "houdbaar"),
    ]
    for stap in geconsolideerd:
        instemmingen = list(Instemming.objects.filter(stap=stap))
        assert instemmingen
        assert all(i.rond for i in instemmingen)
    vooruit = demo.stadiumovergangen.filter(richting="vooruit").order_by("tijdstip")
    for overgang, stap in zip(vooruit, geconsolideerd, strict=True):
        assert overgang.van == stap.stadium
        assert stap.geconsolideerd_op is not None
        assert stap.geconsolideerd_op < overgang.tijdstip
    # The waterschap's objection reopened the step that led to maakbaar, after the move back.
    [heropening] = [s for s in stappen if s.heropent_id is not None]
    terug = demo.stadiumovergangen.get(richting="terug")
    assert heropening.heropent == geconsolideerd[1]
    assert "waterschap" in heropening.heropeningsreden
    assert heropening.gestart_op > terug.tijdstip
    # One step is still in progress, with open options.
    [lopend] = [s for s in stappen if s.fase != "geconsolideerd"]
    assert lopend == heropening
    assert (lopend.fase, lopend.stadium) == ("divergeren", "houdbaar")
    assert lopend.opties.count() >= 2
    assert not lopend.opties.exclude(status="open").exists()
    from django.contrib.auth import authenticate
    from django.test import RequestFactory

    # Every login passes its request: django-axes counts attempts per username and address.
    beheerder = authenticate(
        RequestFactory().post("/admin/login/"),
        username="beheerder",
        password="demo-wachtwoord-123",
    )
    assert beheerder is not None
    assert beheerder.is_superuser
    # Only the demo regisseur may open new cases.
    assert [
        g.username for g in get_user_model().objects.filter(groups__name="Procesregisseurs")
    ] == ["regisseur"]
    assert not selectors.bestuursprocessen_voor(beheerder).exists()
    verify = StringIO()
    call_command("verify_gebeurtenissen", stdout=verify)
    assert "alle intact" in verify.getvalue()


def test_democasus_heeft_de_regie_van_de_regisseur(catalogus: Any, settings: Any) -> None:
    from cases.models import Interventie, Positionering, ProcesontwerpVersie, Reflectie
    from cases.selectors.aandacht import aandacht

    settings.DEBUG = True
    call_command("laad_demo", stdout=StringIO())
    demo = Bestuursproces.objects.get()
    # Positions over time, with a change of position in the opdrachtgevende veld.
    posities = list(
        Positionering.objects.filter(bestuursproces=demo, veld="opdrachtgevende")
        .order_by("sinds")
        .values_list("positie", flat=True)
    )
    assert posities == ["adviserende_rol", "beslissende_rol", "adviserende_rol"]
    assert Positionering.objects.filter(bestuursproces=demo).values("veld").distinct().count() == 4
    assert ProcesontwerpVersie.objects.filter(bestuursproces=demo).count() == 2
    # A dozen interventions across the velden, some evaluated, some only done, one planned.
    interventies = Interventie.objects.filter(bestuursproces=demo)
    assert interventies.count() >= 12
    assert {i.status for i in interventies} == {"gepland", "uitgevoerd", "geevalueerd"}
    assert {i.uitgepakt for i in interventies.filter(status="geevalueerd")} == {
        "ja",
        "deels",
        "nee",
    }
    assert interventies.exclude(instrument=None).count() == interventies.count()
    assert Reflectie.objects.filter(interventie__bestuursproces=demo).count() == 2
    # The attention balance on the last day of the story shows neglected velden.
    balans = aandacht(demo, Zichtbaarheid.voor_rol("procesregisseur"), van=None, tot=EINDE)
    assert {"interne", "uitvoerende"} <= set(balans.verwaarloosd)
    assert "verbindende" not in balans.verwaarloosd
    assert {v.veld for v in balans.velden if v.aantal} >= {
        "verbindende",
        "interne",
        "idee",
        "ontwerpende",
        "uitvoerende",
        "opdrachtgevende",
    }


def test_laad_demo_weigert_zonder_debug(db: None, settings: Any) -> None:
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("laad_demo", stdout=StringIO())
    from django.contrib.auth import get_user_model

    assert not get_user_model().objects.filter(username="regisseur").exists()


@pytest.mark.parametrize("host", ["0.0.0.0", "192.0.2.7", "procesregie.example"])
def test_laad_demo_weigert_als_de_server_niet_alleen_deze_machine_bedient(
    db: None, settings: Any, host: str
) -> None:
    settings.DEBUG = True
    settings.SERVEERADRES = host
    with pytest.raises(CommandError, match=r"127\.0\.0\.1"):
        call_command("laad_demo", stdout=StringIO())

    assert not get_user_model().objects.filter(username="regisseur").exists()


def test_democasus_heeft_een_krachtenveld_en_herbouwt_per_niveau(
    catalogus: Any, settings: Any
) -> None:
    from django.utils import timezone

    from cases.events import herbouw
    from cases.events.wereldtijd import geschiedenis
    from cases.models import Rol

    settings.DEBUG = True
    call_command("laad_demo", stdout=StringIO())
    demo = Bestuursproces.objects.get()
    assert demo.organisaties.count() == 9
    assert demo.spelers.count() == 10
    assert demo.opdrachtgevers.count() == 3
    for rol in Rol.values:
        zichtbaar = Zichtbaarheid.voor_rol(rol)
        # The demo was entered partly out of order: its history is folded as it happened.
        gebeurtenissen = geschiedenis(demo.pk)
        assert herbouw(gebeurtenissen, zichtbaar) == selectors.huidige_toestand(demo, zichtbaar)

    regisseur = selectors.krachtenveld(
        demo, timezone.now(), Zichtbaarheid.voor_rol("procesregisseur")
    )
    opdrachtgever = selectors.krachtenveld(
        demo, timezone.now(), Zichtbaarheid.voor_rol("opdrachtgever")
    )
    assert regisseur is not None
    assert opdrachtgever is not None
    # The regisseur sees how the opdrachtgevers stand; an opdrachtgever does not.
    assert any(g["macht"] == "doorzettingsmacht" for g in regisseur["groepen"])
    assert not any(g["macht"] == "doorzettingsmacht" for g in opdrachtgever["groepen"])
    assert {p["naam"] for p in opdrachtgever["nietBeoordeeld"]} >= {"Marieke de Boer"}
    # The water board's objection shows up as a shift, with its reason.
    shifts = selectors.verschuivingen(
        demo, None, timezone.now(), Zichtbaarheid.voor_rol("evaluator")
    )
    assert any(
        s["partij"]["naam"] == "Petra Smit" and s["naar"] == "tegenstander" and s["toelichting"]
        for s in shifts
    )
    # The nature society dropped out and came back, each time with its reason.
    natuur = [s for s in shifts if s["partij"]["naam"] == "Natuurvereniging De Linge"]
    assert [s["naar"] for s in natuur if s["aspect"] == "betrokkenheid"] == [
        "aangehaakt",
        "afgehaakt",
        "aangehaakt",
    ]


def test_democasus_is_deels_later_ingevoerd(catalogus: Any, settings: Any) -> None:
    """The demo's first weeks were entered after the rest, and stand at their own dates."""
    import datetime as dt
    from zoneinfo import ZoneInfo

    settings.DEBUG = True
    call_command("laad_demo", stdout=StringIO())
    demo = Bestuursproces.objects.get()
    in_ketenvolgorde = list(
        demo.gebeurtenissen.order_by("volgnummer").values_list("tijdstip", flat=True)
    )
    assert in_ketenvolgorde != sorted(in_ketenvolgorde)
    eind_februari = dt.datetime(2026, 2, 28, 23, 59, tzinfo=ZoneInfo("Europe/Amsterdam"))
    staat = selectors.momentopname(demo, eind_februari)
    assert staat is not None
    assert len(staat["positioneringen"]) == 3
    assert {i["titel"] for i in staat["interventies"]} == {
        "Keukentafelgesprek met Jan van Houten",
        "Speelruimte afspreken in de stuurgroep",
    }
