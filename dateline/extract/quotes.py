"""Quotes: who said what, as direct, indirect and mixed attributions with cue and speaker.

1. Direct quotes come from a scan of the text's quotation marks (straight and curly), which survives
   odd punctuation: a quote left open at a paragraph's end is closed there (or before the `, he said`
   that a writer forgot to close it at), and one that the next paragraph reopens runs on.
2. Each direct quote looks for its cue and speaker in the parse: after it (`"…," he said`,
   `"…," said Qureshi`), then before it (`He said: "…"`). A quote split around its cue
   (`"…," he said. "…"`) becomes one row.
3. Reported speech is a cue verb (`say`, `tell`, `warn`, …) with a clausal complement; when that
   clause holds a direct quote the row is `mixed`. `according to X` attributes its clause to X.
4. The speaker mention as written is resolved to a name: a person named in it, the last person
   mentioned for a pronoun, the person a title belongs to.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from dateline.extract import doccache
from spacy.tokens import Doc, Span, Token

from dateline import vocab
from dateline.extract.entities import ArticleEntities, Entity, TITLE_WORDS

OPEN_MARKS = "“«„"
CLOSE_MARKS = "”»"
PRONOUNS = {"he", "she", "they", "i", "we", "it", "him", "her"}
MIN_DIRECT_WORDS = 4
SPEAKER_DEPS = ("nsubj", "nsubjpass")
INTRODUCING_CUES = {"add", "continue", "say", "tell", "ask", "conclude", "note", "reply", "write", "insist", "argue"}
NO_OBJECT_CONTENT = {"say", "tell", "add", "write", "note", "report", "announce", "continue", "explain", "state",
                     "reply", "respond", "accord", "conclude", "tweet", "post", "recall", "insist"}


@dataclass
class Quote:
    quote_start: int
    quote_end: int
    quote_text: str
    kind: str
    cue: str | None = None
    speaker: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    speaker_name: str | None = None
    speaker_entity_id: str | None = None


LEARNED_CUE_RATE = 0.35  # a verb seen as an attribution cue at least this often in news (attribution_cues.tsv)


@lru_cache(maxsize=1)
def cue_lemmas() -> frozenset[str]:
    learned = {row[0] for row in vocab.rows("attribution_cues.tsv")
               if row[1] == "VERB" and int(row[2]) / int(row[3]) >= LEARNED_CUE_RATE}
    return vocab.words("quote_cues.txt") | vocab.words("quote_cues_ggt.txt") | learned


@lru_cache(maxsize=1)
def after_cue_lemmas() -> frozenset[str]:
    """Cues that follow a direct quote: the speech verbs and those that attribute only there."""
    return cue_lemmas() | vocab.words("quote_cues_after.txt")


@lru_cache(maxsize=1)
def noun_cue_lemmas() -> frozenset[str]:
    """Nouns that introduce what someone said ("Trump's claim that …", "the statement that …")."""
    return frozenset(row[0] for row in vocab.rows("attribution_cues.tsv")
                     if row[1] == "NOUN" and int(row[2]) / int(row[3]) >= 0.3) | {"claim", "allegation", "assertion", "warning", "argument"}


@lru_cache(maxsize=1)
def object_cue_lemmas() -> frozenset[str]:
    """Cue verbs whose direct object is what is attributed ("criticized the plan", "endorsed Clinton")."""
    return frozenset(row[0] for row in vocab.rows("attribution_cues.tsv")
                     if row[1] == "VERB" and int(row[2]) / int(row[3]) >= LEARNED_CUE_RATE) - NO_OBJECT_CONTENT


# ------------------------------------------------------------------ direct quotes: the mark scan
def quote_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of quotations, marks included, end exclusive; never raises.

    A quote still open at a paragraph's end runs on when the next paragraph opens with the same kind
    of mark (the convention for quotes over several paragraphs). One that never closes is cut before
    a `, he said` inside it, or at its paragraph's end; a chain of paragraphs that never closes (a
    transcript that opens every paragraph with a mark) is no quote at all.
    """
    original = text
    spans: list[tuple[int, int]] = []
    open_at: int | None = None
    open_mark = ""
    paragraphs = depth = 0
    n = len(text)
    i = 0
    while i < n:
        ch = text[i]
        if ch == "\n" and open_at is not None:
            j = i
            while j < n and text[j].isspace():
                j += 1
            reopens = j < n and (text[j] == open_mark or (open_mark in OPEN_MARKS and text[j] in OPEN_MARKS))
            if reopens:
                paragraphs += 1
                i = j + 1
                continue
            if paragraphs == 0:
                spans.append((open_at, _repair_end(text, open_at, i)))
            open_at = None
        elif ch in OPEN_MARKS:
            if open_at is None:
                open_at, open_mark, paragraphs, depth = i, ch, 0, 0
            elif open_mark != '"':
                depth += 1  # a quotation inside a quotation, written with the same marks
        elif ch in CLOSE_MARKS:
            if open_at is not None and open_mark != '"':
                if depth:
                    depth -= 1
                else:
                    spans.append((open_at, i + 1))
                    open_at = None
        elif ch == '"':
            before = text[i - 1] if i else " "
            after = text[i + 1] if i + 1 < n else " "
            if open_at is not None and open_mark == '"' and i > open_at + 1:
                spans.append((open_at, i + 1))
                open_at = None
            elif open_at is None and not after.isspace() and (before.isspace() or before in "([{—–-:" or i == 0):
                open_at, open_mark, paragraphs = i, '"', 0
        i += 1
    if open_at is not None and paragraphs == 0:
        spans.append((open_at, _repair_end(text, open_at, n)))
    return [(s, e) for s, e in spans if e > s + 1 and original[s:e].strip()]


ATTRIBUTION_INSIDE = re.compile(r",\s+(?:he|she|they|it|we|I|[A-Z][\w’'.-]+(?:\s+[A-Z][\w’'.-]+){0,3})\s+"
                                r"(?:said|added|says|adds|told|explained|noted|wrote|continued|stressed)\b")


def _repair_end(text: str, start: int, end: int) -> int:
    """Where an unclosed quote really ends: before a `, he said` inside it, else at the paragraph end."""
    m = ATTRIBUTION_INSIDE.search(text, start, end)
    if m:
        return m.start()
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


# ------------------------------------------------------------------ helpers over the parse
def _np_span(tok: Token) -> Span:
    """The noun phrase of a speaker, without relative clauses, appositions and trailing punctuation."""
    doc = tok.doc
    left, right = tok.i, tok.i
    for t in tok.subtree:
        if _cut_below(t, tok):
            continue
        left, right = min(left, t.i), max(right, t.i)
    stop = next((t.i for t in doc[tok.i + 1:right + 1] if t.text in (":", '"') or t.text in OPEN_MARKS + CLOSE_MARKS), None)
    if stop is not None:
        right = stop - 1  # `Said Ellis: "…"`: the quote the parser hung under the name is not the name
    while right > left and (doc[right].is_punct or doc[right].is_space):
        right -= 1
    while left < right and (doc[left].is_punct or doc[left].is_space
                                  or (doc[left].pos_ == "VERB" and doc[left].dep_ == "compound")):
        left += 1  # `Said Ellis`: the cue the parser made a compound of the name is not the name
    return doc[left:right + 1]


def _clip(span: Span, head: Token) -> Span:
    """A speaker span stays inside its head's sentence and paragraph."""
    doc = span.doc
    start, end = max(span.start, head.sent.start), min(span.end, head.sent.end)
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


def _cut_below(t: Token, root: Token) -> bool:
    """Whether t hangs under a relative clause or apposition of root (which the phrase leaves out)."""
    while t.i != root.i and t.head.i != t.i:
        if t.dep_ in ("relcl", "appos", "acl", "advcl"):
            return True
        t = t.head
    return False


def _speaker_of(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in SPEAKER_DEPS:
            lo, hi = sorted((child.idx, verb.idx))
            if "\n" in doccache.text(verb.doc)[lo:hi]:
                # the parser reached across a paragraph (a headline, a time stamp): take the words before the verb
                prev = next((t for t in reversed(verb.doc[max(0, verb.i - 4):verb.i]) if t.pos_ != "ADV" and not t.is_space), None)
                return prev if prev is not None and prev.pos_ in ("PROPN", "NOUN", "PRON") else None
            if child.pos_ in ("NUM", "PUNCT", "SYM", "X") or child.like_num:
                return None
            return child
    # "... to the press, adding that ..." / conjoined verbs share their subject
    if verb.dep_ in ("conj", "advcl", "xcomp") and verb.head.i != verb.i:
        return _speaker_of(verb.head)
    if verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN", "PRON"):
        return verb.head  # "a post saying that …"
    return None


def _cue_speaker(cue: Token) -> Token | None:
    """The speaker of a cue verb: its subject, else the name right after an inverted cue
    (`Said Ellis: "…"`, `"…," said Ellis`), else the object of `according to`."""
    doc = cue.doc
    if cue.lower_ == "according" and cue.i + 1 < len(doc) and doc[cue.i + 1].lower_ == "to":
        return next((c for c in doc[cue.i + 1].children if c.dep_ == "pobj"), None)
    speaker = _speaker_of(cue)
    if speaker is not None:
        return speaker
    if cue.dep_ == "compound" and cue.head.pos_ == "PROPN" and cue.head.i > cue.i:
        return cue.head
    return _name_after(cue, lambda i: True)


def _name_after(cue: Token, outside) -> Token | None:
    """The name right after an inverted cue (`said James Acton`), by its head word."""
    nxt = cue.doc[cue.i + 1] if cue.i + 1 < len(cue.doc) else None
    if nxt is None or nxt.pos_ != "PROPN" or nxt.sent.start != cue.sent.start or not outside(nxt.idx):
        return None
    while nxt.dep_ == "compound" and nxt.head.i > nxt.i and nxt.head.pos_ == "PROPN":
        nxt = nxt.head
    return nxt


def _subject_outside(cue: Token, outside) -> Token | None:
    """A subject of the cue outside the quotation, when the parser took a word of the quote for it:
    `"… it will …," said James Acton`."""
    for child in cue.children:
        if child.dep_ in SPEAKER_DEPS and outside(child.idx) and child.pos_ in ("PROPN", "NOUN", "PRON"):
            return child
    after = _name_after(cue, outside)
    if after is not None:
        return after
    before = cue.doc[cue.i - 1] if cue.i > 0 else None
    if before is not None and before.pos_ in ("PROPN", "NOUN", "PRON") and outside(before.idx):
        return before
    return None


def _nearest_subject(cue: Token, start: int, end: int) -> Token | None:
    """When the parse links no subject to the cue: the closest subject before it in its sentence,
    outside the quoted span (the parser often hangs "Trump … telling …" on another verb)."""
    for tok in reversed(cue.sent[:cue.i - cue.sent.start]):
        if tok.dep_ in SPEAKER_DEPS and not (start <= tok.idx < end) and tok.pos_ in ("PROPN", "NOUN", "PRON"):
            return tok
    return None


def _is_cue(tok: Token, cues: frozenset[str]) -> bool:
    return tok.pos_ in ("VERB", "AUX") and tok.lemma_.lower() in cues


def _content_child(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in ("ccomp", "parataxis"):
            return child
    if verb.lemma_.lower() in object_cue_lemmas():
        for child in verb.children:
            if child.dep_ == "dobj" and child.pos_ in ("NOUN", "PROPN") and len(list(child.subtree)) >= 2:
                return child
    for child in verb.children:
        if child.dep_ == "xcomp" and (verb.lemma_ in ("urge", "ask", "tell", "call", "warn", "promise", "pledge", "vow", "threaten", "demand")
                                      or verb.lemma_.lower() in object_cue_lemmas()):
            return child
    if verb.lemma_.lower() in object_cue_lemmas() | {"talk", "comment", "speak", "write", "complain"}:
        for child in verb.children:
            if child.dep_ == "prep" and child.lower_ in ("about", "on", "of") and child.i == verb.i + 1:
                pobj = next((g for g in child.children if g.dep_ in ("pobj", "pcomp")), None)
                if pobj is not None and len(list(pobj.subtree)) >= 2:
                    return pobj
    # "said in a statement that ..." is sometimes parsed with the clause under a prepositional attachment
    for child in verb.children:
        if child.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "that" for c in child.children):
            return child
    return None


def _span_chars(tokens: list[Token]) -> tuple[int, int]:
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


class SpeakerResolver:
    """Resolves a speaker mention to a person named in the article."""

    def __init__(self, doc: Doc, ents: ArticleEntities):
        self.doc, self.ents = doc, ents
        self.persons = [m for m in ents.mentions if m.entity.type == "PERSON"]

    def resolve(self, span: Span) -> Entity | None:
        inside = [m.entity for m in self.ents.in_span(span)]
        people = [e for e in inside if e.type == "PERSON"]
        if people:
            return people[0]
        head = span.root
        if head.lower_ in ("who", "that", "which") and head.head.dep_ == "relcl":
            return self.resolve(self.doc[head.head.head.i:head.head.head.i + 1])  # "Smith, who said": Smith
        if head.lower_ in PRONOUNS and head.lower_ not in ("it", "they", "we", "i"):
            before = [m for m in self.persons if m.end <= span.start_char]
            return before[-1].entity if before else None
        if inside and inside[0].type in ("ORG", "GPE", "NORP"):
            return inside[0] if head.pos_ == "PROPN" else None
        if head.lower_ in TITLE_WORDS or head.lemma_.lower() in TITLE_WORDS:
            for m in reversed([m for m in self.persons if m.end <= span.start_char]):
                window = doccache.text(self.doc)[max(0, m.start - 40):m.start].lower()
                if head.lower_ in window:
                    return m.entity
        return None


# ------------------------------------------------------------------ the extractor
def extract_quotes(doc: Doc, ents: ArticleEntities) -> list[Quote]:
    text = doccache.text(doc)
    cues, after_cues = cue_lemmas(), after_cue_lemmas()
    resolver = SpeakerResolver(doc, ents)
    directs = quote_spans(text)
    quotes: list[Quote] = []
    used_direct: set[int] = set()

    def make(start: int, end: int, kind: str, cue_tok: Token | None, speaker_tok: Token | None) -> Quote:
        start, end = _trim(text, start, end)
        q = Quote(start, end, text[start:end], kind, cue=cue_tok.text if cue_tok is not None else None)
        if speaker_tok is None and cue_tok is not None:
            speaker_tok = _nearest_subject(cue_tok, start, end)
        if speaker_tok is not None:
            span = _clip(_np_span(speaker_tok), speaker_tok)
            q.speaker, q.speaker_start, q.speaker_end = span.text, span.start_char, span.end_char
            entity = resolver.resolve(span)
            if entity is not None:
                q.speaker_name, q.speaker_entity_id = entity.name, entity.entity_id
        return q

    # reported speech: cue verbs with a clause, outside direct quotes
    inside_direct = lambda i: any(s <= i < e for s, e in directs)  # noqa: E731
    for tok in doccache.tokens(doc):
        if not _is_cue(tok, cues) or inside_direct(tok.idx):
            continue
        content = _content_child(tok)
        if content is None:
            continue
        toks = [t for t in content.subtree if not t.is_space]
        if content.dep_ == "dobj":
            # `called X "deplorables"`, `described him as "unhinged"`: the object and what follows it
            toks = [t for c in tok.children if c.i >= content.i and c.dep_ not in ("punct", "cc", "conj", "advcl", "advmod")
                    for t in c.subtree if not t.is_space]
        if len(toks) < 3:
            continue
        start, end = _span_chars(sorted(toks, key=lambda t: t.i))
        # take in the clause's closing punctuation when the cue comes first
        if content.i > tok.i and end < len(text) and text[end:end + 1] in ".?!":
            end += 1
        end = _extend_over_quotes(text, end, directs)
        covered = [k for k, (s, e) in enumerate(directs) if s < end and e > start]
        if covered:
            if len(covered) == 1 and directs[covered[0]][0] <= start + 1 and directs[covered[0]][1] >= end - 1:
                continue  # the clause is (inside) the direct quote itself: attributed below
            start = min(start, *(directs[k][0] for k in covered))
            end = max(end, *(directs[k][1] for k in covered))
            used_direct.update(covered)
            kind = "mixed"
        else:
            kind = "indirect"
        quotes.append(make(start, end, kind, tok, _speaker_of(tok)))

    # nominal cues: "Trump's claim that …", "the statement that …"
    noun_cues = noun_cue_lemmas()
    for tok in doccache.tokens(doc):
        if tok.pos_ != "NOUN" or tok.lemma_.lower() not in noun_cues or inside_direct(tok.idx):
            continue
        content = next((c for c in tok.children if c.dep_ in ("acl", "ccomp")
                        and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)), None)
        if content is None:
            continue
        toks = [t for t in content.subtree if not t.is_space]
        start, end = _span_chars(toks)
        if any(q.quote_start <= start < q.quote_end for q in quotes):
            continue
        speaker = next((c for c in tok.children if c.dep_ == "poss"), None)
        if speaker is None and tok.dep_ in ("dobj",):
            speaker = _speaker_of(tok.head)
        kind = "mixed" if any(start <= s2 < end for s2, _ in directs) else "indirect"
        quotes.append(make(start, end, kind, tok, speaker))

    # according to X, ...
    for tok in doccache.tokens(doc):
        if tok.lower_ == "according" and tok.i + 2 < len(doc) and doc[tok.i + 1].lower_ == "to":
            pobj = next((c for c in doc[tok.i + 1].children if c.dep_ == "pobj"), None)
            sent = tok.sent
            if pobj is None:
                continue
            phrase_end = max(t.i for t in doc[tok.i + 1].subtree) + 1
            left = [t for t in sent if t.i < tok.i and not t.is_space]
            right = [t for t in sent if t.i >= phrase_end and not t.is_space]
            part = right if len(right) >= len(left) else left
            part = [t for t in part if not (t.is_punct and t.text == ",")] or part
            if len([t for t in part if t.is_alpha]) < 3:
                continue
            start, end = _span_chars(part)
            if any(q.quote_start <= start < q.quote_end for q in quotes) or inside_direct(start):
                continue
            quotes.append(make(start, end, "indirect", tok, pobj))

    # direct quotes: their cue and speaker
    k = 0
    while k < len(directs):
        if k in used_direct:
            k += 1
            continue
        start, end = directs[k]
        own = _attribution_after(doc, end, after_cues)
        if own is not None and len(re.findall(r"\w+", text[end:own[0].idx])) > 3:
            own = None  # a short quotation counts as a quote only when `, she said` follows at once
        if _words(text, start, end) < MIN_DIRECT_WORDS and (own is None or inside_direct(own[0].idx) or _is_title(text[start:end])):
            short = _short_quote_clause(doc, start, end, cues)  # `called him "a con"`: the clause is the quote
            if short is not None and not any(q.quote_start <= short[0] < q.quote_end for q in quotes):
                cs, ce, cue_tok = short
                covered = [j for j, (s2, e2) in enumerate(directs) if cs <= s2 and e2 <= ce + 1]
                used_direct.update(covered)
                quotes.append(make(cs, max(ce, *(directs[j][1] for j in covered)), "mixed", cue_tok, _speaker_of(cue_tok)))
            k += 1
            continue
        cue_tok, speaker_tok = _attribution_after(doc, end, after_cues) or (None, None)
        if cue_tok is not None and cue_tok.pos_ in ("VERB", "AUX") and inside_direct(cue_tok.idx):
            cue_tok, speaker_tok = None, None  # a cue inside the next quotation: look before this one
        if cue_tok is None:
            cue_tok, speaker_tok = _attribution_before(doc, start, cues) or (None, None)
        if cue_tok is None:
            cue_tok, speaker_tok = _attribution_colon(doc, start) or (None, None)
        if cue_tok is not None and inside_direct(cue_tok.idx + len(cue_tok.text) - 1):
            cue_tok, speaker_tok = None, None
        if cue_tok is None and speaker_tok is None:
            cue_tok, speaker_tok = _governing_verb(doc, start, end) or (None, None)
        if speaker_tok is not None and inside_direct(speaker_tok.idx):
            # the parser took a word of the quote for the subject: `"… We will …," Chief Jordan said`
            speaker_tok = _subject_outside(cue_tok, lambda i: not inside_direct(i))
        # a quote split around its cue: `"…," he said. "…"` is one row
        while cue_tok is not None and cue_tok.idx >= end and k + 1 < len(directs) and k + 1 not in used_direct:
            nxt_start, nxt_end = directs[k + 1]
            between = text[end:nxt_start]
            if "\n" in between or nxt_start < cue_tok.idx or not re.search(r"[,.:;]\s*$", between):
                break
            between_span = doc.char_span(end, nxt_start, alignment_mode="contract")
            new_speech = between_span is not None and any(
                _is_cue(t, cues) and t.i != cue_tok.i and t.lemma_ in INTRODUCING_CUES for t in between_span)
            nxt_own = _attribution_after(doc, nxt_end, after_cues)
            if new_speech or (nxt_own is not None and nxt_own[0].i != cue_tok.i) \
                    or (len(re.findall(r"\w+", between)) > 12 and _attribution_before(doc, nxt_start, cues) is None):
                break
            end = nxt_end
            used_direct.add(k + 1)
            k += 1
        prev = max((q for q in quotes if q.quote_end <= start), key=lambda q: q.quote_end, default=None)
        if cue_tok is None and speaker_tok is None and prev is not None and prev.speaker is not None \
                and text[prev.quote_end:start].count("\n") <= 2 and "\n" in text[prev.quote_end:start] \
                and len(re.findall(r"\w+", text[prev.quote_end:start])) <= 12 and _paragraph_is_quote(text, start, end):
            # a paragraph that only goes on quoting the speaker of the paragraph before
            quote = make(start, end, "direct", None, None)
            for attr in ("cue", "speaker", "speaker_start", "speaker_end", "speaker_name", "speaker_entity_id"):
                setattr(quote, attr, getattr(prev, attr))
            quotes.append(quote)
        else:
            quotes.append(make(start, end, "direct", cue_tok, speaker_tok))
        k += 1
    quotes.sort(key=lambda q: (q.quote_start, q.quote_end))
    return _dedupe(quotes)


def _extend_over_quotes(text: str, end: int, directs: list[tuple[int, int]]) -> int:
    """Stretch a reported clause over quotations that go on right after it (`… is "a problem" but "…"`)."""
    for s, e in directs:
        if s >= end and text[end - 1:end] not in ".?!" and re.fullmatch(r"\s*,?\s*(?:and|but|or|and then)\s*", text[end:s]):
            end = e
    return end


def _is_title(quoted: str) -> bool:
    """`“Fox News Sunday”`, `“The Apprentice”`: a name in quotation marks, every word capitalised."""
    words = re.findall(r"[A-Za-z][\w’'-]*", quoted)
    small = {"of", "the", "and", "a", "an", "in", "on", "for", "to", "with"}
    return bool(words) and all(w[0].isupper() or w.lower() in small for w in words) and len(words) > 1


def _paragraph_is_quote(text: str, start: int, end: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    return not text[line_start:start].strip() and not text[end:line_end].strip()


def _short_quote_clause(doc: Doc, start: int, end: int, cues: frozenset[str]) -> tuple[int, int, Token] | None:
    """A short quotation inside what a cue verb governs ("called X “deplorables”", "described him as
    “unhinged”"): the verb's complements after it, from its first one to its last."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    tok = span.root
    for anc in [tok, *tok.ancestors][:6]:
        if _is_cue(anc, cues) and anc.i < span.start:
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


def _words(text: str, start: int, end: int) -> int:
    return len(re.findall(r"\w+", text[start:end]))


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _attribution_after(doc: Doc, end: int, cues: frozenset[str]) -> tuple[Token, Token | None] | None:
    """`"…," he said` / `"…," said the minister` / `"…", he added, …` / `"…" ― Jane Doe`: a cue just after the quote."""
    text = doccache.text(doc)
    tail = text[end:end + 250]
    if "\n" in tail:
        tail = tail[:tail.index("\n")]
    dash = re.match(r"^\s*[―—–-]{1,2}\s*(?=[A-Z])", tail)
    if dash:
        name = doc.char_span(end + dash.end(), end + len(tail), alignment_mode="contract")
        if name is not None and len(name) and name[0].pos_ == "PROPN":
            return doc[name.start - 1], name[0] if name.root.i >= name.start + 8 else name.root
    if not re.match(r"^[\s,.;:—–-]*\S", tail) or tail.strip()[:1] in OPEN_MARKS + '"':
        return None
    span = doc.char_span(end, end + len(tail), alignment_mode="expand")
    if span is None:
        return None
    closed = re.search(r"[.!?][\"”’']*\s*$", text[max(0, end - 4):end]) is not None
    for n, tok in enumerate(t for t in span if t.idx >= end and not t.is_space):
        if closed and n >= 4 and not _is_cue(tok, cues):
            break  # `"… smart." Trump was defensive when forced to defend …`: a new sentence
        if tok.text in OPEN_MARKS or (tok.text == '"' and tok.whitespace_ == ""):
            break  # another quotation begins
        if tok.is_sent_start and tok.idx > end + 2 and tok.text[:1].isupper() and tok.idx - end > 3:
            # a new sentence that is not "He said." right after the quote
            if not (_is_cue(tok, cues) or any(_is_cue(t, cues) for t in tok.sent[:4])):
                break
        if _is_cue(tok, cues):
            between = text[end:tok.idx]
            speaker = _speaker_of(tok)
            if len(re.findall(r"\w+", between)) <= 8:
                return tok, _cue_speaker(tok)
            if speaker is not None and all(t.i in {d.i for d in speaker.subtree} or t.is_punct or t.is_space
                                           for t in doc.char_span(end, tok.idx, alignment_mode="expand") or []
                                           if t.idx >= end and t.i != tok.i):
                return tok, speaker  # `"…," Scott Pruitt, the attorney general of Oklahoma, said`
            break
        if tok.text in (".", "!", "?") and tok.idx > end + 1:
            break
    return _unlisted_cue_after(doc, end) if not closed else None


def _unlisted_cue_after(doc: Doc, end: int) -> tuple[Token, Token] | None:
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


def _attribution_before(doc: Doc, start: int, cues: frozenset[str]) -> tuple[Token, Token | None] | None:
    """`He said: "…"` / `Qureshi told reporters, "…"` / `Caddell continued:` closing the paragraph before."""
    text = doccache.text(doc)
    window_start = max(0, start - 320)
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
    span = doc.char_span(window_start, window_start + len(head), alignment_mode="contract")
    if span is None:
        return None
    for n, tok in enumerate(reversed(list(span))):
        if n > 8:
            break
        if _is_cue(tok, cues):
            return tok, _cue_speaker(tok)
        if tok.text in (".", "!", "?") and tok.idx < start - 2:
            break
    # `Mr. Smith said of the 1990s. "…"`: the sentence just before, in the same paragraph, names the speaker
    last = span[-1]
    if last.text in (".", ":") or (len(span) > 1 and span[-2].text in (".", ":")):
        sent = last.sent if last.text in (".", ":") else span[-2].sent
        if sent.start >= span.start:
            for tok in sent:
                if _is_cue(tok, cues) and tok.dep_ in ("ROOT", "conj") and _speaker_of(tok) is not None:
                    return tok, _speaker_of(tok)
    return None


def _attribution_colon(doc: Doc, start: int) -> tuple[Token | None, Token] | None:
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
    clause = [t for t in doc[colon.sent.start:colon.i] if not t.is_space]
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
            speaker = _speaker_of(tok)
            if speaker is not None and speaker.i >= clause[0].i and speaker.pos_ in ("PROPN", "PRON", "NOUN"):
                return tok, speaker
    return None


def _governing_verb(doc: Doc, start: int, end: int) -> tuple[Token, Token] | None:
    """`Trump attacked "the hateful ideology …"`, `he characterized Kaine as "a little desperate"`: with no cue
    around it, a quotation that a verb before it governs is that verb's subject's words, when the subject
    is a name or a pronoun."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    for anc in list(span.root.ancestors)[:4]:
        if anc.i >= span.start or anc.sent.start != span.sent.start:
            continue
        if anc.pos_ == "VERB":
            subject = next((c for c in anc.children if c.dep_ == "nsubj"), None)
            if subject is not None and subject.pos_ in ("PROPN", "PRON") and subject.lower_ not in ("it", "this", "that", "which", "what"):
                return anc, subject
            return None
    return None


def _dedupe(quotes: list[Quote]) -> list[Quote]:
    """Drop a quote that lies wholly inside another one of the same or weaker kind."""
    out: list[Quote] = []
    for q in sorted(quotes, key=lambda q: (q.quote_start, -(q.quote_end - q.quote_start))):
        if any(o.quote_start <= q.quote_start and q.quote_end <= o.quote_end for o in out):
            continue
        out.append(q)
    return out
