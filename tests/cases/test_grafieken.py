"""Server-side SVG charts: well-formed, accessible, escaped, and saying in words what they show."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

from cases.grafieken import (
    Partij,
    StadiumStap,
    VeldBalk,
    aandacht_svg,
    krachtenveld_grafiek,
    krachtenveld_svg,
    stadia_grafiek,
    stadia_svg,
)

SVG = "{http://www.w3.org/2000/svg}"


def _lees(markup: str) -> ET.Element:
    wortel = ET.fromstring(markup)
    assert wortel.tag == f"{SVG}svg"
    assert wortel.get("role") == "img"
    titel, beschrijving = wortel.find(f"{SVG}title"), wortel.find(f"{SVG}desc")
    assert titel is not None
    assert beschrijving is not None
    assert wortel.get("aria-labelledby") == f"{titel.get('id')} {beschrijving.get('id')}"
    return wortel


def _teksten(wortel: ET.Element) -> list[str]:
    return [t.text or "" for t in wortel.iter(f"{SVG}text")]


def test_stadia_met_datums_en_huidig_stadium() -> None:
    svg = stadia_svg(
        [
            StadiumStap("Voorstelbaar", dt.date(2026, 2, 3), False),
            StadiumStap("Houdbaar", dt.date(2026, 6, 17), True),
            StadiumStap("Maakbaar", dt.date(2026, 5, 20), False),
            StadiumStap("Uitvoerbaar", None, False),
            StadiumStap("Bruikbaar", None, False),
        ],
        titel="Stadia",
    )
    wortel = _lees(svg)

    assert "Houdbaar" in _teksten(wortel)
    assert "17 juni 2026" in _teksten(wortel)
    beschrijving = wortel.findtext(f"{SVG}desc") or ""
    assert "Houdbaar: huidig stadium (bereikt op 17 juni 2026)" in beschrijving
    assert "Uitvoerbaar: nog niet bereikt" in beschrijving
    # After a fall back, the stadium left behind keeps its date but is no longer reached.
    assert "Maakbaar: eerder bereikt op 20 mei 2026, nu niet meer" in beschrijving


def test_stadia_grafiek_uit_bereikte_datums() -> None:
    svg = stadia_grafiek("maakbaar", {"voorstelbaar": dt.date(2026, 1, 5)}, titel="Stadia")

    beschrijving = _lees(svg).findtext(f"{SVG}desc") or ""
    assert beschrijving.startswith("Voorstelbaar: bereikt (bereikt op 5 januari 2026)")
    assert "Maakbaar: huidig stadium" in beschrijving


def test_krachtenveld_plaatst_partijen_en_ontsnapt_namen() -> None:
    svg = krachtenveld_svg(
        [
            Partij("<b>x</b>", "voorstander", "productiemacht", "aangehaakt", 4),
            Partij("Waterschap", "tegenstander", "blokkademacht", "afgehaakt", 5),
        ],
        titel="Krachtenveld",
        standpunten=[("tegenstander", "Tegenstander"), ("voorstander", "Voorstander")],
        machten=[("productiemacht", "Productiemacht"), ("blokkademacht", "Blokkademacht")],
    )

    assert "<b>" not in svg
    wortel = _lees(svg)
    assert "<b>x</b>" in _teksten(wortel)
    beschrijving = wortel.findtext(f"{SVG}desc") or ""
    assert "Waterschap: tegenstander, blokkademacht, afgehaakt" in beschrijving
    # The legend names every betrokkenheid, so colour is not the only carrier.
    assert {"aangehaakt", "afwachtend", "afgehaakt", "nog te betrekken"} <= set(_teksten(wortel))


def test_krachtenveld_grafiek_uit_het_krachtenveld_document() -> None:
    veld = {
        "groepen": [
            {
                "standpunt": "voorstander",
                "macht": "doorzettingsmacht",
                "partijen": [{"naam": "Wethouder", "betrokkenheid": "aangehaakt", "invloed": 4}],
            }
        ],
        "nietBeoordeeld": [{"naam": "Dorpsraad"}],
    }

    wortel = _lees(krachtenveld_grafiek(veld, titel="Krachtenveld"))

    assert "Doorzettingsmacht" in _teksten(wortel)
    assert "Dorpsraad" not in _teksten(wortel)


def test_lege_krachtenveld_grafiek_zegt_dat() -> None:
    wortel = _lees(
        krachtenveld_grafiek({"groepen": [], "nietBeoordeeld": []}, titel="Krachtenveld")
    )

    assert wortel.findtext(f"{SVG}desc") == "Er zijn nog geen beoordeelde partijen."


def test_aandacht_met_planning_en_verwaarlozing() -> None:
    svg = aandacht_svg(
        [
            VeldBalk("Verbindende veld", 5, 1, False),
            VeldBalk("Interne veld", 0, 0, True),
        ],
        titel="Aandacht",
    )
    wortel = _lees(svg)

    assert "5 (+1 gepland)" in _teksten(wortel)
    assert "0 — geen recente aandacht" in _teksten(wortel)


def test_elke_grafiek_heeft_eigen_ids() -> None:
    een = _lees(aandacht_svg([VeldBalk("Idee", 1, 0, False)], titel="A"))
    twee = _lees(aandacht_svg([VeldBalk("Idee", 1, 0, False)], titel="A"))

    assert een.get("aria-labelledby") != twee.get("aria-labelledby")
