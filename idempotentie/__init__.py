"""Safe retries of API writes: a POST with an ``Idempotency-Key`` header is done once per user
and key; a retry gets the first answer back (IETF httpapi idempotency-key draft)."""
