"""Change: whether a quantity is a level (=), an estimate (~), a bound (> <), or the amount of a rise
or fall (up, down). "rose 19 cents" → up, "about" → ~, "more than" → >, "up to" → <."""
from __future__ import annotations

from spacy.tokens import Doc, Token

from dateline.extract.metrics.rules import MetricRules

NOT_MOVERS = ("to", "at", "from", "of")  # "rose to 5%": the level reached, not the rise
AVERAGE = ("average", "averaged", "averaging")
UPPER_PHRASES = ("up to", "as many", "as much", "no more", "not more")
LEVEL_PREPS = ("to", "at", "from", "of", "in", "for")  # "fell to 5%", "a rate of 5%": a level


def change(doc: Doc, first: int, number: Token, head: Token, rules: MetricRules) -> str:
    """The change of the quantity whose first token is `first`, whose number is `number` and whose
    last word is `head`."""
    before = [t.lower_ for t in doc[max(0, first - 3):first]]
    return (_direction_before(doc, first, before, rules) or _bound_before(doc, first, before, rules)
            or _direction_around(number, head, rules))


def direction(tok: Token, rules: MetricRules) -> str | None:
    if tok.lemma_.lower() in rules.up or tok.lower_ in rules.up:
        return "up"
    if tok.lemma_.lower() in rules.down or tok.lower_ in rules.down:
        return "down"
    return None


def _direction_before(doc: Doc, first: int, before: list[str], rules: MetricRules) -> str | None:
    """"Blackmores up 9.4 per cent", "Qualcomm rose 4%", "gained 3%", "plummeting 65%": the change word
    right before; "up nearly 57%", "rose under 4%": the direction wins over the hedge."""
    adjacent = doc[first - 1] if first > 0 else None
    if adjacent is not None and adjacent.lower_ == "by" and first > 1:
        adjacent = doc[first - 2]
    if adjacent is not None and adjacent.pos_ in ("VERB", "ADV", "ADP", "ADJ") and adjacent.lower_ not in NOT_MOVERS:
        found = direction(adjacent, rules)
        if found:
            return found
    hedge = before[-1] if before else ""
    if len(before) >= 2 and (hedge in rules.approximate or hedge in rules.more or hedge in rules.less or hedge == "minus") \
            and adjacent is not None:
        return direction(doc[first - 2], rules)
    return None


def _bound_before(doc: Doc, first: int, before: list[str], rules: MetricRules) -> str | None:
    """"about 5", "more than 5", "up to 5", "at least 5", "under 5", "rose by 5": the words before."""
    if before and before[-1] == "minus":
        before = before[:-1]  # "about minus 387 Fahrenheit"
    if before and before[-1] in AVERAGE:
        return "~"
    last2 = " ".join(before[-2:])
    if last2 in UPPER_PHRASES or (before and before[-1] == "to" and len(before) > 1 and before[-2] == "up"):
        return "<" if last2 == "up to" or "no" in last2 or "not" in last2 else ">"
    if not before:
        return None
    last = before[-1]
    if (last in rules.approximate and last not in ("an", "close")) or last2 in ("close to", "in excess"):
        return "~" if last in rules.approximate else ">"
    if last == "than" and len(before) > 1:
        return ">" if before[-2] in rules.more else "<" if before[-2] in rules.less else "="
    if last2 == "at least" or last in ("over", "above", "exceeding", "beyond"):
        return ">"
    if last2 == "at most" or last in ("under", "below", "fewer", "within"):
        return "<"
    if last == "by" and first >= 2:
        verb = doc[first - 1].head
        return "up" if verb.lemma_.lower() in rules.up else "down" if verb.lemma_.lower() in rules.down else None
    return None


def _direction_around(number: Token, head: Token, rules: MetricRules) -> str:
    """The quantity is the amount of a rise or fall: "rose 19 cents", "a 46 per cent increase"."""
    if head.dep_ == "pobj" and head.head.lower_ in LEVEL_PREPS:
        return "="
    for anchor in (head, head.head):
        if anchor.i == number.i:
            continue
        lemma = anchor.lemma_.lower()
        if lemma in rules.up:
            return "up"
        if lemma in rules.down:
            return "down"
    return "="
