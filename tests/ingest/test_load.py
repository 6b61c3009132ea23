import json
from datetime import date

import pytest

import nigerlens as nl
from nigerlens.ingest.load import LoadError, load_article, load_corpus

from ..conftest import DEV


def test_bundled_metadata(bundled):
    assert bundled.id == "rt-20230814-washington-niger"
    assert bundled.outlet == "RT"
    assert bundled.published == date(2023, 8, 14)
    assert bundled.title == "Washington accused of betraying allies over Niger"
    assert bundled.language == "en"


def test_bundled_furniture_is_set_aside_with_spans(bundled):
    kinds = [s.kind for s in bundled.set_aside]
    assert kinds == ["caption", "related_links", "related_links", "outlet_tag"]
    for piece in bundled.set_aside:
        assert bundled.text[piece.start : piece.end] == piece.text
    caption, first_links, second_links, tag = bundled.set_aside
    assert caption.text.startswith("FILE PHOTO: US Deputy Secretary of State Victoria Nuland")
    assert caption.text.endswith("Rod Lamkey")
    assert first_links.text.count("EU preparing sanctions against Niger") == 3
    assert "Read more" in first_links.text
    assert second_links.text.count("Niger coup leaders ready to talk with ECOWAS") == 3
    assert tag.text == "(RT)"


def test_furniture_is_not_in_the_sentences(bundled):
    joined = " ".join(s.text for s in bundled.sentences)
    for needle in ("FILE PHOTO", "Read more", "EU preparing sanctions", "(RT)", "Rod Lamkey"):
        assert needle not in joined
    # the standfirst before the caption stays
    assert bundled.sentences[0].text.endswith("following Victoria Nuland’s visit to Niger")


def test_sentence_offsets_point_into_the_text(bundled):
    for s in bundled.sentences:
        assert bundled.text[s.start : s.end] == s.text


def test_web_page_metadata_comes_from_meta_tags(web_page):
    assert web_page.title == "US formally declares Niger takeover a coup, cuts aid"
    assert web_page.published == date(2023, 10, 11)
    assert web_page.outlet == "Example News"  # from the sidecar


def test_web_page_furniture_kept_with_reasons(web_page):
    kinds = {s.kind for s in web_page.set_aside}
    assert {"script", "cookie_banner", "navigation", "byline", "caption", "related_links", "comments", "footer"} <= kinds
    comments = next(s for s in web_page.set_aside if s.kind == "comments")
    assert "alert('xss')" in comments.text and "HYPERLINK" in comments.text
    assert all(s.reason for s in web_page.set_aside)


@pytest.mark.parametrize("needle", json.loads((DEV / "web-20231011-us-coup-designation.gold.json").read_text())["must_not_appear"])
def test_web_page_analysed_text_is_clean(web_page, needle):
    assert needle not in web_page.clean_text


def test_caption_date_is_not_article_text(web_page):
    assert "August 12" not in web_page.clean_text


def test_missing_sidecar_means_unknown_metadata(tmp_path):
    p = tmp_path / "plain.txt"
    p.write_text("Some 300 Italian soldiers remain in Niger.", encoding="utf-8")
    a = load_article(p)
    assert (a.id, a.title, a.outlet, a.published) == ("plain", None, None, None)


def test_published_override(tmp_path):
    a = load_article(DEV / "wire-20230811-ecowas-standby.txt", published="2023-08-12")
    assert a.published == date(2023, 8, 12)


@pytest.mark.parametrize(
    "setup, message",
    [
        (lambda d: d / "nope.txt", "no such file"),
        (lambda d: (d / "empty.txt").write_text("") and d / "empty.txt" or d / "empty.txt", "empty file"),
        (lambda d: (d / "blank.txt").write_text("  \n\n ") and d / "blank.txt", "empty file"),
        (lambda d: d, "is a folder"),
        (lambda d: (d / "img.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR") and d / "img.txt", "binary file"),
        (lambda d: (d / "bad.txt").write_bytes(bytes(range(128, 256)) * 4) and d / "bad.txt", "undecodable"),
    ],
    ids=["missing", "empty", "whitespace", "folder", "binary", "undecodable"],
)
def test_bad_files_give_one_line_errors_naming_the_file(tmp_path, setup, message):
    path = setup(tmp_path)
    with pytest.raises(LoadError) as exc:
        load_article(path)
    text = str(exc.value)
    assert message in text
    assert str(path) in text
    assert "\n" not in text


def test_invalid_sidecar_date_names_the_value(tmp_path):
    (tmp_path / "a.txt").write_text("Some 300 Italian soldiers remain in Niger.", encoding="utf-8")
    (tmp_path / "a.json").write_text('{"published": "14/08/2023"}', encoding="utf-8")
    with pytest.raises(LoadError, match=r"a\.json: invalid publication date '14/08/2023' \(expected YYYY-MM-DD\)"):
        load_article(tmp_path / "a.txt")


@pytest.mark.parametrize(
    "encoding, data",
    [
        ("utf-16", "Some 300 Italian soldiers remain in Niger.".encode("utf-16")),
        ("latin-1", "L'arm\u00e9e fran\u00e7aise compte environ 1\u00a0500 soldats. Italy keeps about 300 soldiers in Niger, its ministry said on Monday.".encode("latin-1")),
        ("utf-8 BOM", "\ufeffSome 300 Italian soldiers remain in Niger.".encode("utf-8")),
    ],
)
def test_other_encodings_are_read(tmp_path, encoding, data):
    p = tmp_path / "x.txt"
    p.write_bytes(data)
    a = load_article(p)
    assert "Niger" in a.text and "\ufeff" not in a.text


def test_crlf_line_endings_are_normalised(tmp_path):
    p = tmp_path / "crlf.txt"
    p.write_bytes(b"First paragraph here.\r\n\r\nSecond paragraph, 300 Italian soldiers.\r\n")
    a = load_article(p)
    assert "\r" not in a.text
    assert [s.text for s in a.sentences] == ["First paragraph here.", "Second paragraph, 300 Italian soldiers."]


def test_corpus_keeps_going_past_bad_files(tmp_path):
    (tmp_path / "good.txt").write_text("About 1,000 US troops are in Niger.", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "good.json").write_text('{"id": "good-1", "published": "2023-08-01"}', encoding="utf-8")
    corpus = load_corpus(tmp_path)
    assert [a.id for a in corpus] == ["good-1"]
    assert [e.reason for e in corpus.errors] == ["empty file"]


def test_corpus_of_dev_folder_skips_sidecars_and_gold():
    corpus = load_corpus(DEV)
    assert len(corpus) == 4 and not corpus.errors


def test_article_ids_cannot_name_other_folders(tmp_path):
    (tmp_path / "a.txt").write_text("Text about Niger.", encoding="utf-8")
    (tmp_path / "a.json").write_text('{"id": "../../etc/passwd"}', encoding="utf-8")
    assert "/" not in load_article(tmp_path / "a.txt").id


def test_from_text_finds_furniture():
    a = nl.from_text("France keeps 1,500 soldiers in Niger.\n\nPhoto: a French soldier in Niamey. (AFP)")
    assert [s.kind for s in a.set_aside] == ["caption"]
    assert [s.text for s in a.sentences] == ["France keeps 1,500 soldiers in Niger."]
