"""Who said a quotation: the speech verb near it and its subject.

Works on the text around one quoted segment, bounded to its sentence (and to
a few hundred characters), so it costs the same for every quote whatever the
article's size. It returns the speaker *as written* (a name, a pronoun or a
noun phrase such as "a spokesman"); turning "Gao" or "he" into a full name is
done by the caller, which knows the whole article.
"""

from __future__ import annotations

import re

from reader.extract.quotes.attribution_phrases import (
    Speaker,
    antecedent,
    classify_phrase,
    clause_subject,
    is_appositive,
    is_name_chunk,
    split_words,
    strip_conj,
    strip_trailing_aux,
    trailing_run,
)
from reader.extract.quotes.attribution_text import has_sentence_end
from reader.extract.quotes.attribution_words import (
    ABBREV,
    AUX,
    CAP_AFTER_RE,
    CHUNK_RE,
    CIRCUMSTANCE_NOUNS,
    CLAUSE_VERBS,
    COMMA_NAME_RE,
    DASH_RE,
    DETERMINERS,
    FINITE_START_RE,
    FINITE_STRONG_RE,
    GROUP_PP_RE,
    LEAD_RE,
    NP_STOP,
    PARTICIPLES,
    POSSESSIVES,
    PREPS,
    PRONOUNS,
    RELATIVE,
    SHORT_NAME_RE,
    SUBORDINATE_RE,
    TAIL_CHUNK_RE,
    THAT_THE_RE,
    VERB_RE,
)


def subject_before(text: str, lo: int, verb_at: int, participle: bool) -> Speaker | None:
    """The subject of a speech verb at `verb_at`, read back to `lo`."""
    region = text[lo:verb_at]
    if participle:
        near = trailing_run(region)
        if near and region.rstrip()[-1:].isalpha():
            # "footage of Hillary Clinton asking": the name right before
            speaker = classify_phrase(near, lo)
            if speaker is not None:
                return speaker
        return clause_subject(text, lo, verb_at)
    region = strip_trailing_aux(region.rstrip())
    chunks = [c.strip() for c in CHUNK_RE.split(region)]
    chunks = [c for c in chunks if c]
    if not chunks:
        return None
    last = strip_conj(chunks[-1])
    inner = list(VERB_RE.finditer(last))
    if inner and last[inner[-1].end() :].strip().lower() in ("he", "she"):
        # "Lynch said she recalled": she is the one named before
        named = classify_phrase(strip_conj(last[: inner[-1].start()].strip()), lo)
        if named is not None and named.kind == "name":
            return named
    if inner:
        # "The statement noted they (said)": the nearest clause's subject
        last = strip_conj(last[inner[-1].end() :].strip())
        if last.lower().startswith("that "):
            last = last[5:]
        chunks[-1] = last
        if not last:
            return None
    idx = len(chunks) - 1
    if last[:1].islower() and FINITE_START_RE.match(last):
        # "Donald Trump, her opponent, bemoaned the unrest and said"
        return clause_subject(text, lo, verb_at)
    last_words = last.lower().split()
    if len(last_words) > 1 and last_words[-1] in RELATIVE:
        return None  # "anybody who complains": a relative clause, not a speaker
    if last.lower() in RELATIVE or last.lower().startswith(("who ", "which ")):
        # "Lei Jun, founder of Xiaomi, who said"
        name = antecedent(chunks, idx - 1)
        return classify_phrase(name, lo) if name else None
    if idx > 0 and is_appositive(last):
        # "Alan Cole, an economist at the Tax Foundation, said"
        name = antecedent(chunks, idx - 1)
        if name is not None and is_name_chunk(name):
            return classify_phrase(name, lo)
        if is_appositive(last) and not last[:1].islower():
            return None  # "R-Utah", "59": a description with nothing to describe
    if last.endswith(" and") and FINITE_STRONG_RE.search(" " + last):
        # "The nominee outlined his plan and vowed": the first verb's subject
        return clause_subject(text, lo, verb_at)
    # a subject is short; a long chunk is a clause ending in the subject
    words = split_words(last)
    if len(words) > 8:
        run = trailing_run(last)
        if run:
            return classify_phrase(run, lo)
        if words[0].lower() in DETERMINERS and not FINITE_STRONG_RE.search(" " + last):
            # "the former secretary of state and current presidential nominee"
            return classify_phrase(last, lo)
        return None
    return classify_phrase(last, lo)


def phrase_after(text: str, pos: int, hi: int) -> str:
    """The noun phrase that follows a verb: up to punctuation (a full stop
    after an abbreviation or an initial does not count) or a clause word."""
    words: list[str] = []
    for raw in text[pos : min(hi, pos + 200)].split():
        if raw[0] in '("“”‘—–[' or raw in ("-", "--"):
            break
        word = raw.rstrip(',;:!?)"”’')
        stop = word != raw
        if word.endswith("."):
            bare = word[:-1]
            if not (bare.lower() in ABBREV or len(bare) == 1 or "." in bare):
                word, stop = bare, True
        if word.lower() in NP_STOP and words:
            break
        if word:
            words.append(word)
        if stop:
            break
    return " ".join(words)


def _named_after_role(text: str, pos: int, phrase: str, hi: int) -> Speaker | None:
    """`said her lawyer, Tom Brady`: a role, then the person's name."""
    if not phrase or phrase[0].isupper() or phrase.split()[0].lower() in PRONOUNS - POSSESSIVES:
        return None
    after = text.find(phrase, pos, hi)
    if after < 0:
        return None
    m = COMMA_NAME_RE.match(text, after + len(phrase), hi)
    if m is None:
        return None
    speaker = classify_phrase(m.group(1).strip().rstrip(".,;"), m.start(1))
    return speaker if speaker is not None and speaker.kind == "name" else None


def _group_of(text: str, pos: int, hi: int) -> str:
    """ "one source on the panel", "an aide in the office": where a speaker
    known only by role belongs is part of who they are; "on the phone", "in a
    statement" or "at the time" is how or when, and is left out."""
    m = GROUP_PP_RE.match(text, pos, hi)
    if m is None or m.group(2).lower() in CIRCUMSTANCE_NOUNS:
        return ""
    return m.group(1)


def from_tail(text: str, pos: int, hi: int) -> Speaker | None:
    """Attribution right after a quote: `"…," X said` / `said X` / `according to X`."""
    m = LEAD_RE.match(text, pos, hi)
    start = m.end() if m else pos
    if SUBORDINATE_RE.match(text, start, hi):
        return None  # `"…," while 73 percent said`: a contrast, not an attribution
    dash = DASH_RE.match(text, start, hi)
    if dash:
        # `"…" — Name` (a signed quotation)
        start = dash.end()
        phrase = phrase_after(text, start, hi)
        if phrase and phrase[0].isupper() and not VERB_RE.search(phrase):
            return classify_phrase(phrase, start)
    verb = VERB_RE.search(text, start, hi)
    if verb is None:
        return None
    if verb.start() == start or text[start : verb.start()].strip().lower() in AUX:
        # inverted: `said X` / `according to X`
        if verb.group() in ("per",) or verb.group().endswith("ing"):
            return None
        phrase = phrase_after(text, verb.end(), hi)
        if not phrase or phrase.split()[0].lower() == "that":
            return None
        if any(w in CLAUSE_VERBS for w in phrase.lower().split()[1:]):
            return None  # `…," said the bus lanes had won him over`: what was said
        named = _named_after_role(text, verb.end(), phrase, hi)
        if named is not None:
            return named
        first = phrase.split()[0]
        if (
            verb.group().lower() == "according to"
            or first[0].isupper()
            or first.lower() in DETERMINERS | PRONOUNS
            or phrase.split()[-1][0].isupper()  # "said 9/11 widow Terry Strada"
        ):
            if first.lower() in DETERMINERS and phrase.split()[-1].islower():
                phrase += _group_of(text, text.find(phrase, verb.end(), hi) + len(phrase), hi)
            return classify_phrase(phrase, verb.end())
        return None
    if verb.group().lower() == "according to":
        return None
    subject = text[start : verb.start()]
    if len(subject) > 250 or has_sentence_end(text, start, verb.start()):
        return None
    if verb.group() in PARTICIPLES:
        return subject_before(text, start, verb.start(), participle=True)
    chunks = [c.strip() for c in TAIL_CHUNK_RE.split(subject)]
    first = strip_conj(chunks[0]) if chunks else ""
    if not first:
        return None
    words = split_words(strip_trailing_aux(first))
    if len(chunks) == 1 and len(words) > 8:
        # "Commissioner Ana Ruiz of the Federal Maritime Commission said": a
        # titled name, then where the person works
        cut = next((i for i, w in enumerate(words) if w in PREPS), 0)
        if 2 <= cut <= 5 and all(w[0].isupper() for w in words[:cut]):
            return classify_phrase(" ".join(words[:cut]), start)
        return None
    if not words:
        return None
    first_word = words[0]
    if first_word[0].isupper() or first_word.lower() in DETERMINERS | PRONOUNS:
        return classify_phrase(" ".join(words), start)
    # `"…" of the plan, Mr. X said`: the subject is next to the verb
    return subject_before(text, start, verb.start(), participle=False)


def _after_determiner(text: str, lo: int, verb: re.Match[str]) -> bool:
    """ "a warning", "the reading", "his claims": a noun, not a speech verb."""
    words = text[max(lo, verb.start() - 12) : verb.start()].split()
    return bool(words) and words[-1].lower() in DETERMINERS | POSSESSIVES


def from_head(text: str, lo: int, pos: int, headline: bool) -> Speaker | None:
    """Attribution before a quote, in its sentence: `X said: "…"`, `X said that
    "…"`, `according to X, "…"`, `X said the plan was "…"`, `Name: '…'`."""
    verbs = [v for v in VERB_RE.finditer(text, lo, pos) if not _after_determiner(text, lo, v)]
    if (
        len(verbs) > 1
        and verbs[0].group().lower() == "according to"
        and not text[lo : verbs[0].start()].strip(" ,\"“”'‘’—–-")
    ):
        # `According to the Ledger, her aide said "…"`: the source the
        # sentence opens with is the one the reporter cites
        phrase = phrase_after(text, verbs[0].end(), pos)
        if phrase:
            cited = classify_phrase(phrase, verbs[0].end())
            if cited is not None:
                return cited
    for verb in reversed(verbs):
        word = verb.group()
        if word.lower() == "according to" or word == "per":
            phrase = phrase_after(text, verb.end(), pos)
            if phrase:
                return classify_phrase(phrase, verb.end())
            continue
        after = text[verb.end() : pos]
        at_start = not text[lo : verb.start()].strip(" ,\"“”'‘’—–-")
        if word[0].isupper() and not (headline or at_start):
            continue
        if at_start and (
            CAP_AFTER_RE.match(after)
            and SHORT_NAME_RE.match(after)
            and not THAT_THE_RE.match(after)
        ):
            # inverted before the quote: `said X: "…"`
            phrase = phrase_after(text, verb.end(), pos)
            if phrase:
                return classify_phrase(phrase, verb.end())
        speaker = subject_before(text, lo, verb.start(), word.lower() in PARTICIPLES)
        if speaker is not None:
            return speaker
    if not headline and text[lo:pos].rstrip().endswith(":"):
        # `Sen. X scolded him: "…"`
        return clause_subject(text, lo, pos)
    if headline:
        m = re.match(r"\s*([^:]{2,60}):\s*$", text[lo:pos]) or re.match(
            r"\s*([A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3}):", text[lo:pos]
        )
        if m:
            return classify_phrase(m.group(1), lo)
    return None
