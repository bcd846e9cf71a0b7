import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dateline.parse import BadInput, content_hash, decode, parse_article, parse_iso_date, split_header
from dateline.records import RawArticle


def test_header_gives_date_city_and_body():
    date, city, body, found = split_header(" date 2021-04-07 Islamabad: Pakistan's Foreign Minister said.")
    assert (date, city, found) == ("2021-04-07", "Islamabad", True)
    assert body == "Pakistan's Foreign Minister said."


def test_text_without_header_is_kept_whole():
    assert split_header("Just a body.") == (None, None, "Just a body.", False)


def test_impossible_date_is_bad_input():
    with pytest.raises(BadInput, match="invalid date"):
        split_header("date 2021-02-30 Paris: body")


def test_article_without_header_loads_with_a_warning():
    article = parse_article(RawArticle("a.txt", "src", "Body only.", has_header=True))
    assert article.published_date is None and article.warnings


def test_header_without_body_is_rejected():
    with pytest.raises(BadInput, match="no body"):
        parse_article(RawArticle("a.txt", "src", "date 2021-04-07 Paris:   \n", has_header=True))


def test_decode_refuses_binary_and_empty():
    with pytest.raises(BadInput, match="binary"):
        decode(b"\x00\x01\x02PNG")
    with pytest.raises(BadInput, match="empty"):
        decode(b"  \n ")


def test_decode_reads_windows_1252_smart_quotes():
    assert decode("\u201cHello\u201d, she said".encode("cp1252")) == "\u201cHello\u201d, she said"


def test_content_hash_ignores_whitespace_only_changes():
    assert content_hash("a  b\n c") == content_hash("a b c")
    assert content_hash("a b c") != content_hash("a b d")


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)),
       st.text(alphabet=st.characters(whitelist_categories=("Lu", "Ll"), max_codepoint=0x24F), min_size=1, max_size=20),
       st.text(min_size=1, max_size=200).filter(lambda s: s.strip() and not s[0].isspace()))
def test_header_round_trip(date, city, body):
    text = f"date {date.isoformat()} {city}: {body}"
    parsed_date, parsed_city, parsed_body, found = split_header(text)
    assert found and parsed_date == date.isoformat() and parsed_city == city.strip()
    assert parsed_body == body.lstrip(" \t")


@given(st.text(max_size=30))
def test_parse_iso_date_never_crashes_unexpectedly(text):
    try:
        result = parse_iso_date(text)
    except BadInput:
        return
    assert result is None or len(result) == 10
