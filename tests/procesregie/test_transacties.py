"""A write request below a case is one transaction from its first read of the case
(procesregie/transacties.py): its lookup locks the case, the service takes that row and runs
in the request's transaction, and whatever fails or answers 400 or more writes nothing. In a
transaction already open a service's savepoint is made when it first writes, and not for the
append of an event."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection, transaction
from django.db.transaction import TransactionManagementError
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import include, path
from django.utils import timezone
from rest_framework.request import Request
from rest_framework.response import Response

from cases import selectors, services
from cases.api.views.basis import BestuursprocesBasis
from cases.events import Actor, verifieer_keten
from cases.exceptions import OngeldigeInvoer
from cases.models import Bestuursproces, Notitie
from procesregie.transacties import (
    in_schrijfverzoek,
    in_transactie,
    markeer_vergrendeld,
    neem_vergrendeling,
    schrijfverzoek,
)
from tests.factories import GebruikerFactory, actor_voor, open_proces

pytestmark = pytest.mark.django_db


def _notitie(actor: Actor, bestuursproces: Bestuursproces, tekst: str = "Na het gesprek") -> Any:
    return services.maak_notitie(
        actor=actor, bestuursproces=bestuursproces, tekst=tekst, zichtbaarheid="proces"
    )


@in_transactie
def _notitie_en_fout(actor: Actor, bestuursproces: Bestuursproces) -> None:
    _notitie(actor, bestuursproces, "Half geschreven")
    raise OngeldigeInvoer({"tekst": [("invalid", "Bewust mislukt.")]})


@in_transactie
def _dienst_met_dienst(actor: Actor, bestuursproces: Bestuursproces) -> None:
    _notitie(actor, bestuursproces)


@in_transactie
def _schrijft_en_faalt_niet(actor: Actor, bestuursproces: Bestuursproces) -> None:
    _schrijft_eerst(actor, bestuursproces, faalt=False)


@in_transactie
def _schrijft_eerst(
    actor: Actor, bestuursproces: Bestuursproces, *, bulk: bool = True, faalt: bool = True
) -> None:
    """An ORM write (Django's bulk_create opens an atomic block without a savepoint of its
    own; save does not), then a refusal."""
    notitie = Notitie(
        bestuursproces=bestuursproces,
        tekst="Met de ORM",
        zichtbaarheid="proces",
        auteur=actor.gebruiker,
        tijdstip=timezone.now(),
    )
    if bulk:
        Notitie.objects.bulk_create([notitie])
    else:
        notitie.save()
    if faalt:
        raise OngeldigeInvoer({"tekst": [("invalid", "Bewust mislukt.")]})


@in_transactie
def _gebeurtenis_en_fout(actor: Actor, bestuursproces: Bestuursproces) -> None:
    # The note service's own body in this service's transaction: its event is this
    # service's first write.
    services.maak_notitie.__wrapped__(  # type: ignore[attr-defined]
        actor=actor, bestuursproces=bestuursproces, tekst="Met gebeurtenis", zichtbaarheid="proces"
    )
    raise OngeldigeInvoer({"tekst": [("invalid", "Bewust mislukt.")]})


def _savepoints(queries: CaptureQueriesContext) -> list[str]:
    return [q["sql"] for q in queries.captured_queries if q["sql"].startswith("SAVEPOINT")]


def test_een_dienst_in_een_schrijfverzoek_loopt_in_de_transactie_van_het_verzoek(
    regisseur: Any,
) -> None:
    proces = open_proces(regisseur)
    with schrijfverzoek():
        assert in_schrijfverzoek()
        with CaptureQueriesContext(connection) as queries:
            _notitie(actor_voor(regisseur), proces)
        assert _savepoints(queries) == []
    assert not in_schrijfverzoek()
    assert Notitie.objects.filter(bestuursproces=proces).count() == 1


def test_een_dienst_die_een_dienst_aanroept_geeft_die_pas_bij_schrijven_een_savepoint(
    regisseur: Any,
) -> None:
    proces = open_proces(regisseur)
    actor = actor_voor(regisseur)
    with schrijfverzoek(), CaptureQueriesContext(connection) as queries:
        _dienst_met_dienst(actor, proces)
    # The note's only write is its event's append, which needs none.
    assert _savepoints(queries) == []
    with schrijfverzoek(), CaptureQueriesContext(connection) as queries:
        _schrijft_en_faalt_niet(actor, proces)
    assert len(_savepoints(queries)) == 1  # the inner service's, not the outer one's


def test_een_mislukte_dienst_rolt_het_hele_verzoek_terug(regisseur: Any) -> None:
    proces = open_proces(regisseur)
    actor = actor_voor(regisseur)

    def verzoek() -> None:
        with schrijfverzoek():
            _notitie(actor, proces, "Eerst geschreven")
            try:
                _notitie_en_fout(actor, proces)
            except OngeldigeInvoer:
                # Nothing can be written after a failure in the request's transaction.
                with pytest.raises(TransactionManagementError):
                    Notitie.objects.count()
                raise

    with pytest.raises(OngeldigeInvoer):
        verzoek()
    assert not Notitie.objects.filter(bestuursproces=proces).exists()


def test_buiten_een_schrijfverzoek_heeft_een_dienst_een_eigen_transactie(
    regisseur: Any,
) -> None:
    proces = open_proces(regisseur)
    actor = actor_voor(regisseur)
    _notitie(actor, proces, "Eerst geschreven")
    with pytest.raises(OngeldigeInvoer):
        _notitie_en_fout(actor, proces)
    # Only the failed service's own writes are gone; the caller can go on.
    assert list(Notitie.objects.filter(bestuursproces=proces).values_list("tekst", flat=True)) == [
        "Eerst geschreven"
    ]


def test_de_vergrendeling_van_het_verzoek_geldt_eenmaal_voor_hetzelfde_lid(
    regisseur: Any,
) -> None:
    proces = open_proces(regisseur)
    ander: Any = GebruikerFactory()
    gevonden = selectors.bestuursproces_voor(regisseur, proces.uuid, vergrendel=True)
    markeer_vergrendeld(gevonden, regisseur.pk)  # outside a write request: nothing
    assert neem_vergrendeling(proces.pk, regisseur.pk) is None
    with schrijfverzoek():
        gevonden = selectors.bestuursproces_voor(regisseur, proces.uuid, vergrendel=True)
        markeer_vergrendeld(gevonden, regisseur.pk)
        assert neem_vergrendeling(proces.pk, ander.pk) is None  # another member's role
        markeer_vergrendeld(gevonden, regisseur.pk)
        assert neem_vergrendeling(proces.pk, regisseur.pk) is gevonden
        assert neem_vergrendeling(proces.pk, regisseur.pk) is None  # once
        markeer_vergrendeld(gevonden, regisseur.pk)
        assert neem_vergrendeling(proces.pk) is gevonden  # a lock without an actor


def test_een_schrijvend_verzoek_leest_het_proces_eenmaal_en_vergrendelt_het(
    regisseur: Any, api: Any
) -> None:
    proces = open_proces(regisseur)
    api.force_authenticate(regisseur)
    with CaptureQueriesContext(connection) as queries:
        antwoord = api.post(
            f"/api/v1/bestuursprocessen/{proces.uuid}/notities",
            {"tekst": "Na het gesprek", "zichtbaarheid": "proces"},
            format="json",
        )
    assert antwoord.status_code == 201, antwoord.content
    gelezen = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].startswith("SELECT") and '"cases_bestuursproces"' in q["sql"]
    ]
    assert len(gelezen) == 1
    if connection.features.has_select_for_update:
        assert "FOR UPDATE" in gelezen[0]


class _SchrijftEnWeigert(BestuursprocesBasis):
    """A write that answers 409 after its service wrote: the answer decides."""

    def post(self, request: Request, uuid: Any) -> Response:
        _notitie(Actor.uit_request(request), self.get_bestuursproces())
        return Response({"detail": "Toch niet."}, status=409)


urlpatterns = [
    path("test/bestuursprocessen/<uuid:uuid>/weiger", _SchrijftEnWeigert.as_view()),
    path("", include("procesregie.urls")),
]


@override_settings(ROOT_URLCONF=__name__)
def test_een_antwoord_van_400_of_meer_schrijft_niets(regisseur: Any, api: Any) -> None:
    proces = open_proces(regisseur)
    api.force_authenticate(regisseur)
    voor = Bestuursproces.objects.values_list("keten_volgnummer", flat=True).get(pk=proces.pk)

    antwoord = api.post(f"/test/bestuursprocessen/{proces.uuid}/weiger", {}, format="json")

    assert antwoord.status_code == 409
    assert not Notitie.objects.filter(bestuursproces=proces).exists()
    assert (
        Bestuursproces.objects.values_list("keten_volgnummer", flat=True).get(pk=proces.pk) == voor
    )


def test_in_een_open_transactie_schrijft_een_notitie_zonder_savepoint(regisseur: Any) -> None:
    proces = open_proces(regisseur)
    with transaction.atomic(), CaptureQueriesContext(connection) as queries:
        _notitie(actor_voor(regisseur), proces)
    assert [q["sql"] for q in queries.captured_queries if "SAVEPOINT" in q["sql"]] == []
    assert Notitie.objects.filter(bestuursproces=proces).count() == 1
    assert verifieer_keten(proces) is None


def test_een_dienst_die_weigert_voor_hij_schrijft_laat_de_transactie_bruikbaar(
    regisseur: Any,
) -> None:
    proces = open_proces(regisseur)
    with transaction.atomic():
        with CaptureQueriesContext(connection) as queries, pytest.raises(OngeldigeInvoer):
            services.maak_notitie(
                actor=actor_voor(regisseur), bestuursproces=proces, tekst="x", zichtbaarheid="geen"
            )
        assert _savepoints(queries) == []
        assert not connection.needs_rollback
        assert Notitie.objects.filter(bestuursproces=proces).count() == 0


@pytest.mark.parametrize("bulk", [True, False], ids=["bulk_create", "save"])
def test_een_dienst_die_schreef_en_weigert_rolt_terug_tot_zijn_savepoint(
    regisseur: Any, bulk: bool
) -> None:
    proces = open_proces(regisseur)
    actor = actor_voor(regisseur)
    with transaction.atomic():
        _notitie(actor, proces, "Eerst geschreven")
        with CaptureQueriesContext(connection) as queries, pytest.raises(OngeldigeInvoer):
            _schrijft_eerst(actor, proces, bulk=bulk)
        # Made just before the ORM's INSERT, and returned to: the caller can go on.
        assert len(_savepoints(queries)) == 1
        assert queries.captured_queries[0]["sql"].startswith("SAVEPOINT")
        assert not connection.needs_rollback
        teksten = list(
            Notitie.objects.filter(bestuursproces=proces).values_list("tekst", flat=True)
        )
    assert teksten == ["Eerst geschreven"]


def test_een_dienst_die_na_zijn_gebeurtenis_faalt_rolt_de_transactie_eromheen_terug(
    regisseur: Any,
) -> None:
    proces = open_proces(regisseur)
    actor = actor_voor(regisseur)

    def buitenste_transactie() -> None:
        with transaction.atomic():
            _notitie(actor, proces, "In dezelfde transactie")
            try:
                _gebeurtenis_en_fout(actor, proces)
            except OngeldigeInvoer:
                # No savepoint of its own to return to: the transaction around it rolls back.
                with pytest.raises(TransactionManagementError):
                    Notitie.objects.count()
                raise

    with pytest.raises(OngeldigeInvoer):
        buitenste_transactie()
    assert not Notitie.objects.filter(bestuursproces=proces).exists()
    assert verifieer_keten(proces) is None
