"""Reading numerals: digits with separators, number words, fractions, scales.

Pure string -> value helpers used by the figure finder. They never look at
more than the few words they are given, so the finder stays linear.
"""

from __future__ import annotations

UNITS: dict[str, int] = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS: dict[str, int] = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
SCALES: dict[str, float] = {
    "hundred": 1e2,
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
    "trillion": 1e12,
    "lakh": 1e5,
    "crore": 1e7,
}
# Abbreviated scales written after digits ("25k", "$4.2bn", "3.5 mln").
SCALE_ABBREVIATIONS: dict[str, float] = {
    "k": 1e3,
    "K": 1e3,
    "m": 1e6,
    "M": 1e6,
    "mn": 1e6,
    "mln": 1e6,
    "mil": 1e6,
    "b": 1e9,
    "B": 1e9,
    "bn": 1e9,
    "bln": 1e9,
    "tn": 1e12,
    "trn": 1e12,
    "T": 1e12,
}
# "a third", "two-thirds", "three quarters": denominators by name.
FRACTIONS: dict[str, int] = {
    "half": 2,
    "halves": 2,
    "third": 3,
    "thirds": 3,
    "quarter": 4,
    "quarters": 4,
    "fifth": 5,
    "fifths": 5,
    "tenth": 10,
    "tenths": 10,
}
# Plural scale words used alone are vague amounts: "thousands of companies".
VAGUE = frozenset(
    {"dozens", "hundreds", "thousands", "millions", "billions", "trillions", "tens", "scores"}
)
CARDINALS: dict[str, int] = {**UNITS, **TENS}

MAX_DIGITS = 18  # longer digit runs are identifiers or noise, not quantities


def parse_digits(raw: str) -> float | None:
    """'187,657' -> 187657.0, '-1.3' -> -1.3, '.500' -> 0.5; None when it is
    not a well-formed numeral (bad separators, too long)."""
    text = raw.replace("\u2212", "-")
    negative = text.startswith("-")
    if negative:
        text = text[1:]
    whole, _, fraction = text.partition(".")
    if "," in whole:
        groups = whole.split(",")
        if not 1 <= len(groups[0]) <= 3 or any(len(g) != 3 for g in groups[1:]):
            return None
        whole = "".join(groups)
    if len(whole) + len(fraction) > MAX_DIGITS or not (whole or fraction):
        return None
    if not (whole.isascii() and (whole.isdigit() or not whole)):
        return None
    if fraction and not (fraction.isascii() and fraction.isdigit()):
        return None
    value = float(f"{whole or '0'}.{fraction or '0'}")
    return -value if negative else value


def words_value(words: list[str]) -> float | None:
    """Value of a run of number words already split on spaces/hyphens/"and":
    ['two', 'hundred', 'thousand'] -> 200000.0, ['twenty', 'five'] -> 25.0,
    ['two', 'dozen'] -> 24.0. None when the run is not a number."""
    total = 0.0
    current = 0.0
    seen = False
    for word in words:
        w = word.lower()
        if w in CARDINALS:
            current += CARDINALS[w]
            seen = True
        elif w == "dozen":
            current = (current or 1) * 12
            seen = True
        elif w in ("a", "an"):
            current = current or 1
        elif w == "hundred":
            current = (current or 1) * 100
            seen = True
        elif w in SCALES:
            total += (current or 1) * SCALES[w]
            current = 0.0
            seen = True
        else:
            return None
    return total + current if seen else None
