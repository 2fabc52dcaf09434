"""POST with an Idempotency-Key: a retry with the same body gets the first answer and writes
nothing; another body under the same key is a 422; keys are per user and kept 24 hours."""

from __future__ import annotations

import datetime as dt
import io
import json
from typing import Any

import pytest
from django.core.management import call_command
from django.test.client import encode_multipart
from django.utils import timezone
from rest_framework.test import APIClient

from cases import services
from cases.models import Bestuursproces, Document, Gebeurtenis, Notitie, Speler
from idempotentie.models import IdempotentVerzoek
from tests._bestanden import PDF, bestand
from tests.cases.api.helpers import LIJST, MINIMAAL, assert_probleem, fouten, proces_url
from tests.factories import GebruikerFactory, actor_voor, open_proces

NOTITIE = {"tekst": "Wethouder wil eerst de raad horen", "zichtbaarheid": "proces"}
SPELER = {
    "naam": "Directeur Havenwonen",
    "soort": "persoon",
    "veld": "verbindende",
    "rolInProces": "sleutelpersoon",
}


def _post(api: APIClient, url: str, body: dict[str, Any], sleutel: str | None) -> Any:
    headers = {} if sleutel is None else {"Idempotency-Key": sleutel}
    return api.post(url, body, format="json", headers=headers)


@pytest.fixture
def api(regisseur: Any) -> APIClient:
    client = APIClient()
    client.force_authenticate(regisseur)
    return client


def test_herhaling_geeft_het_eerste_antwoord_en_schrijft_niets(
    api: APIClient, bestuursproces: Bestuursproces
) -> None:
    url = proces_url(bestuursproces, "/spelers")
    eerste = _post(api, url, SPELER, "8e03978e-40d5-43e8-bc93-6894a57f9324")
    assert eerste.status_code == 201, eerste.content
    gebeurtenissen = bestuursproces.gebeurtenissen.count()

    tweede = _post(api, url, SPELER, "8e03978e-40d5-43e8-bc93-6894a57f9324")

    assert tweede.status_code == 201
    assert tweede.content == eerste.content
    assert tweede["Location"] == eerste["Location"]
    assert tweede["Content-Type"] == eerste["Content-Type"] == "application/json"
    assert tweede["API-Version"] == eerste["API-Version"]
    assert Speler.objects.filter(bestuursproces=bestuursproces).count() == 1
    assert bestuursproces.gebeurtenissen.count() == gebeurtenissen


def test_sleutel_als_structured_field_string(
    api: APIClient, bestuursproces: Bestuursproces
) -> None:
    url = proces_url(bestuursproces, "/notities")
    eerste = _post(api, url, NOTITIE, '"sleutel-1"')
    tweede = _post(api, url, NOTITIE, "sleutel-1")
    assert (eerste.status_code, tweede.status_code) == (201, 201)
    assert tweede.content == eerste.content
    assert Notitie.objects.filter(bestuursproces=bestuursproces).count() == 1


def test_bestuursproces_openen_eenmaal(api: APIClient, regisseur: Any) -> None:
    eerste = _post(api, LIJST, MINIMAAL, "open-1")
    tweede = _post(api, LIJST, MINIMAAL, "open-1")
    assert (eerste.status_code, tweede.status_code) == (201, 201)
    assert tweede["Location"] == eerste["Location"]
    assert Bestuursproces.objects.filter(titel=MINIMAAL["titel"]).count() == 1


def test_zonder_sleutel_schrijft_elke_post(api: APIClient, bestuursproces: Bestuursproces) -> None:
    url = proces_url(bestuursproces, "/notities")
    for _ in range(2):
        assert _post(api, url, NOTITIE, None).status_code == 201
    assert Notitie.objects.filter(bestuursproces=bestuursproces).count() == 2
    assert not IdempotentVerzoek.objects.exists()


@pytest.mark.parametrize(
    ("pad", "body"),
    [
        ("/notities", {**NOTITIE, "tekst": "Iets anders"}),
        ("/spelers", SPELER),
    ],
    ids=["andere-inhoud", "andere-url"],
)
def test_zelfde_sleutel_ander_verzoek_is_422(
    api: APIClient, bestuursproces: Bestuursproces, pad: str, body: dict[str, Any]
) -> None:
    assert _post(api, proces_url(bestuursproces, "/notities"), NOTITIE, "k").status_code == 201
    voor = bestuursproces.gebeurtenissen.count()

    antwoord = _post(api, proces_url(bestuursproces, pad), body, "k")

    probleem = assert_probleem(antwoord, 422, "idempotentiesleutel_hergebruikt")
    assert "nieuwe sleutel" in probleem["detail"]
    assert bestuursproces.gebeurtenissen.count() == voor
    assert Notitie.objects.filter(bestuursproces=bestuursproces).count() == 1


def test_sleutels_zijn_per_gebruiker(
    api: APIClient, bestuursproces: Bestuursproces, leden: dict[str, Any]
) -> None:
    url = proces_url(bestuursproces, "/notities")
    kernteam = APIClient()
    kernteam.force_authenticate(leden["kernteam"])
    assert _post(api, url, NOTITIE, "gedeeld").status_code == 201
    assert _post(kernteam, url, NOTITIE, "gedeeld").status_code == 201
    auteurs = set(
        Notitie.objects.filter(bestuursproces=bestuursproces).values_list("auteur", flat=True)
    )
    assert auteurs == {leden["procesregisseur"].pk, leden["kernteam"].pk}


def test_geweigerd_verzoek_wordt_niet_bewaard(
    api: APIClient, bestuursproces: Bestuursproces
) -> None:
    """Nothing was written, so the client may correct the body and retry with the same key."""
    url = proces_url(bestuursproces, "/notities")
    assert fouten(_post(api, url, {"tekst": "Zonder zichtbaarheid"}, "k")) == {
        "zichtbaarheid": "required"
    }
    assert not IdempotentVerzoek.objects.exists()
    assert _post(api, url, NOTITIE, "k").status_code == 201


def test_domeinfout_wordt_niet_bewaard(
    api: APIClient, bestuursproces: Bestuursproces, regisseur: Any
) -> None:
    """A refusal by a service (here: a closed case, 409) keeps nothing either."""
    url = proces_url(bestuursproces, "/notities")
    services.wijzig_bestuursproces(
        actor=actor_voor(regisseur),
        bestuursproces=bestuursproces,
        status="afgerond",
        uitkomst="gestopt",
        wijzigingen={},
    )
    assert_probleem(_post(api, url, NOTITIE, "k"), 409, "proces-afgerond")
    assert not IdempotentVerzoek.objects.exists()


@pytest.mark.parametrize("sleutel", ["", '""', "x" * 256, "sleutel met é"])
def test_onbruikbare_sleutel_is_400(
    api: APIClient, bestuursproces: Bestuursproces, sleutel: str
) -> None:
    antwoord = _post(api, proces_url(bestuursproces, "/notities"), NOTITIE, sleutel)
    assert fouten(antwoord) == {"Idempotency-Key": "invalid"}
    assert not Notitie.objects.filter(bestuursproces=bestuursproces).exists()


def test_na_24_uur_is_de_sleutel_vergeten(
    api: APIClient, bestuursproces: Bestuursproces, regisseur: Any
) -> None:
    url = proces_url(bestuursproces, "/notities")
    assert _post(api, url, NOTITIE, "oud").status_code == 201
    IdempotentVerzoek.objects.update(aangemaakt=timezone.now() - dt.timedelta(hours=23))
    assert _post(api, url, NOTITIE, "oud").status_code == 201
    assert Notitie.objects.filter(bestuursproces=bestuursproces).count() == 1

    IdempotentVerzoek.objects.update(aangemaakt=timezone.now() - dt.timedelta(hours=25))
    assert _post(api, url, NOTITIE, "oud").status_code == 201
    assert Notitie.objects.filter(bestuursproces=bestuursproces).count() == 2
    assert IdempotentVerzoek.objects.filter(gebruiker=regisseur).count() == 1


def test_opruimcommando(regisseur: Any) -> None:
    ander: Any = GebruikerFactory()
    nu = timezone.now()
    for gebruiker, sleutel, uren in [
        (regisseur, "vers", 1),
        (regisseur, "oud", 25),
        (ander, "oud", 48),
        (ander, "bijna", 23),
    ]:
        IdempotentVerzoek.objects.create(
            gebruiker=gebruiker,
            sleutel=sleutel,
            vingerafdruk="0" * 64,
            aangemaakt=nu - dt.timedelta(hours=uren),
            status=201,
        )
    uitvoer = io.StringIO()
    call_command("ruim_idempotentiesleutels_op", stdout=uitvoer)
    assert "2 verlopen sleutel(s) verwijderd." in uitvoer.getvalue()
    over = set(IdempotentVerzoek.objects.values_list("gebruiker", "sleutel"))
    assert over == {(regisseur.pk, "vers"), (ander.pk, "bijna")}


def test_anoniem_telt_de_sleutel_niet(bestuursproces: Bestuursproces) -> None:
    """Without a user there is no key space: the 401 comes first, nothing is kept."""
    antwoord = _post(APIClient(), proces_url(bestuursproces, "/notities"), NOTITIE, "k")
    assert_probleem(antwoord, 401)
    assert not IdempotentVerzoek.objects.exists()
    assert not Gebeurtenis.objects.filter(type="notitie.gemaakt").exists()


def test_proces_van_een_ander(api: APIClient, regisseur: Any) -> None:
    """A key used on a case one may not see keeps nothing (404) and reveals nothing."""
    vreemd = open_proces(GebruikerFactory())
    antwoord = _post(api, proces_url(vreemd, "/notities"), NOTITIE, "k")
    assert_probleem(antwoord, 404)
    assert not IdempotentVerzoek.objects.exists()


def test_zelfde_gegevens_anders_opgeschreven_is_een_herhaling(
    api: APIClient, bestuursproces: Bestuursproces
) -> None:
    """A client that builds its request again (other key order, other spacing) after a lost
    answer repeats the same request: it gets the first answer, not a 422."""
    url = proces_url(bestuursproces, "/spelers")
    kop = {"Idempotency-Key": "opnieuw-opgebouwd"}
    eerste = api.post(url, json.dumps(SPELER), content_type="application/json", headers=kop)
    anders = json.dumps(dict(reversed(list(SPELER.items()))), indent=2)
    tweede = api.post(url, anders, content_type="application/json", headers=kop)
    assert (eerste.status_code, tweede.status_code) == (201, 201), tweede.content
    assert tweede.content == eerste.content
    assert Speler.objects.filter(bestuursproces=bestuursproces).count() == 1

    ander = json.dumps({**SPELER, "naam": "Iemand anders"})
    derde = api.post(url, ander, content_type="application/json", headers=kop)
    assert_probleem(derde, 422, "idempotentiesleutel_hergebruikt")


def _multipart(grens: str, velden: dict[str, Any]) -> tuple[bytes, str]:
    return encode_multipart(grens, velden), f"multipart/form-data; boundary={grens}"


@pytest.mark.usefixtures("documentopslag")
def test_upload_herhaald_met_een_andere_grens_is_een_herhaling(
    api: APIClient, bestuursproces: Bestuursproces
) -> None:
    """Every send of a multipart form has a boundary of its own: a retried upload is the same
    request when its fields and files are; another file under the same key is a 422."""
    url = proces_url(bestuursproces, "/documenten")
    kop = {"Idempotency-Key": "upload-1"}

    def stuur(grens: str, inhoud: bytes) -> Any:
        body, soort = _multipart(grens, {"titel": "Verslag", "bestand": bestand(inhoud=inhoud)})
        return api.post(url, body, content_type=soort, headers=kop)

    eerste = stuur("grens-een", PDF)
    tweede = stuur("grens-twee", PDF)
    assert (eerste.status_code, tweede.status_code) == (201, 201), tweede.content
    assert tweede.content == eerste.content
    assert Document.objects.filter(bestuursproces=bestuursproces).count() == 1

    assert_probleem(stuur("grens-drie", PDF + b"\n% anders\n"), 422)
    assert Document.objects.filter(bestuursproces=bestuursproces).count() == 1


@pytest.mark.usefixtures("documentopslag")
def test_een_upload_groter_dan_het_geheugen_van_een_verzoek(
    api: APIClient, bestuursproces: Bestuursproces, settings: Any
) -> None:
    """A document larger than a request body kept in memory (DATA_UPLOAD_MAX_MEMORY_SIZE)
    streams to a file; comparing its retry never reads the whole body into memory (that
    answered 413 before)."""
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 64 * 1024
    groot = PDF + b"%" + b"0" * (200 * 1024) + b"\n"
    url = proces_url(bestuursproces, "/documenten")
    kop = {"Idempotency-Key": "groot-1"}
    eerste = api.post(
        url, {"titel": "Groot", "bestand": bestand(inhoud=groot)}, format="multipart", headers=kop
    )
    tweede = api.post(
        url, {"titel": "Groot", "bestand": bestand(inhoud=groot)}, format="multipart", headers=kop
    )
    assert (eerste.status_code, tweede.status_code) == (201, 201), eerste.content
    assert tweede.content == eerste.content
    assert Document.objects.filter(bestuursproces=bestuursproces).count() == 1
