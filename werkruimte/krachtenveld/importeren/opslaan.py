"""Step 3 of the import: every checked row through the services, in one transaction."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext, ngettext

from cases import services
from cases.events import Actor
from cases.events.wereldtijd import moment_van_datum
from cases.exceptions import DomainError, OngeldigeInvoer
from cases.models import Bestuursproces, Organisatie, Speler, Zichtbaarheid

from ..diensten import EersteBeoordeling, registreer_en_beoordeel
from ..lezen import naamsleutel
from .controle import Rij

STANDAARDSCORE = 3


def _rijfout(rij: Rij, fout: Exception) -> ValidationError:
    if isinstance(fout, OngeldigeInvoer):
        teksten = [t for items in fout.fouten.values() for _c, t in items]
    elif isinstance(fout, DomainError):
        teksten = [fout.detail]
    elif isinstance(fout, ValidationError):
        teksten = fout.messages
    else:
        teksten = [str(fout)]
    return ValidationError(
        gettext("Rij %(nummer)s (%(naam)s): %(reden)s Er is niets geïmporteerd.")
        % {"nummer": rij.nummer, "naam": rij.naam, "reden": " ".join(teksten)}
    )


def importeer(
    *,
    actor: Actor,
    bestuursproces: Bestuursproces,
    rijen: list[Rij],
    dubbele_overslaan: bool,
    zichtbaarheid: str = Zichtbaarheid.PROCES,
) -> list[Speler]:
    """Every row through the services, in world-time order, in one transaction."""
    gekozen = [r for r in rijen if not (dubbele_overslaan and (r.dubbel or r.dubbel_in_bestand))]
    if not gekozen:
        raise ValidationError(gettext("Er is geen rij over om te importeren."))
    # World-time order, so that an organisation exists before the first speler in it.
    gekozen.sort(key=lambda r: (r.datum or "9999-12-31", r.nummer))
    geopend = bestuursproces.geopend_op
    spelers: list[Speler] = []
    with transaction.atomic():
        organisaties = {
            naamsleutel(o.naam): o
            for o in Organisatie.objects.filter(bestuursproces=bestuursproces)
        }
        for rij in gekozen:
            tijdstip = moment_van_datum(rij.datum_als_datum, niet_voor=geopend)
            try:
                organisatie = None
                if rij.organisatie:
                    organisatie = organisaties.get(naamsleutel(rij.organisatie))
                    if organisatie is None:
                        organisatie = services.registreer_organisatie(
                            actor=actor,
                            bestuursproces=bestuursproces,
                            naam=rij.organisatie,
                            soort=Organisatie.Soort.OVERIG,
                            toelichting=gettext("Geïmporteerd uit een lijst van partijen."),
                            tijdstip=tijdstip,
                        )
                        organisaties[naamsleutel(rij.organisatie)] = organisatie
                beoordeling = None
                if rij.beoordeeld:
                    beoordeling = EersteBeoordeling(
                        standpunt=rij.standpunt,
                        macht=rij.macht,
                        invloed=rij.invloed or STANDAARDSCORE,
                        vertrouwen=rij.vertrouwen or STANDAARDSCORE,
                        unieke_macht=rij.unieke_macht,
                        zichtbaarheid=zichtbaarheid,
                        toelichting=rij.toelichting,
                    )
                speler, _oordeel = registreer_en_beoordeel(
                    actor=actor,
                    bestuursproces=bestuursproces,
                    naam=rij.naam,
                    soort=rij.soort,
                    veld=rij.veld,
                    rol_in_proces=rij.rol,
                    organisatie=organisatie,
                    beoordeling=beoordeling,
                    belang=rij.belang,
                    belemmeringen=rij.belemmeringen,
                    toelichting=gettext("Geïmporteerd uit een lijst van partijen."),
                    tijdstip=tijdstip,
                )
            except (DomainError, ValidationError, PermissionDenied) as fout:
                raise _rijfout(rij, fout) from fout
            spelers.append(speler)
    return spelers


def samenvatting(aantal: int) -> str:
    return ngettext(
        "%(aantal)s partij is geïmporteerd.", "%(aantal)s partijen zijn geïmporteerd.", aantal
    ) % {"aantal": aantal}
