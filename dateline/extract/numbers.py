"""Numbers as news writes them: digits with separators, words, fractions and magnitudes.

Pure string functions (no spaCy): the word lists come from `vocab/numbers.toml`, read once.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from text_to_num import text2num

from dateline.vocab import Vocab, packaged

DIGITS_RE = re.compile(r"^[-+−]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$|^[-+−]?\.\d+$")
FILE = "numbers.toml"


@dataclass(frozen=True)
class NumberWords:
    number_words: frozenset[str]
    magnitudes: dict[str, float]
    special_words: dict[str, float]
    fractions: dict[str, int]
    order_ranges: dict[str, tuple[float, float]]

    @classmethod
    def from_vocab(cls, vocab: Vocab) -> "NumberWords":
        ranges = {word: (float(low), float(high)) for word, (low, high) in vocab.mapping(FILE, "order_ranges").items()}
        return cls(vocab.word_set(FILE, "number_words"), vocab.mapping(FILE, "magnitudes"),
                   vocab.mapping(FILE, "special_words"), vocab.mapping(FILE, "fractions"), ranges)


@lru_cache(maxsize=1)
def number_words() -> NumberWords:
    return NumberWords.from_vocab(packaged())


def parse_digits(text: str) -> float | None:
    """'1,750' → 1750.0; '3.5' → 3.5; '52m' → None (the caller splits magnitudes)."""
    t = text.replace("−", "-").strip()
    if not DIGITS_RE.match(t):
        return None
    return float(t.replace(",", ""))


def parse_number_words(text: str, words: NumberWords | None = None) -> float | None:
    """'eight' → 8; 'twenty-five' → 25; 'two-thirds' → 0.667; 'a dozen' → 12; None when not a number."""
    words = words or number_words()
    t = text.lower().strip().replace("-", " ")
    t = re.sub(r"^(a|an)\s+", "", t)
    if not t:
        return None
    if t in words.special_words:
        return words.special_words[t]
    parts = t.split()
    if len(parts) == 2 and parts[1] in words.fractions:
        head = parse_number_words(parts[0], words)
        if head is not None:
            return head / words.fractions[parts[1]]
    if not all(p in words.number_words or p in ("and", "million", "billion", "trillion") or p.endswith("ty")
               for p in parts):
        return None
    try:
        return float(text2num(t, "en"))
    except (ValueError, TypeError):
        return None


def parse_number(text: str, words: NumberWords | None = None) -> float | None:
    """Any single number expression, digits or words, with an attached magnitude ('$1.2bn' → 1.2e9)."""
    words = words or number_words()
    t = text.strip().lstrip("$€£¥").replace("−", "-")
    value = parse_digits(t)
    if value is not None:
        return value
    m = re.match(r"^([-+]?[\d,]*\.?\d+)\s*([a-zA-Z]+)$", t)
    if m and m.group(2).lower() in words.magnitudes:
        base = parse_digits(m.group(1))
        if base is not None:
            return base * words.magnitudes[m.group(2).lower()]
    return parse_number_words(t, words)
