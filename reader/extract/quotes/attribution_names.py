"""Turn a speaker as written ("Gao", "Mr. Trump", "he") into a full name.

Full names come from the people extractor when it ran, and otherwise from a
light scan of the text for runs of two or more capitalised words. A surname
resolves to the nearest full name ending in it that the reader has already
seen; a headline, read before any name, may look ahead.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from reader.extract.people.names_data import name_lists
from reader.extract.people.tokens import UPPER
from reader.extract.quotes.attribution_phrases import strip_titles
from reader.extract.quotes.attribution_words import SPEECH_VERBS, STARTERS, TITLES, word_set
from reader.model import Person

# Two to six capitalised words (initials and name particles allowed), in
# group 1. Capital letters of the Latin, Greek and Cyrillic alphabets
# ("Erdoğan", "Ángel").
#
# Linear by construction, even on "A-A-A-…" or "Port-Alder-North-…" where
# every letter after a hyphen or apostrophe could start a name:
# - a word is a whole token of letters, hyphens and apostrophes, taken
#   possessively (never given back a character at a time);
# - a run is tried once per token, from its first capitalised part: the
#   lookbehind puts the start at the token's beginning and the atomic prefix
#   steps over lowercase parts ("ex-President"). A later part of the same
#   token would read to the same end and meet the same next word, so trying
#   it again (what a plain \b did, once per hyphen) could only fail again.
_UP = f"[{UPPER}]"
_PARTICLE = r"(?:de|del|della|van|von|der|den|bin|ibn|al|da|di|du|la|le|dos|das)"
_NAME_WORD = _UP + r"[\w'’\-]++"
_TOKEN_LEAD = rf"(?<![\w'’\-])(?>(?:(?!{_UP})\w++)?[-'’]++)*+"
_NEXT_WORD = rf"\s(?:{_UP}\.|{_NAME_WORD}|{_PARTICLE}(?=\s(?:{_UP}|{_PARTICLE}\b)))"
_RUN_RE = re.compile(rf"{_TOKEN_LEAD}({_NAME_WORD}(?:{_NEXT_WORD}){{1,5}})")
# Words that end or start capitalised runs that are not people.
_NOT_NAME = word_set(
    """
    The A An In On At For But And Or If When While After Before This That These
    Those It He She They We I His Her Their Our As By From To Of With Without Not No
    Yes Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February
    March April May June July August September October November December House
    Senate Congress Party Committee University College Center Centre Institute
    Department Ministry Agency Council Court Times Post News Journal Street Press
    Association Union Foundation Company Corp Inc Group Bank Fund Club Church School
    Office Service Services Review Tribune Herald Daily Weekly Magazine Network
    Commission Board States Kingdom Republic Democrats Republicans America American
    Americans Capitol Hall Museum Hospital Airport Act Bill Law Report Project
    Program Campaign Administration Government City County State National
    International Federal General United New North South East West Global World Tax
    Policy Budget Security Intelligence Media Health Care Affairs Watch Research
    Forum Council Trust Reserve Exchange Market Markets Academy Sciences Economic
    Economics Trade Vehicles Motors Electric Many Most Some Several Few All Both
    Each Every Other Others Such Any
    """
)
_NAME_CHARS_RE = re.compile(r"[^\W\d_]+(?:[ .'’-]+[^\W\d_]+)*\.?")
_HEADLINE_VERBS = word_set(
    "rips slams hammers blasts speaks rally rallies denies backs rejects attacks praises vows"
)
_CAP_RUN_RE = re.compile(_UP + r"[\w'’.-]*(?: " + _UP + r"[\w'’.-]*)*")
_GENDER_RE = re.compile(r"\b(?:[Hh]e|[Ss]he)\b")
_MALE = frozenset(("he", "him", "his"))


def name_key(name: str) -> str:
    return name.replace("’", "'").casefold()


@dataclass
class NameBook:
    """Full names known in one article, by position, and who spoke last."""

    positions: list[int] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    parts: set[str] = field(default_factory=set)
    """Keys of the first and last words of the full names (of two words or more)."""
    aliases: dict[str, str] = field(default_factory=dict)
    full_keys: set[str] = field(default_factory=set)
    spots: dict[str, list[int]] = field(default_factory=dict)
    distinct: dict[str, dict[str, None]] = field(default_factory=dict)  # ordered sets
    genders: dict[str, str] = field(default_factory=dict)
    people_positions: list[int] = field(default_factory=list)
    people_names: list[str] = field(default_factory=list)
    # a surname may resolve to a full name first written later only when that
    # mention comes by here (the headline and the first paragraph)
    ahead_limit: int = 0

    def add(self, pos: int, name: str) -> None:
        self.positions.append(pos)
        self.names.append(name)
        self.full_keys.add(name_key(name))
        words = name.split()
        if len(words) > 1:
            self.parts.update((name_key(words[0]), name_key(words[-1])))

    def add_person_mention(self, pos: int, name: str) -> None:
        self.people_positions.append(pos)
        self.people_names.append(name)

    def finish(self) -> None:
        for pos, name in zip(self.positions, self.names, strict=True):
            self.spots.setdefault(name, []).append(pos)
            last = name_key(name.split()[-1])
            self.distinct.setdefault(last, {})[name] = None
        for spots in self.spots.values():
            spots.sort()
        pairs = sorted(zip(self.people_positions, self.people_names, strict=True))
        self.people_positions = [p for p, _ in pairs]
        self.people_names = [n for _, n in pairs]
        order = sorted(range(len(self.positions)), key=self.positions.__getitem__)
        self.positions = [self.positions[i] for i in order]
        self.names = [self.names[i] for i in order]

    def full_name(self, name: str, at: int, want: str | None = None) -> str:
        """The full name for `name` as used at offset `at`; `want` ('m'/'f',
        from "Mr."/"Mrs." or a pronoun) picks among people who share it."""
        key = name_key(name)
        if len(name.split()) > 1:
            if key in self.aliases:
                return self.aliases[key]
            if key in self.full_keys:
                return name
            # "Von der Leyen" -> the nearest "Ursula von der Leyen" before
            best, best_pos = name, -1
            for full in self.distinct.get(name_key(name.split()[-1]), ()):
                if name_key(full).endswith(" " + key):
                    spots = self.spots[full]
                    i = bisect.bisect_left(spots, at)
                    if i and spots[i - 1] > best_pos:
                        best, best_pos = full, spots[i - 1]
            return best
        # each full name ending in this surname, with its last mention before
        # `at` (or -1) and its first mention: a few names, each a bisect
        before: list[tuple[int, str]] = []
        later: list[tuple[int, str]] = []
        for full in self.distinct.get(key, ()):
            spots = self.spots[full]
            i = bisect.bisect_left(spots, at)
            if i:
                before.append((spots[i - 1], full))
            else:
                later.append((spots[0], full))
        before.sort()
        later.sort()
        agree = [e for e in before if self.compatible(e[1], want)]
        if agree:
            return agree[-1][1]
        if before:
            # "Mr. Obama" when only Michelle Obama was named: not her
            return name if want else before[-1][1]
        if key in self.aliases and self.compatible(self.aliases[key], want):
            written = self.spots.get(self.aliases[key])
            if not written or written[0] <= max(at, self.ahead_limit):
                return self.aliases[key]
        # "Obama said" long before "Michelle Obama" is named: not her
        ahead = [e for e in later if e[0] <= self.ahead_limit and self.compatible(e[1], want)]
        return ahead[0][1] if ahead else name

    def known_in(self, phrase: str, at: int) -> str | None:
        """The first person the book knows named inside `phrase` ("A lesson
        from Loretta Lynch" -> "Loretta Lynch"), as a full name."""
        for m in _CAP_RUN_RE.finditer(phrase):
            # a headline verb splits a run ("Chris Christie Calls Hillary Clinton")
            words = [
                "|" if w.lower() in SPEECH_VERBS or w.lower() in _HEADLINE_VERBS else w
                for w in strip_titles(m.group()).split()[:8]
            ]
            # longest known stretch of the run ("Hillary Clinton Speaks")
            for size in range(len(words), 0, -1):
                for i in range(len(words) - size + 1):
                    if "|" in words[i : i + size]:
                        continue
                    part = " ".join(words[i : i + size])
                    key = name_key(part)
                    if key in self.aliases or key in self.full_keys:
                        return self.full_name(part, at)
                    if size == 1 and key in self.parts:
                        return self.full_name(part, at)
        return None

    def gender(self, full: str) -> str | None:
        """'m' or 'f' when the article's pronouns say so, or else the given
        name is one borne almost only by men or by women; None when unsure."""
        found = self.genders.get(name_key(full))
        if found is not None:
            return found
        first = full.split()[0]
        lists = name_lists()
        if first in lists.female:
            return "f"
        if first in lists.male:
            return "m"
        return None

    def compatible(self, full: str, want: str | None) -> bool:
        found = self.gender(full)
        return want is None or found is None or found == want

    def learn_genders(self, text: str) -> None:
        """Vote with the first he/she pronoun after each full-name mention
        (when no other name comes first): news introduces a person, then
        refers back."""
        votes: dict[str, int] = {}
        order = sorted(zip(self.positions, self.names, strict=True))
        for k, (pos, name) in enumerate(order):
            stop = order[k + 1][0] if k + 1 < len(order) else len(text)
            m = _GENDER_RE.search(text, pos + len(name), min(stop, pos + len(name) + 250))
            if m is None:
                continue
            key = name_key(name)
            votes[key] = votes.get(key, 0) + (1 if m.group().lower() in _MALE else -1)
        self.genders = {k: ("m" if v > 0 else "f") for k, v in votes.items() if v}

    def latest_before(self, at: int) -> str | None:
        """The person named last before `at` (from the people list when there is one)."""
        positions, names = (
            (self.people_positions, self.people_names)
            if self.people_positions
            else (self.positions, self.names)
        )
        i = bisect.bisect_left(positions, at)
        return names[i - 1] if i else None


def _clean_run(run: str) -> str | None:
    words = run.split()
    while words and (
        words[0] in _NOT_NAME
        or words[0] in TITLES
        or words[0] in STARTERS
        or words[0].lower() in SPEECH_VERBS
    ):
        words.pop(0)
    while words and (words[-1] in _NOT_NAME or words[-1].endswith(".")):
        words.pop()
    if len(words) < 2 or any(w in _NOT_NAME for w in words):
        return None
    name = strip_titles(" ".join(words))
    name = re.sub(r"(?:'s|’s)$", "", name)
    return name if len(name.split()) >= 2 else None


def clean_full_name(name: str) -> str | None:
    """A usable full name: titles and sentence words dropped, two words or more."""
    if not _NAME_CHARS_RE.fullmatch(name):
        return None
    words = name.split()
    while words and (
        words[0] in _NOT_NAME or words[0] in STARTERS or words[0].lower() in SPEECH_VERBS
    ):
        words.pop(0)
    name = strip_titles(" ".join(words))
    return name if len(name.split()) >= 2 else None


def build_namebook(text: str, people: Sequence[Person]) -> NameBook:
    book = NameBook()
    for person in people:
        # the fullest form, whichever field holds it
        longest = max((person.name, *person.aliases), key=lambda n: (len(n.split()), len(n)))
        full = clean_full_name(longest)
        if full is None:
            continue
        for alias in (full, *person.aliases):
            book.aliases.setdefault(name_key(alias), full)
        for span in person.spans:
            book.add_person_mention(span.start, full)
        if len(full.split()) > 1:
            for span in person.spans:
                if name_key(text[span.start : span.end]) == name_key(full):
                    book.add(span.start, full)
            if not person.spans:
                book.add(0, full)
    for m in _RUN_RE.finditer(text):
        name = _clean_run(m.group(1))
        if name is not None:
            book.add(m.start(1), name)
    book.finish()
    book.learn_genders(text)
    return book
