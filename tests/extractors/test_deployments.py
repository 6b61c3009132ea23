import pandas as pd
import pytest

import nigerlens as nl

COLUMNS = ["article_id", "actor", "actor_mention", "count", "count_high", "qualifier", "unit", "host", "status", "as_of", "location", "sentence", "start", "end", "rule"]


def rows(text, published=None):
    df = nl.deployments(nl.from_text(text, published=published))
    return [tuple(None if pd.isna(v) else v for v in r) for r in df[["actor", "count", "count_high", "qualifier", "status"]].itertuples(index=False, name=None)]


def test_bundled_article_gives_exactly_the_two_forces(bundled):
    df = nl.deployments(bundled)
    got = df[["actor", "count", "qualifier", "unit", "host", "status"]].astype(object).values.tolist()
    assert got == [
        ["United States", 1300, "some", "soldiers", "Niger", "present"],
        ["France", 1500, "around", "servicemen", "Niger", "present"],
    ]
    # the comparison does not give the US France's number, nor France the US one
    assert df["actor_mention"].tolist() == ["US", "France"]


def test_evidence_points_at_the_sentence(bundled):
    for row in nl.deployments(bundled).itertuples():
        assert bundled.text[row.start : row.end] == row.sentence
        assert "1,300" in row.sentence and row.rule


def test_empty_table_keeps_columns_and_dtypes():
    df = nl.deployments(nl.from_text("Nothing about troops here."))
    assert list(df.columns) == COLUMNS and len(df) == 0
    assert str(df["count"].dtype) == "Int64" and str(df["actor"].dtype) == "string"


@pytest.mark.parametrize(
    "text, expected",
    [
        # wire style, actor adjective between count and unit
        ("About 1,000 U.S. troops remain in Niger, officials said.", [("United States", 1000, None, "about", "present")]),
        ("Some 1,500 French soldiers are deployed in the Sahel country.", [("France", 1500, None, "some", "present")]),
        # the clause decides, not the sentence's first country
        ("The US has a sizable force in Niger, amounting to some 1,300 soldiers and almost equaling that of France, which has around 1,500 servicemen in the country.",
         [("United States", 1300, None, "some", "present"), ("France", 1500, None, "around", "present")]),
        ("Italy has kept its roughly 300 soldiers in Niger, while France is pulling out its 1,500 troops by the end of the year.",
         [("Italy", 300, None, "roughly", "present"), ("France", 1500, None, None, "withdrawing")]),
        # ranges and pledges
        ("Ivory Coast's President Alassane Ouattara said his country would contribute a battalion of between 850 and 1,100 soldiers.",
         [("Ivory Coast", 850, 1100, "between", "pledged")]),
        ("France has between 1,000 and 1,500 troops in Niger, according to estimates.", [("France", 1000, 1500, "between", "present")]),
        ("Nigeria has pledged 1,000-1,500 soldiers to the standby force.", [("Nigeria", 1000, 1500, "between", "pledged")]),
        # numbers in words and with spaces
        ("Germany keeps a thousand soldiers in Mali.", [("Germany", 1000, None, None, "present")]),
        ("Italy sent ten military instructors to Niamey.", [("Italy", 10, None, None, "present")]),
        ("La France dispose de 1 500 soldats.", []),  # not English units: no row
        ("France maintains 1 500 troops in Niger.", [("France", 1500, None, None, "present")]),
        # force nouns
        ("Nigeria would lead a 1,000-strong contingent, officials in Abuja said.", [("Nigeria", 1000, None, None, "pledged")]),
        ("The European Union has a training mission of about 100 personnel in Niamey.", [("European Union", 100, None, "about", "present")]),
        # sizes with no count give no row (ANNOTATION.md: "vague amounts do not" count)
        ("Russia has sent several hundred Wagner mercenaries to Mali.", []),
        ("Officials say hundreds of Russian instructors arrived in Niamey.", []),
        # past and withdrawing
        ("Washington had more than 1,100 troops in Niger before the July 2023 coup.", [("United States", 1100, None, "more than", "past")]),
        ("Germany will withdraw its around 100 soldiers from Niger by August.", [("Germany", 100, None, "around", "withdrawing")]),
        # what a relative clause says, and "had" as an auxiliary, are not the force's status
        ("France has between 1,000 and 1,500 troops in Niger who had been helping the government fight jihadi groups.",
         [("France", 1000, 1500, "between", "present")]),
        ("The U.S. said it had repositioned some of its roughly 1,100 troops to Agadez.", [("United States", 1100, None, "roughly", "present")]),
        ("The U.S. had roughly 1,100 troops in the country, which it has now withdrawn.", [("United States", 1100, None, "roughly", "past")]),
        # a force noun whose count has its own unit and owner: "a contingent of around 100 Russian personnel"
        ("A contingent of around 100 Russian personnel is believed to be in the country.", [("Russia", 100, None, "around", "present")]),
        ("Roughly 1,000 American troops were stationed in Niger before the junta revoked the agreement.", [("United States", 1000, None, "roughly", "past")]),
        # a range after a force noun, and a host after an adjective of place
        ("Ivory Coast has promised to contribute a battalion of 850 to 1,100 soldiers.", [("Ivory Coast", 850, 1100, "between", "pledged")]),
        # a second actor and count sharing the first one's verb and unit
        ("The US has about 1,100 troops in Niger, and France some 1,500, most of them at a base near the airport in Niamey.",
         [("United States", 1100, None, "about", "present"), ("France", 1500, None, "some", "present")]),
        ("France has 1,500 soldiers in Niger and Germany about 100.", [("France", 1500, None, None, "present"), ("Germany", 100, None, "about", "present")]),
        ("The US has about 1,100 troops in Niger, and France 20% of the budget.", [("United States", 1100, None, "about", "present")]),
        ("Dozens of Wagner fighters are reported to have arrived in neighbouring Mali.", []),
        # "respectively" pairs a list of counts with as many coordinated actors
        ("Germany and Italy also have smaller contingents, of about 100 and 300 soldiers respectively.",
         [("Germany", 100, None, "about", "present"), ("Italy", 300, None, "about", "present")]),
        ("France and the US have some 1,500 and 1,100 troops there, respectively.",
         [("France", 1500, None, "some", "present"), ("United States", 1100, None, "some", "present")]),
        ("Germany, Italy and Chad have 100, 300 and 1,000 soldiers in Niger, respectively.",
         [("Germany", 100, None, None, "present"), ("Italy", 300, None, None, "present"), ("Chad", 1000, None, None, "present")]),
        # without "respectively", or with fewer actors than counts, nothing is paired
        ("Germany and Italy have between 100 and 300 soldiers in Niger.", [("Italy", 100, 300, "between", "present")]),
        ("Italy has 100 and 300 soldiers in two places respectively.", [("Italy", 300, None, None, "present")]),
        # relative clause and quantified "of"
        ("Germany, which keeps a small air transport base in Niamey with around 100 soldiers, is negotiating.", [("Germany", 100, None, "around", "present")]),
        ("Most of the 1,500 French troops are based in Niamey.", [("France", 1500, None, None, "present")]),
        # person resolves to the side they speak for
        ("Macron said nearly 1,500 soldiers would stay for now.", [("France", 1500, None, "nearly", "present")]),
        # "he" / "she" with no owner in the sentence: the person named last, and their side
        ("Macron spoke on TF1. He said the roughly 1,500 troops would leave by the end of the year.", [("France", 1500, None, "roughly", "withdrawing")]),
        ("He said the roughly 1,500 troops would leave.", [(None, 1500, None, "roughly", "withdrawing")]),  # no one named before
        ("Macron spoke on TF1. Officials said about 1,000 troops would stay.", [(None, 1000, None, "about", "present")]),
        # the actor comes from the unit phrase: "troops from X"
        ("About 1,000 troops from Chad are stationed in Niger.", [("Chad", 1000, None, "about", "present")]),
        # a possessive at the start of a sentence points at the previous sentence's subject
        ("France has kept forces in the Sahel for a decade. Its 1,500 soldiers are in Niger.", [("France", 1500, None, None, "present")]),
        # not troop counts
        ("The US suspended nearly $500 million in assistance to Niger.", []),
        ("The junta gave the French ambassador 48 hours to leave.", []),
        ("ECOWAS gave the junta seven days to reinstate Bazoum.", []),
        ("Both France and the US have troops in Niger.", []),
        ("The coup in July 2023 ended a decade of partnership.", []),
    ],
)
def test_deployment_rules(text, expected):
    assert rows(text) == expected


@pytest.mark.parametrize(
    "text, host",
    [
        ("France keeps 1,500 soldiers in Chad.", "Chad"),
        ("About 1,000 U.S. troops remain in the country.", None),  # no other state named: unknown
        ("Russia sent 100 instructors to Niger.", "Niger"),
        ("A further 1,000 French troops are based in neighbouring Chad.", "Chad"),
    ],
)
def test_host(text, host):
    df = nl.deployments(nl.from_text(text))
    value = df["host"].iloc[0]
    assert (None if pd.isna(value) else value) == host


def test_as_of_is_read_from_the_clause():
    df = nl.deployments(nl.from_text("Washington had more than 1,100 troops in Niger before the July 2023 coup."))
    assert df["as_of"].tolist() == ["before the July 2023 coup"]


def loc_rows(text, published=None):
    df = nl.deployments(nl.from_text(text, published=published))
    cols = ["actor", "count", "count_high", "qualifier", "status", "as_of", "location"]
    return [tuple(None if pd.isna(v) else v for v in r) for r in df[cols].itertuples(index=False, name=None)]


# issue 15: counts in words and other notations, hedges as written
@pytest.mark.parametrize(
    "text, expected",
    [
        ("Chad keeps two dozen instructors in Niamey.", [("Chad", 24, None, None, "present")]),
        ("Benin sent three dozen paratroopers to the border.", [("Benin", 36, None, None, "present")]),
        ("Germany moved fifteen hundred soldiers to Mali.", [("Germany", 1500, None, None, "present")]),
        ("About a thousand Italian troops stay in the country.", [("Italy", 1000, None, "about", "present")]),
        ("Italy has 1.500 soldiers in Niger, the ministry said.", [("Italy", 1500, None, None, "present")]),
        ("Chad has 2.000 troops on the Niger border.", [("Chad", 2000, None, None, "present")]),
        ("Benin has 1 200 troops on the border.", [("Benin", 1200, None, None, "present")]),
        ("Nigeria would lead a 2,000-strong force.", [("Nigeria", 2000, None, None, "pledged")]),
        ("Over 300 Italian soldiers remain.", [("Italy", 300, None, "over", "present")]),
        ("Almost 90 German soldiers remain.", [("Germany", 90, None, "almost", "present")]),
        ("Fewer than 50 US personnel stay at the base.", [("United States", 50, None, "fewer than", "present")]),
        ("Up to 400 Chadian troops could join.", [("Chad", 400, None, "up to", "present")]),
        ("At least 60 German soldiers remain.", [("Germany", 60, None, "at least", "present")]),
        ("Approximately 250 Italian soldiers are there.", [("Italy", 250, None, "approximately", "present")]),
        ("Nearly 700 Beninese troops were pledged.", [("Benin", 700, None, "nearly", "pledged")]),
        ("More than 1,000 US troops are in Niger.", [("United States", 1000, None, "more than", "present")]),
        # vague amounts: no row
        ("Several hundred Chadian soldiers crossed over.", []),
        ("Thousands of French troops once served in the Sahel.", []),
        ("A few dozen Russian instructors arrived.", []),
        # never a deployment: clock times, dates, shares, civilians, aircraft, distances, money
        ("18:40 GMT Troops moved towards the palace.", []),
        ("At 10:30 soldiers surrounded the palace.", []),
        ("On 26 July soldiers detained Bazoum.", []),
        ("Some 40% of French troops have already left.", []),
        ("About 2,000 protesters and 300 civilians gathered.", []),
        ("The US flew 12 aircraft and 30 flights out.", []),
        ("The convoy drove 500 km with its soldiers.", []),
        ("France pays 10 million euros for its troops.", []),
        ("Eleven states back the standby force.", []),
        # absurd numbers are not troop counts, and do not crash
        ("A force of 99999999999999999999999 soldiers was announced.", []),
        ("It claimed 5,000,000 soldiers.", []),
        ("a million million million million soldiers", []),
        ("1" + ",000" * 300 + " troops", []),
    ],
)
def test_number_notations_and_hedges(text, expected):
    assert rows(text) == expected


# issue 15: sub-counts by place, counts of "them", past strengths, withdrawn troops, closed relatives
@pytest.mark.parametrize(
    "text, expected",
    [
        ("Chad has 1,200 troops in Niger: 800 in Diffa and 400 near Bilma.",
         [("Chad", 1200, None, None, "present", None, None), ("Chad", 800, None, None, "present", None, "Diffa"),
          ("Chad", 400, None, None, "present", None, "Bilma")]),
        ("Before the coup, Italy had some 500 soldiers in Niger: about 300 at its base in Niamey and 200 at posts in Arlit and Dirkou.",
         [("Italy", 500, None, "some", "past", "Before the coup", None), ("Italy", 300, None, "about", "past", "Before the coup", "Niamey"),
          ("Italy", 200, None, None, "past", "Before the coup", "Arlit and Dirkou")]),
        ("The 900 Italian soldiers are mostly in Niamey, and around 100 at Air Base 201.",
         [("Italy", 900, None, None, "present", None, None), ("Italy", 100, None, "around", "present", None, "Agadez")]),
        ("Italian soldiers guard the embassy. About 50 of them are in Niamey.", [("Italy", 50, None, "about", "present", None, "Niamey")]),
        ("Germany runs a base staffed by Bundeswehr soldiers. Roughly 90 of those remain, officials say.",
         [("Germany", 90, None, "roughly", "present", None, None)]),
        ("Chadian troops guard the border. Several hundred of them are in Diffa.", []),
        ("Thousands of protesters gathered. About 200 of them were arrested.", []),
        ("Italy flew 65 of its soldiers home.", [("Italy", 65, None, None, "withdrawn", None, None)]),
        ("Germany evacuated 40 troops by air.", [("Germany", 40, None, None, "withdrawn", None, None)]),
        ("About 60 Bundeswehr personnel had remained at the air transport base in Niamey after the July 2023 coup, down from roughly 120 before the takeover.",
         [("Germany", 60, None, "about", "past", None, None), ("Germany", 120, None, "roughly", "past", "before the takeover", None)]),
        ("Some 80 Italian instructors stay in Niamey, down from 300 before the coup.",
         [("Italy", 80, None, "some", "present", None, None), ("Italy", 300, None, None, "past", "before the coup", None)]),
        ("France, which left Mali last year, has about 1,500 troops in Niger.", [("France", 1500, None, "about", "present", None, None)]),
        ("Nearly 100 German soldiers remain, while Italy, which trained units in Mali, keeps at least 300 there.",
         [("Germany", 100, None, "nearly", "present", None, None), ("Italy", 300, None, "at least", "present", None, None)]),
        ("France has 1,400 soldiers in Niger, most in Niamey; about 400 others were stationed at Ouallam.",
         [("France", 1400, None, None, "present", None, None), ("France", 400, None, "about", "past", None, "Ouallam")]),
        ("Chad keeps 900 troops in Diffa and 200 more near Bilma.",
         [("Chad", 900, None, None, "present", None, None), ("Chad", 200, None, None, "present", None, "Bilma")]),
        ("About 1,000 of the 1,500 French troops are in Niamey.",
         [("France", 1000, None, "about", "present", None, None), ("France", 1500, None, None, "present", None, None)]),
        ("Nearly 600 of its 1,100 US troops moved to Agadez.",
         [("United States", 600, None, "nearly", "present", None, None), ("United States", 1100, None, None, "present", None, None)]),
        ("The US has about 1,100 troops in Niger, 1,000 of whom are at Air Base 201.",
         [("United States", 1100, None, "about", "present", None, None), ("United States", 1000, None, None, "present", None, "Agadez")]),
        ("Roughly 40 of the 2023 budget lines cover troops.", []),
        # numbers of names and dates are not sub-counts
        ("Air Base 101 in the capital hosts 1,000 US troops.", [("United States", 1000, None, None, "present", None, None)]),
        ("France had 1,500 troops in Niger until July 26 in Niamey.", [("France", 1500, None, None, "past", "until July 26 in Niamey", None)]),
        ("France has 1,500 troops in Niger, as it has since 2013 in the Sahel.", [("France", 1500, None, None, "present", None, None)]),
        # a sub-count that opens the next sentence, its force counted in the sentence before
        ("The US keeps about 1,000 troops in Niger. Roughly 600 are at Agadez and at least 400 in Niamey.",
         [("United States", 1000, None, "about", "present", None, None), ("United States", 600, None, "roughly", "present", None, "Agadez"),
          ("United States", 400, None, "at least", "present", None, "Niamey")]),
        ("Italy has 350 soldiers in Niger. About 250 are based in Niamey.",
         [("Italy", 350, None, None, "present", None, None), ("Italy", 250, None, "about", "present", None, "Niamey")]),
        # the anaphor before the count: "Of these soldiers, N ..."
        ("France has 1,500 soldiers in Niger. Of these soldiers, about a thousand are stationed in Niamey.",
         [("France", 1500, None, None, "present", None, None), ("France", 1000, None, "about", "present", None, "Niamey")]),
        ("Germany sent 120 troops. Of those, some 60 remained at the base in Niamey.",
         [("Germany", 120, None, None, "present", None, None), ("Germany", 60, None, "some", "present", None, "Niamey")]),
    ],
)
def test_linked_counts(text, expected):
    assert loc_rows(text) == expected


@pytest.mark.parametrize(
    "text, host",
    [
        ("Russia's Africa Corps has deployed around 100 instructors to Tillaberi.", "Niger"),
        ("ABUJA, Aug 10 \u2014 Some 1,000 US troops are at Air Base 201 near Agadez.", "Niger"),
        ("Russia keeps 100 instructors at Air Base 101.", "Niger"),
        ("France keeps 1,000 soldiers at its base in N'Djamena.", "Chad"),
    ],
)
def test_host_is_where_the_place_is(text, host):
    df = nl.deployments(nl.from_text(text))
    assert df["host"].iloc[0] == host


# issue 15: a count whose force is named around it, not as its subject
@pytest.mark.parametrize(
    "text, expected",
    [
        ("What remains of the Italian contingent, about 80 soldiers, leaves in June.", [("Italy", 80, None, "about", "present")]),
        ("Estimates of the German presence ran from 60 to 90 personnel.", [("Germany", 60, 90, "between", "present")]),
        ("France's last soldiers flew out on Friday. Roughly forty troops boarded the final plane.", [("France", 40, None, "roughly", "present")]),
        ("The German army ended its mission. Cargo planes evacuated 60 soldiers.", [("Germany", 60, None, None, "withdrawn")]),
        ("German airmen run a small base. About 100 of them were there before the coup; fewer than 40 remain.",
         [("Germany", 100, None, "about", "present"), ("Germany", 40, None, "fewer than", "present")]),
        ("Chad had 900 soldiers in Diffa; some 300 stayed.", [("Chad", 900, None, None, "past"), ("Chad", 300, None, "some", "present")]),
        ("Some 1,300 French soldiers had gone by Dec. 13; 157 of them stayed on.",
         [("France", 1300, None, "some", "past"), ("France", 157, None, None, "present")]),
        ("The last ten airmen at Agadez boarded a plane.", [(None, 10, None, None, "present")]),  # no force named anywhere
        ("The last of France's 1,500 troops left Niger on Friday.", [("France", 1500, None, None, "present")]),
        ("Many of Italy’s 300 soldiers stayed.", [("Italy", 300, None, None, "present")]),
        ("Niger's 30,000-strong army has fought jihadists for a decade.", [("Niger", 30000, None, None, "present")]),
        ("Chad has an army of about 40,000.", [("Chad", 40000, None, "about", "present")]),
        ("The army said on Monday that it had repelled an attack.", []),
        # a person named before is not carried over, nor a model number taken for a count
        ("Macron spoke on TF1. Officials said about 1,000 troops would stay.", [(None, 1000, None, "about", "present")]),
        ("Around 100 Russian instructors came aboard an Il-76 on April 10.", [("Russia", 100, None, "around", "present")]),
        ("Some 200 US airmen left on a C-17 in June.", [("United States", 200, None, "some", "present")]),
        ("Protesters gathered. About 300 remain outside the embassy.", []),
    ],
)
def test_force_named_around_the_count(text, expected):
    assert rows(text) == expected


# issue 15: staff and casualties are not deployments; more hedges as written
@pytest.mark.parametrize(
    "text, expected",
    [
        ("Jihadists killed 17 Nigerien soldiers near the border.", []),
        ("At least 29 soldiers were killed in the ambush.", []),
        ("Twelve soldiers have reportedly died in the attack.", []),
        ("The deaths of 17 soldiers shocked Niamey.", []),
        ("The US ordered 100 embassy personnel to leave.", []),
        ("Some 40 non-essential US personnel flew out.", []),
        ("About 1,000 US troops remain, and 17 soldiers were wounded in June.", [("United States", 1000, None, "about", "present")]),
        ("Well over 1,000 French troops remain.", [("France", 1000, None, "well over", "present")]),
        ("Under 100 German soldiers remain.", [("Germany", 100, None, "under", "present")]),
        ("No more than 50 Italian troops stay.", [("Italy", 50, None, "no more than", "present")]),
        ("In excess of 300 Chadian troops crossed.", [("Chad", 300, None, "in excess of", "present")]),
    ],
)
def test_not_a_force_and_more_hedges(text, expected):
    assert rows(text) == expected


# issue 15: a list of pledges sharing one verb and unit
@pytest.mark.parametrize(
    "text, expected",
    [
        ("Nigeria would provide up to 1,000 soldiers, Ivory Coast between 850 and 1,100, and Benin and Senegal several hundred each.",
         [("Nigeria", 1000, None, "up to", "pledged"), ("Ivory Coast", 850, 1100, "between", "pledged")]),
        ("Nigeria has 1,000 troops in the force, Benin 300 and Senegal about 150.",
         [("Nigeria", 1000, None, None, "present"), ("Benin", 300, None, None, "present"), ("Senegal", 150, None, "about", "present")]),
        ("Nigeria would provide 1,000 soldiers, Tinubu said.", [("Nigeria", 1000, None, None, "pledged")]),
        ("Chad has 1,000 troops in Niger, Benin says, 300 of them in Dosso.", [("Chad", 1000, None, None, "present"), ("Chad", 300, None, None, "present")]),
    ],
)
def test_gapped_lists(text, expected):
    assert rows(text) == expected


# issue 15: pledged contingents
@pytest.mark.parametrize(
    "text, expected",
    [
        ("Senegal pledged 500 troops to the standby force.", [("Senegal", 500, None, None, "pledged")]),
        ("Benin said it would send about 300 soldiers.", [("Benin", 300, None, "about", "pledged")]),
        ("Nigeria offered a contingent of 1,000 for the mission.", [("Nigeria", 1000, None, None, "pledged")]),
        ("Ivory Coast will contribute up to 1,100 troops.", [("Ivory Coast", 1100, None, "up to", "pledged")]),
        # a pledge refused or spoken of without a number gives no row
        ("Ghana pledged troops but gave no number.", []),
        ("Senegal said it was ready to send troops.", []),
    ],
)
def test_pledged_contingents(text, expected):
    assert rows(text) == expected


# every lexicon row reaches its rule: an analyst's new word works without code
from nigerlens.resources import lexicon  # noqa: E402


@pytest.mark.parametrize("phrase", [r["phrase"] for r in lexicon("qualifiers")])
def test_each_qualifier_is_read_as_written(phrase):
    got = rows(f"France keeps {phrase} 1,200 soldiers in Niger.")
    assert [(r[0], r[1], r[3]) for r in got] == [("France", 1200, next(q["qualifier"] for q in lexicon("qualifiers") if q["phrase"] == phrase))]


@pytest.mark.parametrize("word", [r["word"] for r in lexicon("units")])
def test_each_unit_word_makes_a_count(word):
    assert [r[1] for r in rows(f"France keeps 1,200 {word} in Niger.")] == [1200]


@pytest.mark.parametrize("word", [r["word"] for r in lexicon("count_links") if r["kind"] == "casualty"])
def test_each_casualty_word_blocks_a_count(word):
    assert rows(f"The army listed {word} 17 soldiers near Diffa.") == []


@pytest.mark.parametrize("text, expected", [
    # "one of the ..." is a person picked out of a group, not a force of one
    ("One of the instructors told state television that they had come to train the army.", []),
    ("One of the Russian advisers said they would stay in Niger for years.", []),
    ("Italy has one soldier left in Niger.", [("Italy", 1, None, None, "present")]),
    # "the former colonial power" is France (data/actors.csv)
    ("Niger's military rulers tore up the accords with France, the former colonial power, which keeps some 1,500 soldiers in the country.",
     [("France", 1500, None, "some", "present")]),
    ("The junta has turned away from the former colonial ruler, which still has about 1,500 soldiers there.",
     [("France", 1500, None, "about", "present")]),
])
def test_partitives_and_the_former_colonial_power(text, expected):
    assert rows(text, published="2023-08-04") == expected


@pytest.mark.parametrize("text, expected", [
    # an owner named after a relative clause closed owns what follows, not the antecedent
    ("Italy, which still has some 300 soldiers in Niger, and Germany, with around 100 at its air transport base in Niamey, have kept their missions going.",
     [("Italy", 300, None, "some", "present"), ("Germany", 100, None, "around", "present")]),
    ("France, which keeps about 1,500 troops in Niger, and the United States, with some 1,100 at two bases, have not moved.",
     [("France", 1500, None, "about", "present"), ("United States", 1100, None, "some", "present")]),
    # the antecedent still owns a count after the clause when no one else is named
    ("Italy, which has trained Nigerien forces for years, has about 300 soldiers in Niger.", [("Italy", 300, None, "about", "present")]),
])
def test_an_owner_after_a_closed_relative_clause(text, expected):
    assert rows(text, published="2024-04-18") == expected


@pytest.mark.parametrize("text, expected", [
    # a force noun with a count verb: "numbers", "stands at", "totals"
    ("Italy's Defense Ministry says its contingent numbers fewer than 350.", [("Italy", 350, "fewer than")]),
    ("The US contingent numbers about 1,100.", [("United States", 1100, "about")]),
    ("The French force stands at some 1,500.", [("France", 1500, "some")]),
    # the number of a base is its name, and "while" ends the noun phrase of a count
    ("Some of them were housed at Air Base 101 while U.S. troops were still there.", []),
    ("Russian instructors moved into Base 201 while American troops packed up.", []),
])
def test_count_verbs_and_base_numbers(text, expected):
    df = nl.deployments(nl.from_text(text, published="2024-08-06"))
    assert [(r.actor, r.count, r.qualifier) for r in df.itertuples()] == expected
