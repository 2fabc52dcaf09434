"""Small readers of the workspace's HTML for the tests."""

from __future__ import annotations

import re

LEZEND = ["opdrachtgever", "evaluator"]
WERKEND = ["procesregisseur", "kernteam"]


def formulieren(html: str) -> list[str]:
    """The ids of the POST forms on a page (the logout form in the header excepted)."""
    return [m.group(1) for m in re.finditer(r'<form method="post"[^>]*\bid="([^"]+)"', html)]


def veldfout(html: str, veld: str) -> str:
    """The error text shown at a field (its -fout element), or ''."""
    m = re.search(rf'id="id_{veld}-fout">(.*?)</div>', html, re.S)
    return re.sub(r"<[^>]+>", " ", m.group(1)).strip() if m else ""
