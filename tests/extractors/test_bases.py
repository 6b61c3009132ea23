import pandas as pd
import pytest

import nigerlens as nl


def rows(text):
    df = nl.bases(nl.from_text(text))
    return [tuple(r) for r in df[["actor", "place"]].itertuples(index=False, name=None)]


def test_bundled_article_gives_the_two_us_bases(bundled):
    df = nl.bases(bundled)
    assert df[["actor", "place"]].values.tolist() == [["United States", "Niamey"], ["United States", "Agadez"]]
    assert df["latitude"].round(1).tolist() == [13.5, 17.0]
    assert df["longitude"].round(1).tolist() == [2.1, 8.0]
    for row in df.itertuples():
        assert bundled.text[row.start : row.end] == row.sentence


@pytest.mark.parametrize(
    "text, expected",
    [
        ("American troops are divided between two bases, located in the Niger capital of Niamey and the northern city of Agadez.",
         [("United States", "Niamey"), ("United States", "Agadez")]),
        ("Most of the French contingent is based at an air base next to the international airport in Niamey, with smaller detachments alongside Nigerien units at Ouallam and Ayorou, near the border with Mali.",
         [("France", "Niamey"), ("France", "Ouallam"), ("France", "Ayorou")]),
        ("Germany, which keeps a small air transport base in Niamey with around 100 soldiers, is negotiating separately.", [("Germany", "Niamey")]),
        ("Protesters gathered outside the French base in Niamey on Saturday.", [("France", "Niamey")]),
        ("The US drone base near Agadez cost $110 million.", [("United States", "Agadez")]),
        # a named base remembered across sentences, and an actor carried from the previous sentence
        ("About 1,000 American personnel remain, most at Air Base 201 near Agadez. A smaller group is stationed at Air Base 101, next to the airport in Niamey. Russian personnel now share part of Air Base 101 with the remaining Americans.",
         [("United States", "Agadez"), ("United States", "Niamey"), ("Russia", "Niamey")]),
        # the forces a base houses, named right after it, own it
        ("The protesters, some waving Russian flags, gathered near the base that houses French troops in Niamey.", [("France", "Niamey")]),
        ("Protesters gathered outside the base housing about 1,100 US troops in Agadez.", [("United States", "Agadez")]),
        # another actor's forces at a base are at that base too (ANNOTATION.md: "Russia has deployed instructors at Air Base 101")
        ("The US operates a base in Agadez that hosts Italian troops.", [("United States", "Agadez"), ("Italy", "Agadez")]),
        # not bases
        ("The statement followed four days of talks in Niamey between US and Nigerien officials.", []),
        ("The junta's power base in Niamey is the presidential guard.", []),
        ("Analysts based their estimate on reports from Agadez.", []),
        ("France is based on a long tradition, Macron said in Niamey.", []),
    ],
)
def test_base_rules(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Germany keeps a small air transport base in Niamey.", [("Niamey", "air transport base")]),
    # two bases in one sentence: each place keeps the base named before it
    ("The US keeps about 1,100 troops in Niger, at a drone base outside Agadez and at Air Base 101 in the capital, Niamey.",
     [("Agadez", "drone base"), ("Niamey", "Air Base 101")]),
    ("France has troops at Air Base 101 in Niamey and at a forward operating base in Ouallam.",
     [("Niamey", "Air Base 101"), ("Ouallam", "forward operating base")]),
    # one place, two bases: the one in the place's own clause; an appositive describes one base
    ("About 500 US troops were based at the drone facility, while the rest were at Air Base 101 near Niamey's airport.",
     [("Niamey", "Air Base 101")]),
    ("About 1,000 American personnel remain, most of them at Air Base 201, a $110 million drone facility on the outskirts of Agadez.",
     [("Agadez", "Air Base 201; drone facility")]),
    # one base, two places: the description is the base's for both
    ("American troops are divided between two bases, located in the Niger capital of Niamey and the northern city of Agadez.",
     [("Niamey", "base"), ("Agadez", "base")]),
])
def test_description_keeps_the_kind_of_base(text, expected):
    df = nl.bases(nl.from_text(text))
    assert list(zip(df["place"], df["description"], strict=True)) == expected


def test_empty_bases_table_has_stable_dtypes():
    df = nl.bases(nl.from_text("No bases here."))
    assert len(df) == 0 and str(df["latitude"].dtype) == "Float64"
    assert isinstance(df, pd.DataFrame)


# issue 15: base descriptions, named installations, the capital, whose base, other countries
@pytest.mark.parametrize(
    "text, expected",
    [
        ("Italian trainers are based in Niamey.", [("Italy", "Niamey")]),
        ("Chadian units are stationed at Diffa.", [("Chad", "Diffa")]),
        ("France pulled its jets out of its air base in Niamey.", [("France", "Niamey")]),
        ("The US flies drones from its air base in Agadez.", [("United States", "Agadez")]),
        ("The largest French air base in the Sahel is located in the capital of Niger.", [("France", "Niamey")]),
        ("A German airlift base operates in the Nigerien capital.", [("Germany", "Niamey")]),
        ("US personnel left Air Base 101 last week.", [("United States", "Niamey")]),
        ("American drones fly from Base 201.", [("United States", "Agadez")]),
        ("The US built a drone base outside Agadez.", [("United States", "Agadez")]),
        ("Russia has deployed instructors at Air Base 101.", [("Russia", "Niamey")]),
        ("Russian trainers moved into a hangar at Air Base 201.", [("Russia", "Agadez")]),
        # the base belongs to the actor that keeps it, not to the town it is named after
        ("Germany had hoped to keep the Niamey base as a logistics hub.", [("Germany", "Niamey")]),
        ("Italy wants to keep the Agadez facility open.", [("Italy", "Agadez")]),
        ("The Russians now live on Air Base 101, the installation next to the airport that still houses American troops.",
         [("Russia", "Niamey"), ("United States", "Niamey")]),
        ("Italians train at a camp outside Agadez which also hosts German medics.", [("Italy", "Agadez"), ("Germany", "Agadez")]),
        ("On Air Base 101 are now installed the Russian instructors of the Africa Corps.", [("Russia", "Niamey")]),
        ("At the drone base near Agadez now sit the American troops.", [("United States", "Agadez")]),
        ("Russian instructors have arrived at the air base in Niamey, where US troops are also stationed.",
         [("Russia", "Niamey"), ("United States", "Niamey")]),
        ("Italy runs a camp near Agadez, where German soldiers also live.", [("Italy", "Agadez"), ("Germany", "Agadez")]),
        ("The base in Niamey, where protesters gathered, was quiet.", []),
        # a town a force goes to is not the base's; a named base it goes to is
        ("French jets flew from the air base in Niamey to N'Djamena.", [("France", "Niamey")]),
        ("Italian crews drove from their camp in Agadez towards Arlit.", [("Italy", "Agadez")]),
        ("The US moved drones from Air Base 101 in Niamey to Air Base 201.", [("United States", "Niamey"), ("United States", "Agadez")]),
        ("France moved its jets to its base in N'Djamena.", [("France", "N'Djamena")]),
        ("Protesters marched on France's military base in Niamey.", [("France", "Niamey")]),
        ("Crowds gathered outside Italy\u2019s camp near Agadez.", [("Italy", "Agadez")]),
        ("Crowds gathered outside Niamey's air base.", []),
        # each place its own actor
        ("Italy still has soldiers at its base in Niamey, while most US personnel remain at a drone base outside Agadez.",
         [("Italy", "Niamey"), ("United States", "Agadez")]),
        ("France keeps troops at its base in Niamey, and the United States, which had drones there, has moved them to Air Base 201 near Agadez.",
         [("France", "Niamey"), ("United States", "Agadez")]),
        # a closed relative clause does not hand the base to the country it names
        ("France, which left Mali last year, keeps its air base in Niamey.", [("France", "Niamey")]),
        ("The US, which trains Chadian troops, runs a base near Agadez.", [("United States", "Agadez")]),
        # the actor of the sentence before, for "them" and "the rest"
        ("French soldiers are confined to their bases. At least 1,000 of them are at the air base in Niamey; the rest are at forward bases at Ouallam and Tabarey-Barey.",
         [("France", "Niamey"), ("France", "Ouallam"), ("France", "Tabarey-Barey")]),
        # a base in another country keeps its country
        ("France moved its jets to its base in N'Djamena.", [("France", "N'Djamena")]),
        ("The US keeps a drone base in Djibouti City.", [("United States", "Djibouti")]),
        # distractors
        ("The capital of Niger was calm on Sunday.", []),
        ("Protesters marched in the capital, Bamako.", []),
        ("Air Base 101 is a common name in many air forces.", []),
        ("Support bases of the junta rallied in Agadez.", []),
    ],
)
def test_base_descriptions_and_owners(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize("place, country", [("Niamey", "Niger"), ("Tabarey-Barey", "Niger"), ("Dirkou", "Niger"), ("Madama", "Niger"),
                                            ("Tillaberi", "Niger"), ("Ouallam", "Niger"), ("Ayorou", "Niger"), ("Arlit", "Niger"),
                                            ("N'Djamena", "Chad"), ("Gao", "Mali"), ("Port-Bouet", "Ivory Coast")])
def test_places_gazetteer_knows_the_country(place, country):
    from nigerlens.rules.gazetteer import default_gazetteer

    assert default_gazetteer().places[place].country == country


@pytest.mark.parametrize("text, names", [
    ("They flew from Air Base 201 to the capital of Niger.", ["Agadez", "Niamey"]),
    ("In the capital, Bamako, officials met.", ["Bamako"]),
    ("Tillabéri and Tabarey Barey", ["Tillaberi", "Tabarey-Barey"]),
    ("", []),
])
def test_place_mentions(text, names):
    from nigerlens.rules.gazetteer import default_gazetteer

    assert [m.name for m in default_gazetteer().place_mentions(text)] == names


@pytest.mark.parametrize("text", [
    "", " ", "\u201cAir Base 101 in Niamey", "Base 201 " * 2000, "the capital, the capital, the capital", "A\u0456r Base 101 in N\u0456amey",
    "Russia has deployed 9" + "9" * 400 + " instructors at Air Base 101.", "based in", "stationed at ;;;",
])
def test_odd_text_does_not_crash(text):
    article = nl.from_text(text)
    nl.bases(article)
    nl.deployments(article)
    nl.events(article)


@pytest.mark.parametrize("text, expected", [
    # a passive's agent owns nothing after it
    ("The United States, ordered out by the junta in March, handed over its drone base near Agadez.", [("United States", "Agadez")]),
    ("Italy, invited by Niger's army, runs a training base in Niamey.", [("Italy", "Niamey")]),
    # a host named as the visitor's counterpart is not the base's owner
    ("Boris Pistorius met his counterpart, General Salifou Mody, to discuss keeping the air base in Niamey.", [("Germany", "Niamey")]),
    ("Lloyd Austin called his counterpart, Salifou Mody, about the drone base near Agadez.", [("United States", "Agadez")]),
])
def test_agents_and_counterparts_own_no_base(text, expected):
    found = nl.bases(nl.from_text(text, published="2024-08-30"))
    assert [(b.actor, b.place) for b in found.itertuples()] == expected
