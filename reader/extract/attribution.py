"""Who said a quotation: the speech verb near it and its subject.

Works on the text around one quoted segment, bounded to its sentence (and to
a few hundred characters), so it costs the same for every quote whatever the
article's size. It returns the speaker *as written* (a name, a pronoun or a
noun phrase such as "a spokesman"); turning "Gao" or "he" into a full name is
done by the caller, which knows the whole article.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Literal


def word_list(words: str) -> list[str]:
    """Word lists are written as one string, for readability."""
    return words.split()


def word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


WINDOW = 400  # characters of context looked at on each side of a quote

# Speech verbs. Present-tense forms that are also common nouns (claims,
# reports, notes, calls...) are left out unless followed by "that".
_VERBS = word_list(
    """
    said says say saying told tells telling added adds adding noted noting argued
    argues arguing warned warns warning wrote writes writing asked asks asking
    insisted insists insisting recalled recalls recalling explained explains
    explaining continued continues declared declares declaring stated tweeted
    tweeting replied replying acknowledged acknowledges claimed claiming
    suggested suggests suggesting remarked joked quipped conceded concedes cautioned
    cautions predicted predicts predicting countered urged urges urging
    announced announces announcing reported reporting posted commented commenting
    responded responding answered admitted admits asserted asserts contended
    contends complained complains boasted boasts promised vowed
    pledged stressed stresses emphasized emphasised observed observes mentioned
    shouted yelled exclaimed chanted testified reiterated confirmed denied denies
    demanded wondered mused maintained maintains concluded concludes recounted
    described describes called dubbed labeled labelled read asserting
boasting declaring claiming conceding cautioning complaining explaining
recalling insisting answering replying responding joking quipping vowing
promising predicting stressing calling describing labeling labelling dubbing
urging warning vowing
    """
)
_THAT_VERBS = word_list(
    """
    claims reports notes states calls comments tweets replies promises vows reads posts
    counters
    """
)
SPEECH_VERBS = _VERB_SET = frozenset(_VERBS)
_PARTICIPLES = frozenset(v for v in _VERBS if v.endswith("ing"))
_TITLE_VERBS = "Says Said Tells Told Warns Asks Writes Wrote Urges Insists Argues Vows Calls Claims"

_VERB_RE = re.compile(
    r"(?<![-\w])(?:"
    + "|".join(sorted(_VERBS, key=len, reverse=True))
    + r"|(?:"
    + "|".join(_THAT_VERBS)
    + r")(?=\s+that\b|\s*[:.]|,?\s*[\"“‘])|"
    + "|".join(_TITLE_VERBS.split())
    + r")\b|\b[Aa]ccording to\b|\bper(?= [A-Z])|\bput it\b"
)
_PRONOUNS = word_set(
    """
    he she they i we it you his her
    """
)
_RELATIVE = frozenset(("who", "which", "that"))
_CONJ_RE = re.compile(
    r"^(?:and|but|or|so|yet|still|then|while|as|because|although|though|when|"
    r"after|before|since|if|where|meanwhile|later|instead|however)\b\s*",
    re.IGNORECASE,
)
_AUX = word_set(
    """
    has have had also later then once previously recently further again would will
    did does was is first simply just only even still repeatedly often always never
    himself herself themselves itself not could might may can should must reportedly
    subsequently initially finally
    """
)
_DETERMINERS = word_set(
    """
    a an the this that these those some several one two many
    """
)
_MALE_TITLES = word_set("Mr. Mr Sir Lord King Prince Father Congressman Councilman")
_FEMALE_TITLES = word_set("Mrs. Mrs Ms. Ms Miss Madam Dame Lady Queen Princess Congresswoman")
_POSSESSIVES = word_set("his her their its our my your")
_PREPS = word_set(
    """
    of for at from with in on
    """
)
_NP_STOP = word_set(
    """
    on in at during when after before while who as last this yesterday today earlier
    told to adding noting referring according because since about that whose which
    where than via through in
    """
)
TITLES = word_set(
    """
    Mr. Mr Mrs. Mrs Ms. Ms Miss Dr. Dr Prof. Professor Rev. Sen. Senator Rep.
    Representative Gov. Governor Lt. Gen. General Col. Colonel Capt. Captain Sgt.
    Adm. Admiral President Vice Former Secretary Speaker House Senate Majority
    Minority Leader Whip Chairman Chairwoman Chair Director Mayor Judge Justice
    Chief Attorney Press Minister Prime Foreign Defense Ambassador Commissioner
    Deputy Acting Assistant Sheriff Officer Detective Pastor Father Bishop Pope King
    Queen Prince Princess Sir Dame Lord Lady CEO Candidate Presidential Founder
    Spokesman Spokeswoman Sec. Supt. Insp. Congressman Congresswoman Councilman
    Councilwoman Commander Premier Chancellor Emir Sheikh Rabbi Imam
    """
)
_SENTENCE_END_RE = re.compile(r"[.!?…][\"”’')\]]*\s+(?=[\"“‘'(A-Z0-9])")
_SENTENCE_OR_LINE_RE = re.compile(r"[.!?…][\"”’')\]]*\s+(?=[\"“‘'(A-Z0-9])|\n+")
_ABBREV = word_set(
    """
    mr mrs ms dr gov sen rep st jr sr lt gen col capt sgt prof rev hon no inc co
    corp ltd vs etc jan feb aug sept sep oct nov dec u.s u.k u.n a.m p.m mass calif
    fla wis ill pa va ky tenn ariz colo conn mich minn ore wash n.y n.j d.c ga la md
    mo nev okla tex ala ark del ind kan miss neb wyo
    """
)
_LABEL_RE = re.compile(r"([A-Z][A-Z.'’ -]{1,40}):\s")
_CAP_WORD_RE = re.compile(r"[A-Z][\w'’.\-]*")
# Capitalised words that open a sentence or clause, not a name.
STARTERS = word_set(
    """
    In On At After Following Although Though During Last This That These Those But
    And When While Since Before As For From With By Meanwhile However Still Yet So
    Then Now Today Yesterday Earlier Later Asked If Because Under Over Speaking
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February
    March April June July August September October November December It There
    """
)
_PARTICLES = word_set(
    """
    de da di du van von der den del la le bin ibn al el y st.
    """
)

_PARTY_RE = re.compile(r"[DRI](?:-|$)")
_PAREN_RE = re.compile(r"\([^()]*\)")
_POSSESSIVE_RE = re.compile(r"(?:'s|’s|'|’)$")
_FIRST_CLAUSE_RE = re.compile(r"[,;:—–(\"“”]")
_CHUNK_RE = re.compile(r"[,;:()\"“”]|\s[—–-]{1,2}\s")
_LEAD_RE = re.compile(r"[\s,]*")
_DASH_RE = re.compile(r"[―—–-]+\s*")
_TAIL_CHUNK_RE = re.compile(r"[,;()\"“”]|\s[—–-]{1,2}\s")
_CAP_AFTER_RE = re.compile(r"\s*[A-Z][a-z]")
_SHORT_NAME_RE = re.compile(r"\s*[\w.'’ -]{1,60}[:,]\s*$")
_THAT_THE_RE = re.compile(r"\s*(?:that|the|a|an)\b", re.IGNORECASE)

_IRREGULAR = (
    "said|told|wrote|has|had|is|was|will|would|made|gave|took|went|came|got|sent|spoke|"
    "began|kept|held|left|met|ran|saw|sat|stood|thought|brought|felt|found|heard|knew|"
    "meant|paid|showed|won|put|set|let"
)
_FINITE_STRONG_RE = re.compile(r"\s(?:[a-z]+ed|" + _IRREGULAR + r")\b")
_FINITE_START_RE = re.compile(r"(?:[a-z]+ed|" + _IRREGULAR + r")\b")
_WHEN_RE = re.compile(
    r"\s(?:on (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|[A-Z][a-z]+ \d)"
    r"|at (?:a|an|the|his|her) |during|last (?:week|month|year|night)|"
    r"this (?:week|month|year|morning|afternoon|evening)|earlier|yesterday|today|"
    r"in (?:a|an|his|her|the) (?:statement|interview|speech|post|tweet|letter|release))\b"
)
_COMMA_NAME_RE = re.compile(r",\s+((?:[A-Z][\w'’.-]*\s?){1,4})(?=[,.;]|$)")
_FINITE_RE = re.compile(r"\s(?:[a-z]+s|[a-z]+ed|said|told|wrote|has|had|is|was|will|would)\b")

Kind = Literal["name", "pronoun", "phrase"]


@dataclass(frozen=True, slots=True)
class Speaker:
    """The speaker as the text gives it. `kind` says how to resolve it:
    a name (may be a surname only), a pronoun, or a noun phrase kept as written."""

    text: str
    kind: Kind
    at: int  # offset of the speaker phrase in the article text
    gender: str | None = None  # 'm' / 'f' from an honorific ("Mr.", "Mrs.")


def sentence_start(text: str, lo: int, pos: int) -> int:
    """Start of the sentence containing `pos`, not before `lo`."""
    lo = max(lo, pos - WINDOW)
    start = lo
    for m in _SENTENCE_END_RE.finditer(text, lo, min(len(text), pos + 1)):
        if m.end() <= pos and not _is_abbrev(text, m.start(), lo):
            start = m.end()
    return start


def sentence_starts(text: str, lo: int, hi: int, last: int = 0) -> list[int]:
    """Offsets where sentences (or lines) start in text[lo:hi], in order, `lo`
    first; with `last`, only the last that many (checked from the end, so the
    cost does not grow with the window)."""
    found = [
        m
        for m in _SENTENCE_OR_LINE_RE.finditer(text, lo, min(len(text), hi + 1))
        if lo < m.end() <= hi
    ]
    starts: list[int] = []
    for m in reversed(found):
        if text[m.start()] == "\n" or not _is_abbrev(text, m.start(), lo):
            starts.append(m.end())
            if last and len(starts) >= last:
                return starts[::-1]
    starts.append(lo)
    return starts[::-1]


def sentence_end(text: str, pos: int, hi: int) -> int:
    """End of the sentence that continues at `pos`, not after `hi`."""
    hi = min(hi, pos + WINDOW)
    for m in _SENTENCE_END_RE.finditer(text, pos, min(len(text), hi + 1)):
        if m.end() <= hi and not _is_abbrev(text, m.start(), pos):
            return m.start() + 1
    return hi


def _is_abbrev(text: str, dot: int, lo: int) -> bool:
    if text[dot] != ".":
        return False
    j = dot
    while j > lo and not text[j - 1].isspace():
        j -= 1
    word = text[j:dot].lower().lstrip('("“')
    return word in _ABBREV or (len(word) == 1 and word.isalpha()) or "." in word


def speaker_label(text: str, start: int, end: int) -> tuple[int, str] | None:
    """A transcript label at the start of a quote ("WALLACE: ..."): its length
    and the label."""
    m = _LABEL_RE.match(text, start, min(end, start + 44))
    if m is None or not any(c.isalpha() for c in m.group(1)):
        return None
    return m.end() - start, m.group(1).strip()


def _words(chunk: str) -> list[str]:
    return chunk.split()


def _strip_trailing_aux(chunk: str) -> str:
    words = _words(chunk)
    while words and (
        words[-1].lower() in _AUX or (words[-1].endswith("ly") and words[-1].islower())
    ):
        words.pop()
    return " ".join(words)


def _strip_conj(chunk: str) -> str:
    prev = None
    while prev != chunk:
        prev = chunk
        chunk = _CONJ_RE.sub("", chunk, count=1).strip()
    return chunk


def _is_name_chunk(chunk: str) -> bool:
    """A chunk that is only a (titled) name: "Rep. Jim Jordan", "Mr. King"."""
    words = _words(chunk)
    return (
        0 < len(words) <= 6
        and all(w[0].isupper() or w.lower() in _PARTICLES for w in words)
        and words[0].lower() not in _DETERMINERS
        and words[0] not in STARTERS
        and not (len(words) == 1 and words[0].endswith("."))
    )


def _is_appositive(chunk: str) -> bool:
    """Words that describe a name rather than stand for one: "an economist",
    "of Ashton", "59", "R-Utah", "Md."."""
    words = _words(chunk)
    if not words:
        return True
    first = words[0]
    if first.lower() in _PRONOUNS and first.lower() not in _POSSESSIVES:
        return False  # "he", but not "his sister"
    if first[0].isdigit() or _PARTY_RE.match(first):
        return True
    if len(words) == 1 and first.endswith(".") and first[0].isupper():
        return True  # a state abbreviation after a town
    return first[0].islower()


def _antecedent(chunks: Sequence[str], idx: int) -> str | None:
    """Walk back from chunk `idx` over descriptions to the name they describe."""
    j = idx
    while j >= 0 and _is_appositive(chunks[j]) and not _is_name_chunk(chunks[j]):
        run = _titled_run(chunks[j])
        if run:
            return run  # "panel Chairman Rep. Jason Chaffetz"
        j -= 1
    if j < 0:
        return None
    cand = _strip_conj(chunks[j])
    if _is_name_chunk(cand):
        return cand
    run = trailing_run(cand)
    return run or None


def _titled_run(chunk: str) -> str | None:
    """The name ending a lowercase-led chunk ("panel Chairman Rep. X"), but not
    an organisation after a preposition ("a writer for The Atlantic")."""
    run = trailing_run(chunk)
    if not run:
        return None
    before = chunk.strip()[: -len(run)].split() if chunk.strip().endswith(run) else []
    if not before or before[-1].lower() in _PREPS | _DETERMINERS or run.split()[0] == "The":
        return None
    if not any(w in TITLES for w in run.split()):
        return None
    return run


def trailing_run(chunk: str) -> str:
    """The capitalised words that end `chunk` ("Xiaomi founder Lei Jun" -> "Lei Jun")."""
    words = _words(chunk.strip().rstrip(",.;:!?"))
    run: list[str] = []
    for w in reversed(words):
        if w[0].isupper() or (run and w.lower() in _PARTICLES):
            run.append(w)
        else:
            break
    run.reverse()
    while run and run[0].lower() in _PARTICLES:
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


def classify_phrase(phrase: str, at: int) -> Speaker | None:
    """Turn a subject phrase into a Speaker: a person's name when the phrase
    ends in one, else the phrase as written."""
    phrase = _PAREN_RE.sub(" ", phrase).split("(")[0]
    phrase = _strip_conj(phrase.strip(" ,;:—–-\"“”'‘’()"))
    phrase = _POSSESSIVE_RE.sub("", phrase).strip()
    if not phrase:
        return None
    words = _words(phrase)
    if words[0].islower() and words[0].endswith(("ing", "ed")) and not words[-1][0].isupper():
        return None  # "saying anybody", but not "retired general Lloyd Newton"
    if len(words) == 1 and words[0].lower() in _PRONOUNS:
        return Speaker(words[0], "pronoun", at)
    if words[0] in STARTERS:
        # an adverbial ("In August", "Friday") is no speaker, but one can end
        # in the subject ("In a Bloomberg interview Trump")
        run = trailing_run(phrase)
        if run and len(run.split()) < len(words) and run.split()[0] not in STARTERS:
            prev_word = words[len(words) - len(run.split()) - 1]
            if prev_word.islower() and prev_word not in _PREPS:
                return classify_phrase(run, at)
        return None
    lead = 0
    while lead < len(words) and (words[lead][0].isupper() or words[lead] in _PARTICLES):
        lead += 1
    if 0 < lead < len(words) and words[0].lower() not in _DETERMINERS:
        nxt = words[lead]
        if nxt in _VERB_SET or nxt in _AUX or nxt == "and" or nxt.endswith("ed"):
            words = words[:lead]  # "Sanders said", "Scott beamed and"
            phrase = " ".join(words)
    if len(words) > 14:
        return None
    core_words: list[str] = []
    for w in words:
        if w.lower() in _PREPS and core_words:
            break
        core_words.append(w)
    core = " ".join(core_words)
    if " and " in core or " & " in core:
        return Speaker(_drop_when(phrase), "phrase", at)  # two speakers together
    run = trailing_run(core)
    if run and core.endswith(run.split()[-1]):
        before = core[: len(core) - len(run)].split()
        titled = run.split()[0] in TITLES
        if run.split()[0] == "The" or (
            before and before[-1].lower() in _DETERMINERS and not titled
        ):
            return Speaker(_drop_when(phrase if len(words) <= 8 else core), "phrase", at)
        name = strip_titles(run)
        bare_title = len(run.split()) == 1 and (run in TITLES or run + "." in TITLES)
        if name and not bare_title:
            return Speaker(name, "name", at, _honorific_gender(run))
    if words[0][0].isupper() and words[0].lower() not in _DETERMINERS and len(words) > 5:
        return None
    return Speaker(_drop_when(phrase), "phrase", at)


def _drop_when(phrase: str) -> str:
    """ "The council on Friday" -> "The council": when and where are not the speaker."""
    m = _WHEN_RE.search(phrase)
    return phrase[: m.start()] if m and len(phrase[: m.start()].split()) >= 2 else phrase


def _honorific_gender(run: str) -> str | None:
    for word in run.split()[:-1]:
        if word in _MALE_TITLES:
            return "m"
        if word in _FEMALE_TITLES:
            return "f"
    return None


def clause_subjects(text: str, lo: int, hi: int) -> Iterator[Speaker]:
    """Candidate subjects of the clauses in text[lo:hi], in order: the words
    before each chunk's first finite verb."""
    region = _PAREN_RE.sub(" ", text[lo:hi]).lstrip(" ,;:—–\"“”'‘’")
    chunks = [c.strip() for c in _FIRST_CLAUSE_RE.split(region)]
    for k, chunk in enumerate(chunks):
        cut = _FINITE_STRONG_RE.search(" " + chunk) or _FINITE_RE.search(" " + chunk)
        if cut is None:
            continue
        subject = _strip_conj(chunk[: cut.start()].strip())
        if not subject and k:
            # "Hana Sato, his sister, runs the yard": the name before the aside
            subject = _antecedent(chunks, k - 1) or ""
        speaker = classify_phrase(subject, lo) if subject else None
        if speaker is not None:
            yield speaker


def clause_subject(text: str, lo: int, hi: int) -> Speaker | None:
    """The subject of the main clause in text[lo:hi]: the words before the
    first finite verb, skipping openers ("During the speech, Trump attacked
    ..., saying" -> Trump; "X denies ..., saying" -> X)."""
    for speaker in clause_subjects(text, lo, hi):
        return speaker
    region = _PAREN_RE.sub(" ", text[lo:hi]).lstrip(" ,;:—–\"“”'‘’")
    chunks = _FIRST_CLAUSE_RE.split(region)
    return classify_phrase(_strip_conj(chunks[0].strip()), lo) if chunks else None


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
    region = _strip_trailing_aux(region.rstrip())
    chunks = [c.strip() for c in _CHUNK_RE.split(region)]
    chunks = [c for c in chunks if c]
    if not chunks:
        return None
    last = _strip_conj(chunks[-1])
    inner = list(_VERB_RE.finditer(last))
    if inner and last[inner[-1].end() :].strip().lower() in ("he", "she"):
        # "Lynch said she recalled": she is the one named before
        named = classify_phrase(_strip_conj(last[: inner[-1].start()].strip()), lo)
        if named is not None and named.kind == "name":
            return named
    if inner:
        # "The statement noted they (said)": the nearest clause's subject
        last = _strip_conj(last[inner[-1].end() :].strip())
        if last.lower().startswith("that "):
            last = last[5:]
        chunks[-1] = last
        if not last:
            return None
    idx = len(chunks) - 1
    if last[:1].islower() and _FINITE_START_RE.match(last):
        # "Donald Trump, her opponent, bemoaned the unrest and said"
        return clause_subject(text, lo, verb_at)
    last_words = last.lower().split()
    if len(last_words) > 1 and last_words[-1] in _RELATIVE:
        return None  # "anybody who complains": a relative clause, not a speaker
    if last.lower() in _RELATIVE or last.lower().startswith(("who ", "which ")):
        # "Lei Jun, founder of Xiaomi, who said"
        name = _antecedent(chunks, idx - 1)
        return classify_phrase(name, lo) if name else None
    if idx > 0 and _is_appositive(last):
        # "Alan Cole, an economist at the Tax Foundation, said"
        name = _antecedent(chunks, idx - 1)
        if name is not None and _is_name_chunk(name):
            return classify_phrase(name, lo)
        if _is_appositive(last) and not last[:1].islower():
            return None  # "R-Utah", "59": a description with nothing to describe
    # a subject is short; a long chunk is a clause ending in the subject
    words = _words(last)
    if len(words) > 8:
        run = trailing_run(last)
        return classify_phrase(run, lo) if run else None
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
            if not (bare.lower() in _ABBREV or len(bare) == 1 or "." in bare):
                word, stop = bare, True
        if word.lower() in _NP_STOP and words:
            break
        if word:
            words.append(word)
        if stop:
            break
    return " ".join(words)


def has_sentence_end(text: str, lo: int, hi: int) -> bool:
    return any(
        m.end() <= hi and not _is_abbrev(text, m.start(), lo)
        for m in _SENTENCE_END_RE.finditer(text, lo, min(len(text), hi + 1))
    )


def _named_after_role(text: str, pos: int, phrase: str, hi: int) -> Speaker | None:
    """`said her lawyer, Tom Brady`: a role, then the person's name."""
    if not phrase or phrase[0].isupper() or phrase.split()[0].lower() in _PRONOUNS - _POSSESSIVES:
        return None
    after = text.find(phrase, pos, hi)
    if after < 0:
        return None
    m = _COMMA_NAME_RE.match(text, after + len(phrase), hi)
    if m is None:
        return None
    speaker = classify_phrase(m.group(1).strip().rstrip(".,;"), m.start(1))
    return speaker if speaker is not None and speaker.kind == "name" else None


def from_tail(text: str, pos: int, hi: int) -> Speaker | None:
    """Attribution right after a quote: `"…," X said` / `said X` / `according to X`."""
    m = _LEAD_RE.match(text, pos, hi)
    start = m.end() if m else pos
    dash = _DASH_RE.match(text, start, hi)
    if dash:
        # `"…" — Name` (a signed quotation)
        start = dash.end()
        phrase = phrase_after(text, start, hi)
        if phrase and phrase[0].isupper() and not _VERB_RE.search(phrase):
            return classify_phrase(phrase, start)
    verb = _VERB_RE.search(text, start, hi)
    if verb is None:
        return None
    if verb.start() == start or text[start : verb.start()].strip().lower() in _AUX:
        # inverted: `said X` / `according to X`
        if verb.group() in ("per",) or verb.group().endswith("ing"):
            return None
        phrase = phrase_after(text, verb.end(), hi)
        if not phrase or phrase.split()[0].lower() == "that":
            return None
        named = _named_after_role(text, verb.end(), phrase, hi)
        if named is not None:
            return named
        first = phrase.split()[0]
        if (
            verb.group().lower() == "according to"
            or first[0].isupper()
            or first.lower() in _DETERMINERS | _PRONOUNS
            or phrase.split()[-1][0].isupper()  # "said 9/11 widow Terry Strada"
        ):
            return classify_phrase(phrase, verb.end())
        return None
    if verb.group().lower() == "according to":
        return None
    subject = text[start : verb.start()]
    if len(subject) > 250 or has_sentence_end(text, start, verb.start()):
        return None
    if verb.group() in _PARTICIPLES:
        return subject_before(text, start, verb.start(), participle=True)
    chunks = [c.strip() for c in _TAIL_CHUNK_RE.split(subject)]
    first = _strip_conj(chunks[0]) if chunks else ""
    if not first:
        return None
    words = _words(_strip_trailing_aux(first))
    if len(chunks) == 1 and len(words) > 8:
        return None
    if not words:
        return None
    first_word = words[0]
    if first_word[0].isupper() or first_word.lower() in _DETERMINERS | _PRONOUNS:
        return classify_phrase(" ".join(words), start)
    # `"…" of the plan, Mr. X said`: the subject is next to the verb
    return subject_before(text, start, verb.start(), participle=False)


def _after_determiner(text: str, lo: int, verb: re.Match[str]) -> bool:
    """ "a warning", "the reading", "his claims": a noun, not a speech verb."""
    words = text[max(lo, verb.start() - 12) : verb.start()].split()
    return bool(words) and words[-1].lower() in _DETERMINERS | _POSSESSIVES


def from_head(text: str, lo: int, pos: int, headline: bool) -> Speaker | None:
    """Attribution before a quote, in its sentence: `X said: "…"`, `X said that
    "…"`, `according to X, "…"`, `X said the plan was "…"`, `Name: '…'`."""
    verbs = [v for v in _VERB_RE.finditer(text, lo, pos) if not _after_determiner(text, lo, v)]
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
            _CAP_AFTER_RE.match(after)
            and _SHORT_NAME_RE.match(after)
            and not _THAT_THE_RE.match(after)
        ):
            # inverted before the quote: `said X: "…"`
            phrase = phrase_after(text, verb.end(), pos)
            if phrase:
                return classify_phrase(phrase, verb.end())
        speaker = subject_before(text, lo, verb.start(), word.lower() in _PARTICIPLES)
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
