"""The regisseur's positioneringen and the procesontwerp with its versions."""

from __future__ import annotations

from typing import Any

from django.utils.functional import lazy
from rest_framework import serializers
from rest_framework.fields import empty
from rest_framework.settings import api_settings

from cases.models import Aanpak, Positie, Positionering, PositioneringsVeld, ProcesontwerpVersie
from cases.models import Zichtbaarheid as Niveau
from cases.services.procesontwerp import (
    MAX_PROCESSTRATEGIE,
    MAX_STAPPEN,
    MAX_TITEL,
    ProcesontwerpInhoud,
    melding_processtrategie_te_lang,
)
from procesregie.api.velden import ModelSerializer

from .basis import ProcesRelatieField, Serializer, StriktMixin, WereldtijdMixin, keuzeveld
from .wyberen import WyberStapRelatieField

# "veld" is also a speler's veld (seven values): this set gets its own enum component.
PositioneringsVeldField = keuzeveld("PositioneringsVeldEnum", PositioneringsVeld.choices)
PositieField = keuzeveld("PositieEnum", Positie.choices)
NON_FIELD_ERRORS = api_settings.NON_FIELD_ERRORS_KEY


class PositioneringSerializer(ModelSerializer[Positionering]):
    url = ProcesRelatieField(source="*", model=Positionering, read_only=True)
    veld = PositioneringsVeldField(read_only=True)
    veldNaam = serializers.CharField(source="get_veld_display", read_only=True)
    positie = PositieField(read_only=True)
    positieNaam = serializers.CharField(source="get_positie_display", read_only=True)
    wyberstap = WyberStapRelatieField(
        read_only=True, allow_null=True, help_text="De wyber-stap waarvoor deze positie geldt."
    )
    auteur = serializers.CharField(source="auteur.get_username", help_text="Gebruikersnaam.")
    vastgelegdOp = serializers.DateTimeField(source="vastgelegd_op")

    class Meta:
        model = Positionering
        fields = [
            "url",
            "uuid",
            "veld",
            "veldNaam",
            "positie",
            "positieNaam",
            "omschrijving",
            "sinds",
            "wyberstap",
            "toelichting",
            "zichtbaarheid",
            "auteur",
            "vastgelegdOp",
        ]
        read_only_fields = fields


class PositioneringInvoerSerializer(StriktMixin, Serializer):
    veld = PositioneringsVeldField(
        help_text="opdrachtgevende, verbindende, uitvoerende of interne veld."
    )
    positie = PositieField(
        help_text=(
            "Opdrachtgevende veld: secretarisrol, adviserende_rol, beslissende_rol; verbindende "
            "en interne veld (de sturings-as): aansturen, sturen, faciliteren, observeren; "
            "uitvoerende veld: uitvoerend, meewerkend, coordinerend, overzicht_creerend, stand_by."
        )
    )
    omschrijving = serializers.CharField(
        allow_blank=True,
        required=False,
        default="",
        help_text="Hoe je de positie invult; verplicht in het interne veld.",
    )
    sinds = serializers.DateField(
        required=False,
        default=None,
        help_text="Vanaf wanneer de positie geldt (standaard vandaag); niet in de toekomst.",
    )
    wyberstap = WyberStapRelatieField(
        allow_null=True,
        required=False,
        default=None,
        help_text="URL van de wyber-stap van dit bestuursproces waarvoor de positie geldt.",
    )
    toelichting = serializers.CharField(
        allow_blank=True, required=False, default="", help_text="Waarom je deze positie kiest."
    )
    zichtbaarheid = serializers.ChoiceField(
        choices=Niveau.choices,
        required=False,
        default=Niveau.KERNTEAM,
        help_text="Wie de positionering mag zien (standaard kernteam).",
    )


class HuidigePositieSerializer(Serializer):
    veld = PositioneringsVeldField(read_only=True)
    veldNaam = serializers.CharField(read_only=True)
    positionering = PositioneringSerializer(
        read_only=True, allow_null=True, help_text="Leeg zolang je hier geen positie hebt gekozen."
    )


class HuidigePositieVanRegisseurSerializer(Serializer):
    regisseur = serializers.CharField(read_only=True, help_text="Gebruikersnaam.")
    regisseurNaam = serializers.CharField(read_only=True)
    posities = HuidigePositieSerializer(
        many=True, read_only=True, help_text="Per veld de laatste positie die deze regisseur koos."
    )


class StappenLijst(serializers.ListSerializer[Any]):
    # Errors of the list as a whole (not a list, too long) belong to the property itself,
    # as for other list properties, not to a nested non_field_errors.

    def run_validation(self, data: Any = empty) -> Any:
        try:
            return super().run_validation(data)
        except serializers.ValidationError as fout:
            if isinstance(fout.detail, dict) and set(fout.detail) == {NON_FIELD_ERRORS}:
                raise serializers.ValidationError(fout.detail[NON_FIELD_ERRORS]) from fout
            raise


class GeplandeStapSerializer(StriktMixin, Serializer):
    class Meta:
        list_serializer_class = StappenLijst

    titel = serializers.CharField(max_length=MAX_TITEL)
    gepland = serializers.DateField(
        allow_null=True, required=False, default=None, help_text="Geplande datum, of leeg."
    )
    omschrijving = serializers.CharField(allow_blank=True, required=False, default="")


class ProcesontwerpHerzieningSerializer(WereldtijdMixin, StriktMixin, Serializer):
    """Een nieuwe versie van het procesontwerp."""

    processtrategie = serializers.CharField(
        max_length=MAX_PROCESSTRATEGIE,
        error_messages={"max_length": lazy(melding_processtrategie_te_lang, str)()},
        help_text="De rode draad, in een paar eenvoudige zinnen.",
    )
    aanpak = serializers.ChoiceField(
        choices=Aanpak.choices, help_text="Wordt ook de aanpak van het bestuursproces."
    )
    spelregels = serializers.CharField(allow_blank=True, required=False, default="")
    exitregels = serializers.CharField(allow_blank=True, required=False, default="")
    communicatie = serializers.CharField(allow_blank=True, required=False, default="")
    geplandeStappen = GeplandeStapSerializer(
        source="geplande_stappen",
        many=True,
        required=False,
        default=list,
        max_length=MAX_STAPPEN,  # type: ignore[call-arg]  # DRF 3.14+; the stubs lag behind
        help_text=f"De geplande stappen in volgorde (hoogstens {MAX_STAPPEN}).",
    )
    toelichting = serializers.CharField(
        allow_blank=True,
        required=False,
        default="",
        write_only=True,
        help_text="Waarom het procesontwerp is herzien (of gebruik de header X-Audit-Toelichting).",
    )

    @staticmethod
    def naar_inhoud(data: dict[str, Any]) -> ProcesontwerpInhoud:
        stappen = tuple(dict(stap) for stap in data.get("geplande_stappen", []))
        tekst = {
            k: v
            for k, v in data.items()
            if k not in {"toelichting", "geplande_stappen", "tijdstip"}
        }
        return ProcesontwerpInhoud(**tekst, geplande_stappen=stappen)


class ProcesontwerpVersieSerializer(ModelSerializer[ProcesontwerpVersie]):
    geplandeStappen = GeplandeStapSerializer(source="geplande_stappen", many=True, read_only=True)
    auteur = serializers.CharField(source="auteur.get_username", help_text="Gebruikersnaam.")
    aangemaaktOp = serializers.DateTimeField(source="aangemaakt_op")

    class Meta:
        model = ProcesontwerpVersie
        fields = [
            "versie",
            "uuid",
            "processtrategie",
            "aanpak",
            "spelregels",
            "exitregels",
            "communicatie",
            "geplandeStappen",
            "toelichting",
            "auteur",
            "aangemaaktOp",
        ]
        read_only_fields = fields
