"""Quotes: who said what, as direct, indirect and mixed attributions with cue and speaker.

The passes, in order, one module each:
    marks        where the direct quotations are (a scan of the quotation marks)
    reported     reported speech: cue verbs and nouns with what they introduce, `according to`
    attribution  each direct quotation's cue, after it, before it, or the verb that governs it
    speakers     the speaker of a cue, their span as written, and the person it stands for
    merge        split quotations joined, continued paragraphs, quotes inside others dropped
"""
from __future__ import annotations

from spacy.tokens import Doc

from dateline.extract.entities import ArticleEntities
from dateline.extract.quotes import attribution, merge, reported
from dateline.extract.quotes.context import QuoteContext
from dateline.extract.quotes.marks import is_title, word_count
from dateline.extract.quotes.rules import QuoteRules
from dateline.extract.quotes.speakers import speaker_of
from dateline.records import Quote

OWN_CUE_WORDS = 3  # a short quotation is a quote only when its cue follows within this many words


def extract_quotes(doc: Doc, ents: ArticleEntities, rules: QuoteRules) -> list[Quote]:
    ctx = QuoteContext.of(doc, ents, rules)
    reported.clause_quotes(ctx)
    reported.noun_cue_quotes(ctx)
    reported.according_to_quotes(ctx)
    _direct_quotes(ctx)
    ctx.quotes.sort(key=lambda q: (q.quote_start, q.quote_end))
    return merge.dedupe(ctx.quotes)


def _direct_quotes(ctx: QuoteContext) -> None:
    """Each direct quotation not yet inside a quote, with its cue and speaker."""
    k = 0
    while k < len(ctx.directs):
        if k not in ctx.used_direct:
            k = _direct_quote(ctx, k)
        k += 1


def _direct_quote(ctx: QuoteContext, k: int) -> int:
    """Attribute the k-th direct quotation; returns the index of the last quotation it took in."""
    start, end = ctx.directs[k]
    after = attribution.attribution_after(ctx.doc, end, ctx.rules.after_cues)
    if word_count(ctx.text, start, end) < ctx.rules.min_direct_words and not _own_cue(ctx, start, end, after):
        _short_quote(ctx, start, end)
        return k
    cue, speaker = attribution.attribute(ctx, start, end, after)
    k, end = merge.join_split(ctx, k, end, cue)
    if cue is not None or speaker is not None or merge.continued(ctx, start, end) is None:
        ctx.add(start, end, "direct", cue, speaker)
    return k


def _own_cue(ctx: QuoteContext, start: int, end: int, after) -> bool:
    """A short quotation with `, she said` right after it, that is no title in quotation marks."""
    if after is None or word_count(ctx.text, end, after[0].idx) > OWN_CUE_WORDS:
        return False
    return not ctx.inside_direct(after[0].idx) and not is_title(ctx.text[start:end], ctx.rules)


def _short_quote(ctx: QuoteContext, start: int, end: int) -> None:
    """`called him "a con"`: a short quotation inside what a cue governs; the clause is the quote."""
    short = attribution.short_quote_clause(ctx.doc, start, end, ctx.rules.cues)
    if short is None or ctx.starts_inside_quote(short[0]):
        return
    cs, ce, cue = short
    covered = [j for j, (s2, e2) in enumerate(ctx.directs) if cs <= s2 and e2 <= ce + 1]
    ctx.used_direct.update(covered)
    ctx.add(cs, max(ce, *(ctx.directs[j][1] for j in covered)), "mixed", cue, speaker_of(cue))
