"""Numbers as news writes them: digits with separators, words, fractions and magnitudes."""
from __future__ import annotations

import re

from text_to_num import text2num

MAGNITUDES = {
    "hundred": 1e2, "thousand": 1e3, "k": 1e3, "grand": 1e3, "lakh": 1e5, "lakhs": 1e5, "million": 1e6,
    "millions": 1e6, "mln": 1e6, "mn": 1e6, "m": 1e6, "crore": 1e7, "crores": 1e7, "billion": 1e9,
    "billions": 1e9, "bln": 1e9, "bn": 1e9, "b": 1e9, "trillion": 1e12, "tn": 1e12, "trn": 1e12,
}
SPECIAL_WORDS = {"dozen": 12.0, "half": 0.5, "quarter": 0.25, "third": 1 / 3, "score": 20.0}
FRACTIONS = {"half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fourth": 4,
             "fourths": 4, "fifth": 5, "fifths": 5, "tenth": 10, "tenths": 10}
# "thousands of people": a plural magnitude alone gives the range of that order
ORDER_RANGES = {"hundreds": (1e2, 1e3), "thousands": (1e3, 1e4), "millions": (1e6, 1e7), "billions": (1e9, 1e10),
                "dozens": (12.0, 120.0), "tens": (10.0, 100.0)}
NUMBER_WORDS = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
                "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
                "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred", "thousand"}
DIGITS_RE = re.compile(r"^[-+−]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$|^[-+−]?\.\d+$")


def parse_digits(text: str) -> float | None:
    """'1,750' → 1750.0; '3.5' → 3.5; '52m' → None (the caller splits magnitudes)."""
    t = text.replace("−", "-").strip()
    if not DIGITS_RE.match(t):
        return None
    return float(t.replace(",", ""))


def parse_number_words(text: str) -> float | None:
    """'eight' → 8; 'twenty-five' → 25; 'two-thirds' → 0.667; 'a dozen' → 12; None when not a number."""
    t = text.lower().strip().replace("-", " ")
    t = re.sub(r"^(a|an)\s+", "", t)
    if not t:
        return None
    if t in SPECIAL_WORDS:
        return SPECIAL_WORDS[t]
    parts = t.split()
    if len(parts) == 2 and parts[1] in FRACTIONS:
        head = parse_number_words(parts[0])
        if head is not None:
            return head / FRACTIONS[parts[1]]
    if not all(p in NUMBER_WORDS or p in ("and", "million", "billion", "trillion") or p.endswith("ty") for p in parts):
        return None
    try:
        return float(text2num(t, "en"))
    except (ValueError, TypeError):
        return None


def parse_number(text: str) -> float | None:
    """Any single number expression, digits or words, with an attached magnitude ('$1.2bn' → 1.2e9)."""
    t = text.strip().lstrip("$€£¥").replace("−", "-")
    value = parse_digits(t)
    if value is not None:
        return value
    m = re.match(r"^([-+]?[\d,]*\.?\d+)\s*([a-zA-Z]+)$", t)
    if m and m.group(2).lower() in MAGNITUDES:
        base = parse_digits(m.group(1))
        if base is not None:
            return base * MAGNITUDES[m.group(2).lower()]
    return parse_number_words(t)
