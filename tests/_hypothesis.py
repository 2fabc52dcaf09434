"""The hypothesis profiles of the suite: full strength once, a lighter repeat on the other
database.

``make test`` runs the property tests at full strength on SQLite (profile ``volledig``, also
the default when pytest runs without ``--hypothesis-profile``) and again on PostgreSQL with
profile ``herhaling``: a fifth of the examples, enough to see that the properties hold on the
other database's semantics (ordering, timestamps, constraints) without paying for the search
twice. Each property test names its full-strength count with :func:`voorbeelden`.
"""

from __future__ import annotations

from hypothesis import settings

VOLLEDIG = "volledig"
HERHALING = "herhaling"
# The example count hypothesis itself uses by default; a profile's count relative to it is
# the factor every test's own count is scaled by.
_BASIS = 100
_MINIMUM = 5

settings.register_profile(VOLLEDIG, max_examples=_BASIS)
settings.register_profile(HERHALING, max_examples=_BASIS // 5)
settings.load_profile(VOLLEDIG)


def voorbeelden(volledig: int) -> int:
    """A property test's example count: ``volledig`` at full strength, scaled down by the
    active profile (never below a handful). Read when the test module is imported, which is
    after pytest-hypothesis loaded the profile named by ``--hypothesis-profile``."""
    actief = settings.default
    assert actief is not None  # a profile is always loaded (above, or by the option)
    return max(_MINIMUM, volledig * actief.max_examples // _BASIS)
