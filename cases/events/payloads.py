"""The JSON shape of the case's parts, shared by event payloads, replay and current state.

Keys are camelCase because payloads are part of the API and of the exports.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from cases.models import (
    Besluitmoment,
    Bestuursproces,
    Betrokkenheidswijziging,
    Consolidatie,
    IdeeVersie,
    Instemming,
    Lidmaatschap,
    Notitie,
    Opdrachtgever,
    OpdrachtgeverBeoordeling,
    Optie,
    Organisatie,
    Speler,
    SpelerBeoordeling,
    Stadiumovergang,
    WyberStap,
)

from .canonical import formatteer_tijdstip

BESTUURSPROCES_VELDEN = {
    # payload key: model attribute
    "titel": "titel",
    "omschrijving": "omschrijving",
    "rolGemeente": "rol_gemeente",
    "procesrol": "procesrol",
    "aanpak": "aanpak",
    "archiefnominatie": "archiefnominatie",
    "archiefactiedatum": "archiefactiedatum",
}
OPDRACHT_VELDEN = {
    "kaders": "kaders",
    "budget": "budget",
    "uren": "uren",
    "einddatum": "einddatum",
    "speelruimte": "speelruimte",
}
IDEE_VELDEN = {
    "wat": "wat",
    "context": "context",
    "sterkte": "sterkte",
    "eigenaren": "eigenaren",
    "verrijking": "verrijking",
    "concretisering": "concretisering",
    "framing": "framing",
    "stipOpDeHorizon": "stip_op_de_horizon",
}


def _waarde(waarde: Any) -> Any:
    if isinstance(waarde, Decimal):
        return format(waarde.quantize(Decimal("0.01")), "f")
    if hasattr(waarde, "isoformat"):
        return waarde.isoformat()
    return waarde


def besluitmoment_gegevens(besluitmoment: Besluitmoment) -> dict[str, Any]:
    return {
        "datum": besluitmoment.datum.isoformat(),
        "soort": besluitmoment.soort,
        "gevraagd": besluitmoment.gevraagd,
    }


def opdracht_gegevens(
    bestuursproces: Bestuursproces, besluitmomenten: list[Besluitmoment]
) -> dict[str, Any]:
    gegevens = {
        sleutel: _waarde(getattr(bestuursproces, attr)) for sleutel, attr in OPDRACHT_VELDEN.items()
    }
    gegevens["besluitmomenten"] = [besluitmoment_gegevens(b) for b in besluitmomenten]
    return gegevens


def bestuursproces_gegevens(
    bestuursproces: Bestuursproces, besluitmomenten: list[Besluitmoment]
) -> dict[str, Any]:
    gegevens: dict[str, Any] = {"uuid": str(bestuursproces.uuid)}
    gegevens.update(
        {
            sleutel: _waarde(getattr(bestuursproces, attr))
            for sleutel, attr in BESTUURSPROCES_VELDEN.items()
        }
    )
    gegevens.update(
        {
            "stadium": bestuursproces.stadium,
            "status": bestuursproces.status,
            "uitkomst": bestuursproces.uitkomst,
            "opdracht": opdracht_gegevens(bestuursproces, besluitmomenten),
            "geopendOp": formatteer_tijdstip(bestuursproces.geopend_op),
        }
    )
    return gegevens


def idee_gegevens(
    idee: IdeeVersie,
    eigenaar_spelers: list[str],
    *,
    eigenaar_opdrachtgevers: list[str] | None = None,
    eigenaar_organisaties: list[str] | None = None,
) -> dict[str, Any]:
    """``eigenaar_*``: uuids of the spelers, opdrachtgevers and organisaties named as
    idee-eigenaar, each in order."""
    gegevens: dict[str, Any] = {"uuid": str(idee.uuid), "versie": idee.versie}
    gegevens.update({sleutel: getattr(idee, attr) for sleutel, attr in IDEE_VELDEN.items()})
    gegevens["eigenaarSpelers"] = eigenaar_spelers
    gegevens["eigenaarOpdrachtgevers"] = eigenaar_opdrachtgevers or []
    gegevens["eigenaarOrganisaties"] = eigenaar_organisaties or []
    return gegevens


def lidmaatschap_gegevens(lidmaatschap: Lidmaatschap) -> dict[str, Any]:
    return {
        "uuid": str(lidmaatschap.uuid),
        "gebruiker": lidmaatschap.gebruiker.get_username(),
        "rol": lidmaatschap.rol,
    }


def stadiumovergang_gegevens(overgang: Stadiumovergang) -> dict[str, Any]:
    return {
        "uuid": str(overgang.uuid),
        "van": overgang.van,
        "naar": overgang.naar,
        "richting": overgang.richting,
        "geforceerd": overgang.geforceerd,
        "toelichting": overgang.toelichting,
    }


# --- partijen: organisaties, spelers, opdrachtgevers -----------------------------------------

ORGANISATIE_VELDEN = {"naam": "naam", "soort": "soort", "eigenGemeente": "eigen_gemeente"}
SPELER_VELDEN = {
    "naam": "naam",
    "soort": "soort",
    "veld": "veld",
    "rolInProces": "rol_in_proces",
    "belang": "belang",
    "belemmeringen": "belemmeringen",
    "waarden": "waarden",
    "commitment": "commitment",
    "symmetrie": "symmetrie",
    "formeelBesluitNodig": "formeel_besluit_nodig",
}
OPDRACHTGEVER_VELDEN = {
    "naam": "naam",
    "rol": "rol",
    "expliciteOpdracht": "expliciete_opdracht",
    "formeelBesluitNodig": "formeel_besluit_nodig",
}
SPELERBEOORDELING_VELDEN = {
    "standpunt": "standpunt",
    "macht": "macht",
    "uniekeMacht": "unieke_macht",
    "invloed": "invloed",
    "vertrouwen": "vertrouwen",
}
OPDRACHTGEVERBEOORDELING_VELDEN = {
    "mandaat": "mandaat",
    "stevigheid": "stevigheid",
    "steun": "steun",
    "onderlingVertrouwen": "onderling_vertrouwen",
    "openRekeningen": "open_rekeningen",
    "implicieteOpdracht": "impliciete_opdracht",
}


def _velden(instance: Any, velden: dict[str, str]) -> dict[str, Any]:
    return {sleutel: _waarde(getattr(instance, attr)) for sleutel, attr in velden.items()}


def _uuid_of_none(waarde: Any) -> str | None:
    return None if waarde is None else str(waarde)


def organisatie_gegevens(organisatie: Organisatie) -> dict[str, Any]:
    return {"uuid": str(organisatie.uuid), **_velden(organisatie, ORGANISATIE_VELDEN)}


def speler_gegevens(speler: Speler, organisatie_uuid: Any) -> dict[str, Any]:
    return {
        "uuid": str(speler.uuid),
        **_velden(speler, SPELER_VELDEN),
        "organisatie": _uuid_of_none(organisatie_uuid),
        "betrokkenheid": speler.betrokkenheid,
    }


def opdrachtgever_gegevens(opdrachtgever: Opdrachtgever, organisatie_uuid: Any) -> dict[str, Any]:
    return {
        "uuid": str(opdrachtgever.uuid),
        **_velden(opdrachtgever, OPDRACHTGEVER_VELDEN),
        "organisatie": _uuid_of_none(organisatie_uuid),
        "betrokkenheid": opdrachtgever.betrokkenheid,
    }


def _beoordeling_basis(beoordeling: SpelerBeoordeling | OpdrachtgeverBeoordeling) -> dict[str, Any]:
    return {
        "uuid": str(beoordeling.uuid),
        "tijdstip": formatteer_tijdstip(beoordeling.tijdstip),
        "auteur": beoordeling.auteur.get_username(),
        "stadium": beoordeling.stadium,
        "toelichting": beoordeling.toelichting,
        "zichtbaarheid": beoordeling.zichtbaarheid,
    }


def spelerbeoordeling_gegevens(beoordeling: SpelerBeoordeling) -> dict[str, Any]:
    return {**_beoordeling_basis(beoordeling), **_velden(beoordeling, SPELERBEOORDELING_VELDEN)}


def opdrachtgeverbeoordeling_gegevens(beoordeling: OpdrachtgeverBeoordeling) -> dict[str, Any]:
    return {
        **_beoordeling_basis(beoordeling),
        **_velden(beoordeling, OPDRACHTGEVERBEOORDELING_VELDEN),
    }


def betrokkenheidswijziging_gegevens(
    wijziging: Betrokkenheidswijziging, partij_uuid: Any
) -> dict[str, Any]:
    return {
        "uuid": str(wijziging.uuid),
        "partij": str(partij_uuid),
        "actie": wijziging.actie,
        "van": wijziging.van,
        "naar": wijziging.naar,
        "reden": wijziging.reden,
    }


def notitie_gegevens(notitie: Notitie, speler_uuid: Any, opdrachtgever_uuid: Any) -> dict[str, Any]:
    return {
        "uuid": str(notitie.uuid),
        "speler": _uuid_of_none(speler_uuid),
        "opdrachtgever": _uuid_of_none(opdrachtgever_uuid),
        "tekst": notitie.tekst,
        "zichtbaarheid": notitie.zichtbaarheid,
        "tijdstip": formatteer_tijdstip(notitie.tijdstip),
        "auteur": notitie.auteur.get_username(),
    }


# --- wyberen -----------------------------------------------------------------------------------


def wyberstap_gegevens(stap: WyberStap, heropent_uuid: Any) -> dict[str, Any]:
    return {
        "uuid": str(stap.uuid),
        "volgnummer": stap.volgnummer,
        "doel": stap.doel,
        "stadium": stap.stadium,
        "fase": stap.fase,
        "gestartOp": formatteer_tijdstip(stap.gestart_op),
        "heropent": _uuid_of_none(heropent_uuid),
        "heropeningsreden": stap.heropeningsreden,
    }


def optie_gegevens(optie: Optie, speler_uuid: Any, opdrachtgever_uuid: Any) -> dict[str, Any]:
    return {
        "uuid": str(optie.uuid),
        "titel": optie.titel,
        "omschrijving": optie.omschrijving,
        "speler": _uuid_of_none(speler_uuid),
        "opdrachtgever": _uuid_of_none(opdrachtgever_uuid),
        "status": optie.status,
        "reden": optie.reden,
        "samengevoegdIn": _uuid_of_none(
            optie.samengevoegd_in.uuid if optie.samengevoegd_in else None
        ),
    }


def consolidatie_gegevens(consolidatie: Consolidatie) -> dict[str, Any]:
    return {
        "uuid": str(consolidatie.uuid),
        "uitkomst": consolidatie.uitkomst,
        "tekst": consolidatie.tekst,
        "documentTitel": consolidatie.document_titel,
        "documentUrl": consolidatie.document_url,
    }


def instemming_gegevens(instemming: Instemming) -> dict[str, Any]:
    speler, opdrachtgever = instemming.speler, instemming.opdrachtgever
    gegevens = {
        "uuid": str(instemming.uuid),
        "speler": _uuid_of_none(speler.uuid if speler else None),
        "opdrachtgever": _uuid_of_none(opdrachtgever.uuid if opdrachtgever else None),
        "status": instemming.status,
        "voorbehoud": instemming.voorbehoud,
        "formeelBesloten": instemming.formeel_besloten,
        "beslotenOp": _waarde(instemming.besloten_op),
        "besluitreferentie": instemming.besluitreferentie,
        "formeelBesluitNodig": instemming.formeel_besluit_nodig,
    }
    # Only a consent resting on a besluit of the case names it (issue 14): older events and
    # consents with a referentie alone keep their shape.
    if instemming.besluit is not None:
        gegevens["besluit"] = str(instemming.besluit.uuid)
    return gegevens
