import pytest

from nigerlens.ingest.furniture import find_furniture

OUTLETS = ["RT", "Reuters", "AFP", "AP"]


@pytest.mark.parametrize(
    "text, kinds",
    [
        ("Troops left. FILE PHOTO: A soldier in Niamey © Global Look Press / A Person", ["caption"]),
        ("Troops left.\n\nPhoto: Protesters outside the French base in Niamey, Sept. 2, 2023. (Reuters)", ["caption"]),
        ("Troops left.\n\nHeadline one Headline one\n\nRead more\n\nHeadline one\n\nThe talks went on.", ["related_links"]),
        ("Troops left.\n\nREAD MORE: Niger junta expels French ambassador\n\nThe talks went on.", ["related_links"]),
        ("Troops left. (RT)", ["outlet_tag"]),
        ("(Reuters) - Troops left.", ["outlet_tag"]),
        ("Troops left.\n\nShare this article: Facebook | X | Email", ["share"]),
        ("By Jane Doe and John Roe\n\nTroops left.", ["byline"]),
        ("Troops left.\n\n© 2023 Example News. All rights reserved.", ["caption"]),
        ("Troops left.\n\n(Reporting by John Irish; Editing by Alex Richardson)", ["byline"]),
        ("Troops left.\n\n(Additional reporting by Moussa Aksar in Niamey (Niger); Writing by Jane Doe)", ["byline"]),
        ("Troops left.\n\nRelated Topics\nNiger\nAfrica", ["related_links"]),
        ("Troops left.\n\nMore on this story\n\nNiger junta expels French ambassador\n\nThe talks went on.", ["related_links"]),
        ("Niger junta expels envoy\n\nIssued on: 26/08/2023 - 09:12\n\nTroops left.", ["timestamp"]),
        ("Troops left.\n\nAFP", ["byline"]),
        ("Troops left.\n\n(AFP)", ["outlet_tag"]),  # a known outlet closing the text: its tag
        ("Troops left.\n\nwith AFP and Reuters", ["byline"]),
        ("Headline\n\nJason Burke, Africa correspondent\n\nMon 7 Aug 2023 12.30 BST\n\nTroops left.", ["byline", "timestamp"]),
        ("Headline\n\nAugust 7, 2023 at 9:14 a.m. EDT\n\nTroops left.", ["timestamp"]),
        # article text that looks a little like furniture stays
        ("Troops left.\n\nOn 7 Aug 2023 the talks failed.", []),
        ("Troops left.\n\nMohamed Bazoum, the ousted president, remains detained.", []),
        ("AFP reported that troops left.", []),
        ("Updated figures showed that troops left: 1,500 in all.", []),
        ("Troops left.\n\nRelated to the coup, France said it would withdraw its ambassador.", []),
        ("Troops left.\n\n(The reporting by state media could not be verified.)", []),
        ("The photo showed soldiers. Read more about the coup in our archive.", []),
        ("He said the US would stay (for now).", []),
    ],
)
def test_furniture_rules(text, kinds):
    found = find_furniture(text, outlets=OUTLETS)
    assert [f.kind for f in found] == kinds
    for f in found:
        assert text[f.start : f.end] == f.text


def test_title_repeated_as_first_line():
    text = "France to pull troops out of Niger\n\nPARIS — France will withdraw."
    (f,) = find_furniture(text, title="France to pull troops out of Niger", outlets=OUTLETS)
    assert f.kind == "title" and f.start == 0
