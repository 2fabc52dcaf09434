"""The machinery of the query-count tests: an endpoint to measure, and the check of a page.

Every list and detail endpoint runs a fixed number of queries, whatever the data size. Each
endpoint is called at 1, 10 and 50 rows of what it shows (GROOTTES), inside
``django_assert_num_queries(K)`` with the same K for every size. The client is authenticated
with ``force_authenticate`` so that authentication adds no queries (no session, no token).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from rest_framework.test import APIClient

GROOTTES = [1, 10, 50]  # the data sizes every endpoint is measured at
PAGINA = 20  # the default page size


@dataclass(frozen=True)
class Eindpunt:
    bouw: Callable[[Any, int], str]  # builds n rows, returns the URL to call
    queries: int
    rijen: Callable[[dict[str, Any], int], None]  # asserts the response shows the data


def pagina(aantal: int) -> Callable[[dict[str, Any], int], None]:
    """A paginated body with ``aantal(n)`` rows in total."""

    def controleer(body: dict[str, Any], n: int) -> None:
        assert body["count"] == aantal + n
        assert len(body["results"]) == min(aantal + n, PAGINA)

    return controleer


def meet(eindpunt: Eindpunt, regisseur: Any, n: int, django_assert_num_queries: Any) -> None:
    """Call the endpoint built with ``n`` rows: exactly its queries, and the data it shows."""
    url = eindpunt.bouw(regisseur, n)
    client = APIClient()
    client.force_authenticate(regisseur)

    with django_assert_num_queries(eindpunt.queries):
        response = client.get(url)

    assert response.status_code == 200, response.content
    eindpunt.rijen(response.json(), n)
