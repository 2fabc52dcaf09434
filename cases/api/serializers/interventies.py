"""Interventies and the reflecties on them."""

from __future__ import annotations

import uuid
from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.reverse import reverse

from cases.models import (
    Aangrijpingspunt,
    Interventie,
    InterventieStatus,
    Niveau,
    Opdrachtgever,
    Reflectie,
    Speler,
    Uitgepakt,
    Zichtbaarheid,
    Zwaarte,
)
from cases.models.interventies import INTERVENTIEVELD_KEUZES
from instruments.models import Instrument, Strategie
from procesregie.api.velden import ModelSerializer

from ..verwijzingen import lees_url
from .basis import (
    ProcesRelatieField,
    Serializer,
    StriktMixin,
    WereldtijdMixin,
    keuzeveld,
    object_url,
)
from .wyberen import WyberStapRelatieField

InterventieStatusField = keuzeveld("InterventieStatusEnum", InterventieStatus.choices)
InterventieveldField = keuzeveld("InterventieveldEnum", INTERVENTIEVELD_KEUZES)
NiveauField = keuzeveld("InterventieNiveauEnum", Niveau.choices)
AangrijpingspuntField = keuzeveld("AangrijpingspuntEnum", Aangrijpingspunt.choices)
ZwaarteField = keuzeveld("ZwaarteEnum", Zwaarte.choices)
UitgepaktField = keuzeveld("UitgepaktEnum", Uitgepakt.choices)
# Logging starts a cycle as planned, or as already done.
BeginstatusField = keuzeveld(
    "InterventieBeginstatusEnum",
    [(s.value, s.label) for s in (InterventieStatus.GEPLAND, InterventieStatus.UITGEVOERD)],
)

NAAR_STATUS = (
    "Wat is gedaan, het effect, de uitkomst en het vervolg leg je vast met PATCH op de "
    "interventie (status uitgevoerd of geevalueerd)."
)


@extend_schema_field(OpenApiTypes.URI)
class InstrumentField(serializers.Field):
    """An instrument of the catalogue: shown as its URL, given as its URL or its uuid."""

    default_error_messages = {
        "invalid": "Geef de URL of de uuid van een instrument uit de catalogus.",
        "does_not_exist": "De catalogus heeft geen instrument met deze URL of uuid.",
    }

    def to_representation(self, value: Instrument) -> str:
        return reverse(
            "api:instrument-detail",
            kwargs={"uuid": value.uuid},
            request=self.context.get("request"),
        )

    def to_internal_value(self, data: Any) -> Instrument:
        try:
            gezocht = uuid.UUID(data) if isinstance(data, str) else None
        except ValueError:
            gezocht = None
        if gezocht is None:
            request = self.context.get("request")
            host = request.get_host() if request is not None else None
            try:
                gezocht, _ = lees_url(data, "instrument-detail", "uuid", host)
            except ValueError:
                self.fail("invalid")
        gevonden = Instrument.objects.filter(uuid=gezocht).first()
        if gevonden is None:
            self.fail("does_not_exist")
        return gevonden


class StrategieField(serializers.SlugRelatedField[Strategie]):
    """A strategie by its code (e.g. ``motiveren``)."""

    default_error_messages = {
        "does_not_exist": "Onbekende strategie '{value}'.",
        "invalid": "Geef de code van een strategie.",
    }

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("queryset", None if kwargs.get("read_only") else Strategie.objects)
        super().__init__(slug_field="code", **kwargs)


# Written as their fields write them (format and zone from the settings), unbound: one
# instance serves every request.
_MOMENT = serializers.DateTimeField()
_DAG = serializers.DateField()


def _datum(waarde: Any) -> str | None:
    return _DAG.to_representation(waarde) if waarde is not None else None


def _keuze(waarde: Any) -> Any:
    """A choice as its field writes it: its value (an enum member as its text)."""
    return waarde if waarde in ("", None) else str(waarde)


def interventie_relatie(**kwargs: Any) -> ProcesRelatieField:
    return ProcesRelatieField(
        model=Interventie, route="interventie-detail", kwarg="interventie", **kwargs
    )


class InterventieSerializer(ModelSerializer[Interventie]):
    url = interventie_relatie(source="*", read_only=True)
    status = InterventieStatusField(read_only=True)
    statusNaam = serializers.CharField(source="get_status_display", read_only=True)
    velden = serializers.SerializerMethodField(help_text="De velden waarop ze zich richt.")
    niveau = NiveauField(read_only=True)
    aangrijpingspunt = AangrijpingspuntField(read_only=True)
    zwaarte = ZwaarteField(read_only=True)
    strategie = StrategieField(read_only=True, allow_null=True, help_text="Code.")
    instrument = InstrumentField(read_only=True, allow_null=True)
    instrumentNaam = serializers.CharField(
        source="instrument.naam", read_only=True, allow_null=True
    )
    spelers = serializers.ListField(
        child=ProcesRelatieField(model=Speler), source="spelers.all", read_only=True
    )
    opdrachtgevers = serializers.ListField(
        child=ProcesRelatieField(model=Opdrachtgever), source="opdrachtgevers.all", read_only=True
    )
    wyberstap = WyberStapRelatieField(read_only=True, allow_null=True)
    beoogdEffect = serializers.CharField(source="beoogd_effect", read_only=True)
    watGedaan = serializers.CharField(source="wat_gedaan", read_only=True)
    uitgevoerdOp = serializers.DateField(source="uitgevoerd_op", read_only=True, allow_null=True)
    waargenomenEffect = serializers.CharField(source="waargenomen_effect", read_only=True)
    uitgepakt = serializers.CharField(
        read_only=True, help_text="ja, deels of nee; leeg zolang niet geëvalueerd."
    )
    geevalueerdOp = serializers.DateField(source="geevalueerd_op", read_only=True, allow_null=True)
    auteur = serializers.CharField(source="auteur.get_username", help_text="Gebruikersnaam.")
    vastgelegdOp = serializers.DateTimeField(source="vastgelegd_op")
    links = serializers.SerializerMethodField()

    class Meta:
        model = Interventie
        fields = [
            "url",
            "uuid",
            "titel",
            "datum",
            "status",
            "statusNaam",
            "velden",
            "niveau",
            "aangrijpingspunt",
            "zwaarte",
            "strategie",
            "instrument",
            "instrumentNaam",
            "spelers",
            "opdrachtgevers",
            "wyberstap",
            "beoogdEffect",
            "waarom",
            "watGedaan",
            "uitgevoerdOp",
            "waargenomenEffect",
            "uitgepakt",
            "vervolg",
            "geevalueerdOp",
            "zichtbaarheid",
            "auteur",
            "vastgelegdOp",
            "links",
        ]
        read_only_fields = fields

    def to_representation(self, instance: Interventie) -> dict[str, Any]:
        """What the fields above give (the field-by-field path is the reference: a test holds
        the two equal), written out, as the case list does: DRF otherwise deep-copies every
        declared field per request and resolves each URL pattern per link."""
        i, context = instance, self.context
        proces = context["bestuursproces"].uuid

        def van_proces(route: str, **kwargs: Any) -> str:
            return object_url(f"api:{route}", context, uuid=proces, **kwargs)

        return {
            "url": van_proces("interventie-detail", interventie=i.uuid),
            "uuid": str(i.uuid),
            "titel": i.titel,
            "datum": _datum(i.datum),
            "status": _keuze(i.status),
            "statusNaam": str(i.get_status_display()),
            "velden": self.get_velden(i),
            "niveau": _keuze(i.niveau),
            "aangrijpingspunt": _keuze(i.aangrijpingspunt),
            "zwaarte": _keuze(i.zwaarte),
            "strategie": i.strategie.code if i.strategie is not None else None,
            "instrument": (
                object_url("api:instrument-detail", context, uuid=i.instrument.uuid)
                if i.instrument is not None
                else None
            ),
            "instrumentNaam": i.instrument.naam if i.instrument is not None else None,
            "spelers": [van_proces("speler-detail", speler=p.uuid) for p in i.spelers.all()],
            "opdrachtgevers": [
                van_proces("opdrachtgever-detail", opdrachtgever=p.uuid)
                for p in i.opdrachtgevers.all()
            ],
            "wyberstap": (
                van_proces("wyberstap-detail", stap=i.wyberstap.uuid)
                if i.wyberstap is not None
                else None
            ),
            "beoogdEffect": i.beoogd_effect,
            "waarom": i.waarom,
            "watGedaan": i.wat_gedaan,
            "uitgevoerdOp": _datum(i.uitgevoerd_op),
            "waargenomenEffect": i.waargenomen_effect,
            "uitgepakt": i.uitgepakt,
            "vervolg": i.vervolg,
            "geevalueerdOp": _datum(i.geevalueerd_op),
            "zichtbaarheid": _keuze(i.zichtbaarheid),
            "auteur": i.auteur.get_username() if i.auteur is not None else None,
            "vastgelegdOp": _MOMENT.to_representation(i.vastgelegd_op),
            "links": {"reflecties": van_proces("interventie-reflecties", interventie=i.uuid)},
        }

    @extend_schema_field(serializers.ListField(child=InterventieveldField()))
    def get_velden(self, obj: Interventie) -> list[str]:
        return sorted(v.veld for v in obj.velden.all())  # prefetched by the selector

    @extend_schema_field(
        serializers.DictField(child=serializers.URLField(), help_text="reflecties")
    )
    def get_links(self, obj: Interventie) -> dict[str, str]:
        kwargs = {"uuid": self.context["bestuursproces"].uuid, "interventie": obj.uuid}
        return {
            "reflecties": reverse(
                "api:interventie-reflecties", kwargs=kwargs, request=self.context.get("request")
            )
        }


class InterventieInhoudSerializer(StriktMixin, Serializer):
    # What logging and changing share (required when logging; PATCH sends what changes).

    titel = serializers.CharField(max_length=200)
    datum = serializers.DateField(help_text="Wanneer de interventie plaatsvindt of vond.")
    velden = serializers.ListField(
        child=InterventieveldField(), help_text="Een of meer velden waarop ze zich richt."
    )
    niveau = NiveauField()
    aangrijpingspunt = AangrijpingspuntField()
    zwaarte = ZwaarteField()
    beoogdEffect = serializers.CharField(source="beoogd_effect", help_text="Kiezen: wat je wilt.")
    waarom = serializers.CharField(allow_blank=True, required=False, default="")
    strategie = StrategieField(
        allow_null=True, required=False, default=None, help_text="Code van een strategie."
    )
    instrument = InstrumentField(
        allow_null=True,
        required=False,
        default=None,
        help_text="URL (of uuid) van een instrument uit de catalogus.",
    )
    spelers = serializers.ListField(
        child=ProcesRelatieField(model=Speler),
        required=False,
        default=list,
        help_text="URL's van spelers van dit bestuursproces.",
    )
    opdrachtgevers = serializers.ListField(
        child=ProcesRelatieField(model=Opdrachtgever),
        required=False,
        default=list,
        help_text="URL's van opdrachtgevers van dit bestuursproces.",
    )
    wyberstap = WyberStapRelatieField(
        allow_null=True, required=False, default=None, help_text="URL van een wyber-stap."
    )
    watGedaan = serializers.CharField(
        source="wat_gedaan", allow_blank=True, required=False, default="", help_text="Doen."
    )
    uitgevoerdOp = serializers.DateField(
        source="uitgevoerd_op", allow_null=True, required=False, default=None
    )
    toelichting = serializers.CharField(
        allow_blank=True,
        required=False,
        default="",
        help_text="De reden (of gebruik de header X-Audit-Toelichting).",
    )


class InterventieInvoerSerializer(InterventieInhoudSerializer):
    """Een interventie loggen: gepland, of meteen als uitgevoerd (met watGedaan)."""

    status = BeginstatusField(
        required=False,
        default=InterventieStatus.GEPLAND,
        help_text=(
            "gepland, of uitgevoerd voor wat al gedaan is (dan is watGedaan verplicht; "
            "uitgevoerdOp is standaard de datum)."
        ),
    )
    zichtbaarheid = serializers.ChoiceField(
        choices=Zichtbaarheid.choices,
        required=False,
        default=Zichtbaarheid.KERNTEAM,
        help_text="Wie de interventie mag zien; ligt daarna vast.",
    )
    onbekend_redenen = dict.fromkeys(
        ("waargenomenEffect", "uitgepakt", "vervolg", "geevalueerdOp"), NAAR_STATUS
    )


class InterventieWijzigingSerializer(InterventieInhoudSerializer):
    """Een interventie wijzigen (alleen wat je meestuurt), uitvoeren of evalueren.

    Met status uitgevoerd (en watGedaan, uitgevoerdOp) voer je een geplande interventie uit;
    met status geevalueerd (en waargenomenEffect, uitgepakt, vervolg, geevalueerdOp) evalueer
    je een uitgevoerde. Zo'n statusovergang gaat niet samen met andere wijzigingen.
    """

    status = InterventieStatusField(help_text="uitgevoerd of geevalueerd; terug kan niet (409).")
    waargenomenEffect = serializers.CharField(source="waargenomen_effect", allow_blank=True)
    uitgepakt = UitgepaktField(help_text="Pakte de interventie uit zoals bedoeld?")
    vervolg = serializers.CharField(allow_blank=True, help_text="Beter: wat nu.")
    geevalueerdOp = serializers.DateField(source="geevalueerd_op", allow_null=True)
    zichtbaarheid = serializers.ChoiceField(
        choices=Zichtbaarheid.choices, help_text="Ligt vast sinds het loggen (400)."
    )


class ReflectieSerializer(ModelSerializer[Reflectie]):
    auteur = serializers.CharField(source="auteur.get_username", help_text="Gebruikersnaam.")
    vastgelegdOp = serializers.DateTimeField(source="vastgelegd_op")

    class Meta:
        model = Reflectie
        fields = ["uuid", "tekst", "zichtbaarheid", "auteur", "vastgelegdOp"]
        read_only_fields = fields


class ReflectieInvoerSerializer(WereldtijdMixin, StriktMixin, Serializer):
    tekst = serializers.CharField()
    zichtbaarheid = serializers.ChoiceField(
        choices=Zichtbaarheid.choices,
        required=False,
        default=Zichtbaarheid.REGISSEUR,
        help_text=(
            "Standaard alleen de procesregisseur; nooit ruimer dan de interventie of dan je "
            "eigen rol toestaat."
        ),
    )
