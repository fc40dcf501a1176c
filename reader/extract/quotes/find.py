"""Direct quotations and who said them.

Pipeline: quote_marks finds the quoted segments (paragraph-bounded, with
multi-paragraph quotations joined); attribution reads the speech verb and its
subject around each one; attribution_names turns "Gao", "Mr. Trump" or "he"
into the full name introduced earlier. A quotation with no attribution of its
own that follows a quotation by X in the same or the next paragraph is X's.

Not listed: quoted segments of one or two words (scare quotes, nicknames)
and titles of works in title case ("Face the Nation"), which are almost never
speech; and a three-word segment nobody is said to have said, which is more
often emphasis than a quotation.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from reader.extract.quotes.attribution import from_head, from_tail
from reader.extract.quotes.attribution_names import NameBook, build_namebook, name_key
from reader.extract.quotes.attribution_phrases import (
    Speaker,
    classify_phrase,
    clause_subject,
    clause_subjects,
    trailing_run,
)
from reader.extract.quotes.attribution_text import (
    sentence_end,
    sentence_start,
    sentence_starts,
    speaker_label,
)
from reader.extract.quotes.attribution_words import PARTICIPLES, VERB_RE, word_set
from reader.extract.quotes.marks import Segment, find_segments
from reader.model import Article, BlockKind, Person, Quote, Span

MIN_WORDS = 3
SPEECH_WORDS = 4
ANTECEDENT_SENTENCES = 4
ANTECEDENT_WINDOW = 800  # characters looked back for a pronoun's antecedent
_WORD_RE = re.compile(r"[\w']+")
_VERB_LIKE_END_RE = re.compile(r"\s[a-z]+ed(?:\s+[\w’'-]+){0,4}\s*$")
_PARTICIPLE_RE = re.compile(r"\b(?:" + "|".join(sorted(PARTICIPLES)) + r")\b")
_NEW_CLAUSE_RE = re.compile(r"\bthat\b|[\"“‘]")
_LEADS_IN_RE = re.compile(r"\b(?:that|saying|says|said)$")
_CLAUSE_AUX = word_set("had has have was were is are would will could can")
_DASH_END_RE = re.compile(r"\s(?:--|[—–])\s*$")
_DASH_START_RE = re.compile(r"\s*(?:--|[—–])\s")
_OBJECT_PREPS = word_set("of to for with about against by from")
_NOT_SPACE_RE = re.compile(r"\S")
_WORDY_RE = re.compile(r"[^\s.\"“”„«»‘’'`]")
_MARKS = "\"“”„«»‘’'`"
# Lowercase words a title may keep ("Face the Nation", "Fox and Friends").
_TITLE_SMALL_WORDS = word_set("a an the and or of in on at to for by with from as nor but")
_HEADLINE_KINDS = frozenset({BlockKind.TITLE, BlockKind.HEADING, BlockKind.KICKER})


@dataclass
class _Found:
    start: int
    end: int
    text: str
    speaker: str | None
    para: int
    person: bool


def collapse(text: str) -> str:
    return " ".join(text.split())


def _word_count(text: str, start: int, end: int, limit: int) -> int:
    n = 0
    for _ in _WORD_RE.finditer(text, start, end):
        n += 1
        if n >= limit:
            break
    return n


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _split_labels(text: str, segments: list[Segment]) -> list[Segment]:
    """A transcript ("WALLACE: …" then "PENCE: …") is one quote per turn."""
    out: list[Segment] = []
    for seg in segments:
        if len(seg.parts) == 1:
            out.append(seg)
            continue
        parts: list[tuple[int, int]] = []
        para = seg.para
        for k, part in enumerate(seg.parts):
            if parts and speaker_label(text, *part) is not None:
                out.append(Segment(tuple(parts), para, closed=True))
                parts = []
                para = seg.para + k
            parts.append(part)
        out.append(Segment(tuple(parts), para, closed=seg.closed))
    return out


def _headline(article: Article, paras: Sequence[tuple[int, int]], index: int) -> bool:
    """Headline-like paragraph: a title block, or an early line without a full stop."""
    start, end = paras[index]
    if index < len(article.blocks) and article.blocks[index].kind in _HEADLINE_KINDS:
        return True
    if index > 2 or end - start > 250:
        return False
    last = article.text[start:end].rstrip()[-1:]
    return last not in ".!?\"”’'" or index == 0


def _skip_marks(text: str, pos: int, hi: int) -> int:
    while pos < hi and text[pos] in _MARKS:
        pos += 1
    return pos


def _back_marks(text: str, pos: int, lo: int) -> int:
    while pos > lo and text[pos - 1] in _MARKS:
        pos -= 1
    return pos


class _Context(NamedTuple):
    """Where a pronoun's antecedent may be: text[lo:hi], read back by
    sentence; `cache` keeps each sentence's subjects, so quotes in a row do
    not read the same sentences again."""

    text: str
    lo: int
    hi: int
    cache: dict[tuple[int, int], list[Speaker]]

    def sentences(self) -> list[tuple[int, int]]:
        """The last few sentences before `hi`, latest first."""
        if self.lo >= self.hi:
            return []
        for reach in (250, ANTECEDENT_WINDOW):  # near first: usually enough
            lo = max(self.lo, self.hi - reach)
            starts = sentence_starts(self.text, lo, self.hi, ANTECEDENT_SENTENCES)
            if len(starts) >= ANTECEDENT_SENTENCES:
                break
        ends = [*starts[1:], self.hi]
        return list(zip(starts, ends, strict=True))[::-1][:ANTECEDENT_SENTENCES]

    def subjects_of(self, begin: int, end: int) -> list[Speaker]:
        key = (begin, end)
        if key not in self.cache:
            self.cache[key] = list(clause_subjects(self.text, begin, end))
        return self.cache[key]


def find_quotes(article: Article, people: Sequence[Person]) -> list[Quote]:
    """Every direct quotation of three words or more, with its speaker.

    `Quote.span` runs from the first to the last quoted word (marks and a
    transcript label like "WALLACE:" excluded). `Quote.text` is NOT always the
    slice: it is the slice with whitespace collapsed to single spaces, so for
    a one-paragraph quotation `text == " ".join(article.text[span].split())`;
    for a quotation over several paragraphs the slice also holds the paragraph
    break and the reopening mark, and `text` is the paragraphs' words joined
    by single spaces without them.
    Speakers are full names when the article names the person, else the noun
    phrase as written ("a spokesman", "the ministry"), or None when nobody is
    given.
    """
    text = article.text
    paras, segments = find_segments(article)
    segments = _split_labels(text, segments)
    book = build_namebook(text, people)
    body = next((i for i in range(len(paras)) if not _headline(article, paras, i)), None)
    book.ahead_limit = paras[body][1] if body is not None else len(text)
    found: list[_Found] = []
    subjects: dict[tuple[int, int], list[Speaker]] = {}
    last_person: _Found | None = None
    prev_end_in_para: dict[int, int] = {}
    for n, seg in enumerate(segments):
        para_start = paras[seg.para][0]
        last_para_end = paras[seg.para + len(seg.parts) - 1][1]
        first_start, first_end = _trim(text, *seg.parts[0])
        label = speaker_label(text, first_start, first_end)
        label_name: str | None = None
        if label is not None:
            first_start = _trim(text, first_start + label[0], first_end)[0]
            label_name = label[1]
        parts = [(first_start, first_end), *(_trim(text, *p) for p in seg.parts[1:])]
        parts = [p for p in parts if p[1] > p[0]]
        if not parts:
            continue
        start, end = parts[0][0], parts[-1][1]
        if _word_count(text, start, end, MIN_WORDS) < MIN_WORDS:
            continue  # its sentence still counts as the next quote's context
        if seg.para < len(article.blocks) and article.blocks[seg.para].kind == BlockKind.CODE:
            continue  # string literals in a code block are not speech
        headline = _headline(article, paras, seg.para)
        if not headline and _title_like(text, start, end):
            continue  # the name of a show, book or song, not speech
        # context: the sentence around the quote, stopping at other quotes
        head_lo = max(para_start, prev_end_in_para.get(seg.para, para_start))
        open_at = _back_marks(text, seg.start, head_lo)
        s_start = sentence_start(text, head_lo, open_at)
        tail_from = _skip_marks(text, seg.end, last_para_end)
        tail_hi = last_para_end
        if n + 1 < len(segments) and segments[n + 1].start < tail_hi:
            tail_hi = _back_marks(text, segments[n + 1].start, tail_from)
        tail_to = sentence_end(text, tail_from, tail_hi)
        if text[end - 1] in ".!?…" and (
            _NEW_CLAUSE_RE.search(text, tail_from, tail_to)
            or (text[end - 1] == "." and _tail_is_a_clause(text, tail_from, tail_to))
        ):
            # `Japan called it "an outlaw nation." Russia insisted that …`: the
            # quotation ended its sentence; what follows is someone else's
            tail_to = tail_from
        speaker = _attribute(text, s_start, open_at, tail_from, tail_to, headline)
        if (
            speaker is None
            and head_lo > para_start
            and _PARTICIPLE_RE.search(text, s_start, open_at)
        ):
            # `X clarified nothing, calling it "…" and, later, asserting "…"`:
            # the participle's subject is before the earlier quotation
            whole = sentence_start(text, para_start, open_at)
            if whole < s_start:
                speaker = clause_subject(text, whole, open_at)
        if label_name is not None:
            speaker = Speaker(label_name, "name", first_start)
        back_to = paras[max(0, seg.para - 2)][0]
        context = _Context(
            text,
            back_to,
            open_at if speaker is not None and speaker.at < start else tail_to,
            subjects,
        )
        name, person = _resolve(speaker, book, last_person, seg.para, start, context)
        if headline and (speaker is None or speaker.kind == "phrase"):
            # "A lesson from Loretta Lynch: '…'", "Ana Ruiz Speaks 'Of …'":
            # the person the headline names
            where = speaker.text if speaker is not None else text[s_start:open_at]
            known = book.known_in(where, start)
            if known is not None:
                name, person = known, True
        if speaker is None and not headline and not text[s_start:open_at].strip():
            # `Sen. X (Vt.) singled out young voters. "They are tired of it."`:
            # the person the sentence before is about, not an earlier speaker
            lo = prev_end_in_para.get(seg.para, para_start)
            subject = _previous_subject(text, para_start, lo, s_start)
            if subject is not None:
                context = _Context(text, back_to, open_at, subjects)
                name, person = _resolve(subject, book, last_person, seg.para, start, context)
                speaker = subject
        if speaker is None and found:
            name, person = _inherit(found, seg.para, text, s_start, open_at)
        if name is None and speaker is None and not headline:
            lo = prev_end_in_para.get(seg.para, para_start)
            alone = not _NOT_SPACE_RE.search(text, para_start, open_at) and not (
                _WORDY_RE.search(text, tail_from, last_para_end)
            )
            speaker = _previous_sentence(text, paras, seg.para, lo, s_start, alone)
            context = _Context(text, back_to, open_at, subjects)
            name, person = _resolve(speaker, book, last_person, seg.para, start, context)
        prev_end_in_para[seg.para] = end
        if name is None and speaker is None and not _speechlike(text, start, end):
            continue
        quoted = collapse(" ".join(text[a:b] for a, b in parts))
        found.append(_Found(start, end, quoted, name, seg.para, person))
        if person and name:
            last_person = found[-1]
    return [Quote(text=f.text, speaker=f.speaker, span=Span(f.start, f.end)) for f in found]


def _tail_is_a_clause(text: str, lo: int, hi: int) -> bool:
    """`… "an outlaw nation." The agency said Pyongyang had shown …`: a speech
    verb followed by a clause of its own starts a new report, not an
    attribution of the finished quotation before it."""
    verb = VERB_RE.search(text, lo, hi)
    if verb is None:
        return False
    return any(w in _CLAUSE_AUX for w in text[verb.end() : hi].lower().split())


def _attribute(
    text: str, s_start: int, open_at: int, tail_from: int, tail_to: int, headline: bool
) -> Speaker | None:
    head = text[s_start:open_at].rstrip()
    if not head.strip(" ,;:—–-"):
        return from_tail(text, tail_from, tail_to)
    dashed = _DASH_END_RE.search(head)
    if dashed is not None and _DASH_START_RE.match(text, tail_from, tail_to):
        # `…, including the senator Ana Ruiz -- "…" -- and others`: the quote
        # set off by dashes right after a name is that person's
        run = trailing_run(head[: dashed.start()])
        lead = head[: dashed.start()].rstrip()[: -len(run)].split()[-1:] if run else []
        if len(run.split()) >= 2 and not (lead and lead[0].lower() in _OBJECT_PREPS):
            named = classify_phrase(run, s_start + dashed.start() - len(run))
            if named is not None and named.kind == "name":
                return named
    before = from_head(text, s_start, open_at, headline)
    if before is not None and before.kind == "pronoun" and before.text.lower() in ("it", "they"):
        # "what it called": an organisation, the subject of the sentence
        subject = clause_subject(text, s_start, open_at)
        if subject is not None and subject.kind == "phrase":
            before = subject
    after = from_tail(text, tail_from, tail_to)
    if (
        after is not None
        and after.kind != "pronoun"
        and head.endswith(":")
        and "," in text[_back_marks(text, tail_from, s_start) - 1 : tail_from + 1]
    ):
        # `The letter also noted: "…," the union wrote.`: the quotation's own
        # attribution, after its comma, names who wrote it
        return after
    # `X said: "…"` / `X said that "…"`: the attribution right before wins
    if before is not None and (head.endswith((":", ",")) or _LEADS_IN_RE.search(head)):
        return before
    if after is None or (after.kind == "pronoun" and before is not None):
        # `X said that "…," but he added`: the named subject before wins
        after = before or after
    if after is None and not headline and _VERB_LIKE_END_RE.search(head):
        # `Trump attacked "…"`: a quotation as the object of any verb
        after = clause_subject(text, s_start, open_at)
    return after


def _previous_sentence(
    text: str,
    paras: Sequence[tuple[int, int]],
    para: int,
    para_lo: int,
    s_start: int,
    alone: bool = False,
) -> Speaker | None:
    """A quotation standing alone after `X said.` or `X made this comment:`
    (same paragraph, or the paragraph before when it ends in a colon, or
    names its subject when the quotation is the whole paragraph)."""
    end = _back_marks(text, s_start, para_lo)
    if text[para_lo:end].strip():
        lo = sentence_start(text, para_lo, max(para_lo, end - 1))
    elif para > 0 and text[paras[para - 1][0] : paras[para - 1][1]].rstrip().endswith(":"):
        lo, end = paras[para - 1]
        lo = sentence_start(text, lo, max(lo, end - 1))
    elif (
        alone
        and para > 0
        and paras[para - 1][1] > paras[para - 1][0]
        and text[paras[para - 1][0]] not in _MARKS  # a quotation tells of nobody
    ):
        # a paragraph that is only a quotation, after a paragraph about a
        # person (`Lee kept to the general case.` / `"Any bank that …"`)
        lo, end = paras[para - 1]
        lo = sentence_start(text, lo, max(lo, end - 1))
        return _named_subject(text, lo, end)
    else:
        return None
    speaker = from_head(text, lo, end, False)
    if speaker is None and text[lo:end].rstrip().endswith(":"):
        speaker = clause_subject(text, lo, end)
    return speaker


def _previous_subject(text: str, para_start: int, para_lo: int, s_start: int) -> Speaker | None:
    """The named subject of the sentence just before `s_start` in the same
    paragraph (after any earlier quotation there)."""
    end = _back_marks(text, s_start, para_lo)
    if not text[para_lo:end].strip():
        return None
    lo = sentence_start(text, para_lo, max(para_lo, end - 1))
    if not text[para_lo:lo].strip(_MARKS + " ,.;:!?—–-"):
        # the sentence carries on from an earlier quotation (its attribution)
        return None if para_lo > para_start else _named_subject(text, lo, end)
    return _named_subject(text, lo, end)


def _named_subject(text: str, lo: int, end: int) -> Speaker | None:
    """A name who speaks in text[lo:end] (`"I would," Ana said.`), else the
    name that is its main clause's subject."""
    subject = from_head(text, lo, end, False)
    if subject is not None and subject.kind == "name" and len(subject.text) > 2:
        return subject
    for subject in clause_subjects(text, lo, end):
        if subject.kind == "phrase":
            return None  # "The plan Lee backed failed": about a thing, not a person
        if subject.kind == "name" and len(subject.text) > 2:
            return subject  # "Though she called it …, Lee restricted …"
    return None


def _resolve(
    speaker: Speaker | None,
    book: NameBook,
    last_person: _Found | None,
    para: int,
    at: int,
    context: _Context | None = None,
) -> tuple[str | None, bool]:
    """The name to report, and whether it is a person (for pronouns later).
    `context` says where to look back for a pronoun's antecedent."""
    if speaker is None:
        return None, False
    if speaker.kind == "pronoun":
        return _resolve_pronoun(speaker.text.lower(), book, last_person, para, at, context)
    if speaker.kind == "name":
        full = book.full_name(speaker.text, speaker.at, speaker.gender)
        if full == speaker.text and speaker.text.isupper():
            # a transcript label ("PENCE"): the full name if the article has one
            titled = book.full_name(speaker.text.title(), speaker.at)
            if titled != speaker.text.title():
                full = titled
        return full, True
    return speaker.text, name_key(speaker.text) in book.aliases


def _resolve_pronoun(
    pronoun: str,
    book: NameBook,
    last_person: _Found | None,
    para: int,
    at: int,
    context: _Context | None,
) -> tuple[str | None, bool]:
    """he/she: the person who is the subject of one of the last few sentences
    (and whose pronouns agree), else the last person quoted, else the last
    person named."""
    want = "m" if pronoun in ("he", "him", "his") else "f" if pronoun in ("she", "her") else None
    spans = context.sentences() if context is not None else []
    if pronoun in ("it", "they") and context is not None:
        # an organisation or a group: the last such subject, as written
        for begin, end in spans:
            for subject in context.subjects_of(begin, end):
                if (subject.kind == "phrase" and subject.text[:1].isupper()) or (
                    subject.text.split()[0].lower() == "the"
                ):
                    return subject.text, False
        return None, False
    if want is not None and context is not None:
        for begin, end in spans:
            for subject in context.subjects_of(begin, end):
                if subject.kind != "name":
                    continue
                full = book.full_name(subject.text, subject.at, want)
                if book.compatible(full, want) and (" " in full or name_key(full) in book.aliases):
                    return full, True
    if (
        last_person is not None
        and last_person.speaker
        and para - last_person.para <= 3
        and book.compatible(last_person.speaker, want)
    ):
        return last_person.speaker, True
    latest = book.latest_before(at)
    return latest, latest is not None


def _inherit(
    found: Sequence[_Found], para: int, text: str, s_start: int, open_at: int
) -> tuple[str | None, bool]:
    """An unattributed quotation continues the last speaker's words when it
    comes in the same or the next paragraph and starts its own sentence (or
    follows that speaker's quotation in the same sentence)."""
    last = found[-1]
    if last.speaker is None or para - last.para > 1:
        return None, False
    lead = text[s_start:open_at].strip()
    if lead and len(lead.split()) > 3 and last.para != para:
        return None, False
    return last.speaker, last.person


def _title_like(text: str, start: int, end: int) -> bool:
    """A short quoted passage in title case ("Face the Nation", "A Change Is
    Gonna Come") names a work or a programme."""
    if end - start > 60:
        return False
    words = _WORD_RE.findall(text, start, end)
    if not 2 <= len(words) <= 7 or not words[0][0].isupper():
        return False
    capitalised = sum(1 for w in words if w[0].isupper())
    return capitalised >= 2 and all(
        w[0].isupper() or w.isdigit() or w in _TITLE_SMALL_WORDS for w in words
    )


def _speechlike(text: str, start: int, end: int) -> bool:
    """An unattributed segment is kept when it reads as speech, not a title:
    four words or more and not every word capitalised."""
    if _word_count(text, start, end, SPEECH_WORDS) < SPEECH_WORDS:
        return False
    words = text[start:end].split()
    small = sum(1 for w in words if w[:1].islower())
    return small >= max(1, len(words) // 4)
