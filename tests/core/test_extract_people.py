"""People extraction: names, aliases, roles and what must not be taken for a person."""

from __future__ import annotations

import tracemalloc
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from workcount import assert_linear

import reader.extract.people.find as people_module
from reader.extract.people.find import find_people, people_at, resolve_name
from reader.model import Article, ArticleMeta, Person, article_id


def article(text: str) -> Article:
    return Article(id=article_id(text), text=text, blocks=(), meta=ArticleMeta(title="test"))


def people(text: str) -> dict[str, Person]:
    return {p.name: p for p in find_people(article(text))}


def test_full_name_with_surname_alias_is_one_person() -> None:
    text = (
        "Maria Fernandez, a lawyer for the union, spoke on Monday. "
        "Fernandez said the deal was fair. Later Fernandez left."
    )
    found = people(text)
    assert list(found) == ["Maria Fernandez"]
    person = found["Maria Fernandez"]
    assert person.aliases == ("Fernandez",)
    assert person.mentions == 3
    assert [text[s.start : s.end] for s in person.spans] == [
        "Maria Fernandez",
        "Fernandez",
        "Fernandez",
    ]


def test_honorific_form_is_an_alias() -> None:
    text = "Robert Hallam runs the mill. Mr. Hallam said orders were up."
    found = people(text)
    assert list(found) == ["Robert Hallam"]
    assert "Mr. Hallam" in found["Robert Hallam"].aliases


def test_honorific_alone_makes_a_person() -> None:
    found = people("The report was sent to Mrs. Okonkwo on Tuesday, officials said.")
    assert list(found) == ["Okonkwo"]
    assert found["Okonkwo"].aliases == ("Mrs. Okonkwo",)


def test_all_caps_headline_spelling_merges() -> None:
    text = "BRENNAN WINS IN STYLE\n\nLONDON 1996-08-30\n\nKevin Brennan won the final on Sunday."
    found = people(text)
    assert list(found) == ["Kevin Brennan"]
    assert "BRENNAN" in found["Kevin Brennan"].aliases


def test_surname_goes_to_the_nearest_person_named_before() -> None:
    text = (
        "Tony Marsh led early. Later Chris Marsh, his brother, took over. Marsh said he was tired."
    )
    found = find_people(article(text))
    chris = next(p for p in found if p.name == "Chris Marsh")
    last = text.rindex("Marsh")
    assert any(s.start == last for s in chris.spans)


def test_title_before_name_is_the_role() -> None:
    found = people("US President Donald Trump said on Friday that tariffs would stay.")
    assert found["Donald Trump"].role == "US President"


def test_appositive_role() -> None:
    text = (
        "The plan is sound, said Gao Lingyun, a researcher at the Chinese Academy "
        "of Social Sciences."
    )
    assert people(text)["Gao Lingyun"].role == (
        "researcher at the Chinese Academy of Social Sciences"
    )


def test_appositive_without_article() -> None:
    text = "The question was answered by Lei Jun, founder and chairman of Xiaomi, who said no."
    assert people(text)["Lei Jun"].role == "founder and chairman of Xiaomi"


def test_photo_credit_is_a_photographer() -> None:
    found = people("A visitor looks at a car on show. Photo: Tao Mingyang/GT\n\nSales rose.")
    assert found["Tao Mingyang"].role == "photographer"


def test_role_noun_before_name() -> None:
    found = people("New coach Glenn Hoddle said he saw no problem.")
    assert found["Glenn Hoddle"].role is not None
    assert "coach" in (found["Glenn Hoddle"].role or "")


@pytest.mark.parametrize(
    "text, name",
    [
        ("Zhou Mi said exports would grow.", "Zhou Mi"),
        (
            "The talks were led by Abdullah bin Zayed on Sunday, officials said.",
            "Abdullah bin Zayed",
        ),
        ("Striker Ruud van Nistelrooy scored twice, the club said.", "Ruud van Nistelrooy"),
        ("Ana de la Cruz, a teacher in Seville, said the school was closed.", "Ana de la Cruz"),
        ("Anne-Marie Dupont-Moretti said the vote was close.", "Anne-Marie Dupont-Moretti"),
        ("Shane O'Connell said the ferry was late.", "Shane O'Connell"),
        ("Fiona McAllister said she would appeal.", "Fiona McAllister"),
        ("The ball was hit by J. Whitfield in the last over, reports said.", "J. Whitfield"),
    ],
)
def test_names_from_several_cultures(text: str, name: str) -> None:
    assert name in people(text)


@pytest.mark.parametrize(
    "text",
    [
        "Reuters reported the news on Monday, citing Xinhua News Agency.",
        "The Global Times said Nikkei Asia had the story first.",
        "Xiaomi showed the YU7 and the SU7 at the Xiaomi EV Hyperfactory in Beijing.",
        "Shares of Acme Holdings Inc rose after the Bank of Lorraine cut rates.",
        "On Monday, January 27, the European Commission met in Brussels.",
        "New York and San Francisco saw rain, while Los Angeles stayed dry.",
        "The Ministry of Commerce and the Chinese Academy of Social Sciences agreed.",
        "However, Mr. said nothing.",
        "LEICESTERSHIRE TAKE OVER AT TOP AFTER INNINGS VICTORY.",
        "Despite The Rain, Grace Road Was Full.",
    ],
)
def test_not_people(text: str) -> None:
    assert find_people(article(text)) == []


def test_resolve_name_forms() -> None:
    text = (
        "US President Donald Trump spoke. Gao Lingyun, a researcher, replied. "
        "Trump said it again and Gao agreed."
    )
    found = find_people(article(text))
    trump = next(p for p in found if p.name == "Donald Trump")
    gao = next(p for p in found if p.name == "Gao Lingyun")
    assert resolve_name("Gao", found) is gao
    assert resolve_name("Mr. Trump", found) is trump
    assert resolve_name("President Trump", found) is trump
    assert resolve_name("TRUMP", found) is trump
    assert resolve_name("Donald Trump", found) is trump
    assert resolve_name("Smith", found) is None
    assert people_at(found, text.index("Gao agreed")) is gao
    assert people_at(found, 0) is None


def test_capitalised_flood_work_grows_linearly() -> None:
    """A page of capitalised words: every span found reads back from the text,
    and the work grows with the page, not its square (benchmarks/bench_extract.py
    times the megabyte version)."""

    def flood(copies: int) -> Article:
        return article(" ".join(["Alpha", "Bravo", "John", "Smith", "Delta"] * copies))

    def work_for(copies: int) -> Callable[[], object]:
        page = flood(copies)
        return lambda: find_people(page)

    assert_linear(work_for, 1_000)
    page = flood(8_000)
    for person in find_people(page):
        for span in person.spans:
            assert 0 <= span.start < span.end <= len(page.text)


_ALPHABET = st.sampled_from(
    [
        "John",
        "Smith",
        "Mr.",
        "said",
        "the",
        "Reuters",
        " ",
        ", ",
        ".",
        "\n",
        "'s",
        "de",
        "O'Brien",
        "J.",
        "Li",
        "Wei",
        "SMITH",
        "(France)",
        "a",
        "researcher",
        "at",
        "-",
        '"',
    ]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(_ALPHABET, max_size=60).map(" ".join) | st.text(max_size=300))
def test_never_raises_and_spans_read_back(text: str) -> None:
    for person in find_people(article(text)):
        forms = {person.name, *person.aliases}
        assert person.spans == tuple(sorted(person.spans, key=lambda s: (s.start, s.end)))
        for span in person.spans:
            assert 0 <= span.start < span.end <= len(text)
            assert " ".join(text[span.start : span.end].split()) in forms


def test_title_case_headline_words_are_not_part_of_the_name() -> None:
    text = (
        "Maria Fernandez Speaks Directly To Voters\n\n"
        "Maria Fernandez said she speaks directly to voters and listens to them."
    )
    assert list(people(text)) == ["Maria Fernandez"]


def test_short_title_before_a_name_and_a_name_that_ends_like_one() -> None:
    found = people(
        "Sen. Elizabeth Warren questioned the bank. Prime Minister Hun Sen met the envoy."
    )
    assert set(found) == {"Elizabeth Warren", "Hun Sen"}
    assert found["Hun Sen"].role == "Prime Minister"


def test_family_name_first_alias() -> None:
    text = "President Xi Jinping arrived on Monday. Mr. Xi met the premier. Xi left."
    found = people(text)
    assert list(found) == ["Xi Jinping"]
    assert {"Mr. Xi", "Xi"} <= set(found["Xi Jinping"].aliases)


def test_results_list_with_countries() -> None:
    text = (
        "Results of the women's 5,000 metres on Friday:\n\n"
        "1. Gabriela Szabo (Romania) 15:04.95 2. Wamiru Tegesse (Ethiopia) 15:05.21 "
        "3. Rose Cheruiyot (Kenya) 15:05.41"
    )
    assert {"Gabriela Szabo", "Wamiru Tegesse", "Rose Cheruiyot"} <= set(people(text))


def test_organisation_named_with_suffix_elsewhere() -> None:
    text = (
        "Magna competes with Brandt Controls Inc in seating. "
        "Analysts said Brandt Controls had lost share."
    )
    assert find_people(article(text)) == []


def test_quoted_nickname_stays_in_the_name() -> None:
    text = 'Boxer Roberto "Hands of Stone" Duran fights on Saturday. Duran, 45, is ready.'
    found = people(text)
    assert list(found) == ['Roberto "Hands of Stone" Duran']
    assert "Duran" in found['Roberto "Hands of Stone" Duran'].aliases


def test_middle_initial_is_the_same_person() -> None:
    text = "Loretta Lynch spoke first. Later, Loretta E. Lynch said the review was over."
    found = people(text)
    assert list(found) == ["Loretta E. Lynch"]
    assert "Loretta Lynch" in found["Loretta E. Lynch"].aliases


def test_forms_of_address_keep_spouses_apart() -> None:
    text = "President Obama spoke. Michelle Obama said hello. Mr. Obama left early."
    found = people(text)
    assert set(found) == {"Obama", "Michelle Obama"}
    assert "Mr. Obama" in found["Obama"].aliases


def test_surname_only_headline_person_merges_into_the_full_name() -> None:
    text = "Mr. Trump Visits Detroit\n\nDonald Trump spoke in Detroit on Tuesday."
    found = people(text)
    assert list(found) == ["Donald Trump"]
    assert "Mr. Trump" in found["Donald Trump"].aliases


def test_byline_on_its_own_line() -> None:
    text = "Markets slip\n\nMishka Varan\n\nHONG KONG 1996-08-30\n\nGold traders were idle."
    assert list(people(text)) == ["Mishka Varan"]


def test_dotted_abbreviations_are_not_initials() -> None:
    text = "He won the U.S. Amateur title and the U.S. Open. N. Korea tested a missile."
    assert find_people(article(text)) == []


def test_day_before_a_name_is_not_part_of_it() -> None:
    text = "Last Friday Dennis Mitchell won the 100 metres in Brussels."
    assert list(people(text)) == ["Dennis Mitchell"]


def test_people_in_a_comma_list_with_a_known_person() -> None:
    text = "Leading scores: 65 Billy Andrade, Duffy Waldorf, Jesper Parnevik (Sweden)."
    assert {"Billy Andrade", "Duffy Waldorf", "Jesper Parnevik"} <= set(people(text))


def test_headline_verb_that_is_also_a_surname_is_cut() -> None:
    text = (
        "Hillary Clinton Goes After Donald Trump As The New Mitt Romney\n\n"
        "Hillary Clinton attacked Donald Trump on Monday, as she had attacked governor Mitt Romney."
    )
    assert set(people(text)) == {"Hillary Clinton", "Donald Trump", "Mitt Romney"}


def test_team_list_of_surnames_with_known_players() -> None:
    text = (
        "Coach Mick Kearney named Gary Breen and Niall Quinn in his side. "
        "The team is as follows: Breen, Staunton, Irwin, McAteer, Quinn."
    )
    found = people(text)
    assert {"Staunton", "Irwin", "McAteer"} <= set(found)
    assert "Breen" in found["Gary Breen"].aliases


def test_list_of_places_is_not_a_team() -> None:
    text = "Berlin, Brussels, Zurich and Oslo belong to the Golden Four series."
    assert find_people(article(text)) == []


def test_role_does_not_reach_into_the_dateline() -> None:
    text = "LONDON 1996-08-30\nWest Indian all-rounder Phil Simmons took four wickets."
    assert people(text)["Phil Simmons"].role == "West Indian all-rounder"


def test_chinese_names_including_a_family_name_that_is_an_english_word() -> None:
    text = (
        "Spokesperson Mao Ning said China opposed the move. He Yadong, a spokesperson "
        "for the Ministry of Commerce, said talks continue. He said it twice."
    )
    found = people(text)
    assert set(found) == {"Mao Ning", "He Yadong"}
    assert found["He Yadong"].role == "spokesperson for the Ministry of Commerce"


def test_company_named_after_a_person_is_not_a_person() -> None:
    text = (
        "Corbett Medical completes acquisition.\n\n"
        "Corbett Medical Industries Inc said Friday it completed the deal."
    )
    assert find_people(article(text)) == []


@pytest.mark.parametrize(
    "text, name",
    [
        ("Steve Forbes said the tax was too high.", "Steve Forbes"),
        ("Former vice president Al Gore spoke in Nashville.", "Al Gore"),
        (
            "Sheikh Mohammed bin Rashid Al Maktoum opened the show.",
            "Mohammed bin Rashid Al Maktoum",
        ),
        ("Syrian President Bashar al-Assad met the envoy.", "Bashar al-Assad"),
        ("Владимир Путин заявил, said the agency.", "Владимир Путин"),
    ],
)
def test_names_that_contain_outlet_or_particle_words(text: str, name: str) -> None:
    assert name in people(text)


def test_alias_keeps_its_particle() -> None:
    text = "Osama bin Laden was killed in 2011. Before that, bin Laden hid in Abbottabad."
    found = people(text)
    assert found["Osama bin Laden"].aliases == ("bin Laden",)


def test_single_names_with_strong_context() -> None:
    text = (
        "Scorers: Rivaldo (23rd), Bebeto (75th pen). Durano, 45, fights on Saturday. "
        "Lebedev, the Kremlin security chief, said so. In Chelsea, the mayor said more."
    )
    found = people(text)
    assert set(found) == {"Rivaldo", "Bebeto", "Durano", "Lebedev"}
    assert found["Lebedev"].role == "Kremlin security chief"


@pytest.mark.parametrize(
    "text, role",
    [
        ("Keron Blair, executive director of AROS, said.", "executive director of AROS"),
        (
            "Ban Ki-moon, the secretary general of the United Nations, spoke.",
            "secretary general of the United Nations",
        ),
        ("Chuck Berry, the baseball player Willie Mays and others came.", None),
    ],
)
def test_compound_role_heads(text: str, role: str | None) -> None:
    assert find_people(article(text))[0].role == role


def test_name_that_starts_like_a_town() -> None:
    text = "400 metres hurdles: 1. Torrance Zellner (U.S.) 48.23 seconds"
    assert list(people(text)) == ["Torrance Zellner"]
    assert find_people(article("-- London Newsroom +44 171 542 7658")) == []


def test_short_titles_spelt_out_as_roles() -> None:
    found = people("Gov. Gavin Newsom and Sen. Mitch McConnell (R-Ky.) clashed on Monday.")
    assert found["Gavin Newsom"].role == "Governor"
    assert found["Mitch McConnell"].role == "Senator"


def test_sentence_ending_in_a_letter_is_not_an_initial() -> None:
    text = "Shares fell after the post on X. Meta Platforms rose. Photo: Getty Images"
    assert find_people(article(text)) == []


def test_name_suffixes_and_saint_places() -> None:
    text = (
        "Joseph R. Biden Jr. spoke in St. Louis. Biden left early. "
        "St. Louis Cardinals manager Oliver Marmol praised him."
    )
    found = people(text)
    assert set(found) == {"Joseph R. Biden Jr", "Oliver Marmol"}
    assert found["Joseph R. Biden Jr"].aliases == ("Biden",)


@pytest.mark.parametrize(
    "text, name, role",
    [
        (
            "Bank of England Governor Andrew Bailey said on Tuesday.",
            "Andrew Bailey",
            "Bank of England Governor",
        ),
        (
            "He met US Secretary of State Marco Rubio. The Minister of Finance Nirmala "
            "Sitharaman spoke.",
            "Nirmala Sitharaman",
            "Minister of Finance",
        ),
        (
            "Rates fell.\n\nReporting by William Schomberg; Editing by Toby Chopra",
            "Toby Chopra",
            "editor",
        ),
    ],
)
def test_titles_with_of_and_credits(text: str, name: str, role: str) -> None:
    assert people(text)[name].role == role


def test_given_names_that_are_also_words() -> None:
    text = "Former President Bill Clinton came. New Jersey Gov. Chris Christie spoke."
    found = people(text)
    assert found["Bill Clinton"].role == "President"
    assert found["Chris Christie"].role == "New Jersey Governor"


def test_no_break_space_inside_a_name() -> None:
    text = "John\u00a0Whitcombe said on Monday. Whitcombe left."
    found = people(text)
    assert list(found) == ["John Whitcombe"]
    assert found["John Whitcombe"].mentions == 2


def test_lowercase_words_are_collected_without_a_list_of_every_word() -> None:
    # one findall over the text built millions of word strings for a big
    # article, to keep the few thousand distinct ones
    text = "many ordinary words here " * 40_000
    finder = people_module._Finder(text)  # loads the name lists: not this test's business
    tracemalloc.start()
    try:
        words = finder.lower_words
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert words == {"many", "ordinary", "words", "here"}
    assert peak < len(text) // 4
