"""The quotation finder: every quote-mark style, two wordings each, and what is not a quotation."""

import pytest

import nigerlens as nl
from nigerlens.quotations import find_quotations, frame_of


def texts(text):
    return [q.text for q in find_quotations(text)]


MARKS = [
    # straight and curly double marks
    ('Officials said "the convoy has left" on Monday.', ["the convoy has left"]),
    ("He called it “a turning point” for the region.", ["a turning point"]),
    # single curly marks, with apostrophes inside that do not close them
    ("‘Mali’s partners won’t wait,’ the envoy said.", ["Mali’s partners won’t wait,"]),
    ("‘The bloc’s patience is not endless,’ she added.", ["The bloc’s patience is not endless,"]),
    # a possessive plural closes only when nothing better does
    ("‘The soldiers’ families are safe,’ he said.", ["The soldiers’ families are safe,"]),
    ("‘We protect the farmers’ fields,’ he said.", ["We protect the farmers’ fields,"]),
    # straight single marks
    ("The minister called the plan 'premature' and 'unworkable'.", ["premature", "unworkable"]),
    ("'Chad's army is ready,' the general said.", ["Chad's army is ready,"]),
    # guillemets
    ("Le ministre a dit «nous restons» hier.", ["nous restons"]),
    ("The statement spoke of « une transition apaisée » in Niamey.", [" une transition apaisée "]),
    # Unicode look-alikes of the straight mark
    ("＂We stay,＂ the envoy said.", ["We stay,"]),
    ("The junta called it ＂a betrayal＂ on Monday.", ["a betrayal"]),
    # mixed pairs, as scraped pages have them
    ('“Talks will resume next week," the mediator said.', ["Talks will resume next week,"]),
    ('"We are not leaving,” the colonel said.', ["We are not leaving,"]),
    # a quotation inside another stays inside it
    ("‘They keep saying “dialogue” but send troops,’ he said.", ["They keep saying “dialogue” but send troops,"]),
    ('"Our answer to the word \'ultimatum\' is no," he said.', ["Our answer to the word 'ultimatum' is no,"]),
    # over paragraphs: each reopens, only the last closes
    ("“The first phase is over.\n\n“The second begins tomorrow,” she said.", ["The first phase is over. The second begins tomorrow,"]),
    ("‘We tried everything.\n\n‘Nothing worked,’ he said.", ["We tried everything. Nothing worked,"]),
    # an unclosed mark ends at its paragraph; the next paragraph is still read
    ("He said “we will never bow\n\nLater, “calm returned,” police said.", ["we will never bow", "calm returned,"]),
    ('The colonel said "this ends now\n\nIt did not "end," critics said.', ["this ends now", "end,"]),
    # a single mark that never closes mid-paragraph is an apostrophe, not a quotation
    ("Since the ’90s the army has grown, he said “slowly”.", ["slowly"]),
    ("Tell ‘em we stay, the colonel said, and “we mean it”.", ["we mean it"]),
    # ... but one that opens a sentence and runs on into the next paragraph is a quotation
    ("The colonel read it out. ‘The bloc has failed us,\n\n‘and we leave it,’ he said.", ["The bloc has failed us, and we leave it,"]),
    ("The envoy spoke. ‘We came in peace.\n\n‘We leave in peace,’ she said.", ["We came in peace. We leave in peace,"]),
    # no quotation at all
    ("Niger’s capital, the bloc’s envoy and the soldiers’ barracks.", []),
    ("", []),
]


@pytest.mark.parametrize("text, expected", MARKS, ids=[m[0][:40] for m in MARKS])
def test_quotation_marks(text, expected):
    assert texts(text) == expected


FRAMES = [
    # slogans and placards
    ("Protesters chanted ", "Protesters chanted “Down with France!” outside the base.", "slogan"),
    ("Youths waved placards reading ", "Youths waved placards reading “Wagner, welcome” in Niamey.", "slogan"),
    # scare quotes
    ("the so-called ", "He mocked the so-called “partners” of the region.", "scare"),
    ("what is known as ", "Aid flows through what is known as “the corridor”.", "scare"),
    # headlines and related links
    ("Read also: ", "Read also: Niger junta rejects ‘ultimatum’", "link"),
    ("", "Niger: Junta warns bloc off ‘adventure’", "headline"),
    ("", "Mali: ministers hail “new era” in Bamako", "headline"),
    # a speaker's words
    ("The minister said ", "The minister said “we are ready.”", None),
    ("", "“We will stay,” the envoy said on Monday.", None),
]


@pytest.mark.parametrize("before, line, kind", FRAMES, ids=[f[1][:40] for f in FRAMES])
def test_what_the_marks_hold(before, line, kind):
    assert frame_of(before, line, find_quotations(line)) == kind


@pytest.mark.parametrize(
    "text",
    [
        "Crowds chanted “France out!” near the embassy. “We are safe,” the ambassador said.",
        "Demonstrators were shouting “Long live Russia” as the convoy passed. “We are safe,” the ambassador said.",
    ],
)
def test_slogans_give_no_row_but_the_speakers_words_do(text):
    df = nl.quotes(nl.from_text(text))
    assert df["text"].tolist() == ["We are safe"]


@pytest.mark.parametrize(
    "text",
    [
        "“" * 5000,
        "‘’" * 3000 + "x",
        "“‘“‘“‘" * 2000,
        '"' * 10001,
        "He said “" + "word " * 20000,
        "ʻlook-alikeʼ ＂marks＂ ‹ › „ ‟",
        "\n\n\n",
        "“\n\n“\n\n“",
    ],
)
def test_odd_text_does_not_crash(text):
    find_quotations(text)
    nl.quotes(nl.from_text(text))


def test_an_unclosed_mark_does_not_swallow_the_article():
    text = "The colonel said “we will fight to the end\n\nThe bloc met on Friday. “Talks are open,” Tinubu said."
    df = nl.quotes(nl.from_text(text))
    assert df["text"].tolist() == ["we will fight to the end", "Talks are open"]
    assert df["speaker"].tolist()[1] == "Bola Tinubu"
