#!/usr/bin/env python3
"""Run the benchmark modules, each in a process of its own (``make benchmark``).

    python scripts/benchmarks.py [tests/benchmarks | tests/benchmarks/test_x.py ...]

In one pytest process a module's leftovers slowed the modules after it. On PostgreSQL the
100,000-event cases the growth and export modules build are rolled back, and what they leave
in the test database until a vacuum (most likely their dead rows and the planner's
statistics of the full tables) slowed what came next: the case list measured 0.35 of its
bare reference (0.57 alone) and the reads grew 4× from 1,000 to 100,000 events (flat alone).
Each module here gets a fresh process and so a fresh test database (pytest-django creates
one per run).

A module without benchmarks (pytest exits with 5: nothing selected) is no failure. The exit
code is 1 when any module failed, after all have run.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

GEEN_TESTS = 5  # pytest: no tests were collected or selected


def modules(paden: list[str]) -> list[Path]:
    gevonden: list[Path] = []
    for pad in map(Path, paden or ["tests/benchmarks"]):
        gevonden += sorted(pad.glob("test_*.py")) if pad.is_dir() else [pad]
    return gevonden


PYTEST = [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", "-s", "-m", "benchmark"]


def main(paden: list[str]) -> int:
    mislukt = []
    for module in modules(paden):
        uitkomst = subprocess.call([*PYTEST, str(module)])
        if uitkomst not in (0, GEEN_TESTS):
            mislukt.append(str(module))
    if mislukt:
        print(f"Benchmarks mislukt: {', '.join(mislukt)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
