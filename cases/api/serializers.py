"""Translation between the API's camelCase JSON and the domain; no decisions here."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.reverse import reverse

from cases.models import (
    Aanpak,
    Archiefnominatie,
    Besluitmoment,
    Bestuursproces,
    Gebeurtenis,
    IdeeVersie,
    Procesrol,
    Rol,
    RolGemeente,
    Stadium,
    Stadiumovergang,
    Status,
)
from cases.selectors import huidig_idee
from cases.services.bestuursproces import BesluitmomentInvoer, Opdracht
from cases.services.idee import IdeeInhoud

Serializer = serializers.Serializer[Any]


class StriktMixin(Serializer):
    """Refuse properties the resource does not have instead of silently ignoring them.

    Checked in ``to_internal_value`` (not ``validate``) so that it also works for nested
    serializers, which have no ``initial_data``, and so that unknown properties are listed
    together with every other field error.
    """

    onbekend_redenen: dict[str, str] = {}

    def to_internal_value(self, data: Any) -> Any:
        onbekend: dict[str, Any] = {}
        if isinstance(data, Mapping):
            onbekend = {
                naam: [
                    serializers.ErrorDetail(
                        self.onbekend_redenen.get(naam, "Onbekend veld."), code="unknown"
                    )
                ]
                for naam in sorted(set(data) - set(self.fields))
            }
        try:
            waarde = super().to_internal_value(data)
        except serializers.ValidationError as fout:
            if onbekend and isinstance(fout.detail, dict):
                raise serializers.ValidationError({**fout.detail, **onbekend}) from fout
            raise
        if onbekend:
            raise serializers.ValidationError(onbekend)
        return waarde


@extend_schema_field(serializers.ChoiceField(choices=Stadium.choices), component_name="StadiumEnum")
class StadiumField(serializers.ChoiceField):
    """A stadium; one enum component in the OpenAPI document wherever a stadium appears."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(choices=Stadium.choices, **kwargs)


def _case_url(naam: str, bestuursproces: Bestuursproces, context: Mapping[str, Any]) -> str:
    return reverse(naam, kwargs={"uuid": bestuursproces.uuid}, request=context.get("request"))


# --- opdracht -------------------------------------------------------------------------------


class BesluitmomentSerializer(StriktMixin, Serializer):
    datum = serializers.DateField(help_text="Wanneer het mandaat of besluit nodig is.")
    soort = serializers.ChoiceField(choices=Besluitmoment.Soort.choices)
    gevraagd = serializers.CharField(help_text="Wat er op dat moment wordt gevraagd.")


class OpdrachtSerializer(StriktMixin, Serializer):
    kaders = serializers.CharField(allow_blank=True, required=False, default="")
    budget = serializers.DecimalField(
        max_digits=12,
        decimal_places=2,
        min_value=0,
        allow_null=True,
        required=False,
        default=None,
        help_text="Budget in euro.",
    )
    uren = serializers.IntegerField(min_value=0, allow_null=True, required=False, default=None)
    einddatum = serializers.DateField(
        allow_null=True, required=False, default=None, help_text="Einddatum van de time-box."
    )
    speelruimte = serializers.CharField(allow_blank=True, required=False, default="")
    besluitmomenten = BesluitmomentSerializer(many=True, required=False, default=list)

    def to_representation(self, instance: Any) -> dict[str, Any]:
        if isinstance(instance, Bestuursproces):
            return {
                "kaders": instance.kaders,
                "budget": None if instance.budget is None else f"{instance.budget:.2f}",
                "uren": instance.uren,
                "einddatum": instance.einddatum.isoformat() if instance.einddatum else None,
                "speelruimte": instance.speelruimte,
                "besluitmomenten": BesluitmomentSerializer(
                    instance.besluitmomenten.all(), many=True
                ).data,
            }
        return super().to_representation(instance)

    @staticmethod
    def naar_opdracht(data: dict[str, Any]) -> Opdracht:
        return Opdracht(
            kaders=data["kaders"],
            budget=data["budget"],
            uren=data["uren"],
            einddatum=data["einddatum"],
            speelruimte=data["speelruimte"],
            besluitmomenten=tuple(BesluitmomentInvoer(**b) for b in data["besluitmomenten"]),
        )


# --- idee -----------------------------------------------------------------------------------


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


class IdeeVersieSerializer(serializers.ModelSerializer[IdeeVersie]):
    stipOpDeHorizon = serializers.CharField(source="stip_op_de_horizon")
    auteur = serializers.CharField(source="auteur.get_username")
    aangemaaktOp = serializers.DateTimeField(source="aangemaakt_op")

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
            "toelichting",
            "auteur",
            "aangemaaktOp",
        ]
        read_only_fields = fields


# --- bestuursproces -------------------------------------------------------------------------


class BestuursprocesSerializer(serializers.ModelSerializer[Bestuursproces]):
    url = serializers.SerializerMethodField()
    rolGemeente = serializers.ChoiceField(source="rol_gemeente", choices=RolGemeente.choices)
    stadium = StadiumField(read_only=True)
    opdracht = OpdrachtSerializer(source="*")
    geopendOp = serializers.DateTimeField(source="geopend_op")
    mijnRol = serializers.ChoiceField(
        source="mijn_rol", choices=Rol.choices, help_text="Jouw rol in dit bestuursproces."
    )
    links = serializers.SerializerMethodField()

    class Meta:
        model = Bestuursproces
        fields = [
            "url",
            "uuid",
            "titel",
            "omschrijving",
            "rolGemeente",
            "procesrol",
            "aanpak",
            "stadium",
            "status",
            "uitkomst",
            "opdracht",
            "archiefnominatie",
            "archiefactiedatum",
            "geopendOp",
            "mijnRol",
            "links",
        ]
        read_only_fields = fields

    def get_url(self, obj: Bestuursproces) -> str:
        return _case_url("api:bestuursproces-detail", obj, self.context)

    def get_links(self, obj: Bestuursproces) -> dict[str, str]:
        return {
            naam: _case_url(f"api:{route}", obj, self.context)
            for naam, route in {
                "idee": "idee",
                "ideeVersies": "idee-versies",
                "stadiumovergangen": "stadiumovergangen",
                "gebeurtenissen": "gebeurtenissen",
                "momentopname": "momentopname",
            }.items()
        }


class BestuursprocesDetailSerializer(BestuursprocesSerializer):
    huidigIdee = serializers.SerializerMethodField(help_text="De huidige versie van het idee.")

    class Meta(BestuursprocesSerializer.Meta):
        fields = [*BestuursprocesSerializer.Meta.fields, "huidigIdee"]
        read_only_fields = fields

    @extend_schema_field(IdeeVersieSerializer(allow_null=True))
    def get_huidigIdee(self, obj: Bestuursproces) -> dict[str, Any] | None:
        idee = huidig_idee(obj)
        return IdeeVersieSerializer(idee).data if idee else None


class BestuursprocesOpenenSerializer(StriktMixin, Serializer):
    titel = serializers.CharField(max_length=200)
    omschrijving = serializers.CharField(allow_blank=True, required=False, default="")
    rolGemeente = serializers.ChoiceField(source="rol_gemeente", choices=RolGemeente.choices)
    procesrol = serializers.ChoiceField(
        choices=Procesrol.choices, required=False, default=Procesrol.PROCESREGISSEUR
    )
    aanpak = serializers.ChoiceField(choices=Aanpak.choices)
    opdracht = OpdrachtSerializer(required=False)
    idee = IdeeInvoerSerializer(required=False)
    archiefnominatie = serializers.ChoiceField(
        choices=Archiefnominatie.choices, allow_blank=True, required=False, default=""
    )
    archiefactiedatum = serializers.DateField(allow_null=True, required=False, default=None)
    onbekend_redenen = {
        "stadium": "Een nieuw bestuursproces begint voorstelbaar.",
        "status": "Een nieuw bestuursproces is actief.",
    }


class BestuursprocesWijzigenSerializer(StriktMixin, Serializer):
    titel = serializers.CharField(max_length=200, required=False)
    omschrijving = serializers.CharField(allow_blank=True, required=False)
    rolGemeente = serializers.ChoiceField(
        source="rol_gemeente", choices=RolGemeente.choices, required=False
    )
    procesrol = serializers.ChoiceField(choices=Procesrol.choices, required=False)
    aanpak = serializers.ChoiceField(choices=Aanpak.choices, required=False)
    opdracht = OpdrachtSerializer(required=False, help_text="Vervangt de hele opdracht.")
    archiefnominatie = serializers.ChoiceField(
        choices=Archiefnominatie.choices, allow_blank=True, required=False
    )
    archiefactiedatum = serializers.DateField(allow_null=True, required=False)
    status = serializers.ChoiceField(choices=Status.choices, required=False)
    uitkomst = serializers.CharField(allow_blank=True, required=False)
    onbekend_redenen = {
        "stadium": "Het stadium wijzig je met POST .../stadiumovergangen, met een toelichting.",
    }


# --- stadia ---------------------------------------------------------------------------------


class StadiumovergangInvoerSerializer(StriktMixin, Serializer):
    naar = StadiumField()
    toelichting = serializers.CharField(
        help_text="Waarom het bestuursproces van stadium wisselt (verplicht)."
    )
    forceren = serializers.BooleanField(
        required=False,
        default=False,
        help_text="Doorzetten ondanks bezwaren van een poort; wordt vastgelegd.",
    )


class StadiumovergangSerializer(serializers.ModelSerializer[Stadiumovergang]):
    van = StadiumField(read_only=True)
    naar = StadiumField(read_only=True)
    door = serializers.CharField(source="door.get_username")

    class Meta:
        model = Stadiumovergang
        fields = [
            "uuid",
            "van",
            "naar",
            "richting",
            "toelichting",
            "geforceerd",
            "door",
            "tijdstip",
        ]
        read_only_fields = fields


# --- gebeurtenissen en momentopname ---------------------------------------------------------


class GebeurtenisSerializer(serializers.ModelSerializer[Gebeurtenis]):
    url = serializers.SerializerMethodField()
    actor = serializers.CharField(source="actor_gebruikersnaam")
    actorNaam = serializers.CharField(source="actor_naam")
    vorigeHash = serializers.CharField(source="vorige_hash")

    class Meta:
        model = Gebeurtenis
        fields = [
            "url",
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
            "hash",
        ]
        read_only_fields = fields

    def get_url(self, obj: Gebeurtenis) -> str:
        return reverse(
            "api:gebeurtenis-detail",
            kwargs={"uuid": self.context["bestuursproces"].uuid, "volgnummer": obj.volgnummer},
            request=self.context.get("request"),
        )


class MomentopnameSerializer(Serializer):
    """Documents the shape of a momentopname; the data itself comes from replay."""

    tijdstip = serializers.DateTimeField(help_text="Het gevraagde moment.")
    volgnummer = serializers.IntegerField(help_text="De laatste gebeurtenis tot dat moment.")
    bestuursproces = serializers.JSONField()
    idee = serializers.JSONField(allow_null=True)
    lidmaatschappen = serializers.ListField(child=serializers.JSONField())
    stadiumovergangen = serializers.ListField(child=serializers.JSONField())
