"""The case itself: output, opening and changing."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from cases.models import (
    Aanpak,
    Archiefnominatie,
    Bestuursproces,
    Procesrol,
    Rol,
    RolGemeente,
    Status,
    UitkomstSoort,
)
from cases.selectors import huidig_idee
from procesregie.api.velden import ModelSerializer

from .basis import (
    MomentField,
    Serializer,
    StadiumField,
    StriktMixin,
    UrlOfLeegField,
    WereldtijdMixin,
    case_url,
    case_urls,
)
from .idee import IdeeInvoerSerializer, IdeeVersieSerializer
from .opdracht import OpdrachtSerializer

# The links of a case: name in the answer, route (in the api namespace).
LINKS = {
    naam: f"api:{route}"
    for naam, route in {
        "idee": "idee",
        "ideeVersies": "idee-versies",
        "stadiumovergangen": "stadiumovergangen",
        "gebeurtenissen": "gebeurtenissen",
        "momentopname": "momentopname",
        "organisaties": "organisaties",
        "spelers": "spelers",
        "opdrachtgevers": "opdrachtgevers",
        "notities": "notities",
        "krachtenveld": "krachtenveld",
        "wyberstappen": "wyberstappen",
        "tijdlijn": "tijdlijn",
        "positioneringen": "positioneringen",
        "huidigePositionering": "positioneringen-huidig",
        "procesontwerp": "procesontwerp",
        "procesontwerpVersies": "procesontwerp-versies",
        "interventies": "interventies",
        "documenten": "documenten",
        "aandacht": "aandacht",
    }.items()
}


# geopendOp's field, as the serializer declares it (its format and zone come from the settings
# when it writes, so one instance serves every request).
_MOMENT = serializers.DateTimeField()


class BestuursprocesSerializer(ModelSerializer[Bestuursproces]):
    url = serializers.SerializerMethodField()
    rolGemeente = serializers.ChoiceField(source="rol_gemeente", choices=RolGemeente.choices)
    stadium = StadiumField(read_only=True)
    uitkomstSoort = serializers.ChoiceField(
        source="uitkomst_soort",
        choices=UitkomstSoort.choices,
        allow_blank=True,
        read_only=True,
        help_text="Waarin het afgeronde proces overging; leeg zolang het niet is afgerond "
        "(en bij processen afgerond vóór deze indeling: dan alleen de uitkomst in woorden).",
    )
    vervolgUrl = UrlOfLeegField(
        source="vervolg_url",
        read_only=True,
        help_text="Waar het verder gaat; leeg zolang er niets is.",
    )
    opdracht = OpdrachtSerializer(source="*")
    archiefnominatie = serializers.ChoiceField(
        choices=Archiefnominatie.choices, allow_blank=True, read_only=True
    )
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
            "uitkomstSoort",
            "vervolgUrl",
            "opdracht",
            "archiefnominatie",
            "archiefactiedatum",
            "geopendOp",
            "mijnRol",
            "links",
        ]
        read_only_fields = fields

    def get_url(self, obj: Bestuursproces) -> str:
        return case_url("api:bestuursproces-detail", obj, self.context)

    def get_links(self, obj: Bestuursproces) -> dict[str, str]:
        return case_urls(LINKS, obj, self.context)

    def to_representation(self, instance: Bestuursproces) -> dict[str, Any]:
        """What the fields above give (the field-by-field path is the reference: a test holds
        the two equal), written out: a case list of 20 otherwise spends most of its time in
        DRF's per-field machinery. Only the time goes through a field (format and zone follow
        the settings), and ``self.fields`` (a deep copy of every declared field, per request)
        is never built."""
        b = instance
        data = {
            "url": case_url("api:bestuursproces-detail", b, self.context),
            "uuid": str(b.uuid),
            "titel": b.titel,
            "omschrijving": b.omschrijving,
            "rolGemeente": b.rol_gemeente,
            "procesrol": b.procesrol,
            "aanpak": b.aanpak,
            "stadium": b.stadium,
            "status": b.status,
            "uitkomst": b.uitkomst,
            "uitkomstSoort": b.uitkomst_soort,
            "vervolgUrl": b.vervolg_url,
            "opdracht": OpdrachtSerializer.van_bestuursproces(b),
            "archiefnominatie": b.archiefnominatie,
            "archiefactiedatum": (
                b.archiefactiedatum.isoformat() if b.archiefactiedatum is not None else None
            ),
            "geopendOp": _MOMENT.to_representation(b.geopend_op),
            "mijnRol": b.mijn_rol,  # type: ignore[attr-defined]  # the membership scoping's
            "links": case_urls(LINKS, b, self.context),
        }
        return data


class BestuursprocesDetailSerializer(BestuursprocesSerializer):
    huidigIdee = serializers.SerializerMethodField(help_text="De huidige versie van het idee.")

    class Meta(BestuursprocesSerializer.Meta):
        fields = [*BestuursprocesSerializer.Meta.fields, "huidigIdee"]
        read_only_fields = fields

    def to_representation(self, instance: Bestuursproces) -> dict[str, Any]:
        return {**super().to_representation(instance), "huidigIdee": self.get_huidigIdee(instance)}

    @extend_schema_field(IdeeVersieSerializer(allow_null=True))
    def get_huidigIdee(self, obj: Bestuursproces) -> dict[str, Any] | None:
        idee = huidig_idee(obj)
        if idee is None:
            return None
        return IdeeVersieSerializer(idee, context={**self.context, "bestuursproces": obj}).data


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
    geopendOp = MomentField(
        source="tijdstip",
        required=False,
        help_text=(
            "Wanneer het proces begon (werkelijke tijd, ISO 8601; een datum betekent die dag). "
            "Standaard nu; mag ver in het verleden liggen, voor een proces dat al liep "
            "voordat het dossier werd aangelegd."
        ),
    )
    onbekend_redenen = {
        "stadium": "Een nieuw bestuursproces begint voorstelbaar.",
        "status": "Een nieuw bestuursproces is actief.",
    }


class BestuursprocesWijzigenSerializer(WereldtijdMixin, StriktMixin, Serializer):
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
    uitkomst = serializers.CharField(
        allow_blank=True,
        required=False,
        help_text="Bij afronden: wat er uit het proces kwam, in woorden (de omschrijving).",
    )
    uitkomstSoort = serializers.ChoiceField(
        source="uitkomst_soort",
        choices=UitkomstSoort.choices,
        required=False,
        help_text="Bij afronden: waarin het proces overgaat (standaard anders).",
    )
    vervolgUrl = serializers.URLField(
        source="vervolg_url",
        allow_blank=True,
        required=False,
        max_length=500,
        help_text="Bij afronden: waar het verder gaat, zoals de URL van een zaak of project.",
    )
    bevestigd = serializers.BooleanField(
        required=False,
        help_text=(
            "Afronden terwijl wyber-stappen nog niet geconsolideerd zijn of afspraken nog open "
            "staan: zonder true een 409 die noemt wat open staat; met true legt de gebeurtenis "
            "vast wat open bleef."
        ),
    )
    geopendOp = MomentField(
        source="geopend_op",
        required=False,
        help_text=(
            "Zet de opening eerder: het proces begon vóór de datum waarmee het dossier werd "
            "geopend. Later zetten kan niet."
        ),
    )
    onbekend_redenen = {
        "stadium": "Het stadium wijzig je met POST .../stadiumovergangen, met een toelichting.",
    }
