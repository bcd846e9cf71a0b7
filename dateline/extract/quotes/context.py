"""What the quote passes share for one article: its text, the direct quotations the marks scan
found, the quotes made so far, and how a quote is made with its speaker."""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from functools import cached_property

from spacy.tokens import Doc, Token

from dateline.extract import doccache
from dateline.extract.entities import ArticleEntities
from dateline.extract.quotes.marks import quote_spans
from dateline.extract.quotes.rules import QuoteRules
from dateline.extract.quotes.speakers import nearest_subject, speaker_span
from dateline.extract.reference import Resolver
from dateline.records import Quote


@dataclass
class QuoteContext:
    doc: Doc
    text: str
    rules: QuoteRules
    resolver: Resolver
    directs: list[tuple[int, int]]  # the direct quotations, marks included
    quotes: list[Quote] = field(default_factory=list)
    used_direct: set[int] = field(default_factory=set)  # directs already inside a quote made

    @classmethod
    def of(cls, doc: Doc, ents: ArticleEntities, rules: QuoteRules) -> "QuoteContext":
        text = doccache.text(doc)
        return cls(doc, text, rules, Resolver(doc, ents, rules.reference), quote_spans(text, rules))

    def inside_direct(self, i: int) -> bool:
        """Asked of every token: a look-up in the quotations' union, not a scan of them all."""
        starts, ends = self._union
        k = bisect.bisect_right(starts, i) - 1
        return k >= 0 and i < ends[k]

    def directs_from(self, start: int) -> list[tuple[int, int]]:
        """The direct quotations that begin at `start` or later, in order."""
        return self._ordered[bisect.bisect_left(self._ordered, (start, -1)):]

    @cached_property
    def _ordered(self) -> list[tuple[int, int]]:
        return sorted(self.directs)

    @cached_property
    def _union(self) -> tuple[list[int], list[int]]:
        starts: list[int] = []
        ends: list[int] = []
        for s, e in self._ordered:
            if ends and s <= ends[-1]:
                ends[-1] = max(ends[-1], e)
            else:
                starts.append(s)
                ends.append(e)
        return starts, ends

    def starts_inside_quote(self, start: int) -> bool:
        """Whether `start` lies inside a quote already made."""
        return any(q.quote_start <= start < q.quote_end for q in self.quotes)

    def add(self, start: int, end: int, kind: str, cue: Token | None, speaker: Token | None) -> Quote:
        """Make a quote of the text from `start` to `end`, with its cue and its speaker resolved."""
        start, end = _trim(self.text, start, end)
        quote = Quote(start, end, self.text[start:end], kind, cue=cue.text if cue is not None else None)
        if speaker is None and cue is not None:
            speaker = nearest_subject(cue, start, end)
        if speaker is not None:
            span = speaker_span(speaker)
            quote.speaker, quote.speaker_start, quote.speaker_end = self.text[span.start_char:span.end_char], span.start_char, span.end_char
            reference = self.resolver.refer(span)
            quote.speaker_resolution, quote.speaker_name = reference.resolution, reference.name
            if reference.entity is not None:
                quote.speaker_entity_id = reference.entity.entity_id
        self.quotes.append(quote)
        return quote


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
