import pandas as pd
import pytest

import nigerlens as nl
from nigerlens.tables.schema import iso_day

from ..conftest import DEV


def days(values) -> list:
    """Date cells as ISO days, for readable expectations."""
    return [iso_day(v) for v in values]


def resolved(text, published="2023-08-14"):
    df = nl.events(nl.from_text(text, published=published))
    return [(r.expression, iso_day(r.date), iso_day(r.date_end), r.precision) for r in df.itertuples()]


def test_bundled_article_five_events(bundled):
    df = nl.events(bundled)
    got = [(r.expression, iso_day(r.date), iso_day(r.date_end), r.precision) for r in df.itertuples()]
    assert got == [
        ("over the weekend", "2023-08-12", "2023-08-13", "weekend"),
        ("in late July", "2023-07-21", "2023-07-31", "part-of-month"),
        ("on July 26", "2023-07-26", None, "day"),
        ("On Monday", "2023-08-14", None, "day"),
        ("last Monday", "2023-08-07", None, "day"),
    ]
    assert df["summary"].tolist()[3] == "Niger’s military government agreed to hold talks with ECOWAS"
    assert df["summary"].tolist()[4] == "Nuland visited Niger"
    assert df["actors"].tolist()[4] == "Victoria Nuland; Niger"
    assert set(days(df["anchor"].dropna())) == {"2023-08-14"}
    assert df["anchor"].dtype == df["date"].dtype == df["date_end"].dtype == "datetime64[s]"
    for r in df.itertuples():
        assert bundled.text[r.start : r.end] == r.sentence


def test_no_event_from_related_links_or_caption(bundled):
    sentences = " ".join(nl.events(bundled)["sentence"])
    assert "EU preparing sanctions" not in sentences and "FILE PHOTO" not in sentences


def test_caption_date_in_dev_article_creates_no_event():
    df = nl.events(nl.load_article(DEV / "wire-20230925-france-withdrawal.txt"))
    assert "2023-09-02" not in set(df["date"])


# (text, publication date, expected [(expression, date, date_end, precision)])
CASES = [
    # explicit dates, with and without year, abbreviations
    ("The coup took place on July 26.", "2023-08-14", [("on July 26", "2023-07-26", None, "day")]),
    ("Bazoum was detained on 26 July 2023.", "2023-08-14", [("on 26 July 2023", "2023-07-26", None, "day")]),
    ("The ambassador was told to leave on Aug. 25.", "2023-09-25", [("on Aug. 25", "2023-08-25", None, "day")]),
    ("The talks were held on 2023-08-07.", "2023-08-14", [("on 2023-08-07", "2023-08-07", None, "day")]),
    ("That deadline expired on Sunday, Aug. 6, without a response.", "2023-08-11", [("on Sunday, Aug. 6", "2023-08-06", None, "day")]),
    ("US forces will leave no later than Sept. 15.", "2024-05-20", [("no later than Sept. 15", "2024-09-15", None, "day")]),
    # year boundaries
    ("The two sides met on Dec. 28.", "2024-01-03", [("on Dec. 28", "2023-12-28", None, "day")]),
    ("The junta will hold talks on Jan. 10.", "2023-12-20", [("on Jan. 10", "2024-01-10", None, "day")]),
    ("ECOWAS set a deadline of Jan. 10 for the junta.", "2023-12-20", [("Jan. 10", "2024-01-10", None, "day")]),
    # weekdays
    ("On Monday, the junta agreed to talks.", "2023-08-14", [("On Monday", "2023-08-14", None, "day")]),
    ("Nuland visited Niger last Monday.", "2023-08-14", [("last Monday", "2023-08-07", None, "day")]),
    ("Officials said on Tuesday that the aid was cut.", "2023-10-11", [("on Tuesday", "2023-10-10", None, "day")]),
    ("The leaders will meet on Thursday.", "2023-08-14", [("on Thursday", "2023-08-17", None, "day")]),
    ("ECOWAS chiefs meet next Monday.", "2023-08-14", [("next Monday", "2023-08-21", None, "day")]),
    ("Blinken spoke to reporters Wednesday.", "2023-08-11", [("Wednesday", "2023-08-09", None, "day")]),
    # spans
    ("Le Figaro reported over the weekend.", "2023-08-14", [("over the weekend", "2023-08-12", "2023-08-13", "weekend")]),
    # British "at the weekend", in the future tense: the coming weekend
    ("West African leaders will meet at the weekend.", "2023-08-07", [("at the weekend", "2023-08-12", "2023-08-13", "weekend")]),
    ("West African leaders met at the weekend.", "2023-08-07", [("at the weekend", "2023-08-05", "2023-08-06", "weekend")]),
    ("A defence official told reporters last week.", "2024-05-20", [("last week", "2024-05-13", "2024-05-19", "week")]),
    ("Protests grew earlier this week.", "2023-08-16", [("earlier this week", "2023-08-14", "2023-08-16", "week")]),
    ("Talks are planned next week.", "2023-08-16", [("next week", "2023-08-21", "2023-08-27", "week")]),
    ("They signed a pact last month.", "2023-10-11", [("last month", "2023-09-01", "2023-09-30", "month")]),
    ("Prices rose earlier this month.", "2023-10-11", [("earlier this month", "2023-10-01", "2023-10-11", "part-of-month")]),
    ("Aid was suspended last year.", "2024-05-20", [("last year", "2023-01-01", "2023-12-31", "year")]),
    ("The coup came in late July.", "2023-08-14", [("in late July", "2023-07-21", "2023-07-31", "part-of-month")]),
    ("Relations collapsed in early August.", "2023-09-25", [("in early August", "2023-08-01", "2023-08-10", "part-of-month")]),
    ("The envoy arrived in mid-August.", "2023-09-25", [("in mid-August", "2023-08-11", "2023-08-20", "part-of-month")]),
    ("Phee led a delegation to Niamey in March.", "2024-05-20", [("in March", "2024-03-01", "2024-03-31", "month")]),
    ("The coup happened in July 2023.", "2024-05-20", [("in July 2023", "2023-07-01", "2023-07-31", "month")]),
    ("Sanctions were imposed in 2023.", "2024-05-20", [("in 2023", "2023-01-01", "2023-12-31", "year")]),
    ("The drawdown ends in the third quarter of 2024.", "2024-05-20", [("in the third quarter of 2024", "2024-07-01", "2024-09-30", "quarter")]),
    ("Troops left the base yesterday.", "2024-05-20", [("yesterday", "2024-05-19", None, "day")]),
    # relative to another date in the same sentence, never guessed
    ("ECOWAS met on July 30 and two days later the junta replied.", "2023-08-14", [("on July 30", "2023-07-30", None, "day"), ("two days later", "2023-08-01", None, "day")]),
    ("A week after the coup, ECOWAS imposed sanctions.", "2023-08-14", [("A week after the coup", None, None, "unresolved")]),
    ("The junta replied three days ago.", "2023-08-14", [("three days ago", "2023-08-11", None, "day")]),
    # no event
    ("The junta gave the ambassador 48 hours to leave.", "2023-08-14", []),
    ("ECOWAS gave the junta seven days to reinstate Bazoum.", "2023-08-14", []),
    ("We may march on the capital.", "2023-08-14", []),
    ("Some 1,300 US soldiers are in Niger.", "2023-08-14", []),
    ("ABUJA, Aug 10 — West African leaders met.", "2023-08-11", []),
    # issue 15: a weekday written with its date fixes the year, even in a past-tense clause
    ("The bloc had warned the officers to step down by Sunday, Aug. 6.", "2023-08-04", [("by Sunday, Aug. 6", "2023-08-06", None, "day")]),
    ("Envoys demanded his release by Monday, 14 August.", "2023-08-10", [("by Monday, 14 August", "2023-08-14", None, "day")]),
    # the past-tense verb right before the date governs it, whatever modal follows
    ("Macron said on Sunday that the troops would leave.", "2023-09-25", [("on Sunday", "2023-09-24", None, "day")]),
    ("The minister announced on Friday that talks would resume.", "2023-08-14", [("on Friday", "2023-08-11", None, "day")]),
    ("The envoys will be received on Friday.", "2023-08-14", [("on Friday", "2023-08-18", None, "day")]),
    ("The vote is scheduled on Friday.", "2023-08-14", [("on Friday", "2023-08-18", None, "day")]),
    ("Bamako had warned in late July that an attack would mean war.", "2023-09-18", [("in late July", "2023-07-21", "2023-07-31", "part-of-month")]),
    # a month is the latest such month on or before publication unless the clause looks ahead
    ("Troops have been confined to base since late July.", "2024-02-24", [("since late July", "2023-07-21", "2023-07-31", "part-of-month")]),
    ("Flights stayed grounded through August.", "2024-02-24", [("through August", "2023-08-01", "2023-08-31", "month")]),
    ("The summit will be held in early March.", "2024-02-24", [("in early March", "2024-03-01", "2024-03-10", "part-of-month")]),
    ("Talks began at the beginning of July.", "2023-08-14", [("the beginning of July", "2023-07-01", "2023-07-10", "part-of-month")]),
    ("The junta met envoys earlier this month.", "2023-09-15", [("earlier this month", "2023-09-01", "2023-09-15", "part-of-month")]),
    # a weekday after "until" is the next such day
    ("The embassy stays shut until this Friday.", "2023-08-14", [("this Friday", "2023-08-18", None, "day")]),
    ("ECOWAS had given the officers until Sunday to step down.", "2023-08-07", [("until Sunday", "2023-08-06", None, "day")]),
    ("The curfew runs until Thursday.", "2023-08-14", [("until Thursday", "2023-08-17", None, "day")]),
    # year boundaries
    ("The junta said on Dec. 30 that the border was open.", "2024-01-02", [("on Dec. 30", "2023-12-30", None, "day")]),
    ("Talks are set for Jan. 4.", "2023-12-29", [("Jan. 4", "2024-01-04", None, "day")]),
    # a year that dates a noun
    ("The presence rests on a 2012 defence accord.", "2023-09-08", [("a 2012", "2012-01-01", "2012-12-31", "year")]),
    ("Officers recalled the 2021 coup in Mali.", "2023-09-08", [("the 2021", "2021-01-01", "2021-12-31", "year")]),
    # a year stated relative to publication belongs to the date
    ("The army seized power on July 26 last year.", "2024-03-18", [("on July 26 last year", "2023-07-26", None, "day")]),
    ("Talks resumed in December of last year.", "2024-08-31", [("in December of last year", "2023-12-01", "2023-12-31", "month")]),
    ("Elections are planned for 14 March next year.", "2024-08-31", [("14 March next year", "2025-03-14", None, "day")]),
    # modal "must" looks ahead; a chunk with no verb takes the next chunk's
    ("The last troops must be gone by Sept. 15 under a deal reached in May.", "2024-08-06", [("by Sept. 15", "2024-09-15", None, "day"), ("in May", "2024-05-01", "2024-05-31", "month")]),
    ("By Dec. 13, most of the soldiers had left.", "2023-12-22", [("By Dec. 13", "2023-12-13", None, "day")]),
    ("By Nov. 30, the last convoy had reached Chad.", "2023-12-22", [("By Nov. 30", "2023-11-30", None, "day")]),
    # counted from an event whose date is not given: not guessed
    ("A second team landed on Saturday, less than a month after the first team arrived.", "2024-05-06",
     [("on Saturday", "2024-05-04", None, "day"), ("a month after the first", None, None, "unresolved")]),
    ("Flights resumed two weeks after the coup.", "2023-08-14", [("two weeks after the coup", None, None, "unresolved")]),
    # background and names: no event
    ("French troops have been in the Sahel since 2013.", "2023-08-14", []),
    ("Germany has trained Nigerien forces since 2018.", "2023-08-14", []),
    ("The report was carried by Vostok Today.", "2023-08-14", []),
    ("Sahel Today and Niger TODAY both ran it.", "2023-08-14", []),
    ("The report was aired by This Week in Africa.", "2023-08-14", []),
    ("He told Niger Weekend Edition about it.", "2023-08-14", []),
    ("Today the junta met envoys.", "2023-08-14", [("Today", "2023-08-14", None, "day")]),
    ("This week the junta met envoys.", "2023-08-16", [("This week", "2023-08-14", "2023-08-20", "week")]),
    ("Some 2023 soldiers arrived.", "2023-08-14", []),
    ("NIAMEY, Aug 8 (Sahel Monitor) — Nuland met the junta's leaders.", "2023-08-11", []),
    # a date opening the sentence goes with its main verb, not a clause reported after "that"
    ("On March 16, the junta announced that the accord would be scrapped.", "2024-04-02", [("On March 16", "2024-03-16", None, "day")]),
    ("On 19 April, the two sides agreed that US forces would leave.", "2024-05-03", [("On 19 April", "2024-04-19", None, "day")]),
    ("On Friday, the minister said that the convoy would leave.", "2023-10-02", [("On Friday", "2023-09-29", None, "day")]),
    # ... but a date inside the reported clause keeps its own tense
    ("The junta said that the talks would resume on Friday.", "2023-10-02", [("on Friday", "2023-10-06", None, "day")]),
    # "earlier this week" runs to the publication date, as "earlier this month"
    ("Flights left Niamey earlier this week.", "2023-08-04", [("earlier this week", "2023-07-31", "2023-08-04", "week")]),
    ("Earlier this week the bloc met in Abuja.", "2023-08-10", [("Earlier this week", "2023-08-07", "2023-08-10", "week")]),
    # a planned event looks ahead
    ("A rally is planned in Niamey for Saturday.", "2024-04-12", [("Saturday", "2024-04-13", None, "day")]),
    ("Another march is planned on Sunday, organisers said.", "2023-08-03", [("on Sunday", "2023-08-06", None, "day")]),
    # a town set off by commas before the date: the clause before it gives the tense
    ("Ecowas leaders will meet in the Nigerian capital, Abuja, on Sunday for a summit.", "2023-08-05", [("on Sunday", "2023-08-06", None, "day")]),
    ("The envoys met in the Malian capital, Bamako, on Monday to discuss the plan.", "2023-08-05", [("on Monday", "2023-07-31", None, "day")]),
    # an ultimatum that expires looks ahead, one that expired looks back
    ("The ultimatum expires on Sunday.", "2023-08-05", [("on Sunday", "2023-08-06", None, "day")]),
    ("The junta's ultimatum to the French envoy expired on Sunday.", "2023-08-30", [("on Sunday", "2023-08-27", None, "day")]),
    # the date of an old picture in its caption is no event
    ("[Image] French soldiers patrol near Tillabéri in a 2021 file photo [File: Reuters]", "2023-09-25", []),
    ("Bundeswehr soldiers at the base in Niamey (archive picture from 2023).", "2024-07-07", []),
]


@pytest.mark.parametrize("text, published, expected", CASES, ids=[c[0][:40] for c in CASES])
def test_resolution_rules(text, published, expected):
    assert resolved(text, published) == expected


def test_without_publication_date_relative_dates_stay_unresolved():
    df = nl.events(nl.from_text("Nuland visited Niger last Monday. The coup took place on July 26, 2023."))
    last_monday, july = df.itertuples()
    assert (last_monday.precision, pd.isna(last_monday.date)) == ("unresolved", True)
    assert "no publication date" in last_monday.how and pd.isna(last_monday.anchor)
    assert (july.date, july.precision) == (pd.Timestamp("2023-07-26"), "day")


def test_without_publication_date_yearless_dates_take_the_article_year():
    df = nl.events(nl.from_text("The coup of July 2023 shook the region. Bazoum was detained on July 26."))
    assert days(df["date"]) == ["2023-07-01", "2023-07-26"]
    assert "another date in the article" in df["how"].iloc[1]


def test_without_publication_date_the_dateline_is_the_anchor():
    df = nl.events(nl.from_text("NIAMEY, Aug 10, 2023 (Sahel Wire) \u2014 Envoys met on Tuesday. The junta replied last week."))
    assert days(df["date"]) == ["2023-08-08", "2023-07-31"]
    assert set(days(df["anchor"])) == {"2023-08-10"}


@pytest.mark.parametrize("text", ["", "ABUJA, Aug 99 \u2014 Talks.", "ABUJA, Feb 30, 2023 \u2014 Talks on Monday.", "Until " * 500, "by Sunday, Aug. 31" * 50])
def test_odd_dates_do_not_crash(text):
    nl.events(nl.from_text(text))
    nl.events(nl.from_text(text, published="2023-08-14"))


def test_another_publication_date_moves_relative_dates_only(bundled):
    moved = nl.events(bundled, published="2023-08-21")
    assert moved.set_index("expression")["date"].map(iso_day).to_dict() == {
        "over the weekend": "2023-08-19",
        "in late July": "2023-07-21",
        "on July 26": "2023-07-26",
        "On Monday": "2023-08-21",
        "last Monday": "2023-08-14",
    }


def test_how_explains_the_resolution(bundled):
    how = nl.events(bundled).set_index("expression")["how"]
    assert how["last Monday"] == "Monday before the publication date 2023-08-14"
    assert how["over the weekend"] == "the weekend before the publication date 2023-08-14"


def test_merge_groups_mentions_of_one_event(bundled):
    merged = nl.merge_events(nl.events(bundled))
    coup = merged[merged["expressions"].str.contains("July 26")].iloc[0]
    assert coup["mentions"] == 2 and coup["date"] == pd.Timestamp("2023-07-26") and coup["precision"] == "day"
    assert len(merged) == 4  # the two coup mentions became one event; the rest stay apart


def test_merge_keeps_different_events_apart():
    events = nl.events(nl.from_text("ECOWAS met on July 30. The junta expelled the French ambassador on Aug. 25.", published="2023-09-01"))
    assert len(nl.merge_events(events)) == 2


def test_empty_events_table_keeps_its_columns():
    df = nl.events(nl.from_text("No dates here."))
    assert len(df) == 0 and "precision" in df.columns and str(df["date"].dtype) == "datetime64[s]"
    assert len(nl.merge_events(df)) == 0


@pytest.mark.parametrize("sentence, expression, summary", [
    # a date that modifies a noun names the event
    ("Ties have deteriorated since the July 26 coup, the latest sign of trouble.", "July 26", "the July 26 coup"),
    ("The July 26 military coup was condemned.", "July 26", "The July 26 military coup"),
    ("The August 10 summit in Abuja agreed to activate the standby force.", "August 10", "The August 10 summit"),
    ("Sunday's rally drew thousands of people to the stadium.", "Sunday's", "Sunday's rally"),
    ("Last week\u2019s meeting ended without a deal.", "Last week", "Last week\u2019s meeting"),
    # otherwise the clause the date governs
    ("The talks that took place last week ended without a deal.", "last week", "The talks that took place ended without a deal"),
    ("On July 26 the presidential guard detained Bazoum.", "On July 26", "the presidential guard detained Bazoum"),
])
def test_summary_of_a_date(sentence, expression, summary):
    from nigerlens.extractors.events import summarize
    from nigerlens.rules.dates import find_expressions

    (expr,) = [e for e in find_expressions(sentence) if e.text == expression]
    assert summarize(sentence, expr.start, expr.end) == summary


@pytest.mark.parametrize(
    "text, actors",
    [
        ("Pistorius said about 60 soldiers had stayed after the July 2023 coup.", [None]),
        ("Macron recalled that the July 26 coup ended a partnership.", [None]),
        ("Germany closed its base on Aug. 30, Pistorius said.", ["Germany"]),
        ("On Monday, ECOWAS met in Abuja, Tinubu said.", ["ECOWAS"]),
    ],
)
def test_an_event_carries_its_own_actors_only(text, actors):
    df = nl.events(nl.from_text(text, published="2024-09-01"))
    got = [None if pd.isna(a) else a.split("; ")[0] for a in df["actors"]]
    assert got == actors


def test_every_pattern_rule_has_a_resolver():
    from nigerlens.rules.dates import NEEDS_ANCHOR, PATTERNS, RESOLVERS

    assert set(RESOLVERS) == {rule for rule, _ in PATTERNS}
    assert NEEDS_ANCHOR <= set(RESOLVERS)


TIMELINE = """Contents
1 2023
1.1 July
1.2 August
2 2024

2023[edit]
July[edit]
28 July – General Tchiani proclaims himself head of the CNSP.

August[edit]
10 August – A second ECOWAS summit orders the activation of the standby force.

2024[edit]
16 March – The junta revokes the status-of-forces agreement with the United States.

References[edit]
^ "Tchiani named Niger's new leader". Sahel Wire. 28 July 2023. Retrieved 27 July 2024.
^ "Niger revokes military accord with US". Sahel Wire. 17 March 2024.
"""


def test_a_timeline_s_year_headings_date_the_days_under_them():
    # "28 July" under "2023" is 2023, though the page was published in 2025; the table of
    # contents and the reference list are furniture (their dates and titles are no events or quotes)
    article = nl.from_text(TIMELINE, published="2025-01-30")
    ev = nl.events(article)
    assert [str(d.date()) for d in ev["date"]] == ["2023-07-28", "2023-08-10", "2024-03-16"]
    assert ev["how"].str.contains("section heading").all()
    assert {s.kind for s in article.set_aside} >= {"contents", "references", "heading"}
    assert nl.quotes(article).empty
