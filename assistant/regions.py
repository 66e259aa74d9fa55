"""Regional partnerships (assistant/data/regios.toml): one list shared by ingest (a table titled
"Jeugdhulpbudget, regio Twente" is about the region) and answering ("in de regio Twente")."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

_DATA = Path(__file__).resolve().parent / "data"


@dataclass
class Region:
    name: str
    aliases: list[str]
    members: list[str]


@lru_cache(maxsize=1)
def regions() -> list[Region]:
    data = tomllib.loads((_DATA / "regios.toml").read_text(encoding="utf-8"))
    return [Region(name, list(v.get("aliases") or [name]), list(v.get("members") or [])) for name, v in data.items()]


def region_in(text: str) -> Region | None:
    """The one region a text names (by any alias, as whole words); None for none or several."""
    found = []
    for r in regions():
        for a in sorted(r.aliases, key=len, reverse=True):
            if re.search(rf"(?<![\w-]){re.escape(a)}(?![\w-])", text, re.IGNORECASE if len(a) > 4 else 0):
                found.append(r)
                break
    return found[0] if len(found) == 1 else None
