"""Verifying a JSON Lines export on its own, without the database.

Only the pure hashing of :mod:`cases.events.canonical` is used, so an evaluator can check a
file on a machine that has never seen the database. The file is read line by line (constant
memory). Any removed, inserted or reordered line, and any edit of a visible event, breaks one
of these rules, and the first one broken is named with its line number:

- line 1 is the header (``soort: "kop"``) of a format version this code knows;
- event lines follow with volgnummers 1, 2, 3, ... without gaps;
- each event's vorigeHash is the previous event's hash (the first: the genesis hash);
- each visible event's hash recomputes from its fields and the case uuid in the header;
- a redacted event must be redacted in the one allowed shape, at a level the header says
  was not applied; its links must still hold. Under hash scheme 2 (a line with an
  ``inhoudHash``) its hash is recomputed from its envelope (type, actor, times, level and the
  content hash), so those are verified although the content is withheld; a visible event's
  content hash is recomputed from its payload, toelichting and salt. An event of scheme 1
  (recorded before the content hash) cannot be recomputed when redacted: its type, actor and
  times are then not verified, and the summary says how many;
- the closing line (``soort: "slot"``) names the last event as the chain head, and its counts
  and the header's agree with the lines in between; nothing follows it.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cases.events.canonical import (
    GENESIS_HASH,
    envelop_document,
    hash_van_document,
    inhoud_document,
)

FORMAAT = "procesregie-gebeurtenissen"
VERSIES = frozenset({1, 2})
HASH = re.compile(r"^[0-9a-f]{64}$")
# The fields of an event line that its hash covers, besides the case uuid from the header.
GEHASHT = (
    "volgnummer",
    "type",
    "actor",
    "actorNaam",
    "herkomst",
    "tijdstip",
    "geregistreerd",
    "toelichting",
    "payload",
    "vorigeHash",
)
DOCUMENTSOORTEN = ("document.toegevoegd", "document.versie_toegevoegd")
TEKSTVELDEN = ("type", "actor", "actorNaam", "herkomst", "tijdstip", "geregistreerd")


class Probleem(Exception):
    def __init__(self, regel: int, tekst: str) -> None:
        super().__init__(f"regel {regel}: {tekst}")
        self.regel = regel
        self.tekst = tekst


@dataclass
class Uitslag:
    """What the verifier found; ``probleem`` is None when the export is intact."""

    probleem: Probleem | None = None
    bestuursproces: str = ""
    titel: str = ""
    aantal: int = 0
    afgeschermd: int = 0
    # Redacted events whose envelope was verified (hash scheme 2).
    afgeschermd_gecontroleerd: int = 0
    kop_volgnummer: int = 0
    kop_hash: str = GENESIS_HASH
    zichtbaarheid: list[str] = field(default_factory=list)
    # The document versions the verified events vouch for: sha256 → their descriptions.
    documenten: dict[str, list[str]] = field(default_factory=dict)

    @property
    def intact(self) -> bool:
        return self.probleem is None

    def samenvatting(self) -> str:
        if self.probleem is not None:
            return f"Export NIET intact: {self.probleem}."
        return (
            f"Export intact: {self.aantal} gebeurtenissen van bestuursproces '{self.titel}' "
            f"({self.bestuursproces}), geëxporteerd met zichtbaarheid "
            f"{', '.join(self.zichtbaarheid)}; {self.afgeschermd} afgeschermd, waarvan "
            f"{self.afgeschermd_gecontroleerd} met gecontroleerd type, actor en tijden (inhoud "
            f"niet te lezen) en {self.afgeschermd - self.afgeschermd_gecontroleerd} van vóór de "
            f"inhoudshash (type, actor en tijden niet controleerbaar); de keten sluit. Kop van "
            f"de keten: volgnummer "
            f"{self.kop_volgnummer}, hash {self.kop_hash}. Vergelijk deze kop met een checkpoint "
            f"(checkpoint_gebeurtenissen) om ook een volledig herschreven keten te herkennen."
        )


Melding = Callable[[int, str], None]


def _geen_dubbele_sleutels(paren: list[tuple[str, Any]]) -> dict[str, Any]:
    resultaat: dict[str, Any] = {}
    for sleutel, waarde in paren:
        if sleutel in resultaat:
            raise ValueError(f"sleutel '{sleutel}' staat er dubbel in")
        resultaat[sleutel] = waarde
    return resultaat


def _weiger_constante(naam: str) -> Any:
    raise ValueError(f"{naam} is geen geldige JSON-waarde")


def _lees(regel: str, nummer: int) -> dict[str, Any]:
    try:
        waarde = json.loads(
            regel, object_pairs_hook=_geen_dubbele_sleutels, parse_constant=_weiger_constante
        )
    except ValueError as fout:
        raise Probleem(nummer, f"geen geldige JSON ({fout})") from fout
    if not isinstance(waarde, dict):
        raise Probleem(nummer, "geen JSON-object")
    return waarde


class _Controle:
    """The state of one pass over the lines."""

    def __init__(self, melding: Melding | None) -> None:
        self.uitslag = Uitslag()
        self.melding = melding
        self.vorige_hash = GENESIS_HASH
        self.verwacht = 1
        self.kop: dict[str, Any] = {}
        self.slot_gezien = False
        self.gedekt: dict[int, str] = {}  # volgnummer → sha256 of a verified document event
        # Once an event of hash scheme 2 was seen, every later one is: a line without a
        # content hash after it would be an envelope made unverifiable on purpose.
        self.schema2_gezien = False

    def lees_kop(self, regel: dict[str, Any], nummer: int) -> None:
        if regel.get("soort") != "kop":
            raise Probleem(nummer, "de eerste regel is geen kop (soort 'kop')")
        if regel.get("formaat") != FORMAAT or regel.get("versie") not in VERSIES:
            raise Probleem(nummer, "onbekend formaat of onbekende versie van de export")
        proces = regel.get("bestuursproces")
        niveaus = regel.get("zichtbaarheid")
        if (
            not isinstance(proces, dict)
            or not isinstance(proces.get("uuid"), str)
            or not isinstance(niveaus, list)
            or not all(isinstance(n, str) for n in niveaus)
            or not isinstance(regel.get("aantalGebeurtenissen"), int)
            or not isinstance(regel.get("afgeschermd"), int)
        ):
            raise Probleem(nummer, "de kop mist bestuursproces, zichtbaarheid of aantallen")
        if regel.get("genesisHash", GENESIS_HASH) != GENESIS_HASH:
            raise Probleem(nummer, "de genesis-hash in de kop is gewijzigd")
        self.kop = regel
        self.uitslag.bestuursproces = proces["uuid"]
        self.uitslag.titel = str(proces.get("titel", ""))
        self.uitslag.zichtbaarheid = list(niveaus)

    def lees_gebeurtenis(self, regel: dict[str, Any], nummer: int) -> None:
        volgnummer = regel.get("volgnummer")
        if not isinstance(volgnummer, int) or isinstance(volgnummer, bool):
            raise Probleem(nummer, "de gebeurtenis heeft geen volgnummer")
        if volgnummer != self.verwacht:
            raise Probleem(
                nummer,
                f"volgnummer {self.verwacht} verwacht, {volgnummer} gevonden (een regel is "
                f"verwijderd, ingevoegd of verplaatst)",
            )
        if regel.get("vorigeHash") != self.vorige_hash:
            raise Probleem(
                nummer,
                f"vorigeHash van volgnummer {volgnummer} sluit niet aan op de hash van de "
                f"vorige gebeurtenis",
            )
        eigen_hash = regel.get("hash")
        if not isinstance(eigen_hash, str) or not HASH.match(eigen_hash):
            raise Probleem(nummer, f"volgnummer {volgnummer} heeft geen geldige hash")
        if any(not isinstance(regel.get(naam), str) for naam in TEKSTVELDEN):
            raise Probleem(nummer, f"volgnummer {volgnummer} mist een van de velden")
        if regel.get("inhoudHash") is not None:
            self.schema2_gezien = True
        elif self.schema2_gezien:
            raise Probleem(
                nummer,
                f"volgnummer {volgnummer} heeft geen inhoudHash, terwijl eerdere gebeurtenissen "
                f"die wel hebben (regel gewijzigd)",
            )
        if regel.get("afgeschermd") is True:
            self._afgeschermd(regel, nummer, volgnummer)
        else:
            self._herbereken(regel, nummer, volgnummer, eigen_hash)
        self.vorige_hash = eigen_hash
        self.verwacht += 1
        self.uitslag.aantal += 1

    def _afgeschermd(self, regel: dict[str, Any], nummer: int, volgnummer: int) -> None:
        niveau = regel.get("zichtbaarheid")
        if (
            regel.get("payload") != {"afgeschermd": True, "zichtbaarheid": niveau}
            or regel.get("toelichting") is not None
            or regel.get("inhoudZout") is not None
            or regel.get("vrijgegeven") is not None
            or niveau in self.uitslag.zichtbaarheid
        ):
            raise Probleem(
                nummer,
                f"volgnummer {volgnummer} heet afgeschermd, maar niet zoals een export "
                f"afschermt (of op een niveau dat volgens de kop zichtbaar was)",
            )
        self.uitslag.afgeschermd += 1
        inhoud_hash = regel.get("inhoudHash")
        if inhoud_hash is not None:
            self._controleer_envelop(regel, nummer, volgnummer, inhoud_hash)
            self.uitslag.afgeschermd_gecontroleerd += 1
        if self.melding is not None:
            self.melding(nummer, f"volgnummer {volgnummer}: afgeschermd ({niveau}), keten sluit")

    def _controleer_envelop(
        self, regel: dict[str, Any], nummer: int, volgnummer: int, inhoud_hash: Any
    ) -> None:
        """Hash scheme 2: the event's hash over its envelope (the content by its hash)."""
        niveau = regel.get("zichtbaarheid")
        if not isinstance(inhoud_hash, str) or not HASH.match(inhoud_hash):
            raise Probleem(nummer, f"volgnummer {volgnummer} heeft geen geldige inhoudHash")
        if not isinstance(niveau, str):
            raise Probleem(nummer, f"volgnummer {volgnummer} mist zijn zichtbaarheid")
        document = envelop_document(
            bestuursproces=self.uitslag.bestuursproces,
            volgnummer=volgnummer,
            type=regel["type"],
            actor=regel["actor"],
            actor_naam=regel["actorNaam"],
            herkomst=regel["herkomst"],
            tijdstip=regel["tijdstip"],
            geregistreerd=regel["geregistreerd"],
            zichtbaarheid=niveau,
            inhoud_hash=inhoud_hash,
            vorige_hash=regel["vorigeHash"],
        )
        if hash_van_document(document) != regel["hash"]:
            raise Probleem(
                nummer,
                f"de hash van volgnummer {volgnummer} klopt niet met de inhoud (type, actor, "
                f"tijden, zichtbaarheid of inhoudHash gewijzigd)",
            )

    def _herbereken(
        self, regel: dict[str, Any], nummer: int, volgnummer: int, eigen_hash: str
    ) -> None:
        payload = regel.get("payload")
        toelichting = regel.get("toelichting")
        if not isinstance(payload, dict) or not isinstance(toelichting, str):
            raise Probleem(nummer, f"volgnummer {volgnummer} mist payload of toelichting")
        if regel.get("zichtbaarheid") != payload.get("zichtbaarheid", "proces"):
            raise Probleem(nummer, f"de zichtbaarheid van volgnummer {volgnummer} is gewijzigd")
        vrijgegeven = regel.get("vrijgegeven")
        if vrijgegeven is not None and vrijgegeven not in self.uitslag.zichtbaarheid:
            raise Probleem(
                nummer, f"volgnummer {volgnummer} heet vrijgegeven op een niveau buiten de kop"
            )
        inhoud_hash = regel.get("inhoudHash")
        if inhoud_hash is not None:
            zout = regel.get("inhoudZout")
            if not isinstance(zout, str):
                raise Probleem(nummer, f"volgnummer {volgnummer} mist het zout van zijn inhoud")
            try:
                berekend_inhoud = hash_van_document(inhoud_document(payload, toelichting, zout))
            except TypeError as fout:
                raise Probleem(nummer, f"volgnummer {volgnummer} bevat {fout}") from fout
            if berekend_inhoud != inhoud_hash:
                raise Probleem(
                    nummer,
                    f"de inhoudHash van volgnummer {volgnummer} klopt niet met de inhoud "
                    f"(regel gewijzigd)",
                )
            self._controleer_envelop(regel, nummer, volgnummer, inhoud_hash)
            self._onthoud_document(regel, volgnummer)
            return
        document = {naam: regel[naam] for naam in GEHASHT}
        document["bestuursproces"] = self.uitslag.bestuursproces
        try:
            berekend = hash_van_document(document)
        except TypeError as fout:
            raise Probleem(nummer, f"volgnummer {volgnummer} bevat {fout}") from fout
        if berekend != eigen_hash:
            raise Probleem(
                nummer,
                f"de hash van volgnummer {volgnummer} klopt niet met de inhoud (regel gewijzigd)",
            )
        self._onthoud_document(regel, volgnummer)

    def _onthoud_document(self, regel: dict[str, Any], volgnummer: int) -> None:
        """A verified document event vouches for the SHA-256 of its version."""
        if regel["type"] not in DOCUMENTSOORTEN:
            return
        payload = regel["payload"]
        versie = payload.get("versie")
        if not isinstance(versie, dict) or not isinstance(versie.get("sha256"), str):
            return
        document = payload.get("document")
        uuid = document.get("uuid") if isinstance(document, dict) else document
        self.gedekt[volgnummer] = versie["sha256"]
        self.uitslag.documenten.setdefault(versie["sha256"], []).append(
            f"document {uuid} versie {versie.get('nummer')} ({versie.get('bestandsnaam')})"
        )

    def lees_slot(self, regel: dict[str, Any], nummer: int) -> None:
        keten = regel.get("keten")
        if not isinstance(keten, dict):
            raise Probleem(nummer, "het slot noemt de kop van de keten niet")
        laatste = self.verwacht - 1
        if keten.get("volgnummer") != laatste or keten.get("hash") != self.vorige_hash:
            raise Probleem(nummer, "de kop van de keten in het slot is niet de laatste gebeurtenis")
        if (
            regel.get("aantalGebeurtenissen") != self.uitslag.aantal
            or self.kop.get("aantalGebeurtenissen") != self.uitslag.aantal
        ):
            raise Probleem(nummer, "het aantal gebeurtenissen in kop of slot klopt niet")
        if self.kop.get("afgeschermd") != self.uitslag.afgeschermd:
            raise Probleem(nummer, "het aantal afgeschermde gebeurtenissen in de kop klopt niet")
        self._controleer_documentenlijst()
        self.uitslag.kop_volgnummer = laatste
        self.uitslag.kop_hash = self.vorige_hash
        self.slot_gezien = True

    def _controleer_documentenlijst(self) -> None:
        """Each document version the header lists must be the one its event vouches for."""
        lijst = self.kop.get("documenten", [])
        if not isinstance(lijst, list):
            raise Probleem(1, "de documentenlijst in de kop is geen lijst")
        for item in lijst:
            if (
                not isinstance(item, dict)
                or self.gedekt.get(item.get("volgnummer")) != item.get("sha256")  # type: ignore[arg-type]
            ):
                raise Probleem(
                    1,
                    "een document in de kop heeft niet de SHA-256 van zijn gebeurtenis "
                    f"({item.get('bestandsnaam') if isinstance(item, dict) else item})",
                )

    def lees(self, tekst: str, nummer: int) -> None:
        if self.slot_gezien:
            if tekst.strip():
                raise Probleem(nummer, "na het slot staat nog een regel")
            return
        regel = _lees(tekst, nummer)
        if nummer == 1:
            self.lees_kop(regel, nummer)
        elif regel.get("soort") == "gebeurtenis":
            self.lees_gebeurtenis(regel, nummer)
        elif regel.get("soort") == "slot":
            self.lees_slot(regel, nummer)
        else:
            raise Probleem(nummer, "onbekende soort regel (een tweede kop?)")


def verifieer_regels(regels: Iterable[str], melding: Melding | None = None) -> Uitslag:
    """Check the lines of an export; ``melding`` hears about each redacted event."""
    controle = _Controle(melding)
    nummer = 0
    try:
        for nummer, tekst in enumerate(regels, start=1):
            controle.lees(tekst, nummer)
        if nummer == 0:
            raise Probleem(1, "het bestand is leeg")
        if not controle.slot_gezien:
            raise Probleem(nummer, "het slot ontbreekt (bestand afgekapt?)")
    except Probleem as probleem:
        controle.uitslag.probleem = probleem
    return controle.uitslag


def verifieer_bestand(pad: str | Path, melding: Melding | None = None) -> Uitslag:
    """Check an export file, reading it line by line."""
    try:
        with open(pad, encoding="utf-8", newline="\n") as bestand:
            return verifieer_regels(bestand, melding)
    except UnicodeDecodeError as fout:
        return Uitslag(probleem=Probleem(0, f"het bestand is geen UTF-8 ({fout.reason})"))


@dataclass
class Documentcontrole:
    """What a folder of downloaded documents holds, against the hashes the chain vouches for."""

    gevonden: list[tuple[str, str]] = field(default_factory=list)  # (file, what it is)
    onbekend: list[str] = field(default_factory=list)  # files whose hash no event carries
    ontbreekt: int = 0  # vouched versions with no file in the folder

    @property
    def intact(self) -> bool:
        return not self.onbekend

    def samenvatting(self) -> str:
        if self.onbekend:
            return (
                f"Documenten NIET in orde: {len(self.onbekend)} bestand(en) met een SHA-256 die "
                f"geen gebeurtenis in de export draagt: {', '.join(self.onbekend)}."
            )
        return (
            f"Documenten in orde: {len(self.gevonden)} bestand(en) hebben de SHA-256 van een "
            f"gecontroleerde gebeurtenis; {self.ontbreekt} versie(s) uit de export niet in de map."
        )


def sha256_van_bestand(pad: Path) -> str:
    hasher = hashlib.sha256()
    with open(pad, "rb") as bestand:
        while blok := bestand.read(1024 * 1024):
            hasher.update(blok)
    return hasher.hexdigest()


def controleer_documenten(uitslag: Uitslag, map: str | Path) -> Documentcontrole:
    """Check every file in ``map`` (recursively) against the document hashes of an intact
    export: a file is in order when a verified event of the chain carries its SHA-256."""
    controle = Documentcontrole()
    gezien: set[str] = set()
    for pad in sorted(p for p in Path(map).rglob("*") if p.is_file()):
        sha = sha256_van_bestand(pad)
        naam = str(pad.relative_to(map))
        if sha in uitslag.documenten:
            gezien.add(sha)
            controle.gevonden.append((naam, uitslag.documenten[sha][0]))
        else:
            controle.onbekend.append(naam)
    controle.ontbreekt = len(set(uitslag.documenten) - gezien)
    return controle
