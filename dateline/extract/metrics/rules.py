"""The metrics extractor's rules, read once from `vocab/metrics.toml`, the unit tables and the
number words."""
from __future__ import annotations

from dataclasses import dataclass, field

from dateline.extract.numbers import NumberWords
from dateline.extract.syntax import SharedWords
from dateline.vocab import Vocab

FILE = "metrics.toml"


def _words(key: str, case: bool = False):
    """A field read from the word list at `key` of metrics.toml (`case`: the list is not lower case)."""
    return field(metadata={"vocab": key, "case": case})


@dataclass(frozen=True, eq=False)
class MetricRules:
    numbers: NumberWords
    changes: frozenset[str]  # up and down
    currency_prefixes: dict[str, str]
    dollar_countries: dict[str, str]
    glued_magnitudes: dict[str, float]
    calendar: frozenset[str]
    units_own: dict[str, str]  # lower-case surface → unit name (units.tsv)
    units_case: dict[str, str]  # surface as written → unit name (units_case.tsv; the first line wins)
    people: frozenset[str]  # nouns for a person by role: "one strategist" is someone, not a count
    approximate: frozenset[str] = _words("change.approximate")
    more: frozenset[str] = _words("change.more")
    less: frozenset[str] = _words("change.less")
    up: frozenset[str] = _words("change.up")
    down: frozenset[str] = _words("change.down")
    share_nouns: frozenset[str] = _words("concept.share_nouns")
    durations: frozenset[str] = _words("units.durations")
    ages: frozenset[str] = _words("units.ages")
    currencies: frozenset[str] = _words("units.currencies")
    label_nouns: frozenset[str] = _words("exclusions.label_nouns")
    street_words: frozenset[str] = _words("exclusions.street_words", case=True)

    @classmethod
    def from_vocab(cls, vocab: Vocab, shared: SharedWords, numbers: NumberWords) -> "MetricRules":
        words = vocab.word_fields(cls, FILE)
        return cls(
            numbers=numbers, changes=words["up"] | words["down"],
            currency_prefixes=vocab.mapping(FILE, "units.currency_prefixes"),
            dollar_countries=vocab.mapping(FILE, "units.dollar_countries"),
            glued_magnitudes=vocab.mapping(FILE, "units.glued_magnitudes"), calendar=shared.calendar,
            units_own=vocab.table("units.tsv"),
            units_case={row[0]: row[1] for row in reversed(vocab.rows("units_case.tsv"))},
            people=shared.title_words | vocab.word_set("shared.toml", "reference.person_nouns")
            | (vocab.words("actor_nouns.txt") - {"people", "group", "country", "nation", "state", "side"}), **words)
