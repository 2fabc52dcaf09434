"""The idee and its versions."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.reverse import reverse

from cases import selectors
from cases.models import IdeeVersie, Opdrachtgever, Organisatie, Speler
from cases.services.idee import IdeeInhoud
from procesregie.api.velden import ModelSerializer

from .basis import ProcesRelatieField, Serializer, StriktMixin, WereldtijdMixin


class IdeeInvoerSerializer(StriktMixin, Serializer):
    wat = serializers.CharField(help_text="Wat is het idee?")
    # DRF's metaclass moves declared fields off the class, so this does not shadow
    # Serializer.context at run time; only the type checker sees a clash.
    context = serializers.CharField(  # type: ignore[assignment]
        allow_blank=True, required=False, default="", help_text="Context waarin het is geboren."
    )
    sterkte = serializers.CharField(
        allow_blank=True,
        required=False,
        default="",
        help_text="Wat maakt het sterk: onderbouwing, maatschappelijke waarde, urgentie.",
    )
    eigenaren = serializers.CharField(
        allow_blank=True, required=False, default="", help_text="Idee-eigenaren."
    )
    verrijking = serializers.CharField(allow_blank=True, required=False, default="")
    concretisering = serializers.CharField(
        allow_blank=True,
        required=False,
        default="",
        help_text="Concretisering in (deel)resultaten.",
    )
    framing = serializers.CharField(
        allow_blank=True, required=False, default="", help_text="Framing naar buiten."
    )
    stipOpDeHorizon = serializers.CharField(
        source="stip_op_de_horizon", allow_blank=True, required=False, default=""
    )
    toelichting = serializers.CharField(
        allow_blank=True,
        required=False,
        default="",
        write_only=True,
        help_text="Waarom het idee is herzien (of gebruik de header X-Audit-Toelichting).",
    )

    @staticmethod
    def naar_inhoud(data: dict[str, Any]) -> IdeeInhoud:
        return IdeeInhoud(**{k: v for k, v in data.items() if k != "toelichting"})


class IdeeHerzieningSerializer(WereldtijdMixin, IdeeInvoerSerializer):
    """Een nieuwe versie van het idee, met de partijen die er eigenaar van zijn: wie het idee
    bedacht, is idee-eigenaar (speler, opdrachtgever zoals de raad, of organisatie)."""

    eigenaarSpelers = serializers.ListField(
        source="eigenaar_spelers",
        child=ProcesRelatieField(model=Speler),
        required=False,
        default=list,
        help_text=(
            "URL's van spelers van dit bestuursproces die idee-eigenaar zijn, in volgorde. "
            "Weglaten is: geen."
        ),
    )
    eigenaarOpdrachtgevers = serializers.ListField(
        source="eigenaar_opdrachtgevers",
        child=ProcesRelatieField(model=Opdrachtgever),
        required=False,
        default=list,
        help_text=(
            "URL's van opdrachtgevers (bijvoorbeeld de raad) die idee-eigenaar zijn, in "
            "volgorde. Weglaten is: geen."
        ),
    )
    eigenaarOrganisaties = serializers.ListField(
        source="eigenaar_organisaties",
        child=ProcesRelatieField(model=Organisatie),
        required=False,
        default=list,
        help_text=(
            "URL's van organisaties die idee-eigenaar zijn, in volgorde. Weglaten is: geen."
        ),
    )

    @staticmethod
    def naar_inhoud(data: dict[str, Any]) -> IdeeInhoud:
        soorten = ("eigenaar_spelers", "eigenaar_opdrachtgevers", "eigenaar_organisaties")
        tekst = {k: v for k, v in data.items() if k not in {"toelichting", "tijdstip", *soorten}}
        uuids = {soort: tuple(partij.uuid for partij in data.get(soort, [])) for soort in soorten}
        return IdeeInhoud(
            **tekst,
            eigenaar_spelers=uuids["eigenaar_spelers"],
            eigenaar_opdrachtgevers=uuids["eigenaar_opdrachtgevers"],
            eigenaar_organisaties=uuids["eigenaar_organisaties"],
        )


class IdeeVersieSerializer(ModelSerializer[IdeeVersie]):
    stipOpDeHorizon = serializers.CharField(source="stip_op_de_horizon")
    eigenaarSpelers = serializers.SerializerMethodField(
        help_text="URL's van de spelers die idee-eigenaar zijn, in volgorde."
    )
    eigenaarOpdrachtgevers = serializers.SerializerMethodField(
        help_text="URL's van de opdrachtgevers die idee-eigenaar zijn, in volgorde."
    )
    eigenaarOrganisaties = serializers.SerializerMethodField(
        help_text="URL's van de organisaties die idee-eigenaar zijn, in volgorde."
    )
    auteur = serializers.CharField(source="auteur.get_username")
    aangemaaktOp = serializers.DateTimeField(source="aangemaakt_op")

    def _urls(self, obj: IdeeVersie, soort: str) -> list[str]:
        bestuursproces = self.context["bestuursproces"]
        return [
            reverse(
                f"api:{soort}-detail",
                kwargs={"uuid": bestuursproces.uuid, soort: partij.uuid},
                request=self.context.get("request"),
            )
            for partij in selectors.eigenaren_van(obj)[soort]
        ]

    @extend_schema_field(serializers.ListField(child=serializers.URLField()))
    def get_eigenaarSpelers(self, obj: IdeeVersie) -> list[str]:
        return self._urls(obj, "speler")

    @extend_schema_field(serializers.ListField(child=serializers.URLField()))
    def get_eigenaarOpdrachtgevers(self, obj: IdeeVersie) -> list[str]:
        return self._urls(obj, "opdrachtgever")

    @extend_schema_field(serializers.ListField(child=serializers.URLField()))
    def get_eigenaarOrganisaties(self, obj: IdeeVersie) -> list[str]:
        return self._urls(obj, "organisatie")

    class Meta:
        model = IdeeVersie
        fields = [
            "uuid",
            "versie",
            "wat",
            "context",
            "sterkte",
            "eigenaren",
            "verrijking",
            "concretisering",
            "framing",
            "stipOpDeHorizon",
            "eigenaarSpelers",
            "eigenaarOpdrachtgevers",
            "eigenaarOrganisaties",
            "toelichting",
            "auteur",
            "aangemaaktOp",
        ]
        read_only_fields = fields
