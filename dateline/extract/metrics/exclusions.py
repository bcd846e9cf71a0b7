"""Exclusions: numbers that measure nothing. Dates, years, times, ordinals, phone numbers, and numbers
that are part of a name ("iPhone 11", "FTSE 100", "category 4", "575 Wilbraham Road")."""
from __future__ import annotations

import re

from spacy.tokens import Token

from dateline.extract.metrics.rules import MetricRules

PHONE_RE = re.compile(r"^\(?\d{3}\)?[-.\s]\d{3}[-.\s]\d{4}$|^\d{3}-\d{4}$")
ORDINAL_RE = re.compile(r"^\d+(st|nd|rd|th)$", re.I)
YEAR_RE = re.compile(r"(1[5-9]|20)\d\d")
NAME_WITH_NUMBER_RE = re.compile(r"[a-z]+[A-Z]\w*|[A-Z]{2,}|[A-Z]\w*[&/][A-Z]\w*")  # "iPhone", "FTSE", "S&P"
NUMBER_SIGNS = ("No", "No.", "#", "number", "Number")
DOLLAR_LETTERS = ("us", "a", "c", "hk")  # "US 5", "A 10": the country of a dollar, not a name


def excluded(tok: Token, value: float, unit: str | None, has_currency: bool, rules: MetricRules) -> bool:
    """Whether the number at `tok` (with `unit`, the unit found after it) is no quantity."""
    # "32m2", "3687 mAh", "5pc": the model's NER takes some measures for dates or ordinals; a unit of
    # anything but time says otherwise
    measure = bool(unit) and unit.split()[0] not in rules.durations
    t = tok.text
    if (tok.ent_type_ == "ORDINAL" and not measure) or ORDINAL_RE.match(t) or PHONE_RE.match(t) or ":" in t:
        return True
    if has_currency:
        return False
    return _date(tok, value, measure, rules) or _period_heading(tok, rules) or _clock_time(tok, rules) \
        or (not unit and _part_of_name(tok, rules)) or _word_part(tok, rules)


def _date(tok: Token, value: float, measure: bool, rules: MetricRules) -> bool:
    doc = tok.doc
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    if YEAR_RE.fullmatch(tok.text) and nxt is not None and nxt.lower_ in rules.durations and nxt.tag_ == "NN":
        return True  # "increasing 1986 year net": a year named, not 1986 years (a count of years is plural)
    if tok.ent_type_ in ("DATE", "TIME") and not measure:
        window = {w.lower_ for w in doc[tok.i + 1:tok.i + 3]}
        if not (window & rules.durations) or ({w.lower_ for w in doc[max(0, tok.i - 2):tok.i + 3]} & rules.calendar):
            return True
    prev = doc[tok.i - 1] if tok.i > 0 else None
    return (prev is not None and prev.lower_ in rules.calendar) or (
        nxt is not None and nxt.lower_ in rules.calendar and value <= 31)


def _clock_time(tok: Token, rules: MetricRules) -> bool:
    """"by 1000 London time", "at 1600 GMT": an hour written as four figures, then a word of clock time."""
    if not re.fullmatch(r"([01]\d|2[0-3])[0-5]\d", tok.text):
        return False
    after = [t.lower_ for t in tok.doc[tok.i + 1:tok.i + 3]]
    return any(w in rules.clock_words for w in after)


def _period_heading(tok: Token, rules: MetricRules) -> bool:
    """"Nine mths" alone on its line heads the figures of a results table: a period named, not measured
    (read from the words beside it only, so that a long line costs nothing more)."""
    doc = tok.doc
    if tok.i + 1 >= len(doc) or doc[tok.i + 1].lower_.rstrip(".") not in rules.durations:
        return False
    return _line_break_at(doc, tok.i - 1) and _line_break_at(doc, tok.i + 2)


def _line_break_at(doc, i: int) -> bool:
    """Whether token `i` is a line break (spaCy makes one a whitespace token) or beyond the doc's edge."""
    return not 0 <= i < len(doc) or (doc[i].is_space and "\n" in doc[i].text)


def _part_of_name(tok: Token, rules: MetricRules) -> bool:
    """A number without a unit that is a year, or belongs to the name before or after it."""
    doc = tok.doc
    prev = doc[tok.i - 1] if tok.i > 0 else None
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    if YEAR_RE.fullmatch(tok.text):
        return True  # a year
    if prev is not None and (prev.text in NUMBER_SIGNS or (prev.text == "." and tok.i > 1 and doc[tok.i - 2].text in NUMBER_SIGNS)):
        return True  # "No. 3", also where "No" and "." are two words
    if prev is not None and prev.pos_ == "PROPN" and prev.text[:1].isupper() and prev.i > 0 \
            and prev.lower_ not in DOLLAR_LETTERS and prev.ent_type_ not in ("GPE", "NORP"):
        return True  # "iPhone 11", "Big 12", "Fortune 100"
    if prev is not None and (NAME_WITH_NUMBER_RE.fullmatch(prev.text) or prev.lower_ in rules.label_nouns) \
            and prev.lower_ not in ("us", "hk"):
        return True  # "iPhone 11", "FTSE 100", "COVID-19", "S&P 500", "category 4", "Channel 5"
    if nxt is not None and nxt.pos_ == "PROPN" and nxt.text[:1].isupper() and re.fullmatch(r"\d+(-\d+)?", tok.text):
        names = [w for w in doc[tok.i + 1:tok.i + 5] if w.text[:1].isupper()]
        return any(w.text.rstrip(".") in rules.street_words for w in names)  # "575 Wilbraham Road": an address
    return False


def _word_part(tok: Token, rules: MetricRules) -> bool:
    """"a 10-year-old", "two-thirds-full", "one of them": a number inside a word, or "one" as a pronoun."""
    doc, t = tok.doc, tok.text
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    if nxt is not None and nxt.text in ("-", "–") and tok.i + 2 < len(doc) \
            and (doc[tok.i + 2].lower_ in rules.durations or doc[tok.i + 2].lower_ in ("point", "year-old", "old")) \
            and doc[tok.i + 2].dep_ == "amod":
        return True
    if "-" in t and re.search(r"[a-z]", t, re.I) and not re.match(r"^\w+-\w+$", t):
        return True
    return t.lower() == "one" and (tok.dep_ != "nummod" or tok.head.i < tok.i)
