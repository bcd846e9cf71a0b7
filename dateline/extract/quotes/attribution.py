"""Attribution: the cue of a direct quotation, and the word the parse gives as its speaker.

Looked for in order: a cue right after the quote (`"…," he said`, `"…," said the minister`,
`"…" ― Jane Doe`, `"…," Trump barked`), then before it (`He said: "…"`, `Qureshi told reporters,
"…"`), then a clause that a colon closes (`She then addressed the supporters again: "…"`), then a
verb that governs the quotation (`Trump attacked "the hateful ideology …"`).
"""
from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from dateline.extract import doccache
from dateline.extract.quotes.context import QuoteContext
from dateline.extract.quotes.marks import OPEN_MARKS
from dateline.extract.quotes.speakers import NOMINAL, cue_speaker, speaker_of, subject_outside

Found = tuple[Token | None, Token | None]  # (cue, speaker); either may be missing
AFTER_REACH = 250  # characters after a quotation in which its cue is looked for
BEFORE_REACH = 320


def is_cue(tok: Token, cues: frozenset[str]) -> bool:
    return tok.pos_ in ("VERB", "AUX") and tok.lemma_.lower() in cues


def attribute(ctx: QuoteContext, start: int, end: int, after: Found | None) -> Found:
    """The cue and speaker of the direct quotation at `start`–`end`; `after` is what follows it."""
    doc, inside = ctx.doc, ctx.inside_direct
    cue, speaker = after or (None, None)
    if cue is not None and cue.pos_ in ("VERB", "AUX") and inside(cue.idx):
        cue, speaker = None, None  # a cue inside the next quotation: look before this one
    if cue is None:
        cue, speaker = attribution_before(doc, start, ctx.rules.cues) or (None, None)
    if cue is None:
        cue, speaker = attribution_colon(doc, start) or (None, None)
    if cue is not None and inside(cue.idx + len(cue.text) - 1):
        cue, speaker = None, None
    if cue is None and speaker is None:
        cue, speaker = governing_verb(doc, start, end) or (None, None)
    if speaker is not None and inside(speaker.idx):
        # the parser took a word of the quote for the subject: `"… We will …," Chief Jordan said`
        speaker = subject_outside(cue, lambda i: not inside(i))
    return cue, speaker


def attribution_after(doc: Doc, end: int, cues: frozenset[str]) -> Found | None:
    """`"…," he said` / `"…," said the minister` / `"…", he added, …` / `"…" ― Jane Doe`: a cue just after the quote."""
    text = doccache.text(doc)
    tail = text[end:end + AFTER_REACH]
    if "\n" in tail:
        tail = tail[:tail.index("\n")]
    signed = _signature(doc, end, tail)
    if signed is not None:
        return signed
    if not re.match(r"^[\s,.;:—–-]*\S", tail) or tail.strip()[:1] in OPEN_MARKS + '"':
        return None
    span = doc.char_span(end, end + len(tail), alignment_mode="expand")
    if span is None:
        return None
    closed = re.search(r"[.!?][\"”’']*\s*$", text[max(0, end - 4):end]) is not None
    for n, tok in enumerate(t for t in span if t.idx >= end and not t.is_space):
        if _ends_the_search(tok, n, end, closed, cues):
            break
        if is_cue(tok, cues):
            if closed and n >= 2 and any(c.dep_ in ("dobj", "ccomp", "xcomp") for c in tok.children):
                break  # '"… approvals." Viacom has been seeking approvals': a new sentence says its own thing
            found = _cue_after(doc, text, end, tok)
            if found is not None:
                return found
            break
        if tok.text in (".", "!", "?") and tok.idx > end + 1:
            break
    return _unlisted_cue_after(doc, end) if not closed else None


def _signature(doc: Doc, end: int, tail: str) -> Found | None:
    """`"…" ― Jane Doe`: a name after a dash signs the quotation."""
    dash = re.match(r"^\s*[―—–-]{1,2}\s*(?=[A-Z])", tail)
    if not dash:
        return None
    name = doc.char_span(end + dash.end(), end + len(tail), alignment_mode="contract")
    if name is not None and len(name) and name[0].pos_ == "PROPN":
        return doc[name.start - 1], name[0] if name.root.i >= name.start + 8 else name.root
    return None


def _ends_the_search(tok: Token, n: int, end: int, closed: bool, cues: frozenset[str]) -> bool:
    if closed and n >= 4 and not is_cue(tok, cues):
        return True  # `"… smart." Trump was defensive when forced to defend …`: a new sentence
    if tok.text in OPEN_MARKS or (tok.text == '"' and tok.whitespace_ == ""):
        return True  # another quotation begins
    if tok.is_sent_start and tok.idx > end + 2 and tok.text[:1].isupper() and tok.idx - end > 3:
        # a new sentence that is not "He said." right after the quote
        return not (is_cue(tok, cues) or any(is_cue(t, cues) for t in doccache.sentence(tok)[:4]))
    return False


def _cue_after(doc: Doc, text: str, end: int, tok: Token) -> Found | None:
    between = text[end:tok.idx]
    if len(re.findall(r"\w+", between)) <= 8:
        return tok, cue_speaker(tok)
    speaker = speaker_of(tok)
    if speaker is not None and all(t.i in {d.i for d in speaker.subtree} or t.is_punct or t.is_space
                                   for t in doc.char_span(end, tok.idx, alignment_mode="expand") or []
                                   if t.idx >= end and t.i != tok.i):
        return tok, speaker  # `"…," Scott Pruitt, the attorney general of Oklahoma, said`
    return None


def _unlisted_cue_after(doc: Doc, end: int) -> Found | None:
    """`"Go back to Univision," Trump barked`: a quote that ends in a comma, then a short subject and its
    verb, is attributed to that subject whatever the verb."""
    text = doccache.text(doc)
    if not re.search(r",\s*[\"”’']?\s*$", text[max(0, end - 3):end]):
        return None
    span = doc.char_span(end, min(len(text), end + 80), alignment_mode="expand")
    if span is None:
        return None
    words = [t for t in span if t.idx >= end and not t.is_space and not t.is_punct]
    for n, tok in enumerate(words[:6]):
        if "\n" in text[end:tok.idx]:
            return None
        if tok.pos_ == "VERB" and tok.tag_ in ("VBD", "VBZ", "VBP"):
            subject = next((c for c in tok.children if c.dep_ == "nsubj" and c.idx >= end and c.i < tok.i), None)
            if subject is not None and subject.pos_ in ("PROPN", "PRON", "NOUN") \
                    and all(w.i in {d.i for d in subject.subtree} for w in words[:n]):
                return tok, subject
            return None
    return None


def attribution_before(doc: Doc, start: int, cues: frozenset[str]) -> Found | None:
    """`He said: "…"` / `Qureshi told reporters, "…"` / `Caddell continued:` closing the paragraph before."""
    span = _lead_in(doc, start)
    if span is None:
        return None
    for n, tok in enumerate(reversed(list(span))):
        if n > 8:
            break
        if is_cue(tok, cues):
            return tok, cue_speaker(tok)
        if tok.text in (".", "!", "?") and tok.idx < start - 2:
            break
    # `Mr. Smith said of the 1990s. "…"`: the sentence just before, in the same paragraph, names the speaker
    last = span[-1]
    if last.text in (".", ":") or (len(span) > 1 and span[-2].text in (".", ":")):
        sent = doccache.sentence(last) if last.text in (".", ":") else doccache.sentence(span[-2])
        if sent.start >= span.start:
            for tok in sent:
                if is_cue(tok, cues) and tok.dep_ in ("ROOT", "conj") and speaker_of(tok) is not None:
                    return tok, speaker_of(tok)
    return None


def _lead_in(doc: Doc, start: int):
    """The text before a quotation in its paragraph, or the paragraph before when a colon ends it."""
    text = doccache.text(doc)
    window_start = max(0, start - BEFORE_REACH)
    head = text[window_start:start]
    if "\n" in head:
        if re.search(r":\s*\n\s*$", head):
            trimmed = head.rstrip()
            cut = trimmed.rfind("\n")
            window_start, head = window_start + cut + 1, trimmed[cut + 1:]
        else:
            cut = head.rindex("\n")
            window_start, head = window_start + cut + 1, head[cut + 1:]
    if not head.strip():
        return None
    return doc.char_span(window_start, window_start + len(head), alignment_mode="contract")


def attribution_colon(doc: Doc, start: int) -> Found | None:
    """`She then addressed the supporters again: "…"`, `Kerry: "…"`: the clause a colon closes introduces
    the quote that follows, whatever its verb; its subject is the speaker."""
    text = doccache.text(doc)
    colon_at = len(text[:start].rstrip()) - 1
    if colon_at < 0 or text[colon_at] != ":":
        return None
    colon = doc.char_span(colon_at, colon_at + 1, alignment_mode="expand")
    if colon is None:
        return None
    colon = colon[0]
    clause = [t for t in doc[doccache.sentence(colon).start:colon.i] if not t.is_space]
    for k in range(len(clause) - 1, -1, -1):
        if "\n" in clause[k].text or "\n" in clause[k].whitespace_ or clause[k].text in (".", "?", "!", '"', "”"):
            clause = clause[k + 1:]
            break
    if not clause:
        return None
    if len(clause) <= 4 and all(t.pos_ == "PROPN" for t in clause):
        return None, clause[-1]  # `Kerry: "…"`
    for tok in reversed(clause):
        if tok.pos_ in ("VERB", "AUX"):
            speaker = speaker_of(tok)
            if speaker is not None and speaker.i >= clause[0].i and speaker.pos_ in NOMINAL:
                return tok, speaker
    return None


def governing_verb(doc: Doc, start: int, end: int) -> Found | None:
    """`Trump attacked "the hateful ideology …"`, `he characterized Kaine as "a little desperate"`: with no cue
    around it, a quotation that a verb before it governs is that verb's subject's words, when the subject
    is a name or a pronoun."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    for anc in list(span.root.ancestors)[:4]:
        if anc.i >= span.start or doccache.sentence(anc).start != doccache.sentence(span[0]).start:
            continue
        if anc.pos_ == "VERB":
            subject = next((c for c in anc.children if c.dep_ == "nsubj"), None)
            if subject is not None and subject.pos_ in ("PROPN", "PRON") and subject.lower_ not in ("it", "this", "that", "which", "what"):
                return anc, subject
            return None
    return None


def short_quote_clause(doc: Doc, start: int, end: int, cues: frozenset[str]) -> tuple[int, int, Token] | None:
    """A short quotation inside what a cue verb governs ("called X “deplorables”", "described him as
    “unhinged”"): the verb's complements after it, from its first one to its last."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    for anc in [span.root, *span.root.ancestors][:6]:
        if is_cue(anc, cues) and anc.i < span.start:
            parts = [t for c in anc.children if c.i > anc.i and c.dep_ not in ("punct", "cc", "nsubj", "advmod", "aux", "neg", "conj")
                     for t in c.subtree]
            if not parts:
                return None
            first, last = min(t.i for t in parts), max(t.i for t in parts)
            cs, ce = doc[first].idx, doc[last].idx + len(doc[last].text)
            if cs <= start and ce >= end - 1:
                return cs, max(ce, end), anc
            return None
    return None
