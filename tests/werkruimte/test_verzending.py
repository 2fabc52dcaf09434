"""A form of the workspace sent again is written once (werkruimte/verzending.py): Save pressed
twice, a retry after a lost connection, Back and Save, also for the form that opens a case;
other content under the same key is a new submission; a refused one keeps no key."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.contrib.messages import get_messages

from cases.models import Afspraak, Bestuursproces, Gebeurtenis
from idempotentie.models import IdempotentVerzoek
from tests.factories import voeg_leden_toe
from werkruimte.versie import versie_van

from ._dossier import Dossier, bouw_dossier, dag

pytestmark = pytest.mark.django_db

AL_VERSTUURD = "Dit formulier was al verstuurd en is toen opgeslagen."


@pytest.fixture
def dossier(regisseur: Any) -> Dossier:
    return bouw_dossier(regisseur)


@pytest.fixture
def lid(dossier: Dossier, regisseur: Any, web: Any) -> Any:
    """The test client as a member of the kernteam."""
    return web(voeg_leden_toe(dossier.zaak, regisseur)["kernteam"])


def _url(dossier: Dossier) -> str:
    return f"/processen/{dossier.zaak.uuid}/afspraken/"


def _sleutel(client: Any, dossier: Dossier) -> str:
    """The key the page's form carries, as a browser would send it back."""
    html = client.get(_url(dossier)).content.decode()
    gevonden = re.search(r'name="afspraak-verzendsleutel" value="([0-9a-f]{32})"', html)
    assert gevonden, "the form carries no key"
    return gevonden.group(1)


def _invoer(dossier: Dossier, sleutel: str, **anders: str) -> dict[str, Any]:
    return {
        "afspraak-wat": "Schetsontwerp delen",
        "afspraak-door": f"speler:{dossier.speler.uuid}",
        "afspraak-uiterlijk": dag(-14).isoformat(),
        "afspraak-datum": dag(5).strftime("%d-%m-%Y"),
        "afspraak-zichtbaarheid": "proces",
        "afspraak-toelichting": "Uit de werksessie",
        "afspraak-versie": versie_van(dossier.zaak),
        "afspraak-verzendsleutel": sleutel,
        **anders,
    }


def _berichten(antwoord: Any) -> list[str]:
    return [str(m) for m in get_messages(antwoord.wsgi_request)]


def test_twee_keer_versturen_legt_een_afspraak_vast(lid: Any, dossier: Dossier) -> None:
    invoer = _invoer(dossier, _sleutel(lid, dossier))
    eerste = lid.post(_url(dossier), invoer)
    assert eerste.status_code == 302
    aantal = Gebeurtenis.objects.filter(bestuursproces=dossier.zaak).count()

    # The same page sent again, its version now old (Back and Save, or a retry): no conflict
    # page that would invite a second Save, no second afspraak; to where the first led.
    tweede = lid.post(_url(dossier), invoer)
    assert tweede.status_code == 302
    assert tweede["Location"] == eerste["Location"]
    assert any(AL_VERSTUURD in b for b in _berichten(tweede))
    assert Afspraak.objects.filter(wat="Schetsontwerp delen").count() == 1
    assert Gebeurtenis.objects.filter(bestuursproces=dossier.zaak).count() == aantal

    # With htmx the same, as a client-side redirect.
    derde = lid.post(_url(dossier), invoer, HTTP_HX_REQUEST="true")
    assert derde["HX-Redirect"] == eerste["Location"]
    assert Afspraak.objects.filter(wat="Schetsontwerp delen").count() == 1


def test_andere_inhoud_onder_dezelfde_sleutel_is_een_nieuwe_verzending(
    lid: Any, dossier: Dossier
) -> None:
    sleutel = _sleutel(lid, dossier)
    invoer = _invoer(dossier, sleutel)
    assert lid.post(_url(dossier), invoer).status_code == 302
    # Back, the text changed, Save: a new submission on an old version, so the page says
    # what changed meanwhile (the user's own afspraak) and writes nothing yet.
    anders = {**invoer, "afspraak-wat": "Raming delen"}
    conflict = lid.post(_url(dossier), anders)
    assert conflict.status_code == 409
    assert not Afspraak.objects.filter(wat="Raming delen").exists()
    nieuw = {**anders, "afspraak-versie": versie_van(dossier.zaak)}
    assert lid.post(_url(dossier), nieuw).status_code == 302
    assert set(Afspraak.objects.values_list("wat", flat=True)) >= {
        "Schetsontwerp delen",
        "Raming delen",
    }


def test_een_geweigerde_verzending_houdt_geen_sleutel(lid: Any, dossier: Dossier) -> None:
    sleutel = _sleutel(lid, dossier)
    fout = _invoer(dossier, sleutel, **{"afspraak-uiterlijk": dag(10).isoformat()})
    geweigerd = lid.post(_url(dossier), fout)
    assert geweigerd.status_code == 400
    # The refused page keeps the key; the corrected form is saved with it.
    assert f'value="{sleutel}"' in geweigerd.content.decode()
    assert not IdempotentVerzoek.objects.exists()
    assert lid.post(_url(dossier), _invoer(dossier, sleutel)).status_code == 302
    assert Afspraak.objects.filter(wat="Schetsontwerp delen").count() == 1


def test_elke_weergave_krijgt_een_eigen_sleutel(lid: Any, dossier: Dossier) -> None:
    eerste = _invoer(dossier, _sleutel(lid, dossier))
    assert lid.post(_url(dossier), eerste).status_code == 302
    # A new page (after the redirect) is a new form: the same content is another afspraak.
    tweede = _invoer(dossier, _sleutel(lid, dossier))
    assert tweede["afspraak-verzendsleutel"] != eerste["afspraak-verzendsleutel"]
    assert lid.post(_url(dossier), tweede).status_code == 302
    assert Afspraak.objects.filter(wat="Schetsontwerp delen").count() == 2


def test_zonder_sleutel_werkt_het_formulier_als_voorheen(lid: Any, dossier: Dossier) -> None:
    invoer = _invoer(dossier, "")
    assert lid.post(_url(dossier), invoer).status_code == 302
    assert lid.post(_url(dossier), invoer).status_code == 409  # the version check
    assert Afspraak.objects.filter(wat="Schetsontwerp delen").count() == 1


def test_een_nieuw_proces_twee_keer_versturen_opent_er_een(regisseur: Any, web: Any) -> None:
    client = web(regisseur)
    html = client.get("/processen/nieuw/").content.decode()
    gevonden = re.search(r'name="verzendsleutel" value="([0-9a-f]{32})"', html)
    assert gevonden
    invoer = {
        "titel": "Stadshart",
        "rol_gemeente": "initierend",
        "aanpak": "flipperkast",
        "procesrol": "procesregisseur",
        "idee": "Een levendig stadshart",
        "verzendsleutel": gevonden.group(1),
    }
    eerste = client.post("/processen/nieuw/", invoer)
    assert eerste.status_code == 302
    tweede = client.post("/processen/nieuw/", invoer)
    assert tweede["Location"] == eerste["Location"]
    assert Bestuursproces.objects.filter(titel="Stadshart").count() == 1
