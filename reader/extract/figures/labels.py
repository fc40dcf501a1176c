"""Is a number an identifier? Words before a number that name rather than count.

"Section 427", "iPhone 14", "S&P 500", "Ligue 1", "BBC One": the word before
the number (a known label, or any capitalised word that is not a function
word) says the number identifies something. Title Case lines (headlines)
are exempt, since there every word is capitalised. All looks are bounded
windows of a few dozen characters.
"""

from __future__ import annotations

import re

_NEXT_TOKEN_RE = re.compile(r"[ \u00a0]*(?P<t>[^\s]+)")


def word_set(text: str) -> frozenset[str]:
    """A set of words written as one string (keeps long word lists readable)."""
    return frozenset(text.split())


# Words that name the thing a number identifies: "Section 427", "Model 3".
LABEL_WORDS = word_set(
    """section article row seat game model chapter no no. nos number flight route highway
    interstate level stage phase part room gate platform terminal channel week round
    grade season episode verse clause paragraph item bill resolution proposition prop
    amendment windows ios android iphone ipad pixel galaxy xbox playstation ps covid type
    version v ver category class series formula apollo boeing airbus vol volume issue act
    title district ward precinct unit apt suite box lot tier division track disc opus op
    psalm sp s&p nasdaq ftse dax cac nikkei asx stoxx russell fortune forbes msci kospi
    sensex nifty mark mk gen generation jersey exit pier zone area floor block building
    psalms luke john matthew mark genesis exodus page pages fig figure table appendix"""
)
# Capitalised words that may stand right before a quantity ("About 300", "The 12").
FUNCTION_WORDS = word_set(
    """the a an about around over under nearly almost just only some roughly approximately
    more less fewer than with without to from by at in on of for and or but nor up down
    top bottom since until till between another all each every those these its it's their
    his her our my your we they i he she it exactly estimated least when as per plus minus
    after before during within total if then so now also still while once has have had
    was were is are be been being will would could can may might should must said says
    say where why how what who which there here last next past other such both many few
    several any not no just even almost scored score won win lost beat led leads including
    excluding among across like unlike via toward towards against beyond below above near
    versus vs despite amid following nearly fully another additional extra"""
)


def previous_word(text: str, pos: int) -> str:
    """The whitespace-separated token just before pos (bounded look-back)."""
    window = text[max(0, pos - 40) : pos]
    window = window[window.rfind("\n") + 1 :].rstrip()
    return window.rsplit(None, 1)[-1] if window else ""


def next_word(text: str, pos: int) -> str:
    found = _NEXT_TOKEN_RE.match(text, pos, min(len(text), pos + 40))
    return found.group("t") if found else ""


def is_label(text: str, start: int, word: str, number_text: str) -> bool:
    """Is `word` the name of what the number identifies ("Section 427")?
    Any capitalised word counts ("Galaxy 9", "Ligue 1") except function
    words, possessives, and words in a Title Case line ("Firm Hires 300 Staff")."""
    if not word or (word[-1] in ".,;:!?)\"”’'" and word.lower() not in ("no.", "nos.")):
        return False
    low = word.lower()
    if low in LABEL_WORDS or any(part in LABEL_WORDS for part in re.split(r"[/&]", low)):
        return True  # "Section 427", "S&P/ASX 200"
    if len(low) == 1 and low.isalpha() and low not in ("a", "i", "x"):
        return True  # "s p 500", "Model S 3": a lone letter names, it does not count
    has_upper = word != word.lower()
    whole, _, decimals = number_text.partition(".")
    # "Section 427", "Windows 3.1", "Web 3.0": short numbers, few decimals.
    plain = "," not in number_text and (
        len(number_text) <= 4 if not decimals else len(whole) <= 2 and len(decimals) <= 2
    )
    if not (has_upper and plain) or low in FUNCTION_WORDS or low.endswith(("'s", "’s")):
        return False
    return not title_case_line(text, start)


def capitalised_mid_sentence(text: str, start: int, before: str) -> bool:
    if not text[start].isupper() or not before or before[-1] in ".!?:;\"“‘'(—–-":
        return False
    return not title_case_line(text, start)


def title_case_line(text: str, pos: int) -> bool:
    """Do most words around pos (on its line) start with a capital?"""
    left = text.rfind("\n", max(0, pos - 60), pos) + 1 or max(0, pos - 60)
    right = text.find("\n", pos, pos + 60)
    words = [w for w in text[left : right if right >= 0 else pos + 60].split() if w[0].isalpha()]
    if len(words) < 5:
        return False
    return sum(w[0].isupper() for w in words) >= 0.75 * len(words)
