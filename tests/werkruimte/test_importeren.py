"""Overstappen uit Excel: a stakeholder list uploaded as xlsx (built with openpyxl here) or
csv (; or , separated, UTF-8 with or without BOM) is checked row by row with likely
duplicates marked, then imported all or nothing, each row its own events with its own date."""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from openpyxl import Workbook

from cases import services
from cases.models import Bestuursproces, Gebeurtenis, Organisatie, Speler, SpelerBeoordeling
from tests.factories import actor_voor
from werkruimte.krachtenveld import importeren
from werkruimte.versie import versie_van

from ._html import formulieren
from .conftest import dagen_geleden

pytestmark = pytest.mark.django_db

KOP = ["Naam", "Soort", "Veld", "Rol", "Organisatie", "Standpunt", "Macht", "Invloed", "Datum"]


def _url(zaak: Bestuursproces, *deel: str) -> str:
    return "/".join([f"/processen/{zaak.uuid}/krachtenveld/importeren", *deel, ""])


def _dag(dagen: int) -> str:
    return timezone.localdate(dagen_geleden(dagen)).strftime("%d-%m-%Y")


def _xlsx(rijen: list[list[Any]]) -> bytes:
    boek = Workbook()
    blad = boek.active
    assert blad is not None
    for rij in rijen:
        blad.append(rij)
    uit = io.BytesIO()
    boek.save(uit)
    return uit.getvalue()


def _csv(rijen: list[list[Any]], scheiding: str = ";", bom: bool = False) -> bytes:
    tekst = "\r\n".join(scheiding.join(str(w) for w in rij) for rij in rijen) + "\r\n"
    return (b"\xef\xbb\xbf" if bom else b"") + tekst.encode("utf-8")


def _laad(client: Any, zaak: Bestuursproces, naam: str, inhoud: bytes) -> Any:
    return client.post(_url(zaak), {"bestand": SimpleUploadedFile(naam, inhoud)})


def _token(html: str) -> str:
    m = re.search(r'name="token" value="([^"]+)"', html)
    assert m, "geen token in het voorbeeld"
    return m.group(1)


def _typen(zaak: Bestuursproces, na: int) -> list[str]:
    return list(
        Gebeurtenis.objects.filter(bestuursproces=zaak, volgnummer__gt=na)
        .order_by("volgnummer")
        .values_list("type", flat=True)
    )


def test_een_excellijst_wordt_gecontroleerd_en_in_een_keer_geimporteerd(
    zaak: Bestuursproces, zaakleden: dict[str, Any], web: Any
) -> None:
    client = web(zaakleden["procesregisseur"])
    inhoud = _xlsx(
        [
            KOP,
            [
                "Woningcorporatie Havenstad",
                "Groep",
                "Uitvoerende veld",
                "Sleutelpersoon",
                "Havenstad Wonen",
                "Voorstander",
                "Productiemacht",
                4,
                _dag(20),
            ],
            # Codes instead of labels, an ISO date, a real Excel date cell.
            ["Jan de Vries", "persoon", "verbindende", "betrokkene", "", "", "", "", ""],
            [
                "Ondernemersvereniging",
                "groep",
                "verbindend",
                "betrokkene",
                "Havenstad Wonen",
                "tegenstander",
                "blokkademacht",
                "",
                timezone.localtime(dagen_geleden(10)).replace(tzinfo=None),
            ],
        ]
    )
    voorbeeld = _laad(client, zaak, "partijen.xlsx", inhoud)
    html = voorbeeld.content.decode()
    assert voorbeeld.status_code == 200, html
    assert "Alle 3 rijen zijn in orde." in html
    assert "nieuwe organisatie" in html
    assert Speler.objects.filter(bestuursproces=zaak).count() == 0  # nothing written yet
    laatste = versie_van(zaak)
    antwoord = client.post(
        _url(zaak, "uitvoeren"),
        {"token": _token(html), "zichtbaarheid": "proces", "versie": laatste},
    )
    assert antwoord.status_code == 302
    # World-time order: the row of 20 days ago first, with its new organisation.
    assert _typen(zaak, laatste) == [
        "organisatie.geregistreerd",
        "speler.geregistreerd",
        "speler.beoordeeld",
        "speler.geregistreerd",
        "speler.beoordeeld",
        "speler.geregistreerd",
    ]
    corporatie = Speler.objects.get(bestuursproces=zaak, naam="Woningcorporatie Havenstad")
    assert (corporatie.soort, corporatie.veld, corporatie.rol_in_proces) == (
        "groep",
        "uitvoerende",
        "sleutelpersoon",
    )
    assert corporatie.organisatie is not None
    assert corporatie.organisatie.naam == "Havenstad Wonen"
    oordeel = SpelerBeoordeling.objects.get(speler=corporatie)
    assert (oordeel.standpunt, oordeel.macht, oordeel.invloed, oordeel.vertrouwen) == (
        "voorstander",
        "productiemacht",
        4,
        importeren.STANDAARDSCORE,
    )
    assert timezone.localdate(oordeel.tijdstip) == timezone.localdate(dagen_geleden(20))
    vereniging = Speler.objects.get(bestuursproces=zaak, naam="Ondernemersvereniging")
    assert vereniging.organisatie == corporatie.organisatie
    assert timezone.localdate(
        SpelerBeoordeling.objects.get(speler=vereniging).tijdstip
    ) == timezone.localdate(dagen_geleden(10))
    assert Organisatie.objects.filter(bestuursproces=zaak).count() == 1
    pagina = client.get("/".join(_url(zaak).split("/")[:-2]) + "/").content.decode()
    assert "3 partijen zijn geïmporteerd." in pagina


@pytest.mark.parametrize(
    ("scheiding", "bom"), [(";", False), (";", True), (",", False), (",", True)]
)
def test_csv_met_puntkomma_of_komma_met_of_zonder_bom(
    zaak: Bestuursproces, zaakleden: dict[str, Any], web: Any, scheiding: str, bom: bool
) -> None:
    client = web(zaakleden["kernteam"])
    inhoud = _csv(
        [
            ["naam", "soort", "veld", "rol", "standpunt", "macht", "datum"],
            ["Café De Haven", "groep", "uitvoerende", "betrokkene", "afwachtend", "geen", ""],
            ["Bewonersraad", "Groep", "Interne veld", "Idee-eigenaar", "", "", "2026-12-01"],
        ],
        scheiding,
        bom,
    )
    html = _laad(client, zaak, "lijst.csv", inhoud).content.decode()
    assert "Alle 2 rijen zijn in orde." in html
    laatste = versie_van(zaak)
    antwoord = client.post(
        _url(zaak, "uitvoeren"),
        {"token": _token(html), "zichtbaarheid": "kernteam", "versie": laatste},
    )
    assert antwoord.status_code == 302
    assert sorted(_typen(zaak, laatste)) == sorted(
        ["speler.geregistreerd", "speler.beoordeeld", "speler.geregistreerd"]
    )
    assert set(Speler.objects.filter(bestuursproces=zaak).values_list("naam", flat=True)) == {
        "Café De Haven",
        "Bewonersraad",
    }
    assert SpelerBeoordeling.objects.get(speler__naam="Café De Haven").zichtbaarheid == "kernteam"


def test_elke_rij_gecontroleerd_en_niets_te_importeren_bij_een_fout(
    zaak: Bestuursproces, zaakleden: dict[str, Any], web: Any
) -> None:
    client = web(zaakleden["procesregisseur"])
    inhoud = _csv(
        [
            ["naam", "soort", "veld", "rol", "standpunt", "macht", "invloed", "datum"],
            ["Goed", "groep", "uitvoerende", "betrokkene", "", "", "", ""],
            ["", "robot", "hemel", "baas", "voor", "", "9", "31-02-2026"],
            ["Toekomst", "groep", "uitvoerende", "betrokkene", "", "", "", "6-12-2099"],
        ]
    )
    antwoord = _laad(client, zaak, "lijst.csv", inhoud)
    assert antwoord.status_code == 400
    html = antwoord.content.decode()
    assert "2 rijen zijn niet in orde." in html
    for tekst in (
        "De naam ontbreekt.",
        "Soort &#x27;robot&#x27; is onbekend; kies uit: persoon, groep.",
        "Veld &#x27;hemel&#x27; is onbekend",
        "Rol &#x27;baas&#x27; is onbekend",
        "Standpunt &#x27;voor&#x27; is onbekend",
        "Invloed moet een getal van 1 tot en met 5 zijn",
        "De datum &#x27;31-02-2026&#x27; is niet te lezen",
        "ligt in de toekomst",
    ):
        assert tekst in html, tekst
    # No import form, hence no token: an erroneous file cannot be imported.
    assert "importformulier" not in formulieren(html)
    assert 'name="token"' not in html


def test_waarschijnlijk_dubbele_partijen_gemarkeerd_en_overgeslagen(
    zaak: Bestuursproces, zaakleden: dict[str, Any], regisseur: Any, web: Any
) -> None:
    services.registreer_speler(
        actor=actor_voor(regisseur),
        bestuursproces=zaak,
        naam="Café de Haven",
        soort="groep",
        veld="uitvoerende",
        rol_in_proces="betrokkene",
    )
    client = web(zaakleden["procesregisseur"])
    inhoud = _csv(
        [
            ["naam", "soort", "veld", "rol"],
            ["CAFE  DE HAVEN", "groep", "uitvoerende", "betrokkene"],
            ["Buurtvereniging", "groep", "verbindende", "betrokkene"],
            ["buurtvereniging", "groep", "verbindende", "betrokkene"],
        ]
    )
    html = _laad(client, zaak, "lijst.csv", inhoud).content.decode()
    assert "Waarschijnlijk dubbel: Café de Haven is er al" in html
    assert "Waarschijnlijk dubbel met rij 3" in html
    assert "2 rijen noemen waarschijnlijk een partij die er al is." in html
    laatste = versie_van(zaak)
    client.post(
        _url(zaak, "uitvoeren"),
        {
            "token": _token(html),
            "dubbele_overslaan": "on",
            "zichtbaarheid": "proces",
            "versie": laatste,
        },
    )
    assert _typen(zaak, laatste) == ["speler.geregistreerd"]
    assert Speler.objects.filter(bestuursproces=zaak).count() == 2


def test_een_geweigerde_rij_weigert_het_hele_bestand(
    zaak: Bestuursproces, zaakleden: dict[str, Any], web: Any
) -> None:
    """The kernteam may not import at the regisseur's level: the first assessment is refused
    after earlier rows were written, and all of them are rolled back."""
    client = web(zaakleden["kernteam"])
    inhoud = _csv(
        [
            ["naam", "soort", "veld", "rol", "standpunt", "macht"],
            ["Een", "groep", "uitvoerende", "betrokkene", "", ""],
            ["Twee", "groep", "uitvoerende", "betrokkene", "voorstander", "geen"],
        ]
    )
    html = _laad(client, zaak, "lijst.csv", inhoud).content.decode()
    token = _token(html)
    laatste = versie_van(zaak)
    # The form offers only the levels the kernteam may read; a forged choice is refused.
    antwoord = client.post(
        _url(zaak, "uitvoeren"), {"token": token, "zichtbaarheid": "regisseur", "versie": laatste}
    )
    assert antwoord.status_code == 400
    assert _typen(zaak, laatste) == []
    # At a level the service itself refuses for this row.
    rijen = importeren.pak_uit(zaak, zaakleden["kernteam"].pk, token)
    with pytest.raises(Exception, match="Rij 3 \\(Twee\\)"):
        importeren.importeer(
            actor=actor_voor(zaakleden["kernteam"]),
            bestuursproces=zaak,
            rijen=rijen,
            dubbele_overslaan=False,
            zichtbaarheid="regisseur",
        )
    assert _typen(zaak, laatste) == []
    assert not Speler.objects.filter(bestuursproces=zaak).exists()


def test_een_nagemaakt_of_vreemd_token_wordt_geweigerd(
    zaak: Bestuursproces, zaakleden: dict[str, Any], regisseur: Any, web: Any
) -> None:
    ander = services.open_bestuursproces(
        actor=actor_voor(regisseur), titel="Ander", rol_gemeente="initierend", aanpak="cyclisch"
    )
    vreemd = importeren.verpak(ander, regisseur.pk, [importeren.Rij(nummer=2, naam="X")])
    client = web(zaakleden["procesregisseur"])
    laatste = versie_van(zaak)
    for token in ("nagemaakt", vreemd, vreemd[:-3] + "abc"):
        antwoord = client.post(
            _url(zaak, "uitvoeren"),
            {"token": token, "zichtbaarheid": "proces", "versie": laatste},
            follow=True,
        )
        assert "Laad het bestand opnieuw." in antwoord.content.decode()
    assert _typen(zaak, laatste) == []


@pytest.mark.parametrize(
    ("naam", "inhoud", "melding"),
    [
        ("lijst.csv", b"", "leeg"),
        ("lijst.csv", b"\n;;\n", "Dit bestand is leeg."),
        ("lijst.pdf", b"%PDF-1.4", "Kies een Excel-bestand (.xlsx) of een csv-bestand"),
        ("lijst.xlsx", b"PK\x03\x04kapot", "geen leesbaar Excel-bestand"),
        ("lijst.csv", b"naam;soort\nA;groep\n", "Deze ontbreken: veld, rol."),
        ("lijst.csv", b"naam;soort;veld;rol\n", "geen rijen"),
        ("lijst.csv", "naam;soort;veld;rol\nCafé;groep;x;y\n".encode("cp1252"), "UTF-8"),
        (
            "lijst.csv",
            ("naam;soort;veld;rol\n" + "A;groep;interne;betrokkene\n" * 501).encode(),
            "meer dan 500 rijen",
        ),
        ("lijst.csv", b"naam;soort;veld;rol\n" + b"x" * (2 * 1024 * 1024), "groter dan 2 MB"),
    ],
)
def test_een_onbruikbaar_bestand_krijgt_een_duidelijke_melding(
    zaak: Bestuursproces,
    zaakleden: dict[str, Any],
    web: Any,
    naam: str,
    inhoud: bytes,
    melding: str,
) -> None:
    antwoord = _laad(web(zaakleden["procesregisseur"]), zaak, naam, inhoud)
    assert antwoord.status_code == 400
    assert melding in antwoord.content.decode()


def test_een_xlsx_die_uitgepakt_te_groot_is_wordt_niet_geopend(
    zaak: Bestuursproces, zaakleden: dict[str, Any], web: Any
) -> None:
    uit = io.BytesIO()
    with zipfile.ZipFile(uit, "w", zipfile.ZIP_DEFLATED) as archief:
        archief.writestr("xl/sharedStrings.xml", b"a" * (importeren.MAX_UITGEPAKT + 1))
    assert len(uit.getvalue()) < importeren.MAX_BYTES
    antwoord = _laad(web(zaakleden["procesregisseur"]), zaak, "lijst.xlsx", uit.getvalue())
    assert antwoord.status_code == 400
    assert "uitgepakt groter dan 50 MB" in antwoord.content.decode()


def test_een_lezer_ziet_geen_importpagina(
    zaak: Bestuursproces, zaakleden: dict[str, Any], web: Any
) -> None:
    client = web(zaakleden["opdrachtgever"])
    assert client.get(_url(zaak)).status_code == 403
    inhoud = _csv([["naam", "soort", "veld", "rol"], ["A", "groep", "interne", "betrokkene"]])
    assert _laad(client, zaak, "lijst.csv", inhoud).status_code == 403


@pytest.mark.parametrize("aantal", [1, 10, 50])
def test_het_voorbeeld_met_een_vast_aantal_queries(
    zaak: Bestuursproces,
    zaakleden: dict[str, Any],
    web: Any,
    aantal: int,
    django_assert_num_queries: Any,
) -> None:
    client = web(zaakleden["procesregisseur"])
    client.get(_url(zaak))
    inhoud = _xlsx(
        [
            KOP,
            *(
                [
                    f"Partij {i}",
                    "groep",
                    "uitvoerende",
                    "betrokkene",
                    f"Org {i % 3}",
                    "",
                    "",
                    "",
                    "",
                ]
                for i in range(aantal)
            ),
        ]
    )
    # session, user, the case with the member's role; the names of spelers and of
    # opdrachtgevers, the organisations (duplicates and new ones); the import form's version.
    with django_assert_num_queries(7):
        antwoord = _laad(client, zaak, "partijen.xlsx", inhoud)
    assert antwoord.status_code == 200
    assert antwoord.content.decode().count("(nieuwe organisatie)") == aantal
