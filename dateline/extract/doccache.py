"""`Doc.text` and `Doc.ents` are rebuilt from every token on each access, and `doc[i]` or `for t in doc`
makes a new `Token` object each time; the extractors read them often, so each doc keeps one copy of
its text, entities and tokens in its `user_data` (the `dateline_extract` component drops them after)."""
from __future__ import annotations

from typing import Callable, TypeVar

from spacy.tokens import Doc, Span, Token

T = TypeVar("T")


def text(doc: Doc) -> str:
    cached = doc.user_data.get("dateline_text")
    if cached is None:
        cached = doc.user_data["dateline_text"] = doc.text
    return cached


def tokens(doc: Doc) -> list[Token]:
    cached = doc.user_data.get("dateline_tokens")
    if cached is None:
        cached = doc.user_data["dateline_tokens"] = list(doc)
    return cached


def ents(doc: Doc) -> tuple[Span, ...]:
    cached = doc.user_data.get("dateline_ents")
    if cached is None:
        cached = doc.user_data["dateline_ents"] = tuple(doc.ents)
    return cached


def ents_in(span: Span) -> list[Span]:
    return [e for e in ents(span.doc) if e.start >= span.start and e.end <= span.end]


def sentence(tok: Token) -> Span:
    """`tok.sent`, which scans the doc for the sentence's bounds on every call, looked up once per doc."""
    def index() -> tuple[list[Span], list[int]]:
        sents, of_token = list(tok.doc.sents), []
        for k, sent in enumerate(sents):
            of_token.extend([k] * len(sent))
        return sents, of_token
    sents, of_token = memo(tok.doc, ("sentences",), index)
    return sents[of_token[tok.i]]


def memo(doc: Doc, key: tuple, make: Callable[[], T]) -> T:
    """A value computed once per doc and key (say, per sentence), not once per row that asks for it:
    a sentence of thousands of figures would otherwise cost the square of its length."""
    cached = doc.user_data.setdefault("dateline_memo", {})
    if key not in cached:
        cached[key] = make()
    return cached[key]


def clear(doc: Doc) -> None:
    """Drop the copies once the extractors are done with the doc."""
    for key in ("dateline_text", "dateline_ents", "dateline_tokens", "dateline_memo"):
        doc.user_data.pop(key, None)
