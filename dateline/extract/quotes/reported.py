"""Reported speech: what a cue introduces without quotation marks (indirect), or with some (mixed).

A cue verb (`say`, `tell`, `warn`, …) with a clausal complement, or an object or infinitive that
carries what was said; a noun cue with a `that` clause ("Trump's claim that …"); and `according to
X`, which attributes the rest of its sentence to X. When the clause holds a direct quotation the row
is `mixed` and takes the quotation in.
"""
from __future__ import annotations

import re

from spacy.tokens import Token

from dateline.extract import doccache, syntax
from dateline.extract.quotes.attribution import is_cue
from dateline.extract.quotes.context import QuoteContext
from dateline.extract.quotes.rules import QuoteRules
from dateline.extract.quotes.speakers import name_after_misparse, name_before_cue, speaker_of, speaker_span

OPENING = ("<", "(", "[", "{")
OBJECT_DROP_DEPS = ("punct", "cc", "conj", "advcl", "advmod")  # not part of what an object cue attributes
# Reported speech is a clause (PolNeAR's longest of 25,000 is 291 words); a "clause" of more tokens is a
# misparse of a table or of text without sentences, whose nested cues would each quote the rest of it.
MAX_CLAUSE_TOKENS = 600


def clause_quotes(ctx: QuoteContext) -> None:
    """Cue verbs with what they introduce, outside direct quotations."""
    for tok in doccache.tokens(ctx.doc):
        if not is_cue(tok, ctx.rules.cues) or ctx.inside_direct(tok.idx) or _withheld(tok, ctx.rules):
            continue
        content = content_child(tok, ctx.rules)
        if content is None or _addressed(tok, content):
            continue
        span = _clause_span(ctx, tok, content)
        if span is None:
            continue
        placed = _with_direct_quotes(ctx, *span)
        if placed is not None:
            ctx.add(*placed, tok, speaker_of(tok))


def _addressed(cue: Token, content: Token) -> bool:
    """"was ordered to provide community service", "was asked to resign": the subject of a passive cue with an
    infinitive is whom it was said to, and what follows is no quote of theirs."""
    verbs = [cue, cue.head] if cue.dep_ == "conj" else [cue]  # "was sentenced … and ordered to …"
    return content.dep_ == "xcomp" and any(c.dep_ in ("auxpass", "nsubjpass") for v in verbs for c in v.children)


def _withheld(cue: Token, rules: QuoteRules) -> bool:
    """"declined to comment on the talks", "would not comment on", "did not disclose the terms": what was not
    said is no quote; nor is what a cue of refusal governs as an infinitive ("refused to comment",
    "declined to give details")."""
    if cue.dep_ == "xcomp" and cue.head.lemma_.lower() in rules.withholding_verbs:
        return True
    if cue.lemma_.lower() in rules.withholding_verbs and any(c.dep_ == "xcomp" for c in cue.children):
        return True
    if any((c.dep_ == "xcomp" or c.dep_ == "dobj") and c.lemma_.lower() in rules.anonymity for c in cue.children):
        return True  # "who asked not to be identified", "requested anonymity"
    negated = any(c.dep_ == "neg" for c in cue.children)
    # "did not disclose the terms": an object that was not given is no quote (a clause not said still is)
    told_nothing = any(c.dep_ == "dobj" for c in cue.children) and not any(c.dep_ == "ccomp" for c in cue.children)
    return negated and (_about_phrase(cue) is not None or told_nothing)


def _clause_span(ctx: QuoteContext, cue: Token, content: Token) -> tuple[int, int] | None:
    if max(content.right_edge.i, cue.right_edge.i if content.dep_ == "dobj" else 0) - content.left_edge.i > MAX_CLAUSE_TOKENS:
        return None
    toks = [t for t in content.subtree if not t.is_space]
    if content.dep_ == "dobj":
        # `called X "deplorables"`, `described him as "unhinged"`: the object and what follows it
        toks = [t for c in cue.children if c.i >= content.i and c.dep_ not in OBJECT_DROP_DEPS
                for t in c.subtree if not t.is_space]
    if len(toks) < 3:
        return None
    toks = sorted(toks + _misparsed_subject(cue, content, toks) + _misparsed_opening(cue, content, toks, ctx.rules),
                  key=lambda t: t.i)
    toks = _without_addressee(cue, toks, ctx.rules)
    while len(toks) > 1 and toks[-1].text in OPENING:
        toks.pop()  # ", <Bryson Oil and Gas Plc> said": the bracket that opens the speaker's name is not said
    while len(toks) > 1 and toks[0].text in (",", ";", ":", "--") and content.i > cue.i:
        toks.pop(0)  # "said on Tuesday, the government …": the comma before the clause is not said
    if len(toks) < 3:
        return None
    start, end = span_chars(toks)
    if content.i > cue.i and end < len(ctx.text) and ctx.text[end:end + 1] in ".?!":
        end += 1  # the clause's closing punctuation, when the cue comes first
    return start, _extend_over_quotes(ctx.text, end, ctx.directs_from(end))


def _without_addressee(cue: Token, toks: list[Token], rules: QuoteRules) -> list[Token]:
    """"told reporters Hyundai Motor expects …", "told Funaro Brazil had to …": whom it was told to, right after
    the cue, is no part of what was told (when the parse folded it into the clause)."""
    if cue.lemma_.lower() not in rules.telling_verbs or not toks or toks[0].i != cue.i + 1:
        return toks
    k = 0
    while k < len(toks) - 3 and toks[k].i == cue.i + 1 + k and (
            toks[k].lemma_.lower() in rules.audience or toks[k].ent_type_ == "PERSON"):
        k += 1
    return toks[k:]


def _misparsed_opening(cue: Token, content: Token, toks: list[Token], rules: QuoteRules) -> list[Token]:
    """What the parse hung on the cue between it and a clause without "that": a phrase the clause opens with
    ("They said with real growth at 1.9 pct, the government was likely to …"), or the clause's subject taken
    for the addressee's apposition ("told the task force the new company, under …, would continue")."""
    finite = content.dep_ == "ccomp" or (content.dep_ == "xcomp" and any(c.tag_ == "MD" for c in content.children))
    if not finite or content.i < cue.i or any(c.dep_ == "mark" for c in content.children):
        return []  # ("warned several years may pass": a modal makes the "infinitive" a clause)
    first = min((t.i for t in toks if not t.is_punct), default=toks[0].i)
    if any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in content.children):
        opening = [c for c in cue.children if cue.i < c.i < first and c.dep_ in ("prep", "advcl", "npadvmod")]
        if not opening or cue.doc[first - 1].text != "," or any(_an_occasion(c, rules) for c in opening):
            return []
        start = min(c.left_edge.i for c in opening)
    else:
        subject = _stray_subject(cue, first)
        if subject is None:
            return []
        start = subject.left_edge.i
    held = {t.i for t in toks}
    return [t for t in cue.doc[start:first] if not t.is_space and t.i not in held]


def _stray_subject(cue: Token, first: int) -> Token | None:
    """The subject of a clause that has none, hung on the cue: the addressee's apposition ("told the task force
    the new company … would"), or a noun of time right before the clause ("warned several years may pass")."""
    addressee = next((c for c in cue.children if c.dep_ in ("dobj", "dative") and c.i < first), None)
    apposed = next((c for c in addressee.children if c.dep_ == "appos"), None) if addressee is not None else None
    return apposed or next((c for c in cue.children if c.dep_ == "npadvmod" and c.pos_ == "NOUN"
                            and c.right_edge.i == first - 1), None)


def _an_occasion(phrase: Token, rules: QuoteRules) -> bool:
    """"in an interview", "on Tuesday", "in a statement": when or where the words were said."""
    heads = [phrase, *(g for g in phrase.children if g.dep_ == "pobj")]
    return any(t.ent_type_ in ("DATE", "TIME") or t.lemma_.lower() in rules.occasions for t in heads)


def _misparsed_subject(cue: Token, content: Token, toks: list[Token]) -> list[Token]:
    """What was said, up to the speaker found after a figure-led subject (`name_before_cue`)."""
    subject = syntax.subject_child(cue)
    speaker = (name_before_cue(cue, subject) or name_after_misparse(subject)) if subject is not None and content.i < cue.i else None
    if speaker is None:
        return []
    return [t for t in cue.doc[max(t.i for t in toks) + 1:speaker_span(speaker).start] if not t.is_space]


def _with_direct_quotes(ctx: QuoteContext, start: int, end: int) -> tuple[int, int, str] | None:
    """The clause widened over the direct quotations it overlaps (then `mixed`), else `indirect`;
    None when the clause is (inside) one direct quotation, which is attributed on its own."""
    covered = [k for k, (s, e) in enumerate(ctx.directs) if s < end and e > start]
    if not covered:
        return start, end, "indirect"
    first = ctx.directs[covered[0]]
    if len(covered) == 1 and first[0] <= start + 1 and first[1] >= end - 1:
        return None
    ctx.used_direct.update(covered)
    return (min(start, *(ctx.directs[k][0] for k in covered)), max(end, *(ctx.directs[k][1] for k in covered)),
            "mixed")


def content_child(verb: Token, rules: QuoteRules) -> Token | None:
    """What a cue verb attributes: its clause, else an object, infinitive or `about` phrase of a verb
    that takes one."""
    for child in verb.children:
        if child.dep_ in ("ccomp", "parataxis"):
            return child
    lemma = verb.lemma_.lower()
    # "quoted Funaro as saying …": what is said is the saying's, the object is who said it
    quoting = any(c.dep_ == "prep" and c.lower_ == "as" and any(g.dep_ == "pcomp" for g in c.children) for c in verb.children)
    if lemma in rules.object_cues and not quoting:
        for child in verb.children:
            if child.dep_ == "dobj" and child.pos_ in ("NOUN", "PROPN") and len(list(child.subtree)) >= 2:
                return child
    for child in verb.children:
        if child.dep_ == "xcomp" and (verb.lemma_ in rules.infinitive_cues or lemma in rules.object_cues):
            return child
    if lemma in rules.about_cues and not _a_thing_done_to(verb):
        found = _about_phrase(verb)
        if found is not None and found.lemma_.lower() in rules.venues:
            found = None  # "Appearing on the NBC News program": where it was said, not what
        if found is not None:
            return found
    # "said in a statement that ..." is sometimes parsed with the clause under a prepositional attachment
    for child in verb.children:
        if child.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "that" for c in child.children):
            return child
    return None


def _a_thing_done_to(verb: Token) -> bool:
    """"Cavendish, which will be listed on the local stock exchange": a passive cue whose subject is a relative
    "which" says where a thing is put, not what anyone said about it."""
    return any(c.dep_ == "auxpass" for c in verb.children) and any(
        c.dep_ == "nsubjpass" and c.tag_ == "WDT" for c in verb.children)


def _about_phrase(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in ("about", "on", "of") and child.i == verb.i + 1:
            pobj = next((g for g in child.children if g.dep_ in ("pobj", "pcomp")), None)
            if pobj is not None and len(list(pobj.subtree)) >= 2:
                return pobj
    return None


def noun_cue_quotes(ctx: QuoteContext) -> None:
    """Nominal cues: "Trump's claim that …", "the statement that …"."""
    for tok in doccache.tokens(ctx.doc):
        if tok.pos_ != "NOUN" or tok.lemma_.lower() not in ctx.rules.noun_cues or ctx.inside_direct(tok.idx):
            continue
        content = next((c for c in tok.children if c.dep_ in ("acl", "ccomp")
                        and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)), None)
        if content is None:
            continue
        start, end = span_chars([t for t in content.subtree if not t.is_space])
        if ctx.starts_inside_quote(start):
            continue
        speaker = next((c for c in tok.children if c.dep_ == "poss"), None)
        if speaker is None and tok.dep_ == "dobj":
            speaker = speaker_of(tok.head)
        kind = "mixed" if any(start <= s2 < end for s2, _ in ctx.directs) else "indirect"
        ctx.add(start, end, kind, tok, speaker)


def according_to_quotes(ctx: QuoteContext) -> None:
    """`according to X, …` attributes the longer side of its sentence to X."""
    doc = ctx.doc
    for tok in doccache.tokens(doc):
        if not (tok.lower_ == "according" and tok.i + 2 < len(doc) and doc[tok.i + 1].lower_ == "to"):
            continue
        pobj = next((c for c in doc[tok.i + 1].children if c.dep_ == "pobj"), None)
        if pobj is None:
            continue
        phrase_end = max(t.i for t in doc[tok.i + 1].subtree) + 1
        sent = doccache.sentence(tok)
        left = [t for t in sent if t.i < tok.i and not t.is_space]
        right = [t for t in sent if t.i >= phrase_end and not t.is_space]
        part = right if len(right) >= len(left) else left
        part = [t for t in part if not (t.is_punct and t.text == ",")] or part
        if len([t for t in part if t.is_alpha]) < 3:
            continue
        start, end = span_chars(part)
        if ctx.starts_inside_quote(start) or ctx.inside_direct(start):
            continue
        ctx.add(start, end, "indirect", tok, pobj)


def span_chars(tokens: list[Token]) -> tuple[int, int]:
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


def _extend_over_quotes(text: str, end: int, following: list[tuple[int, int]]) -> int:
    """Stretch a reported clause over quotations that go on right after it (`… is "a problem" but "…"`);
    `following`: the quotations from `end` on, in order."""
    for s, e in following:
        if s < end:
            continue  # a quotation inside one the clause now reaches over
        if text[end - 1:end] in ".?!" or not re.fullmatch(r"\s*,?\s*(?:and|but|or|and then)\s*", text[end:s]):
            break  # what lies between is more than a conjunction: so for every later quotation too
        end = e
    return end
