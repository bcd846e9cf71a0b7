"""Ranges: a quantity with an upper end. "340 to 350", "1,750-1,780", "between 5 and 10" right after
the number, and the wider "from 208 pounds to 193", "from $750,000 to $1 million", "between 5% and
6%", "$3 billion to $5 billion", where a unit or currency may stand on both ends."""
from __future__ import annotations

from dateline.extract.metrics.candidates import glued, is_number_token, magnitude_at
from dateline.extract.metrics.exclusions import YEAR_RE
from dateline.extract.metrics.quantity import Quantity
from dateline.extract.metrics.rules import MetricRules
from dateline.extract.metrics.units import unit_after, unit_name
from dateline.extract.numbers import parse_number

TO_REACH = 7  # tokens after a "from" quantity in which its "to" is looked for


def inline_range(q: Quantity, rules: MetricRules, consumed: set[int]) -> None:
    """"340 to 350", "1,750-1,780", "between 5 and 10": the upper end right after the number."""
    toks, n, j = q.toks, len(q.toks), q.j
    if q.i > 0 and toks[q.i - 1].pos_ == "ADP" and YEAR_RE.fullmatch(toks[q.i].text):
        return  # "to increase by 7.0 pct in 1987 to 1.45 mln tonnes": a year, then where the change goes
    between = q.i > 0 and toks[q.i - 1].lower_ == "between"
    if not (j + 1 < n and toks[j].lower_ in ("to", "-", "–", "and") and is_number_token(toks[j + 1], rules)
            and (toks[j].lower_ != "and" or between)):
        return
    upper_glued = glued(toks[j + 1])
    upper = parse_number(upper_glued.group("num") if upper_glued else toks[j + 1].text, rules.numbers)
    if upper_glued is not None and upper_glued.group("suf") and not q.glued_unit:
        q.glued_unit = unit_name(upper_glued.group("suf"), rules)  # "5-10W", "25 – 40min"
    if upper is None:
        return
    k = j + 2
    scale = magnitude_at(toks[k], rules, False, glued_ok=False) if k < n else None
    if scale is not None:
        upper *= scale
        k += 1
        if q.value * scale <= upper and q.value < upper / 100:
            q.value *= scale  # "340 to 350 million": the magnitude covers both ends
    if upper > q.value or (q.i > 0 and toks[q.i - 1].lower_ == "from"):
        q.value_max = upper
        consumed.update(range(j, k))
        q.j = k


def from_to(q: Quantity, rules: MetricRules, consumed: set[int]) -> None:
    """"from 208 pounds to 193", "between 5% and 6%", "$3 billion to $5 billion"."""
    if q.value_max is not None:
        return
    to_at = _range_word(q, rules)
    if to_at is None:
        return
    upper_end = _upper_end(q, to_at + 1, rules)
    if upper_end is None:
        return
    upper, k = upper_end
    toks, n = q.toks, len(q.toks)
    before_words = {t.lower_ for t in q.doc[max(0, q.first - 3):q.first]}
    second_unit = unit_after(q.doc, k, rules) if k < n else None
    same = second_unit is None or not q.unit or second_unit[1] == q.unit[1]
    if "from" in before_words or "between" in before_words or (second_unit and q.unit and second_unit[1] == q.unit[1]) \
            or (q.currency and toks[q.last + 1].text in rules.currency_prefixes):
        if same:
            if second_unit is not None and q.unit:
                k += second_unit[2]
            q.value_max, q.last = upper, k
            consumed.update(range(q.j, k))


def _range_word(q: Quantity, rules: MetricRules) -> int | None:
    """Where the "to" (or the "and" of "between") of a range stands, or None when there is none."""
    toks, n, last = q.toks, len(q.toks), q.last
    window = q.doc[max(0, q.first - 3):q.first]
    before_words = {t.lower_ for t in window}
    to_at = last
    if "from" in before_words and not (last < n - 1 and toks[last].lower_ == "to"):
        # "from $36,040 at 10.45pm last night to $34,935", "from 20 miles per gallon in 2008 to 29 mpg"
        to_at = next((k for k in range(last, min(n - 1, last + TO_REACH)) if toks[k].lower_ == "to"
                      and not any(t.text in (",", ";", ".") or t.lower_ in ("from", "and", "while", "but")
                                  for t in q.doc[last:k])), last)
    moves = {t.lemma_.lower() for t in window} & rules.changes
    if to_at < n - 1 and toks[to_at].lower_ == "to" and ("from" in before_words or not moves):
        return to_at
    if last < n - 1 and toks[last].lower_ == "and" and "between" in before_words:
        return to_at
    return None


def _upper_end(q: Quantity, k: int, rules: MetricRules) -> tuple[float, int] | None:
    """The number after a range's "to", with its magnitudes: (value, the token after it)."""
    toks, n = q.toks, len(q.toks)
    while k < n and toks[k].text in rules.currency_prefixes:
        k += 1
    if not (k < n and is_number_token(toks[k], rules)):
        return None
    g2 = glued(toks[k])
    upper = parse_number(g2.group("num") if g2 else toks[k].text, rules.numbers)
    if upper is None:
        return None
    k += 1
    while k < n:
        factor = magnitude_at(toks[k], rules, True)
        if factor is None:
            break
        upper *= factor
        k += 1
    return upper, k
