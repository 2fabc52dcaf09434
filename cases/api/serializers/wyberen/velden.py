"""What the wyber-stap serializers share: the choice fields, the URLs below a step, and
the relations to a step, to what lies below it and to the party of an instemming."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import models
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.reverse import reverse

from cases.models import (
    Bestuursproces,
    Consolidatie,
    Fase,
    Instemming,
    Opdrachtgever,
    Optie,
    Speler,
    WyberStap,
)

from ...verwijzingen import lees_url
from ..basis import ProcesRelatieField, keuzeveld

FaseField = keuzeveld("FaseEnum", Fase.choices)
OptieStatusField = keuzeveld("OptieStatusEnum", Optie.Status.choices)
InstemmingStatusField = keuzeveld("InstemmingStatusEnum", Instemming.Status.choices)
UitkomstField = keuzeveld("ConsolidatieUitkomstEnum", Consolidatie.Uitkomst.choices)


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
