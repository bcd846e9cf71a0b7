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


def sentence_date(sent: Span, article_date: str | None, rules: EventRules, future: bool = False) -> str | None:
    """The ISO date of the sentence's first time expression that dates an event, else the article's;
    `future` when the event is to come ("agreed to meet in September": the September ahead)."""
    for ent in doccache.ents_in(sent):
        if ent.label_ != "DATE" or not _dates_an_event(ent, sent, rules):
            continue
        resolved = resolve_date(ent.text, article_date, rules, future or _to_come(ent))
        if resolved:
            return resolved
    return article_date


def _to_come(ent: Span) -> bool:
    """Whether the verb a time expression belongs to is still to happen: "will meet in September",
    "agreed to meet again in September"."""
    verb = next((t for t in [ent.root, *ent.root.ancestors] if t.pos_ in ("VERB", "AUX")), None)
    if verb is None:
        return False
    auxes = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    return bool(auxes & {"will", "shall", "'ll"}) or ("to" in auxes and verb.dep_ == "xcomp")


DURATION_RE = re.compile(r"(?:\d[\d,.]*|[a-z]+)[- ](?:year|month|week|day|decade|hour)s?\b")  # "five year", "30-day"


def _dates_an_event(ent: Span, sent: Span, rules: EventRules) -> bool:
    """A time expression that says when: a calendar word, a year, a day relative to today; not a span
    bound ("since March", "due April 1"), not a duration ("over five years", "a seven year bond"),
    not an age or an ordinal ("aged 57", "its 13th package")."""
    lowered = ent.text.lower().strip()
    words = set(re.findall(r"[a-z]+", lowered))
    if ent.start > 0 and sent.doc[ent.start - 1].lower_ in rules.bounding_preps:
        return False
    if re.fullmatch(r"\d{4}", lowered) or lowered.startswith(("the past", "the last", "recent")):
        return False
    if (words & rules.duration_words or DURATION_RE.search(lowered)) and "ago" not in words:
        return False
    return bool(words & (rules.calendar | rules.date_words)) or re.search(r"\b(1[89]|20)\d\d\b", lowered) is not None


@lru_cache(maxsize=4096)
def resolve_date(expression: str, article_date: str | None, rules: EventRules, future: bool = False) -> str | None:
    """A time expression as an ISO date, against the article's date: the nearest one before it, or
    after it for an event to come."""
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
    parsed = _date_parser(base, future).get_date_data(expression).date_obj
    if parsed is None or abs((parsed.date() - base).days) > 366 * FARTHEST_YEARS:
        return None
    return parsed.date().isoformat()


@lru_cache(maxsize=32)
def _date_parser(base: dt.date, future: bool = False):
    """One dateparser parser per article date: a new one costs ~15 ms more than parsing with one at
    hand, and holds ~1.5 MB, so only the last few dates keep theirs (news comes mostly in date order)."""
    import dateparser

    return dateparser.DateDataParser(languages=["en"], settings={
        "RELATIVE_BASE": dt.datetime(base.year, base.month, base.day), "PREFER_DATES_FROM": "future" if future else "past",
        "REQUIRE_PARTS": [], "STRICT_PARSING": False})
