"""Candidates: the numbers of a text as news writes them, each read into a `Quantity`.

Digits with separators, number words ("twenty five", "two-thirds", "a dozen"), numbers with a unit
or currency glued on (`10kW`, `$5.4m`, `PS2.7`, `~25`), and the magnitude words after them ("1.2
billion", "52 mln"). The later passes add to the same `Quantity`.
"""
from __future__ import annotations

import re

from spacy.tokens import Token

from dateline.extract.metrics.quantity import Quantity
from dateline.extract.metrics.rules import MetricRules
from dateline.extract.metrics.units import unit_name
from dateline.extract.numbers import parse_digits, parse_number

GLUED_RE = re.compile(r"^(?P<pre>US\$|\$US|A\$|\$A|C\$|HK\$|S\$|NZ\$|USD|EUR|GBP|JPY|INR|RM|Y=|PS|Rs\.?|~|minus-|\+|[$€£¥₹])?"
                      r"(?P<num>\d[\d,]*(?:\.\d+)?|\.\d+)(?P<suf>[A-Za-zµμ%°/²³″′]+[23]?)?$")
DOLLAR_GLUED_RE = re.compile(r"^(?P<pre>US|A|C|HK|S|NZ)(?P<num>\d[\d,]*(?:\.\d+)?)(?P<suf>[A-Za-z]+)?$")
MAGNITUDE_RE = re.compile(r"^\d[\d,.]*(k|m|bn|mln|b|tn)$", re.I)
HAS_DIGIT = re.compile(r"\d")
SHORT_MAGNITUDES = ("m", "b", "k")  # as words after a number these are letters, not magnitudes
UPPER_GLUED = ("M", "B", "bn", "mn", "mln", "tn", "K")  # glued magnitudes that need no currency before


def glued(tok: Token) -> re.Match | None:
    """`10kW`, `1.38pc`, `PS2.7`, `US55,931,000` (after `$`), `~25`, `40min`: a number with its unit or currency attached."""
    m = GLUED_RE.match(tok.text)
    if m and (m.group("pre") or m.group("suf")):
        return m
    if tok.i > 0 and tok.doc[tok.i - 1].text == "$":
        return DOLLAR_GLUED_RE.match(tok.text)
    return None


def is_number_token(tok: Token, rules: MetricRules) -> bool:
    t = tok.text
    words = rules.numbers.number_words
    if not HAS_DIGIT.search(t) and t.lower() not in words and t.lower() != "dozen" and "-" not in t:
        return False  # the common case, decided without parsing
    if glued(tok) is not None or parse_digits(t) is not None or MAGNITUDE_RE.match(t):
        return True
    return t.lower() in words or t.lower() == "dozen" or ("-" in t and parse_number(t, rules.numbers) is not None
                                                            and not HAS_DIGIT.search(t))


def glued_magnitude(tok: Token) -> str:
    """`m` of "$5.4m", also when the sentence's full stop stays on it ("$5.4m.")."""
    return tok.text[:-1] if tok.text.endswith(".") and tok.is_sent_end else tok.text


def magnitude_at(tok: Token, rules: MetricRules, after_money: bool, glued_ok: bool = True) -> float | None:
    """The factor a magnitude word after a number gives ("billion", "mln", "m" after money), or None."""
    if tok.lower_ in rules.numbers.magnitudes and tok.lower_ not in SHORT_MAGNITUDES:
        return rules.numbers.magnitudes[tok.lower_]
    short = glued_magnitude(tok)
    if glued_ok and short in rules.glued_magnitudes and tok.doc[tok.i - 1].whitespace_ == "" and after_money:
        return rules.numbers.magnitudes.get(tok.lower_, rules.glued_magnitudes[short])
    return None


def read_number(tok: Token, toks: list[Token], rules: MetricRules) -> Quantity | None:
    """The number that starts at `tok`, with its glued unit or currency and the magnitudes after it;
    None when it is no quantity (a time of day, "3D")."""
    q = Quantity(tok.doc, toks, tok, tok.i, tok.i + 1, tok.text)
    _number_words(q, rules)
    if tok.lower_ == "dozen":
        if not (q.i > 0 and toks[q.i - 1].lower_ in ("a", "half")):
            return None
        q.text = "a dozen"
    match = glued(tok)
    if match is not None and not _read_glued(q, match, rules):
        return None
    value = parse_number(q.text, rules.numbers)
    if value is None:
        return None
    value += _mixed_fraction(q)
    q.value = -value if _negative_sign(toks, q.i) else value
    money_before = q.glued_currency or (q.i > 0 and toks[q.i - 1].text in rules.currency_prefixes)
    while q.j < len(toks):
        nxt = toks[q.j]
        factor = magnitude_at(nxt, rules, bool(money_before) or nxt.text in ("M", "B", "bn"))
        if factor is None:
            break
        q.value *= factor
        q.j += 1
    return q


def _negative_sign(toks: list[Token], i: int) -> bool:
    """"minus 5 degrees" is negative; "LIBOR minus 6-1/2 pct" subtracts a positive number from a noun."""
    if i == 0 or toks[i - 1].lower_ != "minus":
        return False
    before = toks[i - 2] if i > 1 else None
    return before is None or not (before.pos_ in ("NOUN", "PROPN", "NUM") or before.like_num)


MIXED_FRACTION = re.compile(r"^(\d)/(\d{1,2})$")


def _mixed_fraction(q: Quantity) -> float:
    """"37-1/2 cts", "4-3/4 pct": the fraction written after a whole number, read as part of it."""
    toks, j = q.toks, q.j
    if j + 1 < len(toks) and toks[j].text == "-" and toks[j - 1].whitespace_ == "" and toks[j].whitespace_ == "" \
            and HAS_DIGIT.match(toks[j - 1].text) and (m := MIXED_FRACTION.match(toks[j + 1].text)):
        numerator, denominator = int(m.group(1)), int(m.group(2))
        if 0 < numerator < denominator:
            q.j += 2
            return numerator / denominator
    return 0.0


def _number_words(q: Quantity, rules: MetricRules) -> None:
    """Several number words make one number ("twenty five", "one hundred thousand"), and a fraction the
    tokenizer splits in three is one ("two-thirds")."""
    toks, n = q.toks, len(q.toks)
    while q.j < n and toks[q.j].lower_ in rules.numbers.number_words and not HAS_DIGIT.search(q.text) \
            and toks[q.j].lower_ != "one":
        q.text += " " + toks[q.j].text
        q.j += 1
    j = q.j
    if j + 1 < n and toks[j].text == "-" and toks[j - 1].whitespace_ == "" and toks[j + 1].lower_ in rules.numbers.fractions \
            and not HAS_DIGIT.search(q.text):
        q.text += "-" + toks[j + 1].text
        q.j += 2
        q.fraction_tok = toks[q.j - 1]
    elif j < n and toks[j].lower_ in rules.numbers.fractions and toks[j].pos_ == "NOUN" and not HAS_DIGIT.search(q.text):
        q.text += " " + toks[j].text  # "two thirds", "three quarters": one number, not two units of a third
        q.j += 1
        q.fraction_tok = toks[j]


def _read_glued(q: Quantity, match: re.Match, rules: MetricRules) -> bool:
    """A unit, currency, sign or magnitude glued to the number; False when the token is no quantity."""
    q.text = match.group("num")
    pre, suf = match.group("pre"), match.group("suf")
    after_dollar = q.i > 0 and q.toks[q.i - 1].text == "$"
    if pre in rules.dollar_countries and after_dollar:
        q.glued_currency = rules.dollar_countries[pre]
    elif pre == "~":
        q.glued_change = "~"
    elif pre == "minus-":
        q.text = "-" + q.text
    elif pre == "+":
        q.glued_change = "up"  # "Dow +0.2%"
    elif pre:
        q.glued_currency = rules.currency_prefixes.get(pre)
    if not suf:
        return True
    money = q.glued_currency or suf in UPPER_GLUED or (q.i > 0 and q.toks[q.i - 1].text in rules.currency_prefixes)
    if suf in rules.glued_magnitudes and money:
        q.text = str(float(q.text.replace(",", "")) * rules.glued_magnitudes[suf])
        return True
    if suf.lower() in ("am", "pm") and float(q.text.replace(",", "")) < 13:
        return False  # "at 1.56pm": a time of day
    q.glued_unit = unit_name(suf, rules)
    return q.glued_unit is not None  # "3D", "5G", "F1": not a quantity we can name
