"""The idee and its versions."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.reverse import reverse

from cases.models import IdeeEigenaar, IdeeVersie, Speler
from cases.services.idee import IdeeInhoud

from .basis import ProcesRelatieField, Serializer, StriktMixin


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


class IdeeHerzieningSerializer(IdeeInvoerSerializer):
    """Een nieuwe versie van het idee, met de spelers die er eigenaar van zijn."""

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

    @staticmethod
    def naar_inhoud(data: dict[str, Any]) -> IdeeInhoud:
        spelers = data.get("eigenaar_spelers", [])
        tekst = {k: v for k, v in data.items() if k not in {"toelichting", "eigenaar_spelers"}}
        return IdeeInhoud(**tekst, eigenaar_spelers=tuple(speler.uuid for speler in spelers))


EIGENAREN = "_eigenaar_spelers"


def laad_eigenaar_spelers(versies: Iterable[IdeeVersie]) -> None:
    """Attach the uuids of each version's idee-eigenaren, in order, in one query for all.

    IdeeEigenaar has no reverse accessor on IdeeVersie to ``prefetch_related`` through, and the
    many-to-many through it orders by the speler's name, so the rows are read here directly.
    """
    per_versie: dict[int, list[Any]] = {versie.pk: [] for versie in versies}
    if not per_versie:
        return
    rijen = (
        IdeeEigenaar.objects.filter(ideeversie_id__in=per_versie)
        .order_by("ideeversie_id", "volgorde")
        .values_list("ideeversie_id", "speler__uuid")
    )
    for versie_id, speler_uuid in rijen:
        per_versie[versie_id].append(speler_uuid)
    for versie in versies:
        setattr(versie, EIGENAREN, per_versie[versie.pk])


class IdeeVersieLijstSerializer(serializers.ListSerializer[IdeeVersie]):
    def to_representation(self, data: Any) -> list[Any]:
        versies = list(data.all() if hasattr(data, "all") else data)
        laad_eigenaar_spelers(versies)
        return super().to_representation(versies)


class IdeeVersieSerializer(serializers.ModelSerializer[IdeeVersie]):
    stipOpDeHorizon = serializers.CharField(source="stip_op_de_horizon")
    eigenaarSpelers = serializers.SerializerMethodField(
        help_text="URL's van de spelers die idee-eigenaar zijn, in volgorde."
    )
    auteur = serializers.CharField(source="auteur.get_username")
    aangemaaktOp = serializers.DateTimeField(source="aangemaakt_op")

    @extend_schema_field(serializers.ListField(child=serializers.URLField()))
    def get_eigenaarSpelers(self, obj: IdeeVersie) -> list[str]:
        if not hasattr(obj, EIGENAREN):
            laad_eigenaar_spelers([obj])
        bestuursproces = self.context["bestuursproces"]
        return [
            reverse(
                "api:speler-detail",
                kwargs={"uuid": bestuursproces.uuid, "speler": speler_uuid},
                request=self.context.get("request"),
            )
            for speler_uuid in getattr(obj, EIGENAREN)
        ]

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
            "toelichting",
            "auteur",
            "aangemaaktOp",
        ]
        read_only_fields = fields
        list_serializer_class = IdeeVersieLijstSerializer
