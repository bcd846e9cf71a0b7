"""All the extractors' rules, read from one vocabulary folder and checked as they are read.

The spaCy component holds one `Rules`: it is built from the packaged `dateline/vocab/` (or another
folder with the same files, `rules_folder` in the component's config), and saved beside a pipeline
with `nlp.to_disk`.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from dateline.extract.entities import EntityRules
from dateline.extract.events.rules import EventRules
from dateline.extract.metrics.rules import MetricRules
from dateline.extract.numbers import NumberWords
from dateline.extract.quotes.rules import QuoteRules
from dateline.extract.reference import ReferenceRules
from dateline.extract.syntax import SharedWords
from dateline.vocab import Vocab


@dataclass(frozen=True, eq=False)
class Rules:
    vocab: Vocab  # where they were read from, and which files
    entities: EntityRules
    quotes: QuoteRules
    metrics: MetricRules
    events: EventRules

    @classmethod
    def from_vocab(cls, vocab: Vocab) -> "Rules":
        shared = SharedWords.from_vocab(vocab)
        numbers = NumberWords.from_vocab(vocab)
        reference = ReferenceRules.from_vocab(vocab, shared)
        entities = EntityRules.from_vocab(vocab, shared)
        return cls(vocab, entities, QuoteRules.from_vocab(vocab, shared, reference),
                   MetricRules.from_vocab(vocab, shared, numbers),
                   EventRules.from_vocab(vocab, shared, reference, entities.company_suffixes))

    def save(self, folder: Path) -> None:
        """Copy every vocabulary file the rules were read from into `folder`."""
        self.vocab.save(folder)


@lru_cache(maxsize=4)
def load_rules(folder: str | None = None) -> Rules:
    """The rules of a vocabulary folder (the packaged one by default), read once per process."""
    return Rules.from_vocab(Vocab(folder))
