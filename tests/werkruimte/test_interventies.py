"""The Interventies task through the browser's door (Django's test client): kiezen (a veld's
instruments, not yet used first), plannen, the due ones back to carry out, evaluate, reflect."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from cases import services
from cases.models import Bestuursproces, Gebeurtenis, Interventie
from instruments.models import Instrument
from tests.factories import actor_voor
from tests.instruments.fixtures import catalogus  # noqa: F401  (fixture)
from werkruimte.versie import versie_van

from ._html import LEZEND, formulieren, veldfout

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("catalogus")]

VELD = "verbindende"


def _url(zaak: Bestuursproces, deel: str = "") -> str:
    return f"/processen/{zaak.uuid}/interventies/{deel}"


def _laatste(zaak: Bestuursproces) -> Gebeurtenis:
    return Gebeurtenis.objects.filter(bestuursproces=zaak).latest("volgnummer")


def plan(
    zaak: Bestuursproces,
    regisseur: Any,
    *,
    titel: str = "Keukentafelgesprek",
    dagen: int = 0,
    instrument: Instrument | None = None,
    zichtbaarheid: str = "kernteam",
) -> Interventie:
    return services.log_interventie(
        actor=actor_voor(regisseur),
        bestuursproces=zaak,
        titel=titel,
        datum=timezone.localdate() + dt.timedelta(days=dagen),
        velden=[VELD],
        niveau="groep",
        aangrijpingspunt="interactie",
        zwaarte="licht",
        beoogd_effect="Vertrouwen tussen de partijen",
        instrument=instrument,
        zichtbaarheid=zichtbaarheid,
    )


def _planvelden(zaak: Bestuursproces, **velden: Any) -> dict[str, Any]:
    gegevens = {
        "plan-titel": "Werksessie",
        "plan-datum": timezone.localdate().isoformat(),
        "plan-velden": [VELD],
        "plan-beoogd_effect": "Een gedeeld beeld",
        "plan-niveau": "groep",
        "plan-aangrijpingspunt": "interactie",
        "plan-zwaarte": "licht",
        "plan-zichtbaarheid": "kernteam",
        "plan-versie": versie_van(zaak),
    }
    gegevens.update({f"plan-{k}": v for k, v in velden.items()})
    return gegevens


def test_een_veld_kiezen_toont_zijn_instrumenten_nog_niet_ingezet_eerst(
    zaak: Bestuursproces, regisseur: Any, web: Any
) -> None:
    instrumenten = list(Instrument.objects.filter(veld__code=VELD).order_by("volgorde", "naam"))
    assert len(instrumenten) >= 2
    gebruikt = instrumenten[0]
    plan(zaak, regisseur, instrument=gebruikt)
    html = web(regisseur).get(_url(zaak) + f"?veld={VELD}").content.decode()
    lijst = html.split('class="instrumenten"')[1].split("</ol>")[0]
    # The used one comes last, the others first, each with its verdiepingsvraag.
    assert lijst.rindex(gebruikt.naam) > lijst.index(instrumenten[1].naam)
    assert "1 keer ingezet" in lijst
    assert "nog niet ingezet" in lijst
    assert instrumenten[1].verdiepingsvraag in lijst
    # No instrument of another veld is offered.
    ander = Instrument.objects.exclude(veld__code=VELD).first()
    assert ander is not None
    assert ander.naam not in lijst


def test_plannen_met_een_voorgesteld_instrument(
    zaak: Bestuursproces, zaakleden: dict[str, Any], web: Any
) -> None:
    instrument = Instrument.objects.filter(veld__code=VELD).order_by("volgorde").first()
    assert instrument is not None
    client = web(zaakleden["kernteam"])
    # The instrument's link fills in the form: its name as title, the veld, the instrument.
    html = client.get(_url(zaak) + f"?veld={VELD}&instrument={instrument.uuid}").content.decode()
    assert f'value="{instrument.naam}"' in html
    assert f'value="{VELD}" checked' in html or f'value="{VELD}"  checked' in html
    assert f'<option value="{instrument.uuid}" selected>' in html
    antwoord = client.post(
        _url(zaak) + f"?veld={VELD}",
        _planvelden(zaak, titel=instrument.naam, instrument=str(instrument.uuid)),
    )
    assert antwoord.status_code == 302, antwoord.content.decode()
    assert antwoord["Location"] == _url(zaak) + "#doen-kop"
    gebeurtenis = _laatste(zaak)
    assert gebeurtenis.type == "interventie.gelogd"
    assert gebeurtenis.payload["interventie"]["instrument"] == str(instrument.uuid)
    assert gebeurtenis.payload["interventie"]["status"] == "gepland"
    assert gebeurtenis.payload["interventie"]["velden"] == [VELD]
    pagina = client.get(_url(zaak)).content.decode()
    assert "De interventie is gepland." in pagina
    te_doen = pagina.split('id="te-doen-kop"')[1].split("</section>")[0]
    assert instrument.naam in te_doen


def test_een_geweigerd_plan_houdt_de_invoer(
    zaak: Bestuursproces, zaakleden: dict[str, Any], web: Any
) -> None:
    aantal = Gebeurtenis.objects.filter(bestuursproces=zaak).count()
    voor_opening = timezone.localdate(zaak.geopend_op) - dt.timedelta(days=3)
    antwoord = web(zaakleden["procesregisseur"]).post(
        _url(zaak),
        _planvelden(zaak, datum=voor_opening.isoformat(), waarom="Omdat het schuurt"),
    )
    assert antwoord.status_code == 400
    html = antwoord.content.decode()
    assert "vóór de opening" in veldfout(html, "plan-datum")
    assert "Een gedeeld beeld</textarea>" in html
    assert "Omdat het schuurt</textarea>" in html
    assert 'value="Werksessie"' in html
    assert Gebeurtenis.objects.filter(bestuursproces=zaak).count() == aantal


def test_een_geplande_interventie_komt_terug_om_uit_te_voeren_en_te_evalueren(
    zaak: Bestuursproces, zaakleden: dict[str, Any], regisseur: Any, web: Any
) -> None:
    verleden = plan(zaak, regisseur, titel="Gesprek met de wethouder", dagen=-5)
    toekomst = plan(zaak, regisseur, titel="Informatieavond", dagen=7)
    client = web(zaakleden["kernteam"])
    html = client.get(_url(zaak)).content.decode()
    te_doen = html.split('id="te-doen-kop"')[1].split("</section>")[0]
    assert verleden.titel in te_doen
    assert toekomst.titel not in te_doen
    assert "datum voorbij" in te_doen
    assert "1 geplande interventie is aan de beurt" in html

    uitvoeren = _url(zaak, f"{verleden.uuid}/uitvoeren/")
    prefix = f"uit-{verleden.uuid}"
    # Refused: no text; the date stays as typed.
    gisteren = (timezone.localdate() - dt.timedelta(days=1)).isoformat()
    antwoord = client.post(
        uitvoeren,
        {f"{prefix}-uitgevoerd_op": gisteren, f"{prefix}-versie": versie_van(zaak)},
    )
    assert antwoord.status_code == 400
    assert veldfout(antwoord.content.decode(), f"{prefix}-wat_gedaan")
    assert f'value="{gisteren}"' in antwoord.content.decode()
    antwoord = client.post(
        uitvoeren,
        {
            f"{prefix}-wat_gedaan": "Een uur gesproken",
            f"{prefix}-uitgevoerd_op": gisteren,
            f"{prefix}-versie": versie_van(zaak),
        },
    )
    assert antwoord.status_code == 302
    assert antwoord["Location"] == _url(zaak) + f"#interventie-{verleden.uuid}"
    assert _laatste(zaak).type == "interventie.uitgevoerd"
    assert _laatste(zaak).payload["uitgevoerdOp"] == gisteren

    prefix = f"eval-{verleden.uuid}"
    antwoord = client.post(
        _url(zaak, f"{verleden.uuid}/evalueren/"),
        {
            f"{prefix}-waargenomen_effect": "De wethouder steunt het plan",
            f"{prefix}-uitgepakt": "ja",
            f"{prefix}-vervolg": "Nu de raad",
            f"{prefix}-versie": versie_van(zaak),
        },
    )
    assert antwoord.status_code == 302
    gebeurtenis = _laatste(zaak)
    assert gebeurtenis.type == "interventie.geevalueerd"
    assert gebeurtenis.payload["uitgepakt"] == "ja"
    html = client.get(_url(zaak)).content.decode()
    geevalueerd = html.split('id="geevalueerd-kop"')[1].split("</section>")[0]
    assert "De wethouder steunt het plan" in geevalueerd


def test_reflecties_staan_naast_de_interventie(
    zaak: Bestuursproces, zaakleden: dict[str, Any], regisseur: Any, web: Any
) -> None:
    interventie = plan(zaak, regisseur, dagen=-1)
    prefix = f"refl-{interventie.uuid}"
    client = web(regisseur)
    antwoord = client.post(
        _url(zaak, f"{interventie.uuid}/reflectie/"),
        {
            f"{prefix}-tekst": "Ik merk dat ik te snel ga",
            f"{prefix}-zichtbaarheid": "regisseur",
            f"{prefix}-versie": versie_van(zaak),
        },
    )
    assert antwoord.status_code == 302
    assert _laatste(zaak).type == "reflectie.vastgelegd"
    assert "Ik merk dat ik te snel ga" in client.get(_url(zaak)).content.decode()
    # The kernteam member neither sees the regisseur's reflection nor may add one here
    # (not the interventie's author).
    html = web(zaakleden["kernteam"]).get(_url(zaak)).content.decode()
    assert "Ik merk dat ik te snel ga" not in html
    assert f"reflectie-{interventie.uuid}" not in formulieren(html)


@pytest.mark.parametrize("rol", LEZEND)
def test_een_lezer_ziet_wat_hij_mag_zonder_formulieren(
    zaak: Bestuursproces,
    zaakleden: dict[str, Any],
    regisseur: Any,
    web: Any,
    rol: str,
) -> None:
    open_ = plan(zaak, regisseur, titel="Open gesprek", dagen=-1, zichtbaarheid="proces")
    plan(zaak, regisseur, titel="Vertrouwelijk gesprek", dagen=-1)
    client = web(zaakleden[rol])
    antwoord = client.get(_url(zaak) + f"?veld={VELD}")
    assert antwoord.status_code == 200
    html = antwoord.content.decode()
    assert formulieren(html) == []
    assert "Open gesprek" in html
    assert "Vertrouwelijk gesprek" not in html
    # The page says that something may be withheld.
    assert "ziet u hier niet" in html
    assert "Plannen" not in html.split('class="instrumenten"')[1]
    assert client.post(_url(zaak), _planvelden(zaak)).status_code == 403
    prefix = f"uit-{open_.uuid}"
    antwoord = client.post(
        _url(zaak, f"{open_.uuid}/uitvoeren/"),
        {f"{prefix}-wat_gedaan": "Niets", f"{prefix}-versie": versie_van(zaak)},
    )
    assert antwoord.status_code == 403
    assert Interventie.objects.get(pk=open_.pk).status == "gepland"


def test_een_onzichtbare_interventie_is_niet_te_bereiken(
    zaak: Bestuursproces, zaakleden: dict[str, Any], regisseur: Any, web: Any
) -> None:
    geheim = plan(zaak, regisseur, dagen=-1, zichtbaarheid="regisseur")
    prefix = f"uit-{geheim.uuid}"
    antwoord = web(zaakleden["kernteam"]).post(
        _url(zaak, f"{geheim.uuid}/uitvoeren/"),
        {f"{prefix}-wat_gedaan": "Gedaan", f"{prefix}-versie": versie_van(zaak)},
    )
    assert antwoord.status_code == 404


def test_htmx_krijgt_alleen_het_planformulier_terug(
    zaak: Bestuursproces, zaakleden: dict[str, Any], web: Any
) -> None:
    antwoord = web(zaakleden["kernteam"]).post(
        _url(zaak), _planvelden(zaak, beoogd_effect=""), HTTP_HX_REQUEST="true"
    )
    assert antwoord.status_code == 400
    html = antwoord.content.decode()
    assert html.lstrip().startswith("<form")
    assert 'id="planformulier"' in html


@pytest.mark.parametrize("aantal", [1, 10, 50])
def test_vast_aantal_queries(
    zaak: Bestuursproces,
    regisseur: Any,
    web: Any,
    django_assert_num_queries: Any,
    aantal: int,
) -> None:
    actor = actor_voor(regisseur)
    for index in range(aantal):
        interventie = plan(zaak, regisseur, titel=f"Interventie {index}", dagen=-(index % 3))
        if index % 3 == 1:
            services.voer_interventie_uit(actor=actor, interventie=interventie, wat_gedaan="Ja")
        services.leg_reflectie_vast(
            actor=actor, interventie=interventie, tekst=f"Reflectie {index}"
        )
    client = web(regisseur)
    # Session, user; case with my role; the case's version; velden; the veld's suggestions;
    # the plan form's instrument choices; interventies with velden, spelers, opdrachtgevers
    # and reflecties (5); the plan form's strategieen, spelers, opdrachtgevers, wyber-stappen.
    with django_assert_num_queries(16):
        antwoord = client.get(_url(zaak) + f"?veld={VELD}")
    assert antwoord.status_code == 200
    assert antwoord.content.decode().count('class="interventie"') == aantal
