"""Numbers in the text and what they measure.

One regex pass finds dates, times and identifiers; a second finds every
numeral (digits or number words). Each numeral is then read in a short
window: a currency or "about" before it, a scale word ("billion", "bn"), a
unit or "percent" after it, and the word before it (so "Section 427",
"iPhone 14" and "YU7" are not taken for quantities). Every look is bounded,
so the whole pass is linear in the text and has no backtracking traps.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import islice

from reader.extract.figures.context import Sentences, describe
from reader.extract.figures.dates import looks_like_year, special_at
from reader.extract.figures.labels import (
    LABEL_WORDS,
    capitalised_mid_sentence,
    is_label,
    next_word,
    previous_word,
    word_set,
)
from reader.extract.figures.numbers import (
    CARDINALS,
    FRACTIONS,
    SCALE_ABBREVIATIONS,
    SCALES,
    TENS,
    UNITS,
    VAGUE,
    parse_digits,
    words_value,
)
from reader.extract.figures.units import (
    ADJECTIVE_CURRENCY_RE,
    COUNT,
    CURRENCY_PREFIX_RE,
    GLUED_UNIT_RE,
    MONEY,
    SCALE_GLUED_RE,
    SCALE_WORD_RE,
    SPACED_UNIT_RE,
    Unit,
    currency_name,
    lookup_unit,
)
from reader.model import Article, Figure, Span


def _trie(words: list[str]) -> str:
    """A regex alternation shaped as a trie, so each position costs one
    character test per branch instead of one test per word."""
    ends = set(words)
    prefixes = {w[:i] for w in words for i in range(len(w) + 1)}

    def emit(prefix: str) -> str:
        children = sorted(
            {p[len(prefix)] for p in prefixes if len(p) > len(prefix) and p.startswith(prefix)}
        )
        branches = [re.escape(c) + emit(prefix + c) for c in children]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if prefix in ends else body

    return emit("")


_SCALE_WORDS = ["dozen", "hundred", "thousand", "million", "billion", "trillion"]
_START_WORDS = [
    *CARDINALS,
    "half",
    "tens",
    *(w + "s" for w in _SCALE_WORDS),
    *(f"a {w}" for w in [*_SCALE_WORDS, "third", "quarter"]),
    *(f"{q} {w}" for q in ("several", "a few") for w in _SCALE_WORDS),
]
# Number words in any case, not inside a word. Matched on the text itself:
# lower-casing a copy (and prepending a newline, another copy) held two more
# copies of a 64 MiB article at once.
WORD_START_RE = re.compile(
    r"(?<![a-z0-9_])" + _trie(_START_WORDS) + r"(?![a-z])", re.IGNORECASE | re.ASCII
)
# A run of digits with its separators; its shape is checked in Python.
DIGIT_RUN_RE = re.compile(r"[0-9][0-9,.]*")
_NEXT_WORD_RE = re.compile(r"(?:[ \u00a0]and[ \u00a0]|[ \u00a0-])(?P<w>[A-Za-z]+)\b")
_OF_VAGUE_RE = re.compile(r"[ \u00a0]of[ \u00a0](?P<w>(?i:thousands|millions|billions))\b")
_FRACTION_OF_RE = re.compile(
    r"[ \u00a0](?:in|of|out[ \u00a0]of)[ \u00a0](?P<d>[0-9]{1,3}|[a-z]+)\b"
)
_SLASH_FRACTION_RE = re.compile(r"/(?P<d>[0-9]{1,3})(?![0-9/])")
_ORDINAL_RE = re.compile(r"(?:st|nd|rd|th)(?![A-Za-z])")
_DECADE_RE = re.compile(r"(?:s|['’′]s)(?![A-Za-z])")
_HYPHEN_WORD_RE = re.compile(r"-[A-Za-z]")
_VULGAR = {"½": 0.5, "¼": 0.25, "¾": 0.75, "⅓": 1 / 3, "⅔": 2 / 3, "⅛": 0.125}
_ARTICLE_ADJECTIVE_RE = re.compile(
    r"(?<![A-Za-z])(?i:a|an|the|this|that|every|each)[ \u00a0][a-z][a-z-]+[ \u00a0]$"
)
_NUMBER_NEXT_RE = re.compile(r"[ \t]{0,3}[0-9]")
# Words that may hang on a number with a hyphen without making it a name.
_HYPHEN_PREFIXES = word_set("to from mid pre post and or early late top under over sub about")
_OCLOCK_RE = re.compile(r"[ \u00a0]o['’]clock")
_SEASON_RE = re.compile(r"[-–/][0-9]{2}(?![0-9])")
_AND_A_HALF_RE = re.compile(r"[ \u00a0]and[ \u00a0]a[ \u00a0]half\b")
_MINUS_RE = re.compile(r"(?<![A-Za-z])(?i:minus)[ \u00a0]$")
_GAPS = frozenset(" \u00a0-")
_OF_CURRENCY_RE = re.compile(
    r"[ \u00a0]of[ \u00a0](?:[A-Z][a-z]+[ \u00a0])?(?i:dollars|euros|pounds|yuan|yen|rupees)\b"
)
_APPROX_RE = re.compile(
    r"(?:(?<![A-Za-z])(?i:about|around|approximately|roughly|nearly|almost|some|over|under"
    r"|more[ \u00a0]than|less[ \u00a0]than|fewer[ \u00a0]than|up[ \u00a0]to|at[ \u00a0]least"
    r"|at[ \u00a0]most|as[ \u00a0]many[ \u00a0]as|as[ \u00a0]much[ \u00a0]as|close[ \u00a0]to"
    r"|upwards[ \u00a0]of|an[ \u00a0]estimated|estimated|circa|just)[ \u00a0]|[~≈])$"
)
# "10 Downing Street", "1600 Pennsylvania Avenue": a street number.
_ADDRESS_RE = re.compile(
    r"(?:[ \u00a0][A-Z][a-z]+){1,3}[ \u00a0](?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane"
    r"|Drive|Place|Square|Court|Terrace|Way|Highway|Parkway)\b"
)
_HALF_SCALE_RE = re.compile(
    r"[ \u00a0]an?[ \u00a0](?P<s>(?i:dozen|hundred|thousand|million|billion))\b"
)


# "each one", "the one who": pronoun uses of "one", not a count.
_ONE_PRONOUN_BEFORE = word_set(
    """each every any no this that the which on no-one someone anyone everyone another
    last next new big old right wrong same little"""
)
# "one could argue", "one another": "one" as a pronoun.
_CLAUSE_OPENERS = word_set("that which who whom i we you he she they it")
_ONE_PRONOUN_AFTER = word_set("another could would should can must might may will")
_IDIOM_AFTER_HYPHEN = word_set("off way time on sided liner shot stop man handed")
_AGE_OR_VERB_AFTER = word_set("has had is was will said says who")
_HALF_BLOCKERS = word_set(
    "first second third fourth last latter back other this that each the in a one"
)
_YEAR_COUNT_BLOCKERS = word_set(
    "the a an its their his her our my your this that last next fiscal financial"
)


@dataclass(slots=True)
class _Raw:
    """A numeral being read, before ranges share units and context is added."""

    start: int
    end: int
    value: float | None
    unit: str | None
    kind: str
    scaled: bool = False
    has_currency: bool = False
    bare: bool = True  # no unit, no scale, no currency of its own
    scale: float = 1.0


def find_figures(article: Article) -> list[Figure]:
    """Every number in the article: quantities with value, unit and context,
    plus dates, times and years (kind date/time/year) for a timeline."""
    text = article.text
    raws: list[_Raw] = []
    timeline: list[Figure] = []
    consumed = 0
    # Ordinary news has a number every hundred characters or so; a text far
    # denser than that is a table or noise, and reading it all would make the
    # cost per byte unbounded. Past this budget the rest is not read.
    budget = 1000 + len(text) // 64
    rejected = -2  # where the last digits read as an identifier end
    for start, end, is_word in _candidates(text, budget):
        if start < consumed:
            continue
        if not is_word:
            special = special_at(text, start)
            if special is not None:
                overlaps = special.start < consumed  # "5 March 10": the month is taken
                consumed = special.end
                if special.kind != "ident" and not overlaps:
                    span = Span(special.start, special.end)
                    timeline.append(
                        Figure(text[span.start : span.end], None, None, special.kind, None, span)
                    )
                continue
        if not is_word and start == rejected + 1 and text[rejected] in "-/":
            rejected = end  # "737-800", "A320/321": the rest of an identifier
            continue
        raw = _read_words(text, start, end) if is_word else _read_digits(text, start, end)
        if raw is None and not is_word:
            rejected = end
        if raw is None or raw.start < consumed:
            continue
        raws.append(raw)
        consumed = raw.end
    _share_range_units(text, raws)
    figures = timeline
    sentences = Sentences(text)
    for raw in raws:
        # A number followed by another number is a cell of a table or a score
        # line ("Puchon 3 1 0 6"): no phrase says what it measures.
        listed = raw.unit is None and _NUMBER_NEXT_RE.match(text, raw.end, raw.end + 4)
        if raw.kind == "year" or listed:
            context = None
        else:
            context = describe(sentences, raw.start, raw.end, raw.kind)
        figures.append(
            Figure(
                text=text[raw.start : raw.end],
                value=raw.value,
                unit=raw.unit,
                kind=raw.kind,
                context=context,
                span=Span(raw.start, raw.end),
            )
        )
    figures.sort(key=lambda f: (f.span.start, f.span.end))
    return figures


def _candidates(text: str, budget: int) -> list[tuple[int, int, bool]]:
    """Where numerals start (digit runs and number words), in text order:
    the first `budget` of them."""
    found = []
    for match in islice(DIGIT_RUN_RE.finditer(text), budget):
        start, end = match.span()
        while text[end - 1] in ",.":
            end -= 1
        found.append((start, end, False))
    for match in islice(WORD_START_RE.finditer(text), budget):
        found.append((match.start(), match.end(), True))
    found.sort()
    return found[:budget]


def _approx_start(text: str, start: int) -> int:
    found = _APPROX_RE.search(text, max(0, start - 24), start)
    return found.start() if found else start


def _currency_before(text: str, start: int) -> tuple[int, str] | None:
    found = CURRENCY_PREFIX_RE.search(text, max(0, start - 8), start)
    if not found:
        return None
    return found.start(), currency_name(found.group("code"), found.group("sym"))


def _read_digits(text: str, start: int, end: int) -> _Raw | None:
    raw_number = text[start:end]
    if raw_number.count(".") > 1:
        return None  # 1.2.3: a version or an address
    prev = text[start - 1] if start > 0 else " "
    before_prev = text[start - 2] if start > 1 else " "
    if prev in "-−." and (before_prev.isspace() or before_prev in "([~"):
        start -= 1  # a sign ("-1.3") or a leading point (".500")
        raw_number = text[start:end]
        prev = before_prev
    currency = _currency_before(text, start)
    if (prev.isalnum() or prev == "_") and currency is None:
        return None  # glued to a word: YU7, S23, cac40
    if prev in "#/\\" or (prev in "'’‘" and len(raw_number) == 2):
        if prev in "'’‘":
            return _Raw(start - 1, end, None, None, "year")
        return None
    if prev == "-" and before_prev.isalpha():
        word = previous_word(text, start - 1).split("-")[-1].lower()
        if word not in _HYPHEN_PREFIXES:
            return None  # COVID-19, F-35, V-12
    value = parse_digits(raw_number)
    if value is None:
        return None
    season = _SEASON_RE.match(text, end, end + 4)
    if season and raw_number.isdigit() and 1900 <= value <= 2100:
        return _Raw(start, season.end(), value, None, "year")
    if text[end : end + 1] == "-" and text[end + 1 : end + 2].isupper():
        return None  # 7-Eleven, 3-Series: a name
    if text[end : end + 1] in _VULGAR:  # 2½
        value += _VULGAR[text[end]]
        end += 1
    unit: Unit | None = None
    scale = 1.0
    scaled = False
    pos = end
    # A slash fraction ("1/16") or a non-quantity ratio ("24/7").
    if text[pos : pos + 2][-1:].isdigit() and text[pos : pos + 1] == "/":
        frac = _SLASH_FRACTION_RE.match(text, pos, pos + 5)
        if not frac:
            return None
        denominator = int(frac.group("d"))
        if denominator not in (2, 3, 4, 5, 8, 10, 16, 32, 64, 100) or value >= denominator:
            return None
        value /= denominator
        pos = frac.end()
        return _finish(text, start, pos, value, None, "other", currency, False)
    glued = text[pos : pos + 1]
    if glued and (glued.isalpha() or glued in "°%µ²"):
        if _ORDINAL_RE.match(text, pos, pos + 3):
            return None
        decade = _DECADE_RE.match(text, pos, pos + 3)
        if decade and raw_number.isdigit() and (len(raw_number) == 2 or 1000 <= value <= 2100):
            return _Raw(start, decade.end(), value, None, "year")
        if decade and value in (10.0, 100.0, 1000.0):  # "1,000s of fans": a vague amount
            return _Raw(start, decade.end(), None, None, COUNT)
        glued_scale = SCALE_GLUED_RE.match(text, pos, pos + 4)
        if glued_scale:
            word = glued_scale.group("s")
            needs_currency = word in ("m", "b", "B", "T")
            if currency is not None or not needs_currency:
                scale = SCALE_ABBREVIATIONS[word]
                scaled = True
                pos = glued_scale.end()
        if not scaled:
            glued_unit = GLUED_UNIT_RE.match(text, pos, pos + 24)
            if glued_unit:
                unit = lookup_unit(glued_unit.group())
                pos = glued_unit.end()
            elif text.startswith("G", pos) and not text[pos + 1 : pos + 2].isalpha():
                pos += 1  # 5G, 4G: a network generation counted as a number
            elif text[pos : pos + 1] == "x" and not text[pos + 1 : pos + 2].isalnum():
                pos += 1  # 10x: a multiple
            else:
                return None  # 3D, 737MAX: an identifier
    return _read_after(text, start, pos, value, unit, scale, scaled, currency, raw_number)


def _read_after(
    text: str,
    start: int,
    pos: int,
    value: float | None,
    unit: Unit | None,
    scale: float,
    scaled: bool,
    currency: tuple[int, str] | None,
    raw_number: str,
) -> _Raw | None:
    """Scale words, units and currencies after the numeral, then the checks
    that need them (labels, years)."""
    limit = min(len(text), pos + 40)
    gap, letter = text[pos : pos + 1], text[pos + 1 : pos + 2]
    # Units, scales and currencies after a space all start with a letter (or %, °).
    words_follow = gap in _GAPS and (letter.isalpha() or letter in "%°")
    if words_follow and not scaled and unit is None:
        spaced_scale = SCALE_WORD_RE.match(text, pos, limit)
        if spaced_scale:
            word = spaced_scale.group("s").lower()
            scale = SCALES.get(word) or SCALE_ABBREVIATIONS[word]
            scaled = True
            pos = spaced_scale.end()
    if unit is None and words_follow:
        adjective = ADJECTIVE_CURRENCY_RE.match(text, pos, limit)
        if adjective:
            unit = lookup_unit(adjective.group("u"))
            if unit is not None:
                unit = Unit(f"{adjective.group('adj')} {unit.name}", MONEY)
            pos = adjective.end()
        else:
            spaced_unit = SPACED_UNIT_RE.match(text, pos, limit)
            if spaced_unit:
                unit = lookup_unit(spaced_unit.group("u"))
                pos = spaced_unit.end()
    if unit is None and words_follow and _OF_CURRENCY_RE.match(text, pos, limit):
        unit = Unit("dollars", MONEY)
    if unit is None and words_follow and _HYPHEN_WORD_RE.match(text, pos):
        word = next_word(text, pos + 1).split("-")[0].lower()
        if word in _IDIOM_AFTER_HYPHEN:
            return None
    bare = unit is None and not scaled and currency is None
    if bare and value is not None:
        if text[pos + 1 : pos + 2].isupper() and _ADDRESS_RE.match(text, pos, pos + 48):
            return None
        if text[pos + 1 : pos + 2] == "o" and _OCLOCK_RE.match(text, pos, pos + 10):
            return _Raw(start, pos + 8, None, None, "time")
        before = previous_word(text, start)
        if is_label(text, start, before, raw_number):
            after = next_word(text, pos)
            surname = len(before) > 2 and before.isalpha() and before[1:].islower()
            surname = surname and raw_number.isdigit()
            age = after.lower().rstrip(",") in _AGE_OR_VERB_AFTER or after.startswith(",")
            # "Apple 300 stores": a plural noun after it says the number counts.
            plural = len(after) > 3 and after.islower() and after.isalpha() and after[-1] == "s"
            plural = plural and len(raw_number) > 1
            known = before.lower() in LABEL_WORDS or len(before) == 1
            if known or not ((surname and age) or plural):
                return None
        if (
            len(raw_number) == 4
            and raw_number.isdigit()
            and _approx_start(text, start) == start
            and looks_like_year(value, before)
            and not _counted_year(before, next_word(text, pos))
        ):
            return _Raw(start, pos, value, None, "year")
    if value is not None:
        value *= scale
    kind = unit.kind if unit else COUNT
    raw = _finish(text, start, pos, value, unit.name if unit else None, kind, currency, scaled)
    raw.scale = scale
    return raw


def _counted_year(before: str, after: str) -> bool:
    """'employs 2000 people' is a count; 'in 2018 sales' and 'the 2020 race' are years."""
    after = after.rstrip(".,;:!?")
    if not after.islower() or not after.endswith("s") or after.endswith("'s"):
        return False
    low = before.lower()
    return (
        before.islower()
        and low not in _YEAR_COUNT_BLOCKERS
        and low
        not in {"in", "since", "from", "until", "by", "of", "during", "to", "and", "between"}
    )


def _finish(
    text: str,
    start: int,
    end: int,
    value: float | None,
    unit: str | None,
    kind: str,
    currency: tuple[int, str] | None,
    scaled: bool,
) -> _Raw:
    has_currency = currency is not None
    if currency is not None:
        start = currency[0]
        if kind not in ("percent", "money"):
            kind = MONEY
            unit = currency[1] if unit is None or kind == MONEY else unit
        if unit is None or unit in ("dollars",):
            unit = currency[1]
    minus = _MINUS_RE.search(text, max(0, start - 8), start)
    if minus and value is not None:
        value, start = -value, minus.start()
    start = _approx_start(text, start)
    bare = unit is None and not scaled and not has_currency
    return _Raw(start, end, value, unit, kind, scaled, has_currency, bare)


def _read_words(text: str, start: int, end: int) -> _Raw | None:
    first = text[start:end]
    low = first.lower()
    before = previous_word(text, start)
    pos = end
    words = low.split()
    if low == "half":
        return _read_half(text, start, end, before)
    if words[0] in VAGUE:
        vague_of = _OF_VAGUE_RE.match(text, end, end + 20)
        if vague_of:
            pos = vague_of.end()
        return _read_after(text, start, pos, None, None, 1.0, True, None, first)
    if words[:2] == ["a", "few"] or words[0] == "several":
        return _read_after(text, start, end, None, None, 1.0, True, None, first)
    if words[-1] in FRACTIONS:  # "a third", "a quarter": only as a share "of" something
        if not text.startswith(" of", end):
            return None
        return _Raw(start, end, 1 / FRACTIONS[words[-1]], "fraction", "other")
    # Join the following number words: "twenty-five", "two hundred thousand".
    parts = list(words)
    for _ in range(6):
        nxt = _NEXT_WORD_RE.match(text, pos, pos + 16)
        if not nxt:
            break
        word = nxt.group("w").lower()
        last = parts[-1]
        if word in FRACTIONS and word not in ("half", "halves") and last in CARDINALS:
            portion = CARDINALS[last] / FRACTIONS[word]
            return _Raw(start, nxt.end(), portion, "fraction", "other")
        joins = (
            (last in TENS and word in UNITS and 0 < UNITS[word] < 10 and " and " not in nxt.group())
            or (word in SCALES or word == "dozen")
            or (last in ("hundred", *SCALES) and word in CARDINALS)
        )
        if not joins or (" and " in nxt.group() and last not in ("hundred", "thousand")):
            break
        parts.append(word)
        pos = nxt.end()
    value = words_value(parts)
    if value is None:
        return None
    half = _AND_A_HALF_RE.match(text, pos, pos + 14)
    if half:
        value += 0.5
        pos = half.end()
    if parts == ["one"] or parts[-1] in CARDINALS:
        share = _FRACTION_OF_RE.match(text, pos, pos + 16)
        if share and parts[-1] in UNITS and UNITS[parts[-1]] <= 10:
            d = share.group("d")
            denominator = int(d) if d.isdigit() else CARDINALS.get(d.lower(), 0)
            by_of = "of" in share.group()
            if (
                denominator > value
                and not text.startswith(" of the", pos)
                and (not by_of or parts == ["one"])
            ):
                end_share = share.end()
                share_value = value / denominator
                return _Raw(start, end_share, share_value, "fraction", "other")
    if start > 0 and text[start - 1] == "-" and text[start].isupper():
        return None  # 7-Eleven
    after = next_word(text, pos).lower().rstrip(".,;:!?")
    pronoun = before.lower() in _ONE_PRONOUN_BEFORE or after in _ONE_PRONOUN_AFTER
    # "an open-ended one", "the bigger one": an article and an adjective before it.
    ends_phrase = text[pos : pos + 1] in '.,;:!?)"”’' or after in _CLAUSE_OPENERS
    pronoun = pronoun or (
        ends_phrase and bool(_ARTICLE_ADJECTIVE_RE.search(text, max(0, start - 30), start))
    )
    if parts == ["one"] and pronoun:
        return None
    if before and is_label(text, start, before, "1") and not text[start].islower():
        return None
    if capitalised_mid_sentence(text, start, before):
        return None  # "the Group of Seven", "Formula One": part of a name
    return _read_after(text, start, pos, value, None, 1.0, False, None, "w")


def _read_half(text: str, start: int, end: int, before: str) -> _Raw | None:
    """ "half of", "almost half": a share; "half a million": 500,000; "first half": not."""
    if before.lower() in _HALF_BLOCKERS or text.startswith("-", end):
        return None
    found = _HALF_SCALE_RE.match(text, end, end + 14)
    if found:
        word = found.group("s").lower()
        value = 6.0 if word == "dozen" else 0.5 * SCALES[word]
        return _read_after(text, start, found.end(), value, None, 1.0, False, None, "w")
    if text.startswith(" of", end) or _approx_start(text, start) < start:
        return _Raw(_approx_start(text, start), end, 0.5, "fraction", "other")
    return None


_RANGE_GAP_RE = re.compile(
    r"[ \u00a0]*(?:[-–—]|(?:[-–—][ \u00a0]*)?(?i:to|and|or|through)(?:[ \u00a0]*[-–—])?)[ \u00a0]*$"
)


def _share_range_units(text: str, raws: list[_Raw]) -> None:
    """In "5-10W", "1 to 1.5 degrees", "eight or nine euros" the first end
    takes the unit and scale of the second; in "$5 to 7 billion" the second
    takes the first's currency."""
    for i in range(len(raws) - 1):
        a, b = raws[i], raws[i + 1]
        gap = b.start - a.end
        if gap > 12 or gap < 0 or a.kind in ("year", "date", "time") or b.kind == "year":
            continue
        if not _RANGE_GAP_RE.match(text[a.end : b.start]):
            continue
        if a.bare and not b.bare:
            a.unit, a.kind = b.unit, b.kind
            if b.scaled and a.value is not None:
                a.value *= b.scale
            a.bare = False
        elif a.has_currency and b.bare:
            b.unit, b.kind, b.bare = a.unit, a.kind, False
