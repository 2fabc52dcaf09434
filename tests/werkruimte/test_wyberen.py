"""The Wyberen task through the browser's door (Django's test client): start a step, bring in
options, decide on them, move the phase (confirmation and toelichting), consolidate, fill in
the consent matrix row by row (in place with htmx), change who must consent, reopen."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from cases import services
from cases.models import Bestuursproces, Gebeurtenis, Instemming, Optie, Speler, WyberStap
from tests.factories import actor_voor, consolideer_stap
from werkruimte.versie import versie_van

from ._html import LEZEND, formulieren, veldfout
from .conftest import dagen_geleden

pytestmark = pytest.mark.django_db


def _url(zaak: Bestuursproces, deel: str = "") -> str:
    return f"/processen/{zaak.uuid}/wyberen/{deel}"


def _laatste(zaak: Bestuursproces, aantal: int = 1) -> list[str]:
    """The types of the latest ``aantal`` events, oldest first."""
    typen = Gebeurtenis.objects.filter(bestuursproces=zaak).order_by("-volgnummer")
    return list(reversed(list(typen.values_list("type", flat=True)[:aantal])))


def _speler(
    zaak: Bestuursproces, regisseur: Any, naam: str, tijdstip: dt.datetime | None = None
) -> Speler:
    return services.registreer_speler(
        actor=actor_voor(regisseur),
        bestuursproces=zaak,
        naam=naam,
        soort="groep",
        veld="verbindende",
        rol_in_proces="betrokkene",
        tijdstip=tijdstip,
    )


def _stap_in(
    zaak: Bestuursproces,
    regisseur: Any,
    fase: str,
    opties: int = 1,
    tijdstip: dt.datetime | None = None,
) -> WyberStap:
    """A step brought to ``fase`` through the services (one chosen option on the way), its
    start and options at ``tijdstip``."""
    actor = actor_voor(regisseur)
    stap = services.start_wyberstap(
        actor=actor, bestuursproces=zaak, doel="Een locatie kiezen", tijdstip=tijdstip
    )
    gekozen = None
    for index in range(opties):
        optie = services.breng_optie_in(
            actor=actor, stap=stap, titel=f"Locatie {index + 1}", tijdstip=tijdstip
        )
        gekozen = gekozen or optie
    if fase == "divergeren":
        return stap
    services.wijzig_fase(actor=actor, stap=stap, naar="convergeren", tijdstip=tijdstip)
    if fase == "convergeren":
        return stap
    assert gekozen is not None
    for optie in Optie.objects.filter(stap=stap):
        services.besluit_over_optie(
            actor=actor,
            optie=optie,
            status="gekozen" if optie.pk == gekozen.pk else "verworpen",
            reden="" if optie.pk == gekozen.pk else "Te duur",
            tijdstip=tijdstip,
        )
    services.wijzig_fase(actor=actor, stap=stap, naar="consolideren", tijdstip=tijdstip)
    return stap


def _consolideer(
    zaak: Bestuursproces, regisseur: Any, stap: WyberStap, partijen: list[Any]
) -> None:
    services.consolideer(
        actor=actor_voor(regisseur),
        stap=stap,
        uitkomst="consensus",
        tekst="Locatie 1",
        instemmers=partijen,
    )


def test_een_stap_starten_en_een_optie_inbrengen(
    zaak: Bestuursproces, zaakleden: dict[str, Any], regisseur: Any, web: Any
) -> None:
    wethouder = _speler(zaak, regisseur, "Wethouder")
    client = web(zaakleden["kernteam"])
    antwoord = client.post(
        _url(zaak, "stap/"),
        {"start-doel": "Een locatie kiezen", "start-toelichting": "", "versie": versie_van(zaak)},
    )
    assert antwoord.status_code == 302
    assert _laatste(zaak) == ["wyberstap.gestart"]
    stap = WyberStap.objects.get(bestuursproces=zaak)
    prefix = f"optie-{stap.uuid}"
    antwoord = client.post(
        _url(zaak, f"stap/{stap.uuid}/optie/"),
        {
            f"{prefix}-titel": "Aan de kade",
            f"{prefix}-inbrenger": f"speler:{wethouder.uuid}",
            "versie": versie_van(zaak),
        },
    )
    assert antwoord.status_code == 302
    assert antwoord["Location"] == _url(zaak) + f"#stap-{stap.volgnummer}"
    gebeurtenis = Gebeurtenis.objects.filter(bestuursproces=zaak).latest("volgnummer")
    assert gebeurtenis.type == "optie.ingebracht"
    assert gebeurtenis.payload["optie"]["speler"] == str(wethouder.uuid)
    html = client.get(_url(zaak)).content.decode()
    assert "De optie is ingebracht." in html
    assert "Aan de kade" in html
    assert "ingebracht door Wethouder" in " ".join(html.split())


def test_de_fase_gaat_pas_door_na_bevestiging_met_toelichting(
    zaak: Bestuursproces, zaakleden: dict[str, Any], regisseur: Any, web: Any
) -> None:
    stap = _stap_in(zaak, regisseur, "divergeren")
    client = web(zaakleden["kernteam"])
    url = _url(zaak, f"stap/{stap.uuid}/fase/")
    prefix = f"fase-{stap.uuid}"
    gegevens = {f"{prefix}-naar": "convergeren", "versie": versie_van(zaak)}
    # Without a toelichting: refused at the field.
    antwoord = client.post(url, gegevens)
    assert antwoord.status_code == 400
    assert veldfout(antwoord.content.decode(), f"{prefix}-toelichting")
    # With one: first the confirmation, nothing written yet.
    gegevens[f"{prefix}-toelichting"] = "Alle opties liggen op tafel"
    antwoord = client.post(url, gegevens)
    assert antwoord.status_code == 200
    html = antwoord.content.decode()
    assert "Weet u het zeker? Deze stap is niet terug te draaien." in html
    assert f'name="{prefix}-bevestigd" value="on"' in html
    assert WyberStap.objects.get(pk=stap.pk).fase == "divergeren"
    antwoord = client.post(url, {**gegevens, f"{prefix}-bevestigd": "on"})
    assert antwoord.status_code == 302
    assert WyberStap.objects.get(pk=stap.pk).fase == "convergeren"
    gebeurtenis = Gebeurtenis.objects.filter(bestuursproces=zaak).latest("volgnummer")
    assert gebeurtenis.type == "wyberstap.fase_gewijzigd"
    assert gebeurtenis.toelichting == "Alle opties liggen op tafel"


def test_consolideren_zonder_gekozen_optie_wordt_geweigerd_met_behoud_van_invoer(
    zaak: Bestuursproces, zaakleden: dict[str, Any], regisseur: Any, web: Any
) -> None:
    stap = _stap_in(zaak, regisseur, "convergeren")
    prefix = f"fase-{stap.uuid}"
    antwoord = web(zaakleden["procesregisseur"]).post(
        _url(zaak, f"stap/{stap.uuid}/fase/"),
        {
            f"{prefix}-naar": "consolideren",
            f"{prefix}-toelichting": "We zijn eruit",
            f"{prefix}-bevestigd": "on",
            "versie": versie_van(zaak),
        },
    )
    assert antwoord.status_code == 400
    html = antwoord.content.decode()
    assert "Consolideren kan pas als er een optie is gekozen." in veldfout(html, f"{prefix}-naar")
    assert "We zijn eruit</textarea>" in html
    assert WyberStap.objects.get(pk=stap.pk).fase == "convergeren"


def test_verwerpen_vraagt_een_reden_en_samenvoegen_een_andere_optie(
    zaak: Bestuursproces, zaakleden: dict[str, Any], regisseur: Any, web: Any
) -> None:
    stap = _stap_in(zaak, regisseur, "convergeren", opties=2)
    eerste, tweede = Optie.objects.filter(stap=stap).order_by("id")
    client = web(zaakleden["kernteam"])
    prefix = f"besluit-{eerste.uuid}"
    url = _url(zaak, f"optie/{eerste.uuid}/besluit/")
    antwoord = client.post(url, {f"{prefix}-status": "verworpen", "versie": versie_van(zaak)})
    assert antwoord.status_code == 400
    assert "reden" in veldfout(antwoord.content.decode(), f"{prefix}-reden")
    antwoord = client.post(
        url,
        {
            f"{prefix}-status": "samengevoegd",
            f"{prefix}-samengevoegd_in": str(tweede.uuid),
            "versie": versie_van(zaak),
        },
    )
    assert antwoord.status_code == 302
    gebeurtenis = Gebeurtenis.objects.filter(bestuursproces=zaak).latest("volgnummer")
    assert gebeurtenis.type == "optie.besloten"
    assert gebeurtenis.payload["samengevoegdIn"] == str(tweede.uuid)
    html = client.get(_url(zaak)).content.decode()
    assert "Samengevoegd met: Locatie 2" in html


def test_consolideren_en_de_matrix_in_place_invullen(
    zaak: Bestuursproces, zaakleden: dict[str, Any], regisseur: Any, web: Any
) -> None:
    # Registered before the consolidation a week ago that names them: a late fact may only
    # name parties the case held at its moment.
    corporatie = _speler(zaak, regisseur, "Corporatie", tijdstip=dagen_geleden(20))
    college = _speler(zaak, regisseur, "College", tijdstip=dagen_geleden(20))
    stap = _stap_in(zaak, regisseur, "consolideren", tijdstip=dagen_geleden(10))
    client = web(zaakleden["procesregisseur"])
    prefix = f"cons-{stap.uuid}"
    antwoord = client.post(
        _url(zaak, f"stap/{stap.uuid}/consolidatie/"),
        {
            f"{prefix}-uitkomst": "consensus",
            f"{prefix}-tekst": "De kade wordt het",
            f"{prefix}-instemmers": [f"speler:{corporatie.uuid}", f"speler:{college.uuid}"],
            # Agreed a week ago, recorded today.
            f"{prefix}-tijdstip": (timezone.localdate() - dt.timedelta(days=7)).isoformat(),
            "versie": versie_van(zaak),
        },
    )
    assert antwoord.status_code == 302, antwoord.content.decode()
    assert _laatste(zaak) == ["consolidatie.vastgelegd"]
    consolidatie = Gebeurtenis.objects.filter(bestuursproces=zaak).latest("volgnummer")
    assert timezone.localdate(consolidatie.tijdstip) == timezone.localdate() - dt.timedelta(days=7)
    html = client.get(_url(zaak)).content.decode()
    assert "0 van 2 partijen hebben ingestemd en formeel besloten" in html

    eerste = Instemming.objects.get(stap=stap, speler=corporatie)
    tweede = Instemming.objects.get(stap=stap, speler=college)
    p = f"inst-{eerste.uuid}"
    gisteren = timezone.localdate() - dt.timedelta(days=1)
    # A formal decision in the future is refused in the row, the input kept.
    morgen = (timezone.localdate() + dt.timedelta(days=1)).isoformat()
    antwoord = client.post(
        _url(zaak, f"instemming/{eerste.uuid}/"),
        {
            f"{p}-status": "ingestemd",
            f"{p}-formeel_besloten": "on",
            f"{p}-besloten_op": morgen,
            f"{p}-besluitreferentie": "RV-12",
            "versie": versie_van(zaak),
        },
        HTTP_HX_REQUEST="true",
    )
    assert antwoord.status_code == 400
    rij = antwoord.content.decode()
    assert rij.lstrip().startswith("<tr")
    assert "toekomst" in veldfout(rij, f"{p}-besloten_op")
    assert 'value="RV-12"' in rij
    # Saved in place: the row comes back with the new version for the other forms.
    antwoord = client.post(
        _url(zaak, f"instemming/{eerste.uuid}/"),
        {
            f"{p}-status": "ingestemd",
            f"{p}-formeel_besloten": "on",
            f"{p}-besloten_op": gisteren.isoformat(),
            f"{p}-besluitreferentie": "RV-12",
            "versie": versie_van(zaak),
        },
        HTTP_HX_REQUEST="true",
    )
    assert antwoord.status_code == 200, antwoord.content.decode()
    rij = antwoord.content.decode()
    assert rij.lstrip().startswith("<tr")
    assert "Opgeslagen." in rij
    assert f'value="{versie_van(zaak)}" class="wr-versie" hx-swap-oob' in rij
    gebeurtenis = Gebeurtenis.objects.filter(bestuursproces=zaak).latest("volgnummer")
    assert gebeurtenis.type == "instemming.vastgelegd"
    assert gebeurtenis.payload["instemming"]["beslotenOp"] == gisteren.isoformat()
    assert timezone.localdate(gebeurtenis.tijdstip) == gisteren
    # The last party settles the step: the whole page again.
    p = f"inst-{tweede.uuid}"
    antwoord = client.post(
        _url(zaak, f"instemming/{tweede.uuid}/"),
        {
            f"{p}-status": "ingestemd",
            f"{p}-formeel_besloten": "on",
            f"{p}-besloten_op": timezone.localdate().isoformat(),
            "versie": versie_van(zaak),
        },
        HTTP_HX_REQUEST="true",
        HTTP_HX_CURRENT_URL="http://testserver" + _url(zaak),
    )
    assert antwoord.status_code == 200
    assert antwoord["HX-Redirect"] == _url(zaak) + f"#stap-{stap.volgnummer}"
    # Only the fragment differs from the page it came from: htmx must reload, not scroll.
    assert antwoord["HX-Refresh"] == "true"
    assert _laatste(zaak, 2) == ["instemming.vastgelegd", "wyberstap.fase_gewijzigd"]
    assert WyberStap.objects.get(pk=stap.pk).fase == "geconsolideerd"


def test_een_matrixrij_zonder_javascript(
    zaak: Bestuursproces, zaakleden: dict[str, Any], regisseur: Any, web: Any
) -> None:
    corporatie = _speler(zaak, regisseur, "Corporatie")
    stap = _stap_in(zaak, regisseur, "consolideren")
    _consolideer(zaak, regisseur, stap, [corporatie])
    instemming = Instemming.objects.get(stap=stap)
    p = f"inst-{instemming.uuid}"
    antwoord = web(zaakleden["kernteam"]).post(
        _url(zaak, f"instemming/{instemming.uuid}/"),
        {
            f"{p}-status": "ingestemd_onder_voorbehoud",
            f"{p}-voorbehoud": "Als de raad het wil",
            "versie": versie_van(zaak),
        },
    )
    assert antwoord.status_code == 302
    assert antwoord["Location"] == _url(zaak) + f"#stap-{stap.volgnummer}"
    instemming.refresh_from_db()
    assert instemming.voorbehoud == "Als de raad het wil"


def test_wie_moet_instemmen_wijzigen_vraagt_een_reden(
    zaak: Bestuursproces, zaakleden: dict[str, Any], regisseur: Any, web: Any
) -> None:
    corporatie = _speler(zaak, regisseur, "Corporatie")
    college = _speler(zaak, regisseur, "College")
    stap = _stap_in(zaak, regisseur, "consolideren")
    _consolideer(zaak, regisseur, stap, [corporatie])
    client = web(zaakleden["procesregisseur"])
    prefix = f"instemmers-{stap.uuid}"
    url = _url(zaak, f"stap/{stap.uuid}/instemmers/")
    gegevens = {f"{prefix}-toevoegen": [f"speler:{college.uuid}"], "versie": versie_van(zaak)}
    antwoord = client.post(url, gegevens)
    assert antwoord.status_code == 400
    assert veldfout(antwoord.content.decode(), f"{prefix}-reden")
    assert f'value="speler:{college.uuid}" checked' in antwoord.content.decode()
    antwoord = client.post(url, {**gegevens, f"{prefix}-reden": "Het college beslist mee"})
    assert antwoord.status_code == 302
    assert _laatste(zaak) == ["instemmers.gewijzigd"]
    assert Instemming.objects.filter(stap=stap).count() == 2


def test_een_geconsolideerde_stap_heropenen(
    zaak: Bestuursproces, zaakleden: dict[str, Any], regisseur: Any, web: Any
) -> None:
    stap = consolideer_stap(zaak, regisseur)
    client = web(zaakleden["kernteam"])
    prefix = f"heropen-{stap.uuid}"
    url = _url(zaak, f"stap/{stap.uuid}/heropen/")
    antwoord = client.post(url, {f"{prefix}-doel": "Opnieuw", "versie": versie_van(zaak)})
    assert antwoord.status_code == 400
    assert veldfout(antwoord.content.decode(), f"{prefix}-reden")
    assert "Opnieuw</textarea>" in antwoord.content.decode()
    antwoord = client.post(
        url,
        {f"{prefix}-reden": "De raad wil meer", f"{prefix}-doel": "", "versie": versie_van(zaak)},
    )
    assert antwoord.status_code == 302
    nieuw = WyberStap.objects.filter(bestuursproces=zaak).latest("volgnummer")
    assert nieuw.heropent_id == stap.pk
    assert nieuw.doel == stap.doel
    gebeurtenis = Gebeurtenis.objects.filter(bestuursproces=zaak).latest("volgnummer")
    assert gebeurtenis.type == "wyberstap.gestart"
    assert gebeurtenis.toelichting == "De raad wil meer"


@pytest.mark.parametrize("rol", LEZEND)
def test_een_lezer_ziet_de_matrix_zonder_formulieren(
    zaak: Bestuursproces, zaakleden: dict[str, Any], regisseur: Any, web: Any, rol: str
) -> None:
    corporatie = _speler(zaak, regisseur, "Corporatie")
    stap = _stap_in(zaak, regisseur, "consolideren")
    _consolideer(zaak, regisseur, stap, [corporatie])
    instemming = Instemming.objects.get(stap=stap)
    client = web(zaakleden[rol])
    html = client.get(_url(zaak)).content.decode()
    assert formulieren(html) == []
    assert "Corporatie" in html.split('class="utrecht-table instemmingen"')[1]
    assert "Nog geen reactie" in html
    p = f"inst-{instemming.uuid}"
    for pad, data in (
        (_url(zaak, "stap/"), {"start-doel": "Nee", "versie": versie_van(zaak)}),
        (_url(zaak, f"instemming/{instemming.uuid}/"), {f"{p}-status": "ingestemd"}),
        (_url(zaak, f"stap/{stap.uuid}/fase/"), {"versie": versie_van(zaak)}),
    ):
        assert client.post(pad, data).status_code == 403
    assert Instemming.objects.get(pk=instemming.pk).status == "nog_geen_reactie"


@pytest.mark.parametrize("aantal", [1, 10, 50])
def test_vast_aantal_queries(
    zaak: Bestuursproces,
    regisseur: Any,
    web: Any,
    django_assert_num_queries: Any,
    aantal: int,
) -> None:
    # One step settled, one in consolideren with ``aantal`` parties in its matrix, one in
    # convergeren with ``aantal`` options.
    consolideer_stap(zaak, regisseur)
    partijen = [_speler(zaak, regisseur, f"Partij {index:02d}") for index in range(aantal)]
    stap = _stap_in(zaak, regisseur, "consolideren")
    _consolideer(zaak, regisseur, stap, partijen)
    _stap_in(zaak, regisseur, "convergeren", opties=aantal)
    client = web(regisseur)
    # Session, user; case with my role; steps (with consolidation and the step reopened),
    # their options, their consents; the case's version; spelers; opdrachtgevers.
    with django_assert_num_queries(9):
        antwoord = client.get(_url(zaak))
    assert antwoord.status_code == 200
    html = antwoord.content.decode()
    assert html.count('class="utrecht-table__row instemming') == aantal + 1


def test_een_verouderd_formulier_wordt_geweigerd_met_behoud_van_invoer(
    zaak: Bestuursproces, zaakleden: dict[str, Any], regisseur: Any, web: Any
) -> None:
    oud = versie_van(zaak)
    stap = _stap_in(zaak, regisseur, "divergeren")
    prefix = f"optie-{stap.uuid}"
    antwoord = web(zaakleden["kernteam"]).post(
        _url(zaak, f"stap/{stap.uuid}/optie/"),
        {f"{prefix}-titel": "Aan de kade", "versie": oud},
    )
    assert antwoord.status_code == 409
    html = antwoord.content.decode()
    assert "Iemand anders heeft dit bestuursproces gewijzigd" in html
    assert 'value="Aan de kade"' in html
    # The page's shared version now carries the new one, so sending again is a choice.
    assert f'name="versie" value="{versie_van(zaak)}"' in html
    assert not Optie.objects.filter(stap=stap, titel="Aan de kade").exists()
