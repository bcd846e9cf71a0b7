"""Merge: quotations that are one quote, and quotes that repeat another.

A quote split around its cue (`"…," he said. "…"`) becomes one row; a paragraph that only goes on
quoting the speaker of the paragraph before takes that speaker; a quote wholly inside another of the
same or a weaker kind is dropped.
"""
from __future__ import annotations

import re

from spacy.tokens import Token

from dateline.extract.quotes.attribution import attribution_after, attribution_before, is_cue
from dateline.extract.quotes.context import QuoteContext
from dateline.extract.quotes.marks import is_own_paragraph, word_count
from dateline.records import Quote

SPEAKER_FIELDS = ("cue", "speaker", "speaker_start", "speaker_end", "speaker_name", "speaker_entity_id",
                  "speaker_resolution")
GAP_WORDS = 12  # words between two quoted parts of one quote, at most


def join_split(ctx: QuoteContext, k: int, end: int, cue: Token | None) -> tuple[int, int]:
    """`"…," he said. "…"`: the quotations after the k-th that its cue goes on attributing;
    returns the last one's index and end."""
    text, directs = ctx.text, ctx.directs
    while cue is not None and cue.idx >= end and k + 1 < len(directs) and k + 1 not in ctx.used_direct:
        nxt_start, nxt_end = directs[k + 1]
        between = text[end:nxt_start]
        if "\n" in between or nxt_start < cue.idx or not re.search(r"[,.:;]\s*$", between):
            break
        if _new_attribution(ctx, cue, end, nxt_start, nxt_end):
            break
        end = nxt_end
        ctx.used_direct.add(k + 1)
        k += 1
    return k, end


def _new_attribution(ctx: QuoteContext, cue: Token, end: int, nxt_start: int, nxt_end: int) -> bool:
    """Whether the next quotation has a cue of its own: a new speech verb between the two, a cue after
    it, or a long gap with a cue before it."""
    doc, rules = ctx.doc, ctx.rules
    between_span = doc.char_span(end, nxt_start, alignment_mode="contract")
    if between_span is not None and any(is_cue(t, rules.cues) and t.i != cue.i and t.lemma_ in rules.introducing_cues
                                        for t in between_span):
        return True
    own = attribution_after(doc, nxt_end, rules.after_cues)
    if own is not None and own[0].i != cue.i:
        return True
    return word_count(ctx.text, end, nxt_start) > GAP_WORDS and attribution_before(doc, nxt_start, rules.cues) is None


def continued(ctx: QuoteContext, start: int, end: int) -> Quote | None:
    """A paragraph that only goes on quoting the speaker of the paragraph before: that speaker's quote."""
    text = ctx.text
    prev = max((q for q in ctx.quotes if q.quote_end <= start), key=lambda q: q.quote_end, default=None)
    if prev is None or prev.speaker is None:
        return None
    gap = text[prev.quote_end:start]
    if gap.count("\n") > 2 or "\n" not in gap or word_count(gap, 0, len(gap)) > GAP_WORDS \
            or not is_own_paragraph(text, start, end):
        return None
    quote = ctx.add(start, end, "direct", None, None)
    for attr in SPEAKER_FIELDS:
        setattr(quote, attr, getattr(prev, attr))
    return quote


def dedupe(quotes: list[Quote]) -> list[Quote]:
    """Drop a quote that lies wholly inside another one of the same or weaker kind."""
    out: list[Quote] = []
    reach = -1  # every quote kept starts at or before this one, so one lies around it iff the farthest end does
    for q in sorted(quotes, key=lambda q: (q.quote_start, -(q.quote_end - q.quote_start))):
        if q.quote_end <= reach:
            continue
        out.append(q)
        reach = q.quote_end
    return out
