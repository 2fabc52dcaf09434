"""Report jobs: the request (a format) and the job as its requester follows it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.reverse import reverse

from cases.exports.gebeurtenissen import CASUSSEN
from cases.exports.overzicht import FORMATEN as OVERZICHTSFORMATEN
from cases.exports.taken import huidige_stap
from cases.models import Exportfout, Exporttaak, ExporttaakStatus, RapportFormaat
from procesregie.api.keuzevelden import keuzeveld
from procesregie.api.velden import ModelSerializer

from .basis import Serializer, StriktMixin
from .export import ExportVraagSerializer

RapportFormaatField = keuzeveld("RapportFormaatEnum", RapportFormaat.choices)
ExporttaakStatusField = keuzeveld("ExporttaakStatusEnum", ExporttaakStatus.choices)
ExportfoutField = keuzeveld("ExportfoutEnum", Exportfout.choices)


class ExporttaakInvoerSerializer(ExportVraagSerializer):
    # The direct export's query with its casus and type, their checks included: a job is
    # that export for a case too large to stream, so it must accept whatever the 409
    # export-als-taak sent here.
    formaat = RapportFormaatField(
        help_text="html (een losse pagina) of pdf: het evaluatierapport in dat formaat; "
        "jsonl, csv, xes of ocel: de gebeurtenissen zoals de directe export ze geeft, voor een "
        "bestuursproces dat daar te groot voor is."
    )


class ExporttaakVoortgangSerializer(Serializer):
    percentage = serializers.IntegerField(help_text="Afgeronde stappen als percentage, 0–100.")
    stappenKlaar = serializers.IntegerField(help_text="Hoeveel stappen af zijn.")
    stappen = serializers.IntegerField(help_text="Hoeveel stappen dit formaat heeft.")
    huidigeStap = serializers.CharField(
        allow_null=True,
        help_text="De stap waaraan nu gewerkt wordt; null als de taak niet bezig is.",
    )


class ExporttaakFoutSerializer(Serializer):
    code = ExportfoutField(help_text="Waarom de taak mislukte, als code.")
    melding = serializers.CharField(help_text="Waarom de taak mislukte, in woorden.")


class ExporttaakSerializer(ModelSerializer[Exporttaak]):
    url = serializers.SerializerMethodField(help_text="Deze taak.")
    formaat = RapportFormaatField(read_only=True)
    casus = serializers.ChoiceField(
        choices=list(CASUSSEN),
        read_only=True,
        help_text="Bij xes: wat één trace volgt, zoals gevraagd (standaard bestuursproces).",
    )
    type = serializers.SerializerMethodField(
        help_text="Bij csv: het gevraagde gebeurtenistype of onderdeel; null: alle gebeurtenissen."
    )
    status = ExporttaakStatusField(
        read_only=True,
        help_text="wachtend (in de wachtrij), bezig, klaar (het bestand staat klaar) of "
        "mislukt (zie fout).",
    )
    aanvrager = serializers.CharField(
        source="aanvrager.get_username", read_only=True, help_text="Gebruikersnaam."
    )
    voortgang = serializers.SerializerMethodField()
    fout = serializers.SerializerMethodField()
    aangevraagdOp = serializers.DateTimeField(source="aangevraagd_op", read_only=True)
    gestartOp = serializers.DateTimeField(source="gestart_op", read_only=True, allow_null=True)
    klaarOp = serializers.DateTimeField(
        source="klaar_op",
        read_only=True,
        allow_null=True,
        help_text="Wanneer de taak klaar was of mislukte.",
    )
    verlooptOp = serializers.SerializerMethodField(
        help_text="Vanaf dan zijn de taak en het bestand verwijderd (de bewaartermijn)."
    )
    bestand = serializers.SerializerMethodField(
        help_text="De download van het rapport zodra de status klaar is, anders null."
    )
    bestandsnaam = serializers.CharField(read_only=True)
    grootte = serializers.IntegerField(
        read_only=True, allow_null=True, help_text="Grootte van het bestand in bytes."
    )

    class Meta:
        model = Exporttaak
        fields = [
            "url",
            "uuid",
            "formaat",
            "casus",
            "type",
            "status",
            "aanvrager",
            "voortgang",
            "fout",
            "aangevraagdOp",
            "gestartOp",
            "klaarOp",
            "verlooptOp",
            "bestand",
            "bestandsnaam",
            "grootte",
        ]
        read_only_fields = fields

    def _url(self, taak: Exporttaak, route: str) -> str:
        kwargs: dict[str, Any] = {"taak": taak.uuid}
        if taak.bestuursproces_id is None:  # across cases: /exports/{taak}
            route = route.replace("api:", "api:overzicht-", 1)
        else:
            kwargs["uuid"] = self.context["bestuursproces"].uuid
        return reverse(route, kwargs=kwargs, request=self.context.get("request"))

    def get_url(self, taak: Exporttaak) -> str:
        return self._url(taak, "api:exporttaak-detail")

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_bestand(self, taak: Exporttaak) -> str | None:
        if taak.status != ExporttaakStatus.KLAAR:
            return None
        return self._url(taak, "api:exporttaak-bestand")

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_type(self, taak: Exporttaak) -> str | None:
        return taak.gebeurtenistype or None

    @extend_schema_field(ExporttaakVoortgangSerializer)
    def get_voortgang(self, taak: Exporttaak) -> dict[str, Any]:
        return {
            "percentage": round(100 * taak.stap / taak.stappen) if taak.stappen else 0,
            "stappenKlaar": taak.stap,
            "stappen": taak.stappen,
            "huidigeStap": huidige_stap(taak),
        }

    @extend_schema_field(ExporttaakFoutSerializer(allow_null=True))
    def get_fout(self, taak: Exporttaak) -> dict[str, str] | None:
        if not taak.fout:
            return None
        return {"code": taak.fout, "melding": str(Exportfout(taak.fout).label)}

    @extend_schema_field(serializers.DateTimeField(allow_null=True))
    def get_verlooptOp(self, taak: Exporttaak) -> str | None:
        if taak.klaar_op is None:
            return None
        verloopt = taak.klaar_op + dt.timedelta(hours=settings.EXPORT_BEWAARTERMIJN_UREN)
        return serializers.DateTimeField().to_representation(verloopt)


class ExporttaakOverProcessenInvoerSerializer(StriktMixin, Serializer):
    formaat = serializers.ChoiceField(
        choices=list(OVERZICHTSFORMATEN),
        help_text="ocel (OCEL 2.0 JSON) of csv: de gebeurtenissen van alle bestuursprocessen "
        "die je mag zien, zoals de directe export over processen ze geeft.",
    )
