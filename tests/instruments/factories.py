"""factory_boy factories for the catalogue, for tests that need a few rows rather than the
whole book (for that, use the ``catalogus`` fixture in tests/instruments/fixtures.py)."""

from __future__ import annotations

import factory

from instruments.models import Instrument, Strategie, SubVraag, Thema, Veld, VeldCode

VOLGORDE = {code: nummer for nummer, code in enumerate(VeldCode.values, start=1)}


class VeldFactory(factory.django.DjangoModelFactory):
    """A veld by its code (the nine velden of the book exist once, so it is get-or-create)."""

    class Meta:
        model = Veld
        django_get_or_create = ("code",)

    code = VeldCode.VERBINDENDE
    naam = factory.LazyAttribute(lambda o: str(VeldCode(o.code).label))
    kernvraag = factory.LazyAttribute(lambda o: f"Kernvraag van {o.code}?")
    volgorde = factory.LazyAttribute(lambda o: VOLGORDE[o.code])


class SubVraagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SubVraag

    veld = factory.SubFactory(VeldFactory)
    nummer = factory.Sequence(lambda n: n + 1)
    tekst = factory.Sequence(lambda n: f"Sub-vraag {n + 1}?")


class ThemaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Thema

    veld = factory.SubFactory(VeldFactory)
    naam = factory.Sequence(lambda n: f"Thema {n}")


class InstrumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Instrument

    naam = factory.Sequence(lambda n: f"Instrument {n}")
    veld = factory.SubFactory(VeldFactory)
    verdiepingsvraag = factory.LazyAttribute(lambda o: f"Hoe gebruik ik {o.naam}?")
    bron = "Test"

    class Params:
        # With a thema (and its sub-vraag) of the instrument's own veld.
        met_thema = factory.Trait(
            subvraag=factory.SubFactory(SubVraagFactory, veld=factory.SelfAttribute("..veld")),
            thema=factory.SubFactory(
                ThemaFactory,
                veld=factory.SelfAttribute("..veld"),
                subvraag=factory.SelfAttribute("..subvraag"),
            ),
        )
        voorkeur = factory.Trait(voorkeursinstrument=True, doel="toepassen")


class StrategieFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Strategie
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"strategie-{n}")
    naam = factory.LazyAttribute(lambda o: o.code.replace("-", " ").capitalize())
    volgorde = factory.Sequence(lambda n: n)
