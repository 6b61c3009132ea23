"""Excel, GeoJSON and event-data exports, read back with openpyxl, json and pandas."""

import json

import openpyxl
import pandas as pd
import pytest

import nigerlens as nl
from nigerlens.outputs.formats import (
    EVENT_COLUMNS,
    bases_geojson,
    event_data,
    write_geojson,
    write_xlsx,
)
from nigerlens.tables.schema import frame

from ..conftest import DEV


@pytest.fixture(scope="module")
def tables():
    return nl.extract([nl.BUNDLED_ARTICLE, DEV / "wire-20230925-france-withdrawal.txt"])


def test_the_workbook_has_a_sheet_per_table_with_the_same_rows(tables, tmp_path):
    path = write_xlsx(tables, tmp_path / "tables.xlsx")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == list(tables)
    sheet = book["deployments"]
    header = [c.value for c in sheet[1]]
    assert header == list(tables["deployments"].columns)
    assert sheet.max_row - 1 == len(tables["deployments"])
    rows = [dict(zip(header, (c.value for c in r), strict=True)) for r in sheet.iter_rows(min_row=2)]
    assert {(r["actor"], r["count"]) for r in rows} == set(zip(tables["deployments"]["actor"], tables["deployments"]["count"], strict=True))


@pytest.mark.parametrize("text", ["=HYPERLINK(\"http://x\")", "+2+3", "@SUM(A1)", "-1+1"])
def test_the_workbook_neutralises_formulas(tmp_path, text):
    tables = {"quotes": frame("quotes", [{"article_id": "a", "text": text, "speaker": "x"}])}
    book = openpyxl.load_workbook(write_xlsx(tables, tmp_path / "q.xlsx"))
    header = [c.value for c in book["quotes"][1]]
    cell = book["quotes"][2][header.index("text")]
    assert cell.data_type != "f" and cell.value == "'" + text


def test_bases_geojson_points_carry_actor_place_troops_and_evidence(tables, tmp_path):
    data = json.loads(write_geojson(tables, tmp_path / "bases.geojson").read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection"
    found = {(f["properties"]["actor"], f["properties"]["place"]): f for f in data["features"]}
    niamey = found[("United States", "Niamey")]
    assert niamey["geometry"] == {"type": "Point", "coordinates": [pytest.approx(2.1098), pytest.approx(13.5137)]}
    assert niamey["properties"]["troops"] == 1300 and niamey["properties"]["troops_scope"] == "national total"
    assert niamey["properties"]["evidence"] and niamey["properties"]["article_id"] == "rt-20230814-washington-niger"


def test_a_count_given_for_the_base_is_its_troops():
    deployments = frame("deployments", [{"article_id": "a", "actor": "Germany", "count": 100, "host": "Niger", "status": "present"},
                                        {"article_id": "a", "actor": "Germany", "count": 60, "host": "Niger", "status": "present"}])
    deployments["location"] = [None, "Niamey"]
    bases = frame("bases", [{"article_id": "a", "actor": "Germany", "place": "Niamey", "latitude": 13.5, "longitude": 2.1},
                            {"article_id": "a", "actor": "Germany", "place": "Agadez", "latitude": 16.9, "longitude": 7.9},
                            {"article_id": "a", "actor": "Germany", "place": "Tillia", "latitude": None, "longitude": None}])
    features = {f["properties"]["place"]: f["properties"] for f in bases_geojson({"deployments": deployments, "bases": bases})["features"]}
    assert set(features) == {"Niamey", "Agadez"}  # no coordinates: not a point
    assert (features["Niamey"]["troops"], features["Niamey"]["troops_scope"]) == (60, "base")
    assert (features["Agadez"]["troops"], features["Agadez"]["troops_scope"]) == (100, "national total")


def test_event_data_has_the_acled_like_columns_and_values(tables):
    df = event_data(tables)
    assert tuple(df.columns) == EVENT_COLUMNS
    assert len(df) == tables["events"]["date"].notna().sum()
    coup = df[df["event_date"] == "2023-07-26"].iloc[0]
    assert coup["iso3"] == "NER" and coup["country"] == "Niger"
    assert coup["source"] == "RT" and coup["notes"] and coup["article_id"] == "rt-20230814-washington-niger"
    assert "Le Figaro" not in set(df["actor1"].dropna()) | set(df["actor2"].dropna())  # outlets are not actors
    late = df[df["precision"] == "part-of-month"].iloc[0]
    assert (late["event_date"], late["event_date_end"]) == (pd.Timestamp("2023-07-21"), pd.Timestamp("2023-07-31"))


def test_event_data_places_an_event_at_the_town_its_sentence_names():
    events = frame("events", [{"article_id": "a", "date": "2023-08-06", "precision": "day", "actors": "Victoria Nuland; Niger junta",
                               "sentence": "Victoria Nuland met the junta in Niamey on Sunday.", "start": 0, "end": 50}])
    row = event_data({"events": events, "articles": frame("articles", [{"article_id": "a", "url": "https://example.org/a"}])}).iloc[0]
    assert (row["location"], row["iso3"]) == ("Niamey", "NER")
    assert row["latitude"] == pytest.approx(13.5137)
    assert row["actor1"] == "United States" and row["actor2"] == "Niger junta"  # a person by their side
    assert row["source_url"] == "https://example.org/a"
