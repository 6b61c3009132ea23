"""Dates are real dates in the DataFrames (datetime64 days, NaT when missing) and ISO strings in
records, CSV, JSON, row keys and every text shown to people."""

import datetime as dt
import json

import pandas as pd
import pytest

import nigerlens as nl
from nigerlens.explorers.render import row_label
from nigerlens.outputs.html_table import html_table
from nigerlens.review.keys import row_key
from nigerlens.tables.export import records, write_tables
from nigerlens.tables.schema import DATE, DATE_COLUMNS, day, frame, iso_day, same_dtypes

TEXT = "Nuland visited Niamey last Monday. The junta met over the weekend. Talks were held, officials said."


@pytest.fixture(scope="module")
def tables():
    return nl.tabulate(nl.from_text(TEXT, published="2023-08-14"))


@pytest.mark.parametrize("value, want", [
    ("2023-08-14", dt.date(2023, 8, 14)),
    (" 2023-08-14 ", dt.date(2023, 8, 14)),
    (pd.Timestamp("2023-08-14"), dt.date(2023, 8, 14)),
    (dt.datetime(2023, 8, 14, 12, 30), dt.date(2023, 8, 14)),
    (dt.date(1, 1, 1), dt.date(1, 1, 1)),
    (pd.NaT, None), (pd.NA, None), (None, None), (float("nan"), None), ("", None), ("14/08/2023", None), (20230814, None),
])
def test_day_reads_every_form_a_date_cell_takes(value, want):
    assert day(value) == want
    assert iso_day(value) == (want.isoformat() if want else None)


def test_date_columns_are_datetime64_days_with_nat_for_missing(tables):
    events = tables["events"]
    assert DATE_COLUMNS == ("published", "date", "date_end", "anchor")
    for name, df in tables.items():
        for column in DATE_COLUMNS:
            if column in df.columns:
                assert str(df[column].dtype) == DATE, (name, column)
    by = events.set_index("expression")
    assert by.loc["last Monday", "date"] == pd.Timestamp("2023-08-07") and pd.isna(by.loc["last Monday", "date_end"])
    assert by.loc["over the weekend", "date_end"] == pd.Timestamp("2023-08-13")
    # date arithmetic works on the column as it comes
    assert (by.loc["over the weekend", "date_end"] - by.loc["last Monday", "date"]).days == 6
    assert set(events["published"]) == {pd.Timestamp("2023-08-14")}


def test_an_empty_table_keeps_the_date_dtype():
    assert str(frame("events")["date"].dtype) == DATE
    assert str(frame("deployments", [], context=True)["published"].dtype) == DATE


def test_records_json_and_csv_hold_iso_strings(tables, tmp_path):
    rows = records(tables["events"])
    assert {r["expression"]: (r["date"], r["date_end"]) for r in rows} == {
        "last Monday": ("2023-08-07", None), "over the weekend": ("2023-08-12", "2023-08-13")}
    assert {r["published"] for r in rows} == {"2023-08-14"}
    (path,) = write_tables(tables, tmp_path / "json", format="json")
    loaded = json.loads(path.read_text(encoding="utf-8"))
    assert loaded["articles"][0]["published"] == "2023-08-14"
    write_tables(tables, tmp_path / "csv")
    lines = (tmp_path / "csv" / "events.csv").read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    first = dict(zip(header, lines[1].split(","), strict=False))
    assert (first["published"], first["date"], first["date_end"], first["anchor"]) == ("2023-08-14", "2023-08-07", "", "2023-08-14")


def test_parquet_comes_back_with_the_same_date_dtype(tables, tmp_path):
    pytest.importorskip("pyarrow")
    tables["events"].to_parquet(tmp_path / "e.parquet", index=False)
    back = same_dtypes(pd.read_parquet(tmp_path / "e.parquet"))
    pd.testing.assert_frame_equal(back, tables["events"])


def test_people_see_iso_days_not_timestamps(tables):
    events = tables["events"]
    weekend = events[events["expression"] == "over the weekend"].iloc[0]
    assert row_label(weekend, "events").startswith("2023-08-12\u20132023-08-13 \u00b7 \u201cover the weekend\u201d")
    html = html_table(events[["date", "date_end"]])
    assert "2023-08-07" in html and "00:00:00" not in html and "NaT" not in html


def test_a_row_key_is_the_same_for_the_iso_string_and_the_date_cell(tables):
    row = tables["events"].iloc[0].to_dict()
    as_strings = {**row, **{c: iso_day(row[c]) for c in ("date", "date_end")}}
    assert row_key("events", row) == row_key("events", as_strings)
    # the key of a review file written when dates were strings
    assert row_key("events", {"start": 0, "end": 10, "date": "2023-08-07", "date_end": None, "expression": "last Monday"}) == \
        row_key("events", {"start": 0, "end": 10, "date": pd.Timestamp("2023-08-07"), "date_end": pd.NaT, "expression": "last Monday"})


def test_a_reviewed_date_keeps_the_column_a_date(tables, tmp_path):
    from nigerlens.review import store
    from nigerlens.review.apply import apply_reviews

    article_id = tables["articles"]["article_id"].iloc[0]
    row = tables["events"].iloc[0].to_dict()
    store.record(tmp_path, article_id, [store.correct("events", row, {"date": "2023-08-08"})])
    reviewed = apply_reviews(tables, tmp_path)["events"]
    assert str(reviewed["date"].dtype) == DATE
    assert reviewed.loc[reviewed["review"] == "corrected", "date"].tolist() == [pd.Timestamp("2023-08-08")]
    # a date given as a date (a cell of the table, say) is taken as its day
    assert store.correct("events", row, {"date_end": pd.Timestamp("2023-08-09")}).changes["date_end"]["new"] == "2023-08-09"


def test_evidence_shows_iso_days(tables):
    from nigerlens.outputs.evidence import row_summary

    summary = row_summary(tables["events"].iloc[0])
    assert "<b>date</b>: 2023-08-07" in summary and "00:00:00" not in summary
    assert "<b>published</b>: 2023-08-14" in summary


def test_excel_gets_date_cells_shown_as_iso_days(tables, tmp_path):
    import openpyxl

    from nigerlens.outputs.formats import write_xlsx

    sheet = openpyxl.load_workbook(write_xlsx(tables, tmp_path / "t.xlsx"))["events"]
    header = [c.value for c in sheet[1]]
    cell = sheet.cell(row=2, column=header.index("date") + 1)
    assert cell.value == dt.datetime(2023, 8, 7) and cell.number_format == "YYYY-MM-DD"
    assert sheet.cell(row=2, column=header.index("date_end") + 1).value is None


def test_one_missing_value_convention_in_every_table_and_derived_table():
    """Text columns are pandas strings with <NA> (never '' or NaN), numbers nullable, dates
    datetime64 with NaT: in the tables, the corpus comparisons and the event-data export."""
    from nigerlens.outputs.formats import event_data
    from nigerlens.resources import SAMPLE_CORPUS

    tables = nl.extract([SAMPLE_CORPUS])
    derived = {"merge_events": nl.merge_events(tables["events"]), "compare_deployments": nl.compare_deployments(tables),
               "deployment_reports": nl.deployment_reports(tables), "positions_over_time": nl.positions_over_time(tables),
               "event_data": event_data(tables)}
    for name, df in {**tables, **derived}.items():
        assert len(df) or name in ("errors", "set_aside"), name
        for column in df.columns:
            dtype = df[column].dtype
            if name == "merge_events" and column == "rows":  # index labels, a list per event
                continue
            assert isinstance(dtype, pd.StringDtype | pd.Int64Dtype | pd.Float64Dtype | pd.BooleanDtype) \
                or str(dtype) in (DATE, "bool", "int64"), (name, column, dtype)
            if isinstance(dtype, pd.StringDtype):
                assert dtype.storage == "python" and dtype.na_value is pd.NA, (name, column)
                assert not (df[column] == "").any(), (name, column)
    assert str(derived["event_data"]["event_date"].dtype) == DATE
    assert derived["merge_events"]["date_end"].isna().any() and derived["compare_deployments"]["host"].dtype == "string"
