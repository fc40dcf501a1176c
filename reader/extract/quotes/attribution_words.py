"""Word lists and patterns for reading attributions: speech verbs, titles,
sentence openers, abbreviations. Data only, kept apart from the logic."""

from __future__ import annotations

import re


def word_list(words: str) -> list[str]:
    """Word lists are written as one string, for readability."""
    return words.split()


def word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


WINDOW = 400  # characters of context looked at on each side of a quote
# Speech verbs. Present-tense forms that are also common nouns (claims,
# reports, notes, calls...) are left out unless followed by "that".
VERBS = word_list(
    """
    said says say ask argue insist warn claim saying told tells telling added adds
    adding noted noting argued
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
admitting acknowledging denying demanding lamenting pledging reiterating repeating
touting questioning wondering complaining criticizing criticising conceding
urging warning vowing
    """
)
THAT_VERBS = word_list(
    """
    claims reports notes states calls comments tweets replies promises vows reads posts
    counters
    """
)
SPEECH_VERBS = VERB_SET = frozenset(VERBS)
PARTICIPLES = frozenset(v for v in VERBS if v.endswith("ing"))
TITLE_VERBS = "Says Said Tells Told Warns Asks Writes Wrote Urges Insists Argues Vows Calls Claims"
VERB_RE = re.compile(
    r"(?<![-\w])(?:"
    + "|".join(sorted(VERB_SET, key=lambda v: (-len(v), v)))  # each verb once
    + r"|(?:"
    + "|".join(THAT_VERBS)
    + r")(?=\s+that\b|\s*[:.]|,?\s*[\"“‘])|"
    + "|".join(TITLE_VERBS.split())
    + r")\b|\b[Aa]ccording to\b|\bper(?= [A-Z])|\bput it\b"
)
PRONOUNS = word_set(
    """
    he she they i we it you his her
    """
)
RELATIVE = frozenset(("who", "which", "that"))
CONJ_RE = re.compile(
    r"^(?:and|but|or|so|yet|still|then|while|as|because|although|though|when|"
    r"after|before|since|if|where|meanwhile|later|instead|however)\b\s*",
    re.IGNORECASE,
)
AUX = word_set(
    """
    has have had also later then once previously recently further again would will
    did does was is first simply just only even still repeatedly often always never
    himself herself themselves itself not could might may can should must reportedly
    subsequently initially finally now soon
    """
)
DETERMINERS = word_set(
    """
    a an the this that these those some several one two many
    """
)
MALE_TITLES = word_set("Mr. Mr Sir Lord King Prince Father Congressman Councilman")
FEMALE_TITLES = word_set("Mrs. Mrs Ms. Ms Miss Madam Dame Lady Queen Princess Congresswoman")
POSSESSIVES = word_set("his her their its our my your")
PREPS = word_set(
    """
    of for at from with in on
    """
)
# Nouns ending in -ly, which are not adverbs at the end of a subject.
LY_NOUNS = word_set(
    """
    family ally assembly rally supply monopoly anomaly daily weekly monthly quarterly
    bully folly homily
    """
)
# "said one source on the panel": a place in a group after a role-only speaker.
GROUP_PP_RE = re.compile(r"( (?:on|in|at|with) the ([a-z]+))(?=[.,;]|\s*$)")
# How or when something was said, not who: "said an aide on the phone".
CIRCUMSTANCE_NOUNS = word_set(
    """
    phone telephone record time call event rally hearing interview statement
    meeting conference briefing show program programme night morning evening
    afternoon weekend day week month year moment scene floor trail air radio
    podium stage network web internet site page post video
    """
)
# Finite verbs that make a stretch of words a clause, not a noun phrase.
CLAUSE_VERBS = word_set("had has have was were is are would will could can should did does")
NP_STOP = word_set(
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
    Councilwoman Commander Premier Chancellor Emir Sheikh Rabbi Imam Councillor
    Councilor Alderman Alderwoman Assemblyman Assemblywoman Assemblymember Del.
    Delegate Supervisor Trustee
    """
)
SENTENCE_END_RE = re.compile(r"[.!?…][\"”’')\]]*\s+(?=[\"“‘'(A-Z0-9])")
SENTENCE_OR_LINE_RE = re.compile(r"[.!?…][\"”’')\]]*\s+(?=[\"“‘'(A-Z0-9])|\n+")
ABBREV = word_set(
    """
    mr mrs ms dr gov sen rep st jr sr lt gen col capt sgt prof rev hon no inc co
    corp ltd vs etc jan feb aug sept sep oct nov dec u.s u.k u.n a.m p.m mass calif
    fla wis ill pa va ky tenn ariz colo conn mich minn ore wash n.y n.j d.c ga la md
    mo nev okla tex ala ark del ind kan miss neb wyo
    """
)
LABEL_RE = re.compile(r"([A-Z][A-Z.'’ -]{1,40}):\s")
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
PARTICLES = word_set(
    """
    de da di du van von der den del la le bin ibn al el y st.
    """
)
PARTY_RE = re.compile(r"[DRI](?:-|$)")
PAREN_RE = re.compile(r"\([^()]*\)")
POSSESSIVE_RE = re.compile(r"(?:'s|’s|'|’)$")
FIRST_CLAUSE_RE = re.compile(r"[,;:—–(\"“”]")
CHUNK_RE = re.compile(r"[,;:()\"“”]|\s[—–-]{1,2}\s")
SUBORDINATE_RE = re.compile(r"(?:while|whereas|although|though|because|since|unless)\b")
LEAD_RE = re.compile(r"[\s,]*")
DASH_RE = re.compile(r"[―—–-]+\s*")
TAIL_CHUNK_RE = re.compile(r"[,;()\"“”]|\s[—–-]{1,2}\s")
CAP_AFTER_RE = re.compile(r"\s*[A-Z][a-z]")
SHORT_NAME_RE = re.compile(r"\s*[\w.'’ -]{1,60}[:,]\s*$")
THAT_THE_RE = re.compile(r"\s*(?:that|the|a|an)\b", re.IGNORECASE)
IRREGULAR = (
    "said|told|wrote|has|had|is|was|will|would|made|gave|took|went|came|got|sent|spoke|"
    "began|kept|held|left|met|ran|saw|sat|stood|thought|brought|felt|found|heard|knew|"
    "meant|paid|showed|won|put|set|let"
)
FINITE_STRONG_RE = re.compile(r"\s(?:[a-z]+ed|" + IRREGULAR + r")\b")
FINITE_START_RE = re.compile(r"(?:[a-z]+ed|" + IRREGULAR + r")\b")
WHEN_RE = re.compile(
    r"\s(?:on (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|[A-Z][a-z]+ \d)"
    r"|at (?:a|an|the|his|her) |during|last (?:week|month|year|night)|"
    r"this (?:week|month|year|morning|afternoon|evening)|earlier|yesterday|today|"
    r"in (?:a|an|his|her|the) (?:statement|interview|speech|post|tweet|letter|release))\b"
)
# `, Tom Brady,`: one to four capitalised words. A word may not end right
# before a capital letter: without that, "AAAA…" could be cut into four
# "words" in ~n**3 ways, each tried before the match fails (a 400-letter word
# took a minute); with it, a word ends only at a space or a non-capital.
COMMA_NAME_RE = re.compile(r",\s+((?:[A-Z][\w'’.-]*(?![A-Z])\s?){1,4})(?=[,.;]|$)")
FINITE_RE = re.compile(r"\s(?:[a-z]+s|[a-z]+ed|said|told|wrote|has|had|is|was|will|would)\b")
