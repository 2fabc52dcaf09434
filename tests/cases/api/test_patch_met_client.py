"""PATCH changes exactly what is sent, tried as a third-party client would: with a client
generated from the committed openapi.yaml by openapi-python-client.

For every PATCH operation in the document and every property of its request schema, the
client sends that one property. If the server accepts it, every other property of the
resource stays as it was and an event that lists its changes (``wijzigingen``) lists one;
if it refuses, nothing changed at all. A new PATCH operation or property is covered as soon
as it is documented.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
from collections.abc import Iterator
from typing import Any

import pytest
from django.db import transaction
from django.utils import timezone
from knox.models import AuthToken

from cases.models import Gebeurtenis

from ._client import GegenereerdeClient, laad
from ._dossier import Dossier, bouw_dossier
from ._openapi import Operatie, document, operaties

PATCHES = operaties("patch")


@pytest.fixture(scope="session")
def client_pakket() -> Any:
    return laad()


@pytest.fixture
def dossier(regisseur: Any) -> Dossier:
    return bouw_dossier(regisseur)


@pytest.fixture
def gegenereerd(client_pakket: Any, regisseur: Any, dossier: Dossier) -> GegenereerdeClient:
    _, token = AuthToken.objects.create(user=regisseur)
    return GegenereerdeClient(client_pakket, token)


def component(ref: str) -> dict[str, Any]:
    return dict(document()["components"]["schemas"][ref.rsplit("/", 1)[-1]])


def verzoekschema(operatie: Operatie) -> tuple[str, dict[str, Any]]:
    ref = operatie.gegevens["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    return ref.rsplit("/", 1)[-1], component(ref)


def lees_operatie(operatie: Operatie) -> Operatie:
    """The GET of the same resource."""
    return Operatie(operatie.pad, "get", document()["paths"][operatie.sleutel]["get"])


def opgelost(schema: dict[str, Any]) -> dict[str, Any]:
    """The schema behind $ref / allOf, with every enum value it allows (oneOf merged)."""
    if "$ref" in schema:
        return opgelost(component(schema["$ref"]))
    if "allOf" in schema:
        return opgelost(schema["allOf"][0]) | {k: v for k, v in schema.items() if k != "allOf"}
    if "oneOf" in schema:
        delen = [opgelost(deel) for deel in schema["oneOf"]]
        return {"enum": [w for deel in delen for w in deel.get("enum", [])]}
    return schema


def andere_waarde(naam: str, schema: dict[str, Any], huidig: Any, dossier: Dossier) -> Any:
    """A valid value other than the current one, from the schema or the dossier."""
    if naam in dossier.anderen:
        return dossier.anderen[naam]
    schema = opgelost(schema)
    keuzes = [w for w in schema.get("enum", []) if w not in ("", None)]
    if schema.get("type") == "array":
        items = opgelost(schema.get("items", {}))
        keuzes = [w for w in items.get("enum", []) if w not in (huidig or [])]
        assert keuzes, f"{naam}: geef een andere waarde in _dossier.anderen"
        return keuzes[:1]
    if keuzes:
        return next(w for w in keuzes if w != huidig)
    if schema.get("type") == "boolean":
        return not huidig
    if schema.get("type") == "integer":
        return (huidig or 0) + 1
    if schema.get("format") == "date":
        waarde = (timezone.localdate() - dt.timedelta(days=3)).isoformat()
        return waarde if waarde != huidig else (timezone.localdate() - dt.timedelta(days=4))
    if schema.get("type") == "string" and "format" not in schema:
        return f"{huidig or naam} (gewijzigd)"
    raise AssertionError(f"{naam}: geen andere waarde af te leiden; zet er een in _dossier.anderen")


def lees(gegenereerd: GegenereerdeClient, operatie: Operatie, dossier: Dossier) -> Any:
    response = gegenereerd.roep(lees_operatie(operatie), dossier.padwaarden(operatie.pad))
    assert response.status_code == 200, response.content
    return json.loads(response.content)


@contextlib.contextmanager
def poging() -> Iterator[None]:
    """Each property is tried on the same dossier; every attempt is rolled back after."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


@pytest.mark.parametrize("operatie", PATCHES, ids=str)
def test_patch_van_een_eigenschap_laat_de_rest_staan(
    operatie: Operatie, dossier: Dossier, gegenereerd: GegenereerdeClient
) -> None:
    modelnaam, schema = verzoekschema(operatie)
    assert not any("default" in e for e in schema["properties"].values()), modelnaam
    aangenomen = []
    for naam, eigenschap in schema["properties"].items():
        with poging():
            voor = lees(gegenereerd, operatie, dossier)
            laatste = Gebeurtenis.objects.order_by("-pk").values_list("pk", flat=True).first()
            waarde = andere_waarde(naam, eigenschap, voor.get(naam), dossier)
            body = gegenereerd.model(modelnaam).from_dict({naam: waarde})
            # What the generated client puts on the wire: the one property, nothing else.
            assert list(body.to_dict()) == [naam]

            response = gegenereerd.roep(operatie, dossier.padwaarden(operatie.pad), body)

            na = lees(gegenereerd, operatie, dossier)
            nieuw = list(Gebeurtenis.objects.filter(pk__gt=laatste or 0))
            if response.status_code != 200:
                assert response.status_code in (400, 409), (naam, response.content)
                assert na == voor, naam
                assert nieuw == [], naam
                continue
            aangenomen.append(naam)
            anders = {k for k in voor if k != naam and na[k] != voor[k]} - AFGELEID.get(naam, set())
            assert not anders, (str(operatie), naam, {k: (voor[k], na[k]) for k in anders})
            for gebeurtenis in nieuw:
                wijzigingen = gebeurtenis.payload.get("wijzigingen")
                if wijzigingen is not None:
                    assert len(wijzigingen) == 1, (naam, wijzigingen)
    # Each operation changes something: the test above would otherwise prove nothing.
    print(
        str(operatie),
        "AANGENOMEN",
        aangenomen,
        "GEWEIGERD",
        sorted(set(schema["properties"]) - set(aangenomen)),
    )
    assert aangenomen, str(operatie)


# Read-only properties that follow from the one sent: (sent property) → what may change.
AFGELEID: dict[str, set[str]] = {
    "organisatie": {"organisatieNaam"},
    "instrument": {"instrumentNaam"},
    "status": {"rond", "uitkomst", "afgehandeldOp", "verlopen"},
    "formeelBesloten": {"rond"},
    # A consent resting on a besluit takes its formal decision from it.
    "besluit": {"formeelBesloten", "beslotenOp", "besluitreferentie", "rond"},
    # Who was present is counted.
    "deelnemers": {"uitgenodigd", "aanwezig"},
    "rol": set(),
}


def patch_operatie(deel: str) -> Operatie:
    [gevonden] = [o for o in PATCHES if o.pad.endswith(deel)]
    return gevonden


def test_interventie_uitvoeren_met_de_client(dossier: Dossier, gegenereerd: GegenereerdeClient):
    """Refused as niet_samen when the client still sent the schema's defaults."""
    operatie = patch_operatie("/interventies/{interventie}")
    voor = lees(gegenereerd, operatie, dossier)
    gisteren = (timezone.localdate() - dt.timedelta(days=1)).isoformat()
    body = gegenereerd.model("PatchedInterventieWijzigingRequest").from_dict(
        {"status": "uitgevoerd", "watGedaan": "Gesprek gevoerd", "uitgevoerdOp": gisteren}
    )

    response = gegenereerd.roep(operatie, dossier.padwaarden(operatie.pad), body)

    assert response.status_code == 200, response.content
    na = lees(gegenereerd, operatie, dossier)
    assert (na["status"], na["watGedaan"], na["uitgevoerdOp"]) == (
        "uitgevoerd",
        "Gesprek gevoerd",
        gisteren,
    )
    assert {k: v for k, v in na.items() if k not in VERWACHT_NA_UITVOEREN} == {
        k: v for k, v in voor.items() if k not in VERWACHT_NA_UITVOEREN
    }


VERWACHT_NA_UITVOEREN = {"status", "statusNaam", "watGedaan", "uitgevoerdOp"}


def test_instemming_besluiten_houdt_het_voorbehoud(
    dossier: Dossier, gegenereerd: GegenereerdeClient
):
    """The server itself erased the voorbehoud when status and formeelBesloten were sent."""
    operatie = patch_operatie("/instemmingen/{instemming}")
    assert lees(gegenereerd, operatie, dossier)["voorbehoud"] == "Als de achterban akkoord is"
    body = gegenereerd.model("PatchedInstemmingInvoerRequest").from_dict(
        {
            "status": "ingestemd",
            "formeelBesloten": True,
            "beslotenOp": timezone.localdate().isoformat(),
        }
    )

    response = gegenereerd.roep(operatie, dossier.padwaarden(operatie.pad), body)

    assert response.status_code == 200, response.content
    na = lees(gegenereerd, operatie, dossier)
    assert (na["status"], na["formeelBesloten"], na["voorbehoud"]) == (
        "ingestemd",
        True,
        "Als de achterban akkoord is",
    )
    gebeurtenis = Gebeurtenis.objects.order_by("-pk").first()
    assert gebeurtenis is not None
    assert gebeurtenis.payload["instemming"]["voorbehoud"] == "Als de achterban akkoord is"
