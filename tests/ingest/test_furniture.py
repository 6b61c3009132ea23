import pytest

import nigerlens as nl
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


# page stamps: the page's own dates and times are furniture, never events (issue 15)
@pytest.mark.parametrize(
    "text, kinds",
    [
        ("Junta closes airspace\n\nPublished the 31/08/2024 at 10h12\n\nTroops left.", ["timestamp"]),
        ("Junta closes airspace\n\nSahel Wire · Live · Updated 2 Aug 2023 09:05 GMT\n\nTroops left.", ["timestamp"]),
        ("Junta closes airspace\n\nFirst published on August 3, 2023 at 7:02 a.m.\n\nTroops left.", ["timestamp"]),
        ("Troops left.\n\n09:15 GMT\nThe talks resumed.", ["timestamp"]),
        ("Junta closes airspace\n\nLast modified on Thu 10 Aug 2023 09.12 BST\n\nTroops left.", ["timestamp"]),
        ("Junta closes airspace\n\nAugust 10, 20239:12 AM GMT+1Updated 2 hours ago\n\nTroops left.", ["timestamp"]),
        ("Junta closes airspace\n\nAug 10, 2023, 9:12 AM ET\n\nTroops left.", ["timestamp"]),
        ("By Jo Hart\non May 03, 2024 at 10:52 AM\n\nTroops left.", ["byline", "timestamp"]),
        ("Junta closes airspace\n\nOn 4 August 2023, 18:05\n\nTroops left.", ["timestamp"]),
        ("Troops left.\n\n7.45pm\nThe talks resumed.", ["timestamp"]),
        ("DESERT POST | World | Tuesday, 8 August 2023 | 11:00 WAT\n\nTroops left.", ["header"]),
        ("NIAMEY HERALD \u2014 Friday, September 1, 2023 Home \u203a World\n\nTroops left.", ["header"]),
        ("SAHEL NOTES | Africa | 03.08.2023 10:20 (Paris time)\n\nTroops left.", ["header"]),
        ("Troops left.\n\nImage: A convoy leaves Niamey, 3 August 2023.", ["caption"]),
        ("Troops left.\n\nPicture: Soldiers at a base near Agadez, 2021 (handout)", ["caption"]),
        ("Troops left.\n\nFILE - Soldiers stand guard in Niamey, Niger, Aug. 2, 2023.", ["caption"]),
        ("FILE \u2014 A convoy on the road to Agadez, July 30, 2023 (AP Photo)\n\nTroops left.", ["caption"]),
        ("Troops left.\n\nThe FILE - a dossier - was sent on Aug. 2, 2023.", []),
        ("Troops left.\n\nTags: Niger, ECOWAS, Air Base 101", ["tags"]),
        ("Troops left.\n\nTopics: Sahel, coups", ["tags"]),
        ("Troops left.\n\n[1] Sahel Monitor, 4 August 2023.", ["footnote"]),
        ("Troops left.\n\nMORE ON THE SAHEL \u25b8 Junta shuts airspace (6 Aug) \u25b8 Envoys meet", ["related_links"]),
        ("Troops left.\n\nGo to video: Crowds rally outside the embassy (01:12)", ["related_links"]),
        ("Troops left.\n\nRelated: Junta expels two EU missions (Dec. 5)", ["related_links"]),
        ("Troops left.\n\nRead Also: Summit keeps sanctions on Niger (Dec. 11, 2023)", ["related_links"]),
        ("Troops left.\n\nA transport plane on the runway at Air Base 101, Niamey, Niger, June 3, 2024. (Sgt. A. Person/U.S. Air Force)", ["caption"]),
        ("Troops left.\n\nSoldiers unload crates at a base near Agadez, Niger, 4 May 2024.", ["caption"]),
        ("Troops left.\n\nSupporters gather in Niamey, Niger, August 6, 2023. REUTERS/A. Person", ["caption"]),
        ("Troops left.\n\nA soldier guards the gate of the base in Niamey. AFP/B. Person", ["caption"]),
        ("Troops left.\n\nA convoy leaves the base in Ouallam, Niger, on October 10, 2023. \u00a9 AFP", ["caption"]),
        ("Troops left.\n\nRead more:\n\nJunta orders envoy out\n\nNiger profile: a timeline (Sept. 3, 2023)\n\nThe talks went on.", ["related_links"]),
        ("Troops left.\n\nThe AFP/Reuters tally of troops is disputed, officials said.", []),
        ("Troops left.\n\nShare this story: X | Email\nRead Also: Summit keeps sanctions (Dec. 11, 2023)\n\nEnd.", ["share", "related_links"]),
        ("Troops left.\nSee also: Junta closes the border\nThe talks went on.", ["related_links"]),
        ("Troops left.\n\nRelated to the talks, officials met on Dec. 5.", []),
        ("Troops left.\n\nThe junta seized power, the army said, on July 26, 2023.", []),
        # article sentences that mention publishing, times and dates stay
        ("Troops left.\n\nThe report, published on 12 August 2023, said the base was full.", []),
        ("Troops left.\n\nUpdated plans were published on 3 August 2023, the ministry said.", []),
        ("Troops left.\n\nThe report, Published on 3 August 2023, said the base was full.", []),
        ("Troops left.\n\nAugust 3, 2023 was the day the envoys left.", []),
        ("Troops left.\n\nAt 18:40 the convoy left Niamey | officials said | on 3 August 2023.", []),
        ("Troops left.\n\nThe image of soldiers leaving Niamey spread fast.", []),
        ("Troops left. Troops left.", []),
        ("The coup so far\nOn July 26 the guard seized Bazoum.\n\nTroops left.\n\nThe coup so far\nOn July 26 the guard seized Bazoum.", ["box", "box"]),
        ("Key dates\nOn 26 July the army took power.\n\nTroops left.\n\nKey dates\nOn 26 July the army took power.\n\nEnd.", ["box", "box"]),
        ("The coup so far\nOn July 26 the guard seized Bazoum.\n\nTroops left.", []),
        # a paragraph printed twice stays: a file may hold many copies of one story (tests/test_hostile.py)
        ("On July 26 the guard seized Bazoum.\n\nTroops left.\n\nOn July 26 the guard seized Bazoum.", []),
    ],
)
def test_page_stamp_rules(text, kinds):
    found = find_furniture(text, outlets=OUTLETS)
    assert [f.kind for f in found] == kinds
    for f in found:
        assert text[f.start : f.end] == f.text


@pytest.mark.parametrize("text", ["", "\n\n", "Published the", "Updated 99/99/9999 at", "[1]", "|" * 5000, "Updated " + "9" * 5000])
def test_page_stamp_rules_cope_with_odd_text(text):
    find_furniture(text, outlets=OUTLETS)


from nigerlens.resources import lexicon  # noqa: E402


@pytest.mark.parametrize("word", [r["word"] for r in lexicon("page_stamps") if r["kind"] == "stamp"])
def test_each_stamp_word_sets_a_stamp_aside(word):
    found = find_furniture(f"Headline\n\n{word} 3 August 2023 10:20\n\nTroops left.", outlets=OUTLETS)
    assert [f.kind for f in found] == ["timestamp"]


@pytest.mark.parametrize("word", [r["word"] for r in lexicon("page_stamps") if r["kind"] in ("caption", "tags", "related")])
def test_each_label_word_sets_its_line_aside(word):
    found = find_furniture(f"Troops left.\n\n{word}: Soldiers near the base in Niamey\n\nThe talks went on.", outlets=OUTLETS)
    assert len(found) == 1


@pytest.mark.parametrize("marker", ["READ NEXT:", "You may also like", "You might also like", "More from Sahel Wire", "Most read"])
def test_related_markers_set_their_headlines_aside(marker):
    text = f"Troops left.\n\n{marker}\nChad orders US troops to halt activities at air base near N'Djamena\n\nThe talks went on."
    found = find_furniture(text, outlets=OUTLETS)
    assert [f.kind for f in found] == ["related_links"]
    assert "N'Djamena" in found[0].text


@pytest.mark.parametrize("block", [
    # a marker over a list of several long headlines, with more page after it
    "Read Next\n- Germany says its 100 soldiers in Niamey stay put for now as talks go on\n"
    "- Exclusive: Wagner fighters could be offered to Niger junta, sources say\n"
    "- Analysis: West Africa's coup belt tests the resolve of the regional bloc",
    # a headline that ends on a quoted word
    "Related news\n- Niger junta says US military presence 'illegal'\n- Russian military instructors arrive in Niger\n"
    "- 'We'll stay as long as we can,' Italy says of its 300-strong Niger mission",
])
def test_a_marker_over_a_list_of_headlines_is_set_aside(block):
    text = f"Italy keeps some 300 soldiers in Niger, the ministry said.\n\n{block}\n\nSign up for our newsletter.\n"
    article = nl.from_text(text)
    assert [s.kind for s in article.set_aside if s.kind == "related_links"] == ["related_links"]
    assert [(d.actor, d.count) for d in nl.deployments(article).itertuples()] == [("Italy", 300)]


def test_a_sentence_after_a_marker_word_stays_text():
    article = nl.from_text("Related to the coup, France said it would keep its 1,500 troops.\nThe ministry added more.\n")
    assert not [s for s in article.set_aside if s.kind == "related_links"]
