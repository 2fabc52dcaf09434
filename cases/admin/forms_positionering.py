"""Admin forms for positioneringen and the procesontwerp: they check what the services would
refuse, so that it shows as a form error; the services still decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cases.exceptions import OngeldigeInvoer
from cases.models import Positionering, ProcesontwerpVersie
from cases.services.positionering import positie_fouten, sinds_fouten, wyberstap_fouten
from cases.services.procesontwerp import (
    STAP_SLEUTELS,
    ProcesontwerpInhoud,
    geplande_stappen,
    inhoud_fouten,
)

KORT = forms.Textarea(attrs={"rows": 2})


def voeg_fouten_toe(form: forms.BaseForm, fouten: dict[str, list[tuple[str, str]]]) -> None:
    for veld, meldingen in fouten.items():
        for _code, melding in meldingen:
            form.add_error(veld if veld in form.fields else None, melding)


class WyberStapKeuze(forms.ModelChoiceField):
    """Steps of several cases may be on offer: each names its case."""

    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.volgnummer}. {obj.doel} ({obj.bestuursproces.titel})"


class PositioneringForm(forms.ModelForm[Positionering]):
    """A new positionering; one is never changed, a new choice is a new one."""

    class Meta:
        model = Positionering
        fields = [
            "bestuursproces",
            "veld",
            "positie",
            "omschrijving",
            "sinds",
            "wyberstap",
            "toelichting",
            "zichtbaarheid",
        ]
        widgets = {"omschrijving": KORT, "toelichting": KORT}
        help_texts = {"sinds": _("Leeg is vandaag.")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if "sinds" in self.fields:  # the read-only view has no form fields
            self.fields["sinds"].required = False

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        veld, positie = data.get("veld"), data.get("positie")
        if veld and positie:
            voeg_fouten_toe(self, positie_fouten(veld, positie, data.get("omschrijving", "")))
        bestuursproces = data.get("bestuursproces")
        vandaag = timezone.localdate()
        if data.get("sinds") is None and "sinds" not in self.errors:
            data["sinds"] = vandaag
        if bestuursproces is not None:
            if data.get("sinds") is not None:
                voeg_fouten_toe(self, sinds_fouten(bestuursproces, data["sinds"], vandaag))
            voeg_fouten_toe(self, wyberstap_fouten(bestuursproces, data.get("wyberstap")))
        return data


class StappenVeld(forms.CharField):
    """The planned steps as text, one a line: ``titel | datum | omschrijving``."""

    widget = forms.Textarea(attrs={"rows": 5})

    @staticmethod
    def als_tekst(stappen: list[dict[str, Any]]) -> str:
        return "\n".join(
            " | ".join(stap.get(sleutel) or "" for sleutel in STAP_SLEUTELS).rstrip(" |")
            for stap in stappen
        )

    def clean(self, value: Any) -> list[dict[str, Any]]:
        tekst = super().clean(value) or ""
        regels = [(n, regel) for n, regel in enumerate(tekst.splitlines(), 1) if regel.strip()]
        stappen, fouten = [], []
        for nummer, regel in regels:
            delen = [deel.strip() for deel in regel.split("|")]
            if len(delen) > 3:
                melding = gettext("Regel %d: geef titel | datum | omschrijving.") % nummer
                fouten.append(forms.ValidationError(melding, code="invalid"))
            delen += [""] * (3 - len(delen))
            titel, gepland, omschrijving = delen[:3]
            stappen.append(
                {"titel": titel, "gepland": gepland or None, "omschrijving": omschrijving}
            )
        if fouten:
            raise forms.ValidationError(fouten)
        try:
            return geplande_stappen(stappen)
        except OngeldigeInvoer as fout:
            raise forms.ValidationError(
                [
                    forms.ValidationError(self._regelmelding(pad, melding, regels), code=code)
                    for pad, meldingen in fout.fouten.items()
                    for code, melding in meldingen
                ]
            ) from fout

    @staticmethod
    def _regelmelding(pad: str, melding: str, regels: list[tuple[int, str]]) -> str:
        # "geplande_stappen.2.titel" is the third step: name its line in the text instead.
        delen = pad.split(".")
        if len(delen) < 2:
            return melding
        return gettext("Regel %(regel)d: %(melding)s") % {
            "regel": regels[int(delen[1])][0],
            "melding": melding,
        }


class ProcesontwerpForm(forms.ModelForm[ProcesontwerpVersie]):
    """A new version of the procesontwerp; earlier versions stay as they were."""

    stappen = StappenVeld(
        label=_("geplande stappen"),
        required=False,
        help_text=_(
            "Eén stap per regel: titel | datum (JJJJ-MM-DD, mag leeg) | omschrijving. "
            "Bijvoorbeeld: Ontwerpatelier | 2026-06-15 | Met bewoners en ondernemers."
        ),
    )

    class Meta:
        model = ProcesontwerpVersie
        fields = [
            "bestuursproces",
            "processtrategie",
            "aanpak",
            "spelregels",
            "exitregels",
            "communicatie",
            "stappen",
            "toelichting",
        ]
        widgets = dict.fromkeys(
            ("processtrategie", "spelregels", "exitregels", "communicatie", "toelichting"), KORT
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if "processtrategie" in data and "aanpak" in data:
            voeg_fouten_toe(self, inhoud_fouten(self.inhoud()))
        return data

    def inhoud(self) -> ProcesontwerpInhoud:
        data = self.cleaned_data
        return ProcesontwerpInhoud(
            processtrategie=data.get("processtrategie", ""),
            aanpak=data.get("aanpak", ""),
            spelregels=data.get("spelregels", ""),
            exitregels=data.get("exitregels", ""),
            communicatie=data.get("communicatie", ""),
            geplande_stappen=tuple(data.get("stappen") or ()),
        )
