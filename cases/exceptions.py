"""The one family of domain errors; the API maps them to problem+json, the admin to form errors."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise

from django.utils.translation import gettext


class DomainError(Exception):
    """A request the domain refuses. ``veld`` names the offending input field, if any."""

    status = 400
    code = "ongeldig"
    titel: str | _StrPromise = _("De gevraagde wijziging is niet toegestaan.")

    def __init__(self, detail: str, *, veld: str | None = None, code: str | None = None) -> None:
        super().__init__(detail)
        self.detail = detail
        self.veld = veld
        if code is not None:
            self.code = code


class OngeldigeInvoer(DomainError):
    """Input that breaks a rule; carries every field error at once."""

    titel = _("Een of meer gegevens zijn ongeldig.")

    def __init__(self, fouten: Mapping[str, Sequence[tuple[str, str]]]) -> None:
        self.fouten = {veld: list(items) for veld, items in fouten.items()}
        eerste = next(iter(self.fouten.values()))[0][1] if self.fouten else str(self.titel)
        super().__init__(eerste, code="invalid")

    def onder(self, prefix: str, velden: Collection[str]) -> OngeldigeInvoer:
        """The same errors, those of ``velden`` named below ``prefix``: where a request
        carries them in a nested object (the opdracht of a case)."""
        return OngeldigeInvoer(
            {f"{prefix}.{veld}" if veld in velden else veld: i for veld, i in self.fouten.items()}
        )


class OngeldigeOvergang(DomainError):
    """A move the current state does not allow (a conflict with the resource, hence 409)."""

    status = 409
    code = "ongeldige-overgang"
    titel = _("Deze overgang is in de huidige toestand niet toegestaan.")


class PoortGesloten(DomainError):
    """A gate objected to a forward move; the caller may retry with ``forceren``."""

    status = 409
    code = "poort-gesloten"
    titel = _("De overgang voldoet niet aan de voorwaarden van de poort.")

    def __init__(self, bezwaren: Sequence[str]) -> None:
        self.bezwaren = list(bezwaren)
        super().__init__(
            "; ".join(self.bezwaren) + " " + gettext("Gebruik 'forceren' om toch door te gaan."),
            veld="naar",
        )


class ForcerenNietToegestaan(DomainError):
    """Only the procesregisseur of the case may force a stadium move past its gates."""

    status = 403
    code = "forceren-niet-toegestaan"
    titel = _("Alleen de procesregisseur mag een stadiumovergang forceren.")

    def __init__(self) -> None:
        super().__init__(
            gettext(
                "Alleen de procesregisseur van dit bestuursproces mag een stadiumovergang "
                "forceren. Consolideer eerst een wyber-stap in dit stadium, of vraag de "
                "procesregisseur om de overgang te forceren."
            ),
            veld="forceren",
        )


class ProcesAfgerond(DomainError):
    status = 409
    code = "proces-afgerond"
    titel = _("Het bestuursproces is afgerond.")

    def __init__(self) -> None:
        super().__init__(
            gettext(
                "Het bestuursproces is afgerond en kan niet meer worden gewijzigd. "
                "Heropen het eerst door de status op 'actief' te zetten."
            )
        )


class LidmaatschapConflict(DomainError):
    status = 409
    code = "lidmaatschap-conflict"
    titel = _("Deze wijziging van de lidmaatschappen is niet toegestaan.")


class Geschiedenisconflict(DomainError):
    """A fact entered late that does not fit the history: at its own moment, or because it
    would make a fact that happened after it impossible (409, naming that fact)."""

    status = 409
    code = "geschiedenisconflict"
    titel = _("Dit past niet in de geschiedenis van het bestuursproces.")

    def __init__(self, detail: str, *, later_feit: int | None = None) -> None:
        super().__init__(detail, veld="tijdstip")
        self.later_feit = later_feit
