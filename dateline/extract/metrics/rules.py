"""The metrics extractor's rules, read once from `vocab/metrics.toml`, the unit tables and the
number words."""
from __future__ import annotations

from dataclasses import dataclass

from dateline.extract.numbers import NumberWords
from dateline.extract.syntax import SharedWords
from dateline.vocab import Vocab, word_field

FILE = "metrics.toml"


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
    speech_verbs: frozenset[str]  # "one salesman said": whoever speaks is someone, not a count
    approximate: frozenset[str] = word_field("change.approximate")
    more: frozenset[str] = word_field("change.more")
    less: frozenset[str] = word_field("change.less")
    up: frozenset[str] = word_field("change.up")
    down: frozenset[str] = word_field("change.down")
    share_nouns: frozenset[str] = word_field("concept.share_nouns")
    durations: frozenset[str] = word_field("units.durations")
    time_words: frozenset[str] = word_field("units.time_words")
    ages: frozenset[str] = word_field("units.ages")
    currencies: frozenset[str] = word_field("units.currencies")
    label_nouns: frozenset[str] = word_field("exclusions.label_nouns")
    clock_words: frozenset[str] = word_field("exclusions.clock_words")
    street_words: frozenset[str] = word_field("exclusions.street_words", case=True)

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
            | (vocab.words("actor_nouns.txt") - {"people", "group", "country", "nation", "state", "side"}),
            speech_verbs=vocab.word_set("events.toml", "actors.speech_verbs"), **words)
