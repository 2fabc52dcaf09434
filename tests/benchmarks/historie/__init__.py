"""A test-only app for the benchmarks: django-simple-history on a model shaped like a notitie,
the reference the event-log write is compared with (tests/benchmarks/test_kosten_referenties.py).
Only in the test settings; never part of the product."""
