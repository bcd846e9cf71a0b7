"""Dates: when an event happened, from the sentence's time expression and the article's date.

dateparser reads the expression against the article's date ("on Wednesday", "last month"). In news
the publication weekday itself means that day, so "Wednesday" in a Wednesday paper is today. A date
that bounds a span ("since March") or a duration ("over five years") is not the event's date; with
none, the event happened on the article's date.
"""
from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from spacy.tokens import Span

from dateline.extract import doccache
from dateline.extract.events.rules import EventRules

FARTHEST_YEARS = 30  # a date further than this from the article's is a misreading


def sentence_date(sent: Span, article_date: str | None, rules: EventRules) -> str | None:
    """The ISO date of the sentence's first time expression that dates an event, else the article's."""
    for ent in doccache.ents_in(sent):
        if ent.label_ != "DATE":
            continue
        lowered = ent.text.lower()
        if ent.start > 0 and sent.doc[ent.start - 1].lower_ in rules.bounding_preps:
            continue
        if re.fullmatch(r"\d{4}", lowered.strip()):
            continue
        words = set(re.findall(r"[a-z]+", lowered))
        if (words & rules.duration_words and "ago" not in words) or lowered.startswith(("the past", "the last", "recent")):
            continue  # a duration ("over five years", "the next decade"), not a date
        resolved = resolve_date(ent.text, article_date, rules)
        if resolved:
            return resolved
    return article_date


@lru_cache(maxsize=4096)
def resolve_date(expression: str, article_date: str | None, rules: EventRules) -> str | None:
    """A time expression as an ISO date, against the article's date."""
    if not article_date:
        return None
    base = dt.date.fromisoformat(article_date)
    text = expression.lower().strip()
    words = re.findall(r"[a-z]+", text)
    for i, day in enumerate(rules.weekdays):
        if day in words and not ({"next", "last"} & set(words)):
            delta = (base.weekday() - i) % 7
            return (base - dt.timedelta(days=delta)).isoformat()
    if text in rules.same_day:
        return base.isoformat()
    parsed = _date_parser(base).get_date_data(expression).date_obj
    if parsed is None or abs((parsed.date() - base).days) > 366 * FARTHEST_YEARS:
        return None
    return parsed.date().isoformat()


@lru_cache(maxsize=32)
def _date_parser(base: dt.date):
    """One dateparser parser per article date: a new one costs ~15 ms more than parsing with one at
    hand, and holds ~1.5 MB, so only the last few dates keep theirs (news comes mostly in date order)."""
    import dateparser

    return dateparser.DateDataParser(languages=["en"], settings={
        "RELATIVE_BASE": dt.datetime(base.year, base.month, base.day), "PREFER_DATES_FROM": "past",
        "REQUIRE_PARTS": [], "STRICT_PARSING": False})
