import pytest

from nigerlens.rules.gazetteer import default_gazetteer


@pytest.mark.parametrize(
    "text, names",
    [
        ("The US and France", ["United States", "France"]),
        ("let us talk", []),  # "us" is not the US
        ("Ecowas and ECOWAS", ["ECOWAS", "ECOWAS"]),  # BBC and Guardian house style
        ("Washington and Paris", ["United States", "France"]),
        ("American troops and French soldiers", ["United States", "France"]),
        ("the junta and the coup leaders", ["Niger junta", "Niger junta"]),
        ("Niger's military government", ["Niger junta"]),
        ("Nigeria and Niger and Nigerien units", ["Nigeria", "Niger", "Niger"]),
        ("the Economic Community of West African States (ECOWAS)", ["ECOWAS", "ECOWAS"]),
        ("About 1,000 U.S. troops", ["United States"]),
        ("President Emmanuel Macron", ["Emmanuel Macron"]),
        ("the Russian private military company Wagner", ["Russia", "Wagner Group"]),
        ("Ivory Coast's President", ["Ivory Coast"]),
    ],
)
def test_actor_mentions(text, names):
    assert [m.name for m in default_gazetteer().actor_mentions(text)] == names


def test_mentions_carry_offsets():
    text = "He said the US would stay."
    (m,) = default_gazetteer().actor_mentions(text, offset=100)
    assert (m.start, m.end, m.surface) == (112, 114, "US")


def test_people_stand_for_their_side():
    gaz = default_gazetteer()
    assert gaz.side_of("Emmanuel Macron") == "France"
    assert gaz.side_of("Abdourahamane Tchiani") == "Niger junta"
    assert gaz.side_of("France") == "France"


def test_places_have_coordinates():
    gaz = default_gazetteer()
    assert [m.name for m in gaz.place_mentions("bases in Niamey, Agadez and Ouallam")] == ["Niamey", "Agadez", "Ouallam"]
    assert all(p.latitude is not None and p.longitude is not None for p in gaz.places.values())


def test_canonical_names_from_the_issue_are_present():
    names = set(default_gazetteer().canonical_names())
    assert {"United States", "France", "Niger junta", "Niger", "ECOWAS", "European Union", "Russia", "Wagner Group", "Germany", "Italy", "Nigeria", "Mali", "Burkina Faso", "Algeria", "Ivory Coast"} <= names


def test_a_place_without_coordinates_gets_them_from_geonames(tmp_path, monkeypatch):
    from nigerlens import resources
    from nigerlens.rules.gazetteer import Gazetteer

    (tmp_path / "actors.csv").write_text("name,kind,aliases,affiliation\nFrance,state,French,\n", encoding="utf-8")
    (tmp_path / "places.csv").write_text("name,aliases,country,latitude,longitude,source\nZinder,Zinder,Niger,,,\n", encoding="utf-8")
    monkeypatch.setattr(resources, "DATA_DIR", tmp_path)
    resources.read_rows.cache_clear()
    try:
        gaz = Gazetteer.from_csv()
    finally:
        resources.read_rows.cache_clear()
    assert round(gaz.places["Zinder"].latitude, 1) == 13.8
