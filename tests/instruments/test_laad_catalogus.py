"""laad_catalogus: idempotent, never deletes or blanks what a beheerder added, and refuses a
broken document as a whole."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from instruments.models import Competentie, Instrument, Kracht, Strategie, SubVraag, Thema, Veld
from instruments.services import STANDAARD_PAD, CatalogusOngeldig, laad_catalogus

from .factories import InstrumentFactory, StrategieFactory

MODELLEN: list[Any] = [Veld, SubVraag, Thema, Competentie, Instrument, Kracht, Strategie]


def momentopname() -> dict[str, list[dict[str, Any]]]:
    return {m.__name__: list(m.objects.order_by("pk").values()) for m in MODELLEN}


def document() -> dict[str, Any]:
    return json.loads(STANDAARD_PAD.read_text(encoding="utf-8"))


def schrijf(tmp_path: Path, inhoud: Any) -> Path:
    pad = tmp_path / "catalogus.json"
    pad.write_text(json.dumps(inhoud, ensure_ascii=False), encoding="utf-8")
    return pad


def test_eerste_keer_maakt_alles_aan(db):
    verslag = laad_catalogus()
    assert dict(verslag.aangemaakt) == {
        "velden": 9,
        "sub-vragen": 37,
        "thema's": 48,
        "competenties": 17,
        "instrumenten": 56,
        "krachten": 5,
        "strategieën": 7,
    }
    assert not verslag.bijgewerkt
    assert verslag.gewijzigd


def test_tweede_keer_verandert_niets(catalogus):
    voor = momentopname()
    verslag = laad_catalogus()
    assert not verslag.gewijzigd
    assert sum(verslag.ongewijzigd.values()) == 179
    assert momentopname() == voor


def test_commando_meldt_wat_het_deed(db):
    uit = StringIO()
    call_command("laad_catalogus", stdout=uit)
    assert "instrumenten: 56 nieuw, 0 bijgewerkt, 0 ongewijzigd" in uit.getvalue()
    uit = StringIO()
    call_command("laad_catalogus", stdout=uit)
    assert "was al up-to-date" in uit.getvalue()
    assert "instrumenten: 0 nieuw, 0 bijgewerkt, 56 ongewijzigd" in uit.getvalue()


def test_rijen_van_de_beheerder_blijven_staan(catalogus):
    verbindende = Veld.objects.get(code="verbindende")
    eigen: Any = InstrumentFactory(naam="Stakeholderkaart", veld=verbindende)
    eigen_strategie: Any = StrategieFactory(code="de-escaleren", naam="De-escaleren")
    eigen_thema = Thema.objects.create(veld=verbindende, naam="Omgevingsmanagement")
    laad_catalogus()
    assert Instrument.objects.filter(pk=eigen.pk).exists()
    assert Strategie.objects.filter(pk=eigen_strategie.pk).exists()
    assert Thema.objects.filter(pk=eigen_thema.pk).exists()
    assert Instrument.objects.count() == 57


def test_wat_het_boek_niet_zegt_overschrijft_de_beheerder_niet(catalogus):
    tijdlijn = Instrument.objects.get(naam="Tijdlijnmethode")
    thema = Thema.objects.get(veld=tijdlijn.veld, naam="Analyse")
    Instrument.objects.filter(pk=tijdlijn.pk).update(
        doel="begrijpen",
        voorkeursinstrument=True,
        omschrijving="Teken samen de tijdlijn.",
        thema=thema,
        subvraag=thema.subvraag,
    )
    verslag = laad_catalogus()
    assert not verslag.gewijzigd
    tijdlijn.refresh_from_db()
    assert (tijdlijn.doel, tijdlijn.voorkeursinstrument, tijdlijn.thema) == (
        "begrijpen",
        True,
        thema,
    )
    assert tijdlijn.omschrijving == "Teken samen de tijdlijn."


def test_wat_het_boek_wel_zegt_wordt_hersteld(catalogus):
    Instrument.objects.filter(naam="Tijdlijnmethode").update(verdiepingsvraag="Gewijzigd?")
    Veld.objects.filter(code="idee").update(kernvraag="Gewijzigd?")
    verslag = laad_catalogus()
    assert verslag.bijgewerkt == {"instrumenten": 1, "velden": 1}
    assert Instrument.objects.get(naam="Tijdlijnmethode").verdiepingsvraag.startswith("Wat waren")
    assert Veld.objects.get(code="idee").kernvraag.startswith("Wat is het globale idee")


def test_herstelt_de_volgorde_na_herschikken(catalogus):
    Kracht.objects.filter(naam="Positie").update(volgorde=99)
    Kracht.objects.filter(naam="Sensitiviteit").update(volgorde=5)
    Kracht.objects.create(naam="Humor", omschrijving="Eigen toevoeging.", volgorde=1)
    laad_catalogus()
    namen = list(Kracht.objects.values_list("naam", flat=True))
    assert namen[:5] == ["Sensitiviteit", "Scheppingskracht", "Denkkracht", "Wilskracht", "Positie"]
    assert namen[5] == "Humor"


@pytest.mark.parametrize(
    ("wijzig", "melding"),
    [
        (lambda d: d["velden"][0].update(code="achtste"), "velden[0].code"),
        (lambda d: d["velden"][3]["instrumenten"][0].update(kleur="rood"), "onbekende sleutel"),
        (lambda d: d["velden"][3]["instrumenten"][0].update(thema="Bestaat niet"), "geen thema"),
        (lambda d: d["velden"][3]["instrumenten"][0].update(subvraag=9), "geen sub-vraag 9"),
        (lambda d: d["velden"][3]["instrumenten"][0].update(doel="snappen"), ".doel"),
        (lambda d: d["velden"][3]["instrumenten"][0].update(verdiepingsvraag=""), "niet-lege"),
        (
            lambda d: d["velden"][3]["instrumenten"].append(
                {"naam": "Tijdlijnmethode", "verdiepingsvraag": "Nog eens?"}
            ),
            "instrument 'Tijdlijnmethode' komt meer dan eens voor",
        ),
        (lambda d: d["velden"][3]["themas"][0].update(subvraag=7), "geen sub-vraag 7"),
        (lambda d: d["strategieen"][0].update(code="Met Spaties"), "strategieen[0].code"),
        (lambda d: d.pop("krachten"), "'krachten' ontbreekt"),
    ],
)
def test_ongeldig_document_schrijft_niets(db, tmp_path, wijzig, melding):
    inhoud = document()
    wijzig(inhoud)
    with pytest.raises(CatalogusOngeldig, match=None) as fout:
        laad_catalogus(pad=schrijf(tmp_path, inhoud))
    assert melding in str(fout.value)
    assert not any(m.objects.exists() for m in MODELLEN)


def test_thema_van_andere_subvraag_dan_instrument_is_ongeldig(db, tmp_path):
    inhoud = document()
    interventie = inhoud["velden"][3]
    interventie["instrumenten"][0].update(subvraag=1, thema="Besluiten nemen")  # thema of 3
    with pytest.raises(CatalogusOngeldig, match="hoort bij een andere sub-vraag"):
        laad_catalogus(pad=schrijf(tmp_path, inhoud))


def test_commando_weigert_ongeldig_bestand(db, tmp_path):
    pad = tmp_path / "kapot.json"
    pad.write_text("{niet: json", encoding="utf-8")
    with pytest.raises(CommandError, match="niet te lezen als JSON"):
        call_command("laad_catalogus", bestand=pad, stdout=StringIO())
