import pytest

from nigerlens.gazetteer import default_gazetteer


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
    from nigerlens.gazetteer import Gazetteer

    (tmp_path / "actors.csv").write_text("name,kind,aliases,affiliation\nFrance,state,French,\n", encoding="utf-8")
    (tmp_path / "places.csv").write_text("name,aliases,country,latitude,longitude,source\nZinder,Zinder,Niger,,,\n", encoding="utf-8")
    monkeypatch.setattr(resources, "DATA_DIR", tmp_path)
    resources.read_rows.cache_clear()
    try:
        gaz = Gazetteer.from_csv()
    finally:
        resources.read_rows.cache_clear()
    assert round(gaz.places["Zinder"].latitude, 1) == 13.8


# the post-coup government is the Niger junta however the text names it (data/actor_periods.csv)
@pytest.mark.parametrize(
    "text, when, names",
    [
        ("The government rejected the deadline.", "2023-08-20", ["Niger junta"]),
        ("the authorities in Niamey closed the airspace", "2023-08-06", ["Niger junta"]),
        ("Niamey denies any contact with Wagner.", "2023-09-02", ["Niger junta", "Wagner Group"]),
        ("The regime gave the envoy 48 hours.", "2023-08-25", ["Niger junta"]),
        ("the National Council for Safeguarding the Homeland said", "2023-08-01", ["Niger junta"]),
        ("the National Council for the Salvation of the Homeland met", None, ["Niger junta"]),
        ("Tele Sahel broadcast the decree.", "2023-08-03", ["Niger"]),  # state television is Niger
        ("ORTN read the communique.", "2023-08-03", ["Niger"]),
        # before the coup the same words are not the junta
        ("Niamey welcomed the French minister.", "2023-05-02", ["Niger", "France"]),
        ("The government announced a new budget.", "2023-03-01", []),
        # qualified by another actor, the words are that actor's
        ("the government of France recalled its envoy", "2023-08-20", ["France"]),
        ("the authorities in Paris said", "2023-08-20", ["France"]),
    ],
)
def test_post_coup_government_is_the_junta(text, when, names):
    from datetime import date

    gaz = default_gazetteer().as_of(date.fromisoformat(when) if when else None)
    assert [m.name for m in gaz.actor_mentions(text)] == names


@pytest.mark.parametrize(
    "name, gender, side",
    [
        ("Tiani", "m", "Niger junta"),
        ("Abdourahmane Tchiani", "m", "Niger junta"),
        ("Abdraman", "m", "Niger junta"),
        ("Salifou Mody", "m", "Niger junta"),
        ("Colonna", "f", "France"),
        ("Anne-Claire Legendre", "f", "France"),
        ("Baerbock", "f", "Germany"),
        ("Ekman", "m", "United States"),
        ("Nuland", "f", "United States"),
    ],
)
def test_people_lexicon_gives_gender_and_side(name, gender, side):
    gaz = default_gazetteer()
    canonical = gaz.actor_of(name)
    assert gaz.actors[canonical].gender == gender and gaz.side_of(canonical) == side


def test_a_role_holds_from_its_date():
    from datetime import date

    gaz = default_gazetteer()
    # Zeine was appointed prime minister on 7 August 2023: his row's actor holds from then on
    assert gaz.as_of(date(2023, 8, 20)).side_of("Ali Lamine Zeine") == "Niger junta"
    assert gaz.as_of(date(2023, 8, 20)) is gaz.as_of(date(2023, 9, 1))  # one gazetteer per state of the periods
