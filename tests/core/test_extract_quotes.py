"""Quotes and their speakers, from example sentences written for these tests."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from workcount import assert_linear

from reader.extract.quotes.find import collapse, find_quotes
from reader.model import Article, ArticleMeta, Block, BlockKind, Person, Quote, Span, article_id


def make_article(*paragraphs: str, title: str | None = "A headline about the budget") -> Article:
    """An Article with one block per paragraph (the first is the title)."""
    parts = ([title] if title is not None else []) + list(paragraphs)
    blocks: list[Block] = []
    pos = 0
    for i, part in enumerate(parts):
        kind = BlockKind.TITLE if i == 0 and title is not None else BlockKind.PARAGRAPH
        blocks.append(Block(kind, Span(pos, pos + len(part))))
        pos += len(part) + 2
    text = "\n\n".join(parts)
    return Article(article_id(text), text, tuple(blocks), ArticleMeta(title=parts[0]))


def quotes(*paragraphs: str, people: list[Person] | None = None, **kw: str | None) -> list[Quote]:
    return find_quotes(make_article(*paragraphs, **kw), people or [])


def speakers(*paragraphs: str, **kw: str | None) -> list[tuple[str, str | None]]:
    return [(q.text, q.speaker) for q in quotes(*paragraphs, **kw)]


INTRO = "Maria Okafor, the city's budget director, spoke on Monday."


# --- attribution shapes ------------------------------------------------------


def test_quote_then_name_said() -> None:
    got = speakers('"We will not cut the library hours this year," Maria Okafor said.')
    assert got == [("We will not cut the library hours this year,", "Maria Okafor")]


def test_said_then_name_with_appositive() -> None:
    got = speakers(
        '"The numbers simply do not add up," said Tomas Lindqvist, a researcher at the '
        "Nordic Policy Institute."
    )
    assert got == [("The numbers simply do not add up,", "Tomas Lindqvist")]


def test_name_with_appositive_before_verb() -> None:
    got = speakers(
        '"Rates will stay high for a while," Priya Raman, an economist at Harbor Bank '
        "and a former central banker, said on Tuesday."
    )
    assert got == [("Rates will stay high for a while,", "Priya Raman")]


def test_name_said_colon() -> None:
    got = speakers('Maria Okafor said: "Every department will share the burden."')
    assert got == [("Every department will share the burden.", "Maria Okafor")]


def test_name_said_that_partial_quote() -> None:
    got = speakers('Maria Okafor said that the plan was "the fairest we could find" for now.')
    assert got == [("the fairest we could find", "Maria Okafor")]


def test_told_an_outlet() -> None:
    got = speakers(
        INTRO, '"Nobody expected the bridge to close so soon," Okafor told the Daily Ledger.'
    )
    assert got == [("Nobody expected the bridge to close so soon,", "Maria Okafor")]


def test_according_to_after_and_before() -> None:
    after = speakers('"The deficit is larger than we thought," according to Ines Duarte.')
    before = speakers('According to Ines Duarte, "the deficit is larger than we thought."')
    assert after == [("The deficit is larger than we thought,", "Ines Duarte")]
    assert before == [("the deficit is larger than we thought.", "Ines Duarte")]


@pytest.mark.parametrize(
    "verb", ["added", "wrote", "warned", "argued", "insisted", "recalled", "explained", "noted"]
)
def test_other_speech_verbs(verb: str) -> None:
    got = speakers(f'"The harbour will flood again next spring," Kwame Mensah {verb}.')
    assert got == [("The harbour will flood again next spring,", "Kwame Mensah")]


def test_asked_with_question_mark() -> None:
    got = speakers(INTRO, '"Where is the money going to come from?" Okafor asked.')
    assert got == [("Where is the money going to come from?", "Maria Okafor")]


def test_split_quote_around_pronoun_attribution() -> None:
    got = speakers(
        INTRO,
        '"We looked at every line of the budget," she said, "and found nothing left to cut."',
    )
    assert got == [
        ("We looked at every line of the budget,", "Maria Okafor"),
        ("and found nothing left to cut.", "Maria Okafor"),
    ]


def test_signed_quote_with_dash() -> None:
    got = speakers("“I moved here for the schools and I am staying for them.” ― Dana Whitfield")
    assert got == [("I moved here for the schools and I am staying for them.", "Dana Whitfield")]


def test_transcript_labels_are_speakers() -> None:
    got = speakers(
        '"HOST: Will the council vote on the plan this week?',
        '"OKAFOR: We expect a vote on Thursday and we have the numbers."',
    )
    assert got == [
        ("Will the council vote on the plan this week?", "HOST"),
        ("We expect a vote on Thursday and we have the numbers.", "OKAFOR"),
    ]


# --- speakers resolved to full names ------------------------------------------


def test_surname_and_honorific_resolve_to_full_name() -> None:
    got = speakers(
        "Tomas Lindqvist, a researcher, has studied the region for decades.",
        '"The glaciers are retreating faster than any model predicted," Mr. Lindqvist said.',
        '"We have perhaps ten years," said Lindqvist.',
    )
    assert [s for _, s in got] == ["Tomas Lindqvist", "Tomas Lindqvist"]


def test_title_before_name_is_dropped() -> None:
    got = speakers('"We will build the new line by 2030," Transport Minister Ana Ruiz said.')
    assert got == [("We will build the new line by 2030,", "Ana Ruiz")]


def test_pronoun_resolves_to_the_last_speaker() -> None:
    got = speakers(
        '"The vote was never in doubt," said Kwame Mensah, the council leader.',
        'Asked about the protests, he said: "People have every right to be angry."',
    )
    assert [s for _, s in got] == ["Kwame Mensah", "Kwame Mensah"]


def test_people_list_gives_the_full_name() -> None:
    people = [Person("Gao Lingyun", ("Gao",), "researcher", (Span(0, 3),))]
    got = speakers(
        '"Demand for the cars is genuine and growing," Gao told reporters.', people=people
    )
    assert got == [("Demand for the cars is genuine and growing,", "Gao Lingyun")]


def test_surname_uses_the_nearest_earlier_full_name() -> None:
    got = speakers(
        "Hana Sato opened the session; later her brother Kenji Sato spoke.",
        '"This is the best offer the union will get," Sato said.',
    )
    assert got == [("This is the best offer the union will get,", "Kenji Sato")]


def test_organisation_speaker_kept_as_written() -> None:
    got = speakers('"The outage was caused by a faulty transformer," the ministry said.')
    assert got == [("The outage was caused by a faulty transformer,", "the ministry")]


# --- following quotes, paragraphs and marks --------------------------------------


def test_unattributed_quote_in_next_sentence_belongs_to_last_speaker() -> None:
    got = speakers(
        '"Prices rose in every district," Ines Duarte said. "Rents rose fastest of all."'
    )
    assert [s for _, s in got] == ["Ines Duarte", "Ines Duarte"]


def test_unattributed_quote_in_next_paragraph_belongs_to_last_speaker() -> None:
    got = speakers(
        '"Prices rose in every district," Ines Duarte said.',
        '"Rents rose fastest of all, and wages did not keep up."',
    )
    assert [s for _, s in got] == ["Ines Duarte", "Ines Duarte"]


def test_multi_paragraph_quote_is_one_quote() -> None:
    article = make_article(
        'Ines Duarte said: "The first thing we did was count the empty flats.',
        '"Then we knocked on every door in the street."',
    )
    got = find_quotes(article, [])
    assert len(got) == 1
    q = got[0]
    assert q.speaker == "Ines Duarte"
    assert q.text == (
        "The first thing we did was count the empty flats. "
        "Then we knocked on every door in the street."
    )
    assert article.text[q.span.start : q.span.end].startswith("The first thing")
    assert article.text[q.span.start : q.span.end].endswith("in the street.")


def test_unbalanced_quote_stays_in_its_paragraph() -> None:
    got = speakers(
        'The sign outside read "Closed for the season and the owners have left town',
        "Nobody in the village could say when the shop would open again.",
        '"We miss the bakery more than anything," said Kwame Mensah.',
    )
    assert ("We miss the bakery more than anything,", "Kwame Mensah") in got
    assert not any("Nobody in the village" in text for text, _ in got)


def test_scare_quotes_are_not_listed() -> None:
    got = speakers('The government would "welcome" investors, and called the deal a "milestone".')
    assert got == []


def test_apostrophes_are_not_quotes() -> None:
    got = speakers(
        "The '90s were hard on the students' union, and they don't forget it. "
        "Rock 'n' roll never left the 'burbs, the band's manager joked."
    )
    assert got == []


def test_single_quoted_headline_quote() -> None:
    got = speakers(
        "Ana Ruiz is the transport minister.",
        title="Minister Ana Ruiz rules out fare rise, saying 'not while I am in office'",
    )
    assert got == [("not while I am in office", "Ana Ruiz")]


def test_curly_single_quotes_in_body() -> None:
    got = speakers("Kwame Mensah said the plan was ‘a gamble with everybody’s savings’ at best.")
    assert got == [("a gamble with everybody’s savings", "Kwame Mensah")]


def test_double_apostrophe_and_backtick_marks() -> None:
    got = speakers(
        "''The tunnel will open in May,'' said Ana Ruiz.",
        "``We are on budget and on time,'' she added.",
    )
    assert got == [
        ("The tunnel will open in May,", "Ana Ruiz"),
        ("We are on budget and on time,", "Ana Ruiz"),
    ]


def test_span_excludes_marks_and_reads_back() -> None:
    article = make_article("“Fares will stay the same,” said Ana Ruiz.")
    (q,) = find_quotes(article, [])
    assert article.text[q.span.start : q.span.end] == "Fares will stay the same,"
    assert q.text == "Fares will stay the same,"


# --- robustness --------------------------------------------------------------


HOSTILE_LINES = {
    "straight-marks": lambda n: '"' * n,
    "curly-marks": lambda n: "“" * (n // 2) + "”" * (n // 2),
    "capitalised": lambda n: "Capitalised Words Keep Going " * (n // 29),
    "particles": lambda n: "Ana von der " * (n // 12),
    "apostrophes": lambda n: "'" * n,
}


@pytest.mark.parametrize("build", HOSTILE_LINES.values(), ids=HOSTILE_LINES.keys())
def test_hostile_line_work_grows_linearly(build: Callable[[int], str]) -> None:
    """A line of nothing but quote marks, names or particles: the quotes found
    read back from the text, and the work grows with the line, not its square
    (benchmarks/bench_extract.py times the megabyte version)."""

    def work_for(size: int) -> Callable[[], object]:
        article = make_article(build(size), title=None)
        return lambda: find_quotes(article, [])

    assert_linear(work_for, 10_000)
    article = make_article(build(40_000), title=None)
    for q in find_quotes(article, []):
        assert article.text[q.span.start : q.span.end] == q.text


def test_work_grows_linearly_with_many_quotes() -> None:
    """Every quote costs the same however long the article: 4x the quotes is
    4x the work, not the 16x of a quadratic pass, and each copy keeps its speaker."""

    def article_of(copies: int) -> Article:
        return make_article(
            'Ana Ruiz spoke. "We want the park back," Ruiz said. "Now," he said. ' * copies,
            title=None,
        )

    def work_for(copies: int) -> Callable[[], object]:
        article = article_of(copies)
        return lambda: find_quotes(article, [])

    assert_linear(work_for, 100)
    found = find_quotes(article_of(800), [])
    assert [(q.text, q.speaker) for q in found] == [("We want the park back,", "Ana Ruiz")] * 800


def test_work_grows_linearly_with_unattributed_quotes_in_one_paragraph() -> None:
    """Short quotations nobody is said to have said, all in one paragraph:
    each one looks at its own neighbourhood, not the paragraph so far. (The
    call count cannot see a slice of the paragraph so far taken per quote:
    benchmarks/bench_extract.py holds the timing ratio for that.)"""

    def work_for(copies: int) -> Callable[[], object]:
        article = make_article('"ten past nine" and "a bit later" then ' * copies, title=None)
        return lambda: find_quotes(article, [])

    assert_linear(work_for, 150)


def _norm(text: str) -> str:
    for mark in "\"“”‘’'`„«»":
        text = text.replace(mark, " ")
    return collapse(text)


_ALPHABET = st.sampled_from(
    [
        *"ab Cd.,:;!?\"“”‘’'`-—\n(",
        "said",
        " Mr. ",
        "he said",
        " she said",
        " it said",
        "\n\n",
        "Ana Ruiz",
        " Ruiz ",
        " according to ",
        "who said",
        "saying",
        "''",
        "``",
        " Gov. ",
        " (D-N.Y.) ",
        "WALLACE: ",
        " per Reuters",
        " — ",
        "’s",
    ]
)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.lists(_ALPHABET, max_size=120).map("".join))
def test_never_raises_and_spans_read_back(raw: str) -> None:
    paragraphs = [p for p in raw.split("\n\n") if p.strip()] or ["x"]
    article = make_article(*paragraphs, title=None)
    for q in find_quotes(article, []):
        assert 0 <= q.span.start < q.span.end <= len(article.text)
        piece = article.text[q.span.start : q.span.end]
        assert q.text.strip() == q.text and q.text
        if "\n\n" not in piece:
            assert q.text == collapse(piece)
        else:
            assert _norm(q.text) == _norm(piece)


# --- rules added while reading real articles ------------------------------------


def test_nested_quote_of_another_kind_does_not_end_the_quotation() -> None:
    got = speakers(
        '"She treats the budget like an episode of “Survivor” and we all lose," said Kwame Mensah.'
    )
    assert got == [
        ("She treats the budget like an episode of “Survivor” and we all lose,", "Kwame Mensah")
    ]


def test_titles_of_works_are_not_quotes() -> None:
    got = speakers(
        'Ana Ruiz said on "Meet the Mayors" that she reads "A Brief History of Trams" twice a year.'
    )
    assert got == []


def test_colon_after_any_verb_attributes_the_quote() -> None:
    got = speakers('Sen. Hana Sato scolded the minister: "You have not read your own report."')
    assert got == [("You have not read your own report.", "Hana Sato")]


def test_as_x_put_it() -> None:
    got = speakers('As Ines Duarte put it, the fund is "running on fumes and good intentions."')
    assert got == [("running on fumes and good intentions.", "Ines Duarte")]


def test_quote_after_a_sentence_of_indirect_speech() -> None:
    got = speakers(
        'The council may delay the vote, Kwame Mensah said. "We need another month of hearings."'
    )
    assert got == [("We need another month of hearings.", "Kwame Mensah")]


def test_quote_after_a_paragraph_ending_in_a_colon() -> None:
    got = speakers(
        "In March, Ines Duarte made the following remark:",
        '"Housing is the one promise every party breaks."',
    )
    assert got == [("Housing is the one promise every party breaks.", "Ines Duarte")]


def test_subject_of_coordinated_verbs() -> None:
    got = speakers(
        "Ana Ruiz, the transport minister, toured the depot and said the trams were "
        '"older than most of the drivers."'
    )
    assert got == [("older than most of the drivers.", "Ana Ruiz")]


def test_named_subject_beats_a_later_pronoun() -> None:
    got = speakers(
        "Kwame Mensah opened the meeting.",
        'Ines Duarte said the audit found "no evidence of any wrongdoing at all," but she '
        "said more checks would follow.",
    )
    assert got == [("no evidence of any wrongdoing at all,", "Ines Duarte")]


def test_headline_colon_names_the_speaker() -> None:
    got = speakers(
        "Ines Duarte, the housing minister, spoke in Lisbon.",
        title="A warning from Ines Duarte: 'Rents will rise again next year'",
    )
    assert got == [("Rents will rise again next year", "Ines Duarte")]


def test_surname_that_is_also_a_title_word() -> None:
    got = speakers(
        "Marcus King hosts the late show.",
        '"I have never been told what to say," Mr. King told reporters.',
    )
    assert got == [("I have never been told what to say,", "Marcus King")]


def test_she_resolves_to_the_woman_named_before() -> None:
    got = speakers(
        "Kenji Sato runs the port. Hana Sato, his sister, runs the rail yard; "
        "she took over in 2019.",
        "Hana Sato and Kenji Sato disagree about the strike.",
        '"The strike will cost us a month of freight," she said.',
    )
    assert got == [("The strike will cost us a month of freight,", "Hana Sato")]


def test_honorific_picks_the_right_namesake() -> None:
    got = speakers(
        "Kenji Sato runs the port; he has done so for years. Hana Sato runs the rail yard; "
        "she took over in 2019.",
        '"Freight volumes are down a third," Mr. Sato said.',
    )
    assert got == [("Freight volumes are down a third,", "Kenji Sato")]


def test_it_said_resolves_to_the_organisation() -> None:
    got = speakers(
        'The Interior Ministry issued a statement. "We will not tolerate violence," it said.'
    )
    assert got == [("We will not tolerate violence,", "The Interior Ministry")]


def test_plural_possessive_inside_single_quotes() -> None:
    got = speakers(
        "‘The players’ union will fight this all the way,’ said Dana Whitfield, "
        "after the teams’ owners met."
    )
    assert got == [("The players’ union will fight this all the way,", "Dana Whitfield")]


def test_inverted_said_at_sentence_start() -> None:
    got = speakers(
        "Ryan Moss studies tax law. Critics say the plan is complex. "
        'Said Moss: "Nobody will be able to file this alone."'
    )
    assert got == [("Nobody will be able to file this alone.", "Ryan Moss")]


def test_participle_after_an_opening_phrase() -> None:
    got = speakers(
        "Following a late meeting, the council issued a statement calling the closure "
        '"a mistake we will come to regret."'
    )
    assert got == [("a mistake we will come to regret.", "the council")]


def test_short_sentence_quote_is_not_a_title() -> None:
    got = speakers('"Does anybody know what the plan is?" Kwame Mensah asked. "Neither do I."')
    assert [s for _, s in got] == ["Kwame Mensah", "Kwame Mensah"]


def test_stray_mark_does_not_join_paragraphs_with_other_marks() -> None:
    got = speakers(
        '"The crowd was loud.',
        "“Here she comes,” said Dana Whitfield.",
    )
    assert ("Here she comes,", "Dana Whitfield") in got
    assert not any("crowd" in text and "Here" in text for text, _ in got)


def test_plural_noun_is_not_a_speech_verb() -> None:
    got = speakers(
        "Ines Duarte says Kwame Mensah’s flurry of late-night tweets about the budget was "
        '"unworthy of the office he holds."'
    )
    assert got == [("unworthy of the office he holds.", "Ines Duarte")]


def test_noun_like_verb_still_counts_before_a_quote_or_at_the_end() -> None:
    got = speakers(
        '"We support the new schools without reservation," the letter reads.',
    )
    assert got == [("We support the new schools without reservation,", "the letter")]


def test_role_then_name_after_said() -> None:
    got = speakers('"We will win the appeal," said her lawyer, Tom Brady.')
    assert got == [("We will win the appeal,", "Tom Brady")]


def test_ascii_single_quotes_with_apostrophes_inside() -> None:
    got = speakers(
        "Jane Smith, 34, lives on Elm Street.",
        "'I don't think it's fair to the students' families,' she said.",
    )
    assert got == [("I don't think it's fair to the students' families,", "Jane Smith")]


def test_subject_of_a_first_verb_carries_to_the_speech_verb() -> None:
    got = speakers(
        "The council leader also outlined her housing plan and vowed to stop "
        '"landlords who leave homes empty for years."'
    )
    assert got == [("landlords who leave homes empty for years.", "The council leader")]


def test_code_blocks_hold_no_quotes() -> None:
    text = 'Intro line\n\nprint("hello there my friend")\n\n"We ship on Friday," said Ana Ruiz.'
    first = text.index("print")
    second = text.index('"We')
    blocks = (
        Block(BlockKind.TITLE, Span(0, 10)),
        Block(BlockKind.CODE, Span(first, first + len('print("hello there my friend")'))),
        Block(BlockKind.PARAGRAPH, Span(second, len(text))),
    )
    article = Article(article_id(text), text, blocks, ArticleMeta(title="Intro line"))
    got = [(q.text, q.speaker) for q in find_quotes(article, [])]
    assert got == [("We ship on Friday,", "Ana Ruiz")]


def test_names_with_particles_and_accents_resolve() -> None:
    got = speakers(
        '"Europe must defend its industry," said Ursula von der Leyen, the president.',
        'Von der Leyen later added: "We will respond quickly and in proportion."',
        "Recep Tayyip Erdoğan spoke next.",
        '"We are ready for talks," Erdoğan said.',
    )
    assert [s for _, s in got] == [
        "Ursula von der Leyen",
        "Ursula von der Leyen",
        "Recep Tayyip Erdoğan",
    ]


def test_long_noun_phrase_subject_kept_as_written() -> None:
    got = speakers(
        "On Monday, the former finance minister and current opposition party leader said "
        'the budget was "a gift to the banks and nobody else."'
    )
    assert got == [
        (
            "a gift to the banks and nobody else.",
            "the former finance minister and current opposition party leader",
        )
    ]


def test_participle_after_an_earlier_quote_in_the_sentence() -> None:
    got = speakers(
        "Kwame Mensah brushed off the question, calling the audit “a routine check” and, "
        'when pressed, insisting "there is nothing to find here at all."'
    )
    assert got == [
        ("a routine check", "Kwame Mensah"),
        ("there is nothing to find here at all.", "Kwame Mensah"),
    ]


def test_quote_as_object_of_a_past_tense_verb() -> None:
    got = speakers('Norway branded the proposal "an attack on open water."')
    assert got == [("an attack on open water.", "Norway")]


def test_a_new_sentence_after_a_closed_quote_is_not_its_attribution() -> None:
    got = speakers(
        'Norway branded the plan "an attack on open water." Sweden insisted that the '
        'fleet "stay in port for now."'
    )
    assert got == [
        ("an attack on open water.", "Norway"),
        ("stay in port for now.", "Sweden"),
    ]


def test_organisation_name_with_for_kept_whole() -> None:
    got = speakers(
        '"The rules leave a hole you could sail a ship through," said Citizens for Fair Ports.'
    )
    assert got == [
        ("The rules leave a hole you could sail a ship through,", "Citizens for Fair Ports")
    ]


def test_attribution_after_the_comma_beats_a_colon_lead_in() -> None:
    got = speakers(
        "The letter also described the change it said the mayor would bring: "
        '"Our members have waited ten years for a fair contract," the dockers\' union wrote.'
    )
    assert got == [("Our members have waited ten years for a fair contract,", "the dockers' union")]


def test_surname_does_not_take_a_full_name_first_written_later() -> None:
    paras = (
        "The mayor opened the session early.",
        '"We are not closing the clinic this year," Okonjo said.',
        "Her sister, Ada Okonjo, runs the clinic.",
    )
    article = make_article(*paras)
    text = article.text
    spans = tuple(Span(m, m + len(w)) for w in ("Okonjo", "Ada Okonjo") for m in [text.find(w)])
    people = [Person("Ada Okonjo", ("Okonjo",), None, spans)]
    got = [(q.text, q.speaker) for q in find_quotes(article, people)]
    assert got == [("We are not closing the clinic this year,", "Okonjo")]
    # introduced first, the full name is used
    early = make_article("Ada Okonjo runs the clinic.", paras[1])
    text = early.text
    said = text.find("Okonjo said")
    people = [Person("Ada Okonjo", ("Okonjo",), None, (Span(0, 10), Span(said, said + 6)))]
    assert [q.speaker for q in find_quotes(early, people)] == ["Ada Okonjo"]


def test_according_to_opening_a_sentence_names_the_cited_source() -> None:
    got = speakers(
        "According to the Harbour Ledger, a council aide said on Friday that the mayor "
        '"would sign the ferry bill the moment it reached her desk."'
    )
    assert got == [
        ("would sign the ferry bill the moment it reached her desk.", "the Harbour Ledger")
    ]


def test_a_family_is_not_cut_to_the_surname_before_it() -> None:
    got = speakers(
        "Okafor's family has asked the council to publish the report "
        '"for the sake of every family on this street" before the vote.'
    )
    assert got == [("for the sake of every family on this street", "Okafor's family")]


def test_standalone_quote_belongs_to_the_person_the_sentence_before_is_about() -> None:
    got = speakers(
        '"We will finish the bridge by spring," Maria Okafor said.',
        "At the hearing, Sen. Tomas Lindqvist (Ind.), who chairs the transport panel, "
        'questioned the schedule. "Nobody has shown me a plan that adds up."',
    )
    assert got == [
        ("We will finish the bridge by spring,", "Maria Okafor"),
        ("Nobody has shown me a plan that adds up.", "Tomas Lindqvist"),
    ]


def test_second_quote_after_an_inverted_attribution_keeps_its_speaker() -> None:
    got = speakers(
        '"I have thought about this for a long time," added Rep. Tomas Lindqvist (Ind.), '
        'the panel chairman. "I am still not convinced by the plan."'
    )
    assert got == [
        ("I have thought about this for a long time,", "Tomas Lindqvist"),
        ("I am still not convinced by the plan.", "Tomas Lindqvist"),
    ]


def test_a_quantifier_before_a_group_is_no_given_name() -> None:
    got = speakers(
        "Many Norwegians were angry about the toll. In winter, Norwegians often say, "
        '"There is no bad weather, only bad clothing."'
    )
    assert got == [("There is no bad weather, only bad clothing.", "Norwegians")]


def test_quote_after_a_short_attributed_reply_is_the_replier_s() -> None:
    got = speakers(
        '"Who would have thought we would fill this hall twice?" Maria Okafor said.',
        '"Not me," Tomas said to the screen. "Not me, not ever."',
    )
    assert got == [
        ("Who would have thought we would fill this hall twice?", "Maria Okafor"),
        ("Not me, not ever.", "Tomas"),
    ]


def test_modal_and_base_form_speech_verb() -> None:
    got = speakers(
        "In calmer years, a commuter would now ask: "
        '"Why does a ferry across the bay cost more than a flight?"'
    )
    assert got == [("Why does a ferry across the bay cost more than a flight?", "a commuter")]


def test_quote_paragraph_after_a_paragraph_about_a_person() -> None:
    got = speakers(
        'Though she called the fares "unfair" at the hearing, Okafor kept her remarks '
        "about the ferry company to general terms.",
        '"Any operator that cannot run a safe service should lose its licence."',
    )
    assert got == [
        ("Any operator that cannot run a safe service should lose its licence.", "Okafor")
    ]
    # a paragraph about a thing names no speaker for the next one
    got = speakers(
        "The new timetable, which Okafor backed, cuts two sailings a day.",
        '"Any operator that cannot run a safe service should lose its licence."',
    )
    assert got == [("Any operator that cannot run a safe service should lose its licence.", None)]


def test_a_report_with_its_own_clause_after_a_closed_quote_is_not_its_attribution() -> None:
    got = speakers(
        'Norway insisted that the fleet "stay in port until the storm has passed." '
        "The coast guard said the harbour had been closed since noon."
    )
    assert got == [("stay in port until the storm has passed.", "Norway")]
    # a short attribution after a full stop still counts
    got = speakers('"The harbour stays closed until the storm has passed." Okafor said.')
    assert got == [("The harbour stays closed until the storm has passed.", "Okafor")]


def test_a_contrast_after_the_quote_is_not_its_attribution() -> None:
    got = speakers(
        "Half of the riders surveyed agreed that the ferry is "
        '"safe enough to take with small children," while a third said the same of the bus.'
    )
    assert [speaker for _, speaker in got] != ["a third"]


def test_participle_adjective_is_not_the_verb_of_the_subject() -> None:
    from reader.extract.quotes.attribution_phrases import clause_subject

    text = "The group of retired teachers argued for a longer school day."
    got = clause_subject(text, 0, len(text))
    assert got is not None and got.text == "The group of retired teachers"


def test_quote_paragraph_after_an_unattributed_quotation_names_nobody() -> None:
    got = speakers(
        '"Ana Ruiz has been a fine mayor for this town and everyone knows it."',
        '"Any operator that cannot run a safe service should lose its licence."',
    )
    assert [speaker for _, speaker in got] == [None, None]


def test_role_only_speaker_keeps_the_group_but_not_the_circumstance() -> None:
    got = speakers(
        '"The committee has no plan and no goal at all," said one senior member on the board.',
        '"We will publish the figures next week," said an aide on the phone.',
    )
    assert got == [
        ("The committee has no plan and no goal at all,", "one senior member on the board"),
        ("We will publish the figures next week,", "an aide"),
    ]


def test_quote_set_off_by_dashes_after_a_name_is_that_person_s() -> None:
    got = speakers(
        "Several council members have said as much, including the former mayor Ana Ruiz "
        '-- "No city should sell its only bridge to pay one year\'s bills" -- and two others.',
        'He has lately seemed friendly to Tom Hart -- "a very different man from the one '
        'I knew," Okafor said.',
    )
    assert got[0] == ("No city should sell its only bridge to pay one year's bills", "Ana Ruiz")
    assert got[1][1] == "Okafor"


def test_capitalised_pronoun_before_a_verb_resolves_to_the_person() -> None:
    got = speakers(
        '"The ferry is the only way I get to work," said Ana Whitfield, a nurse.',
        'She paused, then added: "Without it my shift starts two hours earlier."',
    )
    assert got[1] == ("Without it my shift starts two hours earlier.", "Ana Whitfield")


def test_inverted_said_before_a_clause_is_not_a_speaker() -> None:
    got = speakers(
        "Councillor Tomas Lindqvist, who backed the plan after what he called "
        '"the hardest vote of my whole career," said the bus lanes had won him over.'
    )
    assert got == [("the hardest vote of my whole career,", "Tomas Lindqvist")]


def test_long_subject_titled_name_of_an_organisation() -> None:
    got = speakers(
        '"The rules were a floor, not a ceiling," Commissioner Ana Ruiz of the Federal '
        "Maritime Safety Commission said in her testimony."
    )
    assert got == [("The rules were a floor, not a ceiling,", "Ana Ruiz")]


def test_headline_plural_subject_with_base_form_verb() -> None:
    got = speakers(
        "The council voted at two in the morning.",
        title="Council approves harbour bridge after long debate, as critics warn of "
        "'a toll road for the few'",
    )
    assert got == [("a toll road for the few", "critics")]
