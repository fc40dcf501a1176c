"""A person's role as the article states it.

Three shapes, tried in this order of trust:
  * an appositive after the name: "Zhou Mi, a senior research fellow at ...,";
  * a title written before the name: "US President Donald Trump";
  * a photo credit: "Photo: Tao Mingyang/GT" -> "photographer";
  * a role noun just before the name: "Xiaomi founder Lei Jun", "coach Glenn Hoddle".
"""

from __future__ import annotations

import re

from reader.extract.people.lexicon import ROLE_ADJECTIVES, ROLE_NOUNS

_APPOSITIVE = re.compile(
    r",[ \t]+(?P<article>(?:a|an|the)[ \t]+)?(?P<role>[^,.;:!?\"“”()\n]{2,160}?)"
    r"(?=[ \t]*(?:[,.;:!?\"“”()\n]|$|[ \t]+(?:who|whom|which|whose|that|said|says|told|added)\b))"
)
_CREDIT = re.compile(
    r"(?:\b(?:photo|photos|photograph|photographs|picture|pictures|image|images|credit|"
    r"photo credit)\b[ \t]*(?:by\b)?[ \t]*[:：]?|\bphotographed[ \t]+by)[ \t]*$",
    re.IGNORECASE,
)
_ILLUSTRATION = re.compile(r"\b(?:illustration|graphic|graphics|cartoon)[ \t]*[:：]?[ \t]*$", re.I)
_AFTER_HEAD = frozenset(
    {"of", "at", "for", "in", "with", "to", "from", "on", "and", "&", "or", "since", "under"}
)
_NOT_MODIFIERS = frozenset(
    {"who", "whom", "whose", "which", "that", "said", "says", "told", "is", "was", "has", "had"}
)
_REPORTING = re.compile(r"\b(?:reporting|reported|writing|written)[ \t]+by[ \t]*$", re.I)
_EDITING = re.compile(r"\bedit(?:ing|ed)[ \t]+by[ \t]*$", re.I)
_OF_BEFORE = re.compile(r"(?<![\w.])(?:[A-Z][\w&'’-]*[ \t]+){1,3}of[ \t]+(?:the[ \t]+)?$")
_WORD = re.compile(r"[\w'’.-]+")
_LEAD_ARTICLES = re.compile(r"^(?:the|a|an|its|his|her|their|our)\s+", re.IGNORECASE)


def appositive_role(text: str, end: int, *, article: bool = False) -> str | None:
    """The role phrase right after a name ending at `end`, if its head is a role
    noun. With `article`, only one that opens with a/an/the ("Lebed, the
    Kremlin security chief,"), which may then hold any words before its head."""
    match = _APPOSITIVE.match(text, end, min(len(text), end + 200))
    if match is None or (article and not match.group("article")):
        return None
    free = bool(match.group("article"))
    role = match.group("role").strip()
    words = _WORD.findall(role)
    if not words:
        return None
    # The head noun must come early: "a senior research fellow at ..." but not
    # "45, takes on ..." or a list of other names.
    for index, word in enumerate(words[:6]):
        lowered = word.lower()
        if lowered in ROLE_NOUNS:
            after = (words[index + 1] if index + 1 < len(words) else "").lower()
            if after in ROLE_NOUNS or after in ROLE_ADJECTIVES:
                continue  # "executive director", "chief executive", "secretary general"
            if not after or after in _AFTER_HEAD:
                return role
            return None  # "the mayor also said", "the baseball player Willie Mays"
        if lowered in _NOT_MODIFIERS:
            return None
        if not free and lowered not in ROLE_ADJECTIVES and not _modifier(word, index):
            return None
    return None


def _modifier(word: str, index: int) -> bool:
    """Words allowed before the head noun: adjectives, org names, "and", "of"."""
    lowered = word.lower()
    return lowered in {"and", "of", "&", "co-", "vice"} or (word[:1].isupper() and index < 4)


def credit_role(text: str, start: int) -> str | None:
    """'photographer' when the name follows a photo credit marker ("Photo: ")."""
    before = text[max(0, start - 30) : start]
    if _CREDIT.search(before):
        return "photographer"
    if _ILLUSTRATION.search(before):
        return "illustrator"
    if _REPORTING.search(before):
        return "reporter"
    if _EDITING.search(before):
        return "editor"
    return None


def extend_back(text: str, start: int) -> int:
    """Where a title that starts at `start` really starts when an "X of"
    phrase comes before it: "Bank of | England Governor"."""
    match = _OF_BEFORE.search(text, max(0, start - 60), start)
    return match.start() if match else start


def descriptor_role(text: str, start: int) -> str | None:
    """A role noun directly before the name, with the words that qualify it
    ("Xiaomi founder", "new coach", "Eagles owner")."""
    before = text[max(0, start - 80) : start]
    if not before.endswith((" ", "\t")):
        return None
    before = before[before.rfind("\n") + 1 :]  # a role never starts on the line above
    words = before.split()
    if not words or words[-1].lower() not in ROLE_NOUNS:
        return None
    kept = [words[-1]]
    for word in reversed(words[:-1]):
        if word.endswith((",", ".", ";", ":", '"', "“", "”", "(", ")")):
            break
        if not (word[:1].isupper() or word.lower() in ROLE_ADJECTIVES or word[:1].isdigit()):
            break
        kept.append(word)
        if len(kept) >= 4:
            break
    return " ".join(reversed(kept))


def clean_role(role: str) -> str:
    """Drop a leading article and surrounding punctuation."""
    role = _LEAD_ARTICLES.sub("", role.strip(" \t,;:"))
    return " ".join(role.split())
