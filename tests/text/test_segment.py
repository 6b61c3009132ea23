import pytest

import nigerlens as nl


def sentences(text):
    return [s.text for s in nl.from_text(text).sentences]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("About 1,000 U.S. troops remain. Italy has 300.", ["About 1,000 U.S. troops remain.", "Italy has 300."]),
        ("The junta, led by Gen. Abdourahamane Tchiani, spoke. Then it left.", ["The junta, led by Gen. Abdourahamane Tchiani, spoke.", "Then it left."]),
        ("Col. Amadou Abdramane called it illegal. It ended.", ["Col. Amadou Abdramane called it illegal.", "It ended."]),
        ("The deadline is Sept. 15. It was set on Aug. 6.", ["The deadline is Sept. 15.", "It was set on Aug. 6."]),
        # a quotation across sentences stays with its attribution
        ("“For Macron, France was at stake. For the Americans, stability is the priority,” the source said. Then more.",
         ["“For Macron, France was at stake. For the Americans, stability is the priority,” the source said.", "Then more."]),
        ('"No option is off the table. Force is a last resort," Tinubu said. Next.', ['"No option is off the table. Force is a last resort," Tinubu said.', "Next."]),
    ],
)
def test_sentence_splitting(text, expected):
    assert sentences(text) == expected


def test_paragraphs_split_on_blank_lines_or_single_lines():
    assert len(nl.from_text("One.\n\nTwo.\n\nThree.").paragraphs) == 3
    assert len(nl.from_text("One.\nTwo.\nThree.").paragraphs) == 3
    # hard-wrapped lines inside blank-line paragraphs stay one paragraph
    assert len(nl.from_text("One line\nwrapped.\n\nTwo.").paragraphs) == 2


def test_sentence_module_needs_no_nltk_data(monkeypatch):
    import nltk

    def refuse(*a, **k):
        raise AssertionError("nltk.download must never be called")

    monkeypatch.setattr(nltk, "download", refuse)
    monkeypatch.setattr(nltk.data, "path", ["/nonexistent"])
    assert len(nl.from_text("Gen. Tchiani spoke. Then he left.").sentences) == 2


def test_the_sentence_splitter_loads_without_importing_the_nltk_package():
    import subprocess
    import sys

    code = ("import sys, nigerlens as nl; nl.load_article(nl.BUNDLED_ARTICLE).sentences; "
            "assert 'nltk' not in sys.modules, 'the nltk package was imported'; "
            "import nltk, nltk.tokenize.punkt; assert nltk.word_tokenize and nltk.tokenize.punkt.PunktSentenceTokenizer")
    subprocess.run([sys.executable, "-c", code], check=True)
