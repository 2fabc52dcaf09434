"""Issue 14's "Done when", end to end through the API, as a new user would: a regisseur records
a werksessie with twelve invited and five present, uploads its verslag, records the
raadsbesluit that fulfils a besluitmoment and was the formal decision behind a gemeente's
consent, tracks two afspraken to nagekomen and niet nagekomen, and closes the case as omgezet
in een project with its link; an opdrachtgever sees the besluit, the afspraken and the outcome
on the status page; the evaluator's export lists the documents with hashes that
``verifieer_export --documenten`` checks. Runs on SQLite and on PostgreSQL (make test)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from cases.models import Bestuursproces, Gebeurtenis
from tests._bestanden import PDF, bestand, sha256
from tests.factories import voeg_leden_toe
from tests.statuspagina._html import sectie

from .helpers import client_voor
from .register import stap_in_consolideren

pytestmark = pytest.mark.usefixtures("documentopslag")

LIJST = "/api/v1/bestuursprocessen"
PROJECT = "https://zaken.havenstad.example/projecten/havenkwartier"


def _ok(antwoord: Any, status: int = 201) -> dict[str, Any]:
    assert antwoord.status_code == status, antwoord.content
    return dict(antwoord.json())


def test_van_werksessie_tot_project(regisseur: Any, tmp_path: Path, capsys: Any) -> None:
    api = client_voor(regisseur)
    vandaag = timezone.localdate()
    moment = vandaag + dt.timedelta(days=3)  # the raad decides a little ahead of plan
    proces = _ok(
        api.post(
            LIJST,
            {
                "titel": "Havenkwartier",
                "rolGemeente": "initierend",
                "aanpak": "cyclisch",
                "opdracht": {
                    "besluitmomenten": [
                        {"datum": moment.isoformat(), "soort": "besluit", "gevraagd": "Kaders"}
                    ]
                },
                "geopendOp": (timezone.now() - dt.timedelta(days=10)).isoformat(),
            },
            format="json",
        )
    )
    url = proces["url"]
    bestuursproces = Bestuursproces.objects.get(uuid=proces["uuid"])
    leden = voeg_leden_toe(bestuursproces, regisseur)

    # The parties: the gemeente that must consent and formally decide, and a resident.
    gemeente = _ok(
        api.post(
            f"{url}/spelers",
            {
                "naam": "Gemeente Havenstad",
                "soort": "groep",
                "veld": "verbindende",
                "rolInProces": "sleutelpersoon",
            },
            format="json",
        )
    )
    bewoner = _ok(
        api.post(
            f"{url}/spelers",
            {
                "naam": "Bewonersvereniging",
                "soort": "groep",
                "veld": "verbindende",
                "rolInProces": "betrokkene",
            },
            format="json",
        )
    )

    # A werksessie: twelve invited, five present.
    deelnemers = [
        {"partij": gemeente["url"], "aanwezig": True},
        {"partij": bewoner["url"], "aanwezig": True},
        *({"naam": f"Bewoner {i}", "aanwezig": i < 3} for i in range(10)),
    ]
    sessie = _ok(
        api.post(
            f"{url}/bijeenkomsten",
            {
                "titel": "Werksessie havenfront",
                "soort": "werksessie",
                "datum": vandaag.isoformat(),
                "deelnemers": deelnemers,
                "zichtbaarheid": "proces",
            },
            format="json",
        )
    )
    assert (sessie["uitgenodigd"], sessie["aanwezig"]) == (12, 5)

    # Its verslag, uploaded and linked to it.
    verslag = _ok(
        api.post(
            f"{url}/documenten",
            {
                "titel": "Verslag werksessie",
                "bestand": bestand("verslag.pdf", PDF),
                "zichtbaarheid": "proces",
                "bijeenkomst": sessie["url"],
            },
            format="multipart",
        )
    )
    assert _ok(api.get(sessie["url"]), 200)["documenten"] == [verslag["url"]]

    # The raadsbesluit fulfils the besluitmoment ...
    besluit = _ok(
        api.post(
            f"{url}/besluiten",
            {
                "titel": "Raad stelt de kaders vast",
                "orgaan": "raad",
                "datum": vandaag.isoformat(),
                "kenmerk": "RB 2026/14",
                "besluitmoment": moment.isoformat(),
                "bijeenkomst": sessie["url"],
                "zichtbaarheid": "proces",
            },
            format="json",
        )
    )
    momenten = api.get(f"{url}/besluitmomenten").json()
    assert [(m["status"], m["besluiten"]) for m in momenten] == [("genomen", [besluit["url"]])]

    # ... and is the formal decision behind the gemeente's consent.
    _ok(
        api.post(
            f"{url}/spelers/{gemeente['uuid']}/betrokkenheid",
            {"actie": "aansluiten", "reden": "Aan tafel"},
            format="json",
        )
    )
    stap = stap_in_consolideren(bestuursproces, regisseur)
    stap_url = f"{url}/wyberstappen/{stap.uuid}"
    _ok(
        api.post(
            f"{stap_url}/consolidatie",
            {
                "uitkomst": "consensus",
                "tekst": "Wonen en werken aan het water",
                "instemmers": [gemeente["url"]],
            },
            format="json",
            HTTP_X_AUDIT_TOELICHTING="De bewoners stemden al in de werksessie in",
        )
    )
    [instemming] = _ok(api.get(f"{stap_url}/instemmingen"), 200)["results"]
    assert instemming["partij"] == gemeente["url"]
    ingestemd = _ok(
        api.patch(
            instemming["url"], {"status": "ingestemd", "besluit": besluit["url"]}, format="json"
        ),
        200,
    )
    assert (ingestemd["besluit"], ingestemd["formeelBesloten"]) == (besluit["url"], True)
    assert _ok(api.get(stap_url), 200)["fase"] == "geconsolideerd"

    # Two afspraken, one kept and one not.
    afspraken = [
        _ok(
            api.post(
                f"{url}/afspraken",
                {
                    "wat": wat,
                    "door": gemeente["url"],
                    "uiterlijk": vandaag.isoformat(),
                    "besluit": besluit["url"],
                    "zichtbaarheid": "proces",
                },
                format="json",
            )
        )
        for wat in ("Grondexploitatie opstellen", "Parkeernorm herzien")
    ]
    _ok(api.patch(afspraken[0]["url"], {"status": "nagekomen"}, format="json"), 200)
    _ok(
        api.patch(
            afspraken[1]["url"],
            {"status": "niet_nagekomen", "reden": "Geen capaciteit"},
            format="json",
        ),
        200,
    )

    # Closed as omgezet in een project, with its link: nothing is open, so no confirmation.
    afgerond = _ok(
        api.patch(
            url,
            {
                "status": "afgerond",
                "uitkomst": "Verder als project Havenkwartier",
                "uitkomstSoort": "project",
                "vervolgUrl": PROJECT,
            },
            format="json",
        ),
        200,
    )
    assert (afgerond["status"], afgerond["uitkomstSoort"], afgerond["vervolgUrl"]) == (
        "afgerond",
        "project",
        PROJECT,
    )
    sluiting = Gebeurtenis.objects.filter(bestuursproces=bestuursproces).last()
    assert sluiting is not None
    assert (sluiting.payload["openGelaten"], sluiting.payload["openAfspraken"]) == ([], [])

    # The opdrachtgever's status page shows the besluit, the afspraken and the outcome.
    web = Client()
    web.force_login(leden["opdrachtgever"])
    pagina = web.get(f"/processen/{bestuursproces.uuid}/")
    assert pagina.status_code == 200
    assert "Raad stelt de kaders vast Gemeenteraad RB 2026/14" in sectie(
        pagina.content, "kop-besluiten"
    )
    afspraaktekst = sectie(pagina.content, "kop-afspraken")
    assert "Grondexploitatie opstellen Gemeente Havenstad" in afspraaktekst
    assert "Nagekomen op" in afspraaktekst
    assert "Niet nagekomen op" in afspraaktekst
    assert sectie(pagina.content, "kop-uitkomst") == (
        "Uitkomst Het proces is omgezet in een project Omschrijving Verder als project "
        f"Havenkwartier Vervolg {PROJECT}"
    )
    assert "Werksessie havenfront" in sectie(pagina.content, "kop-bijeenkomsten")

    # The evaluator's export lists the verslag with its hash, and the file checks out.
    evaluator = client_voor(leden["evaluator"])
    export = evaluator.get(f"{url}/export?formaat=jsonl")
    assert export.status_code == 200
    inhoud = b"".join(export.streaming_content)  # type: ignore[attr-defined]
    kop = json.loads(inhoud.splitlines()[0])
    assert [
        (d["titel"], d["bestandsnaam"], d["sha256"], d["koppeling"]) for d in kop["documenten"]
    ] == [
        (
            "Verslag werksessie",
            "verslag.pdf",
            sha256(PDF),
            {"soort": "bijeenkomst", "uuid": sessie["uuid"]},
        )
    ]
    (tmp_path / "export.jsonl").write_bytes(inhoud)
    map_ = tmp_path / "documenten"
    map_.mkdir()
    download = evaluator.get(verslag["versies"][0]["inhoud"])
    assert download.status_code == 200
    (map_ / "verslag.pdf").write_bytes(b"".join(download.streaming_content))  # type: ignore[attr-defined]
    call_command(
        "verifieer_export", str(tmp_path / "export.jsonl"), documenten=str(map_), verbosity=2
    )
    assert "Documenten in orde: 1 bestand(en)" in capsys.readouterr().out
