"""The form that records how a planned bijeenkomst went: held, with who came and its verslag
(``markeer_bijeenkomst_gehouden``), or cancelled with a reason (``annuleer_bijeenkomst``)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cases.models import Bijeenkomst, Deelnemer
from cases.services import DeelnemerInvoer

from ..formulieren import Dienstformulier
from ..toegang import Zaak
from ..velden import DatumVeld
from .bijeenkomstformulieren import _namen
from .formulieren import tekstvak
from .partijen import sleutel

GEHOUDEN = "gehouden"
AFGELAST = "afgelast"


class AfloopFormulier(Dienstformulier):
    veldnamen = {"deelnemers": "aanwezig", "op": "datum", "reden": "reden"}

    afloop = forms.ChoiceField(
        label=_("Hoe liep het af?"),
        choices=[(GEHOUDEN, _("Gehouden")), (AFGELAST, _("Afgelast"))],
        widget=forms.RadioSelect,
    )
    datum = DatumVeld(
        label=_("Op welke dag?"),
        required=False,
        help_text=_(
            "Gehouden: de dag zelf (standaard de geplande). Afgelast: de dag van het besluit."
        ),
    )
    aanwezig = forms.MultipleChoiceField(
        label=_("Aanwezig"), required=False, widget=forms.CheckboxSelectMultiple
    )
    anderen_aanwezig = tekstvak(
        _("Anderen aanwezig"), help_text=_("Wie niet was uitgenodigd: één naam per regel.")
    )
    verslag = tekstvak(_("Verslag"), rows=6)
    reden = tekstvak(_("Reden van afgelasten"), rows=2)

    field_order = [
        "afloop",
        "datum",
        "aanwezig",
        "anderen_aanwezig",
        "verslag",
        "reden",
        "toelichting",
    ]

    def __init__(self, *args: Any, zaak: Zaak, bijeenkomst: Bijeenkomst, **kwargs: Any) -> None:
        super().__init__(*args, zaak=zaak, prefix="afloop", **kwargs)
        self.bijeenkomst = bijeenkomst
        # Who was invited: a party by its key, someone else by name.
        self.uitgenodigd = list(
            bijeenkomst.deelnemers.select_related("speler", "opdrachtgever").order_by("id")
        )
        veld = self.fields["aanwezig"]
        assert isinstance(veld, forms.ChoiceField)
        veld.choices = [(self._sleutel(d), self._naam(d)) for d in self.uitgenodigd]
        if not self.is_bound:
            self.initial["datum"] = min(bijeenkomst.datum, timezone.localdate()).isoformat()
        self.html_id = "afloopformulier"
        self.knop = gettext("Afloop vastleggen")

    @staticmethod
    def _sleutel(deelnemer: Deelnemer) -> str:
        partij = deelnemer.partij
        return sleutel(partij) if partij is not None else f"naam:{deelnemer.naam}"

    @staticmethod
    def _naam(deelnemer: Deelnemer) -> str:
        return deelnemer.partijnaam()

    def clean(self) -> dict[str, Any]:
        gegevens = super().clean() or {}
        if gegevens.get("afloop") == AFGELAST and not (gegevens.get("reden") or "").strip():
            self.add_error("reden", gettext("Zeg waarom de bijeenkomst is afgelast."))
        return gegevens

    def deelnemers(self) -> list[DeelnemerInvoer]:
        """The invited with whether they came, then whoever came uninvited, by name."""
        aanwezig = set(self.cleaned_data.get("aanwezig") or [])
        invoer = [
            DeelnemerInvoer(
                speler=d.speler,
                opdrachtgever=d.opdrachtgever,
                naam="" if d.partij else d.naam,
                uitgenodigd=d.uitgenodigd,
                aanwezig=self._sleutel(d) in aanwezig,
            )
            for d in self.uitgenodigd
        ]
        bekend = {d.naam for d in self.uitgenodigd if d.naam}
        for naam in _namen(self.cleaned_data.get("anderen_aanwezig") or ""):
            if naam not in bekend:
                invoer.append(DeelnemerInvoer(naam=naam, uitgenodigd=False, aanwezig=True))
        return invoer
