"""Every operation that advertises X-Audit-Toelichting in openapi.yaml puts its value in the
event it records. The operations come from the committed document, so an operation that starts
advertising the header without a case below fails here until it is covered."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from django.conf import settings
from django.utils import timezone
from rest_framework.test import APIClient

from cases import services
from cases.models import Bestuursproces, Bijeenkomstsoort, Gebeurtenis
from tests._bestanden import bestand
from tests.cases import _interventies
from tests.factories import GebruikerFactory, actor_voor

from . import register as r
from .helpers import LIJST, MINIMAAL, proces_url

HEADER = "X-Audit-Toelichting"
METHODEN = {"get", "post", "put", "patch", "delete"}


def _met_header() -> list[tuple[str, str]]:
    """(operationId, method) of every operation in openapi.yaml with the header parameter."""
    document = yaml.safe_load((Path(settings.BASE_DIR) / "openapi.yaml").read_text("utf-8"))
    return sorted(
        (operatie["operationId"], methode)
        for operaties in document["paths"].values()
        for methode, operatie in operaties.items()
        if methode in METHODEN
        and any(p.get("name") == HEADER for p in operatie.get("parameters", []))
    )


# operationId → what it needs: the case and the regisseur in, (URL, body) out.
Opzet = Callable[[Bestuursproces, Any], tuple[str, dict[str, Any] | None]]


def _lid(proces: Bestuursproces, regisseur: Any) -> str:
    wethouder: Any = GebruikerFactory(username="wethouder")
    lid = services.voeg_lid_toe(
        actor=actor_voor(regisseur), bestuursproces=proces, gebruiker=wethouder, rol="opdrachtgever"
    )
    return proces_url(proces, f"/lidmaatschappen/{lid.uuid}")


def _interventie(proces: Bestuursproces, regisseur: Any) -> str:
    _interventies.veld()
    interventie = _interventies.log(actor_voor(regisseur), proces)
    return proces_url(proces, f"/interventies/{interventie.uuid}")


def _nieuwe_interventie(proces: Bestuursproces, regisseur: Any) -> dict[str, Any]:
    _interventies.veld()
    return {
        "titel": "Keukentafelgesprek",
        "datum": timezone.localdate(proces.geopend_op).isoformat(),
        "velden": ["verbindende"],
        "niveau": "individu",
        "aangrijpingspunt": "interactie",
        "zwaarte": "licht",
        "beoogdEffect": "Hij doet mee",
    }


def _instemming(proces: Bestuursproces, regisseur: Any) -> str:
    stap = r.stap_in_consolideren(proces, regisseur)
    (instemming,) = r.consolideer(stap, regisseur, [r.speler(proces, regisseur)])
    return r.instemming_url(instemming)


def _document_versie(proces: Bestuursproces, regisseur: Any) -> tuple[str, dict[str, Any]]:
    document = services.voeg_document_toe(
        actor=actor_voor(regisseur), bestuursproces=proces, titel="Verslag", bestand=bestand()
    )
    return proces_url(proces, f"/documenten/{document.uuid}/versies"), {"bestand": bestand()}


def _gecorrigeerde_notitie(proces: Bestuursproces, regisseur: Any) -> tuple[str, dict[str, Any]]:
    services.maak_notitie(
        actor=actor_voor(regisseur), bestuursproces=proces, tekst="Overleg", zichtbaarheid="proces"
    )
    volgnummer = Gebeurtenis.objects.filter(bestuursproces=proces).latest("volgnummer").volgnummer
    url = proces_url(proces, f"/gebeurtenissen/{volgnummer}/datumcorrecties")
    return url, {"tijdstip": proces.geopend_op.isoformat()}


def _stap_met_optie(proces: Bestuursproces, regisseur: Any) -> str:
    stap = r.stap(proces, regisseur)
    r.optie(stap, regisseur)
    return r.stap_url(stap, "/faseovergangen")


def _afspraak(proces: Bestuursproces, regisseur: Any) -> str:
    afspraak = services.maak_afspraak(
        actor=actor_voor(regisseur),
        bestuursproces=proces,
        wat="Cijfers",
        door=r.speler(proces, regisseur),
        zichtbaarheid="proces",
    )
    return proces_url(proces, f"/afspraken/{afspraak.uuid}")


def _bijeenkomst(proces: Bestuursproces, regisseur: Any) -> str:
    bijeenkomst = services.leg_bijeenkomst_vast(
        actor=actor_voor(regisseur),
        bestuursproces=proces,
        titel="Werksessie",
        soort=Bijeenkomstsoort.objects.get(code="werksessie"),
        datum=timezone.localdate(),
        zichtbaarheid="proces",
    )
    return proces_url(proces, f"/bijeenkomsten/{bijeenkomst.uuid}")


def _geplande_bijeenkomst(proces: Bestuursproces, regisseur: Any) -> str:
    bijeenkomst = services.leg_bijeenkomst_vast(
        actor=actor_voor(regisseur),
        bestuursproces=proces,
        titel="Werksessie",
        soort=Bijeenkomstsoort.objects.get(code="werksessie"),
        datum=timezone.localdate(),
        zichtbaarheid="proces",
        gepland=True,
    )
    return proces_url(proces, f"/bijeenkomsten/{bijeenkomst.uuid}/afloop")


OPZET: dict[str, Opzet] = {
    "bestuursproces_create": lambda p, g: (LIJST, MINIMAAL),
    "bestuursproces_partial_update": lambda p, g: (proces_url(p), {"titel": "Andere titel"}),
    "idee_update": lambda p, g: (proces_url(p, "/idee"), {"wat": "Herzien idee"}),
    "interventie_create": lambda p, g: (
        proces_url(p, "/interventies"),
        _nieuwe_interventie(p, g),
    ),
    "interventie_partial_update": lambda p, g: (_interventie(p, g), {"titel": "Wandeling"}),
    "lidmaatschap_create": lambda p, g: (
        proces_url(p, "/lidmaatschappen"),
        {"gebruiker": GebruikerFactory(username="wethouder").username, "rol": "kernteam"},
    ),
    "lidmaatschap_partial_update": lambda p, g: (_lid(p, g), {"rol": "kernteam"}),
    "lidmaatschap_delete": lambda p, g: (_lid(p, g), None),
    "opdrachtgever_create": lambda p, g: (
        proces_url(p, "/opdrachtgevers"),
        {"naam": "Wethouder Ruimte", "rol": "bestuurlijk_opdrachtgever"},
    ),
    "opdrachtgever_partial_update": lambda p, g: (
        r.url(r.opdrachtgever(p, g)),
        {"naam": "Wethouder Wonen"},
    ),
    "opdrachtgever_beoordeling_create": lambda p, g: (
        r.url(r.opdrachtgever(p, g), "/beoordelingen"),
        {"stevigheid": 3, "steun": "voorstander", "onderlingVertrouwen": 3},
    ),
    "organisatie_create": lambda p, g: (
        proces_url(p, "/organisaties"),
        {"naam": "Afdeling Wonen", "soort": "gemeentelijk_onderdeel"},
    ),
    "organisatie_partial_update": lambda p, g: (
        r.url(r.organisatie(p, g)),
        {"naam": "Havenwonen"},
    ),
    "positionering_create": lambda p, g: (
        proces_url(p, "/positioneringen"),
        {"veld": "verbindende", "positie": "faciliteren"},
    ),
    "procesontwerp_update": lambda p, g: (
        proces_url(p, "/procesontwerp"),
        {"processtrategie": "Eerst verkennen, dan besluiten.", "aanpak": "cyclisch"},
    ),
    "speler_create": lambda p, g: (
        proces_url(p, "/spelers"),
        {
            "naam": "Directeur",
            "soort": "persoon",
            "veld": "verbindende",
            "rolInProces": "sleutelpersoon",
        },
    ),
    "speler_partial_update": lambda p, g: (r.url(r.speler(p, g)), {"naam": "Wethouder"}),
    "speler_beoordeling_create": lambda p, g: (
        r.url(r.speler(p, g), "/beoordelingen"),
        {"standpunt": "voorstander", "macht": "geen", "invloed": 1, "vertrouwen": 5},
    ),
    "wyberstap_create": lambda p, g: (proces_url(p, "/wyberstappen"), {"doel": "Waar?"}),
    "wyberstap_faseovergang_create": lambda p, g: (_stap_met_optie(p, g), {"naar": "convergeren"}),
    "optie_create": lambda p, g: (r.stap_url(r.stap(p, g), "/opties"), {"titel": "Oost"}),
    "consolidatie_create": lambda p, g: (
        r.stap_url(r.stap_in_consolideren(p, g), "/consolidatie"),
        {"uitkomst": "consensus", "tekst": "Oost.", "instemmers": [r.url(r.speler(p, g))]},
    ),
    "instemming_partial_update": lambda p, g: (_instemming(p, g), {"status": "ingestemd"}),
    "datumcorrectie_create": _gecorrigeerde_notitie,
    "document_create": lambda p, g: (
        proces_url(p, "/documenten"),
        {"titel": "Verslag", "bestand": bestand()},
    ),
    "documentversie_create": _document_versie,
    "besluit_create": lambda p, g: (
        proces_url(p, "/besluiten"),
        {
            "titel": "Raadsbesluit",
            "orgaan": "raad",
            "datum": timezone.localdate().isoformat(),
            "zichtbaarheid": "proces",
        },
    ),
    "afspraak_create": lambda p, g: (
        proces_url(p, "/afspraken"),
        {"wat": "Cijfers", "door": r.url(r.speler(p, g)), "zichtbaarheid": "proces"},
    ),
    "afspraak_partial_update": lambda p, g: (_afspraak(p, g), {"status": "nagekomen"}),
    "bijeenkomst_create": lambda p, g: (
        proces_url(p, "/bijeenkomsten"),
        {
            "titel": "Werksessie",
            "soort": "werksessie",
            "datum": timezone.localdate().isoformat(),
            "zichtbaarheid": "proces",
        },
    ),
    "bijeenkomst_partial_update": lambda p, g: (_bijeenkomst(p, g), {"verslag": "Verslag"}),
    "vrijgave_create": lambda p, g: (
        _interventie(p, g).rsplit("/interventies/", 1)[0] + "/vrijgaven",
        {"onderdeel": "interventies", "naar": "evaluatie"},
    ),
    "bijeenkomst_afloop_create": lambda p, g: (
        _geplande_bijeenkomst(p, g),
        {"status": "gehouden", "verslag": "Verslag"},
    ),
}
# Uploads are multipart/form-data; everything else is JSON.
MULTIPART = {"document_create", "documentversie_create"}


@pytest.mark.parametrize(("operatie", "methode"), _met_header())
def test_header_komt_in_de_gebeurtenis(
    operatie: str, methode: str, bestuursproces: Bestuursproces, regisseur: Any
) -> None:
    url, body = OPZET[operatie](bestuursproces, regisseur)
    waarde = f"Reden bij {operatie}"
    client = APIClient()
    client.force_authenticate(regisseur)
    eerder = set(Gebeurtenis.objects.values_list("pk", flat=True))

    formaat = "multipart" if operatie in MULTIPART else "json"
    response = getattr(client, methode)(url, body, format=formaat, headers={HEADER: waarde})

    assert response.status_code < 300, response.content
    nieuw = list(Gebeurtenis.objects.exclude(pk__in=eerder).order_by("pk"))
    assert nieuw
    # The operation's own event comes first: opening a case adds the opener's membership after.
    assert nieuw[0].toelichting == waarde
    if operatie != "bestuursproces_create":
        assert [g.toelichting for g in nieuw] == [waarde]
