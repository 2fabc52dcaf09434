"""Reads of the Idee en procesontwerp task: the versions of both, and one of them beside the
version before it, field by field."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch
from django.utils.formats import date_format
from django.utils.translation import gettext

from cases.models import Aanpak, Bestuursproces, IdeeEigenaar, IdeeVersie, ProcesontwerpVersie

from .idee_verschil import Veldverschil, veldverschil

IDEEVELDEN = (
    "wat",
    "context",
    "sterkte",
    "eigenaren",
    "verrijking",
    "concretisering",
    "framing",
    "stip_op_de_horizon",
)
ONTWERPVELDEN = ("processtrategie", "spelregels", "exitregels", "communicatie")


@dataclass(frozen=True)
class Versieregel:
    versie: int
    aangemaakt_op: dt.datetime
    auteur: str
    toelichting: str


@dataclass(frozen=True)
class Versieoverzicht:
    """One version beside its predecessor, and the list of all versions (newest first)."""

    getoond: int | None
    vorige: int | None
    velden: list[Veldverschil]
    versies: list[Versieregel]

    @property
    def huidig(self) -> int | None:
        return self.versies[0].versie if self.versies else None


def _naam(gebruiker: Any) -> str:
    return str(gebruiker.get_full_name() or gebruiker.get_username())


def _kies(versies: Sequence[Any], gevraagd: int | None) -> tuple[Any | None, Any | None]:
    """The asked version (the newest when not asked or unknown) and the one before it."""
    for index, versie in enumerate(versies):
        if gevraagd is None or versie.versie == gevraagd:
            vorige = versies[index + 1] if index + 1 < len(versies) else None
            return versie, vorige
    return _kies(versies, None) if versies and gevraagd is not None else (None, None)


def _regels(versies: Sequence[Any]) -> list[Versieregel]:
    return [
        Versieregel(
            versie=v.versie,
            aangemaakt_op=v.aangemaakt_op,
            auteur=_naam(v.auteur),
            toelichting=v.toelichting,
        )
        for v in versies
    ]


def _eigenaren(idee: IdeeVersie) -> str:
    return "\n".join(e.partij.naam for e in idee.eigenaars.all())  # type: ignore[attr-defined]


def ideeversies(bestuursproces: Bestuursproces) -> list[IdeeVersie]:
    """Every version, newest first, with author and owning spelers (three queries)."""
    return list(
        IdeeVersie.objects.filter(bestuursproces=bestuursproces)
        .select_related("auteur")
        .prefetch_related(
            Prefetch(
                "eigenaars",
                queryset=IdeeEigenaar.objects.select_related(
                    "speler", "opdrachtgever", "organisatie"
                ).order_by("volgorde", "id"),
            )
        )
        .order_by("-versie")
    )


def ideeoverzicht(versies: Sequence[IdeeVersie], gevraagd: int | None = None) -> Versieoverzicht:
    getoond, vorige = _kies(versies, gevraagd)
    velden: list[Veldverschil] = []
    if getoond is not None:
        for naam in IDEEVELDEN:
            label = str(getattr(IdeeVersie._meta.get_field(naam), "verbose_name", naam))
            oud = getattr(vorige, naam) if vorige is not None else None
            velden.append(veldverschil(naam, label.capitalize(), oud, getattr(getoond, naam)))
        velden.append(
            veldverschil(
                "eigenaar_spelers",
                gettext("Idee-eigenaren onder de partijen"),
                _eigenaren(vorige) if vorige is not None else None,
                _eigenaren(getoond),
                per_regel=True,
            )
        )
    return Versieoverzicht(
        getoond=getoond.versie if getoond else None,
        vorige=vorige.versie if vorige else None,
        velden=velden,
        versies=_regels(versies),
    )


def procesontwerpversies(bestuursproces: Bestuursproces) -> list[ProcesontwerpVersie]:
    """Every version, newest first, with its author (one query)."""
    return list(
        ProcesontwerpVersie.objects.filter(bestuursproces=bestuursproces)
        .select_related("auteur")
        .order_by("-versie")
    )


def stappen_als_tekst(stappen: Sequence[dict[str, Any]]) -> str:
    """The planned steps one a line, as the page shows and compares them."""
    regels = []
    for stap in stappen:
        delen = [str(stap.get("titel") or "")]
        if stap.get("gepland"):
            datum = dt.date.fromisoformat(stap["gepland"])
            delen.append(gettext("gepland %(datum)s") % {"datum": date_format(datum, "j F Y")})
        if stap.get("omschrijving"):
            delen.append(str(stap["omschrijving"]))
        regels.append(" · ".join(delen))
    return "\n".join(regels)


def procesontwerpoverzicht(
    versies: Sequence[ProcesontwerpVersie], gevraagd: int | None = None
) -> Versieoverzicht:
    getoond, vorige = _kies(versies, gevraagd)
    velden: list[Veldverschil] = []
    if getoond is not None:
        for naam in ONTWERPVELDEN:
            label = str(getattr(ProcesontwerpVersie._meta.get_field(naam), "verbose_name", naam))
            oud = getattr(vorige, naam) if vorige is not None else None
            velden.append(veldverschil(naam, label.capitalize(), oud, getattr(getoond, naam)))
        velden.insert(
            1,
            veldverschil(
                "aanpak",
                gettext("Aanpak"),
                str(Aanpak(vorige.aanpak).label) if vorige is not None else None,
                str(Aanpak(getoond.aanpak).label),
            ),
        )
        velden.append(
            veldverschil(
                "geplande_stappen",
                gettext("Geplande stappen"),
                stappen_als_tekst(vorige.geplande_stappen) if vorige is not None else None,
                stappen_als_tekst(getoond.geplande_stappen),
                per_regel=True,
            )
        )
    return Versieoverzicht(
        getoond=getoond.versie if getoond else None,
        vorige=vorige.versie if vorige else None,
        velden=velden,
        versies=_regels(versies),
    )
