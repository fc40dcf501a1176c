"""Units, currencies and scale words that can follow or precede a number.

Every pattern here is applied with `match(text, pos, endpos)` on a short
window, so none of them can scan far: the figure finder stays linear.
"""

from __future__ import annotations

import re
from typing import NamedTuple


class Unit(NamedTuple):
    """What a unit word means: its canonical name and the figure kind it gives."""

    name: str
    kind: str


PERCENT = "percent"
MONEY = "money"
MEASURE = "measure"
COUNT = "count"

# (surfaces, canonical name, kind). Matching ignores case unless the surface
# is listed in CASE_SENSITIVE (where "M" and "m", "Nm" and "nm" differ).
_TABLE: list[tuple[tuple[str, ...], str, str]] = [
    (("%", "percent", "per cent", "per-cent", "pct", "pc"), "%", PERCENT),
    (("percentage points", "percentage point", "percent points"), "percentage points", PERCENT),
    (("basis points", "basis point", "bps", "bp"), "basis points", PERCENT),
    (("dollars", "dollar"), "dollars", MONEY),
    (("euros", "euro"), "euros", MONEY),
    (("pounds sterling", "pounds", "pound", "sterling"), "pounds", MONEY),
    (("yen",), "yen", MONEY),
    (("yuan", "renminbi", "RMB", "CNY"), "yuan", MONEY),
    (("rupees", "rupee"), "rupees", MONEY),
    (("crowns", "kronor", "kroner", "krona", "krone"), "crowns", MONEY),
    (("francs", "franc", "CHF"), "francs", MONEY),
    (("pesos", "peso"), "pesos", MONEY),
    (("rand",), "rand", MONEY),
    (("ringgit",), "ringgit", MONEY),
    (("baht",), "baht", MONEY),
    (("dirhams", "dirham"), "dirhams", MONEY),
    (("riyals", "riyal"), "riyals", MONEY),
    (("roubles", "rubles", "rouble", "ruble"), "roubles", MONEY),
    (("lira", "liras"), "lira", MONEY),
    (("shekels", "shekel"), "shekels", MONEY),
    (("naira",), "naira", MONEY),
    (("cents", "cent"), "cents", MONEY),
    (("pence", "p"), "pence", MONEY),
    (("USD", "US dollars"), "US dollars", MONEY),
    (("EUR",), "euros", MONEY),
    (("GBP",), "pounds", MONEY),
    (("JPY",), "yen", MONEY),
    (("INR",), "rupees", MONEY),
    (("AUD", "CAD", "HKD", "SGD", "NZD"), "dollars", MONEY),
    (
        ("kilometres per hour", "kilometers per hour", "km per hour", "km/h", "kmh", "kph"),
        "km/h",
        MEASURE,
    ),
    (("miles per hour", "mph"), "mph", MEASURE),
    (("m/s", "metres per second", "meters per second"), "m/s", MEASURE),
    (("km/s",), "km/s", MEASURE),
    (("knots",), "knots", MEASURE),
    (("square kilometres", "square kilometers", "sq km", "km2", "km²"), "km²", MEASURE),
    (("square miles", "sq miles"), "square miles", MEASURE),
    (("square metres", "square meters", "sq m", "m2", "m²"), "m²", MEASURE),
    (("square feet", "square foot", "sq ft"), "square feet", MEASURE),
    (("acres", "acre"), "acres", MEASURE),
    (("hectares", "hectare"), "hectares", MEASURE),
    (("nautical miles",), "nautical miles", MEASURE),
    (("light-years", "light years", "light-year"), "light-years", MEASURE),
    (("kilometres", "kilometers", "kilometre", "kilometer", "km", "kms"), "km", MEASURE),
    (("miles", "mile", "mi"), "miles", MEASURE),
    (("metres", "meters", "metre", "meter", "m"), "m", MEASURE),
    (("centimetres", "centimeters", "centimetre", "centimeter", "cm"), "cm", MEASURE),
    (("millimetres", "millimeters", "millimetre", "millimeter", "mm"), "mm", MEASURE),
    (("nanometres", "nanometers", "nm"), "nm", MEASURE),
    (("feet", "foot", "ft"), "feet", MEASURE),
    (("inches", "inch", "in"), "inches", MEASURE),
    (("yards", "yard", "yds", "yd"), "yards", MEASURE),
    (("kilograms", "kilogrammes", "kilogram", "kilos", "kilo", "kg", "kgs"), "kg", MEASURE),
    (("grams", "grammes", "gram", "g"), "g", MEASURE),
    (("milligrams", "milligram", "mg"), "mg", MEASURE),
    (("micrograms", "µg", "mcg"), "µg", MEASURE),
    (("lbs", "lb"), "lb", MEASURE),
    (("ounces", "ounce", "oz"), "oz", MEASURE),
    (("metric tons", "metric tonnes", "tonnes", "tonne", "tons", "ton"), "tonnes", MEASURE),
    (("gigatonnes", "gigatons", "Gt"), "gigatonnes", MEASURE),
    (("megatonnes", "megatons", "Mt"), "megatonnes", MEASURE),
    (("litres", "liters", "litre", "liter", "l", "L"), "litres", MEASURE),
    (("millilitres", "milliliters", "ml", "mL"), "ml", MEASURE),
    (("gallons", "gallon"), "gallons", MEASURE),
    (("barrels per day", "bpd"), "barrels per day", MEASURE),
    (("barrels", "barrel", "bbl"), "barrels", MEASURE),
    (("cubic metres", "cubic meters"), "m³", MEASURE),
    (("cubic feet",), "cubic feet", MEASURE),
    (("cc",), "cc", MEASURE),
    (("kilowatt-hours", "kilowatt hours", "kWh"), "kWh", MEASURE),
    (("megawatt-hours", "megawatt hours", "MWh"), "MWh", MEASURE),
    (("gigawatt-hours", "gigawatt hours", "GWh"), "GWh", MEASURE),
    (("terawatt-hours", "terawatt hours", "TWh"), "TWh", MEASURE),
    (("watts", "watt", "W"), "W", MEASURE),
    (("kilowatts", "kilowatt", "kW"), "kW", MEASURE),
    (("megawatts", "megawatt", "MW"), "MW", MEASURE),
    (("gigawatts", "gigawatt", "GW"), "GW", MEASURE),
    (("terawatts", "TW"), "TW", MEASURE),
    (("horsepower", "hp", "bhp", "HP", "PS"), "hp", MEASURE),
    (("pound-feet", "lb-ft", "lb ft", "Nm", "newton-metres", "newton metres"), "torque", MEASURE),
    (("rpm",), "rpm", MEASURE),
    (("volts", "volt", "V", "kV"), "V", MEASURE),
    (("mAh", "Ah"), "mAh", MEASURE),
    (("Hz", "hertz", "kHz", "MHz", "GHz"), "Hz", MEASURE),
    (("GB", "gigabytes", "gigabyte"), "GB", MEASURE),
    (("TB", "terabytes", "terabyte"), "TB", MEASURE),
    (("MB", "megabytes", "megabyte"), "MB", MEASURE),
    (("KB", "kB", "kilobytes"), "KB", MEASURE),
    (("Mbps", "Gbps", "Kbps", "megabits", "gigabits"), "bit/s", MEASURE),
    (("megapixels", "megapixel", "MP"), "megapixels", MEASURE),
    (("pixels",), "pixels", MEASURE),
    (("degrees Celsius", "degrees centigrade", "°C", "° C", "Celsius", "C"), "°C", MEASURE),
    (("degrees Fahrenheit", "°F", "° F", "Fahrenheit", "F"), "°F", MEASURE),
    (("degrees", "degree", "°"), "degrees", MEASURE),
    (("decibels", "decibel", "dB"), "dB", MEASURE),
    (("calories", "calorie", "kcal"), "calories", MEASURE),
    (("years old", "year old", "year-old", "years-old", "year-olds"), "years old", MEASURE),
    (("milliseconds", "millisecond", "ms"), "ms", MEASURE),
    (("microseconds", "microsecond", "µs"), "µs", MEASURE),
    (("nanoseconds", "nanosecond", "ns"), "ns", MEASURE),
    (("seconds", "second", "secs", "sec"), "seconds", MEASURE),
    (("minutes", "minute", "mins", "min"), "minutes", MEASURE),
    (("hours", "hour", "hrs", "hr", "h"), "hours", MEASURE),
    (("days", "day"), "days", MEASURE),
    (("weeks", "week"), "weeks", MEASURE),
    (("months", "month"), "months", MEASURE),
    (("years", "year", "yrs"), "years", MEASURE),
    (("decades", "decade"), "decades", MEASURE),
    (("centuries", "century"), "centuries", MEASURE),
    (("miles per gallon", "mpg"), "mpg", MEASURE),
    (("psi",), "psi", MEASURE),
    (("parts per million", "ppm"), "ppm", MEASURE),
    (("parts per billion", "ppb"), "ppb", MEASURE),
    (("frames per second", "fps"), "fps", MEASURE),
    (("micrometres", "micrometers", "microns", "µm"), "µm", MEASURE),
    (("MMBtu", "mmBTU", "BTU", "Btu"), "Btu", MEASURE),
    (("bucks",), "dollars", MONEY),
    (("points", "point", "pts"), "points", COUNT),
    (("times",), "times", COUNT),
]

# Short or ambiguous surfaces: only when glued to the number ("45g", "1.0l",
# "164p"), never after a space ("5 g", "the 1 p").
GLUED_ONLY = frozenset(
    {"g", "l", "L", "m", "p", "h", "mi", "bp", "pc", "V", "W", "cc", "in", "T", "C", "F"}
)
# Surfaces whose case matters (everything else matches in any case).
CASE_SENSITIVE = frozenset(
    {"m", "M", "Mt", "Gt", "nm", "Nm", "mm", "MB", "GB", "TB", "KB", "kB", "MP", "PS", "HP"}
    | {"V", "W", "kW", "MW", "GW", "TW", "kWh", "MWh", "GWh", "TWh", "L", "l", "mL", "ml"}
    | {"Hz", "kHz", "MHz", "GHz", "mAh", "Ah", "kV", "dB", "p", "g", "h", "mg", "cc"}
    | {"RMB", "CNY", "CHF", "USD", "EUR", "GBP", "JPY", "INR", "AUD", "CAD", "HKD", "SGD", "NZD"}
    | {"Mbps", "Gbps", "Kbps", "bp", "pc", "mi", "in", "C", "F", "second", "ms", "ns"}
)

_EXACT: dict[str, Unit] = {}
_FOLDED: dict[str, Unit] = {}
for _surfaces, _name, _kind in _TABLE:
    for _surface in _surfaces:
        if _surface in CASE_SENSITIVE:
            _EXACT[_surface] = Unit(_name, _kind)
        else:
            _FOLDED.setdefault(_surface.lower(), Unit(_name, _kind))


def lookup_unit(surface: str) -> Unit | None:
    """The unit a matched surface stands for ("per cent" -> %, "kWh" -> kWh)."""
    return _EXACT.get(surface) or _FOLDED.get(surface.lower())


def _alternation(surfaces: list[str]) -> str:
    parts = []
    for surface in sorted(set(surfaces), key=len, reverse=True):
        escaped = re.escape(surface).replace(r"\ ", "[ \u00a0]")
        parts.append(escaped if surface in CASE_SENSITIVE else f"(?i:{escaped})")
    return "|".join(parts)


_ALL = [s for surfaces, _, _ in _TABLE for s in surfaces]
_SPACED = [s for s in _ALL if s not in GLUED_ONLY]
# A unit is a whole word: not followed by a letter or digit ("5 mini" is not minutes).
_END = r"(?![A-Za-z0-9])"

GLUED_UNIT_RE = re.compile(rf"(?:{_alternation(_ALL)}){_END}")
SPACED_UNIT_RE = re.compile(
    rf"(?:[ \u00a0]|-|[ \u00a0]-[ \u00a0]?)(?P<u>{_alternation(_SPACED)}){_END}"
)

# Currency words may carry a nationality first: "Australian dollars", "Danish crowns".
CURRENCY_WORDS = (
    "dollars|dollar|euros|yuan|yen|rupees|crowns|kronor|kroner|krona|krone|francs|pesos|"
    "rand|ringgit|baht|dirhams|riyals|roubles|rubles|lira|shekels|naira|pounds|won"
)
ADJECTIVE_CURRENCY_RE = re.compile(
    rf"[ \u00a0](?P<adj>(?:[A-Z][a-z]+|US)(?:[ \u00a0][A-Z][a-z]+)?)[ \u00a0]"
    rf"(?P<u>(?i:{CURRENCY_WORDS})){_END}"
)

# Scale words after a number. Spelled-out ones may follow a space or hyphen;
# abbreviations must be glued ("25k", "$4.2bn") except the unambiguous bn/mn/tn.
SCALE_WORD_RE = re.compile(
    r"(?:[ \u00a0]|-)(?P<s>(?i:hundred|thousand|million|billion|trillion|lakh|crore)"
    r"|bn|mn|mln|bln|tn|trn)(?![A-Za-z0-9])"
)
SCALE_GLUED_RE = re.compile(r"(?P<s>bn|mn|mln|bln|tn|trn|k|K|m|M|b|B|T)(?![A-Za-z0-9])")

# Currency written before the number, glued or after one space: "$", "US$",
# "US $", "$US", "€", "RM", "Rs.", "USD ". Matched against the few characters
# just before the number, anchored at their end.
CURRENCY_PREFIX_RE = re.compile(
    r"(?:(?<![A-Za-z])(?P<code>US|A|AU|C|CA|NZ|HK|S|R|NT|Mex)[ \u00a0]?)?"
    r"(?P<sym>\$(?:US|A|C)?|€|£|¥|₹|₩|₽|₺|₦|₱|"
    r"(?<![A-Za-z])(?:Rs\.?|RM|USD|EUR|GBP|CNY|RMB|JPY|INR|AUD|CAD|CHF|HKD|SGD|Dh|AED))"
    r"[ \u00a0]?$"
)


def currency_name(code: str | None, symbol: str) -> str:
    """A compact unit for a currency prefix: ("US", "$") -> "US$", "Rs." -> "Rs"."""
    symbol = symbol.rstrip(".")
    if symbol.startswith("$") and len(symbol) > 1:  # "$US" -> "US$"
        return symbol[1:] + "$"
    return (code or "") + symbol
