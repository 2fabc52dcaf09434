"""The options of a wyber-stap: shown, brought in, and decided on while convergeren."""

from __future__ import annotations

from rest_framework import serializers

from cases.models import Opdrachtgever, Optie, Speler
from procesregie.api.velden import ModelSerializer

from ..basis import ProcesRelatieField, Serializer, StriktMixin, WereldtijdMixin
from .velden import OptieStatusField, StapOnderdeelField


class OptieSerializer(ModelSerializer[Optie]):
    url = StapOnderdeelField(
        source="*", model=Optie, route="optie-detail", kwarg="optie", read_only=True
    )
    speler = ProcesRelatieField(model=Speler, read_only=True, allow_null=True)
    opdrachtgever = ProcesRelatieField(model=Opdrachtgever, read_only=True, allow_null=True)
    status = OptieStatusField(read_only=True)
    samengevoegdIn = StapOnderdeelField(
        source="samengevoegd_in",
        model=Optie,
        route="optie-detail",
        kwarg="optie",
        read_only=True,
        allow_null=True,
    )
    ingebrachtOp = serializers.DateTimeField(source="ingebracht_op")

    class Meta:
        model = Optie
        fields = [
            "url",
            "uuid",
            "titel",
            "omschrijving",
            "speler",
            "opdrachtgever",
            "status",
            "reden",
            "samengevoegdIn",
            "ingebrachtOp",
        ]
        read_only_fields = fields


class OptieInvoerSerializer(WereldtijdMixin, StriktMixin, Serializer):
    titel = serializers.CharField(max_length=200)
    omschrijving = serializers.CharField(allow_blank=True, required=False, default="")
    speler = ProcesRelatieField(
        model=Speler,
        allow_null=True,
        required=False,
        default=None,
        help_text="URL van de speler die de optie inbrengt.",
    )
    opdrachtgever = ProcesRelatieField(
        model=Opdrachtgever,
        allow_null=True,
        required=False,
        default=None,
        help_text="URL van de opdrachtgever die de optie inbrengt (niet samen met speler).",
    )
    onbekend_redenen = {
        "status": "Over een optie besluit je tijdens convergeren met PATCH op de optie.",
    }


class OptieBesluitSerializer(WereldtijdMixin, StriktMixin, Serializer):
    status = OptieStatusField(
        help_text="gekozen, verworpen (met reden) of samengevoegd (met samengevoegdIn)."
    )
    reden = serializers.CharField(allow_blank=True, required=False, default="")
    samengevoegdIn = StapOnderdeelField(
        source="samengevoegd_in",
        model=Optie,
        route="optie-detail",
        kwarg="optie",
        allow_null=True,
        required=False,
        default=None,
        help_text="URL van de optie van deze stap waarin deze opgaat.",
    )
    onbekend_redenen = {
        "titel": "Een ingebrachte optie verandert niet meer; breng een nieuwe optie in.",
        "omschrijving": "Een ingebrachte optie verandert niet meer; breng een nieuwe optie in.",
    }
