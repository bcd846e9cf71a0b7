"""The metrics extractor's rules, read once from `vocab/metrics.toml`, the unit tables and the
number words."""
from __future__ import annotations

from dataclasses import dataclass

from dateline.extract.numbers import NumberWords
from dateline.extract.syntax import SharedWords
from dateline.vocab import Vocab

FILE = "metrics.toml"


@dataclass(frozen=True, eq=False)
class MetricRules:
    numbers: NumberWords
    approximate: frozenset[str]
    more: frozenset[str]
    less: frozenset[str]
    up: frozenset[str]
    down: frozenset[str]
    changes: frozenset[str]  # up and down
    share_nouns: frozenset[str]
    durations: frozenset[str]
    currencies: frozenset[str]
    currency_prefixes: dict[str, str]
    dollar_countries: dict[str, str]
    glued_magnitudes: dict[str, float]
    label_nouns: frozenset[str]
    street_words: frozenset[str]
    calendar: frozenset[str]
    units_own: dict[str, str]  # lower-case surface → unit name (units.tsv)
    units_case: dict[str, str]  # surface as written → unit name (units_case.tsv; the first line wins)

    @classmethod
    def from_vocab(cls, vocab: Vocab, shared: SharedWords, numbers: NumberWords) -> "MetricRules":
        words = {name: vocab.word_set(FILE, key) for name, key in WORD_SETS.items()}
        return cls(
            numbers=numbers, **words, changes=words["up"] | words["down"],
            street_words=vocab.word_set(FILE, "exclusions.street_words", lower=False),
            currency_prefixes=vocab.mapping(FILE, "units.currency_prefixes"),
            dollar_countries=vocab.mapping(FILE, "units.dollar_countries"),
            glued_magnitudes=vocab.mapping(FILE, "units.glued_magnitudes"), calendar=shared.calendar,
            units_own=vocab.table("units.tsv"),
            units_case={row[0]: row[1] for row in reversed(vocab.rows("units_case.tsv"))})


WORD_SETS = {"approximate": "change.approximate", "more": "change.more", "less": "change.less",
             "up": "change.up", "down": "change.down", "share_nouns": "concept.share_nouns",
             "durations": "units.durations", "currencies": "units.currencies",
             "label_nouns": "exclusions.label_nouns"}
