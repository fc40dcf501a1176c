"""People named in an article, with aliases, roles and every mention.

How it works, in passes over the capitalised words of the text:

1. Runs: maximal sequences of capitalised words on one line, allowing name
   particles ("de", "van", "bin"), initials ("J.") and a quoted nickname
   between them. A run is cut after a possessive ("Shearer's Newcastle") and
   after a title or an organisation word ("US President | Donald Trump").
2. Full names: a run of two or more name-like words is a person when the
   evidence adds up -- a known given name first (lists derived from
   names-dataset), an initial, an East Asian surname followed by a
   pinyin-like given name, a known or surname-shaped last word, a title or
   honorific before, or context that only people get (a speech verb, an age
   ", 34,", a country in brackets as in sports results, a role noun before,
   an appositive after, a photo credit, a line of its own). Organisations,
   outlets, places, teams, months and days are rejected, and so are words
   the same article uses to open an organisation's name. Ordinary words on a
   Title Case headline do not extend a name ("Hillary Clinton Speaks").
3. Neighbours and single words: a name-shaped pair in a list beside a person
   is a person; a single word is one only with strong context (a title or
   honorific, a role noun before, a goal minute, an age, an appositive, a
   bowling analysis, a list of surnames of known players).
4. Aliases: every other capitalised word or pair that matches a person --
   the surname ("Trump", "bin Laden"), the family name of a name written
   family name first ("Mr. Xi"), an honorific form ("Mr. Lei"), an all-caps
   headline spelling ("SHEARER"), a given name used alone -- becomes a
   mention of the person whose full name came nearest before it. A person
   known only by surname joins the one full name ending in it, unless the
   form of address contradicts the given name ("Mr. Obama", "Michelle Obama").

Public helpers for the quote finder:
  * `resolve_name(fragment, people)` maps "Gao", "Mr. Trump", "Donald Trump"
    or "TRUMP" to the Person, or None when nobody (or more than one person
    equally) fits;
  * `people_at(people, offset)` gives the person mentioned at a text offset.
"""

from __future__ import annotations

import re
from bisect import bisect_right, insort
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from reader.extract.people.lexicon import (
    ABBREVIATED_TITLES,
    DAYS,
    DEMONYMS,
    HARD_ORG_WORDS,
    HONORIFICS,
    MONTHS,
    NAME_SUFFIXES,
    ORG_WORDS,
    OUTLETS,
    ROLE_HEADS,
    ROLE_NOUNS,
    SPEECH_VERBS,
    STOP_WORDS,
    TITLES,
)
from reader.extract.people.names_data import NameLists, name_lists
from reader.extract.people.roles import (
    appositive_role,
    clean_role,
    credit_role,
    descriptor_role,
    extend_back,
)
from reader.extract.people.tokens import PARTICLE_BEFORE, Tok, iter_runs
from reader.model import Article, Person, Span

_DIGIT = re.compile(r"\d")
_LOWER_WORD = re.compile(r"[a-z]+")
_LOWER_CHUNK = 1 << 13
"""Characters of text read per findall in _lower_words."""
_PINYIN_SYLLABLE = (
    r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
    r"(?:iang|iong|uang|ang|eng|ing|ong|ian|iao|uai|uan|ai|ei|ao|ou|an|en|in|un|"
    r"ia|ie|iu|ua|uo|ui|ue|er|a|o|e|i|u)"
)
_PINYIN = re.compile(rf"(?:{_PINYIN_SYLLABLE}){{1,3}}(?:-(?:{_PINYIN_SYLLABLE}){{1,2}})?", re.I)
_PINYIN_ONE = re.compile(_PINYIN_SYLLABLE, re.I)
_WORD_SURNAMES = frozenset({"He", "You", "Yu", "Du", "Hu", "Ma", "Mi"})
_PINYIN_TWO = re.compile(rf"(?:{_PINYIN_SYLLABLE}){{2}}", re.I)
_KOREAN_GIVEN = re.compile(r"[A-Z][a-z]{1,5}-[a-z]{2,5}")
_AGE_AFTER = re.compile(r",[ \t]+(?:1[5-9]|[2-9]\d),")
_MINUTE_AFTER = re.compile(r"[ \t]*\(\d{1,3}(?:st|nd|rd|th)?(?:[ \t]*(?:pen|penalty|minute))?\)")
_BRACKET_AFTER = re.compile(
    r"[ \t]*\((?:[A-Z][\w.'’-]*(?:[ \t][A-Z][\w.'’-]*){0,3}|[a-z-]{3,20}"
    r"|\d{1,3}(?:st|nd|rd|th)|\d{1,3}|pen|og)\)"
)
_DATE_AFTER = re.compile(r"[ \t]*\d")
_WHO_AFTER = re.compile(r",?[ \t]+(?:who|whose)\b")
_SENTENCE_END = frozenset(".!?:;\"“”'‘’(\n—–-•*|")
_MAX_NAME_WORDS = 5
_ACCEPT = 3
_SENTENCE_BREAK = re.compile(r"[a-z]{3}[.!?][ \t]+[A-Z]")
_ROLE_SKIP = frozenset(
    {"The", "A", "An", "And", "But", "Or", "As", "By", "With", "From", "For", "In", "On", "At"}
    | {
        "Of",
        "To",
        "Then",
        "When",
        "While",
        "After",
        "Before",
        "Meanwhile",
        "Also",
        "Last",
        "Former",
    }
)
_PLACE_PREFIXES = frozenset({"St", "Ste", "Mt", "Ft", "Fort", "Port", "Mount", "Lake", "Saint"})
_TITLE_WORDS = {
    "Sen": "Senator",
    "Sens": "Senators",
    "Rep": "Representative",
    "Reps": "Representatives",
    "Gov": "Governor",
    "Gen": "General",
    "Lt": "Lieutenant",
    "Col": "Colonel",
    "Maj": "Major",
    "Capt": "Captain",
    "Adm": "Admiral",
    "Sgt": "Sergeant",
    "Cmdr": "Commander",
    "Cdr": "Commander",
    "Det": "Detective",
    "Supt": "Superintendent",
    "Atty": "Attorney",
    "Insp": "Inspector",
    "Brig": "Brigadier",
    "Pres": "President",
}
"""Short titles spelt out when they become a role ("Gov." -> "Governor")."""
_PLACE_PREPOSITIONS = frozenset({"in", "at", "from", "to", "near", "of", "for", "into", "across"})
_LIST_GAP = re.compile(r"(?:,|;)?[ \t]+(?:and[ \t]+)?|,")
_REGIONS = frozenset({"Korea", "Africa", "Ireland", "Carolina", "Dakota", "America", "Sudan"})
_COMPASS = frozenset({"N", "S", "E", "W", "NE", "NW", "SE", "SW"})
_HEADLINE_CHARS = 200
_COUNT_LIMIT = 200_000
_MAX_HEADLINE_CHECKS = 32
_MAX_SHARED_NAME = 16
"""At most this many people indexed under one surname or given name: more
only happens in machine-made text, and matching stays linear."""
_SMALL_WORDS = frozenset(
    {"a", "an", "the", "of", "and", "or", "to", "in", "on", "at", "for", "by", "with"}
    | {"from", "as", "vs", "v", "into", "over", "after", "up"}
)
_MALE_ADDRESS = frozenset({"Mr", "Mr.", "Sir", "Lord", "Mister", "Herr", "Monsieur", "Signor"})
_FEMALE_ADDRESS = frozenset(
    {"Mrs", "Mrs.", "Ms", "Ms.", "Miss", "Madam", "Madame", "Mme", "Lady", "Dame", "Frau"}
)
_LINE_BEFORE = re.compile(r"(?:^|\n)[ \t]*$")
_LINE_AFTER = re.compile(r"[ \t]*(?:\n|$)")
_WEAK_HONORIFICS = frozenset({"Miss", "Madam", "Madame", "Lady", "Lord", "Sir", "Dame", "Mister"})
_BOWLING = re.compile(r"[ \t]+\d{1,2}(?:\.\d)?-\d{1,2}-\d{1,3}-\d{1,2}\b")
_GROUP_NOUNS = frozenset({"member", "player", "star", "resident", "worker", "citizen", "head"})
_NAME_SHAPE = re.compile(r"[A-Z][a-z]+(?:['’-][A-Z]?[a-z]+)*|(?:Mc|Mac|O['’])[A-Z][a-z]+")
_SEPARATOR = r"\s{0,3}(?:\([^()\n]{1,30}\))?\s{0,3}(?:,|;|&|\band\b|\d{1,3})?\s{0,3}"
_LIST_BEFORE = re.compile(_SEPARATOR + r"$")
_LIST_AFTER = re.compile(_SEPARATOR)
_SURNAME_SHAPE = re.compile(
    r"(?:ov|ova|ev|eva|sky|ski|ska|skiy|enko|vich|vic|ovic|evic|ić|escu|eanu|poulos|akis|"
    r"oglu|oğlu|yan|ian|ishvili|dze|berg|stein|mann|sson|ssen|czyk|wicz|ez|aki)$"
)
_COUNTRY_SHORT = frozenset(
    {
        "U.S.",
        "US",
        "USA",
        "UK",
        "Britain",
        "England",
        "Scotland",
        "Wales",
        "Holland",
        "Russia",
        "Czech Republic",
        "South Africa",
        "S. Africa",
    }
)
_MAX_ROLE_LOOKUPS = 20


@dataclass(slots=True)
class _Mention:
    start: int
    end: int
    form: str


@dataclass(slots=True)
class _Found:
    name: str
    words: tuple[str, ...]
    mentions: list[_Mention] = field(default_factory=list)
    roles: list[tuple[int, str]] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)
    """Where the full name (not an alias) is written, sorted."""
    folded: tuple[str, ...] = ()
    """`words` case-folded, for alias matching."""
    surname_first: bool = False
    """Written the East Asian way, family name first ("Xi Jinping" -> "Mr. Xi")."""

    def add(self, start: int, end: int, form: str) -> None:
        self.mentions.append(_Mention(start, end, form))
        if form != self.name and form not in self.aliases:
            self.aliases.append(form)


def _lower_words(text: str) -> frozenset[str]:
    """The distinct lowercase words of `text`, read a chunk at a time (cut at
    a space, so no word is split): one findall over a 64 MiB article built a
    list of millions of words only to keep a few thousand."""
    words: set[str] = set()
    pos = 0
    while pos < len(text):
        end = text.find(" ", pos + _LOWER_CHUNK)
        end = len(text) if end < 0 else end
        words.update(_LOWER_WORD.findall(text, pos, end))
        pos = end
    return frozenset(words)


def find_people(article: Article) -> list[Person]:
    """Every person named in the article, once each, under their fullest name."""
    return _Finder(article.text).run()


def resolve_name(fragment: str, people: Sequence[Person]) -> Person | None:
    """The person a name fragment refers to: a full name, an alias, a surname,
    an honorific form ("Mr. Trump") or an all-caps spelling. None when no
    person fits or several fit equally well."""
    words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", fragment) if w not in HONORIFICS]
    while words and words[0] in TITLES:
        words = words[1:]
    if not words:
        return None
    wanted = " ".join(words).casefold()
    for person in people:
        forms = [person.name, *person.aliases]
        if any(" ".join(_strip_honorific(f)).casefold() == wanted for f in forms):
            return person
    matches = [p for p in people if _suffix_match(words, p.name.split())]
    if len(matches) == 1:
        return matches[0]
    return None


def people_at(people: Sequence[Person], offset: int) -> Person | None:
    """The person one of whose mentions covers `offset`, if any."""
    for person in people:
        for span in person.spans:
            if span.start <= offset < span.end:
                return person
    return None


def _strip_honorific(form: str) -> list[str]:
    words = form.replace(".", " ").split()
    return [w for w in words if w not in HONORIFICS]


def _suffix_match(words: Sequence[str], name: Sequence[str]) -> bool:
    if len(words) >= len(name):
        return False
    tail = name[len(name) - len(words) :]
    return [w.casefold() for w in words] == [w.casefold() for w in tail]


class _Finder:
    """One article's worth of state for the three passes."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.lists: NameLists = name_lists()
        self._lower: frozenset[str] | None = None
        self.people: list[_Found] = []
        self.by_key: dict[str, _Found] = {}
        self.leftovers: list[list[Tok]] = []
        self.singles: list[tuple[int, str]] = []
        self.pending: list[tuple[list[Tok], list[Tok], int]] = []
        self.headlines: dict[int, bool] = {}
        self.headline_checks = 0
        self.organisations: set[str] = set()
        """Words seen opening an organisation's name ("Johnson Controls" Inc)."""
        self.mention_starts: set[int] = set()
        self.mention_ends: set[int] = set()
        self.by_last: dict[str, list[_Found]] = {}
        self.by_form: dict[tuple[str, ...], list[_Found]] = {}
        """Every tail of every person's name (and a family-name-first person's
        first word), case-folded: the forms an alias may take."""
        self.by_first: dict[str, list[_Found]] = {}

    @property
    def lower_words(self) -> frozenset[str]:
        """Words the article also writes in lower case: a sign a capitalised
        one is an ordinary word at the start of a sentence."""
        if self._lower is None:
            self._lower = _lower_words(self.text)
        return self._lower

    # -- pass 1: runs ---------------------------------------------------------

    def runs(self) -> Iterator[list[Tok]]:
        return iter_runs(self.text, self.singles)

    # -- pass 2: full names ---------------------------------------------------

    def run(self) -> list[Person]:
        for run in self.runs():
            if len(run) == 1:
                self.singles.append((run[0].start, run[0].word))
            else:
                self.take_run(run)
        self.promote_neighbours()
        self.single_people()
        if self.people:
            for toks in self.leftovers:
                self.take_leftover(toks)
            self.take_singles()
        return self.finish()

    def promote_neighbours(self) -> None:
        """A name-shaped pair in a list right next to a person is a person too:
        "Billy Andrade, Duffy Waldorf, Jesper Parnevik (Sweden)"."""
        for _ in range(4):
            changed = False
            waiting = []
            for toks, prefix, score in self.pending:
                if score >= 0 and self.name_shaped(toks) and self.beside_person(toks):
                    self.record(prefix, toks, False)
                    changed = True
                else:
                    waiting.append((toks, prefix, score))
            self.pending = waiting
            if not changed:
                return

    def name_shaped(self, toks: list[Tok]) -> bool:
        return (
            all(_NAME_SHAPE.fullmatch(t.word) or t.initial for t in toks)
            and toks[0].word.lower() not in self.lower_words
        )

    def beside_person(self, toks: list[Tok]) -> bool:
        text = self.text
        start, end = toks[0].start, toks[-1].end
        before = _LIST_BEFORE.search(text, max(0, start - 50), start)
        if before and before.start() < start and before.start() in self.mention_ends:
            return True
        after = _LIST_AFTER.match(text, end, min(len(text), end + 50))
        return after is not None and end < after.end() and after.end() in self.mention_starts

    def single_people(self) -> None:
        """A lone word is a person only with strong context: a bowling
        analysis ("Vaas 7-0-29-0"), a goal minute ("Rivaldo (75th)"), an age
        ("Duran, 45,"), an appositive role ("Lebed, the security chief,") or a
        role noun before it ("his wife Naina", "striker Batistuta")."""
        text = self.text
        self.singles.sort()
        listed = self.listed_with_people()
        for index, (start, word) in enumerate(self.singles):
            end = start + len(word)
            if word.casefold() in self.by_last or not self.lone_name(word):
                continue
            before = text[max(0, start - 25) : start].split()
            if before and before[-1] in _PLACE_PREPOSITIONS:
                continue  # "in Chelsea, the mayor said"
            if (
                index in listed
                or _BOWLING.match(text, end)
                or _MINUTE_AFTER.match(text, end)
                or _AGE_AFTER.match(text, end)
                or (before and before[-1] in ROLE_NOUNS and before[-1] not in _GROUP_NOUNS)
                or appositive_role(text, end, article=True) is not None
            ):
                self.mark(self.new_person(word, (word,)), start, end, word, [])

    def lone_name(self, word: str) -> bool:
        """Whether a single capitalised word could be someone's name."""
        return not (
            not _NAME_SHAPE.fullmatch(word)
            or word in STOP_WORDS
            or word in ORG_WORDS
            or word in DEMONYMS
            or word in OUTLETS
            or word in MONTHS
            or word in DAYS
            or word in self.lists.places
            or word.lower() in self.lower_words
        )

    def listed_with_people(self) -> set[int]:
        """Indexes into `self.singles` of words in a list of surnames of which
        at least two are people already found: "Given, Breen, Staunton, Harte"."""
        text = self.text
        chosen: set[int] = set()
        group: list[int] = []
        singles = self.singles

        def close() -> None:
            if len(group) >= 4:
                known = [i for i in group if singles[i][1].casefold() in self.by_last]
                if len(known) >= 2:
                    chosen.update(i for i in group if i not in known)
            group.clear()

        for index, (start, _word) in enumerate(singles):
            if group:
                prev_start, prev_word = singles[group[-1]]
                gap = text[prev_start + len(prev_word) : start]
                if len(gap) > 6 or _LIST_GAP.fullmatch(gap) is None:
                    close()
            group.append(index)
        close()
        return chosen

    def take_singles(self) -> None:
        """Single capitalised words that are a known person's surname or given name."""
        for start, word in self.singles:
            folded = word.casefold()
            if folded not in self.by_last and folded not in self.by_first:
                continue
            end = start + len(word)
            tok = Tok(start, end, word, False, False, len(word) > 1 and word.isupper())
            person = self.alias_owner([tok], False)
            if person is not None:
                particle = PARTICLE_BEFORE.search(self.text, max(0, start - 8), start)
                if particle and person.name.endswith(self.text[particle.start(1) : end]):
                    start = particle.start(1)  # "bin Laden", "de Silva", "al-Assad"
                person.add(start, end, self.text[start:end])

    def take_run(self, run: list[Tok]) -> None:
        if all(t.allcaps for t in run):
            self.leftovers.append(run)
            return
        cut = self.split_point(run)
        prefix, rest = run[:cut], run[cut:]
        self.note_organisation(prefix)
        rest, dropped, organisation = self.trim(rest)
        if organisation:
            self.leftovers.append(run)
            if len(rest) > 1:
                self.organisations.add(" ".join(t.word for t in rest[:-1]).casefold())
            return
        if dropped:
            self.leftovers.append(dropped)
        if not rest:
            if prefix:
                self.leftovers.append(prefix)
            return
        honorific = bool(prefix) and prefix[-1].word in HONORIFICS
        head = prefix[-1].word if prefix else ""
        if len(rest) > 1 and " ".join(t.word for t in rest).casefold() in self.by_key:
            self.record(prefix, rest, honorific)
            return
        titled = honorific or (
            bool(prefix)
            and (
                head in ROLE_HEADS
                or head in ABBREVIATED_TITLES
                or (head.lower() in ROLE_NOUNS and len(rest) > 1)
                or any(part in ROLE_HEADS for part in head.split("-"))
                or self.title_of(prefix)
            )
        )
        score = self.score(rest, titled, head if honorific else "")
        if score >= _ACCEPT:
            self.record(prefix, rest, honorific)
        else:
            self.leftovers.append(prefix + rest)
            if score >= 0 and len(rest) > 1:
                self.pending.append((rest, prefix, score))

    def note_organisation(self, words: list[Tok]) -> None:
        """Remember the words before an organisation word ("Jones Medical"
        Industries Inc) so the same words alone are not taken for a person."""
        org = next((i for i in range(len(words) - 1, 0, -1) if words[i].word in ORG_WORDS), 0)
        name = [t.word for t in words[:org] if t.word not in STOP_WORDS]
        if len(name) >= 2:
            self.organisations.add(" ".join(name).casefold())

    def split_point(self, run: list[Tok]) -> int:
        """Index after the last title, honorific, organisation or outlet word
        that still leaves words after it: what follows may be a name."""
        cut = 0
        for index, tok in enumerate(run[:-1]):
            w = tok.word
            following = run[index + 1].word
            if following in NAME_SUFFIXES or (w in _PLACE_PREFIXES and following[:1].isupper()):
                continue  # "Martin Luther King Jr.", "St. Louis"
            if (
                w in HONORIFICS
                or w in ROLE_HEADS
                or w in ORG_WORDS
                or w in OUTLETS
                or w in DEMONYMS
                or tok.allcaps
                or (w.lower() in ROLE_NOUNS and w not in self.lists.given)
                or ("-" in w and any(part in ROLE_HEADS for part in w.split("-")))
                or (w in ABBREVIATED_TITLES and (index == 0 or self.title_context(run[index - 1])))
            ):
                cut = index + 1
        return cut

    def title_of(self, prefix: list[Tok]) -> bool:
        """Whether the words before a name end a title written with "of"
        ("Secretary of | State", "Minister of | Finance")."""
        begin = extend_back(self.text, prefix[0].start)
        return begin < prefix[0].start and any(
            w.rstrip(".") in ROLE_HEADS for w in self.text[begin : prefix[0].start].split()
        )

    def title_context(self, tok: Tok) -> bool:
        """Words that may stand before a short title ("U.S. Rep.", "Indiana Gov.")
        -- unlike a given name ("Hun Sen")."""
        w = tok.word
        return (
            tok.allcaps
            or w in self.lists.places
            or w in DEMONYMS
            or w in STOP_WORDS
            or w in ORG_WORDS
            or w in ROLE_HEADS
            or w in TITLES
        )

    def trim(self, toks: list[Tok]) -> tuple[list[Tok], list[Tok], bool]:
        """Drop words that cannot open a name from the front (sentence openers,
        months, nationalities) and cut at the first word that cannot be part
        of one; return the name words, the dropped ones, and whether the words
        are the start of an organisation's name ("Johnson Controls Inc")."""
        dropped: list[Tok] = []
        if self.east_asian_pair(toks):
            return toks, dropped, False
        while toks and not self.can_open(toks[0], len(toks), toks[1] if len(toks) > 1 else None):
            dropped.append(toks[0])
            if toks[0].word in _PLACE_PREFIXES and len(toks) > 1:
                dropped.append(toks[1])  # "St. Louis", "Fort Worth": a place, not a name
                toks = toks[1:]
            toks = toks[1:]
        lists = self.lists
        if (
            len(toks) >= 3
            and lists.given_tier(toks[1].word) == 2
            and not lists.given_tier(toks[0].word)
            and not toks[0].initial
        ):
            dropped.append(toks[0])  # "Miss Universe | Alicia Machado"
            toks = toks[1:]
        for index, tok in enumerate(toks):
            if index == 0:
                continue
            w = tok.word
            if w in ROLE_HEADS and index + 1 < len(toks) and toks[index + 1].word in NAME_SUFFIXES:
                continue  # "Martin Luther King Jr."
            if self.name_like(tok):
                if self.keeps_name(toks[0], tok, index):
                    continue
                # an ordinary word in a Title Case headline: "Hillary Clinton Speaks"
                dropped.extend(toks[index:])
                toks = toks[:index]
                break
            if (
                index == len(toks) - 1
                and w in self.lists.surnames
                and w not in HARD_ORG_WORDS
                and (
                    toks[0].initial
                    or (
                        self.lists.given_tier(toks[0].word) == 2
                        and toks[0].word not in self.lists.places
                    )
                )
            ):
                break  # "S. Law", "Ann Hall": a surname that is also an organisation word
            if w in ORG_WORDS:
                return toks[: index + 1], [], True
            dropped.extend(toks[index:])
            toks = toks[:index]
            break
        return toks, dropped, False

    def keeps_name(self, first: Tok, tok: Tok, index: int) -> bool:
        """Whether a capitalised word after the first still belongs to the name.
        In prose an ordinary word the article also writes in lower case ends
        it; on a Title Case headline any word not known as a name does too."""
        w = tok.word
        if tok.initial:
            return True
        lists = self.lists
        known = w in lists.surnames or w in lists.given
        attested = w.lower() in self.lower_words
        if index == 1:
            if not self.headline(tok.start):
                return True
            return w in lists.surnames or (known and not attested)
        if w in STOP_WORDS:
            return False
        if self.headline(tok.start):
            # a long name in a headline must be written the same way elsewhere
            if not known or attested or self.headline_checks >= _MAX_HEADLINE_CHECKS:
                return False
            self.headline_checks += 1
            phrase = self.text[first.start : tok.end]
            return self.text.count(phrase, 0, _COUNT_LIMIT) > 1
        return known or not attested

    def headline(self, offset: int) -> bool:
        """Whether `offset` is on a short line written in Title Case."""
        text = self.text
        left = text.rfind("\n", max(0, offset - _HEADLINE_CHARS), offset)
        if left < 0 and offset > _HEADLINE_CHARS:
            return False
        right = text.find("\n", offset, offset + _HEADLINE_CHARS)
        if right < 0 and len(text) - offset > _HEADLINE_CHARS:
            return False
        line_start = left + 1
        cached = self.headlines.get(line_start)
        if cached is None:
            line = text[line_start : right if right >= 0 else len(text)]
            words = [w for w in line.split() if w[:1].isalpha() and w.lower() not in _SMALL_WORDS]
            capitals = [w for w in words if w[0].isupper()]
            cached = (
                3 <= len(words) <= 20
                and _SENTENCE_BREAK.search(line) is None
                and len(capitals) >= 0.85 * len(words)
                and line.count(",") < 2
                and _DIGIT.search(line) is None
                and "(" not in line
            )
            self.headlines[line_start] = cached
        return cached

    def east_asian_pair(self, toks: list[Tok]) -> bool:
        """A family name that is also an English word before a two-syllable
        given name: "He Yadong", "Du Wei"."""
        return (
            len(toks) == 2
            and toks[0].word in _WORD_SURNAMES
            and _PINYIN_TWO.fullmatch(toks[1].word) is not None
        )

    def can_open(self, tok: Tok, count: int, following: Tok | None = None) -> bool:
        """Whether `tok` may be the first word of a name `count` words long. A
        place opens only a two-word name ("Torrance Zellner"), which must then
        earn its score without given-name credit."""
        w = tok.word
        if tok.initial and count > 1:
            return True
        if (
            not self.name_like(tok)
            or w in OUTLETS
            or w in STOP_WORDS
            or w in DEMONYMS
            or w in MONTHS
            or w in DAYS
        ):
            return False
        if (
            w in self.lists.places
            and count > 1
            and w not in self.lists.given
            and (count > 2 or following is None or following.word in self.lists.places)
        ):
            return False
        return not (self.sentence_initial(tok) and w.lower() in self.lower_words)

    def name_like(self, tok: Tok) -> bool:
        w = tok.word
        if w in DAYS or (
            w in MONTHS and (w not in self.lists.given or _DATE_AFTER.match(self.text, tok.end))
        ):
            return False
        if "-" in w and any(len(part) >= 5 and part.islower() for part in w.split("-")[1:]):
            return False  # "League-trained", "Trump-backed"
        return not (
            tok.allcaps
            or (w in DEMONYMS and w.endswith("s"))
            or _DIGIT.search(w)
            or w in ORG_WORDS
            or w in HONORIFICS
            or w in ROLE_HEADS
        )

    def sentence_initial(self, tok: Tok) -> bool:
        i = tok.start - 1
        text = self.text
        while i >= 0 and text[i] in " \t":
            i -= 1
        return i < 0 or text[i] in _SENTENCE_END

    def score(self, toks: list[Tok], titled: bool, honorific: str = "") -> int:
        """How strongly the words read as a person's name; _ACCEPT or more is a
        person, -1 means never."""
        lists = self.lists
        words = [t.word for t in toks]
        name = " ".join(words)
        if name in lists.places or (
            words[0] in STOP_WORDS and not toks[0].initial and not self.east_asian_pair(toks)
        ):
            return -1
        if len(words) > _MAX_NAME_WORDS:
            return -1
        if len(words) == 1:
            word = words[0]
            single = (
                titled
                and word not in STOP_WORDS
                and word not in NAME_SUFFIXES
                and not toks[0].initial
                and (word in lists.surnames or word.lower() not in self.lower_words)
                and not (self.headline(toks[0].start) and word not in lists.surnames)
            )
            if single and honorific and not self.plausible_surname(honorific, word):
                single = False
            return _ACCEPT if single else -1
        if toks[-1].initial:
            return -1
        last_word = words[-1]
        if (last_word in lists.places or last_word in _REGIONS) and (
            words[0] in _COMPASS or words[0] in DEMONYMS
        ):
            return -1  # "N. Korea", "S. Africa"
        if (
            words[0] in lists.places
            and last_word.endswith("s")
            and last_word not in lists.surnames
            and len(words) == 2
        ):
            return -1  # "Carolina Panthers": a team
        first, last = words[0], words[-1]
        score = 0
        if toks[0].initial and (
            len(toks) == 2 or toks[1].initial or lists.given_tier(toks[1].word)
        ):
            score += 2  # "P. Simmons", "J. Joe Ricketts", not "on X. Meta Platforms"
        else:
            tier = lists.given_tier(first)
            if tier and first.lower() not in self.lower_words:
                score += tier
            elif tier:
                score += 1
        east_asian = first in lists.east_asian_surnames and len(words) <= 3
        if east_asian and all(_PINYIN.fullmatch(w) for w in words[1:]):
            score += 2
        if last in lists.surnames or _SURNAME_SHAPE.search(last):
            score += 1
        if titled:
            score += 2
        context, strong = self.context_score(toks[0].start, toks[-1].end)
        score += context
        if score == 2 and (
            toks[0].initial
            or lists.given_tier(first) > 0
            or ((strong or titled) and self.name_shaped(toks))
        ):
            return _ACCEPT
        return score

    def context_score(self, start: int, end: int) -> tuple[int, bool]:
        """Evidence around the words (at most 2) and whether any of it is
        strong on its own: a country or role in brackets, a role noun before,
        a photo credit, a line of its own (a byline)."""
        text = self.text
        score = 0
        strong = False
        after = text[end : end + 40]
        bracket = _BRACKET_AFTER.match(after)
        if bracket:
            inside = bracket.group().strip(" \t()")
            strong = (
                inside in self.lists.places
                or inside in _COUNTRY_SHORT
                or inside.lower() in ROLE_NOUNS
            )
            score += 2 if strong else 1
        elif _AGE_AFTER.match(after) or _WHO_AFTER.match(after):
            score += 1
        words_after = after.replace(",", " ").split(None, 2)
        if words_after and words_after[0].strip(".") in SPEECH_VERBS:
            score += 1
        before = text[max(0, start - 30) : start].split()
        if before:
            last = before[-1]
            if last in SPEECH_VERBS:
                score += 1
            elif last in ROLE_NOUNS and last not in _GROUP_NOUNS:
                score += 2
                strong = True
        if appositive_role(text, end) is not None:
            score += 1
            strong = True
        if credit_role(text, start) is not None:
            score += 2
            strong = True
        if _LINE_BEFORE.search(text, max(0, start - 3), start) and _LINE_AFTER.match(text, end):
            score += 2
            strong = True
        return min(score, 2), strong

    def record(self, prefix: list[Tok], toks: list[Tok], honorific: bool) -> None:
        start, end = toks[0].start, toks[-1].end
        name = " ".join(self.text[start:end].split())
        words = tuple(t.word for t in toks)
        person = self.merge_target(words) or self.new_person(name, words)
        if len(words) > len(person.words):
            person.aliases.append(person.name)
            person.name, person.words = name, words
            self.by_key[" ".join(words).casefold()] = person
            self.index(person)
        form = name
        span_start = start
        if honorific and prefix and len(words) == 1:
            span_start = prefix[-1].start
            form = " ".join(self.text[span_start:end].split())
        self.mark(person, start, end, form, prefix, span_start=span_start)

    def mark(
        self,
        person: _Found,
        start: int,
        end: int,
        form: str,
        prefix: list[Tok],
        *,
        span_start: int | None = None,
    ) -> None:
        """Record a mention of `person` at [start, end) (its span from `span_start`
        when an honorific leads it) and the role the words around it give."""
        person.add(start if span_start is None else span_start, end, form)
        insort(person.starts, start)
        self.mention_starts.add(start)
        self.mention_ends.add(end)
        if len(person.starts) <= _MAX_ROLE_LOOKUPS:
            role = self.role_for(prefix, start, end)
            if role:
                person.roles.append(role)

    def merge_target(self, words: tuple[str, ...]) -> _Found | None:
        key = " ".join(words).casefold()
        if key in self.by_key:
            return self.by_key[key]
        for person in self.by_last.get(_core(words)[-1].casefold(), ()):
            if len(person.words) == 1 and len(words) > 1:
                continue  # "President Obama" before "Michelle Obama": maybe not one person
            if _compatible(words, person.words):
                return person
        return None

    def new_person(self, name: str, words: tuple[str, ...]) -> _Found:
        person = _Found(name=name, words=words)
        self.people.append(person)
        self.by_key[" ".join(words).casefold()] = person
        self.index(person)
        return person

    def index(self, person: _Found) -> None:
        words = _core(person.words)
        if len(words) in (2, 3) and (
            words[0] in self.lists.east_asian_surnames or _PINYIN_ONE.fullmatch(words[0])
        ):
            person.surname_first = all(
                _PINYIN.fullmatch(w) or _KOREAN_GIVEN.fullmatch(w) for w in words[1:]
            )
        pairs = [(self.by_last, words[-1]), (self.by_first, words[0])]
        if person.surname_first:
            pairs.append((self.by_last, words[0]))
        person.folded = folded = tuple(w.casefold() for w in words)
        keys = [folded[i:] for i in range(len(folded))]
        if person.surname_first:
            keys.append(folded[:1])
        for key in keys:
            entries = self.by_form.setdefault(key, [])
            if person not in entries and len(entries) < _MAX_SHARED_NAME:
                entries.append(person)
        for table, word in pairs:
            entries = table.setdefault(word.casefold(), [])
            if person not in entries and len(entries) < _MAX_SHARED_NAME:
                entries.append(person)

    def role_for(self, prefix: list[Tok], start: int, end: int) -> tuple[int, str] | None:
        text = self.text
        role = appositive_role(text, end)
        if role:
            return (0, clean_role(role))
        titled = [t for t in prefix if t.word not in HONORIFICS]
        if titled and (
            any(
                t.word in ROLE_HEADS or t.word in ABBREVIATED_TITLES or t.word.lower() in ROLE_NOUNS
                for t in titled
            )
            or self.title_of(titled)
        ):
            first = next((i for i, t in enumerate(titled) if t.word not in _ROLE_SKIP), len(titled))
            if first < len(titled):
                begin = extend_back(text, titled[first].start)
                words = text[begin : titled[-1].end].split()
                words = [_TITLE_WORDS.get(w.rstrip("."), w) for w in words]
                return (1, clean_role(" ".join(words)))
        role = credit_role(text, start)
        if role:
            return (2, role)
        role = descriptor_role(text, start)
        if role:
            return (3, clean_role(role))
        return None

    # -- pass 3: aliases ------------------------------------------------------

    def take_leftover(self, toks: list[Tok]) -> None:
        """Match surnames, honorific forms and all-caps spellings to people."""
        if not self.people:
            return
        index = 0
        while index < len(toks):
            tok = toks[index]
            honorific = tok.word in HONORIFICS and index + 1 < len(toks)
            first = index + 1 if honorific else index
            matched = 0
            for size in (3, 2, 1):
                chunk = toks[first : first + size]
                if len(chunk) < size:
                    continue
                person = self.alias_owner(chunk, honorific)
                if person is not None:
                    start = toks[index].start if honorific else chunk[0].start
                    end = chunk[-1].end
                    person.add(start, end, " ".join(self.text[start:end].split()))
                    matched = first + size
                    break
            if matched:
                index = matched
            elif (
                honorific
                and self.name_like(toks[first])
                and toks[first].word not in STOP_WORDS
                and not toks[first].initial
                and self.plausible_surname(tok.word, toks[first].word)
            ):
                person = self.new_person(toks[first].word, (toks[first].word,))
                start, end = tok.start, toks[first].end
                person.add(start, end, " ".join(self.text[start:end].split()))
                insort(person.starts, start)
                index = first + 1
            else:
                index += 1

    def plausible_surname(self, honorific: str, word: str) -> bool:
        """After "Miss" or "Madam" (also titles of shows, pageants and
        puppets) only a known or surname-shaped word counts."""
        if honorific in _WEAK_HONORIFICS:
            return word in self.lists.surnames or bool(_SURNAME_SHAPE.search(word))
        return word.lower() not in self.lower_words or word in self.lists.surnames

    def alias_owner(self, chunk: list[Tok], honorific: bool) -> _Found | None:
        last = chunk[-1].word.casefold()
        if last not in self.by_last and (len(chunk) > 1 or last not in self.by_first):
            return None
        words = [t.word for t in chunk]
        folded = [w.casefold() for w in words]
        caps = all(t.allcaps for t in chunk)
        if not caps and any(t.allcaps for t in chunk):
            return None
        if len(chunk) == 1 and not honorific and not caps:
            tok = chunk[0]
            if tok.word in STOP_WORDS and self.sentence_initial(tok):
                return None
            if self.sentence_initial(tok) and tok.word.lower() in self.lower_words:
                return None
        candidates = list(self.by_form.get(tuple(folded), ()))
        if not candidates and len(chunk) == 1 and not caps and not honorific:
            word = chunk[0].word
            if self.lists.given_tier(word):
                firsts = [
                    p
                    for p in self.by_first.get(folded[0], ())
                    if len(p.words) > 1 and p.words[0] == word
                ]
                if len(firsts) == 1:
                    candidates = firsts
        if not candidates:
            return None
        if len(candidates) == 1:
            return candidates[0]
        return self.nearest(candidates, chunk[0].start)

    def nearest(self, candidates: list[_Found], offset: int) -> _Found:
        """The candidate whose full name was written last before `offset`,
        else the one written first after it."""
        before = [
            (p.starts[i - 1], p) for p in candidates if (i := bisect_right(p.starts, offset)) > 0
        ]
        if before:
            return max(before, key=lambda pair: pair[0])[1]
        after = [(p.starts[0], p) for p in candidates if p.starts]
        return min(after, key=lambda pair: pair[0])[1] if after else candidates[0]

    # -- output ---------------------------------------------------------------

    def merge_surname_only(self) -> None:
        """A person known only by surname ("Mr. Trump" in a headline) is the
        one person with a full name ending in it, when there is exactly one."""
        kept: list[_Found] = []
        for person in self.people:
            if len(person.words) == 1:
                word = person.words[0].casefold()
                fuller = [
                    p
                    for p in self.by_last.get(word, ())
                    if len(p.words) > 1
                    and (_core(p.words)[-1].casefold() == word or p.surname_first)
                    and " ".join(p.words).casefold() not in self.organisations
                ]
                if not fuller and self.lists.given_tier(person.words[0]):
                    fuller = [
                        p for p in self.by_first.get(word, ()) if len(p.words) > 1
                    ]  # "his wife Naina" ... "Naina Yeltsin"
                if len(fuller) == 1 and self.same_sex(person, fuller[0]):
                    target = fuller[0]
                    target.mentions.extend(person.mentions)
                    for form in (person.name, *person.aliases):
                        if form not in target.aliases:
                            target.aliases.append(form)
                    target.roles.extend(person.roles)
                    continue
            kept.append(person)
        self.people = kept

    def same_sex(self, surname_only: _Found, full: _Found) -> bool:
        """False when the forms of address contradict the given name
        ("Mr. Obama" is not "Michelle Obama")."""
        forms = " ".join((surname_only.name, *surname_only.aliases)).split()
        given = full.words[0]
        if given in self.lists.female and any(f in _MALE_ADDRESS for f in forms):
            return False
        return not (given in self.lists.male and any(f in _FEMALE_ADDRESS for f in forms))

    def finish(self) -> list[Person]:
        self.merge_surname_only()
        out: list[Person] = []
        for person in self.people:
            if " ".join(person.words).casefold() in self.organisations:
                continue
            spans = sorted({(m.start, m.end) for m in person.mentions})
            aliases = tuple(a for a in person.aliases if a != person.name)
            role = min(person.roles)[1] if person.roles else None
            out.append(
                Person(
                    name=person.name,
                    aliases=tuple(dict.fromkeys(aliases)),
                    role=role or None,
                    spans=tuple(Span(s, e) for s, e in spans),
                )
            )
        out.sort(key=lambda p: p.spans[0].start if p.spans else 0)
        return out


def _core(words: Sequence[str]) -> Sequence[str]:
    """The name without "Jr.", "III" and the like at its end."""
    end = len(words)
    while end > 1 and words[end - 1] in NAME_SUFFIXES:
        end -= 1
    return words[:end]


def _compatible(words: Sequence[str], other: Sequence[str]) -> bool:
    """Two full names of one person: same surname and compatible first words
    ("P. Simmons" / "Phil Simmons"), or one is the tail of the other
    ("de Silva" / "Aravinda de Silva")."""
    words, other = _core(words), _core(other)
    if not words or not other or words[-1].casefold() != other[-1].casefold():
        return False
    a, b = (words, other) if len(words) <= len(other) else (other, words)
    if [w.casefold() for w in b[len(b) - len(a) :]] == [w.casefold() for w in a]:
        return True
    if len(a) >= 2:
        x, y = a[0].rstrip("."), b[0].rstrip(".")
        if x == y:
            return True  # "Loretta Lynch" / "Loretta E. Lynch"
        if len(a) == len(b) == 2 and (len(x) == 1 or len(y) == 1):
            return x[0] == y[0]
    return False
