"""The forms of the krachtenveld task: a party (speler or opdrachtgever) with its first
assessment, a reassessment, a betrokkenheid change and an organisatie."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cases.models import Macht, Opdrachtgever, Organisatie, Speler, Standpunt, Veld, Zichtbaarheid

from ..formulieren import Dienstformulier
from ..toegang import Zaak
from ..velden import TijdstipMixin
from .diensten import EersteBeoordeling, EersteOpdrachtgeverbeoordeling
from .lezen import Partijdossier

SCORES = [(str(i), str(i)) for i in range(1, 6)]


def zichtbaarheden(zaak: Zaak) -> list[tuple[str, str]]:
    # Nobody records an assessment at a level they may not read themselves.
    eigen = Zichtbaarheid.voor_rol(zaak.rol)
    return [(code, str(label)) for code, label in Zichtbaarheid.choices if code in eigen]


class BeoordelingVelden(forms.Form):
    """The fields of a speler's assessment (book ch. 11–12; seed 001)."""

    standpunt = forms.ChoiceField(
        label=_("Standpunt"), choices=Standpunt.choices, widget=forms.RadioSelect
    )
    macht = forms.ChoiceField(
        label=_("Macht"),
        choices=Macht.choices,
        widget=forms.RadioSelect,
        help_text=_(
            "Productiemacht: nodig om het te maken. Blokkademacht: kan het tegenhouden. "
            "Diffuse macht: invloed via anderen."
        ),
    )
    unieke_macht = forms.BooleanField(
        label=_("Unieke macht: niet te vervangen door een andere partij"), required=False
    )
    invloed = forms.TypedChoiceField(
        label=_("Invloed (1–5)"), choices=SCORES, coerce=int, initial="3"
    )
    vertrouwen = forms.TypedChoiceField(
        label=_("Vertrouwen in de regisseur (1–5)"), choices=SCORES, coerce=int, initial="3"
    )
    zichtbaarheid = forms.ChoiceField(
        label=_("Wie mag deze beoordeling zien?"),
        choices=Zichtbaarheid.choices,
        initial=Zichtbaarheid.PROCES,
    )

    def beperk_zichtbaarheid(self, zaak: Zaak) -> None:
        veld = self.fields["zichtbaarheid"]
        assert isinstance(veld, forms.ChoiceField)
        veld.choices = zichtbaarheden(zaak)

    def eerste_beoordeling(self, toelichting: str) -> EersteBeoordeling:
        g = self.cleaned_data
        return EersteBeoordeling(
            standpunt=g["standpunt"],
            macht=g["macht"],
            invloed=g["invloed"],
            vertrouwen=g["vertrouwen"],
            unieke_macht=bool(g.get("unieke_macht")),
            zichtbaarheid=g["zichtbaarheid"],
            toelichting=toelichting,
        )


class NieuwePartijFormulier(TijdstipMixin, BeoordelingVelden, Dienstformulier):
    naam = forms.CharField(label=_("Naam"), max_length=200)
    soort = forms.ChoiceField(
        label=_("Persoon of groep"), choices=Speler.Soort.choices, widget=forms.RadioSelect
    )
    veld = forms.ChoiceField(label=_("Veld"), choices=Veld.choices)
    rol_in_proces = forms.ChoiceField(
        label=_("Rol in het proces"),
        choices=Speler.RolInProces.choices,
        initial=Speler.RolInProces.BETROKKENE,
    )
    organisatie = forms.ChoiceField(label=_("Organisatie"), required=False)
    belang = forms.CharField(
        label=_("Belang"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    field_order = [
        "naam",
        "soort",
        "veld",
        "rol_in_proces",
        "organisatie",
        "belang",
        "standpunt",
        "macht",
        "unieke_macht",
        "invloed",
        "vertrouwen",
        "zichtbaarheid",
        "toelichting",
        "tijdstip",
        "tijdstip_tijd",
    ]

    def __init__(self, *args: Any, zaak: Zaak, **kwargs: Any) -> None:
        super().__init__(*args, zaak=zaak, **kwargs)
        self.niet_voor = zaak.bestuursproces.geopend_op
        self.beperk_zichtbaarheid(zaak)
        self.organisaties = {
            str(o.uuid): o for o in Organisatie.objects.filter(bestuursproces=zaak.bestuursproces)
        }
        veld = self.fields["organisatie"]
        assert isinstance(veld, forms.ChoiceField)
        veld.choices = [("", gettext("geen")), *((u, o.naam) for u, o in self.organisaties.items())]
        self.fields["toelichting"].label = _("Onderbouwing van de beoordeling")
        self.fields["toelichting"].help_text = _("Waarop berust deze eerste beoordeling?")

    def gekozen_organisatie(self) -> Organisatie | None:
        return self.organisaties.get(self.cleaned_data.get("organisatie") or "")


class BeoordeelFormulier(TijdstipMixin, BeoordelingVelden, Dienstformulier):
    field_order = [
        "standpunt",
        "macht",
        "unieke_macht",
        "invloed",
        "vertrouwen",
        "zichtbaarheid",
        "toelichting",
        "tijdstip",
        "tijdstip_tijd",
    ]

    def __init__(self, *args: Any, zaak: Zaak, dossier: Partijdossier, **kwargs: Any) -> None:
        super().__init__(*args, zaak=zaak, prefix="beoordeling", **kwargs)
        self.niet_voor = zaak.bestuursproces.geopend_op
        self.beperk_zichtbaarheid(zaak)
        self.fields["toelichting"].label = _("Onderbouwing")
        self.fields["toelichting"].help_text = _("Wat is er veranderd, of waarop berust dit?")
        huidig = dossier.regel
        if huidig.beoordeeld:
            self.initial.update(
                {"standpunt": huidig.standpunt, "macht": huidig.macht, "invloed": huidig.invloed}
            )


class OpdrachtgeverBeoordeelFormulier(TijdstipMixin, Dienstformulier):
    """How the regisseur reads an opdrachtgever (book §10.3); regisseur-only by default."""

    steun = forms.ChoiceField(
        label=_("Steun voor het proces"), choices=Standpunt.choices, widget=forms.RadioSelect
    )
    stevigheid = forms.TypedChoiceField(
        label=_("Stevigheid: doorzettingsmacht in de eigen organisatie (1–5)"),
        choices=SCORES,
        coerce=int,
        initial="3",
    )
    onderling_vertrouwen = forms.TypedChoiceField(
        label=_("Onderling vertrouwen (1–5)"), choices=SCORES, coerce=int, initial="3"
    )
    mandaat = forms.CharField(
        label=_("Mandaat"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    impliciete_opdracht = forms.CharField(
        label=_("Impliciete opdracht"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Zoals u die begrijpt."),
    )
    open_rekeningen = forms.CharField(
        label=_("Open rekeningen"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Uit de samenwerkingsgeschiedenis."),
    )
    zichtbaarheid = forms.ChoiceField(
        label=_("Wie mag deze beoordeling zien?"),
        choices=Zichtbaarheid.choices,
        initial=Zichtbaarheid.REGISSEUR,
        help_text=_("Een beoordeling van een opdrachtgever is gevoelig."),
    )

    field_order = [
        "steun",
        "stevigheid",
        "onderling_vertrouwen",
        "mandaat",
        "impliciete_opdracht",
        "open_rekeningen",
        "zichtbaarheid",
        "toelichting",
        "tijdstip",
        "tijdstip_tijd",
    ]

    def __init__(
        self,
        *args: Any,
        zaak: Zaak,
        dossier: Partijdossier | None,
        prefix: str = "beoordeling",
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, zaak=zaak, prefix=prefix, **kwargs)
        self.niet_voor = zaak.bestuursproces.geopend_op
        veld = self.fields["zichtbaarheid"]
        assert isinstance(veld, forms.ChoiceField)
        veld.choices = zichtbaarheden(zaak)
        if Zichtbaarheid.REGISSEUR not in dict(veld.choices):
            self.initial["zichtbaarheid"] = Zichtbaarheid.KERNTEAM
        self.fields["toelichting"].label = _("Onderbouwing")
        self.fields["toelichting"].help_text = _("Wat is er veranderd, of waarop berust dit?")
        if dossier is not None and dossier.regel.beoordeeld:
            huidig = dossier.regel
            self.initial.update({"steun": huidig.standpunt, "stevigheid": huidig.invloed})


class NieuweOpdrachtgeverFormulier(OpdrachtgeverBeoordeelFormulier):
    """An opdrachtgever with the regisseur's first reading of it, in one form."""

    naam = forms.CharField(label=_("Naam"), max_length=200)
    rol = forms.ChoiceField(label=_("Rol"), choices=Opdrachtgever.Rol.choices)
    organisatie = forms.ChoiceField(label=_("Organisatie"), required=False)
    expliciete_opdracht = forms.CharField(
        label=_("Expliciete opdracht"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    field_order = [
        "naam",
        "rol",
        "organisatie",
        "expliciete_opdracht",
        *OpdrachtgeverBeoordeelFormulier.field_order,
    ]

    def __init__(self, *args: Any, zaak: Zaak, **kwargs: Any) -> None:
        super().__init__(*args, zaak=zaak, dossier=None, prefix="opdrachtgever", **kwargs)
        self.organisaties = {
            str(o.uuid): o for o in Organisatie.objects.filter(bestuursproces=zaak.bestuursproces)
        }
        veld = self.fields["organisatie"]
        assert isinstance(veld, forms.ChoiceField)
        veld.choices = [("", gettext("geen")), *((u, o.naam) for u, o in self.organisaties.items())]
        self.fields["toelichting"].help_text = _("Waarop berust deze eerste beoordeling?")

    def gekozen_organisatie(self) -> Organisatie | None:
        return self.organisaties.get(self.cleaned_data.get("organisatie") or "")

    def eerste_beoordeling(self) -> EersteOpdrachtgeverbeoordeling:
        d = self.cleaned_data
        return EersteOpdrachtgeverbeoordeling(
            steun=d["steun"],
            stevigheid=d["stevigheid"],
            onderling_vertrouwen=d["onderling_vertrouwen"],
            mandaat=d.get("mandaat") or "",
            impliciete_opdracht=d.get("impliciete_opdracht") or "",
            open_rekeningen=d.get("open_rekeningen") or "",
            zichtbaarheid=d["zichtbaarheid"],
            toelichting=self.toelichting_tekst,
        )


class BetrokkenheidFormulier(TijdstipMixin, Dienstformulier):
    veldnamen = {"reden": "toelichting"}

    actie = forms.ChoiceField(label=_("Wat doet de partij?"), widget=forms.RadioSelect)

    field_order = ["actie", "toelichting", "tijdstip", "tijdstip_tijd"]

    def __init__(self, *args: Any, zaak: Zaak, dossier: Partijdossier, **kwargs: Any) -> None:
        super().__init__(*args, zaak=zaak, prefix="betrokkenheid", **kwargs)
        self.niet_voor = zaak.bestuursproces.geopend_op
        actie = self.fields["actie"]
        assert isinstance(actie, forms.ChoiceField)
        actie.choices = dossier.acties
        actie.help_text = gettext("Nu: %(nu)s.") % {"nu": dossier.regel.betrokkenheid_label.lower()}
        toelichting = self.fields["toelichting"]
        toelichting.label = _("Reden")
        toelichting.required = True
        toelichting.help_text = _("Waarom haakt de partij aan, wacht zij af of haakt zij af?")


class OrganisatieFormulier(TijdstipMixin, Dienstformulier):
    naam = forms.CharField(label=_("Naam van de organisatie"), max_length=200)
    soort = forms.ChoiceField(label=_("Soort organisatie"), choices=Organisatie.Soort.choices)
    eigen_gemeente = forms.BooleanField(label=_("Hoort bij de eigen gemeente"), required=False)

    field_order = ["naam", "soort", "eigen_gemeente", "toelichting", "tijdstip", "tijdstip_tijd"]

    def __init__(self, *args: Any, zaak: Zaak, **kwargs: Any) -> None:
        super().__init__(*args, zaak=zaak, prefix="organisatie", **kwargs)
        self.niet_voor = zaak.bestuursproces.geopend_op
