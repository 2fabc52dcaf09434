"""Date-sensitive tests again at the awkward moments of a Dutch calendar.

A Dutch date derived from UTC (``.date()`` on an aware UTC datetime, ``date.today()`` on a
UTC server) is right most of the day and wrong around midnight, so a suite that only runs
during office hours never sees it. Modules marked ``datumgevoelig`` run once at the real
time and, with ``--lastige-momenten`` (``make test``'s SQLite run has it), also at each
moment below, the clock moved there by time-machine and ticking on from it: in the same
session as the rest of the suite, so without a second start-up, collection and test database.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
import time_machine

UTC = dt.UTC

# The moments are in the future of every fixed date the tests use, so that "not in the
# future" rules keep holding for those dates wherever the clock is put.
LASTIGE_MOMENTEN: dict[str, dt.datetime] = {
    # 01:30 in Amsterdam the next day (summer time): UTC and Dutch dates differ.
    "23u30-utc": dt.datetime(2027, 6, 15, 23, 30, tzinfo=UTC),
    # The night summer time starts: 03:30 CEST, just after 02:00 CET jumped to 03:00.
    "zomertijd-begint": dt.datetime(2027, 3, 28, 1, 30, tzinfo=UTC),
    # The night summer time ends: 02:30 CEST, an hour that Amsterdam lives twice.
    "wintertijd-begint": dt.datetime(2027, 10, 31, 0, 30, tzinfo=UTC),
    # New Year's Eve 23:59 in Amsterdam: 22:59 UTC, still the old year everywhere.
    "oudjaar-23u59": dt.datetime(2027, 12, 31, 22, 59, tzinfo=UTC),
}

NU = "nu"
OPTIE = "--lastige-momenten"
MARKER = "datumgevoelig"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        OPTIE,
        action="store_true",
        help="Draai tests met de marker 'datumgevoelig' naast nu ook op lastige momenten "
        f"({', '.join(LASTIGE_MOMENTEN)}).",
    )


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        f"{MARKER}: hangt af van de datum van vandaag; {OPTIE} draait ook op lastige momenten",
    )


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if (
        "lastig_moment" in metafunc.fixturenames
        and metafunc.definition.get_closest_marker(MARKER) is not None
        and metafunc.config.getoption(OPTIE)
    ):
        metafunc.parametrize(
            "lastig_moment", [NU, *LASTIGE_MOMENTEN], indirect=True, scope="function"
        )


@pytest.fixture(autouse=True)
def lastig_moment(request: pytest.FixtureRequest) -> Iterator[dt.datetime | None]:
    """The moment the clock was moved to, or None at the real time. Autouse, so it is set up
    before the test's other function fixtures build their data."""
    naam = getattr(request, "param", NU)
    if naam == NU:
        yield None
        return
    moment = LASTIGE_MOMENTEN[naam]
    with time_machine.travel(moment, tick=True):
        yield moment
