"""Name and place lists shipped in reader/extract/people/data/, loaded once on first use.

The lists are derived from maintained packages by `names_build.py` (see its
docstring for sources and licences) so nothing is downloaded at run time.
Loading takes about 40 ms, so it happens on the first extraction, not at
import.
"""

from __future__ import annotations

import gzip
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA = Path(__file__).parent / "data"


@dataclass(frozen=True, slots=True)
class NameLists:
    """Given names by rank tier, surnames, East Asian surnames and places."""

    given_common: frozenset[str]
    """Given names in the top 300 of some country."""
    given: frozenset[str]
    """Given names in the top 2000 of some country (includes given_common)."""
    surnames: frozenset[str]
    """Surnames in the top 1000 of some country."""
    east_asian_surnames: frozenset[str]
    places: frozenset[str]
    female: frozenset[str] = frozenset()
    """Common given names borne almost only by women (and `male`, by men)."""
    male: frozenset[str] = frozenset()

    def given_tier(self, word: str) -> int:
        """2 for a common given name, 1 for a known one, 0 for neither."""
        if word in self.given_common:
            return 2
        return 1 if word in self.given else 0


def _tiers(name: str) -> dict[str, frozenset[str]]:
    text = gzip.decompress((DATA / name).read_bytes()).decode("utf-8")
    tiers: dict[str, frozenset[str]] = {}
    for line in text.splitlines():
        label, _, names = line.partition(" ")
        tiers[label] = frozenset(names.split())
    return tiers


@cache
def name_lists() -> NameLists:
    given = _tiers("given_names.txt.gz")
    family = _tiers("surnames.txt.gz")
    places = gzip.decompress((DATA / "places.txt.gz").read_bytes()).decode("utf-8")
    return NameLists(
        given_common=given["300"],
        given=given["300"] | given["1000"] | given["2000"],
        surnames=family["300"] | family["1000"],
        east_asian_surnames=family["east"],
        places=frozenset(places.splitlines()),
        female=given.get("female", frozenset()),
        male=given.get("male", frozenset()),
    )
