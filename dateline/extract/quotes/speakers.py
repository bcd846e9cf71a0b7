"""Speakers: who said it. The speaker of a cue, the span of their name as written, and the person
(or body) in the article that the span stands for.

The speaker of a cue verb is its subject (shared along conjoined verbs: "… to the press, adding that
…"), else the name right after an inverted cue (`Said Ellis: "…"`, `"…," said Ellis`), else the
object of `according to`. What the span as written stands for is decided by `extract/reference.py`.
"""
from __future__ import annotations

from typing import Callable

from spacy.tokens import Span, Token

from dateline.extract import doccache, syntax
from dateline.extract.quotes.marks import CLOSE_MARKS, OPEN_MARKS

SPEAKER_CLIMB = frozenset({"conj", "advcl", "xcomp"})  # verbs that share the subject of the verb above
NOMINAL = ("PROPN", "NOUN", "PRON")


def speaker_of(verb: Token) -> Token | None:
    """The subject of a cue verb, climbing through the verbs it is conjoined with or embedded in."""
    quoted = quoted_one(verb)
    if quoted is not None:
        return quoted
    last = verb
    for node in syntax.clause_chain(verb, SPEAKER_CLIMB):
        child = syntax.subject_child(node)
        if child is not None:
            return _checked_subject(child, node)
        last = node
    if last.dep_ == "acl" and last.head.pos_ in NOMINAL:
        return last.head  # "a post saying that …"
    return _apposed_before(verb)


def _apposed_before(cue: Token) -> Token | None:
    """"In a filing with the SEC, Fidelity International Ltd, a Bermuda-based firm, said …": the parse hung
    the subject on the phrase before it as an apposition; the highest apposition ending at the cue speaks."""
    before = next((t for t in reversed(cue.doc[max(0, cue.i - 3):cue.i]) if not t.is_punct and not t.is_space), None)
    if before is None or before.head.i >= cue.i or before.dep_ != "appos" and before.head.dep_ != "appos":
        return None
    node = before
    while node.head.dep_ == "appos" and node.head.i < node.i:
        node = node.head
    return node if node.dep_ == "appos" and node.pos_ in NOMINAL and node.right_edge.i < cue.i else None


def quoted_one(cue: Token) -> Token | None:
    """"The newspaper quoted Funaro as saying …", "Funaro was quoted as saying …": the one quoted speaks."""
    if cue.dep_ != "pcomp" or cue.head.lower_ != "as":
        return None
    return next((c for c in cue.head.head.children if c.dep_ in ("dobj", "nsubjpass")), None)


def _checked_subject(child: Token, verb: Token) -> Token | None:
    lo, hi = sorted((child.idx, verb.idx))
    if "\n" in doccache.text(verb.doc)[lo:hi]:
        # the parser reached across a paragraph (a headline, a time stamp): take the words before the verb
        prev = next((t for t in reversed(verb.doc[max(0, verb.i - 4):verb.i]) if t.pos_ != "ADV" and not t.is_space), None)
        return prev if prev is not None and prev.pos_ in NOMINAL else None
    if child.text == ">" and _bracketed(child.doc, child.i - 1) is not None:
        return child.doc[child.i - 1]  # "<Bryson Oil and Gas Plc> said": Reuters brackets a company's name
    if child.pos_ in ("NUM", "PUNCT", "SYM", "X") or child.like_num:
        return None
    return name_before_cue(verb, child) or name_after_misparse(child) or child


def name_after_misparse(subject: Token) -> Token | None:
    """"… quotas appear dim, Alberto Hesse, former president …, said": when the parser made the quote's last
    word (in lower case) the subject, with the name as its conjunct, the name is the speaker."""
    if not subject.text[:1].islower() or subject.pos_ not in ("PROPN", "ADJ", "ADV"):
        return None
    return next((c for c in subject.children if c.dep_ == "conj" and c.pos_ == "PROPN" and c.text[:1].isupper()), None)


def name_before_cue(cue: Token, subject: Token) -> Token | None:
    """"… a 40 mln dlr, nine pct bond due 1997, sole lead manager Societe Generale said.": when the parser
    made a figure-led phrase the subject, the name between the last comma and the cue is the speaker."""
    if not any(c.dep_ == "nummod" for c in subject.children):
        return None
    doc = cue.doc
    comma = next((t for t in reversed(doc[subject.i:cue.i]) if t.text == ","), None)
    if comma is None or comma.i + 1 >= cue.i:
        return None
    name = doc[comma.i + 1:cue.i]
    if doc[cue.i - 1].pos_ != "PROPN" or any(t.pos_ not in ("PROPN", "NOUN", "ADJ", "DET") for t in name):
        return None
    return doc[cue.i - 1]


def cue_speaker(cue: Token) -> Token | None:
    """The speaker of a cue: its subject, else the name right after an inverted cue
    (`Said Ellis: "…"`, `"…," said Ellis`), else the object of `according to`."""
    doc = cue.doc
    if cue.lower_ == "according" and cue.i + 1 < len(doc) and doc[cue.i + 1].lower_ == "to":
        return next((c for c in doc[cue.i + 1].children if c.dep_ == "pobj"), None)
    speaker = speaker_of(cue)
    if speaker is not None:
        return speaker
    if cue.dep_ == "compound" and cue.head.pos_ == "PROPN" and cue.head.i > cue.i:
        return cue.head
    return name_after(cue, lambda i: True)


def name_after(cue: Token, outside: Callable[[int], bool]) -> Token | None:
    """The name right after an inverted cue (`said James Acton`), by its head word."""
    nxt = cue.doc[cue.i + 1] if cue.i + 1 < len(cue.doc) else None
    if nxt is None or nxt.pos_ != "PROPN" or doccache.sentence(nxt).start != doccache.sentence(cue).start or not outside(nxt.idx):
        return None
    while nxt.dep_ == "compound" and nxt.head.i > nxt.i and nxt.head.pos_ == "PROPN":
        nxt = nxt.head
    return nxt


def subject_outside(cue: Token, outside: Callable[[int], bool]) -> Token | None:
    """A subject of the cue outside the quotation, when the parser took a word of the quote for it:
    `"… it will …," said James Acton`."""
    found = syntax.subject_child(cue, accept=lambda c: outside(c.idx) and c.pos_ in NOMINAL)
    if found is not None:
        return found
    after = name_after(cue, outside)
    if after is not None:
        return after
    before = cue.doc[cue.i - 1] if cue.i > 0 else None
    if before is not None and before.pos_ in NOMINAL and outside(before.idx):
        return before
    return None


def nearest_subject(cue: Token, start: int, end: int) -> Token | None:
    """When the parse links no subject to the cue: the closest subject before it in its sentence,
    outside the quoted span (the parser often hangs "Trump … telling …" on another verb)."""
    sent = doccache.sentence(cue)
    for tok in reversed(sent[:cue.i - sent.start]):
        if tok.dep_ in syntax.SUBJECT_DEPS and not (start <= tok.idx < end) and tok.pos_ in NOMINAL:
            return tok
    return None


def speaker_span(tok: Token) -> Span:
    """The speaker's noun phrase as written, inside its sentence and paragraph; a name in Reuters'
    brackets is the name inside them, a ticker in them the name before them."""
    bracketed = _bracketed(tok.doc, tok.i)
    if bracketed is not None and _ticker_after_name(bracketed):
        return _clip(_noun_phrase(tok.doc[bracketed.start - 2]), tok.doc[bracketed.start - 2])
    return bracketed or _clip(_noun_phrase(tok), tok)


def _ticker_after_name(bracketed: Span) -> bool:
    """"Reuters Holdings Plc <RTRS.L> said": one code in capitals, right after the name it codes."""
    doc = bracketed.doc
    code = bracketed.text
    return len(bracketed) == 1 and bracketed.start >= 2 and code.upper() == code and " " not in code \
        and doc[bracketed.start - 2].pos_ == "PROPN"


def _bracketed(doc, i: int) -> Span | None:
    """The words between "<" and ">" around token `i` (on one line), if it is inside such brackets."""
    if i < 0 or doc[i].text in "<>":
        return None
    line = doc[max(0, i - 12):min(len(doc), i + 12)]
    before = next((t for t in reversed(line[:i - line.start]) if t.text in "<>" or "\n" in t.text), None)
    after = next((t for t in line[i - line.start + 1:] if t.text in "<>" or "\n" in t.text), None)
    if before is None or after is None or before.text != "<" or after.text != ">":
        return None
    return doc[before.i + 1:after.i]


def _noun_phrase(tok: Token) -> Span:
    """The noun phrase of a speaker, without relative clauses, appositions and trailing punctuation."""
    doc = tok.doc
    kept = syntax.clause_free_subtree(tok)
    left, right = min(t.i for t in kept), max(t.i for t in kept)
    stop = next((t.i for t in doc[tok.i + 1:right + 1] if t.text in (":", '"') or t.text in OPEN_MARKS + CLOSE_MARKS), None)
    if stop is not None:
        right = stop - 1  # `Said Ellis: "…"`: the quote the parser hung under the name is not the name
    aside = next((t.i for t in doc[tok.i + 1:right] if t.text == "," and (doc[t.i + 1].pos_ == "ADP" or (
        doc[t.i + 1].pos_ == "ADV" and t.i + 2 <= right and doc[t.i + 2].pos_ == "ADP"))), None)  # ", in a move …", ", currently in Peking"
    if aside is not None:
        right = aside - 1  # "KLM <KLM.AS>, in a move following similar steps by TWA, said": an aside, not the name
    while right > left and (doc[right].is_punct or doc[right].is_space or doc[right].text in "<>"):
        right -= 1
    opening = next((t.i for t in doc[max(left + 1, right - 6):right + 1] if t.text == "<"), None)
    if opening is not None and right + 1 < len(doc) and doc[right + 1].text == ">":
        right = opening - 1  # "KLM Royal Dutch Airlines <KLM.AS>": the name without its ticker
    while left < right and (doc[left].is_punct or doc[left].is_space
                            or (doc[left].pos_ == "VERB" and doc[left].dep_ == "compound")):
        left += 1  # `Said Ellis`: the cue the parser made a compound of the name is not the name
    return doc[left:right + 1]


def _clip(span: Span, head: Token) -> Span:
    """A speaker span stays inside its head's sentence and paragraph."""
    doc = span.doc
    sent = doccache.sentence(head)
    start, end = max(span.start, sent.start), min(span.end, sent.end)
    for i in range(head.i - 1, start - 1, -1):
        if "\n" in doc[i].text or "\n" in doc[i].whitespace_:
            start = i + 1
            break
    for i in range(head.i, end):
        if "\n" in doc[i].text:
            end = i
            break
    while end > start + 1 and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return doc[start:end] if end > start else doc[head.i:head.i + 1]
