"""Idioms: quantities written without a number. "one of the best wireless speakers", "a million dollar
house", "thousands of people", "tens of millions of dollars"."""
from __future__ import annotations

from spacy.tokens import Doc, Token

from dateline.extract import doccache
from dateline.extract.metrics.change import change
from dateline.extract.metrics.concept import concept
from dateline.extract.metrics.rules import MetricRules
from dateline.extract.metrics.units import share_of, unit_after, unit_name
from dateline.records import Metric

POSSESSIVE_DETERMINERS = ("the", "its", "his", "her", "their", "our")
MAGNITUDE_WORDS = ("million", "billion", "thousand", "hundred")


def idiom_metrics(doc: Doc, consumed: set[int], rules: MetricRules) -> list[Metric]:
    """The idioms' quantities at tokens no number has taken; in the order the passes find them."""
    toks = doccache.tokens(doc)
    found = [m for tok in toks if tok.i not in consumed for m in [one_of_a_kind(tok, toks)] if m is not None]
    found += [m for tok in toks if tok.i not in consumed for m in [a_magnitude(tok, toks, rules)] if m is not None]
    found += [m for tok in toks if tok.i not in consumed for m in [a_fraction(tok, toks, rules)] if m is not None]
    for tok in toks:
        if tok.i not in consumed:
            metric = orders_of(tok, toks, consumed, rules)
            if metric is not None:
                found.append(metric)
    return found


def _metric(doc: Doc, start: int, end: int, **fields) -> Metric:
    return Metric(start=start, end=end, text=doccache.text(doc)[start:end], **fields)


def one_of_a_kind(tok: Token, toks: list[Token]) -> Metric | None:
    """"one of the best wireless speakers": one of a kind, counted."""
    n = len(toks)
    if not (tok.lower_ == "one" and tok.i + 3 < n and toks[tok.i + 1].lower_ == "of"
            and toks[tok.i + 2].lower_ in POSSESSIVE_DETERMINERS and toks[tok.i + 3].tag_ in ("JJS", "RBS")):
        return None
    words, k = [], tok.i + 3
    while k < n and toks[k].pos_ in ("ADJ", "ADV", "NOUN", "PROPN") and len(words) < 5:
        if toks[k].lower_ != "most":
            words.append(toks[k])
        if toks[k].pos_ == "NOUN" and (k + 1 >= n or toks[k + 1].pos_ != "NOUN"):
            break
        k += 1
    if not words or words[-1].pos_ != "NOUN":
        return None
    doc = tok.doc
    return _metric(doc, tok.idx, toks[k].idx + len(toks[k].text), value=1.0, value_max=None,
                   unit=doc[tok.i + 3:k + 1].text, normalized_unit=" ".join(w.lemma_.lower() for w in words),
                   change="=", concept=None)


def a_magnitude(tok: Token, toks: list[Token], rules: MetricRules) -> Metric | None:
    """"a million dollar house"."""
    if not (tok.lower_ in MAGNITUDE_WORDS and tok.i > 0 and toks[tok.i - 1].lower_ == "a" and tok.i + 1 < len(toks)):
        return None
    unit = unit_after(tok.doc, tok.i + 1, rules)
    if unit is None:
        return None
    end_tok = toks[tok.i + unit[2]]
    return _metric(tok.doc, toks[tok.i - 1].idx, end_tok.idx + len(end_tok.text),
                   value=rules.numbers.magnitudes[tok.lower_], value_max=None, unit=unit[0], normalized_unit=unit[1],
                   change="=", concept=concept(tok, end_tok, tok.i + 1 + unit[2], rules))


def a_fraction(tok: Token, toks: list[Token], rules: MetricRules) -> Metric | None:
    """"a third of the population", "half of which": a share of a whole."""
    fractions, n = rules.numbers.fractions, len(toks)
    if tok.lower_ not in fractions or tok.i == 0 or tok.i + 1 >= n or toks[tok.i + 1].lower_ != "of":
        return None
    before = toks[tok.i - 1]
    if tok.lower_ == "half":
        if before.tag_ in ("JJ", "DT", "PRP$") or before.ent_type_ == "ORDINAL":
            return None  # "the second half of the year", "the first half": a part of a time
        first, value = tok, 0.5
    elif before.lower_ in ("a", "one"):
        first, value = before, 1 / fractions[tok.lower_]
    else:
        return None
    whole = next((c for c in toks[tok.i + 1].children if c.dep_ == "pobj"), None)
    return _metric(tok.doc, first.idx, tok.idx + len(tok.text), value=value, value_max=None, unit=tok.text,
                   normalized_unit="% " + (share_of(whole) if whole is not None else "-"),
                   change=change(tok.doc, first.i, tok, tok, rules), concept=concept(tok, tok, tok.i + 1, rules))


def orders_of(tok: Token, toks: list[Token], consumed: set[int], rules: MetricRules) -> Metric | None:
    """"thousands of people", "millions of Americans", "tens of millions of dollars": the range of that order."""
    ranges, n = rules.numbers.order_ranges, len(toks)
    if not (tok.lower_ in ranges and tok.i + 2 < n and toks[tok.i + 1].lower_ == "of"):
        return None
    low, high = ranges[tok.lower_]
    noun = toks[tok.i + 2]
    pobj = next((c for c in toks[tok.i + 1].children if c.dep_ == "pobj"), None)
    if noun.dep_ in ("amod", "compound") and pobj is not None and pobj.i > noun.i and pobj.i - noun.i < 4:
        noun = pobj  # "thousands of COVID-19 tests": the tests
    if tok.lower_ == "tens":
        if not (noun.lower_ in ranges and tok.i + 4 < n and toks[tok.i + 3].lower_ == "of"):
            return None
        low, high = ranges[noun.lower_][0] * 10, ranges[noun.lower_][0] * 100
        consumed.add(noun.i)
        noun = toks[tok.i + 4]
    end = noun.idx + len(noun.text)
    currency = unit_name(noun.text, rules)
    if currency in rules.currencies:
        return _metric(tok.doc, tok.idx, end, value=low, value_max=high, unit=noun.text, normalized_unit=currency,
                       change="=", concept=concept(tok, tok, noun.i + 1, rules))
    return _metric(tok.doc, tok.idx, end, value=low, value_max=high, unit=noun.text,
                   normalized_unit=noun.text if noun.pos_ == "PROPN" else noun.lemma_.lower(), change="=",
                   concept=concept(tok, tok, tok.i + 3, rules))
