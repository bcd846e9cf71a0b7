"""Metrics: every quantity a text states, with value, range, unit, change and concept.

The passes, in order, one module each, over a `Quantity` (quantity.py) for each number:
    candidates  the number itself: digits, words, glued units and currencies, magnitudes
    units       the currency before it, the unit after it, a rate, or the noun it counts
    ranges      an upper end: "340 to 350", "from $750,000 to $1 million"
    exclusions  numbers that measure nothing: dates, years, ordinals, phone numbers, names
    change      level, estimate, bound, rise or fall
    concept     what is measured
then idioms.py (quantities without a number: "thousands of people") and carry.py (what neighbouring
quantities share).
"""
from __future__ import annotations

from spacy.tokens import Doc

from dateline.extract import doccache
from dateline.extract.metrics import candidates, ranges, units
from dateline.extract.metrics.carry import carry_all
from dateline.extract.metrics.change import change
from dateline.extract.metrics.concept import concept
from dateline.extract.metrics.exclusions import excluded
from dateline.extract.metrics.idioms import idiom_metrics
from dateline.extract.metrics.quantity import Quantity
from dateline.extract.metrics.rules import MetricRules
from dateline.records import Metric

CURRENCY_SIGNS = ("$", "€", "£")


def extract_metrics(doc: Doc, rules: MetricRules) -> list[Metric]:
    metrics: list[Metric] = []
    consumed: set[int] = set()  # tokens a quantity has taken
    toks = doccache.tokens(doc)
    for tok in toks:
        if tok.i in consumed or not candidates.is_number_token(tok, rules):
            continue
        q = _read(tok, toks, rules, consumed)
        if q is not None:
            metrics.append(_metric(q, rules))
            consumed.update(range(q.first, max(q.last, q.j)))
    metrics += idiom_metrics(doc, consumed, rules)
    metrics.sort(key=lambda m: m.start)
    return carry_all(metrics, doccache.text(doc))


def _read(tok, toks, rules: MetricRules, consumed: set[int]) -> Quantity | None:
    """The quantity a number starts, through the passes up to the exclusions; None if it is none."""
    q = candidates.read_number(tok, toks, rules)
    if q is None:
        return None
    ranges.inline_range(q, rules, consumed)
    units.attach_unit(q, rules)
    units.fraction_unit(q, rules)
    units.counted_noun(q, rules)
    ranges.from_to(q, rules, consumed)
    if q.name and " per " not in q.name:
        q.name, q.last = units.rate(q.doc, q.name, q.last, rules)  # "between $62 and $68 per share"
    if excluded(tok, q.value, q.unit[1] if q.unit else None, bool(q.currency), rules) or _someone(q, rules) \
            or _model_name(q):
        return None
    if not q.name and tok.ent_type_ in ("DATE", "TIME"):
        return None
    if q.name and q.name.split()[0] in rules.durations:
        q.name = q.name.replace("years", "year")
    return q


def _model_name(q: Quantity) -> bool:
    """"the 911 Turbo Targa", "a 747 Jumbo": a bare whole number before a capitalised name is the name's (a
    model), not a count of it ("300 Palestinians" is a count of a people)."""
    if not q.counted or not q.tok.text.isdigit():
        return False
    words = [t for t in q.doc[q.tok.i + 1:q.last] if not t.is_punct]
    return bool(words) and all(t.pos_ == "PROPN" and t.text[:1].isupper() and t.ent_type_ not in ("NORP", "GPE", "LOC", "PERSON")
                               for t in words)


def _someone(q: Quantity, rules: MetricRules) -> bool:
    """"One Republican strategist said", "one salesman said": one person by role, or one who speaks, is
    someone, not a count of one."""
    noun = q.toks[q.last - 1]
    speaks = noun.dep_ == "nsubj" and noun.head.lemma_.lower() in rules.speech_verbs
    return q.counted and q.tok.lower_ == "one" and (noun.lemma_.lower() in rules.people or speaks)


def _metric(q: Quantity, rules: MetricRules) -> Metric:
    toks, end_tok = q.toks, q.toks[max(q.last, q.j) - 1]
    start_char, end_char = toks[q.first].idx, end_tok.idx + len(end_tok.text)
    head = _head(q)
    last = toks[q.last - 1] if q.last > q.i else None
    return Metric(q.value, q.value_max, q.surface, units.tidy_unit(q.name, last, rules),
                  q.glued_change or change(q.doc, q.first, q.tok, head, rules),
                  concept(q.tok, head, q.last, rules, counted=q.counted), start_char, end_char,
                  doccache.text(q.doc)[start_char:end_char])


def _head(q: Quantity):
    """The quantity's last word, which its change and concept hang from."""
    toks, tok = q.toks, q.tok
    head = toks[q.last - 1] if q.last - 1 > q.i and q.name and not q.currency else tok
    if q.fraction_tok is not None and not q.name:
        head = q.fraction_tok  # "two-thirds of the sales": what the thirds are of
    if q.currency and head.i == tok.i:
        head = tok.head if tok.head.text in CURRENCY_SIGNS or tok.dep_ == "compound" else tok
        if toks[q.first].dep_ != "nmod" and toks[q.first].head.i != q.first:
            head = toks[q.first]
    return head
