"""From a subject phrase to a speaker: a (titled) name, a pronoun, or a noun
phrase kept as written ("a spokesman"); and the subjects of a clause."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Literal

from reader.extract.quotes.attribution_words import (
    AUX,
    CONJ_RE,
    DETERMINERS,
    FEMALE_TITLES,
    FINITE_RE,
    FINITE_STRONG_RE,
    FIRST_CLAUSE_RE,
    LY_NOUNS,
    MALE_TITLES,
    PAREN_RE,
    PARTICLES,
    PARTY_RE,
    POSSESSIVE_RE,
    POSSESSIVES,
    PREPS,
    PRONOUNS,
    STARTERS,
    TITLES,
    VERB_SET,
    WHEN_RE,
)

Kind = Literal["name", "pronoun", "phrase"]


@dataclass(frozen=True, slots=True)
class Speaker:
    """The speaker as the text gives it. `kind` says how to resolve it:
    a name (may be a surname only), a pronoun, or a noun phrase kept as written."""

    text: str
    kind: Kind
    at: int  # offset of the speaker phrase in the article text
    gender: str | None = None  # 'm' / 'f' from an honorific ("Mr.", "Mrs.")


def split_words(chunk: str) -> list[str]:
    return chunk.split()


def strip_trailing_aux(chunk: str) -> str:
    words = split_words(chunk)
    while words and (
        words[-1].lower() in AUX
        or (words[-1].endswith("ly") and words[-1].islower() and words[-1] not in LY_NOUNS)
    ):
        words.pop()
    return " ".join(words)


def strip_conj(chunk: str) -> str:
    prev = None
    while prev != chunk:
        prev = chunk
        chunk = CONJ_RE.sub("", chunk, count=1).strip()
    return chunk


def is_name_chunk(chunk: str) -> bool:
    """A chunk that is only a (titled) name: "Rep. Jim Jordan", "Mr. King"."""
    words = split_words(chunk)
    return (
        0 < len(words) <= 6
        and all(w[0].isupper() or w.lower() in PARTICLES for w in words)
        and words[0].lower() not in DETERMINERS
        and words[0] not in STARTERS
        and not (len(words) == 1 and words[0].endswith("."))
    )


def is_appositive(chunk: str) -> bool:
    """Words that describe a name rather than stand for one: "an economist",
    "of Ashton", "59", "R-Utah", "Md."."""
    words = split_words(chunk)
    if not words:
        return True
    first = words[0]
    if first.lower() in PRONOUNS and first.lower() not in POSSESSIVES:
        return False  # "he", but not "his sister"
    if first[0].isdigit() or PARTY_RE.match(first):
        return True
    if len(words) == 1 and first.endswith(".") and first[0].isupper():
        return True  # a state abbreviation after a town
    return first[0].islower()


def antecedent(chunks: Sequence[str], idx: int) -> str | None:
    """Walk back from chunk `idx` over descriptions to the name they describe."""
    j = idx
    while j >= 0 and is_appositive(chunks[j]) and not is_name_chunk(chunks[j]):
        run = titled_run(chunks[j])
        if run:
            return run  # "panel Chairman Rep. Jason Chaffetz"
        j -= 1
    if j < 0:
        return None
    cand = strip_conj(chunks[j])
    if is_name_chunk(cand):
        return cand
    run = trailing_run(cand)
    return run or None


def titled_run(chunk: str) -> str | None:
    """The name ending a lowercase-led chunk ("panel Chairman Rep. X"), but not
    an organisation after a preposition ("a writer for The Atlantic")."""
    run = trailing_run(chunk)
    if not run:
        return None
    before = chunk.strip()[: -len(run)].split() if chunk.strip().endswith(run) else []
    if not before or before[-1].lower() in _BEFORE_ADJECTIVE or run.split()[0] == "The":
        return None
    if not any(w in TITLES for w in run.split()):
        return None
    return run


def trailing_run(chunk: str) -> str:
    """The capitalised words that end `chunk` ("Xiaomi founder Lei Jun" -> "Lei Jun")."""
    words = split_words(chunk.strip().rstrip(",.;:!?"))
    run: list[str] = []
    for w in reversed(words):
        if w[0].isupper() or (run and w.lower() in PARTICLES):
            run.append(w)
        else:
            break
    run.reverse()
    while run and run[0].lower() in PARTICLES:
        run.pop(0)
    return " ".join(run)


def strip_titles(run: str) -> str:
    """Drop titles before a name ("US President Donald Trump" -> "Donald Trump")."""
    words = run.split()
    last_title = -1
    for i, w in enumerate(words[:-1]):
        if w in TITLES or w.rstrip(".") + "." in TITLES:
            last_title = i
    words = words[last_title + 1 :]
    if words and words[0] in ("US", "U.S.", "UK", "EU", "UN"):
        words = words[1:]
    return " ".join(words)


def _is_org_name(words: Sequence[str]) -> bool:
    """Capitalised words joined by "for", "of", "and"... ("Citizens for Tax
    Justice", "Center for American Progress"): an organisation's name."""
    small = [w for w in words[1:-1] if w.islower()]
    first_small = next((i for i, w in enumerate(words) if w.islower()), 0)
    return (
        len(words) >= 3
        and first_small == 1  # "Citizens for …", not "Cameron Easley for …"
        and bool(small)
        and words[0][0].isupper()
        and words[0] not in TITLES
        and words[0].lower() not in DETERMINERS
        and words[-1][0].isupper()
        and all(w in ("for", "of", "and", "on", "in", "the", "&") for w in small)
    )


def classify_phrase(phrase: str, at: int) -> Speaker | None:
    """Turn a subject phrase into a Speaker: a person's name when the phrase
    ends in one, else the phrase as written."""
    phrase = PAREN_RE.sub(" ", phrase).split("(")[0]
    phrase = strip_conj(phrase.strip(" ,;:—–-\"“”'‘’()"))
    phrase = POSSESSIVE_RE.sub("", phrase).strip()
    if not phrase:
        return None
    words = split_words(phrase)
    if words[0].islower() and words[0].endswith(("ing", "ed")) and not words[-1][0].isupper():
        return None  # "saying anybody", but not "retired general Lloyd Newton"
    if len(words) == 1 and words[0].lower() in PRONOUNS:
        return Speaker(words[0], "pronoun", at)
    if words[0] in PREPS or (len(words) == 1 and words[0].islower() and len(words[0]) < 4):
        return None  # "in hopes", "so": not a subject
    if _is_org_name(words):
        return Speaker(phrase, "phrase", at)  # "Citizens for Tax Justice"
    if words[0] in STARTERS:
        # an adverbial ("In August", "Friday") is no speaker, but one can end
        # in the subject ("In a Bloomberg interview Trump")
        run = trailing_run(phrase)
        if run and len(run.split()) < len(words) and run.split()[0] not in STARTERS:
            prev_word = words[len(words) - len(run.split()) - 1]
            if prev_word.islower() and prev_word not in PREPS:
                return classify_phrase(run, at)
        return None
    lead = 0
    while lead < len(words) and (words[lead][0].isupper() or words[lead] in PARTICLES):
        lead += 1
    if 0 < lead < len(words) and words[0].lower() not in DETERMINERS:
        nxt = words[lead]
        if nxt in VERB_SET or nxt in AUX or nxt == "and" or nxt.endswith("ed"):
            words = words[:lead]  # "Sanders said", "Scott beamed and"
            phrase = " ".join(words)
            if len(words) == 1 and words[0].lower() in PRONOUNS:
                return Speaker(words[0], "pronoun", at)  # "She paused, then added"
    if len(words) > 14:
        return None
    core_words: list[str] = []
    for w in words:
        if w.lower() in PREPS and core_words:
            break
        core_words.append(w)
    core = " ".join(core_words)
    if " and " in core or " & " in core:
        return Speaker(drop_when(phrase), "phrase", at)  # two speakers together
    run = trailing_run(core)
    if run and core.endswith(run.split()[-1]):
        before = core[: len(core) - len(run)].split()
        titled = run.split()[0] in TITLES
        if run.split()[0] == "The" or (before and before[-1].lower() in DETERMINERS and not titled):
            return Speaker(drop_when(phrase if len(words) <= 8 else core), "phrase", at)
        name = strip_titles(run)
        bare_title = len(run.split()) == 1 and (run in TITLES or run + "." in TITLES)
        if name and not bare_title:
            return Speaker(name, "name", at, honorific_gender(run))
    if words[0][0].isupper() and words[0].lower() not in DETERMINERS and len(words) > 5:
        return None
    return Speaker(drop_when(phrase), "phrase", at)


def drop_when(phrase: str) -> str:
    """ "The council on Friday" -> "The council": when and where are not the speaker."""
    m = WHEN_RE.search(phrase)
    return phrase[: m.start()] if m and len(phrase[: m.start()].split()) >= 2 else phrase


def honorific_gender(run: str) -> str | None:
    for word in run.split()[:-1]:
        if word in MALE_TITLES:
            return "m"
        if word in FEMALE_TITLES:
            return "f"
    return None


_BEFORE_ADJECTIVE = DETERMINERS | PREPS
"""Words after which a verb-like word is an adjective or noun ("of registered voters")."""


def _first_finite(pattern: re.Pattern[str], chunk: str) -> re.Match[str] | None:
    """The first verb-like word in " " + chunk that is not an adjective after
    "of", "the", "a"... ("52 percent of registered voters agreed")."""
    padded = " " + chunk
    for m in pattern.finditer(padded):
        before = padded[: m.start()].split()
        if before and before[-1].lower() in _BEFORE_ADJECTIVE:
            continue
        return m
    return None


def clause_subjects(text: str, lo: int, hi: int) -> Iterator[Speaker]:
    """Candidate subjects of the clauses in text[lo:hi], in order: the words
    before each chunk's first finite verb."""
    region = PAREN_RE.sub(" ", text[lo:hi]).lstrip(" ,;:—–\"“”'‘’")
    chunks = [c.strip() for c in FIRST_CLAUSE_RE.split(region)]
    for k, chunk in enumerate(chunks):
        cut = _first_finite(FINITE_STRONG_RE, chunk) or _first_finite(FINITE_RE, chunk)
        if cut is None:
            continue
        subject = strip_trailing_aux(strip_conj(chunk[: cut.start()].strip()))
        if subject.split(" ", 1)[0].lower() in ("who", "which", "whose", "whom"):
            continue  # "who lost the primaries": a relative clause, not the subject
        if not subject and k:
            # "Hana Sato, his sister, runs the yard": the name before the aside
            subject = antecedent(chunks, k - 1) or ""
        speaker = classify_phrase(subject, lo) if subject else None
        if speaker is not None:
            yield speaker


def clause_subject(text: str, lo: int, hi: int) -> Speaker | None:
    """The subject of the main clause in text[lo:hi]: the words before the
    first finite verb, skipping openers ("During the speech, Trump attacked
    ..., saying" -> Trump; "X denies ..., saying" -> X)."""
    for speaker in clause_subjects(text, lo, hi):
        return speaker
    region = PAREN_RE.sub(" ", text[lo:hi]).lstrip(" ,;:—–\"“”'‘’")
    chunks = FIRST_CLAUSE_RE.split(region)
    return classify_phrase(strip_conj(chunks[0].strip()), lo) if chunks else None
