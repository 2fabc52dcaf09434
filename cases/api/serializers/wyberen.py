"""Wyber-stappen: steps, their options, consolidation and consents."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import models
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.reverse import reverse

from cases.models import (
    Besluit,
    Bestuursproces,
    Consolidatie,
    Fase,
    Instemming,
    Opdrachtgever,
    Optie,
    Speler,
    WyberStap,
)

from ..verwijzingen import lees_url
from .basis import (
    ProcesRelatieField,
    Serializer,
    StadiumField,
    StriktMixin,
    WereldtijdMixin,
    keuzeveld,
)

FaseField = keuzeveld("FaseEnum", Fase.choices)
OptieStatusField = keuzeveld("OptieStatusEnum", Optie.Status.choices)
InstemmingStatusField = keuzeveld("InstemmingStatusEnum", Instemming.Status.choices)
UitkomstField = keuzeveld("ConsolidatieUitkomstEnum", Consolidatie.Uitkomst.choices)

# What a step shows below it, as (name in links, route).
STAP_LINKS = {
    "opties": "wyberstap-opties",
    "faseovergangen": "wyberstap-faseovergangen",
    "consolidatie": "wyberstap-consolidatie",
    "instemmingen": "wyberstap-instemmingen",
    "heropeningen": "wyberstap-heropeningen",
}


def stap_url(route: str, stap: WyberStap, context: Mapping[str, Any]) -> str:
    """A URL below one step (``route`` without the ``api:`` namespace)."""
    return reverse(
        f"api:{route}",
        kwargs={"uuid": context["bestuursproces"].uuid, "stap": stap.uuid},
        request=context.get("request"),
    )


class WyberStapRelatieField(ProcesRelatieField):
    """A wyber-stap of this case as its URL."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(
            model=WyberStap, route="wyberstap-detail", kwarg="stap", soort="wyber-stap", **kwargs
        )


class StapOnderdeelField(ProcesRelatieField):
    """An object below the step in the path (optie, instemming); its URL names the step too."""

    def pad_kwargs(self, value: Any) -> dict[str, Any]:
        stap = self.context.get("stap") or value.stap
        return {"stap": stap.uuid, self.kwarg: value.uuid}

    def zoek(self, gevonden: models.QuerySet[Any]) -> models.QuerySet[Any]:
        return gevonden.filter(stap=self.context["stap"])


@extend_schema_field(OpenApiTypes.URI)
class PartijRelatieField(serializers.Field):
    """A speler or an opdrachtgever of this case, shown and given as its URL."""

    default_error_messages = {
        "invalid": "Geef de volledige URL van een speler of opdrachtgever van dit bestuursproces.",
        "does_not_exist": "Dit bestuursproces heeft geen speler of opdrachtgever met deze URL.",
    }
    MODELLEN: dict[str, type[Speler] | type[Opdrachtgever]] = {
        "speler": Speler,
        "opdrachtgever": Opdrachtgever,
    }

    def to_representation(self, value: Any) -> str:
        soort = "speler" if isinstance(value, Speler) else "opdrachtgever"
        return reverse(
            f"api:{soort}-detail",
            kwargs={"uuid": self.context["bestuursproces"].uuid, soort: value.uuid},
            request=self.context.get("request"),
        )

    def to_internal_value(self, data: Any) -> Speler | Opdrachtgever:
        request = self.context.get("request")
        host = request.get_host() if request is not None else None
        bestuursproces: Bestuursproces = self.context["bestuursproces"]
        for soort, model in self.MODELLEN.items():
            try:
                proces_uuid, object_uuid = lees_url(data, f"{soort}-detail", soort, host)
            except ValueError:
                continue
            if proces_uuid != bestuursproces.uuid:
                self.fail("does_not_exist")
            gevonden = model._default_manager.filter(
                bestuursproces=bestuursproces, uuid=object_uuid
            ).first()
            if gevonden is None:
                self.fail("does_not_exist")
            return gevonden
        self.fail("invalid")


def partij_van(instemming: Instemming) -> Speler | Opdrachtgever:
    partij = instemming.speler or instemming.opdrachtgever
    assert partij is not None  # a check constraint holds exactly one
    return partij


def partij_url(instemming: Instemming, context: Mapping[str, Any]) -> str:
    partij = partij_van(instemming)
    soort = "speler" if isinstance(partij, Speler) else "opdrachtgever"
    return reverse(
        f"api:{soort}-detail",
        kwargs={"uuid": context["bestuursproces"].uuid, soort: partij.uuid},
        request=context.get("request"),
    )


class OntbrekendSerializer(Serializer):
    """Een partij die nog niet rond is: nog niet ingestemd, of nog niet formeel besloten."""

    partij = serializers.SerializerMethodField(help_text="URL van de speler of opdrachtgever.")
    naam = serializers.SerializerMethodField()
    status = InstemmingStatusField()
    formeelBesloten = serializers.BooleanField(source="formeel_besloten")

    @extend_schema_field(OpenApiTypes.URI)
    def get_partij(self, obj: Instemming) -> str:
        return partij_url(obj, self.context)

    def get_naam(self, obj: Instemming) -> str:
        return partij_van(obj).naam


class WyberStapSerializer(serializers.ModelSerializer[WyberStap]):
    url = WyberStapRelatieField(source="*", read_only=True)
    stadium = StadiumField(read_only=True, help_text="Het stadium waarin de stap begon.")
    fase = FaseField(read_only=True)
    gestartOp = serializers.DateTimeField(source="gestart_op")
    convergerenOp = serializers.DateTimeField(source="convergeren_op", allow_null=True)
    consoliderenOp = serializers.DateTimeField(source="consolideren_op", allow_null=True)
    geconsolideerdOp = serializers.DateTimeField(source="geconsolideerd_op", allow_null=True)
    heropent = WyberStapRelatieField(
        read_only=True, allow_null=True, help_text="De geconsolideerde stap die deze heropent."
    )
    ontbrekend = serializers.SerializerMethodField(
        help_text=(
            "De vereiste partijen die nog niet rond zijn (ingestemd én formeel besloten), met "
            "hun status; leeg zonder consolidatie en zodra de stap geconsolideerd is."
        )
    )
    links = serializers.SerializerMethodField()

    class Meta:
        model = WyberStap
        fields = [
            "url",
            "uuid",
            "volgnummer",
            "doel",
            "stadium",
            "fase",
            "gestartOp",
            "convergerenOp",
            "consoliderenOp",
            "geconsolideerdOp",
            "heropent",
            "heropeningsreden",
            "ontbrekend",
            "links",
        ]
        read_only_fields = fields

    @extend_schema_field(OntbrekendSerializer(many=True))
    def get_ontbrekend(self, obj: WyberStap) -> list[dict[str, Any]]:
        # The instemmingen are prefetched by the selector (with their parties).
        open_ = [i for i in obj.instemmingen.all() if not i.rond]
        return list(OntbrekendSerializer(open_, many=True, context=self.context).data)

    @extend_schema_field(
        serializers.DictField(
            child=serializers.URLField(),
            help_text="opties, faseovergangen, consolidatie, instemmingen, heropeningen",
        )
    )
    def get_links(self, obj: WyberStap) -> dict[str, str]:
        return {naam: stap_url(route, obj, self.context) for naam, route in STAP_LINKS.items()}


class WyberStapInvoerSerializer(WereldtijdMixin, StriktMixin, Serializer):
    doel = serializers.CharField(help_text="Wat deze stap moet vaststellen.")
    onbekend_redenen = {
        "fase": "Een stap begint met divergeren; de fase wijzig je via faseovergangen.",
        "stadium": "Een stap hoort bij het huidige stadium van het bestuursproces.",
        "heropent": "Een stap heropenen doe je met POST .../wyberstappen/{stap}/heropeningen.",
    }


class FaseovergangInvoerSerializer(WereldtijdMixin, StriktMixin, Serializer):
    naar = FaseField(
        help_text=(
            "De volgende fase: convergeren (na divergeren) of consolideren (na convergeren). "
            "Geconsolideerd volgt vanzelf uit de instemmingen."
        )
    )
    toelichting = serializers.CharField(allow_blank=True, required=False, default="")


class HeropeningInvoerSerializer(WereldtijdMixin, StriktMixin, Serializer):
    reden = serializers.CharField(help_text="Waarom de stap opnieuw ter discussie staat.")
    doel = serializers.CharField(
        required=False, default=None, help_text="Standaard het doel van de heropende stap."
    )


class OptieSerializer(serializers.ModelSerializer[Optie]):
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


class InstemmingSerializer(serializers.ModelSerializer[Instemming]):
    url = StapOnderdeelField(
        source="*", model=Instemming, route="instemming-detail", kwarg="instemming", read_only=True
    )
    partij = serializers.SerializerMethodField(help_text="URL van de speler of opdrachtgever.")
    naam = serializers.SerializerMethodField()
    status = InstemmingStatusField(read_only=True)
    formeelBesloten = serializers.BooleanField(
        source="formeel_besloten", help_text="Formeel besloten in de eigen organisatie."
    )
    beslotenOp = serializers.DateField(source="besloten_op", allow_null=True)
    formeelBesluitNodig = serializers.BooleanField(
        source="formeel_besluit_nodig",
        help_text="Of deze partij formeel moet besluiten; zo niet, dan is ingestemd genoeg.",
    )
    rond = serializers.BooleanField(
        help_text="Ingestemd én formeel besloten (of ingestemd, als geen formeel besluit nodig is)."
    )
    besluit = ProcesRelatieField(
        model=Besluit,
        route="besluit-detail",
        kwarg="besluit",
        read_only=True,
        allow_null=True,
        help_text="URL van het besluit van dit proces dat het formele besluit is.",
    )

    class Meta:
        model = Instemming
        fields = [
            "url",
            "uuid",
            "partij",
            "naam",
            "status",
            "voorbehoud",
            "formeelBesloten",
            "formeelBesluitNodig",
            "beslotenOp",
            "besluitreferentie",
            "besluit",
            "rond",
        ]
        read_only_fields = fields

    @extend_schema_field(OpenApiTypes.URI)
    def get_partij(self, obj: Instemming) -> str:
        return partij_url(obj, self.context)

    def get_naam(self, obj: Instemming) -> str:
        return partij_van(obj).naam


class InstemmingInvoerSerializer(WereldtijdMixin, StriktMixin, Serializer):
    status = InstemmingStatusField()
    voorbehoud = serializers.CharField(allow_blank=True, required=False, default="")
    formeelBesloten = serializers.BooleanField(
        source="formeel_besloten",
        required=False,
        default=False,
        help_text="Formeel besloten in de eigen organisatie.",
    )
    beslotenOp = serializers.DateField(source="besloten_op", allow_null=True, required=False)
    besluitreferentie = serializers.CharField(
        allow_blank=True, required=False, default="", max_length=200
    )
    besluit = ProcesRelatieField(
        model=Besluit,
        route="besluit-detail",
        kwarg="besluit",
        required=False,
        allow_null=True,
        help_text=(
            "URL van een besluit van dit proces dat het formele besluit is: formeelBesloten, "
            "beslotenOp en (zonder eigen besluitreferentie) de referentie komen van het besluit."
        ),
    )
    toelichting = serializers.CharField(allow_blank=True, required=False, default="")
    onbekend_redenen = {"partij": "De partij van een instemming verandert niet."}


class InstemmersInvoerSerializer(WereldtijdMixin, StriktMixin, Serializer):
    toevoegen = serializers.ListField(
        child=PartijRelatieField(), required=False, default=list, help_text="URL's van partijen."
    )
    verwijderen = serializers.ListField(
        child=PartijRelatieField(), required=False, default=list, help_text="URL's van partijen."
    )
    reden = serializers.CharField(help_text="Waarom de vereiste instemmers wijzigen (verplicht).")


class ConsolidatieSerializer(serializers.ModelSerializer[Consolidatie]):
    url = serializers.SerializerMethodField()
    stap = WyberStapRelatieField(read_only=True)
    uitkomst = UitkomstField(read_only=True)
    documentTitel = serializers.CharField(source="document_titel")
    documentUrl = serializers.CharField(source="document_url")
    door = serializers.CharField(source="door.get_username", help_text="Gebruikersnaam.")
    instemmingen = serializers.SerializerMethodField(
        help_text="De vereiste partijen en hoe ver elk is."
    )

    class Meta:
        model = Consolidatie
        fields = [
            "url",
            "uuid",
            "stap",
            "uitkomst",
            "tekst",
            "documentTitel",
            "documentUrl",
            "tijdstip",
            "door",
            "instemmingen",
        ]
        read_only_fields = fields

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, obj: Consolidatie) -> str:
        return stap_url("wyberstap-consolidatie", self.context["stap"], self.context)

    @extend_schema_field(InstemmingSerializer(many=True))
    def get_instemmingen(self, obj: Consolidatie) -> list[dict[str, Any]]:
        rijen = self.context["stap"].instemmingen.all()  # prefetched by the view
        return list(InstemmingSerializer(rijen, many=True, context=self.context).data)


class ConsolidatieInvoerSerializer(WereldtijdMixin, StriktMixin, Serializer):
    uitkomst = UitkomstField()
    tekst = serializers.CharField(help_text="Wat is afgesproken.")
    documentTitel = serializers.CharField(
        source="document_titel", allow_blank=True, required=False, default="", max_length=200
    )
    documentUrl = serializers.URLField(
        source="document_url", allow_blank=True, required=False, default=""
    )
    instemmers = serializers.ListField(
        child=PartijRelatieField(),
        required=False,
        default=None,
        allow_empty=False,
        help_text=(
            "URL's van de spelers en opdrachtgevers die moeten instemmen. Standaard: de "
            "aangehaakte spelers met commitment en de aangehaakte opdrachtgevers met mandaat."
        ),
    )
