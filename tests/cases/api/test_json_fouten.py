"""A body that is no JSON, or no Unicode text, is refused in Dutch without Python's messages.

The parser (procesregie.api.parsers) answers 400 ``parse_error`` naming where the JSON breaks;
a lone surrogate is refused on its field, as DRF's CharField does, in the request's language.
"""

from __future__ import annotations

import sys
from typing import Any

import pytest
from rest_framework.test import APIClient

from cases.models import Bestuursproces, Gebeurtenis
from procesregie.api.parsers import los_surrogaat

from .helpers import assert_probleem, proces_url


def notitie(client: APIClient, bestuursproces: Bestuursproces, body: bytes) -> Any:
    return client.post(
        proces_url(bestuursproces, "/notities"), body, content_type="application/json"
    )


@pytest.mark.parametrize(
    ("body", "detail"),
    [
        (
            b'{"tekst": "a"} {"tekst": "b"}',
            "De inhoud is geen geldige JSON (regel 1, kolom 16).",
        ),
        (
            b'{\n  "tekst": "a",\n  "zichtbaarheid": "proces",\n}',
            "De inhoud is geen geldige JSON (regel 4, kolom 1).",
        ),
        (b'{"tekst": "caf\xe9"}', "De inhoud is geen geldige UTF-8-tekst."),
        (
            b'{"tekst": ' + b"9" * 5000 + b"}",
            f"Een getal in de inhoud is te lang: hoogstens {sys.get_int_max_str_digits()} cijfers.",
        ),
        (b'{"tekst": NaN}', "'NaN' is geen geldige JSON-waarde."),
    ],
)
def test_onleesbare_json_krijgt_een_nederlandse_zin(
    regisseur_api: APIClient, bestuursproces: Bestuursproces, body: bytes, detail: str
) -> None:
    aantal = Gebeurtenis.objects.count()

    response = notitie(regisseur_api, bestuursproces, body)

    assert assert_probleem(response, 400, "parse_error")["detail"] == detail
    assert Gebeurtenis.objects.count() == aantal


def test_een_los_surrogaat_wordt_op_zijn_veld_geweigerd(
    regisseur_api: APIClient, bestuursproces: Bestuursproces
) -> None:
    aantal = Gebeurtenis.objects.count()

    response = notitie(regisseur_api, bestuursproces, b'{"tekst": "\\ud800", "zichtbaarheid": 1}')

    assert assert_probleem(response, 400, "invalid")["invalidParams"] == [
        {
            "name": "tekst",
            "code": "surrogate_characters_not_allowed",
            "reason": "Surrogaattekens zijn niet toegestaan: U+D800.",
        }
    ]
    assert Gebeurtenis.objects.count() == aantal


def test_een_surrogaatpaar_is_gewoon_tekst(
    regisseur_api: APIClient, bestuursproces: Bestuursproces
) -> None:
    body = b'{"tekst": "Akkoord \\ud83d\\ude00", "zichtbaarheid": "proces"}'

    response = notitie(regisseur_api, bestuursproces, body)

    assert response.status_code == 201, response.content
    assert response.json()["tekst"] == "Akkoord \U0001f600"


@pytest.mark.parametrize(
    ("data", "gevonden"),
    [
        (
            {"opdracht": {"momenten": [{"tekst": "ok"}, {"tekst": "x\udc00"}]}},
            ("opdracht.momenten.1.tekst", "U+DC00"),
        ),
        ({"a": "\ud800", "b": "\udbff"}, ("a", "U+D800")),
        ({"velden": {"sleutel\ud800": 1}}, ("velden", "U+D800")),
        (["\ud800"], ("0", "U+D800")),
        ("\ud800", ("", "U+D800")),
        ({"tekst": "\U0001f600", "getal": 1, "niets": None}, None),
    ],
)
def test_los_surrogaat_noemt_het_eerste_pad(data: Any, gevonden: tuple[str, str] | None) -> None:
    assert los_surrogaat(data) == gevonden


def test_in_het_engels_op_verzoek(regisseur_api: APIClient, bestuursproces: Bestuursproces) -> None:
    onleesbaar = regisseur_api.post(
        proces_url(bestuursproces, "/notities"),
        b'{"tekst": "a",}',
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    surrogaat = regisseur_api.post(
        proces_url(bestuursproces, "/notities"),
        b'{"tekst": "\\udfff"}',
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
    )

    detail = assert_probleem(onleesbaar, 400, "parse_error")["detail"]
    assert detail == "The body is not valid JSON (line 1, column 15)."
    [fout] = assert_probleem(surrogaat, 400, "invalid")["invalidParams"]
    assert fout["reason"] == "Surrogate characters are not allowed: U+DFFF."
